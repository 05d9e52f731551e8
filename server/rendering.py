"""A graph written in each RDF format; JSON-LD compacted with the project's context."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
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


_OXIGRAPH_FORMATS = {
    TURTLE.key: ox.RdfFormat.TURTLE,
    N_TRIPLES.key: ox.RdfFormat.N_TRIPLES,
    RDF_XML.key: ox.RdfFormat.RDF_XML,
}


def render(graph: Graph, fmt: Format, triples: Sequence[ox.Triple] | None = None) -> bytes:
    """The graph serialised in an RDF format (not HTML).

    `triples`, when given, are the same statements as the store gave them: Oxigraph writes them
    (several times faster than rdflib), and JSON-LD is written from them directly."""
    if triples is not None and fmt is JSON_LD:
        return json.dumps(jsonld_document(triples), ensure_ascii=False).encode("utf-8")
    if triples is not None and fmt.key in _OXIGRAPH_FORMATS:
        ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        written = ox.serialize(ordered, format=_OXIGRAPH_FORMATS[fmt.key], prefixes=PREFIXES)
        assert written is not None, "serialize returns the bytes when given no output"
        return written
    if fmt is JSON_LD:
        text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return text.encode("utf-8")
    return graph.serialize(format=_RDFLIB_NAMES[fmt.key], encoding="utf-8")


def mimetype_with_charset(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") else fmt.media_type


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@lru_cache(maxsize=1)
def _context_prefixes() -> tuple[tuple[str, str], ...]:
    """(prefix, namespace) of the context, longest namespace first: what compact IRIs may use."""
    found = [
        (name, value)
        for name, value in jsonld_context().items()
        if isinstance(value, str) and not name.startswith("@") and value.endswith(("/", "#"))
    ]
    return tuple(sorted(found, key=lambda item: -len(item[1])))


@lru_cache(maxsize=65_536)
def _compact(iri: str) -> str:
    for prefix, namespace in _context_prefixes():
        if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace) :].startswith("/"):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    return _compact(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _value(term: object) -> Any:
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return {"@id": _node_id(term)}
    assert isinstance(term, ox.Literal), term
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == _XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value)}


def jsonld_document(triples: Sequence[ox.Triple]) -> dict[str, Any]:
    """JSON-LD with the project's context: one node object per subject, in a `@graph`.

    Properties and types are compact IRIs of the context's prefixes; values are in expanded
    form, so the document reads back as exactly these triples whatever the context's terms say."""
    nodes: dict[str, dict[str, Any]] = {}
    for triple in sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))):
        subject = triple.subject
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            continue
        node = nodes.setdefault(str(subject), {"@id": _node_id(subject)})
        predicate = triple.predicate.value
        if predicate == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(triple.object.value))
        else:
            node.setdefault(_compact(predicate), []).append(_value(triple.object))
    return {"@context": jsonld_context(), "@graph": list(nodes.values())}
