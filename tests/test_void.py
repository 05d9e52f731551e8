"""VoID at /.well-known/void: every count equals the same count computed by SPARQL."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from flask import Flask
from publishing_support import BASE, build_sample_store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from councilgraph.namespaces import VOID
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server import create_app

CG = "https://w3id.org/councilgraph/ontology#"
DATASET = URIRef(f"{BASE}.well-known/void#dataset")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    return build_sample_store(tmp_path_factory.mktemp("void") / "store")


@pytest.fixture(scope="module")
def app(store: LocalStore) -> Flask:
    return create_app(Settings(store=str(store.root), base_uri=BASE), store=store)


@pytest.fixture(scope="module")
def void(app: Flask) -> Graph:
    response = app.test_client().get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    return Graph().parse(data=response.get_data(as_text=True), format="turtle")


def count(store: LocalStore, sparql: str) -> int:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return int(next(iter(result))["n"].value)


def stated(void: Graph, subject: URIRef, predicate: URIRef) -> int:
    value = void.value(subject, predicate)
    assert isinstance(value, Literal), predicate
    return int(value)


@pytest.mark.parametrize(
    ("term", "sparql"),
    [
        ("triples", "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"),
        ("distinctSubjects", "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s { ?s ?p ?o } }"),
        ("distinctObjects", "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?o { ?s ?p ?o } }"),
        ("classes", "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?c { ?s a ?c } }"),
        ("properties", "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?p { ?s ?p ?o } }"),
        (
            "entities",
            f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s {{ ?s ?p ?o "
            f'FILTER(STRSTARTS(STR(?s), "{BASE}id/")) }} }}',
        ),
    ],
)
def test_dataset_counts_equal_sparql_counts(
    void: Graph, store: LocalStore, term: str, sparql: str
) -> None:
    assert stated(void, DATASET, VOID[term]) == count(store, sparql)


def test_the_sample_figures_by_hand(void: Graph) -> None:
    partitions = {
        void.value(p, VOID["class"]): p for p in void.objects(DATASET, VOID.classPartition)
    }
    # sample.trig: three motions, one inquiry, one amendment, three cities
    assert stated(void, partitions[URIRef(CG + "Motion")], VOID.entities) == 3
    assert stated(void, partitions[URIRef(CG + "Inquiry")], VOID.entities) == 1
    assert stated(void, partitions[URIRef(CG + "City")], VOID.entities) == 3
    properties = {
        void.value(p, VOID.property): p for p in void.objects(DATASET, VOID.propertyPartition)
    }
    assert stated(void, properties[URIRef(CG + "municipalityKey")], VOID.triples) == 2
    assert stated(void, properties[OWL.sameAs], VOID.triples) == 4


def test_every_partition_equals_its_sparql_count(void: Graph, store: LocalStore) -> None:
    for partition in void.objects(DATASET, VOID.classPartition):
        cls = void.value(partition, VOID["class"])
        expected = count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s a <{cls}> }}")
        assert stated(void, partition, VOID.entities) == expected, cls
    for partition in void.objects(DATASET, VOID.propertyPartition):
        prop = void.value(partition, VOID.property)
        expected = count(
            store, f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?o {{ ?s <{prop}> ?o }} }}"
        )
        assert stated(void, partition, VOID.triples) == expected, prop


def test_linksets_to_geonames_and_wikidata(void: Graph) -> None:
    linksets = {void.value(ls, VOID.objectsTarget): ls for ls in void.objects(DATASET, VOID.subset)}
    geonames = linksets[URIRef(f"{BASE}.well-known/void#geonames")]
    wikidata = linksets[URIRef(f"{BASE}.well-known/void#wikidata")]
    assert void.value(geonames, VOID.linkPredicate) == OWL.sameAs
    assert stated(void, geonames, VOID.triples) == 3
    assert stated(void, wikidata, VOID.triples) == 1


def test_endpoint_dumps_uri_space_and_vocabularies(void: Graph) -> None:
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{BASE}sparql")
    assert str(void.value(DATASET, VOID.uriSpace)) == f"{BASE}id/"
    dumps = {str(d) for d in void.objects(DATASET, VOID.dataDump)}
    assert f"{BASE}dumps/councilgraph.nt.gz" in dumps
    assert f"{BASE}dumps/councilgraph.nq.gz" in dumps
    vocabularies = set(void.objects(DATASET, VOID.vocabulary))
    assert URIRef(CG) in vocabularies
    assert URIRef("http://purl.org/dc/terms/") in vocabularies


def test_void_is_cached_per_store_version(app: Flask) -> None:
    client = app.test_client()
    first = client.get("/.well-known/void.nt")
    again = client.get("/.well-known/void.nt", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
