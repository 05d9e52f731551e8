"""`/sparql` says in `Server-Timing` what answered, how long the query took where it ran and how long
the request took in the web process, so that a client can tell the engine's share of its wait."""

from __future__ import annotations

import uuid

from flask.testing import FlaskClient

from bench.endpoints import server_timing as parse_server_timing
from server.query_pool import Answer
from server.sparql import server_timing

QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/councilgraph/ontology#Motion> } LIMIT 3"


def _get(client: FlaskClient, text: str) -> dict[str, float]:
    accept = {"Accept": "application/sparql-results+json"}
    response = client.get("/sparql", query_string={"query": text}, headers=accept)
    assert response.status_code == 200
    header = response.headers["Server-Timing"]
    assert header.startswith('engine;desc="')
    return parse_server_timing({"server-timing": header})


def test_a_query_run_for_the_request_reports_its_own_time_within_the_request_time(client: FlaskClient) -> None:
    timing = _get(client, f"{QUERY} # {uuid.uuid4().hex}")
    assert set(timing) == {"query", "app"}
    assert 0 < timing["query"] <= timing["app"]


def test_an_answer_from_the_result_cache_reports_no_query_time(client: FlaskClient) -> None:
    text = f"{QUERY} # {uuid.uuid4().hex}"
    assert "query" in _get(client, text)
    assert "query" in _get(client, text)  # kept from its second request on
    again = _get(client, text)
    assert set(again) == {"app"} and again["app"] > 0


def test_the_header_names_the_engine_and_both_durations_in_milliseconds() -> None:
    answer = Answer(b"{}", False, "v1", "memory", seconds=0.0123456)
    assert server_timing(answer, 0.015) == 'engine;desc="memory", query;dur=12.346, app;dur=15.000'
    assert server_timing(Answer(b"{}", False, "v1"), 0.002) == 'engine;desc="disk", app;dur=2.000'
    assert Answer(b"{}", False, "v1", seconds=1.0) == Answer(b"{}", False, "v1", seconds=2.0)


def test_the_bench_reads_the_durations_and_ignores_the_rest() -> None:
    header = 'engine;desc="memory", query;dur=12.5, app;dur=15, broken;dur=x'
    assert parse_server_timing({"server-timing": header}) == {"query": 12.5, "app": 15.0}
    assert parse_server_timing({}) == {}


def test_the_bench_pairs_rounds_and_takes_the_workers_time_out() -> None:
    from bench.endpoints import paired_differences, request_path

    seconds = {"q": [0.010, 0.012, 0.011]}
    path = request_path(seconds, {"query": {"q": [0.008, 0.009, 0.0095]}})
    assert [round(value, 4) for value in path["q"]] == [0.002, 0.003, 0.0015]
    assert request_path(seconds, {"query": {"q": [0.008]}}) == {}  # a request without the header
    paired = paired_differences({"q": [0.010, 0.020]}, {"q": [0.009, 0.018]})
    assert paired["q"]["median"] == -1.5 and paired["(sum)"]["median"] == -1.5
