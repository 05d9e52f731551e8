"""Result formats of the SPARQL endpoint and their serialisation.

Serialisation runs in the query worker processes, with pyoxigraph's native
serialisers, so the web process only passes bytes on. The row limit is
enforced here, on the results themselves: the writer is stopped after
`row_cap + 1` rows (or triples) of the lazy result, so no way of writing the
query text can get past it. (The endpoint also caps the query's own LIMIT, which lets
the engine stop early, but does not rely on that.) SELECT results are written
once, in the client's format, while an upper bound of their rows is counted
(`solutions_capped`); a result that may pass the cap is cut exactly where the
format shows its rows' boundaries (`cut_to_rows`), and read back only where it
does not.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox


@dataclass(frozen=True)
class ResultFormat:
    key: str
    media_type: str
    """The Content-Type the endpoint answers with."""
    accepts: tuple[str, ...]
    """Media types a client may ask for to get this format (the first is the canonical one)."""
    w3c_iri: str
    """The format's IRI at http://www.w3.org/ns/formats/ (for the service description)."""


_TEXT = "; charset=utf-8"
W3C = "http://www.w3.org/ns/formats/"

SOLUTION_FORMATS: dict[str, ResultFormat] = {
    f.key: f
    for f in (
        ResultFormat(
            "json",
            "application/sparql-results+json" + _TEXT,
            (
                "application/sparql-results+json",
                "application/json",
                "text/javascript",
                "application/javascript",
            ),
            W3C + "SPARQL_Results_JSON",
        ),
        ResultFormat(
            "xml",
            "application/sparql-results+xml" + _TEXT,
            ("application/sparql-results+xml", "application/xml", "text/xml"),
            W3C + "SPARQL_Results_XML",
        ),
        ResultFormat("csv", "text/csv" + _TEXT, ("text/csv",), W3C + "SPARQL_Results_CSV"),
        ResultFormat(
            "tsv",
            "text/tab-separated-values" + _TEXT,
            ("text/tab-separated-values",),
            W3C + "SPARQL_Results_TSV",
        ),
    )
}

GRAPH_FORMATS: dict[str, ResultFormat] = {
    f.key: f
    for f in (
        ResultFormat(
            "turtle",
            "text/turtle" + _TEXT,
            (
                "text/turtle",
                "application/x-turtle",
                "application/turtle",
                "text/n3",
                "text/rdf+n3",
                "application/n3",
            ),
            W3C + "Turtle",
        ),
        ResultFormat(
            "ntriples",
            "application/n-triples" + _TEXT,
            ("application/n-triples", "text/plain"),
            W3C + "N-Triples",
        ),
        ResultFormat(
            "jsonld",
            "application/ld+json" + _TEXT,
            ("application/ld+json", "application/json"),
            W3C + "JSON-LD",
        ),
        ResultFormat(
            "rdfxml",
            "application/rdf+xml" + _TEXT,
            ("application/rdf+xml", "application/xml", "text/xml"),
            W3C + "RDF_XML",
        ),
        ResultFormat("nquads", "application/n-quads" + _TEXT, ("application/n-quads",), W3C + "N-Quads"),
        ResultFormat("trig", "application/trig" + _TEXT, ("application/trig",), W3C + "TriG"),
    )
}

FORMAT_ALIASES: dict[str, str] = {
    "srj": "json",
    "srx": "xml",
    "ttl": "turtle",
    "n3": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "rdf/xml": "rdfxml",
    "nq": "nquads",
    "n-quads": "nquads",
}

_NATIVE_SOLUTIONS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_NATIVE_GRAPHS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def solutions_bytes(result: ox.QuerySolutions, key: str, row_cap: int | None) -> tuple[bytes, bool]:
    """Serialise SELECT results. With `row_cap`, at most `row_cap` rows are read and written, and
    the result is reported as truncated when it had more, whatever LIMIT the query text holds."""
    if row_cap is None:
        return _written(result.serialize(format=_NATIVE_SOLUTIONS[key])), False
    tsv, truncated = capped_tsv(result, row_cap)
    return tsv_as(key, tsv, truncated), truncated


ROW_MARKS: dict[str, tuple[bytes, int]] = {
    "json": (b"},{", 1),
    "xml": (b"<result>", 0),
    "tsv": (b"\n", -1),
    "csv": (b"\n", -1),
}
"""Per results format, a byte sequence written at least once per row and a correction (rows ≤ its
count + correction): JSON separates rows by `},{` (and a literal may hold it too: over-counted
only), XML opens each row with `<result>` (`<` is escaped in text), TSV and CSV end each line,
the header line included, with a newline (CSV also within quoted values: over-counted only)."""


def solutions_capped(result: ox.QuerySolutions, key: str, row_cap: int) -> tuple[bytes, bool] | None:
    """SELECT results in format `key`, at most `row_cap` rows, and whether there were more; written
    by the store's own writer in one pass, as an in-process caller writes them.

    Rows are bounded from above by counting `ROW_MARKS` as they are written, so a result within
    the cap is never passed off as complete when it is not. When the bound passes the cap, the
    body is cut after its first `row_cap` rows where their boundaries can be told exactly
    (`cut_to_rows`), else the rows are read back and counted (`capped_tsv`); when it passes twice
    the cap the writer is stopped and None returned: run the query again and use `capped_tsv` on it."""
    mark, correction = ROW_MARKS[key]
    within = row_cap - correction
    sink = _MarkCountingSink(mark, 2 * within + 1)
    try:
        result.serialize(cast(IO[bytes], sink), format=_NATIVE_SOLUTIONS[key])
    except _Enough:
        return None
    body = sink.take(None)
    if sink.marks <= within:
        return body, False
    cut = cut_to_rows(body, key, row_cap)
    if cut is not None:
        return cut
    if key not in _READABLE_SOLUTIONS:
        return None
    parsed = ox.parse_query_results(body, format=_NATIVE_SOLUTIONS[key])
    assert isinstance(parsed, ox.QuerySolutions)
    del body
    tsv, truncated = capped_tsv(parsed, row_cap)
    return tsv_as(key, tsv, truncated), truncated


_JSON_ROW_BOUNDARY = re.compile(rb'\},\{"[^},]')
"""Between two JSON rows: the `}` that closed the row before, then `,{"` and a variable's name.
Within a string, `},{` is followed by a quote only where the string ends, and the writer puts `}`
or `,` after a string, never a name. (IRIs hold no braces; blank node labels are alphanumeric.)
The pattern opens with a literal: a regular expression that does not is tried at every byte."""
_XML_ROW_START = re.compile(re.escape(b"<result>"))
_LINE_END = re.compile(b"\n")


def cut_to_rows(body: bytes, key: str, row_cap: int) -> tuple[bytes, bool] | None:
    """`body` as the store wrote it, cut after its first `row_cap` rows, and whether it had more;
    None where the rows cannot be told apart without reading the body back: CSV (its quoted
    values may hold line breaks) and JSON with an empty row or a literal `{}` (an empty row
    `{}` has no name after its brace). XML and TSV escape what would look like a row's start
    (`<`; line breaks), JSON rows are told apart by `_JSON_ROW_BOUNDARY`."""
    if row_cap < 1:
        return None
    if key == "tsv":  # the header line, then one line per row
        return _cut_at(body, _LINE_END, row_cap + 1, offset=1, closing=b"")
    if key == "xml":
        return _cut_at(body, _XML_ROW_START, row_cap + 1, offset=0, closing=b"</results></sparql>")
    if key != "json" or b"{}" in body:
        return None
    # a member beside `head`, which clients that do not know it ignore
    return _cut_at(body, _JSON_ROW_BOUNDARY, row_cap, offset=1, closing=b"]}}", opening=b'{"truncated":true,')


def _cut_at(
    body: bytes, boundary: re.Pattern[bytes], nth: int, *, offset: int, closing: bytes, opening: bytes = b""
) -> tuple[bytes, bool]:
    """`body` up to `offset` bytes into its `nth` `boundary`, with `closing` after it (and `opening`
    in place of its first byte), and True; or `body` as it is and False when it has fewer
    boundaries, or nothing after the cut. The kept part is copied once."""
    found = next(itertools.islice(boundary.finditer(body), nth - 1, None), None)
    if found is None or found.start() + offset >= len(body):
        return body, False
    skip = 1 if opening else 0
    return b"".join((opening, memoryview(body)[skip : found.start() + offset], closing)), True


_READABLE_SOLUTIONS = ("json", "xml", "tsv")
"""Results formats the store reads back (CSV loses the terms' kinds)."""


def capped_tsv(result: ox.QuerySolutions, row_cap: int) -> tuple[bytes, bool]:
    """At most `row_cap` rows as SPARQL TSV, and whether there were more.

    The rows are written as TSV (one line per row, in Rust) into a sink that stops the
    writer after `row_cap + 1` lines. TSV writes each term in its N-Triples form, so
    reading the kept lines back (`tsv_as`) gives exactly the rows."""
    return capped_lines(lambda sink: result.serialize(sink, format=ox.QueryResultsFormat.TSV), row_cap + 1)


def tsv_as(key: str, tsv: bytes, truncated: bool) -> bytes:
    """Rows read by `capped_tsv`, in the results format `key`."""
    body = tsv if key == "tsv" else tsv_to(key, tsv)
    if truncated and key == "json":  # a member beside `head`, which clients that do not know it ignore
        body = b'{"truncated":true,' + body[1:]
    return body


def tsv_to(key: str, tsv: bytes) -> bytes:
    """SPARQL TSV results in another results format."""
    parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    return _written(parsed.serialize(format=_NATIVE_SOLUTIONS[key]))


def boolean_bytes(result: ox.QueryBoolean, key: str) -> bytes:
    return _written(result.serialize(format=_NATIVE_SOLUTIONS[key]))


def graph_bytes(
    result: ox.QueryTriples, key: str, context: dict[str, Any] | None, triple_cap: int | None = None
) -> tuple[bytes, bool]:
    """Serialise CONSTRUCT/DESCRIBE results; JSON-LD compacted with `context` when given.
    With `triple_cap`, at most that many triples, and whether there were more."""
    if triple_cap is None and not (key == "jsonld" and context is not None):
        return _written(result.serialize(format=_NATIVE_GRAPHS[key])), False
    ntriples, truncated = capped_ntriples(result, triple_cap)
    return ntriples_to(key, ntriples, context), truncated


def capped_ntriples(result: ox.QueryTriples, triple_cap: int | None) -> tuple[bytes, bool]:
    """At most `triple_cap` triples as N-Triples (one per line), and whether there were more."""
    return capped_lines(lambda sink: result.serialize(sink, format=ox.RdfFormat.N_TRIPLES), triple_cap)


def ntriples_to(key: str, ntriples: bytes, context: dict[str, Any] | None) -> bytes:
    """N-Triples in another graph format; JSON-LD compacted with `context` when given."""
    if key == "ntriples":
        return ntriples
    if key == "jsonld" and context is not None:
        from rdflib import Graph

        graph = Graph()
        graph.parse(data=ntriples, format="nt")
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return _written(ox.serialize(triples, format=_NATIVE_GRAPHS[key]))


class _Enough(Exception):
    """Raised by `_LineCappedSink` to stop a writer that has written enough lines."""


class _LineCappedSink(io.RawIOBase):
    """A binary sink that keeps what is written and stops the writer after `max_lines` + 1 lines."""

    def __init__(self, max_lines: int | None) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.lines = 0
        self.max_lines = max_lines

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.lines += chunk.count(b"\n")
        if self.max_lines is not None and self.lines > self.max_lines:
            raise _Enough
        return len(chunk)

    def take(self, lines: int | None) -> bytes:
        """What was written, or its first `lines` lines; the sink lets go of its copy."""
        parts, self.parts = self.parts, []
        if lines is None:
            return b"".join(parts)
        kept: list[bytes] = []
        for part in parts:
            count = part.count(b"\n")
            if count < lines:
                kept.append(part)
                lines -= count
                continue
            end = -1
            for _ in range(lines):
                end = part.index(b"\n", end + 1)
            kept.append(part[: end + 1])
            break
        return b"".join(kept)


class _MarkCountingSink(_LineCappedSink):
    """A binary sink that keeps what is written and stops the writer once `mark` has been written
    more than `max_marks` times (counted across the writer's chunks too)."""

    def __init__(self, mark: bytes, max_marks: int) -> None:
        super().__init__(None)
        self.mark = mark
        self.max_marks = max_marks
        self.marks = 0
        self._tail = b""

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        reach = len(self.mark) - 1
        if reach:  # a mark that began in the chunk before
            self.marks += (self._tail + chunk[:reach]).count(self.mark)
            self._tail = chunk[-reach:] if len(chunk) >= reach else (self._tail + chunk)[-reach:]
        self.marks += chunk.count(self.mark)
        if self.marks > self.max_marks:
            raise _Enough
        return len(chunk)


def capped_lines(write: Callable[[IO[bytes]], object], max_lines: int | None) -> tuple[bytes, bool]:
    """What `write` writes, up to `max_lines` whole lines (all with None), and whether it had more."""
    sink = _LineCappedSink(max_lines)
    try:
        write(cast(IO[bytes], sink))
    except _Enough:
        return sink.take(max_lines), True
    return sink.take(None), False


@functools.lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any] | None:
    """The `@context` of `ontology/context.jsonld`, or None when the project has none."""
    folder = data_dir("ontology")
    path = folder / "context.jsonld" if folder is not None else None
    if path is None or not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    context = document.get("@context", document) if isinstance(document, dict) else None
    return context if isinstance(context, dict) else None


def data_dir(name: str) -> Path | None:
    """A project data folder (ontology, queries, …), in a checkout or an installed package."""
    from councilgraph.errors import CouncilGraphError
    from councilgraph.reference import data_dir as reference_data_dir

    try:
        return Path(reference_data_dir(name))
    except CouncilGraphError:
        return None


def _written(output: bytes | None) -> bytes:
    """pyoxigraph's serialisers return the bytes when given no output file."""
    assert output is not None
    return output
