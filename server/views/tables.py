"""The browse listings as tables: one query path for the HTML pages, CSV and JSON.

Each listing returns a `Table` of plain values under stable column names
(documented in README.md). Motions and actors are sorted and paged in SPARQL
(ORDER BY, LIMIT/OFFSET), so a page of a large city costs one page of rows;
cities, principles and search hits are small sets paged here.

Every row also carries `href` (the page of the item here, relative) for the
HTML templates; it is not a column and CSV/JSON leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

import pyoxigraph as ox
from rdflib import URIRef

from councilgraph.namespaces import CG, DCTERMS, RDFS, SKOS
from server.describe import add_summaries, new_graph, path_of, select
from server.table_formats import Cell, Table
from server.views import listing
from server.views.common import Labeller, PageContext

MAX_SIZE = 1000
SEARCH_MAX = 1000
"""Search looks at no more matches than this; `count` is then a lower bound."""

MOTION_COLUMNS = ("iri", "reference", "title", "date", "kind", "kind_label", "city", "city_name", "page")
ACTOR_COLUMNS = ("iri", "name", "type", "city", "city_name", "page")
CITY_COLUMNS = ("iri", "city", "name", "motions", "page")
PRINCIPLE_COLUMNS = ("iri", "principle", "name", "notation", "broader", "motions", "page")
SEARCH_COLUMNS = ("iri", "name", "field", "snippet", "reference", "kind", "date", "page")


@dataclass(frozen=True)
class SortKey:
    path: str
    """A SPARQL property path from the item to the value it is sorted by."""
    expression: str
    """How the value becomes the key (`?value`, or case-folded text)."""
    descending: bool


_TEXT_KEY = "LCASE(STR(?value))"
MOTION_SORTS = {
    "date": SortKey(f"<{DCTERMS.date}>", "?value", True),
    "title": SortKey(f"<{DCTERMS.title}>|<{RDFS.label}>", _TEXT_KEY, False),
    "city": SortKey(f"<{CG.city}>", "STR(?value)", False),
    "reference": SortKey(f"<{DCTERMS.identifier}>", _TEXT_KEY, False),
}
ACTOR_SORTS = {
    "name": SortKey(f"<{RDFS.label}>", _TEXT_KEY, False),
    "city": SortKey(f"<{CG.city}>", "STR(?value)", False),
}
CITY_SORTS = ("name", "motions")

MOTION_PAGE = Template(f"""
SELECT ?motion (MIN($expression) AS ?key) WHERE {{
  ?motion a <{CG.Motion}> .
  $filters
  OPTIONAL {{ ?motion $path ?value }}
}} GROUP BY ?motion ORDER BY $direction(?key) ?motion LIMIT $limit OFFSET $offset""")

MOTION_COUNT = Template(f"""
SELECT (COUNT(DISTINCT ?motion) AS ?n) WHERE {{
  ?motion a <{CG.Motion}> .
  $filters
}}""")

_ACTOR_TYPES = f"""VALUES ?type {{ <{CG.Person}> <{CG.Faction}> <{CG.Body}>
                 <{CG.AdministrativeUnit}> <{CG.Organization}> }}"""

ACTOR_PAGE = Template(f"""
SELECT ?actor (SAMPLE(?type) AS ?kind) (MIN($expression) AS ?key) WHERE {{
  ?actor a <{CG.Actor}> , ?type .
  {_ACTOR_TYPES}
  $filters
  OPTIONAL {{ ?actor $path ?value }}
}} GROUP BY ?actor ORDER BY $direction(?key) ?actor LIMIT $limit OFFSET $offset""")

ACTOR_COUNT = Template(f"""
SELECT (COUNT(DISTINCT ?actor) AS ?n) WHERE {{
  ?actor a <{CG.Actor}> , ?type .
  {_ACTOR_TYPES}
  $filters
}}""")


class BadListingRequest(ValueError):
    """A sort key or page size the listing does not offer; the message says what it does."""


@dataclass(frozen=True)
class Paging:
    page: int = 1
    size: int = listing.PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def parse_size(raw: str | None) -> int:
    if raw is None or raw == "":
        return listing.PAGE_SIZE
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_SIZE:
        raise BadListingRequest(f"_size must be a whole number from 1 to {MAX_SIZE}.")
    return int(raw)


def parse_sort(raw: str | None, offered: tuple[str, ...] | dict[str, SortKey]) -> str:
    """`?sort=`: one of the offered keys, the first by default."""
    names = tuple(offered)
    key = (raw or names[0]).strip().lower()
    if key not in names:
        raise BadListingRequest(f"sort must be one of {', '.join(names)}.")
    return key


def direction(raw: str | None) -> bool | None:
    """`?order=asc|desc` → descending; None when not given."""
    if raw is None or raw == "":
        return None
    value = raw.strip().lower()
    if value not in ("asc", "desc"):
        raise BadListingRequest("order must be asc or desc.")
    return value == "desc"


def _count(context: PageContext, sparql: str) -> int:
    rows = select(context.store, sparql)
    term = rows[0]["n"] if rows else None
    return int(term.value) if term is not None else 0


def _labeller(context: PageContext, iris: list[str]) -> Labeller:
    graph = new_graph()
    add_summaries(context.store, graph, iris)
    return Labeller(graph, context)


def _slug(iri: str | None) -> str | None:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None


def _pages(context: PageContext, iri: str) -> tuple[str | None, str | None]:
    """(absolute URL, request-relative href) of an item's page here."""
    path = path_of(iri, context.base)
    return (f"{context.base}doc/{path}", f"/doc/{path}") if path else (None, None)


def _one(labeller: Labeller, subject: URIRef, predicate: URIRef) -> str | None:
    return min((str(o) for o in labeller.graph.objects(subject, predicate)), default=None)


def _ordered(template: Template, sort: SortKey, descending: bool | None, filters: str, paging: Paging) -> str:
    down = sort.descending if descending is None else descending
    return template.substitute(
        expression=sort.expression,
        path=sort.path,
        filters=filters,
        direction="DESC" if down else "ASC",
        limit=paging.size,
        offset=paging.offset,
    )


def motions(
    context: PageContext,
    filters: listing.MotionFilters,
    paging: Paging,
    sort: str = "date",
    descending: bool | None = None,
) -> Table:
    patterns = listing.motion_filter_patterns(filters, context.base)
    rows = select(context.store, _ordered(MOTION_PAGE, MOTION_SORTS[sort], descending, patterns, paging))
    iris = [row["motion"].value for row in rows if isinstance(row["motion"], ox.NamedNode)]
    labeller = _labeller(context, iris)
    linked = {str(o) for iri in iris for p in (CG.city, CG.kind) for o in labeller.graph.objects(URIRef(iri), p)}
    add_summaries(context.store, labeller.graph, linked)
    table = Table(MOTION_COLUMNS, count=_count(context, MOTION_COUNT.substitute(filters=patterns)), **vars(paging))
    for iri in iris:
        motion = URIRef(iri)
        city, kind = _one(labeller, motion, CG.city), _one(labeller, motion, CG.kind)
        page, href = _pages(context, iri)
        table.rows.append(
            {
                "iri": iri,
                "reference": labeller.text(motion, DCTERMS.identifier),
                "title": labeller.text(motion, DCTERMS.title) or labeller.link(motion).text,
                "date": labeller.text(motion, DCTERMS.date),
                "kind": _slug(kind),
                "kind_label": labeller.link(URIRef(kind)).text if kind else None,
                "city": _slug(city),
                "city_name": labeller.link(URIRef(city)).text if city else None,
                "page": page,
                "href": href,
                "city_href": _pages(context, city)[1] if city else None,
            }
        )
    return table


def actors(
    context: PageContext, city: str | None, paging: Paging, sort: str = "name", descending: bool | None = None
) -> Table:
    filters = f"?actor <{CG.city}> {ox.NamedNode(f'{context.base}id/city/{city}')} ." if city else ""
    rows = select(context.store, _ordered(ACTOR_PAGE, ACTOR_SORTS[sort], descending, filters, paging))
    kinds = {row["actor"].value: row["kind"].value for row in rows if isinstance(row["actor"], ox.NamedNode)}
    labeller = _labeller(context, list(kinds))
    cities = {str(c) for a in kinds for c in labeller.graph.objects(URIRef(a), CG.city)}
    add_summaries(context.store, labeller.graph, cities)
    table = Table(ACTOR_COLUMNS, count=_count(context, ACTOR_COUNT.substitute(filters=filters)), **vars(paging))
    for iri, kind in kinds.items():
        home = _one(labeller, URIRef(iri), CG.city)
        page, href = _pages(context, iri)
        table.rows.append(
            {
                "iri": iri,
                "name": labeller.link(URIRef(iri)).text,
                "type": kind.rsplit("#", 1)[-1],
                "city": _slug(home),
                "city_name": labeller.link(URIRef(home)).text if home else None,
                "page": page,
                "href": href,
            }
        )
    return table


def _page_of(columns: tuple[str, ...], rows: list[dict[str, Cell]], paging: Paging) -> Table:
    return Table(columns, rows[paging.offset : paging.offset + paging.size], len(rows), paging.page, paging.size)


def cities(context: PageContext, paging: Paging, sort: str = "name", descending: bool | None = None) -> Table:
    counts = {row["city"].value: int(row["motions"].value) for row in select(context.store, listing.CITIES_WITH_DATA)}
    labeller = _labeller(context, list(counts))
    rows: list[dict[str, Cell]] = []
    for iri, motions_here in counts.items():
        page, href = _pages(context, iri)
        name = labeller.link(URIRef(iri)).text
        rows.append({"iri": iri, "city": _slug(iri), "name": name, "motions": motions_here, "page": page, "href": href})
    if sort == "motions":
        rows.sort(key=lambda r: (-int(r["motions"] or 0), str(r["name"]).lower()), reverse=descending is False)
    else:
        rows.sort(key=lambda r: str(r["name"]).lower(), reverse=bool(descending))
    return _page_of(CITY_COLUMNS, rows, paging)


def principles(context: PageContext, paging: Paging) -> Table:
    """The five principles by their number, then the finer ones by name."""
    found = select(context.store, listing.PRINCIPLES)
    broader = {row["principle"].value: row["broader"].value for row in found if row["broader"] is not None}
    counts = {row["principle"].value: int(row["motions"].value) for row in found}
    labeller = _labeller(context, list(counts))
    rows: list[dict[str, Cell]] = []
    for iri, motions_here in counts.items():
        page, href = _pages(context, iri)
        rows.append(
            {
                "iri": iri,
                "principle": _slug(iri),
                "name": labeller.link(URIRef(iri)).text,
                "notation": labeller.text(URIRef(iri), SKOS.notation),
                "broader": _slug(broader.get(iri)),
                "motions": motions_here,
                "page": page,
                "href": href,
            }
        )
    rows.sort(key=lambda r: (r["broader"] is not None, str(r["notation"] or ""), str(r["name"]).lower()))
    return _page_of(PRINCIPLE_COLUMNS, rows, paging)


def search(context: PageContext, text: str, paging: Paging) -> Table:
    hits = listing.search(context, text, limit=SEARCH_MAX)
    labeller = _labeller(context, [hit.link.iri for hit in hits])
    kinds = {str(k) for hit in hits for k in labeller.graph.objects(URIRef(hit.link.iri), CG.kind)}
    add_summaries(context.store, labeller.graph, kinds)
    rows: list[dict[str, Cell]] = []
    for hit in hits:
        resource = URIRef(hit.link.iri)
        kind = _one(labeller, resource, CG.kind)
        page, href = _pages(context, hit.link.iri)
        rows.append(
            {
                "iri": hit.link.iri,
                "name": hit.link.text,
                "field": hit.field,
                "snippet": hit.snippet,
                "reference": labeller.text(resource, DCTERMS.identifier),
                "kind": _slug(kind),
                "kind_label": labeller.link(URIRef(kind)).text if kind else None,
                "date": labeller.text(resource, DCTERMS.date),
                "page": page,
                "href": href,
            }
        )
    return _page_of(SEARCH_COLUMNS, rows, paging)
