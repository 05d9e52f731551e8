"""Result formats of the SPARQL endpoint and their serialisation.

Serialisation runs in the query worker processes, with pyoxigraph's native
serialisers, so the web process only passes bytes on. The row limit is
enforced here, on the results themselves: at most `row_cap + 1` rows (or
triples) are read from the lazy result, so no way of writing the query text
can get past it. (The endpoint also caps the query's own LIMIT, which lets
the engine stop early, but does not rely on that.)
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable
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


def solutions_bytes(result: ox.QuerySolutions, key: str, row_cap: int | None) -> tuple[bytes, bool]:
    """Serialise SELECT results. With `row_cap`, at most `row_cap` rows are read and written, and
    the result is reported as truncated when it had more, whatever LIMIT the query text holds."""
    if row_cap is None:
        return _written(result.serialize(format=_NATIVE_SOLUTIONS[key])), False
    variables = result.variables
    rows = list(itertools.islice(result, row_cap + 1))
    truncated = len(rows) > row_cap
    capped = _solutions(variables, rows[:row_cap])
    body = _written(capped.serialize(format=_NATIVE_SOLUTIONS[key]))
    if truncated and key == "json":  # a member beside `head`, which clients that do not know it ignore
        body = b'{"truncated":true,' + body[1:]
    return body, truncated


def _solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> ox.QuerySolutions:
    """Rows already read, as results pyoxigraph can serialise (a TSV round trip: TSV writes
    each term in its N-Triples form, exactly what `str()` of a term gives)."""
    lines = ["\t".join(f"?{variable.value}" for variable in variables)]
    for row in rows:
        lines.append("\t".join("" if (term := row[variable]) is None else str(term) for variable in variables))
    parsed = ox.parse_query_results("\n".join(lines) + "\n", format=ox.QueryResultsFormat.TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    return parsed


def boolean_bytes(result: ox.QueryBoolean, key: str) -> bytes:
    return _written(result.serialize(format=_NATIVE_SOLUTIONS[key]))


def graph_bytes(
    result: ox.QueryTriples, key: str, context: dict[str, Any] | None, triple_cap: int | None = None
) -> tuple[bytes, bool]:
    """Serialise CONSTRUCT/DESCRIBE results; JSON-LD compacted with `context` when given.
    With `triple_cap`, at most that many triples, and whether there were more."""
    triples: Iterable[ox.Triple] = result
    truncated = False
    if triple_cap is not None:
        read = list(itertools.islice(result, triple_cap + 1))
        truncated = len(read) > triple_cap
        triples = read[:triple_cap]
    if key == "jsonld" and context is not None:
        from rdflib import Graph

        graph = Graph()
        graph.parse(data=_written(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)), format="nt")
        body = graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
        return body, truncated
    return _written(ox.serialize(triples, format=_NATIVE_GRAPHS[key])), truncated


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
