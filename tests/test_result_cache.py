"""The SPARQL result cache keeps an answer from the second time its query is asked: texts asked once
(most of them) neither push out the repeated ones nor hold memory the next answer needs."""

from __future__ import annotations

import uuid

from flask import Flask
from flask.testing import FlaskClient

from server.result_cache import ResultCache
from server.sparql import cached_answer
from server.state import AppState

QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/councilgraph/ontology#Motion> } LIMIT 3"


def test_a_key_is_kept_the_second_time_it_is_put() -> None:
    cache: ResultCache[bytes] = ResultCache(admit_when_seen_twice=True)
    cache.put("a", b"one", 3)
    assert cache.get("a") is None
    cache.put("a", b"one", 3)
    assert cache.get("a") == b"one"


def test_admit_keeps_it_at_once_and_a_plain_cache_keeps_everything() -> None:
    cache: ResultCache[bytes] = ResultCache(admit_when_seen_twice=True)
    cache.put("a", b"one", 3, admit=True)
    assert cache.get("a") == b"one"
    plain: ResultCache[bytes] = ResultCache()
    plain.put("b", b"two", 3)
    assert plain.get("b") == b"two"


def test_only_the_last_keys_are_remembered() -> None:
    cache: ResultCache[bytes] = ResultCache(admit_when_seen_twice=True, remembered_keys=2)
    for key in ("a", "b", "c"):
        cache.put(key, b"x", 1)
    cache.put("a", b"x", 1)  # forgotten meanwhile: remembered again, not kept
    cache.put("c", b"x", 1)
    assert cache.get("a") is None and cache.get("c") == b"x"


def _ran(client: FlaskClient, text: str) -> bool:
    accept = {"Accept": "application/sparql-results+json"}
    response = client.get("/sparql", query_string={"query": text}, headers=accept)
    assert response.status_code == 200
    return "query;dur=" in response.headers["Server-Timing"]


def test_the_endpoint_answers_a_query_from_the_cache_from_its_third_request(client: FlaskClient) -> None:
    text = f"{QUERY} # {uuid.uuid4().hex}"
    assert [_ran(client, text) for _ in range(4)] == [True, True, False, False]


def test_an_answer_warmed_ahead_is_kept_at_once(app: Flask, client: FlaskClient) -> None:
    text = f"{QUERY} # {uuid.uuid4().hex}"
    app_state = app.extensions["councilgraph"]
    assert isinstance(app_state, AppState)
    with app.app_context():
        cached_answer(text, app_state)
    assert _ran(client, text) is False
