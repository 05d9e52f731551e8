"""The document's own city and the other cities it names, resolved through the gazetteer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from councilgraph.uris import slugify
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

    def by_slug(self, slug: str) -> Any: ...


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


def own_city(text: str, min_weight: int = 1) -> tuple[City, CityMention] | None:
    """The city the document belongs to: the most weighty self-reference that the gazetteer
    knows (only phrases of at least `min_weight`)."""
    scores: Counter[str] = Counter()
    first: dict[str, tuple[City, CityMention]] = {}
    for pattern, weight in SELF_REFERENCES:
        if weight < min_weight:
            continue
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


@dataclass(frozen=True)
class CityDecision:
    """The council's city and the cue that decided it (for `--explain`)."""

    city: City | None
    cue: str
    start: int = -1
    end: int = -1


_DOMAIN = re.compile(r"(?:https?://|www\.|@)(?P<host>[a-z0-9][a-z0-9.\-]*\.de)\b", re.IGNORECASE)
_HOST_NOISE = {
    "www", "de", "stadt", "gemeinde", "rat", "ratsinfo", "buergerinfo", "ris", "sessionnet", "allris",
    "bi", "sdnet", "rathaus", "landeshauptstadt", "hansestadt", "kreisstadt", "mail", "info", "online",
    "fraktion", "gruene", "spd", "cdu", "csu", "fdp", "linke", "afd", "piraten", "volt", "die",
}
_COUNCIL_WORD = re.compile(
    r"\b(?:Stadtrat|Gemeinderat|Rat\s+der|Stadtverordnetenversammlung|Gemeindevertretung|Bürgerschaft"
    r"|Stadtverwaltung|Oberbürgermeister(?:in)?|Bürgermeister(?:in)?|Magistrat)\b"
)


def decide(text: str, explicit: str | None = None, folder: str | None = None) -> CityDecision:
    """The council's city from every cue, strongest first: the user's `--city` or sidecar, the
    letterhead and signature block, postal addresses, the city's web and mail domains, council
    words together with the city most often named, the folder's name."""
    if explicit:
        city = resolve(explicit)
        return CityDecision(city, f"given: {explicit}")
    found = own_city(text, min_weight=2)
    if found is not None:
        return CityDecision(found[0], "letterhead or signature", found[1].start, found[1].end)
    for cue, finder in (
        ("date line of a letter", _place_of_date_line),
        ("district of a city-state", _city_state_district),
        ("postal address", _postcode_city),
        ("inhabitants' adjective", _demonym_city),
    ):
        hit = finder(text)
        if hit is not None:
            return CityDecision(hit[0], cue, hit[1], hit[2])
    found = own_city(text, min_weight=1)
    if found is not None:
        return CityDecision(found[0], "postal address", found[1].start, found[1].end)
    for m in _DOMAIN.finditer(text):
        city = _city_of_host(m.group("host"))
        if city is not None:
            return CityDecision(city, f"web or mail domain {m.group('host')}", m.start("host"), m.end("host"))
    if _COUNCIL_WORD.search(text):
        most = _most_named_german_city(text)
        if most is not None:
            return CityDecision(most[0], "council words and the city most often named", most[1], most[2])
    if folder:
        city = resolve(folder.replace("_", " ").replace("-", " ")) or resolve(folder)
        if city is not None:
            return CityDecision(city, f"folder name {folder}")
    return CityDecision(None, "no cue")


_DATE_LINE = re.compile(
    r"(?:^|\s)(?P<name>[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]*\([^)\n]{2,20}\))?),[ \t]*(?:den[ \t]+)?"
    r"\d{1,2}\.[ \t]*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zäöü]+)",
    re.MULTILINE,
)
_DISTRICT_BODY = re.compile(
    r"\b(?:Bezirksamt(?:es|s)?|Bezirksversammlung|Bezirksverordnetenversammlung|Bezirk)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][\wäöüß\-]+)"
)
_POSTCODE = re.compile(
    r"(?<![\d/.,-])(?:D-)?(?P<plz>\d{5})[ \t]+(?P<name>[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]+[\wäöüß.()\-]+){0,3})"
)
_DEMONYM = re.compile(r"\b(?P<word>[A-ZÄÖÜ][a-zäöüß]{2,}er)\b")
CITY_STATES = {"Berlin": "berlin", "Hamburg": "hamburg", "Bremen": "bremen"}
HEAD_CHARACTERS = 800


def _entry_city(entry: Any) -> City:
    return City(entry.name, entry.slug)


def _place_of_date_line(text: str) -> tuple[City, int, int] | None:
    """ "Kreuzau, 10.03.2016", "Bochum, den 24. März 2021": a letter's place and date."""
    for m in _DATE_LINE.finditer(text):
        city = resolve(m.group("name"))
        if city is not None:
            return city, m.start("name"), m.end("name")
    return None


def _city_state_district(text: str) -> tuple[City, int, int] | None:
    """ "Bezirksamt Neukölln", "Bezirksversammlung Wandsbek": districts of Berlin and Hamburg."""
    index = _index()
    if index is None:
        return None
    for m in _DISTRICT_BODY.finditer(text):
        entry = index.find(m.group("name"))
        state = getattr(entry, "state", None)
        if state in CITY_STATES:
            city_state = index.by_slug(CITY_STATES[state])
            if city_state is not None:
                return _entry_city(city_state), m.start("name"), m.end("name")
    return None


def _postcode_city(text: str) -> tuple[City, int, int] | None:
    """ "13437 Berlin", "06108 Halle (Saale)": the municipality of the postcode that the printed
    name confirms, else the postcode's only municipality."""
    index = _index()
    if index is None or not hasattr(index, "by_postcode"):
        return None
    for m in _POSTCODE.finditer(text):
        entries = index.by_postcode(m.group("plz"))
        if not entries:
            continue
        named = resolve(m.group("name")) or resolve(m.group("name").split()[0])
        for entry in entries:
            if named is not None and entry.slug == named.slug:
                return _entry_city(entry), m.start("name"), m.end("name")
        if len(entries) == 1:
            return _entry_city(entries[0]), m.start("plz"), m.end("plz")
    return None


def _demonym_city(text: str) -> tuple[City, int, int] | None:
    """ "der Kaarster Grünen", "Flensburger Ratsfraktionen": a city's adjective in the head."""
    index = _index()
    if index is None:
        return None
    for m in _DEMONYM.finditer(text, 0, min(len(text), HEAD_CHARACTERS)):
        word = m.group("word")
        for stem in (word[:-2], word[:-2] + "en", word[:-3] + "en", word[:-1]):
            entry = index.by_slug(slugify(stem)) if len(stem) >= 3 else None
            if entry is not None and getattr(entry, "country", "") == "DE" and getattr(entry, "population", 0) >= 5000:
                return _entry_city(entry), m.start(), m.end()
    return None


def _city_of_host(host: str) -> City | None:
    labels = host.lower().split(".")[:-1]
    for label in reversed(labels):
        parts = [p for p in label.split("-") if p and p not in _HOST_NOISE]
        for candidate in ("-".join(parts), *parts):
            if len(candidate) < 3:
                continue
            index = _index()
            entry = index.by_slug(candidate) if index is not None and hasattr(index, "by_slug") else None
            if entry is not None and getattr(entry, "country", "DE") == "DE":
                return City(entry.name, entry.slug)
    return None


def _most_named_german_city(text: str) -> tuple[City, int, int] | None:
    index = _index()
    if index is None:
        return None
    counts: Counter[str] = Counter()
    first: dict[str, tuple[City, int, int]] = {}
    for entry, s, e in index.mentions(text):
        if getattr(entry, "country", "DE") != "DE":
            continue
        counts[entry.slug] += 1
        first.setdefault(entry.slug, (City(entry.name, entry.slug), s, e))
    if not counts:
        return None
    best = max(counts, key=lambda slug: (counts[slug], -first[slug][1]))
    return first[best]
