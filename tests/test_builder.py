"""The graph one document yields: deterministic URIs, the shape of docs/graph.md, evidence that
quotes the text."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from councilgraph.errors import ExtractionError
from councilgraph.namespaces import CG, CGPRINCIPLE, CGSTANCE, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD
from councilgraph.uris import UriMinter
from ingest.actors import ActorResolver, body, faction, person, unit
from ingest.extract import Extraction, extract
from ingest.source import SourceText
from tests.extracted import graph_of

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "documents"
BASE = "http://localhost:5000/"
B = BASE + "id/"
HONORIFIC_PREFIX = URIRef(str(FOAF) + "honorificPrefix")

HALLE_ANTRAG = "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
BOCHUM = "bochum_20210691_aenderungsantrag_smart-city.txt"
MUENCHEN = "muenchen_14-20-V_sitzungsvorlage_cities-coalition.txt"
SAMPLES = sorted(p.name for p in EXAMPLES.glob("*.txt"))


def source(name: str) -> SourceText:
    path = EXAMPLES / name
    return SourceText(path, path.read_text(encoding="utf-8"), "text/plain", "utf-8", "ab" * 32)


def run(name: str, base: str = BASE) -> Extraction:
    return extract(source(name), UriMinter(base))


@pytest.fixture(scope="module")
def halle() -> Extraction:
    return run(HALLE_ANTRAG)


@pytest.fixture(scope="module")
def bochum() -> Extraction:
    return run(BOCHUM)


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    return {name: run(name) for name in SAMPLES}


def test_uris_are_deterministic(halle: Extraction) -> None:
    again = run(HALLE_ANTRAG)
    assert set(again.graph) == set(halle.graph)
    elsewhere = run(HALLE_ANTRAG, "https://example.org/lod/")
    assert len(elsewhere.graph) == len(halle.graph)
    rebased = Graph()
    for s, p, o in halle.graph:
        rebased.add((_rebase(s), _rebase(p), _rebase(o)))
    assert isomorphic(elsewhere.graph, rebased)


def _rebase(term: Node) -> Node:
    if isinstance(term, URIRef) and str(term).startswith(BASE):
        return URIRef("https://example.org/lod/" + str(term)[len(BASE) :])
    return term


def test_the_uris_of_docs_graph_md(halle: Extraction, bochum: Extraction) -> None:
    g = halle.graph
    motion = URIRef(B + "motion/halle-saale/vii-2021-03290")
    assert (motion, RDF.type, CG.Motion) in g
    assert (motion, CG.submittedBy, URIRef(B + "actor/halle-saale/fraktion-die-linke")) in g
    assert (motion, CG.signedBy, URIRef(B + "actor/halle-saale/bodo-meerheim")) in g
    assert (motion, CG.city, URIRef(B + "city/halle-saale")) in g
    assert (motion, CG.consultation, URIRef(B + "consultation/halle-saale/vii-2021-03290/1")) in g
    statement = URIRef(
        B + "statement/halle-saale/vii-2021-03290/geschaeftsbereich-oberbuergermeister-2022-01-20"
    )
    assert (statement, CG.stance, CGSTANCE.rejection) in g
    assert halle.document == URIRef(
        B + "document/halle-vii-2021-03290-antrag-cities-for-digital-rights"
    )
    amendment = URIRef(
        B + "motion/bochum/2021-03-24-smart-city-konzept-bochum-und-beteiligung-am-foerderaufruf"
    )
    assert (amendment, RDF.type, CG.Amendment) in bochum.graph
    assert (amendment, CG.amends, URIRef(B + "motion/bochum/20210691")) in bochum.graph
    assert (
        amendment,
        CG.submittedBy,
        URIRef(B + "actor/bochum/fraktion-die-linke"),
    ) in bochum.graph
    assert (amendment, DCTERMS.identifier, None) not in bochum.graph


def test_document_node(halle: Extraction) -> None:
    g, doc = halle.graph, halle.document
    assert (doc, RDF.type, CG.Document) in g
    assert g.value(doc, CG.text) == Literal(source(HALLE_ANTRAG).text)
    assert g.value(doc, CG.sha256) == Literal("ab" * 32)
    assert g.value(doc, CG.genre) == Literal("allris")
    assert g.value(doc, DCTERMS["format"]) == Literal("text/plain")
    assert g.value(doc, RDFS.label) == Literal(HALLE_ANTRAG)


def test_every_resource_has_a_label_and_its_source(extractions: dict[str, Extraction]) -> None:
    for extraction in extractions.values():
        g = extraction.graph
        for subject in set(g.subjects(RDF.type, None)):
            assert g.value(subject, RDFS.label) is not None, subject
            if subject != extraction.document:
                assert (subject, DCTERMS.source, extraction.document) in g, subject


def test_evidence_spans_quote_the_text(extractions: dict[str, Extraction]) -> None:
    for name, extraction in extractions.items():
        text = source(name).text
        g = extraction.graph
        evidence = list(g.subjects(RDF.type, CG.Evidence))
        assert evidence
        for node in evidence:
            start, end = g.value(node, CG.start).toPython(), g.value(node, CG.end).toPython()  # type: ignore[union-attr]
            assert text[start:end] == str(g.value(node, CG.quote))
            subject, predicate, obj = (
                g.value(node, RDF.subject),
                g.value(node, RDF.predicate),
                g.value(node, RDF.object),
            )
            assert (subject, predicate, obj) in g
        for fact in extraction.facts:
            assert text[fact.start : fact.end] == fact.quote


def test_every_principle_and_key_fact_has_evidence(extractions: dict[str, Extraction]) -> None:
    for extraction in extractions.values():
        g = extraction.graph
        for predicate in (
            CG.principle,
            CG.submittedBy,
            CG.signedBy,
            CG.stance,
            DCTERMS.date,
            CG.result,
        ):
            for s, o in g.subject_objects(predicate):
                assert any(
                    g.value(e, RDF.subject) == s and g.value(e, RDF.object) == o
                    for e in g.subjects(RDF.predicate, predicate)
                ), (s, predicate, o)


def test_principle_evidence_shows_the_sentence(bochum: Extraction) -> None:
    g = bochum.graph
    evidence = [
        e
        for e in g.subjects(RDF.predicate, CG.principle)
        if g.value(e, RDF.object) == CGPRINCIPLE["open-source"]
    ]
    (node,) = evidence
    assert "Open-Source-Software" in str(g.value(node, CG.quote))


def test_persons_carry_titles_positions_and_memberships(halle: Extraction) -> None:
    g = halle.graph
    meerheim = URIRef(B + "actor/halle-saale/bodo-meerheim")
    assert (meerheim, RDF.type, CG.Person) in g and (meerheim, RDF.type, CG.Actor) in g
    assert g.value(meerheim, FOAF.name) == Literal("Bodo Meerheim")
    assert g.value(meerheim, HONORIFIC_PREFIX) == Literal("Dr.")
    assert (meerheim, CG.position, Literal("Vorsitzender der Fraktion", lang="de")) in g
    assert (meerheim, CG.memberOf, URIRef(B + "actor/halle-saale/fraktion-die-linke")) in g
    wiegand = URIRef(B + "actor/halle-saale/bernd-wiegand")
    assert (wiegand, CG.position, Literal("Oberbürgermeister", lang="de")) in g
    assert len(set(g.subjects(CG.signedBy, wiegand))) == 2  # one person under both statements
    faction = URIRef(B + "actor/halle-saale/fraktion-die-linke")
    assert g.value(faction, CG.party) == Literal("DIE LINKE")
    assert (faction, SKOS.altLabel, Literal("Fraktion DIE LINKE im Stadtrat Halle (Saale)")) in g


def test_consultations_in_beratungsfolge_order_then_further_sessions(halle: Extraction) -> None:
    g = halle.graph
    dates = [
        str(g.value(URIRef(B + f"consultation/halle-saale/vii-2021-03290/{n}"), DCTERMS.date))
        for n in range(1, 5)
    ]
    assert dates == ["2021-11-24", "2021-12-21", "2021-12-22", "2022-01-26"]
    first = URIRef(B + "consultation/halle-saale/vii-2021-03290/1")
    assert g.value(first, CG.public) == Literal(True)
    assert g.value(first, CG.agendaItem) == Literal("9.2")
    assert g.value(first, DCTERMS.date).datatype == XSD.date  # type: ignore[union-attr]


def test_cities_mentioned_and_own_city(halle: Extraction) -> None:
    g = halle.graph
    motion = URIRef(B + "motion/halle-saale/vii-2021-03290")
    mentioned = {
        str(o).rsplit("/", 1)[-1] for o in g.objects(motion, CG.mentions) if "/city/" in str(o)
    }
    assert mentioned == {"muenchen", "berlin", "leipzig"}


def test_one_resource_per_real_actor() -> None:
    resolver = ActorResolver()
    text = "x" * 10
    a = person("Dr. Bernd Wiegand", 0, 5)
    b = person("Wiegand", 5, 10)
    assert a is not None and b is not None
    first, second = resolver.add(a), resolver.add(b)
    assert first is second and first.name == "Bernd Wiegand"
    one = resolver.add(
        body("Ausschuss für Wirtschaft, Wissenschaft, Stadtentwicklung und Digitalisierung", 0, 5)
    )
    other = resolver.add(
        body("Ausschuss für Wissenschaft, Wirtschaft, Stadtentwicklung und Digitalisierung", 5, 9)
    )
    assert one is other
    assert resolver.add(body("des Stadtrates", 0, 3)).name == "Stadtrat"
    assert resolver.add(unit("Geschäftsbereich des Oberbürgermeisters", 0, 3)) is resolver.add(
        unit("Geschäftsbereich Oberbürgermeister", 3, 6)
    )
    assert len(text) == 10


def test_a_group_named_by_two_forms_of_its_party_is_one_faction() -> None:
    """ "Sozialdemokraten" and "SPD" are one party (parties.toml): one group, both forms its labels."""
    resolver = ActorResolver()
    social, spd = faction("Fraktion Sozialdemokraten", 0, 25), faction("SPD-Fraktion", 30, 42)
    cdu = faction("CDU-Fraktion", 50, 62)
    assert social is not None and spd is not None and cdu is not None
    first, second = resolver.add(social), resolver.add(spd)
    assert first is second
    assert resolver.add(cdu) is not first


def test_the_same_faction_printed_three_ways_is_one_faction(bochum: Extraction) -> None:
    g = bochum.graph
    factions = set(g.subjects(RDF.type, CG.Faction))
    assert factions == {URIRef(B + "actor/bochum/fraktion-die-linke")}
    labels = {str(o) for o in g.objects(next(iter(factions)), SKOS.altLabel)}
    assert "DIE LINKE. im Rat der Stadt Bochum" in labels


def test_a_faction_is_labelled_with_every_form_the_text_prints_of_its_party() -> None:
    text = (
        "Antrag der Fraktion BÜNDNIS 90/DIE GRÜNEN\n\nFreies WLAN am Rathaus\n\n"
        "Der Rat möge beschließen: Am Rathaus wird ein freies WLAN eingerichtet. Die Grünen wollen es bis Mai.\n"
    )
    g = graph_of(text, city="Bochum")
    (faction,) = g.subjects(RDF.type, CG.Faction)
    labels = {str(o) for o in g.objects(faction, SKOS.altLabel)} | {str(g.value(faction, RDFS.label))}
    assert "Grünen" in labels or "Die Grünen" in labels
    assert not {"SPD", "CDU"} & labels


def test_summary_counts(halle: Extraction) -> None:
    summary = halle.summary()
    assert summary.startswith("1 motion, 4 consultations, 2 statements, ")
    assert summary.endswith(", 2 persons")
    principles = int(summary.split(", ")[3].split()[0])
    assert principles == len(set(halle.graph.objects(None, CG.principle))) >= 5


def test_a_text_without_a_paper_is_kept_as_a_document_with_a_warning() -> None:
    empty = SourceText(
        Path("notes.txt"), "Einkaufsliste\n\nMilch, Brot, Käse.\n", "text/plain", "utf-8", "0"
    )
    extraction = extract(empty, UriMinter(BASE), city="Bochum")
    graph = extraction.graph
    assert (extraction.document, RDF.type, CG.Document) in graph
    assert (extraction.document, CG.city, URIRef(B + "city/bochum")) in graph
    assert not set(graph.subjects(RDF.type, CG.Motion))
    assert any("no paper" in w and "sidecar" in w for w in extraction.warnings)


def test_a_document_without_a_city_is_kept_and_asks_for_city() -> None:
    text = (
        "Antrag\n\nBetreff: Offene Daten für alle\n\n"
        "Der Rat möge beschließen: Wir veröffentlichen Daten.\n"
    )
    paper = SourceText(Path("antrag.txt"), text, "text/plain", "utf-8", "0")
    without = extract(paper, UriMinter(BASE))
    assert not set(without.graph.objects(None, CG.city))
    assert set(without.graph.subjects(RDF.type, CG.Motion)), "the paper is kept without its city"
    assert any("--city" in w for w in without.warnings)
    graph = extract(paper, UriMinter(BASE), city="Bochum").graph
    assert (None, CG.city, URIRef(B + "city/bochum")) in graph
    with pytest.raises(ExtractionError, match="not in the gazetteer"):
        extract(paper, UriMinter(BASE), city="Nirgendwoheim an der Nirgend")


def test_extraction_grows_linearly_with_the_text() -> None:
    """Extraction time scales with the length of the text: each sample with its text written
    four times costs at most about four times the sample read once. CPU time with the garbage
    collector paused (a full collection in a busy test process costs what the whole process
    holds, not what extraction does), the two sizes measured in turn, the fastest of each."""

    def sources(copies: int) -> list[SourceText]:
        found = []
        for name in SAMPLES:
            path = EXAMPLES / name
            text = "\n\n".join([path.read_text(encoding="utf-8")] * copies)
            found.append(SourceText(path, text, "text/plain", "utf-8", "ab" * 32))
        return found

    def cpu_seconds(items: list[SourceText]) -> float:
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            for item in items:
                extract(item, UriMinter(BASE))
            return time.process_time() - started
        finally:
            gc.enable()

    once_text, four_texts = sources(1), sources(4)
    cpu_seconds(once_text)  # caches warm
    once: list[float] = []
    four: list[float] = []
    for _ in range(3):
        once.append(cpu_seconds(once_text))
        four.append(cpu_seconds(four_texts))
    assert min(four) <= 4 * min(once) * 1.6, f"text once {min(once):.3f} s, four times {min(four):.3f} s"



def test_a_council_named_with_its_place_is_labelled_without_it_too() -> None:
    """ "Gemeinderat Allershausen" is the Gemeinderat: councils print either form."""
    text = (
        "Antrag der SPD-Fraktion\nBetreff: Freies WLAN am Rathaus\n\n"
        "Der Gemeinderat Allershausen hat den Antrag am 28.07.2020 einstimmig beschlossen.\n"
    )
    graph = graph_of(text, name="antrag.txt")
    (council,) = graph.subjects(RDFS.label, Literal("Gemeinderat Allershausen"))
    assert (council, RDF.type, CG.Body) in graph
    assert set(graph.objects(council, SKOS.altLabel)) == {Literal("Gemeinderat")}
