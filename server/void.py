"""The VoID description (`/.well-known/void`), computed with SPARQL once per store version."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from councilgraph.namespaces import VOID
from councilgraph.store import GraphStore
from server.dumps import Manifest

GEONAMES = ("https://sws.geonames.org/", "http://sws.geonames.org/")
WIKIDATA = ("http://www.wikidata.org/entity/", "https://www.wikidata.org/entity/")
LINK_TARGETS = {
    "geonames": ("GeoNames", URIRef("https://www.geonames.org/"), GEONAMES),
    "wikidata": ("Wikidata", URIRef("https://www.wikidata.org/"), WIKIDATA),
}
_DISTINCT = "{ SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"


def _pairs(store: GraphStore, sparql: str) -> list[tuple[str, int]]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    pairs = []
    for row in result:
        key, count = row["key"], row["n"]
        if isinstance(key, ox.NamedNode) and count is not None:
            pairs.append((key.value, int(count.value)))
    return pairs


def _starts_with_any(variable: str, prefixes: tuple[str, ...]) -> str:
    return " || ".join(f'STRSTARTS(STR({variable}), "{p}")' for p in prefixes)


def namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def void_statistics(store: GraphStore, uri_space: str) -> dict[str, object]:
    """Every figure the VoID description states, each from one SPARQL query over the union graph."""
    figures: dict[str, object] = {
        "triples": store.triple_count(),
        "entities": store.count_of(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
            f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{uri_space}")) }}',
        ),
        "distinctSubjects": store.count_of("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        "distinctObjects": store.count_of("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": store.count_of("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"),
        "properties": store.count_of("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
        "classPartitions": _pairs(
            store,
            "SELECT ?key (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?key } GROUP BY ?key ORDER BY ?key",
        ),
        "propertyPartitions": _pairs(
            store,
            f"SELECT ?key (COUNT(*) AS ?n) WHERE {{ {_DISTINCT.replace('?p', '?key')} }} GROUP BY ?key ORDER BY ?key",
        ),
    }
    linksets = {}
    for name, (_label, _home, prefixes) in LINK_TARGETS.items():
        linksets[name] = store.count_of(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o { "
            f"?s <{OWL.sameAs}> ?o FILTER({_starts_with_any('?o', prefixes)}) }} }}",
        )
    figures["linksets"] = linksets
    return figures


def build_void(store: GraphStore, base_uri: str, manifest: Manifest | None) -> Graph:
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    dataset = URIRef(f"{base_uri}.well-known/void#dataset")
    uri_space = f"{base_uri}id/"
    figures = void_statistics(store, uri_space)

    def count(value: object) -> Literal:
        assert isinstance(value, int)
        return Literal(value, datatype=XSD.integer)

    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("councilgraph", lang="en")))
    graph.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Motions, statements, consultations and actors of German city councils, "
                "and the digital-rights "
                "principles they invoke.",
                lang="en",
            ),
        )
    )
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{base_uri}sparql")))
    graph.add((dataset, VOID.uriSpace, Literal(uri_space)))
    graph.add((dataset, VOID.rootResource, URIRef(f"{base_uri}id/")))
    graph.add((dataset, DCTERMS.source, URIRef(f"{base_uri}catalog")))
    for key in (
        "triples",
        "entities",
        "distinctSubjects",
        "distinctObjects",
        "classes",
        "properties",
    ):
        graph.add((dataset, VOID[key], count(figures[key])))
    if manifest is not None:
        for dump in manifest.of_kind("dataset"):
            graph.add((dataset, VOID.dataDump, URIRef(f"{base_uri}dumps/{dump.name}")))
    vocabularies: set[str] = set()
    partitions = figures["classPartitions"]
    assert isinstance(partitions, list)
    for class_iri, entities in partitions:
        node = BNode()
        graph.add((dataset, VOID.classPartition, node))
        graph.add((node, VOID["class"], URIRef(class_iri)))
        graph.add((node, VOID.entities, count(entities)))
        vocabularies.add(namespace_of(class_iri))
    partitions = figures["propertyPartitions"]
    assert isinstance(partitions, list)
    for property_iri, triples in partitions:
        node = BNode()
        graph.add((dataset, VOID.propertyPartition, node))
        graph.add((node, VOID.property, URIRef(property_iri)))
        graph.add((node, VOID.triples, count(triples)))
        vocabularies.add(namespace_of(property_iri))
    for namespace in sorted(vocabularies):
        if not namespace.startswith(base_uri):
            graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    linksets = figures["linksets"]
    assert isinstance(linksets, dict)
    for name, triples in linksets.items():
        if not triples:
            continue
        label, home, _prefixes = LINK_TARGETS[name]
        linkset = URIRef(f"{base_uri}.well-known/void#links-{name}")
        target = URIRef(f"{base_uri}.well-known/void#{name}")
        graph.add((dataset, VOID.subset, linkset))
        graph.add((linkset, RDF.type, VOID.Linkset))
        graph.add((linkset, VOID.linkPredicate, OWL.sameAs))
        graph.add((linkset, VOID.subjectsTarget, dataset))
        graph.add((linkset, VOID.objectsTarget, target))
        graph.add((linkset, VOID.triples, count(triples)))
        graph.add((target, RDF.type, VOID.Dataset))
        graph.add((target, DCTERMS.title, Literal(label)))
        graph.add((target, URIRef("http://xmlns.com/foaf/0.1/homepage"), home))
    return graph
