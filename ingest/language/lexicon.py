"""Patterns compiled from the language files: kind cues, vote counts, offices, page chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ingest.first_chars import scanning
from ingest.language import entries, words

WORD_EDGE_BEFORE = r"(?<![\wÄÖÜäöüß])"
WORD_EDGE_AFTER = r"(?![\wÄÖÜäöüß])"


def alternatives(forms: tuple[str, ...], case_sensitive: bool = False, gap: str = r"\s+") -> str:
    """A regex alternation of printed forms, longest first, whitespace-tolerant (`gap`: what a space
    between a form's words reads; `[ \t]+` keeps a form on one line).

    The forms that begin with the same character are one branch behind it ("B(?:ürgermeister|M)"):
    the engine tries an alternative after another, and a list of two hundred offices tried at
    every word took milliseconds a document. The same matches: forms whose first characters
    differ cannot match at one position, so only their order within a branch counts, and it is
    kept; forms whose first characters differ only in case share a branch unfactored, for
    patterns that ignore case. With `case_sensitive`, for a pattern that does not ignore case,
    "Stellv." and "stellv." are two branches, each behind its first character."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    if not all(f and not f[0].isspace() and (case_sensitive or _folds_alike(f[0])) for f in ordered):
        return "|".join(_escaped(f, gap) for f in ordered)
    branches: dict[str, list[str]] = {}
    for form in ordered:
        branches.setdefault(form[0] if case_sensitive else form[0].lower(), []).append(form)
    parts: list[str] = []
    for branch in branches.values():
        if len(branch) == 1 or len({f[0] for f in branch}) > 1:
            parts.extend(_escaped(f, gap) for f in branch)
        else:
            parts.append(re.escape(branch[0][0]) + "(?:" + "|".join(_escaped(f[1:], gap) for f in branch) + ")")
    return "|".join(parts)


_FOLDED_ALIKE = frozenset("ÄÖÜäöüß")
"""First characters besides ASCII whose case forms `str.lower` joins as the engine's ignoring case does."""


def _folds_alike(char: str) -> bool:
    return char.isascii() or char in _FOLDED_ALIKE


def as_listed(printed: str) -> str:
    """A form that `alternatives` matched, as its list holds it: the pattern reads any white space
    between the words ("Stimmen⏎⏎   dagegen" in a flattened table), the list has one space."""
    return " ".join(printed.split())


def _escaped(form: str, gap: str = r"\s+") -> str:
    return re.escape(form).replace(r"\ ", gap)


def first_characters(forms: tuple[str, ...]) -> str:
    """A look-ahead for the characters the forms begin with, to put before a pattern of them: the
    engine then passes over every other position at once. Empty where a form begins with white
    space (which the pattern reads as any white space)."""
    if not forms or any(not f or f[0].isspace() for f in forms):
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted({f[0] for f in forms})) + "])"


def gapped(phrase: str) -> str:
    """A regex for a phrase whose parts may stand apart: "…" stands for up to five printed words
    ("mit Änderungen … beschlossen" reads "mit Änderungen im Ausschuss beschlossen"); a full stop
    ends the gap unless it ends a title ("zog Herr Dr. Borchers den Antrag zurück")."""
    parts = [r"\s+".join(re.escape(w) for w in part.split()) for part in phrase.split("…")]
    return r"(?:\s+(?:[^\s.;]+|Dr\.|Prof\.)){0,5}?\s+".join(parts)


@dataclass(frozen=True)
class KindCue:
    kind: str
    start: int
    end: int
    words: int  # how many words the cue has: longer cues are stronger evidence


@cache
def _kind_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (
            entry["kind"],
            re.compile(
                first_characters(tuple(entry["words"]))
                + WORD_EDGE_BEFORE
                + f"(?:{alternatives(tuple(entry['words']))})"
                + WORD_EDGE_AFTER,
                re.I,
            ),
        )
        for entry in entries("kinds", "cue")
    )


def kind_cues(text: str, start: int = 0, end: int | None = None) -> list[KindCue]:
    """Every kind cue in `text[start:end]`, in text order."""
    return list(_kind_cues(text, start, len(text) if end is None else end))


# an article before a verb cue printed with a capital makes it a noun: "das Beantragen von Ausweisen"
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:das|dem|des|beim|zum|vom|im|ein|einem|eines))[ \t]+$", re.IGNORECASE)


def _nominalised(text: str, m: re.Match[str]) -> bool:
    """Is the cue a verb of the list ("beantragen") printed as a noun after an article?"""
    word = m.group(0)
    if not word[:1].isupper() or word.lower() not in _verb_cues():
        return False
    return _ARTICLE_BEFORE.search(text, max(0, m.start() - 8), m.start()) is not None


@cache
def _verb_cues() -> frozenset[str]:
    """The cues the data file lists in lower case: verbs and phrases, never a paper's name."""
    return frozenset(w.lower() for entry in entries("kinds", "cue") for w in entry["words"] if w[:1].islower())


@lru_cache(maxsize=1024)
def _kind_cues(text: str, start: int, stop: int) -> tuple[KindCue, ...]:
    """The readers of one document ask for the cues of the same lines several times."""
    found = [
        KindCue(kind, m.start(), m.end(), len(m.group(0).split()))
        for kind, pattern in _kind_patterns()
        for m in scanning(pattern).finditer(text, start, stop)
        if not _nominalised(text, m)
    ]
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[KindCue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue  # "Änderungsantrag" is not also an "Antrag"
        kept.append(cue)
    return tuple(kept)


@cache
def vote_words(after_number: bool = False) -> dict[str, str]:
    """Printed vote word → count name (for, against, abstentions, present); with `after_number`
    also the words that count only right after their number ("24 für")."""
    keys = ("words", "after_number") if after_number else ("words",)
    return {word: entry["count"] for entry in entries("votes", "count") for key in keys for word in entry.get(key, ())}


@cache
def vote_word_pattern(after_number: bool = False) -> str:
    return alternatives(tuple(vote_words(after_number)))


@cache
def office_words(position_only: bool = False) -> tuple[str, ...]:
    return tuple(
        word
        for entry in entries("offices", "office")
        if entry.get("position") or not position_only
        for word in entry["words"]
    )


@cache
def address_words() -> tuple[str, ...]:
    """The forms of address of offices.toml (its entries without `position`), in its order: "Herr",
    "Frau", "Hr."."""
    forms = (entry["words"] for entry in entries("offices", "office") if not entry.get("position"))
    return tuple(word for words in forms for word in words)


def is_office_word(word: str) -> bool:
    """Is `word` a title of office or a form of address as offices.toml lists it ("Stadtrat", "Herr")?"""
    return word in _office_word_set()


@cache
def _office_word_set() -> frozenset[str]:
    return frozenset(office_words())


@cache
def office_endings() -> tuple[str, ...]:
    """The endings that make a compound a title of office (offices.toml `endings`: "…vorsitzender", "…leiter")."""
    return tuple(w for entry in entries("offices", "office") if entry.get("position") for w in entry.get("endings", ()))


@cache
def _chrome() -> tuple[frozenset[str], tuple[str, ...]]:
    lines = frozenset(line.casefold() for line in words("chrome", "chrome", "lines"))
    prefixes = tuple(prefix.casefold() for prefix in words("chrome", "chrome", "prefixes"))
    return lines, prefixes


_NUMBERS_ONLY = re.compile(r"[\d.…\s]+")


def is_chrome(line: str) -> bool:
    """A menu, button, status or banner line of a council information system or website."""
    value = line.strip(" \t\u00a0*#|-•●").casefold()
    if not value:
        return True
    lines, prefixes = _chrome()
    return value in lines or value.startswith(prefixes) or bool(_NUMBERS_ONLY.fullmatch(value))


@cache
def _standing_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    openings = tuple(o.casefold() for o in words("kinds", "standing_item", "openings"))
    return frozenset(words("kinds", "standing_item")), frozenset(words("kinds", "standing_item", "joiners")), openings


_ITEM_NUMBER = re.compile(r"^\s*(?:TOP\s*)?(?:Ö|NÖ)?\s*\d{1,3}(?:\.\d{1,3})*\.?\s+")
_BRACKETED_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
# the law the item is held under, after its words: "Fragestunde der Einwohner gem. § 33 Abs. 4 GemO"
_LEGAL_BASIS = re.compile(r"\s+(?:gem\.|gemäß|nach|lt\.|laut)\s+§.*$")


@cache
def _question_time_words() -> tuple[frozenset[str], frozenset[str]]:
    items, joiners, _ = _standing_words()
    return items | frozenset(words("kinds", "question_time")), joiners | frozenset(
        words("kinds", "question_time", "joiners")
    )


def is_question_time(heading: str) -> bool:
    """The heading of question time ("Fragen, Vorschläge und Anregungen der Einwohner"): standing
    items and question-time words, joined by their joiners (kinds.toml [[question_time]])."""
    return _made_of(_bare_heading(heading), *_question_time_words())


def _bare_heading(heading: str) -> str:
    """An agenda heading without its item number, a bracketed note or the law it is held under ("6.2 …",
    "… (gemäß § 15 GeschO)", "… gem. § 33 Abs. 4 GemO")."""
    return _ITEM_NUMBER.sub("", _LEGAL_BASIS.sub("", _BRACKETED_NOTE.sub("", heading)))


def _made_of(heading: str, items: frozenset[str], joiners: frozenset[str]) -> bool:
    """Does `heading` hold one of `items` and nothing but items and joiners?"""
    tokens = re.findall(r"[\wäöüÄÖÜß]+|[/,&]", heading)
    return any(t in items for t in tokens) and all(t in items or t in joiners for t in tokens)


def is_standing_item(heading: str) -> bool:
    """An agenda heading every session has ("Anfragen/Bekanntgaben", "Mitteilungen der
    Verwaltung", "Eröffnung der Sitzung"): its words are standing items and the words that join
    them, nothing else; or it opens with the session's own business."""
    items, joiners, openings = _standing_words()
    heading = _bare_heading(heading)
    return heading.strip().casefold().startswith(openings) or _made_of(heading, items, joiners)
