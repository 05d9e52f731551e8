"""`councilgraph query`: run SPARQL on the embedded store or any endpoint (SPARQLWrapper), print it."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from typing import IO, Any

import pyoxigraph as ox
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from councilgraph.errors import QueryError, StoreError
from councilgraph.namespaces import PREFIXES
from councilgraph.settings import Settings
from councilgraph.store import open_store


@dataclass
class TabularResult:
    """SELECT rows as JSON-results terms ({"type":…, "value":…}), an ASK boolean, or RDF text."""

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, dict[str, str]]] = field(default_factory=list)
    boolean: bool | None = None
    rdf: str | None = None


def with_prefixes(sparql: str) -> str:
    """Prepend the project's prefixes that the query uses but does not declare."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in sparql.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    head = [
        f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared and f"{name}:" in sparql
    ]
    return "\n".join([*head, sparql]) if head else sparql


def run_query(sparql: str, settings: Settings, endpoint: str | None = None) -> TabularResult:
    sparql = with_prefixes(sparql)
    if endpoint is None and settings.is_remote:
        endpoint = settings.store
    if endpoint is not None:
        return _run_remote(sparql, endpoint, settings)
    try:
        result = open_store(settings).query(sparql)
    except SyntaxError as error:
        raise QueryError(f"the query does not parse: {error}") from error
    except OSError as error:
        raise StoreError(str(error)) from error
    return from_oxigraph(result)


def from_oxigraph(result: Any) -> TabularResult:
    if isinstance(result, ox.QueryBoolean):
        return TabularResult(boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return TabularResult(rdf=(result.serialize(format=ox.RdfFormat.TURTLE) or b"").decode("utf-8"))
    payload = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
    return TabularResult(variables=payload["head"]["vars"], rows=payload["results"]["bindings"])


def _run_remote(sparql: str, endpoint: str, settings: Settings) -> TabularResult:
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(sparql)
    if settings.store_user and settings.store_password:
        client.setCredentials(settings.store_user, settings.store_password)
    is_graph = client.queryType in ("CONSTRUCT", "DESCRIBE")
    client.setReturnFormat(N3 if is_graph else JSON)
    try:
        response = client.query()
        if is_graph:
            body = response.response.read()
            return TabularResult(rdf=body.decode("utf-8", "replace"))
        payload = response.convert()
    except SPARQLWrapperException as error:
        raise QueryError(f"{endpoint} refused the query: {error}") from error
    except OSError as error:
        raise QueryError(f"cannot reach {endpoint}: {error}") from error
    assert isinstance(payload, dict)
    if "boolean" in payload:
        return TabularResult(boolean=bool(payload["boolean"]))
    return TabularResult(variables=payload["head"]["vars"], rows=payload["results"]["bindings"])


def _plain(term: dict[str, str] | None) -> str:
    return "" if term is None else term["value"]


def print_results(result: TabularResult, output_format: str, out: IO[str]) -> None:
    if result.rdf is not None:
        out.write(result.rdf)
        return
    if result.boolean is not None:
        out.write(
            json.dumps({"boolean": result.boolean}) + "\n"
            if output_format == "json"
            else f"{str(result.boolean).lower()}\n"
        )
        return
    if output_format == "json":
        json.dump(
            {"head": {"vars": result.variables}, "results": {"bindings": result.rows}},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    elif output_format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_plain(row.get(v)) for v in result.variables])
    else:
        _print_table(result, out)


def _print_table(result: TabularResult, out: IO[str]) -> None:
    cells = [[_plain(row.get(v)).replace("\n", " ") for v in result.variables] for row in result.rows]
    widths = [min(60, max([len(v)] + [len(r[i]) for r in cells])) for i, v in enumerate(result.variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        clipped = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        out.write("  ".join(c.ljust(w) for c, w in zip(clipped, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")
