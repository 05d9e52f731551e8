"""Vote counts in every printed form, from the words of `ingest/language/votes.toml`:
"Ja: 17, Nein: 0, Enthaltungen: 2", "bei 13 Enthaltungen und 22 Gegenstimmen", "5⏎Ja-Stimmen",
"6:6:2", "einstimmig mit 17:0"."""

from __future__ import annotations

import re
from functools import cache

from ingest import language
from ingest.first_chars import scanning
from ingest.language import lexicon
from ingest.records import Spanned
from ingest.text import iter_lines

COUNTS = ("for", "against", "abstentions")


@cache
def _word_then_number() -> re.Pattern[str]:
    none = lexicon.alternatives(language.words("votes", "none"))
    return re.compile(
        # a count may run into the next label where a table was flattened: "Ja:10Nein:0Enthaltung:0"
        r"(?<![^\W\d])"
        + rf"(?P<word>{lexicon.vote_word_pattern()})"
        # the count on the same line, or under its label on a line of its own ("Ja-Stimmen:⏎⏎5")
        + r"(?:[ \t]*[:=]?[ \t]*|[ \t]*[:=][ \t]*(?:\n[ \t\u00a0]*){1,4})"
        # "Nein: -", "Enthaltungen: keine": a dash or a word of none in the count's place is none
        + rf"(?:(?P<n>\d{{1,3}})(?![\d.:])|(?<=:)[ \t]*(?P<dash>[-–]|{none})"
        + r"(?=[ \t]*(?:,|;|$|\n)))"
    )


@cache
def _numerals() -> dict[str, int]:
    """Small counts printed as words (votes.toml [[numeral]]), by their lower-case form."""
    (entry,) = language.entries("votes", "numeral")
    return {word.lower(): int(value) for word, value in entry["values"].items()}


@cache
def _number_then_word() -> re.Pattern[str]:
    # the number on the same line, or alone on the line above the word (a blank line between)
    numeral = lexicon.alternatives(tuple(_numerals()))
    return re.compile(
        rf"(?:(?<![\d.:])(?P<n>\d{{1,3}})|{lexicon.WORD_EDGE_BEFORE}(?P<numeral>(?i:{numeral})))"
        r"(?:[ \t]+|[ \t]*\n(?:[ \t\u00a0]*\n)?[ \t]*)"
        rf"(?P<word>{lexicon.vote_word_pattern(after_number=True)})" + lexicon.WORD_EDGE_AFTER
    )


# a count printed as a word counts only before a vote word that is a noun of votes
_VOTE_NOUN = re.compile(r"(?i)stimm|enthalt")


def _suspended_vote_noun(text: str, word_end: int) -> bool:
    """Is the vote word joined to a count of votes named as a noun right after it, as the first half of a
    compound the later word completes ("acht Nein-, zwei Ja-Stimmen") or beside it ("elf Nein und acht
    Ja-Stimmen")?"""
    joined = _JOINED_COUNT.match(text, word_end) is not None
    return joined and _VOTE_NOUN.search(text, word_end, word_end + 40) is not None


_JOINED_COUNT = re.compile(r"-?[ \t]*(?:,|und\b)")


@cache
def _told_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    """ "36 Ratsmitglieder stimmten dafür", "zwei enthielten sich", "votierten 23 Ratsmitglieder für":
    a count told in a sentence (votes.toml [[told]]); and each phrase's count."""
    (entry,) = language.entries("votes", "told")
    phrases = {phrase: count for count in COUNTS for phrase in entry[count]}
    members = lexicon.alternatives(tuple(entry["members"]))
    verbs = lexicon.alternatives(tuple(entry["verbs"]))
    numeral = lexicon.alternatives(tuple(_numerals()))
    number = rf"(?:(?<![\d.:])(?P<n>\d{{1,3}})|{lexicon.WORD_EDGE_BEFORE}(?P<numeral>(?i:{numeral})))"
    # the phrases that are a lone preposition ("für", "gegen") count only after the members
    verb_phrases = lexicon.alternatives(tuple(p for p in phrases if " " in p))
    prepositions = lexicon.alternatives(tuple(p for p in phrases if " " not in p))
    pattern = re.compile(
        rf"(?:{lexicon.WORD_EDGE_BEFORE}(?P<verb>{verbs})[ \t]+)?{number}"
        rf"(?:[ \t]+(?P<members>{members}))?[ \t]+(?P<phrase>{verb_phrases}|{prepositions})"
        + lexicon.WORD_EDGE_AFTER
    )
    return pattern, phrases


def _told_counts(text: str, start: int, end: int) -> list[tuple[int, str, Spanned[int]]]:
    pattern, phrases = _told_forms()
    found: list[tuple[int, str, Spanned[int]]] = []
    for m in scanning(pattern).finditer(text, start, end):
        phrase = " ".join(m.group("phrase").split())
        if " " not in phrase and not (m.group("members") and m.group("verb")):
            continue  # "für 2021", "gegen 18 Uhr": a preposition counts only in "votierten 23 Räte für"
        group = "n" if m.group("n") is not None else "numeral"
        n = _count(m.group(group))
        found.append((m.start(), phrases[phrase], Spanned(n, m.start(group), m.end(group))))
    return found


def told(text: str, start: int, end: int) -> dict[str, Spanned[int]]:
    """The first count of each kind a report tells in its sentences (votes.toml [[told]]) and no
    other: "36 Ratsmitglieder stimmten dafür, 14 stimmten dagegen"."""
    found: dict[str, Spanned[int]] = {}
    for _, count, value in sorted(_told_counts(text, start, end), key=lambda h: h[0]):
        found.setdefault(count, value)
    return found


_COLON_FORM = re.compile(
    r"(?<![\d.:])(?P<a>\d{1,3})[ \t]*:[ \t]*(?P<b>\d{1,3})(?:[ \t]*:[ \t]*(?P<c>\d{1,3}))?(?![\d.:])"
)


@cache
def _ratio_form() -> re.Pattern[str]:
    """ "mit 58 zu 8 Stimmen": for before against, joined by a word (votes.toml [[ratio]])."""
    separators = lexicon.alternatives(language.words("votes", "ratio", "separators"))
    after = lexicon.alternatives(language.words("votes", "ratio", "after"))
    # small counts may be printed as words: "mit 16 zu sechs Stimmen", "mit 14 gegen neun Stimmen"
    number = rf"(?:\d{{1,3}}|(?i:{lexicon.alternatives(tuple(_numerals()))}))"
    return re.compile(
        rf"(?<![\d.:\w])(?P<a>{number})[ \t]+(?:{separators})[ \t]+(?P<b>{number})[ \t]+(?:{after})\b"
    )


def _count(printed: str) -> int:
    """A count printed in digits or as a word ("sechs")."""
    return int(printed) if printed.isdigit() else _numerals()[printed.lower()]


_LABEL_COLON = re.compile(r"[ \t]*[:=]")
_NOT_A_VOTE_AFTER = re.compile(r"[ \t]*(?:Uhr|h\b|-[ \t]*\d)")


def _time_mark(text: str, m: re.Match[str]) -> bool:
    """ "1:36:49" alone on its line: the position in a session's recording, not a vote."""
    if m.groupdict().get("c") is None:  # two numbers, or a ratio in words
        return False
    line_start, line_end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
    alone = not text[line_start : m.start()].strip() and not text[m.end() : None if line_end < 0 else line_end].strip()
    clock = len(m.group("a")) == 1 and all(len(m.group(g)) == 2 and int(m.group(g)) < 60 for g in ("b", "c"))
    return alone and clock


def _zero_padded(m: re.Match[str]) -> bool:
    """ "Zeit: 19:00 - 22:07", "von 19:00 bis 21:45": a count is never printed with a leading zero;
    a clock's minutes are."""
    return any(len(n) == 2 and n.startswith("0") for n in (m.groupdict().get(g) or "" for g in ("b", "c")))


_NUMBER_LINE = re.compile(r"[ \t\u00a0]*(?P<n>\d{1,3})[ \t\u00a0]*")


@cache
def _label_cell() -> re.Pattern[str]:
    """A cell that holds a vote word alone ("Ja-Stimmen", "Enthaltung:")."""
    return re.compile(rf"[ \t\u00a0]*(?P<word>{lexicon.vote_word_pattern()})[ \t\u00a0]*:?[ \t\u00a0]*")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty lines of `text[start:end]`: a flattened table's cells."""
    return [(ls, le) for ls, le in iter_lines(text, start, end) if text[ls:le].strip(" \t\u00a0")]


def _label_columns(
    text: str, cells: list[tuple[int, int]], words: dict[str, str]
) -> list[tuple[int, str, Spanned[int]]]:
    """A vote table flattened to one cell a line, its labels first and then their counts in the
    same order ("Ja-Stimmen⏎Nein-Stimmen⏎Enthaltungen⏎12⏎0⏎0")."""
    label = _label_cell()
    found: list[tuple[int, str, Spanned[int]]] = []
    index = 0
    while index < len(cells):
        labels: list[re.Match[str]] = []
        while index + len(labels) < len(cells):
            m = label.fullmatch(text, *cells[index + len(labels)])
            if m is None:
                break
            labels.append(m)
        numbers: list[re.Match[str]] = []
        for ls, le in cells[index + len(labels) : index + 2 * len(labels)]:
            n = _NUMBER_LINE.fullmatch(text, ls, le)
            if n is None:
                break
            numbers.append(n)
        if len(labels) >= 2 and len(numbers) == len(labels):
            for m, n in zip(labels, numbers, strict=True):
                count = words[lexicon.as_listed(m.group("word"))]
                found.append((m.start(), count, Spanned(int(n.group("n")), n.start("n"), n.end("n"))))
            index += 2 * len(labels)
        else:
            index += max(1, len(labels))
    return found


_TOTAL_COLUMN = re.compile(r"[ \t\u00a0]*(?:Gesamt|Summe|Insgesamt)[ \t\u00a0]*:?[ \t\u00a0]*")


def _total_rows(text: str, cells: list[tuple[int, int]], words: dict[str, str]) -> dict[str, Spanned[int]]:
    """A vote table by group flattened to one cell a line, with a total column ("Partei⏎FW⏎CDU⏎…⏎
    Gesamt⏎Ja-Stimmen⏎5⏎2⏎…⏎15⏎Nein-Stimmen⏎3⏎…"): each row's last count is its total (empty
    cells are lost in the flattening, so the columns cannot be told apart)."""
    label = _label_cell()
    total = next((i for i, cell in enumerate(cells) if _TOTAL_COLUMN.fullmatch(text, *cell)), None)
    if total is None:
        return {}
    found: dict[str, Spanned[int]] = {}
    index = total + 1
    while index < len(cells):
        m = label.fullmatch(text, *cells[index])
        if m is None:
            break
        counts = []
        index += 1
        while index < len(cells) and (n := _NUMBER_LINE.fullmatch(text, *cells[index])) is not None:
            counts.append(n)
            index += 1
        count = words[lexicon.as_listed(m.group("word"))]
        if len(counts) >= 2 and int(counts[-1].group("n")) == sum(v.value for v in found.values()) + int(
            counts[-2].group("n")
        ):
            counts.pop()  # the table's grand total closes its last row ("Enthaltung⏎1⏎1⏎2⏎25")
        if counts and count in COUNTS and count not in found:
            last = counts[-1]
            found[count] = Spanned(int(last.group("n")), last.start("n"), last.end("n"))
    return found if len(found) >= 2 else {}


def read(text: str, start: int, end: int) -> dict[str, Spanned[int]]:
    """The first printed count of each kind (for, against, abstentions) in `text[start:end]`."""
    words = lexicon.vote_words(after_number=True)
    cells = _cells(text, start, end)
    by_group = _total_rows(text, cells, words)
    if by_group:
        return by_group
    found: dict[str, Spanned[int]] = {}
    hits: list[tuple[int, str, Spanned[int]]] = []
    for m in _word_then_number().finditer(text, start, end):
        group = "n" if m.group("n") is not None else "dash"
        n = int(m.group("n")) if group == "n" else 0
        hits.append((m.start(), words[lexicon.as_listed(m.group("word"))], Spanned(n, m.start(group), m.end(group))))
    for m in _number_then_word().finditer(text, start, end):
        group = "n" if m.group("n") is not None else "numeral"
        if group == "numeral" and not (_VOTE_NOUN.search(m.group("word")) or _suspended_vote_noun(text, m.end("word"))):
            continue
        line_start = text.rfind("\n", 0, m.start(group)) + 1
        alone = "\n" in text[m.end(group) : m.start("word")]
        if alone and text[line_start : m.start(group)].strip():
            continue  # "Stimmberechtigte: 9⏎Ja-Stimmen: 9": the 9 belongs to its own line
        if alone and _LABEL_COLON.match(text, m.end("word")):
            continue  # "anwesend:⏎6⏎Ja-Stimmen:⏎5": a label's count follows it
        count = words[lexicon.as_listed(m.group("word"))]
        n = _count(m.group(group))
        hits.append((m.start(), count, Spanned(n, m.start(group), m.end(group))))
    hits += _label_columns(text, cells, words)
    hits += _told_counts(text, start, end)
    # "mit 5 gegen 40 Stimmen abgelehnt": the numbers of a ratio in words are its two counts, not
    # "5 gegen" (five against) and "40 Stimmen"
    in_ratios = [(m.start(), m.end()) for m in _ratio_form().finditer(text, start, end)]
    hits = [h for h in hits if not any(s <= h[2].start < e for s, e in in_ratios)]
    taken: set[int] = set()
    for _, count, value in sorted(hits, key=lambda h: h[0]):
        if count in COUNTS and count not in found and value.start not in taken:
            found[count] = value
            taken.add(value.start)
    if "for" not in found and "against" not in found:
        ratios = _ratio_form().finditer(text, start, end)
        for m in (*_COLON_FORM.finditer(text, start, end), *ratios):
            if _NOT_A_VOTE_AFTER.match(text, m.end()) or re.search(
                r"(?:Zeit|Uhr|Beginn|Ende)\W*$", text[max(0, m.start() - 12) : m.start()]
            ):
                continue
            if _time_mark(text, m) or _zero_padded(m):
                continue
            for name, group in zip(COUNTS, ("a", "b", "c"), strict=True):
                if m.groupdict().get(group) is not None and name not in found:
                    found[name] = Spanned(_count(m.group(group)), m.start(group), m.end(group))
            break
    return found
