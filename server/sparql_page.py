"""What the query page shows: the editor's text, and results as table cells with links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from server.examples import Example

DEFAULT_QUERY = """SELECT ?motion ?identifier ?title ?city WHERE {
  ?motion a cg:Motion ;
          dcterms:identifier ?identifier ;
          cg:city ?city .
  OPTIONAL { ?motion dcterms:title ?title }
}
ORDER BY ?city ?identifier
LIMIT 100"""

_PAGE_PREFIXES = (
    "cg",
    "cgkind",
    "cgstance",
    "cgrole",
    "cgoutcome",
    "rdf",
    "rdfs",
    "skos",
    "dcterms",
    "foaf",
    "prov",
    "geo",
    "owl",
    "xsd",
)


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    title: str | None = None
    kind: str = "literal"


def prologue(prefixes: Mapping[str, str]) -> str:
    return "\n".join(f"PREFIX {name}: <{prefixes[name]}>" for name in _PAGE_PREFIXES if name in prefixes)


def with_prologue(query: str, prefixes: Mapping[str, str]) -> str:
    """The query with the project's PREFIX lines it does not declare itself (for the editor)."""
    declared = {
        line.split()[1].rstrip(":").lower()
        for line in query.splitlines()
        if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1
    }
    missing = {name: iri for name, iri in prefixes.items() if name not in declared}
    head = prologue(missing)
    return f"{head}\n\n{query}" if head else query


def href_for(iri: str, base_uri: str) -> str:
    """A link for an IRI: a local `…/id/…` IRI goes to its `/doc/…` page on this server."""
    if iri.startswith(base_uri):
        path = iri[len(base_uri) :]
        if path.startswith("id/"):
            path = "doc/" + path[3:]
        return "/" + path
    return iri


def compact(iri: str, prefixes: Mapping[str, str]) -> str:
    for name, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            if "/" not in local and "#" not in local:
                return f"{name}:{local}"
    return iri


def cell_for(term: Mapping[str, Any] | None, base_uri: str, prefixes: Mapping[str, str]) -> Cell:
    if term is None:
        return Cell("")
    value = str(term.get("value", ""))
    kind = term.get("type", "literal")
    if kind == "uri":
        return Cell(compact(value, prefixes), href_for(value, base_uri), value, "uri")
    if kind == "bnode":
        return Cell(f"_:{value}", kind="bnode")
    if kind == "triple":
        return Cell(str(value), kind="triple")
    title = term.get("xml:lang") or (compact(term["datatype"], prefixes) if "datatype" in term else None)
    return Cell(value, None, title, "literal")


def page_context(
    *,
    query: str | None,
    payload: Mapping[str, Any] | None,
    graph_text: str | None,
    truncated: bool,
    row_limit: int,
    base_uri: str,
    examples: list[Example],
    prefixes: Mapping[str, str],
) -> dict[str, Any]:
    variables: list[str] = []
    rows: list[list[Cell]] = []
    boolean: bool | None = None
    if payload is not None:
        if "boolean" in payload:
            boolean = bool(payload["boolean"])
        else:
            variables = list(payload["head"]["vars"])
            for binding in payload["results"]["bindings"]:
                rows.append([cell_for(binding.get(v), base_uri, prefixes) for v in variables])
    links: dict[str, str] = {}
    if query:
        for label, fmt in (("CSV", "csv"), ("TSV", "tsv"), ("JSON", "json"), ("XML", "xml")):
            if graph_text is None:
                links[label] = "/sparql?" + urlencode({"query": query, "format": fmt})
        if graph_text is not None:
            for label, fmt in (
                ("Turtle", "turtle"),
                ("N-Triples", "ntriples"),
                ("JSON-LD", "jsonld"),
            ):
                links[label] = "/sparql?" + urlencode({"query": query, "format": fmt})
    return {
        "query": query if query else with_prologue(DEFAULT_QUERY, prefixes),
        "has_query": bool(query),
        "variables": variables,
        "rows": rows,
        "boolean": boolean,
        "graph_text": graph_text,
        "truncated": truncated,
        "row_limit": row_limit,
        "downloads": links,
        "share": "/sparql?" + urlencode({"query": query}) if query else None,
        "examples": examples,
        "prefix_lines": prologue(prefixes),
    }
