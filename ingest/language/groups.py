"""The nouns that name a group of council members ("Fraktion", "Gruppe"), from `groups.toml`."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ingest.language import entries
from ingest.language.lexicon import WORD_EDGE_AFTER, WORD_EDGE_BEFORE


def _longest_first(words: Any) -> list[str]:
    return sorted(words, key=lambda w: (-len(w), w))


@cache
def _groups() -> tuple[dict[str, Any], ...]:
    """Entries with longer nouns first, so that "Fraktionsgemeinschaft" is not read as "Fraktion"."""
    return tuple(sorted(entries("groups", "group"), key=lambda e: -max(len(w) for w in e["words"])))


def _source(entry: dict[str, Any], at_word_start: bool, plurals: bool = True) -> str:
    """One entry's nouns as a regex: inside compounds in either case, or as whole words."""
    words = _longest_first(w for w in entry["words"] if plurals or w not in entry.get("plurals", ()))
    prefix = "|".join(re.escape(p) for p in _longest_first(entry.get("prefixes", ())))
    if entry.get("in_compounds"):
        forms = "|".join(f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in words)
        return f"(?:(?:{prefix})?(?:{forms}))" if prefix else f"(?:{forms})"
    edge = "" if at_word_start else WORD_EDGE_BEFORE
    alone = "|".join(re.escape(w) for w in words)
    if not prefix:
        return f"(?:{edge}(?:{alone}){WORD_EDGE_AFTER})"
    compounded = "|".join(re.escape(w[0].lower() + w[1:]) for w in words)
    return f"(?:{edge}(?:(?:{prefix})(?:{compounded})|{alone}){WORD_EDGE_AFTER})"


@cache
def noun(plurals: bool = True) -> str:
    """A regex source for one printed group noun ("Fraktion", the "Fraktion" of "SPD-Fraktion",
    "Stadtratsfraktion", "Fraktionen", "Gruppe"), to be embedded in larger patterns."""
    return "|".join(_source(entry, at_word_start=False, plurals=plurals) for entry in _groups())


@cache
def _noun_pattern() -> re.Pattern[str]:
    return re.compile(noun())


def is_noun(phrase: str) -> bool:
    """The phrase is a group noun and nothing else ("Fraktion", "Fraktionen")."""
    return _noun_pattern().fullmatch(phrase) is not None


def names_group(phrase: str) -> bool:
    """The phrase contains a group noun ("SPD-Fraktion", "Gruppe Volt")."""
    return _noun_pattern().search(phrase) is not None


def is_plural(printed_noun: str) -> bool:
    """ "Fraktionen": the noun names several groups, each named after it."""
    plurals = tuple(p.casefold() for entry in _groups() for p in entry.get("plurals", ()))
    return printed_noun.casefold().endswith(plurals) if plurals else False


@cache
def opening() -> re.Pattern[str]:
    """A group noun opening a group's name ("Fraktion DIE LINKE. im Rat", "Stadtratsfraktion der CSU")."""
    heads = "|".join(_source(entry, at_word_start=True) for entry in _groups())
    return re.compile(rf"^(?:der\s+|die\s+|den\s+)?(?P<head>{heads})\s+(?:von\s+|der\s+)?", re.IGNORECASE)


def label(printed_noun: str) -> str:
    """The label of the group a printed noun names ("Stadtratsfraktion" → "Fraktion")."""
    for entry in _groups():
        if re.fullmatch(_source(entry, at_word_start=True), printed_noun, re.IGNORECASE):
            return str(entry["label"])
    raise ValueError(f"{printed_noun!r} is not a group noun of groups.toml")


@cache
def closing(at_end: bool = True) -> re.Pattern[str]:
    """A group noun closing a group's name after a hyphen ("CSU-Stadtratsfraktion", "CDU – Fraktion");
    with `at_end` false, also where words follow that are not the name's ("FDP-Fraktion im
    Wortlaut", "SPD-Fraktion teilte mit")."""
    tails = "|".join(_source(entry, at_word_start=True) for entry in _groups() if entry.get("in_compounds"))
    return re.compile(rf"(?<=\w)\s*[-–]\s*(?:{tails})" + ("$" if at_end else ""))


@cache
def not_a_name() -> frozenset[str]:
    """Words that open no group's name ("Als Fraktion haben wir …"); see groups.toml."""
    return frozenset(word for entry in entries("groups", "not_a_name") for word in entry["words"])
