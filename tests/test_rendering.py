"""A resource's RDF forms, written from the store's triples, all say the same graph."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic

from councilgraph.store import LocalStore
from councilgraph.uris import shared_iri
from server.describe import describe, to_rdflib

BASE = "http://localhost:5000/"
RESOURCES = [
    "motion/halle-saale/vii-2021-03290",
    "city/halle-saale",
    "principle/privacy",
    "vocab/kind/motion",
    "document/halle-vii-2021-03290-antrag-cities-for-digital-rights",
]
FORMATS = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}


# rdflib's JSON-LD parser still builds a ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("path", RESOURCES)
def test_every_rdf_form_holds_the_description(client: FlaskClient, sample_store: LocalStore, path: str) -> None:
    iri = shared_iri(path) or f"{BASE}id/{path}"
    expected = Graph()
    for triple in describe(sample_store, iri).triples:
        expected.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    assert len(expected) > 3
    for suffix, rdflib_format in FORMATS.items():
        response = client.get(f"/doc/{path}.{suffix}")
        assert response.status_code == 200, (path, suffix)
        found = Graph().parse(data=response.get_data(), format=rdflib_format)
        assert isomorphic(found, expected), (path, suffix)


def test_json_ld_carries_the_context(client: FlaskClient) -> None:
    document = client.get("/doc/motion/halle-saale/vii-2021-03290.jsonld").get_json()
    assert document["@context"]["cg"] == "https://w3id.org/councilgraph/ontology#"
    motion = next(n for n in document["@graph"] if n["@id"].endswith("/id/motion/halle-saale/vii-2021-03290"))
    assert "cg:Motion" in motion["@type"]
