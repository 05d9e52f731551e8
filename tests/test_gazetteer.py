"""The city gazetteer: its content, slugs, and the lookup extractors use."""

from __future__ import annotations

import gzip
import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from councilgraph.city_index import place_words
from councilgraph.gazetteer import (
    MENTION_MIN_POPULATION,
    POSTCODES_PATH,
    CityIndex,
    GazetteerCity,
    build_gazetteer,
    city_index,
    gazetteer_cities,
    gazetteer_path,
    municipalities_for_postcode,
    postcode_table,
    postcodes_to_csv,
    read_postcodes,
    to_turtle,
)
from councilgraph.gazetteer import _municipality_slugs as municipality_slugs
from councilgraph.gazetteer_sources import (
    SOURCES_DIR,
    GazetteerSourceError,
    Municipality,
    read_municipalities,
    read_postcode_places,
)
from councilgraph.namespaces import CG
from councilgraph.reference import data_dir, reference_graph
from councilgraph.uris import slugify

BASE = "http://localhost:5000/"
DOCUMENTS = Path(__file__).resolve().parent.parent / "examples" / "documents"
OLD_SLUGS = Path(__file__).resolve().parent / "data" / "gazetteer" / "slugs-before-municipalities.txt"


def city(slug: str) -> URIRef:
    return URIRef(f"{BASE}id/city/{slug}")


@pytest.fixture(scope="module")
def gazetteer() -> Graph:
    return reference_graph("gazetteer", BASE)


@pytest.fixture(scope="module")
def index() -> CityIndex:
    return city_index()


@pytest.fixture(scope="module")
def cities() -> list[GazetteerCity]:
    return gazetteer_cities()


def test_committed_files_are_what_the_build_writes(cities: list[GazetteerCity]) -> None:
    assert to_turtle(cities) == gazetteer_path().read_text(encoding="utf-8")
    table = postcode_table(read_municipalities(), read_postcode_places())
    assert postcodes_to_csv(table) == POSTCODES_PATH.read_text(encoding="utf-8")


def test_the_graph_is_the_committed_file(gazetteer: Graph) -> None:
    assert set(build_gazetteer(BASE)) == set(gazetteer)


def _municipalities(gazetteer: Graph) -> set[URIRef]:
    return {s for s in gazetteer.subjects(CG.municipalityKey, None) if isinstance(s, URIRef)}


def test_every_german_municipality_with_keys_state_and_place(gazetteer: Graph) -> None:
    municipalities = _municipalities(gazetteer)
    assert len(municipalities) >= 10_000
    keys = set()
    for subject in municipalities:
        key = str(gazetteer.value(subject, CG.municipalityKey))
        regional = str(gazetteer.value(subject, CG.regionalKey))
        assert re.fullmatch(r"\d{8}", key) and re.fullmatch(r"\d{12}", regional), subject
        assert regional[:5] == key[:5] and regional[9:] == key[5:], subject
        keys.add(key)
        assert gazetteer.value(subject, CG.federalState) is not None, subject
        assert gazetteer.value(subject, CG.district) is not None, subject
        assert gazetteer.value(subject, CG.countryCode) == Literal("DE"), subject
        population = gazetteer.value(subject, CG.population)
        assert isinstance(population, Literal) and population.toPython() >= 0, subject
        latitude = gazetteer.value(subject, URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"))
        assert isinstance(latitude, Literal) and 47 < latitude.toPython() < 55.1, subject
    assert len(keys) == len(municipalities)
    states = {str(gazetteer.value(s, CG.federalState)) for s in municipalities}
    assert len(states) == 16


def test_the_german_places_of_geonames_are_kept(gazetteer: Graph) -> None:
    german = set(gazetteer.subjects(CG.countryCode, Literal("DE")))
    linked = {s for s in german if any("geonames" in str(o) for o in gazetteer.objects(s, OWL.sameAs))}
    assert len(linked) == 1139
    for subject in linked:
        assert gazetteer.value(subject, CG.federalState) is not None


def test_cities_abroad_that_papers_name(gazetteer: Graph) -> None:
    for slug, german, english in (
        ("amsterdam", "Amsterdam", "Amsterdam"),
        ("barcelona", "Barcelona", "Barcelona"),
        ("new-york", "New York", "New York City"),
        ("wien", "Wien", "Vienna"),
        ("rom", "Rom", "Rome"),
        ("warschau", "Warschau", "Warsaw"),
        ("bruessel", "Brüssel", "Brussels"),
    ):
        assert (city(slug), RDFS.label, Literal(german, lang="de")) in gazetteer
        assert (city(slug), RDFS.label, Literal(english, lang="en")) in gazetteer
        assert gazetteer.value(city(slug), CG.federalState) is None


def test_sample_cities(gazetteer: Graph) -> None:
    expected = {
        "muenchen": ("München", "Munich", "Bayern", "09162000", "2867714", "Q1726"),
        "halle-saale": (
            "Halle (Saale)", "Halle (Saale)", "Sachsen-Anhalt", "15002000", "2911522", "Q2814"
        ),
        "bochum": ("Bochum", "Bochum", "Nordrhein-Westfalen", "05911000", "2947416", "Q2103"),
        "chemnitz": ("Chemnitz", "Chemnitz", "Sachsen", "14511000", "2940132", "Q2795"),
    }
    for slug, (german, english, state, key, geonames, wikidata) in expected.items():
        subject = city(slug)
        assert (subject, RDF.type, CG.City) in gazetteer
        assert (subject, RDFS.label, Literal(german, lang="de")) in gazetteer
        assert (subject, RDFS.label, Literal(english, lang="en")) in gazetteer
        assert gazetteer.value(subject, CG.federalState) == Literal(state)
        assert gazetteer.value(subject, CG.municipalityKey) == Literal(key)
        same = set(gazetteer.objects(subject, OWL.sameAs))
        assert URIRef(f"https://sws.geonames.org/{geonames}/") in same
        assert URIRef(f"http://www.wikidata.org/entity/{wikidata}") in same
        latitude = gazetteer.value(subject, URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"))
        assert isinstance(latitude, Literal)
        assert latitude.datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _old_slugs() -> dict[str, str]:
    lines = OLD_SLUGS.read_text(encoding="utf-8").splitlines()
    return dict(line.split() for line in lines if line and not line.startswith("#"))


def test_slugs_of_the_earlier_gazetteer_are_unchanged(gazetteer: Graph) -> None:
    old = _old_slugs()
    assert len(old) == 1996
    for slug, geonames_id in old.items():
        same = set(gazetteer.objects(city(slug), OWL.sameAs))
        assert URIRef(f"https://sws.geonames.org/{geonames_id}/") in same, slug


def test_slugs_are_unique_and_follow_the_german_name(cities: list[GazetteerCity]) -> None:
    slugs = [c.slug for c in cities]
    assert len(slugs) == len(set(slugs))
    old = _old_slugs()
    for entry in cities:
        if entry.country == "DE" and entry.slug not in old:
            base = slugify(entry.name_de)
            assert entry.slug == base or entry.slug.startswith(base + "-"), entry


def _municipality(key: str, name: str, district: str, official: str | None = None) -> Municipality:
    return Municipality(
        municipality_key=key, regional_key=key[:5] + "0000" + key[5:], name=name,
        official_name=official or name, other_names=(), state="Bayern", district=f"Landkreis {district}",
        district_short=district, is_town=False, population=100, postcode="", latitude=None, longitude=None,
    )


def test_slug_rule_for_new_municipalities() -> None:
    municipalities = [
        _municipality("09188117", "Berg", "Starnberg"),
        _municipality("09475113", "Berg", "Hof"),
        _municipality("01054035", "Garding", "Nordfriesland", "Garding, Kirchspiel"),
        _municipality("01054036", "Garding", "Nordfriesland", "Garding, Stadt"),
        _municipality("13075101", "Neuenkirchen", "Vorpommern-Greifswald"),
        _municipality("13075102", "Neuenkirchen", "Vorpommern-Greifswald"),
        _municipality("09999001", "Averlak", "Dithmarschen"),
        _municipality("09999002", "Bochum", "Irgendwo"),
    ]
    assert municipality_slugs(municipalities, taken={"bochum"}) == {
        "09188117": "berg-starnberg",
        "09475113": "berg-hof",
        "01054035": "garding-kirchspiel",
        "01054036": "garding-stadt",
        "13075101": "neuenkirchen-13075101",
        "13075102": "neuenkirchen-13075102",
        "09999001": "averlak",
        "09999002": "bochum-irgendwo",
    }


def test_known_municipalities(gazetteer: Graph) -> None:
    expected = {
        # slug: AGS, ARS, district, town, official name
        "halle-saale": ("15002000", "150020000000", "Halle (Saale)", True, "Halle (Saale), Stadt"),
        "muenchen": ("09162000", "091620000000", "München", True, "München, Landeshauptstadt"),
        "bochum": ("05911000", "059110000000", "Bochum", True, "Bochum, Stadt"),
        "chemnitz": ("14511000", "145110000000", "Chemnitz", True, "Chemnitz, Stadt"),
        "averlak": ("01051003", "010515163003", "Kreis Dithmarschen", False, None),
        "marne": ("01051072", "010515166072", "Kreis Dithmarschen", True, "Marne, Stadt"),
        "wald-sigmaringen": ("08437118", "084375004118", "Landkreis Sigmaringen", False, None),
    }
    for slug, (key, regional, district, town, official) in expected.items():
        subject = city(slug)
        assert gazetteer.value(subject, CG.municipalityKey) == Literal(key), slug
        if regional is not None:
            assert gazetteer.value(subject, CG.regionalKey) == Literal(regional), slug
        assert gazetteer.value(subject, CG.district) == Literal(district), slug
        assert (gazetteer.value(subject, CG.isTown) == Literal(True)) is town, slug
        assert gazetteer.value(subject, CG.officialName) == (Literal(official) if official else None), slug
    assert (city("averlak"), RDFS.label, Literal("Averlak", lang="de")) in gazetteer
    assert gazetteer.value(city("averlak"), CG.population) == Literal(554)
    assert (city("cottbus"), SKOS.altLabel, Literal("Chóśebuz")) in gazetteer
    assert (city("bautzen"), SKOS.altLabel, Literal("Budyšin")) in gazetteer


def test_cities_validate_against_the_city_shape(gazetteer: Graph) -> None:
    subjects = sorted(_municipalities(gazetteer))[::97] + [city(s) for s in ("halle-saale", "cottbus", "wien")]
    sample = Graph()
    for subject in subjects:
        for triple in gazetteer.triples((subject, None, None)):
            sample.add(triple)
    shapes = Graph().parse(data_dir("shapes") / "councilgraph-shapes.ttl", format="turtle")
    conforms, report, text = validate(sample, shacl_graph=shapes, allow_warnings=True)
    assert conforms, text
    assert len(set(sample.subjects(RDF.type, CG.City))) == len(subjects)


def test_the_two_halles_are_kept_apart(gazetteer: Graph) -> None:
    assert (city("halle-westf"), RDFS.label, Literal("Halle (Westf.)", lang="de")) in gazetteer
    assert gazetteer.value(city("halle-westf"), CG.federalState) == Literal("Nordrhein-Westfalen")
    assert (city("halle"), None, None) not in gazetteer


def test_every_place_without_municipality_key_is_linked_to_geonames(gazetteer: Graph) -> None:
    for subject in set(gazetteer.subjects(RDF.type, CG.City)) - _municipalities(gazetteer):
        same = {str(o) for o in gazetteer.objects(subject, OWL.sameAs)}
        assert any(o.startswith("https://sws.geonames.org/") for o in same), subject


@pytest.mark.parametrize(
    ("printed", "slug"),
    [
        ("Halle (Saale)", "halle-saale"),
        ("Stadt Halle (Saale)", "halle-saale"),
        ("Stadt Halle", "halle-saale"),
        ("Halle an der Saale", "halle-saale"),
        ("Halle/Saale", "halle-saale"),
        ("Halle (Westf.)", "halle-westf"),
        ("Landeshauptstadt München", "muenchen"),
        ("München", "muenchen"),
        ("Munich", "muenchen"),
        ("Bochum", "bochum"),
        ("Rat der Stadt Bochum", "bochum"),
        ("Oberbürgermeister der Stadt Bochum", "bochum"),
        ("Chemnitz", "chemnitz"),
        ("Frankfurt a. M.", "frankfurt-am-main"),
        ("Frankfurt (Oder)", "frankfurt-oder"),
        ("Freiburg i. Br.", "freiburg-im-breisgau"),
        ("Wien", "wien"),
        ("Vienna", "wien"),
        ("New York", "new-york"),
        ("Köln", "koeln"),
        ("Freie und Hansestadt Hamburg", "hamburg"),
        ("Valencia", "valencia"),
        ("Frankfurt am Main, Stadt", "frankfurt-am-main"),
        ("Halle (Saale), Stadt", "halle-saale"),
        ("München, Landeshauptstadt", "muenchen"),
        ("Cottbus/Chóśebuz, Stadt", "cottbus"),
        ("Chóśebuz", "cottbus"),
        ("Averlak", "averlak"),
        ("Gemeinde Averlak", "averlak"),
        ("Garding, Kirchspiel", "garding-kirchspiel"),
        ("Weißwasser/O.L.", "weisswasser"),
        ("Wennigsen", "wennigsen-deister"),
        ("Gemeinde Wennigsen", "wennigsen-deister"),
        ("Lübben", "luebben-spreewald"),
        ("Ostseebad Boltenhagen", "boltenhagen"),  # a spa's designation before the name
        ("des Ostseebades Boltenhagen", "boltenhagen"),
        ("Kurort Oybin", "oybin"),
        ("Heilbad Heiligenstadt", "heilbad-heiligenstadt"),  # where the designation is part of the name
    ],
)
def test_find_a_printed_city_name(index: CityIndex, printed: str, slug: str) -> None:
    found = index.find(printed)
    assert found is not None and found.slug == slug


def test_find_unknown_names(index: CityIndex) -> None:
    assert index.find("Musterstadt") is None
    assert index.find("") is None


def test_a_name_without_its_bracketed_river_is_found_only_where_no_other_place_begins_with_it(index: CityIndex) -> None:
    """Röthenbach (Allgäu) and Röthenbach a.d. Pegnitz, Heringen (Werra) and Heringen/Helme: the bare
    name is either of them, so it names neither; the full names still name each."""
    assert index.find("Röthenbach") is None and index.find("Heringen") is None
    assert {index.find(n).slug for n in ("Röthenbach (Allgäu)", "Heringen (Werra)")} == {  # type: ignore[union-attr]
        "roethenbach-allgaeu",
        "heringen-werra",
    }
    assert [m[0].slug for m in index.mentions("Der Antrag der Piraten in der Gemeinde Wennigsen", 0)] == [
        "wennigsen-deister"
    ]


def test_city_entry_iri(index: CityIndex) -> None:
    found = index.find("Halle (Saale)")
    assert found is not None
    assert found.iri("https://example.org") == URIRef("https://example.org/id/city/halle-saale")
    assert found.state == "Sachsen-Anhalt"


def _slugs(index: CityIndex, text: str) -> list[str]:
    return [entry.slug for entry, _start, _end in index.mentions(text)]


def test_mentions_in_sentences_of_the_samples(index: CityIndex) -> None:
    muenchen = (
        "Die Städte Amsterdam, Barcelona und New York sind in der „Cities Coalition for Digital "
        "Rights“ übereingekommen, die digitalen Rechte ihrer Bürgerinnen und Bürger sowie der "
        "Besucherinnen und Besucher zu schützen und zu fördern. Eine Mitgliedschaft der "
        "Landeshauptstadt in der Initiative wird dieses Anliegen auch in München entscheidend "
        "voranbringen und die internationale Vernetzung Münchens in diesem Bereich stärken."
    )
    assert _slugs(index, muenchen) == ["amsterdam", "barcelona", "new-york", "muenchen", "muenchen"]
    halle = (
        "Das Bündnis besteht aus 49 Städten, darunter München, Berlin und Leipzig, die ihre "
        "Erfahrungen in dem Bereich austauschen."
    )
    assert _slugs(index, halle) == ["muenchen", "berlin", "leipzig"]
    chemnitz = (
        "Die Städte Dortmund (<http://gleft.de/3UV>) und München (<http://gleft.de/3UW>) könnten "
        "dabei bei der Erarbeitung eines solchen Konzeptes als Vorbilder dienen."
    )
    assert _slugs(index, chemnitz) == ["dortmund", "muenchen"]
    halle_short = (
        "E-Mobilität, Check-In-Apps, Online-Abfragen etc. sind in Halle fester Bestandteil."
    )
    assert _slugs(index, halle_short) == ["halle-saale"]


def test_mention_offsets_cover_the_printed_name(index: CityIndex) -> None:
    text = "Antrag der Fraktion DIE LINKE im Stadtrat Halle (Saale) zur Mitgliedschaft"
    [(entry, start, end)] = index.mentions(text)
    assert entry.slug == "halle-saale"
    assert text[start:end] == "Halle (Saale)"


def test_mentions_skip_common_words(index: CityIndex) -> None:
    text = (
        "Die Stadt ist in der Lage, das Essen aus öffentlichen Geldern zu bezahlen; Waren und "
        "Dienstleistungen werden in der Mitte des Jahres im Norden ausgeschrieben. "
        "Herr Hagen sprach in der Sporthalle, die Halle war voll. Bochumer Innenstadt."
    )
    assert _slugs(index, text) == []
    assert _slugs(index, "Der Rat der Stadt Lage und die Stadt Essen") == ["lage", "essen"]
    # a time over a line break, an adjective or a possessive before the word
    text = "zum wiederholten Male beantragt; ab Mitte\nOktober tagt er; er wählt aus seiner Mitte einen Sprecher"
    assert _slugs(index, text) == []
    assert _slugs(index, "Die Strecke zwischen Halle und Leipzig") == ["halle-saale", "leipzig"]
    # a district of many towns
    assert _slugs(index, "WLAN-Router in der Mainzer Neustadt, in Altstadt und Neustadt") == []
    assert _slugs(index, "Das Buskonzept wird im Lauf des Jahres 2015 umgesetzt.") == []


def test_names_that_are_also_common_nouns_are_places_only_where_they_read_as_places(index: CityIndex) -> None:
    assert _slugs(index, "Dabei können die Kosten für Druck und Porto gespart werden.") == []
    assert _slugs(index, "Der Standort Burg Rabenstein wäre denkbar.") == []
    assert _slugs(index, "Burg und Stendal praktizieren das schon.") == ["burg-bei-magdeburg", "stendal"]


def test_mentions_in_whole_documents(index: CityIndex) -> None:
    expected = {
        "bochum_20210691_aenderungsantrag_smart-city.txt": {"bochum"},
        "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt": {
            "chemnitz", "dortmund", "muenchen",
        },
        "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt": {
            "halle-saale", "muenchen", "berlin", "leipzig",
        },
        "muenchen_14-20-V_sitzungsvorlage_cities-coalition.txt": {
            "muenchen", "amsterdam", "barcelona", "new-york",
        },
    }
    for name, slugs in expected.items():
        text = (DOCUMENTS / name).read_text(encoding="utf-8")
        assert set(_slugs(index, text)) == slugs, name


def test_entry_carries_keys_district_town_and_postcodes(index: CityIndex) -> None:
    halle = index.by_municipality_key("15002000")
    assert halle is not None and halle.slug == "halle-saale"
    assert halle.is_municipality and halle.is_town and halle.is_mentionable
    assert (halle.regional_key, halle.district, halle.state) == ("150020000000", "Halle (Saale)", "Sachsen-Anhalt")
    assert "06108" in halle.postcodes and not halle.name_shared
    averlak = index.find("Averlak")
    assert averlak is not None and averlak.municipality_key == "01051003"
    assert not averlak.is_town and not averlak.is_mentionable and averlak.population == 554
    assert "25715" in averlak.postcodes
    assert index.by_municipality_key("00000000") is None
    district = index.by_slug("kreuzberg")
    assert district is not None and not district.is_municipality and district.geonames_id is not None


def test_postcode_of_a_city() -> None:
    assert [e.slug for e in municipalities_for_postcode("06108")] == ["halle-saale"]
    assert [e.slug for e in municipalities_for_postcode(" 44787 ")] == ["bochum"]
    assert [e.slug for e in municipalities_for_postcode("80331")] == ["muenchen"]


def test_rural_postcode_shared_by_several_municipalities() -> None:
    found = municipalities_for_postcode("25712")
    assert {e.slug for e in found} >= {"burg-dithmarschen", "hochdonn", "kuden", "brickeln", "grossenrade"}
    assert all(e.district == "Kreis Dithmarschen" for e in found)
    populations = [e.population for e in found]
    assert populations == sorted(populations, reverse=True)


def test_unknown_postcodes() -> None:
    assert municipalities_for_postcode("00000") == []
    assert municipalities_for_postcode("") == []


def test_every_municipality_has_a_postcode(index: CityIndex) -> None:
    municipalities = [e for e in index if e.is_municipality]
    assert len(municipalities) >= 10_000
    assert all(e.postcodes for e in municipalities)
    assert all(index.by_municipality_key(e.municipality_key or "") == e for e in municipalities)


def test_a_name_shared_by_villages_is_marked_ambiguous(index: CityIndex) -> None:
    found = index.candidates("Neuenkirchen")
    assert len(found) >= 5
    assert all(e.name_shared and e.is_municipality for e in found)
    assert [e.population for e in found] == sorted((e.population for e in found), reverse=True)
    assert index.candidates("Bochum")[0].slug == "bochum" and not index.candidates("Bochum")[0].name_shared
    assert index.candidates("Musterstadt") == []


def test_a_name_printed_with_st_is_the_saints_town_not_the_city_it_begins_with(index: CityIndex) -> None:
    text = "In Neumarkt-St. Veit wie in St. Augustin fehlt Glasfaser."
    assert [entry.slug for entry, _, _ in index.mentions(text)] == ["sankt-augustin"]
    assert [entry.slug for entry, _, _ in index.mentions(text, min_population=0)] == [
        "neumarkt-sankt-veit",
        "sankt-augustin",
    ]
    found = index.find("St. Augustin")
    assert found is not None and found.slug == "sankt-augustin"


def test_villages_named_like_words_are_not_mentions_by_default(index: CityIndex) -> None:
    text = "Wir gehen in den Wald, auf den Berg und nach Averlak; dann nach Bochum."
    assert _slugs(index, text) == ["bochum"]
    everything = [e.slug for e, _s, _e in index.mentions(text, min_population=0)]
    assert everything[-2:] == ["averlak", "bochum"] and len(everything) == 4
    larger = [e.slug for e, _s, _e in index.mentions(text, min_population=1_000)]
    assert larger == ["wald-cham", "berg-starnberg", "bochum"]
    assert MENTION_MIN_POPULATION == 15_000


def test_larger_municipalities_unknown_to_geonames_are_mentions(index: CityIndex) -> None:
    assert _slugs(index, "Die Gemeinde Wedemark und die Stadt Dessau-Roßlau") == ["wedemark", "dessau-rosslau"]


def test_index_from_graph_equals_index_from_file(gazetteer: Graph, index: CityIndex) -> None:
    from_graph = CityIndex.from_graph(gazetteer, read_postcodes())
    assert sorted(from_graph, key=lambda e: e.slug) == sorted(index, key=lambda e: e.slug)


def test_postcode_table_with_bad_rows_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,municipality_keys\n06108,15002000\nHalle,15002000\n", encoding="utf-8")
    with pytest.raises(GazetteerSourceError, match=r"postcodes\.csv, line 3"):
        read_postcodes(path)
    path.write_text("plz,ags\n", encoding="utf-8")
    with pytest.raises(GazetteerSourceError, match="header"):
        read_postcodes(path)


def test_municipality_file_without_its_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gemeinden.csv.gz"
    path.write_bytes(gzip.compress(b"name,ags\nHalle,15002000\n"))
    with pytest.raises(GazetteerSourceError, match="columns .* missing"):
        read_municipalities(path)
    with pytest.raises(GazetteerSourceError, match="missing"):
        read_municipalities(tmp_path / "absent.csv.gz")


def test_sources_are_recorded_with_their_checksums() -> None:
    record = (SOURCES_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for path in sorted(SOURCES_DIR.iterdir()):
        if path.name == "SOURCES.md":
            continue
        assert path.name in record, path.name
        content = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        assert hashlib.sha256(content).hexdigest() in record, path.name
    assert "dl-de/by-2-0" in record and "CC BY 4.0" in record


def test_coordinates_of_new_municipalities_are_decimals(cities: list[GazetteerCity]) -> None:
    averlak = next(c for c in cities if c.slug == "averlak")
    assert averlak.latitude == Decimal("53.941154") and averlak.longitude == Decimal("9.182663")


def test_a_quarter_of_a_city_state_is_found_by_name_but_never_mentioned(index: CityIndex) -> None:
    """GeoNames lists Berlin's and Hamburg's quarters as places; none is a municipality, and "Mitte"
    is a common word ("Ortsbeirat Mitte", "in der Mitte")."""
    found = index.find("Charlottenburg")
    assert found is not None and found.state == "Berlin" and not found.is_mentionable
    text = "Der Ortsbeirat Mitte und das Bezirksamt Charlottenburg trafen sich in Altona und in Hannover."
    assert [m[0].slug for m in index.mentions(text)] == ["hannover"]


@pytest.mark.parametrize(
    "entry", [*place_words()["common_word_names"], *place_words()["noun_first_names"], *place_words()["city_cues"]]
)
def test_each_place_words_example_names_its_place_and_its_counter_example_none(
    index: CityIndex, entry: dict[str, object]
) -> None:
    assert entry["slug"] in _slugs(index, str(entry["example"])), entry["example"]
    if "not_example" in entry:
        assert entry["slug"] not in _slugs(index, str(entry["not_example"]))


@pytest.mark.parametrize("entry", place_words()["designations"])
def test_each_designation_before_a_name_is_no_part_of_it(index: CityIndex, entry: dict[str, object]) -> None:
    found = index.find(str(entry["example"]))
    assert found is not None and found.slug == entry["slug"]
