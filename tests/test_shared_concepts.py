"""Principles are shared concepts: two deployments with different bases join on them."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from councilgraph.namespaces import CG, CGPRINCIPLE, PRINCIPLE_IRI
from councilgraph.store import LocalStore
from tests.conftest import EXAMPLES, ingest_into

HALLE = EXAMPLES / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
MUNICH = EXAMPLES / "muenchen_14-20-V_sitzungsvorlage_cities-coalition.txt"
BASE_A = "https://halle.example/"
BASE_B = "https://muenchen.example/"

JOIN = f"""
SELECT DISTINCT ?principle WHERE {{
  ?here <{CG.principle}> ?principle .
  ?there <{CG.principle}> ?principle .
  FILTER(STRSTARTS(STR(?here), "{BASE_A}id/motion/") && STRSTARTS(STR(?there), "{BASE_B}id/motion/"))
}}"""


def _dump(store_path: Path) -> bytes:
    store = LocalStore(store_path)
    try:
        buffer = io.BytesIO()
        store.dump(buffer, "nt")
        return buffer.getvalue()
    finally:
        store.close()


def test_two_deployments_join_on_a_principle(tmp_path: Path) -> None:
    ingest_into(tmp_path / "a", [HALLE], base=BASE_A)
    ingest_into(tmp_path / "b", [MUNICH], base=BASE_B)
    both = ox.Store()
    for store_path in (tmp_path / "a", tmp_path / "b"):
        both.load(_dump(store_path), format=ox.RdfFormat.N_TRIPLES)
    joined = {row["principle"].value for row in both.query(JOIN)}  # type: ignore[union-attr]
    assert joined, "the two dumps share no principle"
    assert all(iri.startswith(PRINCIPLE_IRI) for iri in joined), joined
    assert str(CGPRINCIPLE.privacy) in joined or str(CGPRINCIPLE.transparency) in joined
    # nothing of either deployment is minted under the other's base, and no principle under a base
    minted_principles = both.query(
        'ASK { ?m ?p ?o FILTER(CONTAINS(STR(?m), "/id/principle/") || CONTAINS(STR(?o), "/id/principle/")) }'
    )
    assert not bool(minted_principles)


@pytest.mark.parametrize(
    ("old", "page"),
    [
        ("/id/principle/privacy", "/doc/principle/privacy"),
        ("/id/principle/data-minimisation", "/doc/principle/data-minimisation"),
        ("/id/scheme/principles", "/doc/scheme/principles"),
        ("/id/vocab/stance/support", "/doc/vocab/stance/support"),
    ],
)
def test_old_principle_uris_move_permanently_to_the_concept_page(client: FlaskClient, old: str, page: str) -> None:
    response = client.get(old, headers={"Accept": "text/turtle"})
    assert response.status_code == 301
    assert response.headers["Location"].endswith(page)
    assert client.get(page, headers={"Accept": "text/html"}).status_code == 200


def test_unknown_principle_is_not_found(client: FlaskClient) -> None:
    assert client.get("/id/principle/no-such-principle").status_code == 404
    assert client.get("/doc/principle/no-such-principle").status_code == 404


def test_the_concept_page_describes_the_shared_iri_with_this_deployments_motions(client: FlaskClient) -> None:
    response = client.get("/doc/principle/privacy.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert (CGPRINCIPLE.privacy, RDF.type, CG.Principle) in graph
    motions = {m for m in graph.subjects(CG.principle, CGPRINCIPLE.privacy) if isinstance(m, URIRef)}
    assert motions and all(str(m).startswith("http://localhost:5000/id/motion/") for m in motions)
    html = client.get("/doc/principle/privacy", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert str(CGPRINCIPLE.privacy) in html
    assert "/doc/motion/" in html


def test_principle_listing_links_to_the_pages_here(client: FlaskClient) -> None:
    html = client.get("/principles").get_data(as_text=True)
    assert 'href="/doc/principle/privacy"' in html
    assert "/id/principle/" not in html


@pytest.mark.parametrize(
    ("path", "iri"),
    [
        ("principle/privacy", "https://w3id.org/councilgraph/principle/privacy"),
        ("scheme/principles", "https://w3id.org/councilgraph/principle"),
        ("vocab/stance/support", "https://w3id.org/councilgraph/vocab/stance/support"),
        ("vocab/stance", "https://w3id.org/councilgraph/vocab/stance"),
    ],
)
def test_shared_concepts_have_pages_here(path: str, iri: str) -> None:
    from councilgraph.uris import UriMinter, shared_iri, shared_path

    assert shared_iri(path) == iri
    assert shared_path(iri) == path
    assert UriMinter("https://a.example/").doc_for(iri) == f"https://a.example/doc/{path}"
    assert shared_iri("motion/halle-saale/x") is None and shared_path("https://a.example/id/x") is None
