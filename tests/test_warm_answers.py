"""The example queries are answered once per store version in the background, so readers get cached answers."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import pytest
from flask import Flask

from councilgraph.errors import StoreError
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server import create_app, sparql
from server.examples import load_examples
from server.query_pool import Answer, Job
from server.state import AppState
from server.warm_answers import AnswerWarmer
from tests.conftest import BASE

NEW_GRAPH = "http://localhost:5000/id/document/warm-answers-test"


@pytest.fixture
def store_path(sample_store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_path, copy)
    return copy


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
    assert warmer.warm_if_due() == len(load_examples()) > 0
    computed = _counting_runs(monkeypatch)
    _browse_examples(app)
    assert computed == []
    assert warmer.warm_if_due() == 0  # once per version


def test_without_warming_the_first_reader_waits_for_the_query(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    computed = _counting_runs(monkeypatch)
    _browse_examples(app)
    assert len(computed) >= len(load_examples())


def test_a_new_version_is_warmed_again_once_it_has_settled(
    app: Flask, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmer = AnswerWarmer(app, settle_seconds=0)
    warmer.warm_if_due()
    writer = LocalStore(store_path, writable=True)
    try:
        writer.replace_graphs({NEW_GRAPH: f'<{NEW_GRAPH}#s> <{BASE}ontology#p> "x" .\n'})
        writer.publish()
    finally:
        writer.close()
    reader = app.extensions["councilgraph"].store
    new_version = LocalStore(store_path).version()
    monkeypatch.setattr(reader, "_checked_at", 0.0)  # read the pointer now, not within half a second
    assert reader.version() == new_version

    patient = AnswerWarmer(app, settle_seconds=3600)
    assert patient.warm_if_due() == 0 and patient.warmed_version is None
    assert warmer.warm_if_due() == len(load_examples())
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
    assert AnswerWarmer(app, settle_seconds=0).warm_if_due() == len(load_examples()) - 1
