"""SELECT results within the row cap are written once, by the store's writer, in the client's format;
results over the cap are cut to it exactly, however their literals look."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from server import results
from server.query_pool import Job, run_job
from server.results import solutions_capped

FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
    "csv": ox.QueryResultsFormat.CSV,
}
TRICKY = 'a},{b\n<result>c\td,"e"\r\n{},{}'
"""A literal holding what each format writes between rows."""


def _store(rows: int, text: str = "plain") -> ox.Store:
    store = ox.Store()
    for number in range(rows):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{number:04d}"), ox.NamedNode("urn:p"), ox.Literal(f"{text} {number}")))
    return store


QUERY = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


def _solutions(store: ox.Store, query: str = QUERY) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _written(solutions: ox.QuerySolutions, key: str) -> bytes:
    body = solutions.serialize(format=FORMATS[key])
    assert body is not None
    return body


def _rows(body: bytes, key: str) -> list[list[str]]:
    if key == "csv":
        return list(csv.reader(io.StringIO(body.decode(), newline="")))[1:]
    parsed = ox.parse_query_results(body, format=FORMATS[key])
    assert isinstance(parsed, ox.QuerySolutions)
    return [[str(term) for term in row] for row in parsed]


@pytest.mark.parametrize("key", list(FORMATS))
@pytest.mark.parametrize("text", ["plain", TRICKY])
@pytest.mark.parametrize("rows", [0, 1, 9, 10])
def test_within_the_cap_the_body_is_what_the_store_writes(key: str, text: str, rows: int) -> None:
    store = _store(rows, text)
    native = _written(_solutions(store), key)
    written = solutions_capped(_solutions(store), key, 10)
    if written is None:  # only literals that look like many rows may make the writer stop
        assert text == TRICKY
        return
    body, truncated = written
    assert truncated is False
    assert body == native or text == TRICKY and _rows(body, key) == _rows(native, key)


@pytest.mark.parametrize("key", list(FORMATS))
@pytest.mark.parametrize("text", ["plain", TRICKY])
@pytest.mark.parametrize("rows", [11, 15, 40])
def test_over_the_cap_exactly_the_first_rows_are_kept(key: str, text: str, rows: int) -> None:
    store = _store(rows, text)
    everything = _rows(_written(_solutions(store), key), key)
    written = solutions_capped(_solutions(store), key, 10)
    if written is None:  # far over the cap, or CSV (not read back): the caller runs the query again, capped
        assert rows > 20 or text == TRICKY or key == "csv"
        return
    body, truncated = written
    assert truncated is True
    assert _rows(body, key) == everything[:10]


@pytest.mark.parametrize("key", list(FORMATS))
@pytest.mark.parametrize("rows", [3, 10, 11, 40])
def test_a_worker_answers_the_same_rows_whichever_way_it_writes_them(key: str, rows: int) -> None:
    """`run_job`: one pass within the cap, a second capped pass far over it; the rows and the
    truncation flag are the same either way."""

    class Store:
        def __init__(self) -> None:
            self.store = _store(rows, TRICKY)
            self.runs = 0

        def version(self) -> str:
            return "v1"

        def query(self, sparql: str, **_: object) -> ox.QuerySolutions:
            self.runs += 1
            return _solutions(self.store, sparql)

    store = Store()
    answer = run_job(Job(query=QUERY, form="SELECT", format_key=key, row_cap=10), store)  # type: ignore[arg-type]
    everything = _rows(_written(_solutions(store.store), key), key)
    assert answer.truncated is (rows > 10)
    assert _rows(answer.body, key) == everything[:10]
    assert (b'"truncated":true' in answer.body) is (key == "json" and rows > 10)
    if rows <= 3:
        assert store.runs == 1


LOOKS_LIKE_ROWS = ('x},{"y},{ <result> \t', "ends},{", "ends}},{", 'quote},{",\n}},{"z')
"""Literals holding the boundaries of rows as each format writes them (a JSON string that ends in
`},{` is followed by its closing quote), but no `{}` (an empty JSON row)."""


def _mixed_store(rows: int) -> ox.Store:
    """Plain rows, and a few whose literals look like boundaries of rows (with and without a language tag)."""
    store = _store(rows)
    for number, text in zip((2, 5, 8, 10), LOOKS_LIKE_ROWS, strict=True):
        literal = ox.Literal(text, language="de") if number % 2 else ox.Literal(text)
        store.add(ox.Quad(ox.NamedNode(f"urn:s{number:04d}"), ox.NamedNode("urn:q"), literal))
    return store


@pytest.mark.parametrize("key", ["json", "xml", "tsv"])
@pytest.mark.parametrize("rows", [7, 8])
def test_over_the_cap_the_body_is_cut_where_it_was_written_without_reading_it_back(
    key: str, rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The query the endpoint runs asks for one row more than the cap: that row is cut off the body as
    written, instead of reading the body back and writing it again (at 5·10^6 triples, 100,001 rows of
    principles with evidence were read back and written twice more)."""
    store = _mixed_store(rows)
    everything = _rows(_written(_solutions(store), key), key)
    assert len(everything) > 10

    def no_reading_back(*args: object, **kwargs: object) -> None:
        raise AssertionError("the body was read back")

    monkeypatch.setattr(results.ox, "parse_query_results", no_reading_back)
    written = solutions_capped(_solutions(store), key, 10)
    monkeypatch.undo()
    assert written is not None
    body, truncated = written
    assert truncated is True
    assert _rows(body, key) == everything[:10]
    assert (b'"truncated":true' in body) is (key == "json")


@pytest.mark.parametrize("rows", [10, 11])
def test_json_with_empty_rows_is_read_back_and_still_cut_exactly(rows: int) -> None:
    store = _store(rows)
    query = "SELECT ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } }"
    everything = _rows(_written(_solutions(store, query), "json"), "json")
    assert results.cut_to_rows(_written(_solutions(store, query), "json"), "json", 5) is None
    written = solutions_capped(_solutions(store, query), "json", 10)
    assert written is not None
    body, truncated = written
    assert truncated is (rows > 10)
    assert _rows(body, "json") == everything[:10]
