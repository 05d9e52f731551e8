"""SPARQLWrapper, the Python client of data scientists, on the live endpoint in every format."""

from __future__ import annotations

import csv
import io
import warnings

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

DCT = "http://purl.org/dc/terms/"
CHEMNITZ_MOTION = "http://localhost:5000/id/motion/chemnitz/ba-090-2020"
SELECT = f"SELECT ?m ?id WHERE {{ ?m <{DCT}identifier> ?id }} ORDER BY ?id"
CONSTRUCT = f"CONSTRUCT {{ ?m <{DCT}identifier> ?id }} WHERE {{ ?m <{DCT}identifier> ?id }}"


def wrapper(endpoint: str, query: str, fmt: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    else:
        client.setMethod(method)
    return client


@pytest.fixture(scope="module")
def endpoint(live_server: str) -> str:
    return live_server + "sparql"


@pytest.mark.parametrize("method", [GET, POST, POSTDIRECTLY])
def test_select_json(endpoint: str, method: str) -> None:
    result = wrapper(endpoint, SELECT, JSON, method).query().convert()
    assert isinstance(result, dict)
    pairs = {(row["m"]["value"], row["id"]["value"]) for row in result["results"]["bindings"]}
    assert (CHEMNITZ_MOTION, "BA-090/2020") in pairs
    assert "VII/2021/03290" in {identifier for _, identifier in pairs}


@pytest.mark.parametrize("method", [GET, POST])
def test_select_xml(endpoint: str, method: str) -> None:
    document = wrapper(endpoint, SELECT, XML, method).query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert "VII/2020/01351" in literals


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
@pytest.mark.parametrize("method", [GET, POST])
def test_select_csv_tsv(endpoint: str, fmt: str, delimiter: str, method: str) -> None:
    body = wrapper(endpoint, SELECT, fmt, method).query().convert()
    assert isinstance(body, bytes)
    quoting = (
        csv.QUOTE_MINIMAL if fmt == CSV else csv.QUOTE_NONE
    )  # TSV cells are RDF terms, quotes included
    text = io.StringIO(body.decode("utf-8"))
    rows = list(csv.reader(text, delimiter=delimiter, quoting=quoting))  # type: ignore[arg-type]
    values = {cell for row in rows[1:] for cell in row}
    assert ("BA-090/2020" if fmt == CSV else '"BA-090/2020"') in values
    assert (CHEMNITZ_MOTION if fmt == CSV else f"<{CHEMNITZ_MOTION}>") in values


@pytest.mark.parametrize("method", [GET, POST])
def test_ask(endpoint: str, method: str) -> None:
    query = f'ASK {{ <{CHEMNITZ_MOTION}> <{DCT}identifier> "BA-090/2020" }}'
    result = wrapper(endpoint, query, JSON, method).query().convert()
    assert isinstance(result, dict) and result["boolean"] is True


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [
        (TURTLE, "turtle"),
        (N3, "turtle"),
        (JSONLD, "json-ld"),
        (RDFXML, "xml"),
    ],
)
@pytest.mark.parametrize("method", [GET, POST])
def test_construct(endpoint: str, fmt: str, rdflib_format: str, method: str) -> None:
    response = wrapper(endpoint, CONSTRUCT, fmt, method).query()
    body = response.response.read()
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated classes
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = Graph().parse(data=body, format=rdflib_format)
    assert (URIRef(CHEMNITZ_MOTION), URIRef(DCT + "identifier"), Literal("BA-090/2020")) in graph


def test_describe_converts_to_a_graph(endpoint: str) -> None:
    with (
        warnings.catch_warnings()
    ):  # SPARQLWrapper parses into rdflib's deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        graph = wrapper(endpoint, f"DESCRIBE <{CHEMNITZ_MOTION}>", RDFXML, GET).query().convert()
    assert isinstance(graph, Graph)
    assert (URIRef(CHEMNITZ_MOTION), URIRef(DCT + "identifier"), Literal("BA-090/2020")) in graph


def test_a_bad_query_raises_with_the_parser_message(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed) as raised:
        wrapper(endpoint, "SELECT * WHERE { ?s ?p }", JSON, GET).query()
    assert "1:25" in str(raised.value)
