"""The endpoint is safe to expose: read-only, no federation, a time limit that really stops a
query, a row limit that is signalled; and the query outline that decides it."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from councilgraph.errors import QueryRefused
from councilgraph.query_text import outline, tokens, with_row_cap
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server.query_pool import refuse_hidden_service
from server.results import capped_lines, graph_bytes, solutions_bytes
from tests.conftest import BASE, running_server

HALLE_DOC = BASE + "id/document/halle-vii-2021-03290-antrag-cities-for-digital-rights"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
IDENTIFIERS = "SELECT ?id WHERE { ?m <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
JSON = {"Accept": "application/sparql-results+json"}


def payload(response: TestResponse) -> Any:
    return json.loads(response.data)


# --------------------------------------------------------------------------- the outline


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "please use the SERVICE desk" }',
        "SELECT * WHERE { ?s <http://example.org/service> ?o }",
        "SELECT ?service WHERE { ?service a <http://example.org/Thing> }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://evil.example/sparql> in a comment",
        "SELECT * WHERE { ?s ?p '''a long\nSERVICE <http://x/> { }\nstring''' }",
    ],
)
def test_service_in_strings_iris_names_and_comments_is_no_service(text: str) -> None:
    assert outline(text).uses_service is False
    assert outline(text).form == "SELECT"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?q ?r } }",
    ],
)
def test_service_clause_is_found(text: str) -> None:
    assert outline(text).uses_service is True


def test_from_graphs_are_resolved_through_prefixes_and_base() -> None:
    text = (
        "BASE <http://localhost:5000/> PREFIX doc: <http://localhost:5000/id/document/>\n"
        "SELECT * FROM doc:a FROM NAMED <id/document/b> FROM <http://remote.example/g> "
        "WHERE { ?s ?p ?o }"
    )
    found = outline(text)
    assert found.from_graphs == ["http://localhost:5000/id/document/a", "http://remote.example/g"]
    assert found.from_named_graphs == ["http://localhost:5000/id/document/b"]
    assert outline('SELECT * WHERE { ?s ?p "FROM <http://remote.example/g>" }').from_graphs == []


@pytest.mark.parametrize(
    ("text", "is_update"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", True),
        ("PREFIX ex: <http://example.org/>\n# a comment\ndelete where { ?s ex:p ?o }", True),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("LOAD <http://example.org/x.ttl>", True),
        ("CLEAR DEFAULT", True),
        ('SELECT * WHERE { ?s ?p "INSERT DATA" }', False),
    ],
)
def test_updates_are_recognised(text: str, is_update: bool) -> None:
    assert outline(text).is_update is is_update


def test_row_cap_rewrites_only_the_top_level_limit() -> None:
    text = "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } } ORDER BY ?s LIMIT 1000000"
    capped = with_row_cap(text, outline(text), 11)
    assert capped.endswith("ORDER BY ?s LIMIT 11")
    assert "LIMIT 5" in capped
    no_limit = "SELECT * WHERE { ?s ?p ?o } # the end"
    assert with_row_cap(no_limit, outline(no_limit), 11).rstrip().endswith("LIMIT 11")
    trailing_values = "SELECT * WHERE { ?s ?p ?o } OFFSET 3 VALUES ?s { <urn:a> }"
    assert "OFFSET 3 \nLIMIT 11\nVALUES" in with_row_cap(trailing_values, outline(trailing_values), 11)
    small = "SELECT * WHERE { ?s ?p ?o } LIMIT 3"
    assert with_row_cap(small, outline(small), 11) == small


# --------------------------------------------------------------------------- in process


@pytest.fixture(scope="module")
def limited_app(sample_settings: Settings, sample_store: LocalStore) -> Iterator[Flask]:
    from server import create_app

    app = create_app(sample_settings.with_(row_limit=4, query_workers=1, query_timeout=20.0), store=sample_store)
    yield app
    pool = app.extensions["councilgraph"].extras.get("query_pool")
    if pool is not None:
        pool.close()


@pytest.fixture
def limited(limited_app: Flask) -> FlaskClient:
    return limited_app.test_client()


def test_updates_are_refused_and_change_nothing(client: FlaskClient, sample_store: LocalStore) -> None:
    before = (sample_store.version(), sample_store.quad_count())
    update = f"DROP GRAPH <{HALLE_DOC}>"
    for response in (
        client.get("/sparql", query_string={"update": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data=update, content_type="application/sparql-update"),
        client.post("/sparql", data={"query": update}),
        client.post(
            "/sparql",
            data="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            content_type="application/sparql-query",
        ),
    ):
        assert response.status_code == 403
        assert b"read-only" in response.data
    assert (sample_store.version(), sample_store.quad_count()) == before
    ask = client.get(
        "/sparql",
        query_string={"query": f"ASK {{ GRAPH <{HALLE_DOC}> {{ ?s ?p ?o }} }}"},
        headers=JSON,
    )
    assert payload(ask) == {"head": {}, "boolean": True}


def test_service_is_refused_with_a_reason(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        headers=JSON,
        query_string={"query": "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"},
    )
    assert response.status_code == 400
    assert "SERVICE" in payload(response)["message"]


def test_a_string_mentioning_service_is_answered(client: FlaskClient) -> None:
    response = client.get(
        "/sparql",
        headers=JSON,
        query_string={"query": 'SELECT ?x WHERE { BIND("SERVICE <http://x/> { }" AS ?x) }'},
    )
    assert response.status_code == 200
    assert payload(response)["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


def test_remote_from_is_refused_and_local_from_is_not(client: FlaskClient) -> None:
    remote = client.get(
        "/sparql",
        headers=JSON,
        query_string={"query": "SELECT * FROM <http://dbpedia.org/resource/graph> WHERE { ?s ?p ?o } LIMIT 1"},
    )
    assert remote.status_code == 400 and "not in this store" in payload(remote)["message"]
    named = client.get(
        "/sparql",
        headers=JSON,
        query_string={"query": "SELECT * FROM NAMED <http://remote.example/g> WHERE { GRAPH ?g { ?s ?p ?o } }"},
    )
    assert named.status_code == 400
    local = client.get(
        "/sparql",
        headers=JSON,
        query_string={
            "query": f"SELECT ?id FROM <{HALLE_DOC}> WHERE {{ ?m <http://purl.org/dc/terms/identifier> ?id }}"
        },
    )
    assert local.status_code == 200
    assert "VII/2021/03290" in {row["id"]["value"] for row in payload(local)["results"]["bindings"]}


def test_graphs_are_listed_only_for_a_query_that_names_graphs(
    sample_settings: Settings, sample_store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing the graphs of a large remote store can take many seconds: a plain query must not."""
    from server import create_app

    listed: list[int] = []
    real = sample_store.named_graphs
    monkeypatch.setattr(sample_store, "named_graphs", lambda: listed.append(1) or real())
    web = create_app(sample_settings.with_(query_workers=0), store=sample_store).test_client()
    plain = web.get("/sparql", headers=JSON, query_string={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"})
    assert plain.status_code == 200 and listed == []
    named = web.get("/sparql", headers=JSON, query_string={"query": f"ASK FROM <{HALLE_DOC}> {{ ?s ?p ?o }}"})
    assert named.status_code == 200 and payload(named)["boolean"] is True and listed == [1]


def test_row_limit_truncates_and_says_so(limited: FlaskClient, client: FlaskClient) -> None:
    everything = client.get("/sparql", headers=JSON, query_string={"query": IDENTIFIERS})
    all_ids = [row["id"]["value"] for row in payload(everything)["results"]["bindings"]]
    assert len(all_ids) > 4  # the five documents name more than four papers
    assert "X-SPARQL-Truncated" not in everything.headers
    response = limited.get("/sparql", headers=JSON, query_string={"query": IDENTIFIERS})
    assert response.headers["X-SPARQL-Truncated"] == "true"
    assert response.headers["X-SPARQL-Row-Limit"] == "4"
    assert payload(response)["truncated"] is True
    assert [row["id"]["value"] for row in payload(response)["results"]["bindings"]] == all_ids[:4]
    for accept, rows_of in (
        ("text/csv", lambda body: body.decode().splitlines()[1:]),
        ("text/tab-separated-values", lambda body: body.decode().splitlines()[1:]),
        ("application/sparql-results+xml", lambda body: body.decode().split("<result>")[1:]),
    ):
        answer = limited.get("/sparql", headers={"Accept": accept}, query_string={"query": IDENTIFIERS})
        assert answer.headers["X-SPARQL-Truncated"] == "true"
        assert len(rows_of(answer.data)) == 4


def test_deep_paging_is_capped_but_a_small_limit_is_not_truncated(limited: FlaskClient) -> None:
    deep = limited.get("/sparql", headers=JSON, query_string={"query": IDENTIFIERS + " LIMIT 100000 OFFSET 1"})
    assert len(payload(deep)["results"]["bindings"]) == 4 and deep.headers["X-SPARQL-Truncated"] == "true"
    small = limited.get("/sparql", headers=JSON, query_string={"query": IDENTIFIERS + " LIMIT 2"})
    assert len(payload(small)["results"]["bindings"]) == 2 and "X-SPARQL-Truncated" not in small.headers
    exact = limited.get("/sparql", headers=JSON, query_string={"query": IDENTIFIERS + " LIMIT 4"})
    assert "X-SPARQL-Truncated" not in exact.headers


# ------------------------------------------------------------------ over HTTP: the time limit


@pytest.fixture(scope="module")
def strict_server(sample_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("strict") / "serve.log"
    env = {"COUNCILGRAPH_QUERY_TIMEOUT": "1.5", "COUNCILGRAPH_QUERY_WORKERS": "2"}
    with running_server(sample_store_path, log, env=env) as (url, _process):
        yield url + "sparql"


def _get(url: str, query: str, timeout: float) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}), headers=JSON)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_a_runaway_query_is_stopped_while_others_are_served(strict_server: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["runaway"] = _get(strict_server, RUNAWAY, timeout=30)
        outcome["runaway_seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)  # the runaway query is now running in a worker
    status, _, body = _get(strict_server, 'ASK { ?m <http://purl.org/dc/terms/identifier> "BA-090/2020" }', 10)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert thread.is_alive(), "the short query was answered only after the runaway query ended"
    thread.join(timeout=30)
    assert not thread.is_alive()
    runaway_answer: tuple[int, dict[str, str], bytes] = outcome["runaway"]  # type: ignore[assignment]
    status, headers, body = runaway_answer
    assert status == 503
    assert "Retry-After" in headers
    assert b"limit" in body
    assert 1.4 < outcome["runaway_seconds"] < 10  # type: ignore[operator]
    # the killed worker was replaced: the endpoint still answers
    assert _get(strict_server, "ASK {}", 10)[0] == 200


# ------------------------------------------------------------------ the guards, read as the parser reads


def test_an_escaped_hash_stays_inside_a_prefixed_name() -> None:
    text = "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a\\#b ?o . SERVICE <http://x/> { } }"
    assert "ex:a\\#b" in [token.text for token in tokens(text)]
    assert outline(text).uses_service is True


def test_less_than_after_an_operand_is_an_operator_not_an_iri() -> None:
    text = 'SELECT * WHERE { FILTER(1<2)#>"""\n SERVICE <http://x/> { ?s ?p ?o }\n#"""\n}'
    assert [token.text for token in tokens(text)][6:10] == ["1", "<", "2", ")"]
    assert outline(text).uses_service is True
    hidden_limit = 'SELECT ?s WHERE { ?s ?p ?o FILTER(?o<2)#>"""\n} LIMIT 100000 #"""'
    assert outline(hidden_limit).limit == 100000


def test_iris_in_lists_and_function_calls_stay_iris() -> None:
    text = (
        "SELECT ?x (<http://f.example/fn#a>(?x) AS ?y) WHERE { ?s <http://e.example/p#q> "
        "(<http://e.example/a#b> <http://e.example/c#d>) FILTER(?x IN (<http://e.example/x#1>)) "
        "VALUES (?x) { (<http://e.example/v#1>) } } ORDER BY ?x <http://f.example/fn#b>(?x) LIMIT 3"
    )
    iris = [token.text for token in tokens(text) if token.kind == "iri"]
    assert iris == [
        "<http://f.example/fn#a>",
        "<http://e.example/p#q>",
        "<http://e.example/a#b>",
        "<http://e.example/c#d>",
        "<http://e.example/x#1>",
        "<http://e.example/v#1>",
        "<http://f.example/fn#b>",
    ]
    assert outline(text).limit == 3


def test_service_glued_to_a_prefixed_name_is_service() -> None:
    assert outline("PREFIX : <http://x/> SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }").uses_service
    declared = "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o }"
    assert outline(declared).uses_service is False


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
        "PREFIX : <http://x/> SELECT * WHERE { sErViCe:sparql { ?s ?p ?o } }",
        'SELECT * WHERE { FILTER(1<2)#>"""\n SERVICE SILENT <http://x/> { ?s ?p ?o }\n#"""\n}',
        "ASK { ?s ?p ?o OPTIONAL { SERVICE ?where { ?s ?p ?o } } }",
    ],
)
def test_the_parser_check_refuses_service_however_written(text: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        refuse_hidden_service(text)


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "please use the SERVICE desk" }',
        "SELECT * WHERE { ?s <http://example.org/Service> ?o } # SERVICE <http://x/> { }",
        "PREFIX service: <http://example.org/> SELECT ?service WHERE { ?service service:p ?o }",
        "SELECT * WHERE { ?s ?p '''a long\nSERVICE <http://x/> { }\nstring''' }",
    ],
)
def test_the_parser_check_lets_the_word_service_pass(text: str) -> None:
    refuse_hidden_service(text)


def _results(query: str) -> Any:
    store = ox.Store()
    for number in range(6):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{number}"), ox.NamedNode("urn:p"), ox.Literal(f"o\t{number}")))
    return store.query(query)


def _row_count(body: bytes, key: str) -> int:
    if key == "csv":  # CSV results cannot be parsed back into terms
        return len(list(csv.reader(io.StringIO(body.decode())))) - 1
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_extension(key))
    assert isinstance(parsed, ox.QuerySolutions)
    return len(list(parsed))


@pytest.mark.parametrize("key", ["json", "xml", "csv", "tsv"])
def test_rows_are_counted_on_the_results_not_on_the_text(key: str) -> None:
    """Whatever the text says about LIMIT, no more than the cap is written."""
    body, truncated = solutions_bytes(_results("SELECT ?s ?o WHERE { ?s ?p ?o }"), key, 4)
    assert truncated is True
    assert _row_count(body, key) == 4
    exact, truncated = solutions_bytes(_results("SELECT ?s WHERE { ?s ?p ?o } LIMIT 4"), key, 4)
    assert truncated is False
    assert "truncated" not in exact.decode()


def test_triples_are_capped_too() -> None:
    body, truncated = graph_bytes(_results("CONSTRUCT WHERE { ?s ?p ?o }"), "ntriples", None, 4)
    assert truncated is True
    assert len(body.decode().splitlines()) == 4
    whole, truncated = graph_bytes(_results("CONSTRUCT WHERE { ?s ?p ?o }"), "ntriples", None, 6)
    assert truncated is False
    assert len(whole.decode().splitlines()) == 6


@pytest.mark.parametrize("chunk", [1, 5, 64, 10_000])
@pytest.mark.parametrize("cap", [0, 1, 7, 29, 30, 31])
def test_capping_keeps_whole_lines_however_the_writer_chunks(chunk: int, cap: int) -> None:
    lines = [f'<urn:x:{n}> <urn:x:p> "zeile {n}\\nmit Umbruch" .\n'.encode() for n in range(30)]
    data = b"".join(lines)

    def write(sink: IO[bytes]) -> None:
        for start in range(0, len(data), chunk):
            sink.write(data[start : start + chunk])

    body, truncated = capped_lines(write, cap)
    assert body == b"".join(lines[:cap])
    assert truncated is (cap < 30)


def test_capped_rows_keep_their_terms_exactly() -> None:
    """Rows go through TSV on their way to the asked format: every kind of term survives."""
    store = ox.Store()
    subject = ox.NamedNode("http://example.org/s")
    objects: list[ox.NamedNode | ox.BlankNode | ox.Literal] = [
        ox.Literal('Zeile 1\nZeile 2\twith a tab and "quotes"'),
        ox.Literal("Antrag", language="de"),
        ox.Literal("007", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.BlankNode("b1"),
        ox.NamedNode("http://example.org/o?x=1#frag"),
    ]
    for index, term in enumerate(objects):
        store.add(ox.Quad(subject, ox.NamedNode(f"http://example.org/p{index}"), term))
    query = "SELECT ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p"
    native = store.query(query)
    assert isinstance(native, ox.QuerySolutions)
    expected = [row["o"] for row in native]  # as the store gives them ("007" is read as 7)
    assert len(expected) == len(objects)
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    body, truncated = solutions_bytes(result, "json", 10)
    assert truncated is False
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [row["o"] for row in parsed] == expected


def test_a_limit_hidden_from_the_outline_is_still_capped(limited: FlaskClient) -> None:
    hidden = IDENTIFIERS.replace("?id }", '?id FILTER(1<2)#>"""\n}') + ' LIMIT 100000 #"""'
    response = limited.get("/sparql", headers=JSON, query_string={"query": hidden})
    assert response.status_code == 200
    assert len(payload(response)["results"]["bindings"]) == 4
    assert response.headers["X-SPARQL-Truncated"] == "true"


def test_a_construct_past_the_row_limit_is_truncated_and_says_so(limited: FlaskClient) -> None:
    response = limited.get(
        "/sparql",
        headers={"Accept": "application/n-triples"},
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
    )
    assert response.status_code == 200
    assert len(response.data.decode().splitlines()) == 4
    assert response.headers["X-SPARQL-Truncated"] == "true"
    assert response.headers["X-SPARQL-Row-Limit"] == "4"


# --------------------------------------------------------------------------- memory


MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f ?i"


@pytest.fixture(scope="module")
def frugal_app(sample_settings: Settings, sample_store: LocalStore) -> Iterator[Flask]:
    from server import create_app

    settings = Settings.load(
        {"store": sample_settings.store, "base_uri": sample_settings.base_uri},
        environ={"COUNCILGRAPH_QUERY_MEMORY_MB": "768", "COUNCILGRAPH_QUERY_WORKERS": "1"},
    ).with_(query_timeout=30.0)
    assert settings.query_memory_mb == 768
    app = create_app(settings, store=sample_store)
    yield app
    pool = app.extensions["councilgraph"].extras.get("query_pool")
    if pool is not None:
        pool.close()


def test_a_query_past_the_memory_limit_gets_503_and_the_next_one_is_served(
    frugal_app: Flask,
) -> None:
    client = frugal_app.test_client()
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": MEMORY_HOG}, headers=JSON)
    assert response.status_code == 503
    assert "Retry-After" in response.headers
    assert "more memory than the limit of 768 MB" in payload(response)["message"]
    assert time.monotonic() - started < 20  # stopped by the memory limit, not the time limit
    # the one worker was replaced: the endpoint answers again
    after = client.get("/sparql", query_string={"query": IDENTIFIERS}, headers=JSON)
    assert after.status_code == 200
    identifiers = {row["id"]["value"] for row in payload(after)["results"]["bindings"]}
    assert "BA-090/2020" in identifiers
