"""The document's own city and the other cities it names, resolved through the gazetteer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from ingest.records import CityMention
from ingest.text import line_bounds

_NAME = (
    r"(?P<name>[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]*\([^)\n]{2,20}\))?"
    r"(?:[ \t]+(?:am|an[ \t]+der|in[ \t]+der|im)[ \t]+[A-ZÄÖÜ][\wäöüß\-]+)?)"
)
# Phrases in which a document names its own city, with their weight.
SELF_REFERENCES: tuple[tuple[re.Pattern[str], int], ...] = (
    (
        re.compile(
            r"\b(?:Rat|Stadtrat|Gemeinderat|Oberbürgermeister(?:in)?"
            r"|Bürgermeister(?:in)?)[ \t]+der[ \t]+"
            r"(?:Stadt|Landeshauptstadt|Hansestadt|Gemeinde)[ \t\n]+" + _NAME
        ),
        4,
    ),
    (
        re.compile(
            r"\b(?:Landeshauptstadt|Hansestadt|Universitätsstadt|Stadtverwaltung|Stadtrat"
            r"|Stadt)[ \t]+" + _NAME
        ),
        2,
    ),
    (re.compile(r"(?:\bD-)?\b\d{5}[ \t]+" + _NAME), 1),
)
_NOT_A_CITY = {"Halle GmbH", "Stadt", "Rat", "Verwaltung"}


@dataclass(frozen=True)
class City:
    name: str
    slug: str


class _Index(Protocol):
    def find(self, name: str) -> Any: ...

    def mentions(self, text: str) -> list[tuple[Any, int, int]]: ...


@cache
def _index() -> _Index | None:
    try:
        from councilgraph.gazetteer import city_index
    except ImportError:
        return None
    return city_index()


@lru_cache(maxsize=4096)
def resolve(name: str) -> City | None:
    """The gazetteer city of a printed name ("Halle (Saale)", "München", "Muenchen")."""
    index = _index()
    if index is None:
        return None
    entry = index.find(name)
    if entry is None:
        bare = re.sub(r"\s*\(.*\)$", "", name).strip()
        entry = index.find(bare) if bare != name else None
    return City(entry.name, entry.slug) if entry is not None else None


def own_city(text: str) -> tuple[City, CityMention] | None:
    """The city the document belongs to: the most weighty self-reference that the gazetteer
    knows."""
    scores: Counter[str] = Counter()
    first: dict[str, tuple[City, CityMention]] = {}
    for pattern, weight in SELF_REFERENCES:
        for m in pattern.finditer(text):
            name = m.group("name")
            if name in _NOT_A_CITY:
                continue
            city = resolve(name) or resolve(name.split()[0])
            if city is None:
                continue
            bonus = 2 if m.start() < 1500 else 1
            scores[city.slug] += weight * bonus
            if city.slug not in first or m.start() < first[city.slug][1].start:
                first[city.slug] = (city, CityMention(city.name, m.start("name"), m.end("name")))
    if not scores:
        return None
    best = max(scores, key=lambda slug: (scores[slug], -first[slug][1].start))
    return first[best]


_BOILERPLATE = re.compile(
    r"@|^\s*(?:Von|An|Cc|Gesendet)\s*:|\b\d{5}\s+[A-ZÄÖÜ]|str(?:\.|aße)\s*\d|platz\s+\d",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:das|dem|des|ein|einem|zum|beim)\s+)$", re.IGNORECASE)


def mentioned(text: str, start: int, end: int, own_slug: str | None) -> list[CityMention]:
    """Cities named in `text[start:end]` other than the document's own, once each, in order."""
    index = _index()
    if index is None:
        return []
    found: dict[str, CityMention] = {}
    for entry, s, e in index.mentions(text[start:end]):
        s, e = s + start, e + start
        if entry.slug == own_slug or entry.slug in found:
            continue
        ls, le = line_bounds(text, s)
        if _BOILERPLATE.search(text, ls, le) or _ARTICLE_BEFORE.search(text[max(0, s - 12) : s]):
            continue
        found[entry.slug] = CityMention(entry.name, s, e)
    return list(found.values())


def slug_of(mention: CityMention) -> str | None:
    city = resolve(mention.name)
    return city.slug if city else None
