"""Remote SELECT results passed on undecoded: the row bound that decides it must never undercount."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from server.remote_queries import _within

THREE_ROWS = b"""{ "head": { "link": [], "vars": ["s", "label"] },
  "results": { "distinct": false, "ordered": true, "bindings": [
    { "s": { "type": "uri", "value": "http://example.org/a" }, "label": { "type": "literal", "value": "type" } },
    { "s": { "type": "uri", "value": "http://example.org/b" },
      "label": { "type": "literal", "value": "a \\"type\\": b" } },
    { "s": { "type": "bnode", "value": "b0" } } ] } }"""


def _rows(body: bytes) -> int:
    results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions)
    return sum(1 for _ in results)


def test_three_rows_with_lookalike_values_fit_a_cap_of_three_and_not_of_two() -> None:
    assert _rows(THREE_ROWS) == 3
    assert _within(THREE_ROWS, 3)
    assert not _within(THREE_ROWS, 2)
    assert _within(THREE_ROWS, None)


def test_empty_rows_count_as_rows() -> None:
    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{}, {}, {}, {}]}}).encode()
    assert _rows(body) == 4
    assert _within(body, 4)
    assert not _within(body, 3)


def test_a_space_before_the_colon_makes_the_bound_looser_not_wrong() -> None:
    spaced = THREE_ROWS.replace(b'"type":', b'"type" :')
    assert _rows(spaced) == 3
    assert not _within(spaced, 7)  # five terms no longer recognised: the bound says eight rows
    assert _within(spaced, 8)


@pytest.mark.parametrize("rows", [0, 1, 7, 250])
def test_results_written_by_oxigraph(rows: int) -> None:
    store = ox.Store()
    store.extend(
        ox.Quad(ox.NamedNode(f"http://example.org/{n}"), ox.NamedNode("http://example.org/p"), ox.Literal(f"{n}"))
        for n in range(rows)
    )
    result = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QuerySolutions)
    body = result.serialize(format=ox.QueryResultsFormat.JSON)
    assert body is not None
    assert _within(body, rows)
    assert not _within(body, rows - 1) or rows == 0
