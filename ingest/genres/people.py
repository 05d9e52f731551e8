"""Persons: signature blocks ("gez. Dr. Bodo Meerheim / Vorsitzender der Fraktion") and persons
named in prose."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from ingest import actors
from ingest.actors import is_given_name
from ingest.first_chars import scanning, skipping
from ingest.genres import city, fields
from ingest.language import bodies, entries, groups, lexicon, parties, words
from ingest.records import ActorMention, Spanned
from ingest.text import cells, clean, iter_lines, line_bounds, trim

_SIGNED = re.compile(r"^(?:gez\.?|i\.\s?A\.?|i\.\s?V\.?|I\.\s?A\.?|I\.\s?V\.?|Gez\.?)\s*", re.IGNORECASE)
_SIGNED_ALONE = re.compile(r"[ \t]*(?:gez|Gez|GEZ)\.?[ \t]*")
_CLOSING = re.compile(r"(?:Mit\s+freundlichen|Viele|Beste|Freundliche)\s+Grüße|^Mfg\b|^MfG\b", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:/|,|;|\bund\b|&)\s*|[ \t]{3,}|[ \t]+(?=gez\.)")
_BULLET = re.compile(r"[ \t]*[•·\-–*][ \t]+")  # used with match() at a line start
# "Fraktion DIE LINKE", "und die übrigen Mitglieder der Fraktionen" below a line of names
_FACTION_FOLLOWS = re.compile(
    r"^(?:und\s+)?(?:die\s+)?(?:(?:übrigen|weiteren|anderen)\s+Mitglieder\s+der\s+)?(?:Rats|Stadtrats)?[Ff]raktion"
)
CLOSING_REACH = 8
"""How many lines after "Mit freundlichen Grüßen" still belong to the signature block."""


@cache
def position_line() -> re.Pattern[str]:
    """A line that holds a signer's position (offices.toml [[position_line]]), perhaps with two
    words before the title and four after it."""
    return re.compile(rf"^(?:[\wäöü.\-]+\s+){{0,2}}(?:{_signers_title()})(?:\s+[\wäöüÄÖÜß.\-/‘’']+){{0,4}}$")


@cache
def _signers_title() -> str:
    def listed(key: str) -> str:
        return lexicon.alternatives(words("offices", "position_line", key), case_sensitive=True)

    return (
        rf"(?:{listed('leads')})\s+\w+|{listed('words')}"
        rf"|[\wäöü]+(?:{listed('endings')})|[\wäöü]*(?:{listed('compounds')})"
    )

def _position_at(text: str, start: int, end: int) -> Spanned[str] | None:
    s, e = trim(text, start, end)
    dashed = _DASHED.fullmatch(text, s, e)  # "– Fraktionsvorsitzender –", "(Fraktionsvorsitzender)"
    if dashed is not None:
        inner = "inner" if dashed.group("inner") is not None else "bracketed"
        s, e = dashed.start(inner), dashed.end(inner)
    value = clean(text[s:e])
    if value and position_line().match(value) and len(value) <= 60 and not _dated_or_tabbed(text[s:e]):
        office = _office_before_group().match(value)
        if office is not None and (parties.find(value[office.end() :]) or _GROUP_NAMED.match(value, office.end())):
            # "Fraktionsvorsitzender CDU Stadtverordnetenfraktion": the office, then the group it is held in
            return Spanned(office.group("office"), s, s + office.end("office"))
        return Spanned(value, s, e)
    return None


# a group by its noun, whatever its list is called: "JUPI-Fraktion", "Fraktion Bürger für Bonn"
_GROUP_NAMED = re.compile(r"[\w/&'’]+-(?:Fraktion|Ratsfraktion|Stadtratsfraktion|Gruppe)\b|(?:Fraktion|Gruppe)\b")


_BLOCK_REACH = 3 * CLOSING_REACH
"""How many lines up a block of names, one a line, may reach back to its closing."""


def _block_after_closing(text: str, above: list[tuple[int, int]], closing: Callable[[int, int], bool]) -> bool:
    """Does the line under `above` end a block of names, one a line, that a closing or a lone "gez."
    heads ("Mit freundlichen Grüßen⏎Hajo Steffers⏎Hannes Westkott"), each group's names under its
    name ("gez.⏎Lars Mentrup⏎…⏎SPD/Volt-Fraktion⏎Judith Greif⏎…")?"""
    preceding = [(a, b) for a, b in above if text[a:b].strip()]
    block_start = len(preceding)
    while block_start > 0 and (
        _names(text, *trim(text, *preceding[block_start - 1]))
        or (
            block_start > 1
            and _group_line(text, *preceding[block_start - 1])
            and bool(_names(text, *trim(text, *preceding[block_start - 2])))
        )
    ):
        block_start -= 1
    if block_start == 0:
        return False
    head = preceding[block_start - 1]
    return closing(*head) or _SIGNED_ALONE.fullmatch(text, *head) is not None


def signing_groups(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """The groups a signature block in `text[start:end]` names under their members' names ("gez.⏎
    Lars Mentrup⏎…⏎SPD/Volt-Fraktion⏎Judith Greif⏎…⏎Fraktion Die Grünen Rosa Liste"): they put the
    paper forward."""
    lines = [(a, b) for a, b in iter_lines(text, start, end) if text[a:b].strip()]
    signed = next((i for i, line in enumerate(lines) if _SIGNED_ALONE.fullmatch(text, *line)), None)
    if signed is None:
        return []
    found: list[ActorMention] = []
    for index in range(signed + 2, len(lines)):
        a, b = lines[index]
        if _group_line(text, a, b) and _names(text, *trim(text, *lines[index - 1])):
            s, e = trim(text, a, b)
            group = actors.faction(text[s:e], s, e)
            if group is not None:
                found.append(group)
    return found


def _group_line(text: str, start: int, end: int) -> bool:
    """Is the line a council group's name alone ("SPD/Volt-Fraktion", "Fraktion Die Grünen Rosa Liste")?"""
    s, e = trim(text, start, end)
    line = text[s:e]
    return bool(parties.find(line)) and len(line.split()) <= 6 and ("Fraktion" in line or "fraktion" in line)


def _dated_or_tabbed(line: str) -> bool:
    """Digits (a date, an address) or tabs (columns) outside a party's name ("B'90/Grüne")."""
    for hit in reversed(parties.find(line)):
        line = line[: hit.start] + line[hit.end :]
    return re.search(r"\d|\t", line) is not None


_DASHED = re.compile(r"[–\-][ \t]+(?P<inner>\S(?:.*\S)?)[ \t]+[–\-]|\((?P<bracketed>[^()]+)\)")
@cache
def _office_before_group() -> re.Pattern[str]:
    """An office (perhaps after its rank, offices.toml [[rank]]) and then more words: the group it is held in."""
    ranks = lexicon.alternatives(words("offices", "rank"))
    return re.compile(rf"(?P<office>(?:(?:{ranks})\s*)?(?:{_signers_title()}))\s+(?!der\b|des\b|für\b|im\b|in\b)")


def _names(text: str, start: int, end: int) -> list[ActorMention]:
    """The persons a signature line names, or [] if the line is not only names."""
    return [replace(m) for m in _names_of_line(text, start, end)]


@lru_cache(maxsize=1024)
def _names_of_line(text: str, start: int, end: int) -> tuple[ActorMention, ...]:
    """The readers of one document look at the same lines for signatures several times."""
    s, e = trim(text, start, end)
    line = text[s:e]
    prefix = _SIGNED.match(line.replace("*", ""))
    offset = s + (line.find(prefix.group(0).strip()) + len(prefix.group(0).strip()) if prefix else 0)
    persons: list[ActorMention] = []
    bullet = _BULLET.match(text, offset, e)
    if bullet:
        offset = bullet.end()
    group_after = text.find("//", offset, e)  # "Monika Stein, Angelina Flaig // Eine Stadt für alle"
    e = trim(text, offset, group_after)[1] if group_after > offset else e
    parts = [p.strip(" *_") for p in skipping(_NAME_SEPARATOR).split(text[offset:e])]
    parts = [name for p in parts if p for name in _two_names(_SIGNED.sub("", p))]
    if len(parts) >= 2 and (parties.find(parts[-1]) or groups.names_group(parts[-1])):
        parts = parts[:-1]  # "Marco Marzi, SPD-Stadtratsfraktion": the group the signatory belongs to
    if len(parts) == 2 and _position_text(parts[1]):
        parts = parts[:1]  # "Peter Rauscher, Fraktionsvorsitzender": the position follows the name
    for number, part in enumerate(parts, start=1):
        pos = text.find(part, offset, e)
        office = _trailing_office(part)  # "Robert Bechstädt Stadtrat"
        if office is not None:
            part = part[: office.start()].rstrip()
        mention = actors.person(part, pos, pos + len(part))
        if mention is not None and office is not None:
            mention.position = Spanned(office.group("office"), pos + office.start("office"), pos + office.end("office"))
        if mention is None or len(mention.name.split()) < 2:
            if persons and number == len(parts) and e >= len(text.rstrip()):
                break  # "gez. Clemens Welle, Klaus Lorenz und Pet": the excerpt ends inside the last name
            return ()
        persons.append(mention)
    return tuple(persons)


def _two_names(part: str) -> list[str]:
    """ "Patrick Imcke Helmut Wagner": two full names side by side in a signature line, told apart
    by the second given name (ingest/data/given-names.txt)."""
    words = part.split()
    if len(words) == 4 and is_given_name(words[0]) and is_given_name(words[2]) and not is_given_name(words[1]):
        return [" ".join(words[:2]), " ".join(words[2:])]
    return [part]


def _trailing_office(part: str) -> re.Match[str] | None:
    return _trailing_office_pattern().search(part)


@cache
def _trailing_office_pattern() -> re.Pattern[str]:
    _, office, _ = _offices()
    return re.compile(rf"\s+(?P<office>{office})$")


def _position_text(value: str) -> bool:
    return bool(position_line().match(value)) and len(value) <= 60 and not re.search(r"\d", value)


def _inline_position(text: str, start: int, end: int, name_end: int) -> Spanned[str] | None:
    """The position after the name on the same line ("…, stv. Fraktionsvorsitzende")."""
    rest_start = text.find(",", name_end, end)
    if rest_start < 0:
        return None
    s, e = trim(text, rest_start + 1, end)
    return Spanned(clean(text[s:e]), s, e) if s < e and _position_text(text[s:e]) else None


def signatures(text: str, start: int = 0, end: int | None = None, members: bool = False) -> list[ActorMention]:
    """Persons who sign: "gez. NAME", "i. A. NAME", or a name line over a position line or
    after a closing; with `members`, instead the persons a faction's website lists, each over its
    office, under a heading of its member list (chrome.toml [[members]]): they sign nothing."""
    stop = len(text) if end is None else end
    listing = _lists_members(text)
    if members and not listing:
        return []
    lines = [(ls, le) for ls, le in iter_lines(text, start, stop)]
    known = _lines_of(text)
    closing = _closing_lines(text, start, stop, known.closing)
    any_closing = closing is not _no_closing
    text_end = len(text.rstrip())
    found: list[ActorMention] = []
    for index, (ls, le) in enumerate(lines):
        line = known.lines.get((ls, le))
        if line is None:
            line = known.lines[(ls, le)] = _read_line(text, ls, le)
        s, e, kind = line
        if kind == _NO_NAMES:
            if any_closing and s < e and _right_after_closing(text, lines[max(0, index - 2) : index], closing):
                run = _names_run_together(text, s, e)  # "Paul Yves Ramette Sascha Schäfner"
                found.extend(run if len(run) >= 2 and all(_full_name(p) for p in run) else [])
            continue
        if kind == _WIDE:
            side_by_side: list[ActorMention] = []
            if any_closing:  # else no wide line follows a closing
                side_by_side = _wide_columns(text, s, e, lines[max(0, index - CLOSING_REACH) : index], closing)
            elif e >= text_end:  # the text's last line: signatures side by side end it
                side_by_side = [p for p in _wide_cells(text, s, e) if _full_name(p)]
            below = next(((a, b) for a, b in lines[index + 1 : index + 3] if text[a:b].strip()), None)
            if side_by_side and below is not None:
                _positions_under_cells(text, side_by_side, *below)
            found.extend(side_by_side)
            found.extend(signature_cells(text, s, e))
            continue
        persons = _names(text, s, e)
        signed = bool(_SIGNED.match(text[s:e].replace("*", "")))
        # "UNSERE FRAKTION IM GOTHAER STADTRAT⏎Felix Kalbe⏎Fraktionsvorsitzender": a website's member list
        above = lines[max(0, index - _BLOCK_REACH) : index]
        listed = listing and not signed and _under_members_heading(text, above, closing)
        if listed is not members:
            continue
        following = [(a, b) for a, b in lines[index + 1 : index + 3] if text[a:b].strip()]
        position = _position_at(text, *following[0]) if following else None
        preceding = [(a, b) for a, b in lines[max(0, index - CLOSING_REACH) : index] if text[a:b].strip()]
        after_closing = _block_after_closing(text, lines[max(0, index - _BLOCK_REACH) : index], closing)
        if not after_closing and _BULLET.match(text, s, e):
            after_closing = any(closing(a, b) for a, b in preceding)  # a bulleted signature list
        next_line = text[following[0][0] : following[0][1]].strip() if following else ""
        if following and len(persons) == 1:
            columns = _signature_columns(text, persons[0], *following[0])
            if columns:
                found.extend(columns)
                continue
        if following and len(persons) > 1 and _positions_in_columns(text, persons, *following[0]):
            found.extend(persons)
            continue
        faction_follows = bool(_FACTION_FOLLOWS.match(next_line))
        in_group_block = actors.reads_as_name(text[s:e]) and (
            _block_before_group(text, lines[index + 1 :])
            or (bool(preceding) and actors.reads_as_name(text[slice(*trim(text, *preceding[-1]))]) and faction_follows)
        )
        inline = _inline_position(text, s, e, persons[0].end) if len(persons) == 1 else None
        listed = inline is not None and bool(_BULLET.match(text, s, e))  # "• Name, Fraktionsvorsitzende"
        several = faction_follows and len(persons) > 1
        # "…\n\nWolfgang Neumann Axel Henschke": full names as the text's last lines sign it
        at_end = _names_close(text, persons, lines[index + 1 :])
        if not (signed or position or after_closing or listed or several or in_group_block or at_end):
            continue
        for mention in persons:
            mention.position = position or mention.position or _inline_position(text, s, e, mention.end)
            found.append(mention)
    return found


def signature_cells(text: str, start: int, end: int) -> list[ActorMention]:
    """The signers of a signature table flattened to one line: "Judith Greif Dr. Florian Roth
    Mitglieder des Stadtrates | Lars Mentrup Mitglieder des Stadtrates |" (offices.toml
    [[signature_table]]), each cell's office given to each of its names."""
    if "|" not in text[start:end]:
        return []
    found: list[ActorMention] = []
    for m in _signature_cell().finditer(text, start, end):
        office = Spanned(m.group("office"), m.start("office"), m.end("office"))
        names = _names_run_together(text, m.start("names"), m.end("names"))
        found.extend(replace(name, position=office) for name in names)
    return found


@lru_cache(maxsize=1)
def _signature_cell() -> re.Pattern[str]:
    offices = lexicon.alternatives(words("offices", "signature_table", "offices"))
    return re.compile(rf"(?:^|\|)[ \t]*(?P<names>[^|\n]+?)[ \t]+(?P<office>{offices})[ \t]*(?=\||$)", re.MULTILINE)


_NAME_TOKEN = re.compile(r"(?:(?:Dr|Prof)\.[ \t]*)*(?P<word>[A-ZÄÖÜ][^\s|]*)")


def _names_run_together(text: str, start: int, end: int) -> list[ActorMention]:
    """Full names printed one after another with nothing between: a new name begins at each known
    given name; a stretch of four unknown words is two names of two words."""
    tokens = list(_NAME_TOKEN.finditer(text, start, end))
    if len(tokens) < 2 or trim(text, start, end)[0] != tokens[0].start():
        return []
    groups_: list[list[re.Match[str]]] = []
    for token in tokens:
        if not groups_ or (is_given_name(token.group("word")) and len(groups_[-1]) >= 2):
            groups_.append([token])
        else:
            groups_[-1].append(token)
    found: list[ActorMention] = []
    for group in groups_:
        if len(group) % 2:
            if len(group) != 3:
                return []  # no way to tell where each of these names ends
            pairs = [group]
        else:
            pairs = [group[i : i + 2] for i in range(0, len(group), 2)]
        for pair in pairs:
            ps, pe = pair[0].start("word"), pair[-1].end()
            person = actors.person(text[ps:pe], ps, pe)
            if person is None:
                return []
            found.append(person)
    return found


_NO_NAMES, _WIDE, _NAMES = 0, 1, 2
"""What a line is to `signatures`: no names (empty, tabbed, page chrome or not only names), a line
too wide to be one signature, or a line of names."""


@dataclass
class _KnownLines:
    """What `signatures` read in the lines of one text: the readers of a document's papers and
    statements ask for the signatures of overlapping parts of it, some lines a dozen times."""

    lines: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    """(line start, line end) → (trimmed start, trimmed end, `_NO_NAMES`, `_WIDE` or `_NAMES`)"""
    closing: dict[tuple[int, int], bool] = field(default_factory=dict)
    """(line start, line end) → does the line hold a closing"""


@lru_cache(maxsize=1)
def _lines_of(text: str) -> _KnownLines:
    return _KnownLines()


def _read_line(text: str, start: int, end: int) -> tuple[int, int, int]:
    s, e = trim(text, start, end)
    if s >= e or "\t" in text[s:e] or lexicon.is_chrome(text[s:e]):
        return s, e, _NO_NAMES
    if e - s > 90:
        return s, e, _WIDE
    return s, e, _NAMES if _names_of_line(text, s, e) else _NO_NAMES


def _no_closing(a: int, b: int) -> bool:
    return False


def _closing_lines(
    text: str, start: int, stop: int, known: dict[tuple[int, int], bool]
) -> Callable[[int, int], bool]:
    """Does the line `text[a:b]` of `text[start:stop]` hold a closing? Each line is searched once
    (a line was searched again for each of the eight lines after it); none when the span holds none."""
    # every closing but "MfG" at the text's start ends in "Grüße" (ignoring case, which lower() keeps):
    # the test is a tenth of the cost of running `_CLOSING` over the text
    if "grüße" not in text[start:stop].lower() and not (start == 0 and text[:3].lower() == "mfg"):
        return _no_closing

    def closing(a: int, b: int) -> bool:
        found = known.get((a, b))
        if found is None:
            found = known[(a, b)] = _holds_closing(text, a, b)
        return found

    return closing


def _holds_closing(text: str, a: int, b: int) -> bool:
    """`_CLOSING` in the line `text[a:b]`. Past the text's first character only the closings that end
    in "Grüße" can match ("^" is the text's start): most lines lack the word, which `in` tells at a
    tenth of the pattern's cost."""
    if a > 0 and "grüße" not in text[a:b].lower():
        return False
    return _CLOSING.search(text, a, b) is not None


_LINES_AFTER_A_SIGNATURE = 2


def _names_close(text: str, persons: list[ActorMention], following: list[tuple[int, int]]) -> bool:
    """Do full names with known given names end the text, at most a line or two (a group's name)
    after them?"""
    rest = [(a, b) for a, b in following if text[a:b].strip()]
    return len(rest) <= _LINES_AFTER_A_SIGNATURE and all(
        len(p.name.split()) >= 2 and is_given_name(p.name.split()[0]) for p in persons
    )


def _block_before_group(text: str, following: list[tuple[int, int]]) -> bool:
    """Is this name the first of several, one a line, that "und Fraktion" closes ("Dr. Ulrich
    Reusch⏎Bianca Erdmann-Reusch⏎Peter Müller⏎und Fraktion")?"""
    names = 0
    for ls, le in following:
        s, e = trim(text, ls, le)
        if s >= e:
            return False
        if _names(text, s, e) and actors.reads_as_name(text[s:e]):
            names += 1
            continue
        return names >= 1 and bool(_FACTION_FOLLOWS.match(text[s:e]))
    return False


_WIDE_GAP = re.compile(r"[ \t]{3,}")


def _under_members_heading(text: str, above: list[tuple[int, int]], closing: Callable[[int, int], bool]) -> bool:
    """Does a heading of a faction's member list (chrome.toml [[members]]) stand above, with no closing between?"""
    for a, b in reversed(above):
        if closing(a, b):
            return False
        if _members_heading().match(text, a, b):
            return True
    return False


@cache
def _members_heading() -> re.Pattern[str]:
    headings = lexicon.alternatives(words("chrome", "members", "headings"))
    return re.compile(rf"^[ \t#*]*(?:{headings})\b", re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _lists_members(text: str) -> bool:
    """Does any line of `text` open with a heading of a faction's member list? Asked for every
    signature a document's readers look for; read once."""
    return _members_heading().search(text) is not None


def _right_after_closing(text: str, above: list[tuple[int, int]], closing: Callable[[int, int], bool]) -> bool:
    """Is the last non-empty line of `above` a closing ("Mit freundlichen Grüßen")?"""
    filled = [(a, b) for a, b in above if text[a:b].strip()]
    return bool(filled) and closing(*filled[-1])


def _full_name(person: ActorMention) -> bool:
    """A given name the register knows, then a surname."""
    words = person.name.split()
    return len(words) >= 2 and is_given_name(words[0])


def _wide_columns(
    text: str, start: int, end: int, preceding: list[tuple[int, int]], closing: Callable[[int, int], bool]
) -> list[ActorMention]:
    """Signatures side by side with wide gaps after a closing ("Dr. Cevdet Gürle        Nurcan
    Varol"): each cell one person's name."""
    if not any(closing(a, b) for a, b in preceding):
        return []
    return _wide_cells(text, start, end)


def _wide_cells(text: str, start: int, end: int) -> list[ActorMention]:
    """A line's cells parted by wide gaps, each one person's name, two or more of them."""
    found: list[ActorMention] = []
    for cs, ce in cells(text, start, end, _WIDE_GAP):
        persons = _names(text, cs, ce) if text[cs:ce].strip() else ()
        if len(persons) != 1:
            return []
        found.extend(persons)
    return found if len(found) >= 2 else []


def _gap_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty cells of a line parted by wide gaps, trimmed."""
    return [trim(text, cs, ce) for cs, ce in cells(text, start, end, _WIDE_GAP) if text[cs:ce].strip()]


def _positions_under_cells(text: str, persons: list[ActorMention], start: int, end: int) -> None:
    """Signatures side by side with wide gaps over their positions, one cell each ("Klaus Müller
    Andrea Metz" over "Fraktionsvorsitzender      stellv. Fraktionsvorsitzende")."""
    under = _gap_cells(text, start, end)
    if len(under) != len(persons) or not all(_position_text(clean(text[cs:ce])) for cs, ce in under):
        return
    for person, (cs, ce) in zip(persons, under, strict=True):
        person.position = Spanned(clean(text[cs:ce]), cs, ce)


def _signature_columns(text: str, person: ActorMention, start: int, end: int) -> list[ActorMention]:
    """Signatures printed side by side and flattened into one line each: "Isabelle Hemsley Matthias
    Hartmann" over "Fraktionsvorsitzende Fraktionsmitglied" are two persons of two words, each
    with the position under it."""
    words = list(re.finditer(r"\S+", text[person.start : person.end]))
    positions = list(re.finditer(r"\S+", text[start:end]))
    columns = len(positions)
    if columns < 2 or len(words) != 2 * columns or not any(_position_text(m.group(0)) for m in positions):
        return []
    if not all(re.fullmatch(r"[A-ZÄÖÜ][\wäöüß\-]+", m.group(0)) for m in positions):
        return []
    found: list[ActorMention] = []
    for index, office in enumerate(positions):
        first, last = words[2 * index], words[2 * index + 1]
        s, e = person.start + first.start(), person.start + last.end()
        mention = actors.person(text[s:e], s, e)
        if mention is None:
            return []
        mention.position = Spanned(office.group(0), start + office.start(), start + office.end())
        found.append(mention)
    return found


_POSITION_CELL = re.compile(r"\((?P<bracketed>[^()]{2,60})\)|(?P<word>\S+)")


def _positions_in_columns(text: str, persons: list[ActorMention], start: int, end: int) -> bool:
    """Names side by side over their positions, one cell each ("Patrick Imcke Helmut Wagner" over
    "(Sachkundiger Bürger) (Fraktionsvorsitzender)"): each person takes the position under it."""
    wide = _gap_cells(text, start, end)
    if len(wide) == len(persons) >= 2:  # "Fraktionsvorsitzender      stellv. Fraktionsvorsitzende": cells by their gaps
        under = wide
    else:
        cells_by_word = _POSITION_CELL.finditer(text, start, end)
        under = [(m.start(m.lastgroup or 0), m.end(m.lastgroup or 0)) for m in cells_by_word]
    if len(under) != len(persons) or not any(_position_text(text[s:e]) for s, e in under):
        return False
    if not all(text[s : s + 1].isupper() for s, _ in under) and under is not wide:
        return False  # "Fraktionsvorsitzende und Mitglied": a phrase, not one cell a name
    for person, (s, e) in zip(persons, under, strict=True):
        person.position = Spanned(text[s:e], s, e)
    return True


_BYLINE = re.compile(
    r"^[ \t]*(?:[•·*\-–][ \t]*)?(?:[\d.]+[ \t]*[–-][ \t]*)?[Vv]on[ \t]+"
    rf"(?P<name>{actors.NAME_WORD}[ \t]+{actors.NAME_WORD})[ \t]*(?:[–-][ \t]*)?"
    # a news site's byline may end with the time it was posted ("Von Donald Lyko 03.05.2018, 03:00")
    r"(?:[ \t]+\d{1,2}\.\d{1,2}\.\d{2,4}(?:,?[ \t]+\d{1,2}:\d{2}(?:[ \t]+Uhr)?)?)?[ \t]*$",
    re.MULTILINE,
)


def bylines(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """The author of a web page's article, on a line of its own: "• von Eva Bär",
    "10.04.19 – von Hendrik Fuchs –", "Von Donald Lyko 03.05.2018, 03:00"."""
    stop = len(text) if end is None else end
    found: list[ActorMention] = []
    for m in _BYLINE.finditer(text, start, stop):
        mention = actors.person(m.group("name"), m.start("name"), m.end("name"))
        if mention is not None:
            found.append(mention)
    return found


@cache
def _credit_pattern() -> re.Pattern[str]:
    labels = lexicon.alternatives(words("names", "credit", "labels"), case_sensitive=True)
    name = rf"(?:[A-ZÄÖÜ]\.[ \t]?)?{actors.NAME_WORD}(?:[ \t]+(?:[A-ZÄÖÜ]\.[ \t]+)?{actors.NAME_WORD}){{0,2}}"
    return re.compile(
        rf"(?<![\w\-])(?:{labels})[ \t]*(?:\([cC]\)|©)?[ \t]*:[ \t]*(?:[\w.]+[ \t]*/[ \t]*)?(?P<name>{name})"
        rf"[ \t]*(?=\)|$|[ \t]+(?:{labels})[ \t]*:)",
        re.MULTILINE,
    )


def credits(text: str) -> list[ActorMention]:
    """The persons a page credits for its photos or its text ("Foto: A. Becher", "(Foto: Reiter)",
    names.toml [[credit]])."""
    not_names = frozenset(words("names", "credit", "not_names"))
    found: list[ActorMention] = []
    for m in scanning(_credit_pattern()).finditer(text):
        printed = m.group("name")
        if not_names.intersection(re.split(r"[\s\-]+", printed)) or parties.find(printed):
            continue
        mention = actors.person(printed, m.start("name"), m.end("name"))
        if mention is not None:
            found.append(mention)
    return found


def prose_persons(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Persons named with a form of address or an office ("Herr Stadtrat Progl", "RM Rippel",
    "Wirtschaftsdezernent Leppa", "Frau StRin Linhart") or with their office after the name
    ("Kristin Sturm, SPD-Stadträtin"). The offices are those of ingest/language/offices.toml."""
    stop = len(text) if end is None else end
    return [replace(m) for m in _prose_persons_of(text) if start <= m.start and m.end <= stop]


@lru_cache(maxsize=1)
def _prose_persons_of(text: str) -> tuple[ActorMention, ...]:
    """Read once per text: the readers of a document's papers and statements ask for parts of it."""
    start, stop = 0, len(text)
    found: list[ActorMention] = []
    taken: set[int] = set()
    for mention in (
        *_office_after_name(text, start, stop),
        *_office_held_in_before_name(text, start, stop),
        *_office_comma_address(text, start, stop),
        *_office_before_name(text, start, stop),
        *_paper_by_name(text, start, stop),
        *_name_with_group(text, start, stop),
        *speakers(text, start, stop),
        *full_names(text, start, stop),
    ):
        if mention.start not in taken:
            taken.add(mention.start)
            found.append(mention)
    listed = surname_first(text)  # "Berg, Patrick Conzen, Tim": no "Patrick Conzen" across two pairs
    kept = [m for m in found if not any(p.start < m.end and m.start < p.end for p in listed)]
    found = [_without_genitive_s(m, text) for m in kept]
    found.sort(key=lambda m: m.start)
    return tuple(found)


def _without_genitive_s(mention: ActorMention, text: str) -> ActorMention:
    """A surname in the genitive ("Herrn Röslers", "nach den Worten Sabine Rombachs") is the person
    the text names without the "s" elsewhere ("Herr Rösler"); a surname that ends in "s" is kept."""
    surname = mention.name.rsplit(" ", 1)[-1]
    if not surname.endswith("s") or len(surname) < 4 or is_given_name(surname):  # "Herr Andreas"
        return mention
    base = surname[:-1]
    if re.search(rf"(?<![\w\-]){re.escape(base)}(?![\w\-])", text) is None:
        return mention
    return replace(mention, name=mention.name[:-1])


_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?:der|die|des|dem|den|im|vom|zum|beim|am|ins|ans|einen?|eines?|seine[ms]?|ihre[ms]?)\s+)$", re.I
)


@cache
def _offices() -> tuple[str, str, frozenset[str]]:
    """Regex alternations of forms of address and of titles of office, and the titles that also
    name a body."""
    address = lexicon.address_words()
    titles = (*lexicon.office_words(position_only=True), *_declined_offices())
    endings = lexicon.office_endings()
    bodies = frozenset(w for e in entries("offices", "office") if e.get("also_a_body") for w in e["words"])
    # every pattern of these is tried at each word and none ignores case: one branch behind each first character
    compound = rf"[\w\-]*?(?:{lexicon.alternatives(endings, case_sensitive=True)})" if endings else "(?!)"
    ranks = lexicon.alternatives(words("offices", "rank"), case_sensitive=True)
    # a party or group joined before the title is part of it: "FDP-Gemeinderätin", "CSU/Wählerbund-Sprecher"
    # ("Bündnis 90/Die Grünen-Ratsmitglied")
    party = parties.printed_forms()
    title = lexicon.alternatives(titles, case_sensitive=True)
    after_party = lexicon.alternatives(words("offices", "after_party"), case_sensitive=True)
    titled = rf"(?:(?:{ranks})\s*)?(?:{title}|{compound})"
    office = rf"(?:(?:{party})-(?:(?:{after_party})(?![\w\-])|{titled})|(?:[A-ZÄÖÜ][\w/]*-)?{titled})"
    return lexicon.alternatives(address, case_sensitive=True), office, bodies


def _nominative(office: str) -> str:
    """ "des Ratsherrn" → "Ratsherr" (offices.toml [[declined]]); "SPD-Räte" → "SPD-Rat" ([[after_party]])."""
    if office in _declined_offices():
        return _declined_offices()[office]
    joined, dash, title = office.rpartition("-")
    singular = _after_party_singulars().get(title) if dash else None
    return f"{joined}-{singular}" if singular else office


@cache
def _after_party_singulars() -> dict[str, str]:
    tables = (entry.get("singular", {}) for entry in entries("offices", "after_party"))
    return {plural: one for table in tables for plural, one in table.items()}


@cache
def _declined_offices() -> dict[str, str]:
    """Declined forms of offices and their nominative (offices.toml [[declined]])."""
    return {form: entry["office"] for entry in entries("offices", "declined") for form in entry["forms"]}


@cache
def _office_before_name_pattern() -> re.Pattern[str]:
    address, office, _ = _offices()
    return re.compile(  # the lookahead lets the engine skip every word that is no address or office
        rf"{lexicon.WORD_EDGE_BEFORE}(?=(?:{address}|{office})\s)(?:(?P<addr>{address})\s+)?"
        rf"(?:(?:{office})\s+)*?(?:(?P<office>{office})\s+)?"
        rf"(?P<academic>(?:{actors.ACADEMIC}\s*)*)"
        # a given name's initial may come first: "Frau E. Meyer", "Herr J. Peters"
        rf"(?P<name>(?:[A-ZÄÖÜ]\.[ \t]?)?{actors.NAME_WORD}(?:[ \t]+{actors.NAME_PARTICLE}[ \t]+{actors.NAME_WORD}"
        # a form of address after a name opens the next one ("Frau Britta Dreher Frau Petra Hartig")
        rf"|[ \t]+(?!(?:{address})\s){actors.NAME_WORD}){{0,2}}){lexicon.WORD_EDGE_AFTER}"
    )


@cache
def _office_after_name_pattern() -> re.Pattern[str]:
    _, office, _ = _offices()
    verbs, adverbs, links, to, participles = (
        lexicon.alternatives(words("offices", "elected", key), case_sensitive=True)
        for key in ("verbs", "adverbs", "links", "to", "participles")
    )
    # "Hans Noormann (Grüne) wurde als Erster Beigeordneter wiedergewählt", "Adolf Bergmann, 69, ist der neue …"
    aside = r"(?:[ \t]+\([^()\n]{1,40}\)|,[ \t]+\d{2},)?"
    elected = rf"{aside}[ \t]+(?:{verbs})(?:[ \t]+(?:{adverbs}))?[ \t]+(?:{links})[ \t]+"
    return re.compile(
        rf"(?P<name>{actors.NAME_WORD}[ \t]+{actors.NAME_WORD}(?:[ \t]+{actors.NAME_WORD})?)"
        # "Martin Gams, der Kämmerer", "Thomas Wienken, stellvertretender Fraktionsvorsitzender,", "von
        # Gerhard Malinowski, dem Fraktionsvorsitzenden der CDU,",
        # "Wilfried Weisbrod als Fraktionsvorsitzender der Grünen", "Andreas Glaser zum Bürgermeister ernannt"
        rf"(?:,[ \t]+(?:(?:der|die|dem|den|des)[ \t]+)?|[ \t]+als[ \t]+|{elected}"
        rf"|[ \t]+(?:{to})[ \t]+(?=[^\n.]{{1,60}}?[ \t](?:{participles})\b))"
        rf"(?P<office>{office}){lexicon.WORD_EDGE_AFTER}"
    )


@cache
def _paper_by_name_pattern() -> re.Pattern[str]:
    kinds = lexicon.alternatives(words("submission", "kind_of"))
    return re.compile(
        rf"{lexicon.WORD_EDGE_BEFORE}(?:{kinds})\s+von\s+(?P<name>{actors.NAME_WORD}[ \t]+{actors.NAME_WORD})"
        rf"{lexicon.WORD_EDGE_AFTER}"
    )


@cache
def _speaker_pattern() -> re.Pattern[str]:
    _, office, _ = _offices()
    verbs = lexicon.alternatives(words("speech", "speaker", "verbs"))
    endings = lexicon.alternatives(words("speech", "speaker", "office_endings"))
    party = parties.printed_forms()
    return re.compile(
        rf"(?:[“”\"«»’][ \t]*,?|,)[ \t]*(?:{verbs})[ \t]+(?:(?:{party})[ \t-]+)?(?:(?:{actors.ADDRESS})[ \t]+)?"
        rf"(?:(?P<office>{office}|[A-ZÄÖÜ][\w\-]*?(?:{endings}))[ \t]+)?(?:(?:{actors.ACADEMIC})[ \t]*)*"
        rf"(?P<name>{actors.NAME_WORD}[ \t]+{actors.NAME_WORD}){lexicon.WORD_EDGE_AFTER}(?![ \t]+{actors.NAME_WORD})"
    )


def speakers(text: str, start: int = 0, stop: int | None = None) -> list[ActorMention]:
    """A person a report quotes, named in full after a verb of saying ("…“, so Hans-Georg
    Hansen von der CDU-Fraktion"), with the office printed before the name (speech.toml)."""
    found = []
    for m in scanning(_speaker_pattern()).finditer(text, start, len(text) if stop is None else stop):
        if any(_is_office(word) for word in m.group("name").split()):
            continue  # "so Frau BzStR‘in Schultze-Berndt": an office in a spelling the list lacks
        position = Spanned(m.group("office"), m.start("office"), m.end("office")) if m.group("office") else None
        mention = actors.person(m.group("name"), m.start("name"), m.end("name"), position=position)
        if mention is not None:
            found.append(mention)
    return found


_FULL_NAME = re.compile(  # the look behind follows the capital, so that the engine skips to capitals
    r"(?P<given>[A-ZÄÖÜ](?<![\w\-./].)[a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)"
    rf"(?:[ \t]+(?P<middle>[A-ZÄÖÜ][a-zäöüß]+))?(?:[ \t]+{actors.PROSE_NAME_PARTICLE})?"
    rf"[ \t]+(?P<surname>{actors.NAME_WORD})(?![\w\-])"
)


def full_names(text: str, start: int = 0, stop: int | None = None) -> list[ActorMention]:
    """A person named with a known given name and a surname ("Hans-Georg Hansen", "Gerlinde
    Kraus"), wherever the text names them."""
    found = []
    position, end_of_text = start, len(text) if stop is None else stop
    while (m := _FULL_NAME.search(text, position, end_of_text)) is not None:
        position = m.end("given")  # the next word may open a name: "Dezernent Jan Erik Bohling"
        if not is_given_name(m.group("given")):
            continue
        position = m.end()
        # "Jan Erik Bohling": a second given name; "Harry Hupp Stellvertretener": the surname ends it
        end = m.end("middle") if m.group("middle") and not is_given_name(m.group("middle")) else m.end()
        printed = text[m.start() : end]
        if any(_is_office(word) for word in printed.split()):
            continue
        mention = actors.person(printed, m.start(), end)
        if mention is None:
            continue
        # "Anna Maria" is no full name; "Michael Dieter", "Claus Moritz (UBV)" are, in a list of names, with
        # the group after or an office before
        if not is_given_name(mention.name.split()[-1]) or _named_in_full_by_context(text, m.start(), end):
            found.append(mention)
    return found


_LISTED_NAME_AFTER = re.compile(
    r"[ \t]*(?:\([^()\n]{2,30}\)|,[ \t]*[A-ZÄÖÜ][a-zäöüß]+[ \t]+[A-ZÄÖÜ]"
    r"|[ \t]+und[ \t]+[A-ZÄÖÜ][a-zäöüß]+[ \t]+[A-ZÄÖÜ])"
)
_LISTED_NAME_BEFORE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+[ \t]+[A-ZÄÖÜ][\w\-]+[ \t]*(?:,|\bund|\bsowie)[ \t]*$")
_WORD_BEFORE = re.compile(r"([A-ZÄÖÜ][\w\-]+)[ \t]+$")


def _named_in_full_by_context(text: str, start: int, end: int) -> bool:
    """Is a name of two given names ("Michael Dieter") a person's full name here: one of a list of full
    names, followed by the person's group in brackets, or after a title of office?"""
    if _LISTED_NAME_AFTER.match(text, end) or _LISTED_NAME_BEFORE.search(text, max(0, start - 60), start):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and _is_office(before.group(1))


def _paper_by_name(text: str, start: int, stop: int) -> list[ActorMention]:
    """ "Anfrage von Johann Heller": a person named in full as the one who puts a paper forward."""
    found: list[ActorMention] = []
    for m in scanning(_paper_by_name_pattern()).finditer(text, start, stop):
        span = _name_words(text, m.start("name"), m.end("name"))
        if span is None or span[1] != m.end("name") or parties.find(text[span[0] : span[1]]):
            continue  # "Antrag von Freie Wähler": a list, not a person
        mention = actors.person(text[span[0] : span[1]], span[0], span[1])
        if mention is not None:
            found.append(mention)
    return found


@cache
def _name_with_group_pattern() -> re.Pattern[str]:
    name = rf"(?P<name>{actors.NAME_WORD}(?:[ \t]+{actors.NAME_WORD}){{1,2}})"
    return re.compile(
        rf"(?<![\w\-.]){name}(?:[ \t]*\((?P<party>[^()\n]{{2,30}})\)|[ \t]*,[ \t]*(?P<group>[^\n,]{{2,60}}?)[ \t]*$)",
        re.MULTILINE,
    )


_LIST_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜa-zäöü/\-]{0,2}[A-ZÄÖÜ][A-ZÄÖÜ/\-]*")


def _names_a_list(acronym: str, name: str) -> bool:
    """An unknown local list's initials ("GALL"), not the bracketed short form of the words before
    it ("Progressives Bad Kreuznach (PBK)", "Wireless Local Area Network (WLAN)", "Geschäftsstellen
    Föderales Informationsmanagement (FIM)"): its first letter starts none of those words."""
    initials = "".join(word[0] for word in name.split())
    if _LIST_ACRONYM.fullmatch(acronym) is None:
        return False
    return acronym[0] not in initials and initials not in acronym.upper()


def _name_with_group(text: str, start: int, stop: int) -> list[ActorMention]:
    """A person named in full with their party or list in brackets ("Dominik Rieger (SPD)",
    "Ralf Frühwirt (GALL)"), their office first ("Klaus Hacker (1. Bürgermeister, Freie Wähler)"),
    or with their council group after a comma at the end of a line ("Marco Marzi,
    SPD-Stadtratsfraktion")."""
    found: list[ActorMention] = []
    for m in scanning(_name_with_group_pattern()).finditer(text, start, stop):
        party, group = m.group("party"), m.group("group")
        office = _bracketed_office(text, m.start("party"), m.end("party")) if party is not None else None
        if party is not None and not (office or parties.find(party) or _names_a_list(party.strip(), m.group("name"))):
            continue
        if group is not None and not fields.groups.names_group(group):
            continue
        printed = m.group("name")
        if not actors.reads_as_name(printed) or _name_words(text, m.start("name"), m.end("name")) is None:
            continue
        mention = actors.person(printed, m.start("name"), m.end("name"), position=office)
        if mention is not None:
            found.append(mention)
    return found


def _bracketed_office(text: str, start: int, end: int) -> Spanned[str] | None:
    """The title of office that a bracket after a name opens with, before a comma or the bracket's
    end ("1. Bürgermeister" of "(1. Bürgermeister, Freie Wähler)")."""
    comma = text.find(",", start, end)
    s, e = trim(text, start, comma if comma >= 0 else end)
    return Spanned(clean(text[s:e]), s, e) if s < e and _office_word().fullmatch(text, s, e) else None


@cache
def _office_comma_address_pattern() -> re.Pattern[str]:
    address, office, _ = _offices()
    name = rf"(?:(?P<academic>{actors.ACADEMIC})[ \t]+)?(?P<name>{actors.NAME_WORD}(?:[ \t]+{actors.NAME_WORD})?)"
    # the office may name where it is held: "Der Präsident der Bürgerschaft, Herr Gundlack,"
    held_in = r"(?:[ \t]+(?:der|des)[ \t]+[A-ZÄÖÜ][^,;:.()\n„“\"]{2,50}?)?"
    return re.compile(
        rf"\b[Dd](?:er|ie)[ \t]+(?P<office>(?:{office}){held_in}),[ \t]+(?:{address})[ \t]+{name}[ \t]*,"
    )


def _office_comma_address(text: str, start: int, stop: int) -> list[ActorMention]:
    """An office, then the person holding it between commas after a form of address ("Der
    Bürgermeister, Herr Beyer, beantwortet die Fragen")."""
    found: list[ActorMention] = []
    for m in scanning(_office_comma_address_pattern()).finditer(text, start, stop):
        span = _name_words(text, m.start("name"), m.end("name"))
        if span is None or span[1] != m.end("name"):
            continue
        office = m.group("office")
        position = Spanned(_nominative(office), m.start("office"), m.end("office"))
        mention = actors.person(text[span[0] : span[1]], span[0], span[1], position=position)
        if mention is not None:
            if (m.group("academic") or "").startswith("Dr."):
                mention.honorific = mention.honorific or "Dr."
            found.append(mention)
    return found


def _name_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name words from `start`, without trailing words that are not names."""
    words = text[start:end].split()
    while words and (words[-1] in actors.NOT_A_NAME or _is_office(words[-1])):
        words.pop()
    if not words or any(
        w in actors.NOT_A_NAME or _is_office(w) or _BODY_WORD.search(w) or w in _header_labels() for w in words
    ):
        return None
    name = " ".join(words)
    return (start, start + len(name)) if text.startswith(name, start) else None


@cache
def _header_labels() -> frozenset[str]:
    """One-word labels of a printout's header ("Status", "Gremium"): a line under an office that
    starts with one is the next field, not the office holder's name."""
    return frozenset(label for label in fields.labels("header") if " " not in label and label[:1].isupper())


_BODY_WORD = re.compile(
    r"(?:ausschuss|ausschusses|fraktion|verwaltung|versammlung|schaft|behörde|gremium|gemeinde|hansestadt|verband)$",
    re.I,
)


@cache
def _office_word() -> re.Pattern[str]:
    _, office, _ = _offices()
    return re.compile(office)


def _is_office(word: str) -> bool:
    return bool(_office_word().fullmatch(word))


def _office_before_name(text: str, start: int, stop: int) -> list[ActorMention]:
    address, _, bodies = _offices()
    pattern = _office_before_name_pattern()
    found: list[ActorMention] = []
    position = start
    while (m := pattern.search(text, position, stop)) is not None:
        position = m.start() + 1
        office = (m.group("office") or "").strip()  # of "Vorsitzende OBM Dr. Janik", the office proper
        if not m.group("addr") and not office:
            continue
        if not m.group("addr") and office in bodies and _ARTICLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "der Stadtrat Herrieden beschließt": the body, not a councillor
        if "\n\n" in text[m.start() : m.start("name")]:
            continue  # "… Gemeinderäte⏎⏎Hier: Nachholung": the word heads the next paragraph
        if "\n" in text[m.start() : m.start("name")] and _OPENS_A_SENTENCE.match(text, m.end("name")):
            continue  # "Vereidigung des Oberbürgermeisters⏎Nachdem der dienstälteste …": the next line's sentence
        if not m.group("addr") and " " not in m.group("name").strip() and actors.reads_as_noun(m.group("name")):
            continue  # "dem Bürgermeister Entlastung erteilt", "Stellvertreter Position": a noun, no surname
        if not m.group("addr") and office in bodies and _names_a_place_only(text, m.group("name")):
            continue  # "Stadtrat Dresden: Kurznachrichten", "Gemeinderat Aham": the council of a place
        span = _name_words(text, m.start("name"), m.end("name"))
        if span is None:
            continue
        ns, ne = span
        spanned = Spanned(_nominative(office), m.start("office"), m.start("office") + len(office)) if office else None
        mention = actors.person(text[ns:ne], ns, ne, position=spanned)
        if mention is None:
            continue
        academic = m.group("academic").strip()
        if academic.startswith("Dr."):
            mention.honorific = mention.honorific or "Dr."
        mention.printed = clean(text[m.start() : ne])
        found.append(mention)
        position = ne
        for listed in _listed_after(text, ne, stop, spanned):  # "Stadträte Goldner, Münch und Ipsen"
            found.append(listed)
            position = listed.end
    return found


_OPENS_A_SENTENCE = re.compile(r"[ \t]+(?:[a-zäöüß]+[ \t]+){2}")
"""Two words of small letters after a word: a sentence under way, not a name alone on its line."""


def _names_a_place_only(text: str, name: str) -> bool:
    """Is `name` a municipality's that the text never gives a given name ("Gemeinderat Buchholz" is
    a councillor where "Joachim Buchholz" is named too)?"""
    if city.resolve(name) is None:
        return False
    with_given_name = re.finditer(rf"(?<![\w\-])(?P<given>[A-ZÄÖÜ][a-zäöüß]+)[ \t]+{re.escape(name)}(?![\w\-])", text)
    return not any(is_given_name(m.group("given")) for m in with_given_name)


@cache
def _list_item() -> re.Pattern[str]:
    return re.compile(
        rf"[ \t]*(?:,|\bund\b|\bsowie\b)[ \t]*(?:,[ \t]*)?(?P<name>{actors.NAME_WORD})"
        r"(?=[ \t]*(?:,|\bund\b|\bsowie\b|[.;:)]|$)|[ \t]+[a-zäöüß])"
    )


_ACADEMIC = re.compile(rf"(?:{actors.ACADEMIC})\.?")


def _listed_after(text: str, position: int, stop: int, office: Spanned[str] | None) -> list[ActorMention]:
    """The surnames listed after a person named with an office, each holding that office."""
    found: list[ActorMention] = []
    while (m := _list_item().match(text, position, stop)) is not None:
        ns, ne = m.start("name"), m.end("name")
        word = text[ns:ne]
        title = _is_office(word) or _is_office(f"{word}.") or _ACADEMIC.fullmatch(f"{word}.")
        if title or _name_words(text, ns, ne) is None:
            break  # "Am. Freiwald, Am. Freiherr von Ketteler", "Herren Hardt und Dr. Ponge": another office
        mention = actors.person(text[ns:ne], ns, ne, position=office)
        if mention is None:
            break
        found.append(mention)
        position = ne
    return found


@cache
def _office_held_in_pattern() -> re.Pattern[str]:
    _, office, _ = _offices()
    party = parties.printed_forms()
    return re.compile(
        # the office, then its group in the genitive and a comma or dash, or a party's name alone ("der
        # Fraktionsvorsitzende der SPD Markus Hemberger"); or, after an article, the office alone between
        # commas ("der Stadtverordnetenvorsitzende, Burkhard Schultz,"); then the name.
        # Both begin at a word's edge (the article's \b before a letter is one): tested first, the engine
        # passes over the inside of each word at once instead of trying the optional article there
        rf"{lexicon.WORD_EDGE_BEFORE}(?P<article>\b[Dd](?:er|ie)[ \t]+)?{lexicon.WORD_EDGE_BEFORE}(?P<office>{office})"
        rf"(?:(?=[ \t]+(?:der|des)[ \t])(?P<rest>[^,;:.()\n„“\"]{{3,60}}?)[ \t]*(?:,|[-–])"
        rf"|[ \t]+(?:der|des)[ \t]+(?P<party>(?:{party})(?:-Fraktion)?)(?=[ \t])"
        # the council it is held in, after an article: "der Fraktionsvorsitzende im Stadtrat, Norman Müller"
        rf"|(?(article)(?=[ \t]+(?:im|in[ \t]+der)[ \t])(?P<council>[^,;:.()\n„“\"]{{3,60}}?)[ \t]*,|(?!))"
        rf"|(?(article),(?=[^,\n]{{3,40}},)|(?!)))[ \t]+"
        rf"(?P<name>{actors.NAME_WORD}(?:[ \t]+{actors.NAME_WORD}){{1,2}}){lexicon.WORD_EDGE_AFTER}"
    )


@cache
def _held_in_opening() -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*(?:im|in[ \t]+der)[ \t]+(?:{city.TOWN_ADJECTIVE}[ \t]+)?")


def _council_named_in(place: str) -> str:
    """ "im Altenburger Stadtrat" → "Stadtrat": the council an office is held in."""
    return _held_in_opening().sub("", place).strip()


def _office_held_in_before_name(text: str, start: int, stop: int) -> list[ActorMention]:
    """An office with the group or body it is held in, set before the name ("der Fraktionsvorsitzende
    der CDU - Lars Wedekind", "der Vorsitzende der Freien Demokraten Hille, Nikolaus Netzel")."""
    found: list[ActorMention] = []
    for m in skipping(_office_held_in_pattern()).finditer(text, start, stop):
        office_end = m.end("party") if m.group("party") else m.end("office")
        if m.group("rest"):
            office_end = _complement_end(text, office_end, m.end("rest") + 1, apposition=True)
        if (m.group("rest") and office_end == m.end("office")) or not is_given_name(m.group("name").split()[0]):
            continue
        if m.group("council") and not bodies.is_council(_council_named_in(m.group("council"))):
            continue
        office = Spanned(clean(text[m.start("office") : office_end]), m.start("office"), office_end)
        mention = actors.person(m.group("name"), m.start("name"), m.end("name"), position=office)
        if mention is not None:
            found.append(mention)
    return found


def _office_after_name(text: str, start: int, stop: int) -> list[ActorMention]:
    found: list[ActorMention] = []
    pattern, position = _office_after_name_pattern(), start
    while (m := pattern.search(text, position, stop)) is not None:
        span = _name_words(text, m.start("name"), m.end("name"))
        if span is None or span[1] != m.end("name"):
            # "Auch Thomas Wienken, …": the name may begin at the next word
            position = m.start("name") + len(m.group("name").split()[0])
            continue
        position = m.end()
        ns, ne = span
        if _next_ones_office(text, ns, m.end("office")):
            continue  # "mit Oberbürgermeister Peter Feldmann, Bürgermeister Uwe Becker": the next one's office
        office_end = _complement_end(text, m.end("office"), stop, apposition=True)
        printed = clean(text[m.start("office") : office_end])
        office = Spanned(_elected_nominative(text, m.start("office"), printed), m.start("office"), office_end)
        mention = actors.person(text[ns:ne], ns, ne, position=office)
        if mention is not None:
            mention.printed = clean(text[ns:office_end])
            found.append(mention)
    return found


def _elected_nominative(text: str, office_start: int, office: str) -> str:
    """ "zum stellvertretenden Wehrführer" → "stellvertretender Wehrführer" (offices.toml [[elected]]
    `nominative`): an office declined after the word that tells it taken, in its nominative."""
    before = text[max(0, office_start - 5) : office_start].split()
    ending = _dative_endings().get(before[-1]) if before else None
    if ending is None:
        return office
    return " ".join(word[:-2] + ending if word.endswith("en") else word for word in office.split())


@cache
def _dative_endings() -> dict[str, str]:
    return {to: ending for entry in entries("offices", "elected") for to, ending in entry.get("nominative", {}).items()}


_NAME_AFTER = re.compile(rf"[ \t]+(?:(?:Dr\.|Prof\.)[ \t]*)*{actors.NAME_WORD}")


def _next_ones_office(text: str, name_start: int, office_end: int) -> bool:
    """In a list of offices each before its name ("Oberbürgermeister Peter Feldmann, Bürgermeister
    Uwe Becker"), the office after a comma is the next name's; in a list of names each with the office
    after it ("Christian Eiserloh, Ratsmitglied Harald Fink, Ratsmitglied") it is the one before."""
    if not _NAME_AFTER.match(text, office_end) or parties.find(text, office_end, office_end + 40)[:1]:
        return False
    return _office_before_end().search(text, max(0, name_start - 40), name_start) is not None


@cache
def _office_before_end() -> re.Pattern[str]:
    _, office, _ = _offices()
    return re.compile(rf"(?:{office})[ \t]+$")


_COMPLEMENT = re.compile(r"[ \t]+(?:der|des)[ \t]+[^,;:.()\n„“\"]{3,60}?(?=[ \t]*(?:[,;:.)\n]|$))")


def _complement_end(text: str, office_end: int, stop: int, apposition: bool = False) -> int:
    """Where an office after a name ends: with the group or body it is held in, where the text
    names one in the genitive up to the next punctuation ("Marcel Schmidt, Vorsitzender der
    SSW-Ratsfraktion:"), or, in an `apposition` closed by a comma, any name in the genitive ("…,
    Fraktionsvorsitzender der Unabhängigen Liste Pfullendorf,"); else with the office word, also for a
    group's office whose genitive only names its party and council ("Fraktionsvorsitzender der SPD im
    Rat")."""
    m = _COMPLEMENT.match(text, office_end, stop)
    if m is None:
        return office_end
    complement = m.group(0)
    office_word = text[max(0, office_end - 40) : office_end].rsplit(None, 1)[-1]
    party_in_body = _PARTY_IN_BODY.match(complement)
    if party_in_body and groups.names_group(office_word) and _names_a_party(party_in_body.group(1)):
        return office_end  # "Fraktionsvorsitzender der SPD im Rat der Stadt": the group's office, its party said
    held_in = _PLACE_AFTER.search(complement)  # "Fraktionsvorsitzender der Grünen in Straelen": the party's
    if held_in is not None and _names_a_party(complement[: held_in.start()]):
        return m.start() + held_in.start()
    held_in_group = groups.names_group(complement) or bodies.name_regex().search(complement)
    closed_name = apposition and _PROPER_NAME.fullmatch(complement) and text.startswith(",", m.end())
    if not (held_in_group or _names_a_party(complement) or _names_a_unit(complement) or closed_name):
        return office_end
    trailing = _TRAILING_LOWER.search(complement)  # "… des Bau- und Planungsausschusses dazu"
    return m.start() + (trailing.start() if trailing else len(complement))


_PARTY_IN_BODY = re.compile(r"([ \t]+(?:der|des)[ \t]+.+?)[ \t]+(?:im|in der|in dem)[ \t]+")
_TRAILING_LOWER = re.compile(r"(?:[ \t]+[a-zäöüß][\w-]*)+$")
_PROPER_NAME = re.compile(r"[ \t]+(?:der|des)(?:[ \t]+(?:[A-ZÄÖÜ][\w\-]*|\([A-ZÄÖÜ][\w\-]*\)))+")
"""A genitive that is a name, every word capitalised ("der Unabhängigen Liste Pfullendorf", "der
Bürgernahen (BN)"): closed by a comma, the apposition names whose office it is."""
_PLACE_AFTER = re.compile(r"[ \t]+(?:in|aus)[ \t]+[A-ZÄÖÜ][\w\-]*$")


def _names_a_party(complement: str) -> bool:
    """ "der SPD", "der Grünen", "der Freien Demokraten Hille": the genitive is a party alone, or its
    local branch by the town's name (the office is held in its group)."""
    found = parties.find(complement)
    return len(found) == 1 and _BRANCH_PLACE.fullmatch(complement, found[0].end) is not None


def _names_a_unit(complement: str) -> bool:
    """ "des Fachbereichs Schulen", "des Referats für Bildung": the administrative unit the office is
    held in (answers.toml [[unit]])."""
    return _unit_complement().match(complement) is not None


@cache
def _unit_complement() -> re.Pattern[str]:
    units = lexicon.alternatives(words("answers", "unit"))
    return re.compile(rf"[ \t]+(?:der|des)[ \t]+(?:{units}){lexicon.WORD_EDGE_AFTER}")


_BRANCH_PLACE = re.compile(r"(?:[ \t]+[A-ZÄÖÜ][a-zäöüß][\w\-]*){0,2}[ \t]*")


@cache
def _attendance_pattern() -> re.Pattern[str]:
    labels = lexicon.alternatives(fields.labels("attendance"))
    return re.compile(rf"^[ \t*•\-]*(?:{labels})[ \t]*:[ \t]*(?P<names>\S[^\n]*)", re.M)


_BRACKETED_POSITION = re.compile(r"\((?P<position>[^()]{2,60})\)\s*$")


@cache
def _staff_pattern() -> re.Pattern[str]:
    labels = lexicon.alternatives(fields.labels("staff"))
    word = actors.NAME_WORD
    return re.compile(
        rf"(?<![\w/])(?P<label>{labels})[ \t]*:[ \t]*"
        rf"(?:(?P<surname>{word}),[ \t]*(?P<given>{word}(?:[ \t]+{word})?)|(?P<name>{word}[ \t]+{word}))(?![\w\-])"
    )


def staff(text: str) -> list[ActorMention]:
    """The officer a printout names as working on the paper ("Bearbeiter/-in: Heuer, Karina"),
    surname first or last, with the label as position."""
    found: list[ActorMention] = []
    for m in scanning(_staff_pattern()).finditer(text):
        position = Spanned(m.group("label"), m.start("label"), m.end("label"))
        if m.group("name") is not None:
            person = actors.person(m.group("name"), m.start("name"), m.end("name"), position=position)
        else:
            name = f"{m.group('given')} {m.group('surname')}"
            printed = text[m.start("surname") : m.end("given")]
            person = (
                ActorMention("person", name, printed, m.start("surname"), m.end("given"), position=position)
                if actors.looks_like_person(name)
                else None
            )
        if person is not None:
            found.append(person)
    return found


_SURNAME_FIRST_LIST = 3
"""How many "Surname, Given" pairs make a list of names printed surname first."""


@cache
def _surname_first() -> re.Pattern[str]:
    word = actors.NAME_WORD
    return re.compile(
        rf"(?<![\w\-])(?P<surname>{word}(?:[ \t]+{actors.NAME_PARTICLE}[ \t]+{word})?),[ \t]+(?P<given>{word})"
        r"(?![\w\-])"
    )


_GIVEN_NAME_LIKE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?")  # not "CDU", not "führte:"


@lru_cache(maxsize=1)
def surname_first(text: str) -> tuple[ActorMention, ...]:
    """The persons of a list printed surname first, as flattened attendance tables print them ("Vorsitz
    führte: Petran, Matthias Anwesend: … CDU Berg, Patrick Conzen, Tim vertritt: Schall, Simon"):
    a surname, a comma and a known given name, at least three times in the text. Each is named
    "Given Surname" and keeps the printed form as a label."""
    runs: list[list[re.Match[str]]] = []
    for m in scanning(_surname_first()).finditer(text):
        if not is_given_name(m.group("given")) or is_given_name(m.group("surname")):
            continue
        if runs and not text[runs[-1][-1].end() : m.start()].strip():
            runs[-1].append(m)  # "Berg, Patrick Conzen, Tim": the next pair follows at once
        else:
            runs.append([m])
    found = []
    for run in runs:
        while run and not _may_be_surname(run[0].group("surname")):
            run = run[1:]  # "Gutschmidt aus der CDU-Fraktion, Falk Heidel, Sebastian Hahn": no group is a surname
        if not run:
            continue
        before = re.search(r"(\S+)\s+$", text[max(0, run[0].start() - 40) : run[0].start()])
        if before is not None and _GIVEN_NAME_LIKE.fullmatch(before.group(1)):
            continue  # "Judith Greif, Gunda Krauss, Mo Lüttig": names printed given name first
        for m in run:
            name = f"{m.group('given')} {m.group('surname')}"
            found.append(ActorMention("person", name, m.group(0), m.start(), m.end()))
    return tuple(found) if len(found) >= _SURNAME_FIRST_LIST else ()


def _names_a_group(bracketed: str) -> bool:
    """A bracket after a listed name that holds the person's party or group ("Cornelia Trinkl (CSU)"),
    which is no position."""
    value = bracketed.strip()
    return groups.names_group(value) or parties.canonical(value) is not None


def _may_be_surname(word: str) -> bool:
    """No group, party or office is a surname ("CDU-Fraktion", "SPD", "Bürgermeister")."""
    return not (groups.names_group(word) or parties.find(word) or lexicon.is_office_word(word))


def attendance(text: str) -> list[ActorMention]:
    """The persons a session's attendance list names ("Anwesend: Michael Muster (Ortsbürgermeister),
    Dr. Eva Beispiel (Beigeordnete), Uwe Probe"), with the position in brackets after a name, and
    those of a list printed surname first (`surname_first`)."""
    found: list[ActorMention] = [replace(m) for m in surname_first(text)]
    for m in _attendance_pattern().finditer(text):
        for item in re.finditer(r"[^,;]+", text[m.start("names") : m.end("names")]):
            s, e = trim(text, m.start("names") + item.start(), m.start("names") + item.end())
            bracket = _BRACKETED_POSITION.search(text, s, e)
            name_end = trim(text, s, bracket.start())[1] if bracket else e
            person = actors.person(text[s:name_end], s, name_end)
            if person is None or len(person.name.split()) < 2:
                continue  # "Anwesend: 14" counts, "alle Mitglieder" no one
            if bracket is not None and not _names_a_group(bracket.group("position")):
                person.position = Spanned(bracket.group("position").strip(), *bracket.span("position"))
            found.append(person)
    return found


_LIST_NUMBER = re.compile(r"(?P<n>\d{1,2})\.[ \t]+")
_LIST_REACH = 200
"""How far along its line the next or the last entry of a numbered list may stand."""


def without_list_number(position: Spanned[str], text: str) -> Spanned[str]:
    """A position without the number that counts the entries of a list run into one line ("Anwesend: 1.
    Bürgermeister Detlef Honnens 2. Gemeindevertreter Sascha Heinrich-Missal 3. …"): a rank ("1.
    stellv. Bürgermeister", offices.toml [[rank]]) is a number no entry before or after it continues."""
    m = _LIST_NUMBER.match(position.value)
    if m is None:
        return position
    n = int(m.group("n"))
    line_start, line_end = line_bounds(text, position.start)
    if _ARTICLE_ENDING.search(text, max(line_start, position.start - 8), position.start):
        return position  # "hat der 2. Bürgermeister Christian Ell die Sitzung geleitet": a rank in prose
    after = text[position.end : min(line_end, position.end + _LIST_REACH)]
    before = text[max(line_start, position.start - _LIST_REACH) : position.start]
    if not (_numbered_entry(n + 1).search(after) or (n > 1 and _numbered_entry(n - 1).search(before))):
        return position
    return Spanned(position.value[m.end() :], position.start + m.end(), position.end)


def _numbered_entry(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![\d.])(?<!\b(?:der|des|dem|den|die) ){n}\.[ \t]+[A-ZÄÖÜ]")


_ARTICLE_ENDING = re.compile(r"\b(?:der|des|dem|den|die)[ \t]+$")
