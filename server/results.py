"""Result formats of the SPARQL endpoint and their serialisation.

Serialisation runs in the query worker processes, with pyoxigraph's native
serialisers, so the web process only passes bytes on. The row limit is
enforced on the query text (a capped `LIMIT n+1`, see `server.query_text`);
here the one extra row, if present, is detected and cut off.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
        ResultFormat(
            "nquads", "application/n-quads" + _TEXT, ("application/n-quads",), W3C + "N-Quads"
        ),
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
_MIN_ROW_BYTES = {"json": 3, "xml": 17, "tsv": 1}
"""No row of a result is shorter than this many bytes (used to skip counting small results)."""


def solutions_bytes(result: ox.QuerySolutions, key: str, row_cap: int | None) -> tuple[bytes, bool]:
    """Serialise SELECT results. With `row_cap`, the query was run with `LIMIT row_cap + 1`:
    a result with more than `row_cap` rows is cut to `row_cap` and reported as truncated."""
    if row_cap is None:
        return _written(result.serialize(format=_NATIVE_SOLUTIONS[key])), False
    if key == "csv":  # quoted CSV fields may hold line breaks: count rows on TSV and convert
        tsv, truncated = solutions_bytes(result, "tsv", row_cap)
        parsed = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
        assert isinstance(parsed, ox.QuerySolutions)
        return _written(parsed.serialize(format=ox.QueryResultsFormat.CSV)), truncated
    body = _written(result.serialize(format=_NATIVE_SOLUTIONS[key]))
    if len(body) < _MIN_ROW_BYTES[key] * (row_cap + 1):
        return body, False
    if key == "tsv":
        lines = body.split(b"\n")
        if len(lines) - 2 > row_cap:  # a header line, and a final empty string after the last \n
            return b"\n".join(lines[: row_cap + 1]) + b"\n", True
        return body, False
    if key == "xml":
        if body.count(b"<result>") > row_cap:
            last = body.rindex(b"<result>")
            return body[:last] + b"</results></sparql>", True
        return body, False
    payload = json.loads(body)
    bindings = payload["results"]["bindings"]
    if len(bindings) <= row_cap:
        return body, False
    del bindings[row_cap:]
    payload["truncated"] = True
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), True


def boolean_bytes(result: ox.QueryBoolean, key: str) -> bytes:
    return _written(result.serialize(format=_NATIVE_SOLUTIONS[key]))


def graph_bytes(result: ox.QueryTriples, key: str, context: dict[str, Any] | None) -> bytes:
    """Serialise CONSTRUCT/DESCRIBE results; JSON-LD compacted with `context` when given."""
    if key == "jsonld" and context is not None:
        from rdflib import Graph

        graph = Graph()
        graph.parse(data=_written(result.serialize(format=ox.RdfFormat.N_TRIPLES)), format="nt")
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    return _written(result.serialize(format=_NATIVE_GRAPHS[key]))


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
