"""The example queries: each parses, runs on the sample store and answers; the /queries pages and
the sparql-examples RDF list them all."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import RDF, Graph, URIRef

from councilgraph.namespaces import SCHEMA, SH
from councilgraph.store import LocalStore
from server.examples import load_examples, parse_example

QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))


def test_there_are_enough_examples() -> None:
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_has_title_and_description(path: Path) -> None:
    example = parse_example(path.stem, path.read_text(encoding="utf-8"))
    assert example.title and example.title != path.stem.replace("-", " ")
    assert len(example.description) > 20


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_runs_on_the_sample_store_and_answers(path: Path, sample_store: LocalStore) -> None:
    result = sample_store.query(path.read_text(encoding="utf-8"))
    if isinstance(result, ox.QueryBoolean):
        assert bool(result) is True
    else:
        assert len(list(result)) >= 1


def test_motions_per_principle_counts_halle(sample_store: LocalStore) -> None:
    text = (
        Path(__file__).resolve().parent.parent / "queries" / "motions-per-principle-and-city.rq"
    ).read_text()
    result = sample_store.query(text)
    assert isinstance(result, ox.QuerySolutions)
    privacy_cities = {
        str(row["city"].value)
        for row in result
        if row["principle"] is not None and row["principle"].value.endswith("/privacy")
    }
    assert (
        "http://localhost:5000/id/city/halle-saale" in privacy_cities
    )  # VII/2021/03290 invokes all five


def test_queries_page_lists_every_example_with_a_run_link(client: FlaskClient) -> None:
    response = client.get("/queries")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for example in load_examples():
        assert f'href="/queries/{example.name}"' in page
    assert page.count("/sparql?query=") == len(load_examples())


def test_one_example_page_and_its_file(client: FlaskClient) -> None:
    assert client.get("/queries/consultation-timeline").status_code == 200
    raw = client.get("/queries/consultation-timeline.rq")
    assert raw.status_code == 200 and b"cg:consultation" in raw.data
    assert client.get("/queries/no-such-query").status_code == 404


def test_run_link_opens_the_page_with_results(client: FlaskClient) -> None:
    example = next(e for e in load_examples() if e.name == "consultation-timeline")
    response = client.get(example.run_link, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert b"<table" in response.data and b"VII/2021/03290" in response.data


@pytest.mark.parametrize(
    ("accept", "rdflib_format"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld")]
)
def test_sparql_examples_as_rdf(client: FlaskClient, accept: str, rdflib_format: str) -> None:
    import warnings

    response = client.get("/.well-known/sparql-examples", headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == accept
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = Graph().parse(data=response.data, format=rdflib_format)
    executables = set(graph.subjects(RDF.type, SH.SPARQLExecutable))
    assert len(executables) == len(QUERIES)
    for node in executables:
        assert (node, SCHEMA.target, URIRef("http://localhost:5000/sparql")) in graph
        bodies = [
            *graph.objects(node, SH.select),
            *graph.objects(node, SH.ask),
            *graph.objects(node, SH.construct),
        ]
        assert len(bodies) == 1
    ask = URIRef("http://localhost:5000/queries/administration-rejected-digital-rights-motion")
    assert (ask, RDF.type, SH.SPARQLAskExecutable) in graph
