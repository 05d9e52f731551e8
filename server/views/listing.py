"""View models for the browse pages: motions, actors, cities, principles, search.

Filters arrive as slugs and are checked against a strict pattern before
they become IRIs; the search text goes into the query only as an escaped
string literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import Template

import pyoxigraph as ox
from rdflib import URIRef

from councilgraph.namespaces import CG, CGKIND, CGPRINCIPLE, DCTERMS, FOAF, RDFS, SKOS
from server.describe import add_summaries, new_graph, select, sparql_string, sparql_term
from server.views.common import Labeller, Link, PageContext

PAGE_SIZE = 50
SEARCH_LIMIT = 50
SNIPPET_CHARS = 90
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ACTOR_PATH = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")

CITIES_WITH_DATA = f"""
SELECT ?city (COUNT(DISTINCT ?motion) AS ?motions) WHERE {{
  ?motion a <{CG.Motion}> ; <{CG.city}> ?city .
}} GROUP BY ?city ORDER BY DESC(?motions) ?city"""

PRINCIPLES = f"""
SELECT ?principle ?broader (COUNT(DISTINCT ?motion) AS ?motions) WHERE {{
  ?principle a <{CG.Principle}> .
  OPTIONAL {{ ?principle <{SKOS.broader}> ?broader }}
  OPTIONAL {{ ?motion <{CG.principle}> ?principle }}
}} GROUP BY ?principle ?broader ORDER BY ?principle"""

KINDS = f"SELECT DISTINCT ?kind WHERE {{ ?motion <{CG.kind}> ?kind }} LIMIT 100"

SEARCH = Template(f"""
SELECT ?resource ?predicate ?text WHERE {{
  {{
    VALUES ?predicate {{ <{DCTERMS.title}> <{RDFS.label}> <{SKOS.prefLabel}> <{SKOS.altLabel}> <{FOAF.name}> }}
    ?resource ?predicate ?text .
  }} UNION {{
    GRAPH ?textGraph {{ ?resource <{CG.text}> ?text }}
    BIND(<{CG.text}> AS ?predicate)
  }}
  FILTER(CONTAINS(LCASE(STR(?text)), $needle))
}} LIMIT $limit""")
"""Titles and labels in the default graph; full texts in the documents' text graphs."""


@dataclass(frozen=True)
class MotionFilters:
    city: str | None = None
    principle: str | None = None
    kind: str | None = None
    year: int | None = None
    submitter: str | None = None

    def active(self) -> dict[str, str]:
        return {k: str(v) for k, v in vars(self).items() if v is not None}


@dataclass(frozen=True)
class Row:
    link: Link
    date: str | None = None
    note: str | None = None
    cities: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    link: Link
    field: str
    snippet: str


def slug_or_none(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return value if _SLUG.fullmatch(value) else None


def parse_filters(args: dict[str, str]) -> tuple[MotionFilters, list[str]]:
    """Filters from query parameters; values that are not well-formed come back as problems."""
    problems = []
    values: dict[str, object] = {}
    for name in ("city", "principle", "kind"):
        raw = args.get(name, "").strip()
        if raw:
            values[name] = slug_or_none(raw)
            if values[name] is None:
                problems.append(f"{name}: not a slug")
    raw_year = args.get("year", "").strip()
    if raw_year:
        if raw_year.isascii() and raw_year.isdigit() and len(raw_year) == 4:
            values["year"] = int(raw_year)
        else:
            problems.append("year: four digits")
    raw_submitter = args.get("submitter", "").strip().lower()
    if raw_submitter:
        if _SLUG.fullmatch(raw_submitter) or _ACTOR_PATH.fullmatch(raw_submitter):
            values["submitter"] = raw_submitter
        else:
            problems.append("submitter: a slug or city/slug")
    return MotionFilters(**values), problems  # type: ignore[arg-type]


def motion_filter_patterns(filters: MotionFilters, base: str) -> str:
    """Graph patterns for the filters; every IRI built from a checked slug and validated again."""
    patterns = []
    if filters.city:
        patterns.append(f"?motion <{CG.city}> {sparql_term(f'{base}id/city/{filters.city}')} .")
    if filters.principle:
        patterns.append(f"?motion <{CG.principle}> {sparql_term(str(CGPRINCIPLE[filters.principle]))} .")
    if filters.kind:
        patterns.append(f"?motion <{CG.kind}> {sparql_term(str(CGKIND[filters.kind]))} .")
    if filters.year is not None:
        patterns.append(
            f'?motion <{DCTERMS.date}> ?filterDate . FILTER(STRSTARTS(STR(?filterDate), "{filters.year:04d}"))'
        )
    if filters.submitter:
        if "/" in filters.submitter:
            actor = sparql_term(f"{base}id/actor/{filters.submitter}")
            patterns.append(f"{{ ?motion <{CG.submittedBy}> {actor} }} UNION {{ ?motion <{CG.signedBy}> {actor} }}")
        else:
            ending = sparql_string("/" + filters.submitter)
            patterns.append(
                f"{{ ?motion <{CG.submittedBy}> ?who }} UNION {{ ?motion <{CG.signedBy}> ?who }} "
                f"FILTER(STRENDS(STR(?who), {ending}))"
            )
    return "\n  ".join(patterns)


def cities(context: PageContext) -> list[Row]:
    rows = select(context.store, CITIES_WITH_DATA)
    counts = {row["city"].value: row["motions"].value for row in rows}
    labeller = _labeller(context, list(counts))
    found = [Row(labeller.link(URIRef(c)), None, f"{n} motions / Vorlagen") for c, n in counts.items()]
    return sorted(found, key=lambda row: row.link.text.lower())


def principles(context: PageContext) -> list[Row]:
    rows = select(context.store, PRINCIPLES)
    broader = {row["principle"].value: row["broader"].value for row in rows if row["broader"] is not None}
    counts = {row["principle"].value: int(row["motions"].value) for row in rows}
    labeller = _labeller(context, [*counts, *broader.values()])
    found = [
        Row(
            labeller.link(URIRef(p)),
            None,
            f"{n} motions / Vorlagen"
            + (f" · part of / Teil von {labeller.link(URIRef(broader[p])).text}" if p in broader else ""),
        )
        for p, n in counts.items()
    ]
    top = [row for row in found if row.link.iri not in broader]
    finer = [row for row in found if row.link.iri in broader]
    return sorted(top, key=lambda r: r.link.text.lower()) + sorted(finer, key=lambda r: r.link.text.lower())


def kinds(context: PageContext) -> list[Link]:
    iris = [row["kind"].value for row in select(context.store, KINDS)]
    labeller = _labeller(context, iris)
    return sorted((labeller.link(URIRef(k)) for k in iris), key=lambda link: link.text)


def search(context: PageContext, text: str, limit: int = SEARCH_LIMIT) -> list[Hit]:
    needle = text.strip().lower()
    if not needle:
        return []
    rows = select(context.store, SEARCH.substitute(needle=sparql_string(needle), limit=limit))
    hits: dict[str, Hit] = {}
    resources = [row["resource"] for row in rows if isinstance(row["resource"], ox.NamedNode)]
    labeller = _labeller(context, [r.value for r in resources])
    for row in rows:
        resource = row["resource"]
        if not isinstance(resource, ox.NamedNode) or resource.value in hits:
            continue
        predicate = row["predicate"].value
        hits[resource.value] = Hit(
            link=labeller.link(URIRef(resource.value)),
            field=labeller.link(URIRef(predicate)).text,
            snippet=snippet(row["text"].value, needle),
        )
    return list(hits.values())


def snippet(text: str, needle: str) -> str:
    at = text.lower().find(needle)
    if at < 0 or len(text) <= 2 * SNIPPET_CHARS:
        return text[: 2 * SNIPPET_CHARS]
    start = max(0, at - SNIPPET_CHARS)
    end = min(len(text), at + len(needle) + SNIPPET_CHARS)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def _labeller(context: PageContext, iris: list[str]) -> Labeller:
    graph = new_graph()
    add_summaries(context.store, graph, iris)
    return Labeller(graph, context)


__all__ = ["MotionFilters", "parse_filters"]
