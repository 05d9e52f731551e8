"""Metadata the user has (sidecars, manifests), the city from every cue, and a batch that goes on
past a file that breaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from councilgraph.cli import main
from councilgraph.errors import ExtractionError
from councilgraph.namespaces import CG, DCTERMS, RDF
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from ingest.genres import city as cities
from ingest.language import entries
from ingest.pipeline import extract_file
from ingest.sidecar import metadata_for
from tests.conftest import copy_store, reference_store

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "documents"
BASE = "http://localhost:5000/"
TEXT = "Antrag\n\nWir beantragen, offene Daten zu veröffentlichen.\n"


def test_a_sidecar_wins_over_the_text_and_is_marked_as_the_source(tmp_path: Path) -> None:
    paper = tmp_path / "antrag.txt"
    paper.write_text(TEXT, encoding="utf-8")
    (tmp_path / "antrag.meta.toml").write_text(
        'reference = "A-12/2024"\nkind = "motion"\ndate = 2024-05-02\ncity = "Bochum"\n'
        'title = "Offene Daten"\nsubmitters = ["Fraktion DIE LINKE"]\n'
        'source_url = "https://ris.example.org/vo020?id=12"\n',
        encoding="utf-8",
    )
    extraction = extract_file(paper, Settings(base_uri=BASE))
    g = extraction.graph
    motion = URIRef(BASE + "id/motion/bochum/a-12-2024")
    assert (motion, DCTERMS.title, None) in g and str(g.value(motion, DCTERMS.date)) == "2024-05-02"
    assert (motion, CG.city, URIRef(BASE + "id/city/bochum")) in g
    origins = {str(o) for o in g.objects(None, CG.metadataSource)}
    assert origins == {"antrag.meta.toml"}
    assert "ris-example-org" in str(extraction.document), "the document URI comes from the source URL"


def test_a_manifest_row_names_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,reference,city,submitters\na.txt,DS 7/2023,Halle (Saale),SPD-Fraktion;Fraktion DIE LINKE\n",
        encoding="utf-8",
    )
    metadata = metadata_for(tmp_path / "a.txt")
    assert metadata.reference == "DS 7/2023" and metadata.submitters == ("SPD-Fraktion", "Fraktion DIE LINKE")
    assert metadata.origin == "manifest.csv line 2"


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('kind = "Antrag"\n', "kind"),
        ('date = "2024-13-01"\n', "date"),
        ('colour = "red"\n', "colour"),
        ("reference = [", "TOML"),
    ],
)
def test_a_bad_sidecar_names_the_file_and_field(tmp_path: Path, content: str, field: str) -> None:
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x.meta.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionError, match=field) as error:
        metadata_for(tmp_path / "x.txt")
    assert "x.meta.toml" in str(error.value)


@pytest.mark.parametrize(
    ("text", "slug", "cue"),
    [
        ("Antrag\nKreuzau, 10.03.2016\nBetreff: WLAN", "kreuzau", "date line"),
        ("Anfrage an das Bezirksamt Neukölln zur Digitalisierung", "berlin", "city-state"),
        ("Fraktion im Rat, Rathaus, 06108 Halle (Saale)", "halle-saale", "postal"),
        ("Antrag der Fraktion der Kaarster Grünen", "kaarst", "adjective"),
        ("Kontakt: fraktion@stadt-bochum.de", "bochum", "domain"),
        ("Beschluss:\nDer Rat der Gemeinde Bad Rothenfelde beschließt.", "bad-rothenfelde", "letterhead"),
        ("Sitzungen des Rates der Stadt Bergisch Gladbach im Livestream", "bergisch-gladbach", "letterhead"),
        ("Beschluss:\nDie Gemeinde Fahren stimmt dem Vertrag zu.", "fahren", "letterhead"),
        ("Danach stimmt der Gemeinderat Oberaudorf über die Tagesordnung ab.", "oberaudorf", "letterhead"),
        ("Bürgerinfosystem Neustadt in Holstein\nVorlage - VO/2987/23", "neustadt-in-holstein", "letterhead"),
        ("Daten\nKommune\nPulheim\nGröße\n122 kB", "pulheim", "letterhead"),
        ("Die Zahl der in Bubenreuth nicht versorgten Haushalte", "bubenreuth", "as a place"),
    ],
)
def test_the_city_comes_from_every_cue(text: str, slug: str, cue: str) -> None:
    decision = cities.decide(text)
    assert decision.city is not None and decision.city.slug == slug, decision
    assert cue in decision.cue


@pytest.mark.parametrize(
    ("address", "slug"),
    [
        ("https://ris.stadt-bramsche.de/bi/to0050.asp?__ktonr=34935", "bramsche"),
        ("https://ris.komuna.net/ebersberg/Agendaitem.mvc", "ebersberg"),
        ("https://sessionnet.krz.de/edewecht/bi/to0050.asp", "edewecht"),
        ("http://www.gemeindekleinmachnow.de/sessionnet/", "kleinmachnow"),
        ("https://ratsinfo.schwaebischhall.de/index.php", "schwaebisch-hall"),
        ("https://www.spd-lemgo.de/freies-wlan", "lemgo"),
        ("https://buergerinfo.laubach-online.de/sessionnet", "laubach-giessen"),
    ],
)
def test_the_address_a_file_was_published_at_names_its_city(address: str, slug: str) -> None:
    found = cities.city_of_address(address)
    assert found is not None and found.slug == slug


@pytest.mark.parametrize("table", ["noise", "prefix"])
def test_each_host_word_entry_reads_its_example(table: str) -> None:
    from ingest.language import entries

    for entry in entries("hosts", table):
        found = cities.city_of_address(str(entry["example"]))
        assert found is not None and found.slug == entry["expect"]


def test_a_city_read_from_a_name_that_others_share_is_warned_about(tmp_path: Path) -> None:
    text = "Antrag der Fraktion im Rat der Stadt Coswig\n\nWir beantragen, offene Daten zu veröffentlichen.\n"
    decision = cities.decide(text)
    assert decision.city is not None and decision.city.slug == "coswig"
    assert cities.namesakes(decision, text) == ["Coswig (Anhalt)"]
    paper = tmp_path / "antrag.txt"
    paper.write_text(text, encoding="utf-8")
    (warning,) = [w for w in extract_file(paper, Settings(base_uri=BASE)).warnings if "may also mean" in w]
    assert "Coswig (Anhalt)" in warning and "--city" in warning and "source_url" in warning


@pytest.mark.parametrize(
    "text",
    [
        "Antrag der Fraktion im Rat der Stadt Essen\n",  # the likeliest by far: not Essen (Oldenburg)
        "Antrag der Fraktion im Rat der Stadt Coswig (Anhalt)\n",  # printed with its qualifier
        "Fraktion im Rat, Rathaus, 06869 Coswig\n",  # its postal code singles it out
        "Antrag der Fraktion im Rat der Stadt Bochum\n",  # no namesake
    ],
)
def test_a_city_that_its_cue_singles_out_is_not_warned_about(text: str) -> None:
    decision = cities.decide(text)
    assert decision.city is not None
    assert cities.namesakes(decision, text) == []


def test_a_given_city_is_not_warned_about() -> None:
    text = "Antrag der Fraktion im Rat der Stadt Coswig\n"
    assert cities.namesakes(cities.decide(text, "Coswig"), text) == []


def test_a_councillor_titled_gemeinderat_names_no_city_and_an_example_city_is_not_the_own() -> None:
    assert cities.decide("Gemeinderat Laboe fragt nach dem WLAN.").city is None
    assert cities.decide("Antrag nach dem Vorbild der Stadt Pirna").city is None
    assert cities.decide("Es zeigt sich, dass auch die Gemeinde Weyhe damit befasst ist.").city is None


def test_the_published_address_comes_after_the_letterhead_and_before_weaker_cues() -> None:
    address = "https://sessionnet.wandsbek-example.de/wandsbek/bi/to0050.asp"
    decision = cities.decide("Ratsherr Meier fragte, ob das WLAN kommt.", source_url=address)
    assert decision.city is not None and decision.city.slug == "hamburg", decision  # a district of Hamburg
    assert "source address" in decision.cue
    letterhead = cities.decide("Stadt Bochum\nDer Oberbürgermeister\n\nAntrag", source_url="https://www.lemgo.de/x")
    assert letterhead.city is not None and letterhead.city.slug == "bochum"
    assert cities.city_of_address("https://www.example.org/antraege") is None


def test_the_given_city_wins_and_an_unknown_one_is_refused() -> None:
    assert cities.decide("Rat der Stadt Bochum", explicit="Chemnitz").city.slug == "chemnitz"  # type: ignore[union-attr]
    assert cities.decide("Einkaufsliste: Milch, Brot").city is None


def test_explain_says_what_shows_each_paper(tmp_path: Path) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    shutil.copy(SAMPLES / "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt", folder / "b.txt")
    (folder / "c.txt").write_text(
        "Die Wolfratshauser FDP fordert eine Live-Übertragung aller öffentlichen Sitzungen.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["ingest", "--dry-run", "--explain", str(folder), "--base-uri", BASE])
    assert result.exit_code == 0, result.output
    assert f"{BASE}id/motion/chemnitz/ba-090-2020 —is a paper, shown by→ its reference" in result.output
    assert "“BA-090/2020”" in result.output
    assert "—is a paper, shown by→ a council group's demand" in result.output and "“FDP”" in result.output


def test_a_paper_is_shown_by_its_strongest_evidence() -> None:
    from ingest.extract import paper_evidence
    from ingest.records import Motion, Spanned

    text = "Antrag 12/2024: Freies WLAN"
    paper = Motion(0, len(text), kind=Spanned("motion", 0, 6), reference=Spanned("12/2024", 7, 14))
    paper.title = Spanned("Freies WLAN", 16, 27)
    assert paper_evidence(paper, text) == Spanned("its reference", 7, 14)
    paper.reference = None
    assert paper_evidence(paper, text) == Spanned("its subject", 16, 27)
    paper.title = None
    assert paper_evidence(paper, text) == Spanned("its kind", 0, 6)
    assert paper_evidence(Motion(0, len(text), cited=True, kind=Spanned("motion", 0, 6)), text) is None


def test_one_breaking_file_stops_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    # the 47 bytes that once aborted a whole run in the builder
    (folder / "a-kurz.txt").write_bytes(b"**Stellungnahme der Verwaltung:**\nder Stadt Bochum\n")
    shutil.copy(SAMPLES / "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt", folder / "b.txt")
    (folder / "c-leer.txt").write_bytes(b"")
    store = copy_store(reference_store(BASE), tmp_path / "store")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(store), "--base-uri", BASE])
    assert result.exit_code == 1, result.output
    assert "c-leer.txt" in result.output and "Traceback" not in result.output
    assert "2 of 3 document(s) stored" in result.output
    documents = {
        str(row["d"].value)
        for row in LocalStore(store).query(f"SELECT ?d WHERE {{ ?d a <{CG.Document}> }}")  # type: ignore[index, union-attr]
    }
    assert {BASE + "id/document/a-kurz", BASE + "id/document/b"} <= documents
    assert RDF  # the namespace module is the one the graph uses


def test_small_municipalities_in_a_list_after_a_municipality_word_are_mentioned() -> None:
    text = "Die Gemeinden Kötz, Pöttmes und Sauerlach zahlen einen Zuschuss."
    assert [m.name for m in cities.mentioned(text, 0, len(text), "bubesheim")] == ["Kötz", "Pöttmes", "Sauerlach"]


def test_a_small_neighbour_in_the_councils_district_is_mentioned_but_not_its_administration() -> None:
    text = "Die Gemeinde prüft das gemeinsam mit Möhrendorf. Das Amt Bornhöved wird informiert."
    assert [m.name for m in cities.mentioned(text, 0, len(text), "bubenreuth")] == ["Möhrendorf"]


def test_a_small_municipality_is_mentioned_where_a_municipality_word_names_it() -> None:
    text = "Dazu berichtet Frau Mews, dass Probsteierhagen vertagt hat. Die Gemeinde Köhn fordert eine Mehrheit."
    # a council far away: the bare small name is no mention, the one a municipality word names is
    assert [m.name for m in cities.mentioned(text, 0, len(text), "bubesheim")] == ["Köhn"]
    # Brodersdorf's own district (Plön) holds Probsteierhagen: a neighbour named bare is mentioned
    assert [m.name for m in cities.mentioned(text, 0, len(text), "brodersdorf")] == ["Probsteierhagen", "Köhn"]


@pytest.mark.parametrize(
    "table",
    ["organisation", "organisation_ending", "person_before"],
    ids=["in an organisation's name", "in a compound organisation's name", "a person's surname"],
)
def test_a_place_inside_a_name_is_no_city_mentioned(table: str) -> None:
    from ingest.language import entries

    for entry in entries("mentions", table):
        text = str(entry["example"])
        assert cities.mentioned(text, 0, len(text), "bonn") == [], text


def test_a_place_after_a_given_name_or_joined_to_a_surname_is_a_name_but_two_joined_places_are_places() -> None:
    text = "Dazu der Fraktionsvorsitzende Peter Kassel. Es schrieb Frau Oldenburg-Schmidt."
    assert cities.mentioned(text, 0, len(text), "bonn") == []
    route = "Ein Halt auf der Strecke Kopenhagen-Hamburg."
    assert [m.name for m in cities.mentioned(route, 0, len(route), "flensburg")][:1] == ["Kopenhagen"]


def test_a_place_name_after_an_indefinite_article_is_a_noun() -> None:
    text = "Die Wehr braucht eine neue Halle. Die Stadt muss eine eigene Halle haben. Der Weg führt nach Halle."
    assert [m.name for m in cities.mentioned(text, 0, len(text), "bonn")] == ["Halle (Saale)"]
    assert [m.start for m in cities.mentioned(text, 0, len(text), "bonn")] == [text.rindex("Halle")]


def test_the_own_place_shortened_is_no_other_city_mentioned() -> None:
    text = "Der Stadtrat von Dessau hat beschlossen. In Neustadt gibt es WLAN, in Halle auch."
    named = [m.name for m in cities.mentioned(text, 0, len(text), "dessau-rosslau")]
    assert "Dessau" not in named and "Halle (Saale)" in named
    named = [m.name for m in cities.mentioned(text, 0, len(text), "neustadt-b-coburg")]
    assert named == ["Dessau", "Halle (Saale)"]


def test_a_paragraph_run_into_one_line_loses_only_its_addresss_sentence() -> None:
    """An address makes the names on its line no mentions; a paragraph that a page runs into one
    line is read sentence by sentence, so the places its other sentences name stay mentioned."""
    paragraph = (
        "Bundesweit verfügen zahlreiche Kommunen über einen festen Ansprechpartner für den Radverkehr; in "
        "Thüringen gilt das für Erfurt, Jena und Arnstadt. Für die Belange des Radverkehrs wäre das gut. "
        "Die Fraktion ist im Rathaus erreichbar, Marktplatz 4 in 99867 Gotha, jeden Dienstag ab 16 Uhr."
    )
    assert len(paragraph) > 200
    assert [m.name for m in cities.mentioned(paragraph, 0, len(paragraph), "gotha")] == ["Erfurt", "Jena", "Arnstadt"]
    address = "Die Fraktion ist im Rathaus erreichbar, Marktplatz 4 in Erfurt."
    assert cities.mentioned(address, 0, len(address), "gotha") == []  # a short line with an address


def test_a_neighbour_held_up_as_an_example_is_mentioned() -> None:
    """ "z. B. in Rheurdt, Emmerich und Goch": an example decides no council's city, but it names the place."""
    text = (
        "Der Mängelmelder wird erfolgreich in vielen Kommunen, auch im Kreis Kleve, z. B. in Rheurdt, Emmerich "
        "und Goch, eingesetzt."
    )
    assert [m.name for m in cities.mentioned(text, 0, len(text), "kerken")] == ["Rheurdt", "Emmerich", "Goch"]


def test_a_part_of_the_councils_own_town_is_no_city_mentioned() -> None:
    text = "Das Sammeltaxi soll die Ortsteile Auerbach und Mutschelbach abends anbinden, wie in Karlsruhe."
    named = [m.name for m in cities.mentioned(text, 0, len(text), "karlsbad")]
    assert "Auerbach" not in " ".join(named) and "Karlsruhe" in named


@pytest.mark.parametrize("entry", entries("mentions", "district_before"))
def test_a_place_after_a_districts_word_is_no_city_mentioned(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    assert cities.mentioned(text, 0, len(text), "karlsbad") == []
    bare = "Das Sammeltaxi soll Auerbach und Mutschelbach anbinden, mit Geld aus Freising."
    assert cities.mentioned(bare, 0, len(bare), "karlsbad") != []  # the words, not the places, decide


def test_a_place_a_report_names_outside_its_papers_text_is_a_mention_of_the_document(tmp_path: Path) -> None:
    document = tmp_path / "bericht.txt"
    document.write_text(
        "In Thüringen haben Erfurt und Jena schon einen Fahrradbeauftragten.\n\n"
        "Die Fraktion stellt folgenden Antrag:\n"
        "Der Stadtrat Gotha möge beschließen, einen Fahrradbeauftragten zu berufen.\n",
        encoding="utf-8",
    )
    extraction = extract_file(document, Settings(base_uri="http://localhost:5000/"), city="Gotha")
    graph = extraction.graph
    mentioned = {str(c).rsplit("/", 1)[-1] for c in graph.objects(extraction.document, CG.mentions)}
    assert {"erfurt", "jena"} <= mentioned


def test_a_towns_adjective_in_a_streets_name_or_a_given_name_decides_no_city() -> None:
    from ingest.language import entries

    for entry in entries("mentions", "street"):
        text = "Protokoll des Hauptausschusses\n" + str(entry["example"])
        assert cities.decide(text).city is None, text
    signed = "Protokoll der Sitzung\nEs sprach der Vorsitzende des Gremiums, Wilhelm Rainer Häusler (FDP)."
    assert cities.decide(signed).city is None
    assert cities.decide("Protokoll\nDie Kaarster Grünen beantragen ein WLAN.").city is not None


def test_a_small_town_named_most_often_beside_council_words_is_the_councils() -> None:
    """A town of 5,000 inhabitants or more counts among the places a report names most often; below
    15,000 only where the text never uses its name as a word or a person's name."""
    report = (
        "Der Gemeinderat hat am Montag getagt. In Hadamar soll eine Toilettenanlage entstehen; "
        "die Bürger von Hadamar sollen befragt werden."
    )
    decided = cities.decide(report)
    assert decided.city is not None and decided.city.slug == "hadamar"


@pytest.mark.parametrize(
    "report",
    [
        "Der Stadtrat tagte. An dieser Stelle sei gesagt: die Stelle des Kämmerers ist frei. Stelle um Stelle fällt.",
        "Der Gemeinderat begrüßt die Förderinitiative des Bundes und des Landes. Mittel des Bundes fließen.",
        "Der Stadtrat berät über die neue Mitte. Die Mitte soll belebt werden, Mitte und Rand.",
        "Der Stadtrat tagte. Herr Eschenburg stellt den Antrag. Herr Eschenburg begründet ihn.",
    ],
)
def test_a_towns_name_that_the_text_uses_as_a_word_or_a_persons_name_decides_no_city(report: str) -> None:
    assert cities.decide(report).city is None


@pytest.mark.parametrize("entry", entries("bodies", "council_word"))
def test_council_words_make_the_city_named_most_often_the_councils(entry: dict[str, object]) -> None:
    decided = cities.decide(str(entry["example"]))
    assert decided.city is not None and decided.city.slug == entry["city"]


@pytest.mark.parametrize(
    "report",
    [
        "Der Bürgermeister dankt den Stadtvertretern G. Stein und Dr. St. Stein. Frau A. Stein fehlte.",
        "Der Stadtrat folgt dem Land Schleswig-Holstein. Schleswig-Holstein regelt das so.",
    ],
)
def test_a_town_named_only_inside_a_persons_or_a_states_name_is_not_counted(report: str) -> None:
    assert cities.decide(report).city is None


@pytest.mark.parametrize("district", ["Steglitz-Zehlendorf", "Charlottenburg-Wilmersdorf", "Treptow-Köpenick"])
def test_a_berlin_district_merged_from_two_is_berlins(district: str) -> None:
    text = (
        f"Drucksache 1585/4\n\nSitzung der Bezirksverordnetenversammlung {district}\n"
        "Die Bezirksverordnetenversammlung möge beschließen: Das Bezirksamt wird ersucht, freies WLAN anzubieten.\n"
    )
    decided = cities.decide(text)
    assert decided.city is not None and decided.city.slug == "berlin"
