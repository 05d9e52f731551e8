"""The SPARQL 1.1 Protocol over real HTTP, modelled on the W3C protocol tests (read-only endpoint).

Every result body is parsed (JSON, XML, CSV/TSV, RDF) and checked against
what the sample documents say.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef

BASE = "http://localhost:5000/"
HALLE_DOC = BASE + "id/document/halle-vii-2021-03290-antrag-cities-for-digital-rights"
CHEMNITZ_DOC = BASE + "id/document/chemnitz-ba-090-2020-beschlussantrag-digitalisierungsstrategie"
HALLE_MOTION = BASE + "id/motion/halle-saale/vii-2021-03290"
DCT = "http://purl.org/dc/terms/"
SRX = "{http://www.w3.org/2005/sparql-results#}"
IDENTIFIERS = f"SELECT ?id WHERE {{ ?m <{DCT}identifier> ?id }}"
IDENTIFIERS_GRAPH = f"SELECT ?g ?id WHERE {{ GRAPH ?g {{ ?m <{DCT}identifier> ?id }} }}"


def http(
    method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def get(
    endpoint: str, params: list[tuple[str, str]], accept: str = "application/sparql-results+json"
) -> tuple[int, dict[str, str], bytes]:
    return http("GET", endpoint + "?" + urllib.parse.urlencode(params), headers={"Accept": accept})


def post_form(
    endpoint: str, params: list[tuple[str, str]], accept: str = "application/sparql-results+json"
) -> tuple[int, dict[str, str], bytes]:
    body = urllib.parse.urlencode(params).encode("ascii")
    return http(
        "POST",
        endpoint,
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )


def json_values(body: bytes, variable: str) -> list[str]:
    payload: dict[str, Any] = json.loads(body)
    return [row[variable]["value"] for row in payload["results"]["bindings"] if variable in row]


def parse_rdf(body: bytes, rdflib_format: str) -> Graph:
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated classes
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=body, format=rdflib_format)


@pytest.fixture(scope="module")
def endpoint(live_server: str) -> str:
    return live_server + "sparql"


def test_query_get(endpoint: str) -> None:
    status, headers, body = get(endpoint, [("query", IDENTIFIERS)])
    assert status == 200
    assert headers["content-type"].startswith("application/sparql-results+json")
    identifiers = json_values(body, "id")
    assert {"VII/2021/03290", "VII/2020/01351", "BA-090/2020"} <= set(identifiers)


def test_query_post_form(endpoint: str) -> None:
    status, _, body = post_form(endpoint, [("query", IDENTIFIERS)])
    assert status == 200
    assert "BA-090/2020" in json_values(body, "id")


def test_query_post_direct(endpoint: str) -> None:
    status, _, body = http(
        "POST",
        endpoint,
        IDENTIFIERS.encode("utf-8"),
        {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert status == 200
    assert "VII/2020/01351" in json_values(body, "id")


def test_default_graph_is_the_union_and_documents_are_named_graphs(endpoint: str) -> None:
    status, _, body = get(endpoint, [("query", IDENTIFIERS_GRAPH)])
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    graphs_of_halle_motion = {r["g"]["value"] for r in rows if r["id"]["value"] == "VII/2021/03290"}
    assert HALLE_DOC in graphs_of_halle_motion


def test_query_dataset_default_graphs_get(endpoint: str) -> None:
    status, _, body = get(endpoint, [("query", IDENTIFIERS), ("default-graph-uri", CHEMNITZ_DOC)])
    assert status == 200
    identifiers = set(json_values(body, "id"))
    assert "BA-090/2020" in identifiers
    assert "VII/2021/03290" not in identifiers


def test_query_dataset_default_graphs_post(endpoint: str) -> None:
    status, _, body = post_form(
        endpoint,
        [
            ("query", IDENTIFIERS),
            ("default-graph-uri", HALLE_DOC),
            ("default-graph-uri", CHEMNITZ_DOC),
        ],
    )
    assert status == 200
    identifiers = set(json_values(body, "id"))
    assert {"BA-090/2020", "VII/2021/03290"} <= identifiers
    assert "VII/2020/01351" not in identifiers


def test_query_dataset_named_graphs_get(endpoint: str) -> None:
    status, _, body = get(endpoint, [("query", IDENTIFIERS_GRAPH), ("named-graph-uri", HALLE_DOC)])
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert {r["g"]["value"] for r in rows} == {HALLE_DOC}
    assert "VII/2021/03290" in {r["id"]["value"] for r in rows}


def test_query_dataset_named_graphs_post(endpoint: str) -> None:
    status, _, body = post_form(
        endpoint, [("query", IDENTIFIERS_GRAPH), ("named-graph-uri", CHEMNITZ_DOC)]
    )
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert {r["g"]["value"] for r in rows} == {CHEMNITZ_DOC}


def test_query_dataset_named_graphs_only_leave_the_default_graph_empty(endpoint: str) -> None:
    status, _, body = get(endpoint, [("query", IDENTIFIERS), ("named-graph-uri", HALLE_DOC)])
    assert status == 200
    assert json_values(body, "id") == []


def test_query_multiple_dataset(endpoint: str) -> None:
    query = (
        f"SELECT ?id ?g {{ ?m <{DCT}identifier> ?id . "
        f"OPTIONAL {{ GRAPH ?g {{ ?x <{DCT}identifier> ?id }} }} }}"
    )
    status, _, body = get(
        endpoint,
        [("query", query), ("default-graph-uri", CHEMNITZ_DOC), ("named-graph-uri", HALLE_DOC)],
    )
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert {r["id"]["value"] for r in rows} >= {"BA-090/2020"}
    assert all("g" not in r for r in rows)  # Chemnitz's identifiers are not in the Halle graph


def test_from_in_the_query_selects_a_document_graph(endpoint: str) -> None:
    query = f"SELECT ?id FROM <{CHEMNITZ_DOC}> WHERE {{ ?m <{DCT}identifier> ?id }}"
    status, _, body = get(endpoint, [("query", query)])
    assert status == 200
    identifiers = set(json_values(body, "id"))
    assert "BA-090/2020" in identifiers and "VII/2021/03290" not in identifiers


def test_query_content_type_select_xml(endpoint: str) -> None:
    status, headers, body = get(
        endpoint, [("query", IDENTIFIERS)], accept="application/sparql-results+xml"
    )
    assert status == 200
    assert headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(body)
    literals = [e.text for e in root.iter(SRX + "literal")]
    assert "VII/2021/03290" in literals


def test_query_content_type_select_csv_and_tsv(endpoint: str) -> None:
    status, headers, body = get(endpoint, [("query", IDENTIFIERS)], accept="text/csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["id"] and ["BA-090/2020"] in rows
    status, headers, body = get(
        endpoint, [("query", IDENTIFIERS)], accept="text/tab-separated-values"
    )
    assert status == 200 and headers["content-type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?id" and '"VII/2020/01351"' in lines


def test_application_json_gets_sparql_results_json(endpoint: str) -> None:
    status, headers, body = get(endpoint, [("query", IDENTIFIERS)], accept="application/json")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert "VII/2021/03290" in json_values(body, "id")


def test_format_parameter_overrides_accept(endpoint: str) -> None:
    status, headers, _ = get(
        endpoint, [("query", IDENTIFIERS), ("format", "csv")], accept="application/json"
    )
    assert status == 200 and headers["content-type"].startswith("text/csv")


def test_query_content_type_ask(endpoint: str) -> None:
    query = f'ASK {{ ?m <{DCT}identifier> "BA-090/2020" }}'
    status, _, body = get(endpoint, [("query", query)])
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = get(
        endpoint,
        [("query", query.replace("BA-090", "XX-999"))],
        accept="application/sparql-results+xml",
    )
    assert status == 200
    assert ET.fromstring(body).find(SRX + "boolean").text == "false"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_query_content_type_construct(endpoint: str, accept: str, rdflib_format: str) -> None:
    query = f"CONSTRUCT {{ ?m <{DCT}identifier> ?id }} WHERE {{ ?m <{DCT}identifier> ?id }}"
    status, headers, body = get(endpoint, [("query", query)], accept=accept)
    assert status == 200 and headers["content-type"].startswith(accept)
    graph = parse_rdf(body, rdflib_format)
    assert (URIRef(HALLE_MOTION), URIRef(DCT + "identifier"), Literal("VII/2021/03290")) in graph


def test_query_content_type_describe(endpoint: str) -> None:
    status, headers, body = get(
        endpoint, [("query", f"DESCRIBE <{HALLE_MOTION}>")], accept="text/turtle"
    )
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef(HALLE_MOTION), URIRef(DCT + "identifier"), Literal("VII/2021/03290")) in graph


def test_bad_query_method(endpoint: str) -> None:
    status, headers, _ = http("PUT", endpoint + "?query=" + urllib.parse.quote(IDENTIFIERS), b"")
    assert status == 405
    assert "GET" in headers["allow"] and "POST" in headers["allow"]


def test_bad_multiple_queries(endpoint: str) -> None:
    status, _, _ = get(endpoint, [("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }")])
    assert status == 400


def test_bad_query_wrong_media_type(endpoint: str) -> None:
    status, _, _ = http("POST", endpoint, b"query=ASK%20%7B%7D", {"Content-Type": "text/plain"})
    assert status == 415


def test_bad_query_missing_form_type(endpoint: str) -> None:
    status, _, body = http("POST", endpoint, b"query=ASK%20%7B%7D", {"Content-Type": ""})
    assert status == 400
    assert b"application/x-www-form-urlencoded" in body and b"application/sparql-query" in body


def test_form_post_without_a_content_type_header_is_refused(client: FlaskClient) -> None:
    """No Content-Type header at all (urllib and curl add one; other clients do not)."""
    response = client.post("/sparql", data=b"query=ASK%20%7B%7D")
    assert "Content-Type" not in response.request.headers
    assert response.status_code == 400
    assert "application/x-www-form-urlencoded" in response.get_data(as_text=True)


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_a_graph_the_store_does_not_hold_is_an_empty_graph(endpoint: str, parameter: str) -> None:
    query = IDENTIFIERS if parameter == "default-graph-uri" else IDENTIFIERS_GRAPH
    status, _, body = get(endpoint, [("query", query), (parameter, "http://nowhere.example/graph")])
    assert status == 200
    assert json.loads(body)["results"]["bindings"] == []
    status, _, body = post_form(endpoint, [("query", query), (parameter, "http://nowhere.example/graph")])
    assert status == 200
    assert json.loads(body)["results"]["bindings"] == []


def test_bad_query_missing_direct_type(endpoint: str) -> None:
    status, _, _ = http("POST", endpoint, b"ASK {}", {"Content-Type": ""})
    assert status in (400, 415)


def test_bad_query_missing_query_on_post(endpoint: str) -> None:
    status, _, body = post_form(endpoint, [("default-graph-uri", HALLE_DOC)])
    assert status == 400 and b"query" in body


def test_bad_query_non_utf8(endpoint: str) -> None:
    status, _, _ = http("GET", endpoint + "?query=ASK%20%7B%20%3Fs%20%3Fp%20%22%E9%22%20%7D")
    assert status == 400
    status, _, _ = http(
        "POST",
        endpoint,
        'ASK { ?s ?p "é" }'.encode("latin-1"),
        {"Content-Type": "application/sparql-query"},
    )
    assert status == 400


def test_bad_percent_encoding(endpoint: str) -> None:
    status, _, _ = http("GET", endpoint + "?query=ASK%20%7B%ZZ%7D")
    assert status == 400


def test_bad_query_syntax_names_the_position(endpoint: str) -> None:
    status, headers, body = get(endpoint, [("query", "SELECT * WHERE { ?s ?p }")])
    assert status == 400
    message = json.loads(body)["message"]
    assert "1:25" in message  # the parser's line:column, where the triple pattern lacks its object


def test_not_acceptable(endpoint: str) -> None:
    status, _, _ = get(endpoint, [("query", IDENTIFIERS)], accept="image/png")
    assert status == 406
    status, _, _ = get(endpoint, [("query", f"DESCRIBE <{HALLE_MOTION}>")], accept="text/csv")
    assert status == 406


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <" + HALLE_DOC + ">",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_bad_update_is_refused_in_every_form(endpoint: str, update: str) -> None:
    assert get(endpoint, [("update", update)])[0] == 403
    assert post_form(endpoint, [("update", update)])[0] == 403
    assert (
        http("POST", endpoint, update.encode(), {"Content-Type": "application/sparql-update"})[0]
        == 403
    )
    assert post_form(endpoint, [("query", update)])[0] == 403
    status, _, body = get(
        endpoint, [("query", f'ASK {{ <{HALLE_MOTION}> <{DCT}identifier> "VII/2021/03290" }}')]
    )
    assert status == 200 and json.loads(body)["boolean"] is True


def test_service_description_for_rdf_clients(endpoint: str) -> None:
    status, headers, body = http("GET", endpoint, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef(endpoint)
    assert (service, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in graph
    assert (service, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph
    assert (
        service,
        URIRef(sd + "resultFormat"),
        URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON"),
    ) in graph
    names = {str(o) for o in graph.objects(None, URIRef(sd + "name"))}
    assert HALLE_DOC in names
    counts = [int(str(o)) for o in graph.objects(None, URIRef("http://rdfs.org/ns/void#triples"))]
    assert counts and max(counts) > 100


def test_query_page_for_browsers_shows_results(endpoint: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = http("GET", endpoint, headers={"Accept": browser})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"<textarea" in body and b"PREFIX cg:" in body
    status, _, body = get(endpoint, [("query", IDENTIFIERS)], accept=browser)
    assert status == 200 and b"BA-090/2020" in body and b"<table" in body


def test_etag_and_not_modified(endpoint: str) -> None:
    status, headers, _ = get(endpoint, [("query", IDENTIFIERS)])
    etag = headers["etag"]
    url = endpoint + "?" + urllib.parse.urlencode([("query", IDENTIFIERS)])
    status, _, body = http(
        "GET", url, headers={"Accept": "application/sparql-results+json", "If-None-Match": etag}
    )
    assert status == 304 and body == b""
    _, other, _ = get(endpoint, [("query", IDENTIFIERS)], accept="text/csv")
    assert other["etag"] != etag


def test_cors(endpoint: str) -> None:
    _, headers, _ = get(endpoint, [("query", IDENTIFIERS)])
    assert headers["access-control-allow-origin"] == "*"
    status, headers, _ = http(
        "OPTIONS",
        endpoint,
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status in (200, 204)
    assert "POST" in headers["access-control-allow-methods"]
    assert headers["access-control-allow-origin"] == "*"


def test_gzip_when_accepted(endpoint: str) -> None:
    import gzip

    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200"
    status, headers, body = http(
        "GET",
        endpoint + "?" + urllib.parse.urlencode([("query", query)]),
        headers={"Accept": "application/sparql-results+json", "Accept-Encoding": "gzip"},
    )
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert len(json.loads(gzip.decompress(body))["results"]["bindings"]) == 200


def test_oversized_requests(endpoint: str) -> None:
    huge = 'ASK { ?s ?p "' + "x" * 2_000_000 + '" }'
    status, _, _ = http(
        "POST", endpoint, huge.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 413
    try:  # the HTTP server may refuse the request line outright and close the connection
        status, _, _ = http(
            "GET", endpoint + "?query=" + urllib.parse.quote("ASK {}" + " " * 10_000_000)
        )
        assert status in (400, 413, 414, 431)
    except urllib.error.URLError as error:
        assert isinstance(error.reason, ConnectionError)
    assert get(endpoint, [("query", "ASK {}")])[0] == 200  # still serving


def test_oversized_query_string_in_process(client: FlaskClient) -> None:
    response = client.get("/sparql?query=" + "ASK%20%7B%7D" + "+" * 10_000_000)
    assert response.status_code in (413, 414)
