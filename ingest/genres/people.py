"""Persons: signature blocks ("gez. Dr. Bodo Meerheim / Vorsitzender der Fraktion") and persons
named in prose."""

from __future__ import annotations

import re

from ingest import actors
from ingest.records import ActorMention, Spanned
from ingest.text import clean, iter_lines, trim

_POSITION = (
    r"(?:Ober-?)?[Bb]ürgermeister(?:in)?|Beigeordnete[r]?|Fraktionsvorsitzende[r]?|Vorsitzende[r]?"
    r"|Stellvertretende[r]?\s+\w+|Stadtr(?:at|ätin)|Ratsmitglied|Ratsfrau|Ratsherr|Referent(?:in)?|Dezernent(?:in)?"
    r"|Amtsleiter(?:in)?|Stadtdirektor(?:in)?|Geschäftsführer(?:in)?|Fraktionsgeschäftsführer(?:in)?"
    r"|Landrat|Landrätin|Stadtkämmerer(?:in)?|Stadtschulrätin|Stadtschulrat|[\wäöü]+referent(?:in)?"
    r"|Leiter(?:in)?|[\wäöü]*[Ss]precher(?:in)?|Stadtverordnete[r]?|Gemeinderat|Gemeinderätin|CDO"
)
POSITION_LINE = re.compile(rf"^(?:[\wäöü.\-]+\s+){{0,2}}(?:{_POSITION})(?:\s+[\wäöüÄÖÜß.\-]+){{0,4}}$")
_SIGNED = re.compile(r"^(?:gez\.?|i\.\s?A\.?|i\.\s?V\.?|I\.\s?A\.?|I\.\s?V\.?|Gez\.?)\s*", re.IGNORECASE)
_CLOSING = re.compile(r"(?:Mit\s+freundlichen|Viele|Beste|Freundliche)\s+Grüße|^Mfg\b|^MfG\b", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s*(?:/|,|;|\bund\b|&)\s*|[ \t]{3,}")
_BULLET = re.compile(r"^[ \t]*[•·\-–*][ \t]+")
_FACTION_FOLLOWS = re.compile(r"^(?:und\s+)?(?:die\s+)?(?:Rats|Stadtrats)?[Ff]raktion")
CLOSING_REACH = 8
"""How many lines after "Mit freundlichen Grüßen" still belong to the signature block."""

_NAME = rf"{actors.NAME_WORD}(?:[ \t]+{actors.NAME_WORD}){{0,2}}"
_PROSE_PERSON = re.compile(
    rf"(?:(?P<addr>\bHerrn?|\bFrau)[ \t]+)"
    rf"(?P<pos>(?:(?:Stadtrat|Stadträtin|Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Beigeordnete[r]?"
    rf"|Dr\.|Prof\.)[ \t]+)*)(?P<name>{_NAME})"
    rf"|(?P<pos2>\b(?:Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Beigeordnete[r]?))[ \t]+"
    rf"(?P<title2>(?:Dr\.|Prof\.)[ \t]+)*(?P<name2>{_NAME})"
    rf"|(?P<pos3>\b(?:[\wäöü]*Referent(?:en|in)?|Dezernent(?:en|in)?|Beigeordnete[nr]?)),[ \t]+"
    rf"(?P<name3>{actors.NAME_WORD}[ \t]+{actors.NAME_WORD}),",
)


def _position_at(text: str, start: int, end: int) -> Spanned[str] | None:
    s, e = trim(text, start, end)
    value = clean(text[s:e])
    if value and POSITION_LINE.match(value) and len(value) <= 60 and not re.search(r"\d|\t", text[s:e]):
        return Spanned(value, s, e)
    return None


def _names(text: str, start: int, end: int) -> list[ActorMention]:
    """The persons a signature line names, or [] if the line is not only names."""
    s, e = trim(text, start, end)
    line = text[s:e]
    prefix = _SIGNED.match(line.replace("*", ""))
    offset = s + (line.find(prefix.group(0).strip()) + len(prefix.group(0).strip()) if prefix else 0)
    persons: list[ActorMention] = []
    bullet = _BULLET.match(text, offset, e)
    if bullet:
        offset = bullet.end()
    parts = [p.strip(" *_") for p in _NAME_SEPARATOR.split(text[offset:e])]
    parts = [p for p in parts if p]
    if len(parts) == 2 and _position_text(parts[1]):
        parts = parts[:1]  # "Peter Rauscher, Fraktionsvorsitzender": the position follows the name
    for part in parts:
        pos = text.find(part, offset, e)
        mention = actors.person(part, pos, pos + len(part))
        if mention is None or len(mention.name.split()) < 2:
            return []
        persons.append(mention)
    return persons


def _position_text(value: str) -> bool:
    return bool(POSITION_LINE.match(value)) and len(value) <= 60 and not re.search(r"\d", value)


def _inline_position(text: str, start: int, end: int, name_end: int) -> Spanned[str] | None:
    """The position after the name on the same line ("…, stv. Fraktionsvorsitzende")."""
    rest_start = text.find(",", name_end, end)
    if rest_start < 0:
        return None
    s, e = trim(text, rest_start + 1, end)
    return Spanned(clean(text[s:e]), s, e) if s < e and _position_text(text[s:e]) else None


def signatures(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Persons who sign: "gez. NAME", "i. A. NAME", or a name line over a position line or
    after a closing."""
    stop = len(text) if end is None else end
    lines = [(ls, le) for ls, le in iter_lines(text, start, stop)]
    found: list[ActorMention] = []
    for index, (ls, le) in enumerate(lines):
        s, e = trim(text, ls, le)
        if s >= e or e - s > 90 or "\t" in text[s:e]:
            continue
        persons = _names(text, s, e)
        if not persons:
            continue
        signed = bool(_SIGNED.match(text[s:e].replace("*", "")))
        following = [(a, b) for a, b in lines[index + 1 : index + 3] if text[a:b].strip()]
        position = _position_at(text, *following[0]) if following else None
        preceding = [(a, b) for a, b in lines[max(0, index - CLOSING_REACH) : index] if text[a:b].strip()]
        after_closing = bool(preceding) and bool(_CLOSING.search(text, *preceding[-1]))
        if not after_closing and _BULLET.match(text, s, e):
            after_closing = any(_CLOSING.search(text, a, b) for a, b in preceding)  # a bulleted signature list
        next_line = text[following[0][0] : following[0][1]].strip() if following else ""
        faction_follows = bool(_FACTION_FOLLOWS.match(next_line))
        if not (signed or position or after_closing or (faction_follows and len(persons) > 1)):
            continue
        for mention in persons:
            mention.position = position or _inline_position(text, s, e, mention.end)
            found.append(mention)
    return found


def prose_persons(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Persons named with a form of address or an office: "Herr Stadtrat Progl",
    "Oberbürgermeister Wiegand"."""
    stop = len(text) if end is None else end
    found: list[ActorMention] = []
    for m in _PROSE_PERSON.finditer(text, start, stop):
        group = "name" if m.group("name") else "name2" if m.group("name2") else "name3"
        ns, ne = m.start(group), m.end(group)
        words = text[ns:ne].split()
        while words and words[-1] in actors.NOT_A_NAME:
            words.pop()
        if not words or any(w in actors.NOT_A_NAME for w in words):
            continue
        name = " ".join(words)
        ne = ns + len(name)
        office = (m.group("pos") or m.group("pos2") or m.group("pos3") or "").strip()
        title = "Dr." if "Dr." in (office + (m.group("title2") or "")) else None
        office = re.sub(r"\b(?:Dr|Prof)\.\s*", "", office).strip()
        pos_group = "pos" if m.group("pos") else "pos2"
        position = (
            Spanned(office, m.start(pos_group), m.start(pos_group) + len(office))
            if office and not m.group("pos3")
            else None
        )
        mention = actors.person(name, ns, ne, position=position)
        if mention is None:
            continue
        mention.honorific = mention.honorific or title
        mention.printed = clean(text[m.start() : ne])
        found.append(mention)
    return found
