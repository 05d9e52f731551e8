"""`councilgraph query --endpoint URL` against the live server, in table, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from councilgraph.cli import main

QUERY = "SELECT ?id WHERE { ?m a cg:Motion ; dcterms:identifier ?id } ORDER BY ?id"


@pytest.fixture(scope="module")
def endpoint(live_server: str) -> str:
    return live_server + "sparql"


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, ["query", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_table(runner: CliRunner, endpoint: str) -> None:
    output = run(runner, QUERY, "--endpoint", endpoint)
    lines = output.splitlines()
    assert lines[0].strip() == "id"
    assert "VII/2021/03290" in [line.strip() for line in lines]
    assert lines[-1].startswith("(") and "rows" in lines[-1]


def test_csv(runner: CliRunner, endpoint: str) -> None:
    rows = list(
        csv.reader(io.StringIO(run(runner, QUERY, "--endpoint", endpoint, "--format", "csv")))
    )
    assert rows[0] == ["id"]
    assert {"BA-090/2020", "VII/2020/01351", "VII/2021/03290"} <= {row[0] for row in rows[1:]}


def test_json(runner: CliRunner, endpoint: str) -> None:
    payload = json.loads(run(runner, QUERY, "--endpoint", endpoint, "--format", "json"))
    assert payload["head"]["vars"] == ["id"]
    assert "BA-090/2020" in {row["id"]["value"] for row in payload["results"]["bindings"]}


def test_a_query_file(runner: CliRunner, endpoint: str) -> None:
    output = run(
        runner, "queries/consultation-timeline.rq", "--endpoint", endpoint, "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(output)))
    assert "VII/2021/03290" in {row["identifier"] for row in rows}


def test_a_bad_query_fails_with_the_message(runner: CliRunner, endpoint: str) -> None:
    result = runner.invoke(main, ["query", "SELECT * WHERE { ?s ?p }", "--endpoint", endpoint])
    assert result.exit_code != 0
    assert "parse" in result.output or "1:" in result.output
