"""The city gazetteer: its content, slugs, and the lookup extractors use."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from councilgraph.gazetteer import CityIndex, build_gazetteer, city_index, gazetteer_cities
from councilgraph.namespaces import CG
from councilgraph.reference import reference_graph
from councilgraph.uris import slugify

BASE = "http://localhost:5000/"
DOCUMENTS = Path(__file__).resolve().parent.parent / "examples" / "documents"


def city(slug: str) -> URIRef:
    return URIRef(f"{BASE}id/city/{slug}")


@pytest.fixture(scope="module")
def gazetteer() -> Graph:
    return reference_graph("gazetteer", BASE)


@pytest.fixture(scope="module")
def index() -> CityIndex:
    return city_index()


def test_committed_file_is_what_the_generator_writes(gazetteer: Graph) -> None:
    assert set(build_gazetteer(BASE)) == set(gazetteer)


def test_every_german_municipality_from_15000_inhabitants(gazetteer: Graph) -> None:
    german = set(gazetteer.subjects(CG.countryCode, Literal("DE")))
    assert len(german) == 1139
    for subject in german:
        population = gazetteer.value(subject, CG.population)
        assert isinstance(population, Literal) and population.toPython() >= 15_000
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


def test_slugs_are_unique_and_follow_the_german_name() -> None:
    cities = gazetteer_cities()
    slugs = [c.slug for c in cities]
    assert len(slugs) == len(set(slugs))
    for entry in cities:
        if entry.country == "DE":
            assert entry.slug == slugify(entry.name_de), entry


def test_the_two_halles_are_kept_apart(gazetteer: Graph) -> None:
    assert (city("halle-westf"), RDFS.label, Literal("Halle (Westf.)", lang="de")) in gazetteer
    assert gazetteer.value(city("halle-westf"), CG.federalState) == Literal("Nordrhein-Westfalen")
    assert (city("halle"), None, None) not in gazetteer


def test_every_city_is_linked_to_geonames(gazetteer: Graph) -> None:
    for subject in gazetteer.subjects(RDF.type, CG.City):
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
    ],
)
def test_find_a_printed_city_name(index: CityIndex, printed: str, slug: str) -> None:
    found = index.find(printed)
    assert found is not None and found.slug == slug


def test_find_unknown_names(index: CityIndex) -> None:
    assert index.find("Musterstadt") is None
    assert index.find("") is None


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
