"""What every page view shares: labels, links, property tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import CG, DCTERMS, FOAF, PREFIXES, RDF, RDFS, SKOS
from councilgraph.store import GraphStore
from server.describe import LABEL_PREDICATES, Description, path_of


@dataclass(frozen=True)
class Link:
    """A resource shown by its label; `href` is a request-relative page for local resources."""

    text: str
    iri: str
    href: str | None
    is_link: bool = True


@dataclass(frozen=True)
class Value:
    """A literal shown as text, with its language tag for the `lang` attribute."""

    text: str
    lang: str | None = None
    datatype: str | None = None
    is_link: bool = False


Shown = Link | Value


@dataclass(frozen=True)
class PropertyRow:
    predicate: Link
    values: list[Shown]


@dataclass
class PageContext:
    """The request's view of the data: base URI, language, store."""

    base: str
    lang: str
    store: GraphStore
    cache: dict[Any, Any] = field(default_factory=dict)
    """Per-app memo for small reference lookups, keyed with the store version."""


@dataclass
class ResourcePage:
    """The common part of every resource page; typed pages add their own `details`."""

    kind: str
    iri: str
    title: Shown
    types: list[Link]
    properties: list[PropertyRow]
    inverse: list[PropertyRow]
    page: int
    has_next_page: bool
    details: Any = None
    schema_org: dict[str, Any] = field(default_factory=dict)


def compact(iri: str) -> str:
    """`https://w3id.org/councilgraph/ontology#Motion` → `cg:Motion`; else unchanged."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, name = namespace, prefix
    return f"{name}:{iri[len(best) :]}" if best else iri


class Labeller:
    """Turns nodes into labels and links, preferring the reader's language."""

    def __init__(self, graph: Graph, context: PageContext) -> None:
        self.graph = graph
        self.context = context

    def best_literal(self, literals: Iterable[Node]) -> Literal | None:
        ranked: list[tuple[int, str, Literal]] = []
        for node in literals:
            if not isinstance(node, Literal):
                continue
            lang = node.language or ""
            rank = 0 if lang == self.context.lang else 1 if lang == "" else 2 if lang in ("de", "en") else 3
            ranked.append((rank, str(node), node))
        return min(ranked, key=lambda entry: entry[:2])[2] if ranked else None

    def literal(self, subject: Node, predicate: URIRef) -> Literal | None:
        return self.best_literal(self.graph.objects(subject, predicate))

    def text(self, subject: Node, predicate: URIRef) -> str | None:
        literal = self.literal(subject, predicate)
        return str(literal) if literal is not None else None

    def label(self, node: Node) -> Literal | None:
        for predicate in LABEL_PREDICATES:
            found = self.literal(node, predicate)
            if found is not None:
                return found
        return None

    def href(self, iri: str) -> str | None:
        path = path_of(iri, self.context.base)
        if path is not None:
            return f"/doc/{path}"
        return iri if iri.startswith(("http://", "https://")) else None

    def link(self, node: Node) -> Link:
        iri = str(node)
        label = self.label(node)
        text = str(label) if label is not None else self._fallback(iri)
        return Link(text=text, iri=iri, href=self.href(iri))

    def _fallback(self, iri: str) -> str:
        shown = compact(iri)
        if shown != iri:
            return shown
        path = path_of(iri, self.context.base)
        return path.split("/", 1)[-1] if path else iri

    def shown(self, node: Node) -> Shown:
        if isinstance(node, Literal):
            datatype = str(node.datatype) if node.datatype else None
            return Value(text=str(node), lang=node.language, datatype=datatype)
        if isinstance(node, BNode):
            return Value(text="(blank node)")
        return self.link(node)

    def links(self, subject: Node, predicate: URIRef) -> list[Link]:
        return sorted(
            (self.link(o) for o in self.graph.objects(subject, predicate)),
            key=lambda link: link.text,
        )

    def subjects(self, predicate: URIRef, obj: Node) -> list[URIRef]:
        return sorted(s for s in self.graph.subjects(predicate, obj) if isinstance(s, URIRef))

    def types(self, node: Node) -> set[URIRef]:
        return {t for t in self.graph.objects(node, RDF.type) if isinstance(t, URIRef)}


_LONG_TEXT = {CG.text, CG.resolutionText, CG.justificationText}
"""Shown on their own (the document page), not in the property table."""


def property_rows(labeller: Labeller, subject: URIRef, skip: Iterable[URIRef] = ()) -> list[PropertyRow]:
    skipped = set(skip) | _LONG_TEXT
    by_predicate: dict[URIRef, list[Node]] = defaultdict(list)
    for predicate, obj in labeller.graph.predicate_objects(subject):
        if isinstance(predicate, URIRef) and predicate not in skipped:
            by_predicate[predicate].append(obj)
    rows = [
        PropertyRow(labeller.link(p), sorted((labeller.shown(o) for o in objs), key=lambda v: v.text))
        for p, objs in by_predicate.items()
    ]
    return sorted(rows, key=lambda row: (row.predicate.iri != str(RDF.type), row.predicate.text.lower()))


def inverse_rows(labeller: Labeller, description: Description) -> list[PropertyRow]:
    by_predicate: dict[str, list[Node]] = defaultdict(list)
    for subject, predicate in description.inverse:
        by_predicate[predicate].append(URIRef(subject) if not subject.startswith("_:") else BNode(subject))
    rows = [
        PropertyRow(
            labeller.link(URIRef(p)),
            sorted((labeller.shown(s) for s in subjects), key=lambda v: v.text),
        )
        for p, subjects in by_predicate.items()
    ]
    return sorted(rows, key=lambda row: row.predicate.text.lower())


def title_of(labeller: Labeller, subject: URIRef) -> Shown:
    for predicate in (DCTERMS.title, SKOS.prefLabel, RDFS.label, FOAF.name):
        literal = labeller.literal(subject, predicate)
        if literal is not None:
            return Value(text=str(literal), lang=literal.language)
    return Value(text=labeller.link(subject).text)


def base_page(kind: str, description: Description, labeller: Labeller) -> ResourcePage:
    subject = URIRef(description.iri)
    return ResourcePage(
        kind=kind,
        iri=description.iri,
        title=title_of(labeller, subject),
        types=sorted((labeller.link(t) for t in labeller.types(subject)), key=lambda link: link.text),
        properties=property_rows(labeller, subject),
        inverse=inverse_rows(labeller, description),
        page=description.page,
        has_next_page=description.has_next_page,
    )


def schema_org(page_type: str, name: str, url: str, **extra: Any) -> dict[str, Any]:
    """A schema.org description for search engines; empty values left out."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": page_type,
        "name": name,
        "url": url,
    }
    data.update({key: value for key, value in extra.items() if value not in (None, "", [], {})})
    return data


def year_of(literal: Literal | None) -> str | None:
    text = str(literal) if literal is not None else ""
    return text[:4] if len(text) >= 4 and text[:4].isdigit() else None
