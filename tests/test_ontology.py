"""The ontology, the controlled vocabularies, the principles and the JSON-LD context."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from councilgraph.namespaces import CG, CGKIND, CGOUTCOME, CGPRINCIPLE, CGROLE, CGSTANCE, PRINCIPLE_SCHEME_IRI
from councilgraph.reference import (
    REFERENCE_FILES,
    data_dir,
    reference_digest,
    reference_graph,
    reference_graphs,
    reference_ntriples,
)

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_IRI = URIRef("https://w3id.org/councilgraph/ontology")
BASE = "http://example.org/cg/"
TERM_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data_dir("ontology") / "councilgraph.ttl", format="turtle")


def declared_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for kind in TERM_KINDS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(CG))
    }


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    license_ = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == license_
    assert str(ontology.value(ONTOLOGY_IRI, DCTERMS.creator)) == "councilgraph project"
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.modified) is not None
    assert {"de", "en"} <= languages(ontology, ONTOLOGY_IRI, DCTERMS.title)
    assert {"de", "en"} <= languages(ontology, ONTOLOGY_IRI, DCTERMS.description)


def test_contract_terms_are_declared(ontology: Graph) -> None:
    contract = (
        "Motion Amendment Inquiry DraftResolution Statement Consultation Actor Person Faction "
        "Body AdministrativeUnit Organization City Principle Document Evidence city submittedBy "
        "signedBy "
        "principle amends refersTo mentions about author stance consultation body role public "
        "agendaItem result resultText votesFor votesAgainst abstentions memberOf position"
    )
    missing = {name for name in contract.split() if CG[name] not in declared_terms(ontology)}
    assert missing == set()


def test_every_term_is_labelled_and_defined_in_german_and_english(ontology: Graph) -> None:
    for term in declared_terms(ontology):
        assert {"de", "en"} <= languages(ontology, term, RDFS.label), term
        assert {"de", "en"} <= languages(ontology, term, SKOS.definition), term


def test_every_property_has_domain_and_range(ontology: Graph) -> None:
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert ontology.value(prop, RDFS.domain) is not None, prop
            assert ontology.value(prop, RDFS.range) is not None, prop


def test_class_hierarchy(ontology: Graph) -> None:
    for name in ("Amendment", "Inquiry", "DraftResolution"):
        assert (CG[name], RDFS.subClassOf, CG.Motion) in ontology
    for name in ("Person", "Faction", "Body", "AdministrativeUnit", "Organization"):
        assert (CG[name], RDFS.subClassOf, CG.Actor) in ontology
    assert (CG.Principle, RDFS.subClassOf, SKOS.Concept) in ontology


def _cg_names_in(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w/])cg:([A-Za-z]\w*)", text))


def test_terms_of_the_graph_documentation_are_declared(ontology: Graph) -> None:
    text = (ROOT / "docs" / "graph.md").read_text(encoding="utf-8")
    names = _cg_names_in(text)
    assert {"Evidence", "quote", "sha256", "municipalityKey"} <= names
    declared = {str(t).removeprefix(str(CG)) for t in declared_terms(ontology)}
    assert names - declared == set()


def test_terms_used_in_data_files_are_declared(ontology: Graph) -> None:
    declared = declared_terms(ontology)
    for folder, pattern in (("ontology", "*.ttl"), ("shapes", "*.ttl")):
        for path in data_dir(folder).glob(pattern):
            # Oxigraph's parser: the gazetteer is 4 MB, which rdflib's parser takes seconds to read
            statements = ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=BASE)
            used = {
                URIRef(node.value)
                for triple in statements
                for node in (triple.subject, triple.predicate, triple.object)
                if isinstance(node, ox.NamedNode) and node.value.startswith(str(CG))
            }
            assert used - declared == set(), path.name


def test_terms_used_in_python_code_are_declared(ontology: Graph) -> None:
    declared = {str(t).removeprefix(str(CG)) for t in declared_terms(ontology)}
    use = re.compile(r"\bCG(?:\.([A-Za-z_]\w*)|\[\s*[\"']([^\"']+)[\"']\s*\])")
    undeclared: set[str] = set()
    for package in ("councilgraph", "ingest", "server"):
        for path in (ROOT / package).rglob("*.py"):
            for match in use.finditer(path.read_text(encoding="utf-8")):
                name = match.group(1) or match.group(2)
                if name not in declared:
                    undeclared.add(f"{path.relative_to(ROOT)}: CG.{name}")
    assert undeclared == set()


SCHEMES = {
    CGKIND: {"motion", "amendment", "inquiry", "draft-resolution"},
    CGSTANCE: {
        "support", "conditional-support", "no-objection", "nothing-to-report", "rejection",
        "referral", "acknowledgement",
    },
    CGROLE: {"preliminary", "decision", "acknowledgement"},
    CGOUTCOME: {
        "adopted", "adopted-with-changes", "rejected", "referred", "noted", "settled", "postponed",
        "withdrawn",
    },
}


@pytest.mark.parametrize(
    "namespace", list(SCHEMES), ids=lambda n: str(n).rstrip("/").rsplit("/", 1)[1]
)
def test_vocabulary_schemes(namespace: URIRef) -> None:
    graph = reference_graph("vocabularies", BASE)
    scheme = URIRef(str(namespace).rstrip("/"))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = {c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}
    assert {str(c).removeprefix(str(namespace)) for c in concepts} == SCHEMES[namespace]
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert {"de", "en"} <= languages(graph, concept, SKOS.prefLabel), concept
        assert {"de", "en"} <= languages(graph, concept, SKOS.definition), concept


def test_printed_words_map_to_the_right_concepts() -> None:
    graph = reference_graph("vocabularies", BASE)

    def concept_of(word: str, namespace: URIRef) -> set[str]:
        return {
            str(s).removeprefix(str(namespace))
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for s in graph.subjects(prop, Literal(word, lang="de"))
            if str(s).startswith(str(namespace))
        }

    assert concept_of("Fehlanzeige", CGSTANCE) == {"nothing-to-report"}
    assert concept_of("keine Einwände", CGSTANCE) == {"no-objection"}
    assert concept_of("Einverständnis", CGSTANCE) == {"no-objection"}
    assert concept_of("zeichnet mit", CGSTANCE) == {"support"}
    assert concept_of("empfiehlt abzulehnen", CGSTANCE) == {"rejection"}
    assert concept_of("verweist", CGSTANCE) == {"referral"}
    assert concept_of("VB", CGROLE) == {"preliminary"}
    assert concept_of("Kenntnisnahme", CGROLE) == {"acknowledgement"}
    assert concept_of("einstimmig beschlossen", CGOUTCOME) == {"adopted"}
    assert concept_of("zurückgezogen", CGOUTCOME) == {"withdrawn"}


TOP_PRINCIPLES = {
    "universal-access": ("1", "Universal and equal access to the internet, and digital literacy"),
    "privacy": ("2", "Privacy, data protection and security"),
    "transparency": (
        "3", "Transparency, accountability, and non-discrimination of data, content and algorithms"
    ),
    "participatory-democracy": ("4", "Participatory Democracy, diversity and inclusion"),
    "open-standards": ("5", "Open and ethical digital service standards"),
}


def test_principles_are_shared_concepts_whatever_the_base() -> None:
    graph = reference_graph("principles", BASE)
    other = reference_graph("principles", "http://other.example/")
    assert (CGPRINCIPLE.privacy, RDF.type, CG.Principle) in graph
    assert (URIRef(PRINCIPLE_SCHEME_IRI), RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph) == set(other)
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith(PRINCIPLE_SCHEME_IRI) for s in subjects), subjects


def test_the_five_principles() -> None:
    graph = reference_graph("principles", BASE)
    for slug, (notation, english) in TOP_PRINCIPLES.items():
        concept = CGPRINCIPLE[slug]
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert str(graph.value(concept, SKOS.notation)) == notation
        assert Literal(english, lang="en") in set(graph.objects(concept, SKOS.prefLabel))
        assert "de" in languages(graph, concept, SKOS.prefLabel)


def test_finer_principles_hang_under_one_of_the_five() -> None:
    graph = reference_graph("principles", BASE)
    top = {CGPRINCIPLE[slug] for slug in TOP_PRINCIPLES}
    finer = set(graph.subjects(RDF.type, CG.Principle)) - top
    expected = {
        "data-minimisation": "privacy",
        "data-sovereignty": "privacy",
        "open-source": "open-standards",
        "open-data": "transparency",
        "public-infrastructure": "open-standards",
        "accessibility": "universal-access",
        "offline-access": "universal-access",
        "digital-literacy": "universal-access",
        "net-neutrality": "universal-access",
        "interoperability": "open-standards",
    }
    for slug, broader in expected.items():
        concept = CGPRINCIPLE[slug]
        assert graph.value(concept, SKOS.broader) == CGPRINCIPLE[broader]
    for concept in finer:
        assert set(graph.objects(concept, SKOS.broader)) & top, concept
        assert {"de", "en"} <= languages(graph, concept, SKOS.prefLabel), concept


def _principle_words(graph: Graph) -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for concept, label in graph.subject_objects(prop):
            if (concept, RDF.type, CG.Principle) in graph:
                words.setdefault(str(label).casefold(), set()).add(str(concept))
    return words


def test_each_detector_word_signals_one_principle() -> None:
    words = _principle_words(reference_graph("principles", BASE))
    shared = {word: concepts for word, concepts in words.items() if len(concepts) > 1}
    assert shared == {}


def test_detector_words_are_specific() -> None:
    words = _principle_words(reference_graph("principles", BASE))
    general_words = (
        "daten", "digital", "digitale", "beteiligung", "sicherheit", "transparent", "internet",
    )
    for general in general_words:
        assert general not in words
    for specific in (
        "datensparsamkeit", "so wenig persönliche daten", "open-source", "opensource",
        "barrierefreiheit", "barrierefrei", "digitale spaltung", "datenhoheit", "datenschutz",
        "transparenz", "partizipation", "open data", "open-data-portal", "netzneutralität",
        "in öffentlicher hand",
    ):
        assert specific in words, specific


def test_labels_of_a_concept_do_not_repeat_across_label_kinds() -> None:
    for name in ("principles", "vocabularies"):
        graph = reference_graph(name, BASE)
        for concept in set(graph.subjects(RDF.type, SKOS.Concept)):
            seen: set[Literal] = set()
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                labels = {o for o in graph.objects(concept, prop) if isinstance(o, Literal)}
                assert not labels & seen, (concept, labels & seen)
                seen |= labels


def test_reference_graphs_are_keyed_and_cached() -> None:
    graphs = reference_graphs(BASE)
    assert set(graphs) == {"ontology", "vocabularies", "principles", "gazetteer"}
    assert reference_graphs(BASE)["gazetteer"] is graphs["gazetteer"]
    assert (URIRef(BASE + "id/city/muenchen"), RDF.type, CG.City) in graphs["gazetteer"]
    other = reference_graphs("http://other.example/")
    assert (URIRef("http://other.example/id/city/muenchen"), RDF.type, CG.City) in other["gazetteer"]
    assert (CGPRINCIPLE.privacy, RDF.type, CG.Principle) in other["principles"]


def test_data_dir_finds_every_folder() -> None:
    for name in ("ontology", "shapes"):
        assert data_dir(name).is_dir()
    with pytest.raises(ValueError):
        data_dir("secrets")


# rdflib's JSON-LD parser still builds a ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_json_ld_context_reads_like_plain_json() -> None:
    context = json.loads((data_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))
    document = {
        "@context": context["@context"],
        "id": "http://example.org/id/motion/halle-saale/vii-2021-03290",
        "type": ["Motion", "Inquiry"],
        "identifier": "VII/2021/03290",
        "date": "2021-11-03",
        "city": "http://example.org/id/city/halle-saale",
        "submittedBy": "http://example.org/id/actor/halle-saale/fraktion-die-linke",
        "principle": "https://w3id.org/councilgraph/principle/privacy",
    }
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    motion = URIRef(document["id"])
    assert (motion, RDF.type, CG.Inquiry) in graph
    assert (motion, CG.city, URIRef("http://example.org/id/city/halle-saale")) in graph
    date = graph.value(motion, DCTERMS.date)
    assert isinstance(date, Literal) and date.datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert not any(isinstance(o, BNode) for o in graph.objects())
    ontology = Graph().parse(data_dir("ontology") / "councilgraph.ttl", format="turtle")
    for term, definition in context["@context"].items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if isinstance(iri, str) and iri.startswith("cg:"):
            assert CG[iri[3:]] in declared_terms(ontology), term


def _same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphic graphs; without blank nodes that is the same set of triples, which is much quicker
    to compare than the canonical forms `isomorphic` builds (the gazetteer holds ~120,000 triples)."""
    ground = not any(isinstance(term, BNode) for graph in (a, b) for triple in graph for term in triple)
    return set(a) == set(b) if ground else isomorphic(a, b)


@pytest.mark.parametrize("name", ["ontology", "vocabularies", "principles", "gazetteer"])
def test_reference_graphs_read_as_rdflib_reads_them(name: str) -> None:
    """The graphs come from Oxigraph's parser; rdflib's own Turtle parser must give the same graph,
    and the N-Triples stored at ingest must be that graph too."""
    filename, relative = REFERENCE_FILES[name]
    path = data_dir("ontology") / filename
    by_rdflib = Graph().parse(path, format="turtle", publicID=BASE if relative else None)
    assert len(by_rdflib) > 300
    assert _same_graph(reference_graph(name, BASE), by_rdflib)
    stored = Graph().parse(data=reference_ntriples(name, BASE), format="nt")
    assert _same_graph(stored, by_rdflib)
    assert reference_digest(name, BASE) != reference_digest(name, "http://other.example/") or not relative
