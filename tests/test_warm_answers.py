"""The example queries and the listings' first pages are answered once per store version in the background,
so readers get cached answers."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from flask import Flask

from councilgraph.errors import StoreError
from councilgraph.namespaces import CG, RDF, RDFS
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server import create_app, sparql
from server.conneg import LANGUAGES
from server.examples import load_examples
from server.listing_cache import hits_and_misses
from server.query_pool import Answer, Job
from server.state import AppState
from server.warm_answers import LISTING_PAGES, AnswerWarmer
from tests.conftest import BASE, copy_store

NEW_GRAPH = "http://localhost:5000/id/document/warm-answers-test"
LISTINGS_WARMED = len(LISTING_PAGES) * len(LANGUAGES)


@pytest.fixture
def store_path(sample_store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    return copy_store(sample_store_path, copy)


@pytest.fixture
def app(store_path: Path) -> Flask:
    settings = Settings(store=str(store_path), base_uri=BASE, query_workers=0, query_timeout=20.0)
    flask_app = create_app(settings, store=LocalStore(store_path))
    flask_app.config["TESTING"] = True
    return flask_app


def _counting_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every query that is computed rather than taken from the result cache."""
    computed: list[str] = []
    real_run = sparql._run

    def run(job: Job, app_state: AppState) -> Answer:
        computed.append(job.query)
        return real_run(job, app_state)

    monkeypatch.setattr(sparql, "_run", run)
    return computed


def _browse_examples(app: Flask) -> None:
    client = app.test_client()
    for example in load_examples():
        for accept in ("text/html", "application/sparql-results+json, text/turtle;q=0.9"):
            path = "/sparql?" + urllib.parse.urlencode({"query": example.text})
            response = client.get(path, headers={"Accept": accept})
            assert response.status_code == 200, (example.name, response.status_code)


def test_after_warming_every_example_is_answered_from_the_cache(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    warmer = AnswerWarmer(app, settle_seconds=0)
    assert warmer.warm_if_due() == len(load_examples()) + LISTINGS_WARMED > LISTINGS_WARMED
    computed = _counting_runs(monkeypatch)
    _browse_examples(app)
    assert computed == []
    assert warmer.warm_if_due() == 0  # once per version


def test_without_warming_the_first_reader_waits_for_the_query(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    computed = _counting_runs(monkeypatch)
    _browse_examples(app)
    assert len(computed) >= len(load_examples())


def _ingest_new_version(app: Flask, store_path: Path, monkeypatch: pytest.MonkeyPatch, triples: str) -> str:
    """Store a new document graph as an ingest does; the app's reader sees the new version at once."""
    writer = LocalStore(store_path, writable=True)
    try:
        writer.replace_graphs({NEW_GRAPH: triples})
        writer.publish()
    finally:
        writer.close()
    reader = app.extensions["councilgraph"].store
    new_version = LocalStore(store_path).version()
    monkeypatch.setattr(reader, "_checked_at", 0.0)  # read the pointer now, not within half a second
    assert reader.version() == new_version
    return new_version


def test_a_new_version_is_warmed_again_once_it_has_settled(
    app: Flask, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmer = AnswerWarmer(app, settle_seconds=0)
    warmer.warm_if_due()
    new_version = _ingest_new_version(app, store_path, monkeypatch, f'<{NEW_GRAPH}#s> <{BASE}ontology#p> "x" .\n')

    patient = AnswerWarmer(app, settle_seconds=3600)
    assert patient.warm_if_due() == 0 and patient.warmed_version is None
    assert warmer.warm_if_due() == len(load_examples()) + LISTINGS_WARMED
    assert warmer.warmed_version == new_version
    computed = _counting_runs(monkeypatch)
    _browse_examples(app)
    assert computed == []


def test_an_example_that_fails_does_not_stop_the_others(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    real_run = sparql._run
    first = load_examples()[0]

    def run(job: Job, app_state: AppState) -> Answer:
        if (job.original or job.query) == first.text:
            raise StoreError("the store could not answer")
        return real_run(job, app_state)

    monkeypatch.setattr(sparql, "_run", run)
    assert AnswerWarmer(app, settle_seconds=0).warm_if_due() == len(load_examples()) - 1 + LISTINGS_WARMED


# ------------------------------------------------------------------ the listings' first pages


def _counting_store_queries(app: Flask, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every query the web process runs on the store itself (listings run there, not in workers)."""
    store = app.extensions["councilgraph"].store
    asked: list[str] = []
    real_query = store.query

    def query(sparql_text: str, **kwargs: object) -> object:
        asked.append(sparql_text)
        return real_query(sparql_text, **kwargs)

    monkeypatch.setattr(store, "query", query)
    return asked


def _read_listings(app: Flask) -> dict[tuple[str, str, str], bytes]:
    """Every listing's first page, as HTML, CSV and JSON, in each page language."""
    client = app.test_client()
    pages: dict[tuple[str, str, str], bytes] = {}
    for path in LISTING_PAGES:
        for language in LANGUAGES:
            for accept in ("text/html", "text/csv", "application/json"):
                response = client.get(path, headers={"Accept": accept, "Accept-Language": language})
                assert response.status_code == 200, (path, language, accept, response.status_code)
                pages[path, language, accept] = response.get_data()
    return pages


def test_the_first_listing_request_after_an_ingest_is_served_from_the_warm_cache(
    app: Flask, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmer = AnswerWarmer(app, settle_seconds=0)
    warmer.warm_if_due()
    motion = f"{BASE}id/motion/warm-city/warm-1"
    version = _ingest_new_version(
        app,
        store_path,
        monkeypatch,
        f'<{motion}> <{RDF.type}> <{CG.Motion}> .\n<{motion}> <{RDFS.label}> "Warm-up motion" .\n',
    )
    assert warmer.warm_if_due() == len(load_examples()) + LISTINGS_WARMED
    assert warmer.warmed_version == version
    hits, misses = hits_and_misses(app.extensions["councilgraph"])
    asked = _counting_store_queries(app, monkeypatch)
    pages = _read_listings(app)
    assert asked == []  # no listing query ran for a reader
    assert hits_and_misses(app.extensions["councilgraph"]) == (
        hits + len(pages) + len(LANGUAGES),
        misses,
    )  # HTML /motions: its filter choices too
    assert b"Warm-up motion" in pages["/motions", "de", "application/json"]  # kept tables are of the new version


def test_without_warming_the_first_listing_reader_waits_for_the_queries(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _counting_store_queries(app, monkeypatch)
    first = _read_listings(app)
    assert len(asked) >= len(LISTING_PAGES) * len(LANGUAGES)
    asked.clear()
    assert _read_listings(app) == first  # the second reader gets the same pages from the kept tables
    assert asked == []
