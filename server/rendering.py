"""A graph written in each RDF format; JSON-LD compacted with the project's context."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from rdflib import Graph

from councilgraph.namespaces import PREFIXES
from councilgraph.reference import data_dir
from server.conneg import JSON_LD, N_TRIPLES, RDF_XML, TURTLE, Format

_RDFLIB_NAMES = {TURTLE.key: "turtle", N_TRIPLES.key: "nt", RDF_XML.key: "xml"}


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """The `@context` of `ontology/context.jsonld`; else the prefixes."""
    path = data_dir("ontology") / "context.jsonld"
    if not path.is_file():
        return dict(PREFIXES)
    document = json.loads(path.read_text(encoding="utf-8"))
    context = document.get("@context", document)
    return context if isinstance(context, dict) else dict(PREFIXES)


def render(graph: Graph, fmt: Format) -> bytes:
    """The graph serialised in an RDF format (not HTML)."""
    if fmt is JSON_LD:
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return text.encode("utf-8")
    return graph.serialize(format=_RDFLIB_NAMES[fmt.key], encoding="utf-8")


def mimetype_with_charset(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") else fmt.media_type
