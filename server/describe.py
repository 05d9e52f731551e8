"""Resource lookup as named steps: `iri_for` (path → IRI), `exists` (ASK), `describe` (CONSTRUCT).

Every query is a constant; the resource goes in as a term that pyoxigraph has
validated and serialised (`sparql_term`), never as pasted request text. Each
query starts from a bound subject or object, so it uses the store's indexes
and stays fast however large the store grows; inverse links come in pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from string import Template

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import CG, DCTERMS, FOAF, PREFIXES, RDF, RDFS, SKOS
from councilgraph.store import GraphStore
from councilgraph.uris import shared_iri, shared_path

INVERSE_PAGE_SIZE = 50
PART_LIMIT = 500
"""At most this many dependent parts (consultations, statements, evidence) per resource."""

_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")

LABEL_PREDICATES = (SKOS.prefLabel, DCTERMS.title, RDFS.label, FOAF.name)
"""In order of preference for showing a resource by name."""
SUMMARY_PREDICATES = (RDF.type, CG.city, DCTERMS.date, DCTERMS.identifier, CG.kind)

_LABELS = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
_SUMMARY = ", ".join(f"<{p}>" for p in (*LABEL_PREDICATES, *SUMMARY_PREDICATES))

EXISTS = Template("ASK { { $resource ?p ?o } UNION { ?s ?p $resource } }")

OUTGOING = Template(f"""
CONSTRUCT {{ $resource ?p ?o . ?o ?lp ?label . ?p ?lp ?plabel . }}
WHERE {{
  $resource ?p ?o .
  OPTIONAL {{ VALUES ?lp {{ {_LABELS} }} ?o ?lp ?label }}
  OPTIONAL {{ VALUES ?lp {{ {_LABELS} }} ?p ?lp ?plabel }}
}}""")

PARTS = Template(f"""
CONSTRUCT {{ ?part ?p ?o . ?o ?lp ?label . ?o <{RDF.type}> ?type . }}
WHERE {{
  {{ SELECT DISTINCT ?part WHERE {{
      {{ $resource <{CG.consultation}> ?part }}
      UNION {{ ?part <{CG.about}> $resource }}
      UNION {{ ?part <{RDF.subject}> $resource }}
      UNION {{ ?part <{DCTERMS.source}> $resource . ?part a <{CG.Evidence}> }}
    }} LIMIT {PART_LIMIT} }}
  ?part ?p ?o .
  OPTIONAL {{ VALUES ?lp {{ {_LABELS} }} ?o ?lp ?label }}
  OPTIONAL {{ ?o <{RDF.type}> ?type FILTER(isIRI(?o)) }}
}}""")

INVERSE_PAGE = Template("SELECT ?s ?p WHERE { ?s ?p $resource } LIMIT $limit OFFSET $offset")

SUMMARIES = Template(f"""
CONSTRUCT {{ ?s ?sp ?so . }}
WHERE {{ VALUES ?s {{ $subjects }} ?s ?sp ?so . FILTER (?sp IN ({_SUMMARY})) }}""")
"""Subjects bound first, predicates filtered: a second VALUES would make the
planner join two constant tables and scan by predicate across the whole store."""


def sparql_term(term: str | ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """A term written for SPARQL text; a string is an IRI (ValueError if invalid)."""
    if isinstance(term, str):
        term = ox.NamedNode(term)
    return str(term)


def sparql_string(text: str) -> str:
    """A user's text as a SPARQL string literal, every special character escaped."""
    return str(ox.Literal(text))


def iri_for(path: str, base: str) -> str | None:
    """`motion/halle-saale/x` → `{base}id/motion/halle-saale/x`, `principle/privacy` → the shared
    concept; None if not a clean path."""
    segments = path.split("/")
    if not path or not all(_SEGMENT.fullmatch(segment) for segment in segments):
        return None
    if any(segment in (".", "..") for segment in segments):
        return None
    iri = shared_iri(path) or f"{base}id/{path}"
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    return iri


def path_of(iri: str, base: str) -> str | None:
    """The inverse of `iri_for`: the path of a local IRI or a shared concept, None for others."""
    prefix = base + "id/"
    if iri.startswith(prefix) and len(iri) > len(prefix):
        return iri[len(prefix) :]
    return shared_path(iri)


def is_local(iri: str, base: str) -> bool:
    """Whether the IRI is minted by this deployment (not a shared concept)."""
    return iri.startswith(base + "id/")


def exists(store: GraphStore, iri: str) -> bool:
    result = store.query(EXISTS.substitute(resource=sparql_term(iri)))
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


@dataclass
class Description:
    """What the store says about one resource: its graph, and where its inverse links page on."""

    iri: str
    graph: Graph
    page: int = 1
    has_next_page: bool = False
    inverse: list[tuple[str, str]] = field(default_factory=list)
    """(subject, predicate) of the inverse links on this page, in store order."""
    triples: list[ox.Triple] = field(default_factory=list)
    """The same statements as `graph`, as the store gave them: written by Oxigraph's serialisers."""


def describe(store: GraphStore, iri: str, page: int = 1, page_size: int = INVERSE_PAGE_SIZE) -> Description:
    """The resource's own triples, its parts, one page of inverse links, and their labels."""
    resource = sparql_term(iri)
    graph = new_graph()
    triples = [*construct(store, OUTGOING.substitute(resource=resource))]
    triples += construct(store, PARTS.substitute(resource=resource))
    add_triples(graph, triples)

    page = max(1, page)
    rows = select(
        store,
        INVERSE_PAGE.substitute(resource=resource, limit=page_size + 1, offset=(page - 1) * page_size),
    )
    inverse: list[tuple[str, str]] = []
    target = URIRef(iri)
    for row in rows[:page_size]:
        subject, predicate = row["s"], row["p"]
        if isinstance(subject, ox.NamedNode | ox.BlankNode) and isinstance(predicate, ox.NamedNode):
            graph.add((to_rdflib(subject), to_rdflib(predicate), target))
            triples.append(ox.Triple(subject, predicate, ox.NamedNode(iri)))
            inverse.append((subject.value, predicate.value))
    triples += add_summaries(store, graph, {s for s, _ in inverse if not s.startswith("_:")})
    triples += add_summaries(store, graph, {p for _, p in inverse})
    return Description(
        iri=iri,
        graph=graph,
        page=page,
        has_next_page=len(rows) > page_size,
        inverse=inverse,
        triples=list(dict.fromkeys(triples)),
    )


def add_summaries(store: GraphStore, graph: Graph, iris: Iterable[str]) -> list[ox.Triple]:
    """Labels, types, city and date of the given resources, added to `graph` (and returned)."""
    terms = []
    for iri in sorted(set(iris)):
        try:
            terms.append(sparql_term(iri))
        except ValueError:
            continue
    if not terms:
        return []
    triples = list(construct(store, SUMMARIES.substitute(subjects=" ".join(terms))))
    add_triples(graph, triples)
    return triples


# ------------------------------------------------------------------ pyoxigraph → rdflib


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def construct(store: GraphStore, sparql: str) -> ox.QueryTriples:
    result = store.query(sparql)
    assert isinstance(result, ox.QueryTriples)
    return result


def select(store: GraphStore, sparql: str) -> list[ox.QuerySolution]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


_CONVERTED_KEPT = 50_000
_converted: dict[object, Node] = {}
"""Terms already converted: the same predicates, types and labels come back in every description,
and building rdflib terms was a large part of describing a resource."""


def to_rdflib(term: object) -> Node:
    found = _converted.get(term)
    if found is None:
        if len(_converted) >= _CONVERTED_KEPT:
            _converted.clear()
        found = _converted[term] = _convert(term)
    return found


def _convert(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected term {term!r}")


def add_triples(graph: Graph, triples: Iterable[ox.Triple] | Sequence[ox.Triple]) -> None:
    for triple in triples:
        graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
