"""Reading what the OParl API shows: the members of a body's lists, their times, their descriptions.

`created` and `modified` come from what the graph states, in this order:
the resource's own `dcterms:created` / `dcterms:modified`; else those of the
documents it was read from (`dcterms:source`: `dcterms:created`,
`dcterms:modified`, `prov:generatedAtTime`; an OParl harvest keeps the
original object's `modified` on the document that records it); else the
time the store's current data was published (its snapshot). `created` falls
back to `modified`, and is never later than it.
The last fallback moves forward with every publish: a client harvesting with
`modified_since` then reads such objects again, but never misses a change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pyoxigraph as ox
from rdflib import Graph

from councilgraph.namespaces import CG
from councilgraph.store import GraphStore
from server.describe import add_triples, construct, new_graph, select, sparql_term
from server.oparl import queries

BATCH = 200
"""Resources per VALUES block."""
_CACHE_SIZE = 64

ORGANIZATION_CLASSES = (CG.Faction, CG.Body, CG.AdministrativeUnit, CG.Organization)
LIST_PREFIX = {
    "papers": "motion/",
    "organizations": "actor/",
    "persons": "actor/",
    "memberships": "actor/",
    "consultations": "consultation/",
    "files": "document/",
    "meetings": "meeting/",
    "agendaItems": "meeting/",
}
"""A body's list → the path under `B/id/` of the resources it shows."""


@dataclass(frozen=True)
class Times:
    created: datetime
    modified: datetime


@dataclass(frozen=True)
class Member:
    """One entry of a list: the resource (for a membership: the person) and its times."""

    iri: str
    times: Times
    organization: str | None = None
    """For a membership: the organization the person is a member of."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.iri, self.organization or "")


def parse_time(term: object) -> datetime | None:
    """An `xsd:dateTime` or `xsd:date` literal as an aware datetime (UTC when the literal has no zone)."""
    if not isinstance(term, ox.Literal):
        return None
    text = term.value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class _Stamps:
    """Collects the stated times of one resource over the rows of a stamps query."""

    def __init__(self) -> None:
        self.created: list[datetime] = []
        self.modified: list[datetime] = []
        self.document_created: list[datetime] = []
        self.document_modified: list[datetime] = []

    def add(self, row: ox.QuerySolution) -> None:
        for name, found in (
            ("created", self.created),
            ("modified", self.modified),
            ("documentCreated", self.document_created),
            ("documentModified", self.document_modified),
            ("documentGenerated", self.document_modified),
        ):
            moment = parse_time(row[name])
            if moment is not None:
                found.append(moment)

    def times(self, published: datetime) -> Times:
        if self.modified:
            modified = max(self.modified)
        elif self.document_modified:
            modified = max(self.document_modified)
        else:
            modified = published
        if self.created:
            created = min(self.created)
        elif self.document_created:
            created = min(self.document_created)
        else:
            created = modified
        return Times(created=min(created, modified), modified=modified)


def _terms(iris: Iterable[str]) -> list[str]:
    return [sparql_term(iri) for iri in iris]


def _batches(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


class GraphReader:
    """The store as the OParl API reads it, for one request."""

    def __init__(self, store: GraphStore, base: str, published: datetime, cache: dict[object, object]) -> None:
        self.store = store
        self.base = base
        self.published = published
        self.cache = cache

    # -- lists

    def cities(self) -> list[str]:
        """The cities with papers or actors (the bodies), cached per store version."""
        key = (self.store.version(), "cities")
        cached = self.cache.get(key)
        if isinstance(cached, list):
            return cached
        rows = select(self.store, queries.CITIES_WITH_DATA)
        found = [row["city"].value for row in rows if row["city"].value.startswith(f"{self.base}id/city/")]
        self._remember(key, found)
        return found

    def members(self, list_name: str, city: str) -> list[Member]:
        """The entries of one of a body's lists, in a stable order (by IRI); cached per store version."""
        key = (self.store.version(), list_name, city)
        cached = self.cache.get(key)
        if isinstance(cached, list):
            return cached
        # resources of other sites (loaded RDF) have no OParl URL here
        local = f"{self.base}id/{LIST_PREFIX.get(list_name, '')}"
        found = [
            m
            for m in self._members(list_name, city)
            if m.iri.startswith(local)
            and (m.organization is None or m.organization.startswith(f"{self.base}id/actor/"))
        ]
        self._remember(key, found)
        return found

    def _remember(self, key: object, value: object) -> None:
        if len(self.cache) >= _CACHE_SIZE:
            self.cache.clear()
        self.cache[key] = value

    def _members(self, list_name: str, city: str) -> list[Member]:
        city_term = sparql_term(city)
        sparql: str | None
        if list_name == "papers":
            sparql = queries.PAPERS.substitute(city=city_term)
        elif list_name in ("organizations", "persons"):
            classes = (CG.Person,) if list_name == "persons" else ORGANIZATION_CLASSES
            sparql = queries.ACTORS.substitute(city=city_term, classes=" ".join(_terms(classes)))
        elif list_name == "consultations":
            sparql = queries.CONSULTATIONS.substitute(city=city_term)
        elif list_name == "files":
            sparql = queries.FILES.substitute(city=city_term)
        elif list_name == "meetings":
            sparql = queries.MEETINGS.substitute(city=city_term)
        elif list_name == "agendaItems":
            sparql = queries.AGENDA_ITEMS.substitute(city=city_term)
        elif list_name == "memberships":
            return self._memberships(city_term)
        else:
            sparql = None
        if sparql is None:
            return []
        return self._with_times(select(self.store, sparql))

    def _memberships(self, city_term: str) -> list[Member]:
        rows = select(self.store, queries.MEMBERSHIPS.substitute(city=city_term))
        persons = {m.iri: m.times for m in self._with_times(rows)}
        pairs = sorted({(row["person"].value, row["organization"].value) for row in rows})
        return [Member(person, persons[person], organization) for person, organization in pairs]

    def _with_times(self, rows: Iterable[ox.QuerySolution]) -> list[Member]:
        stamps: dict[str, _Stamps] = {}
        for row in rows:
            subject = row["s"]
            if isinstance(subject, ox.NamedNode):
                stamps.setdefault(subject.value, _Stamps()).add(row)
        return [Member(iri, stamps[iri].times(self.published)) for iri in sorted(stamps)]

    # -- objects

    def times(self, iris: Iterable[str]) -> dict[str, Times]:
        """The times of the given resources (those the store knows nothing about get the published time)."""
        wanted = sorted(set(iris))
        stamps: dict[str, _Stamps] = {iri: _Stamps() for iri in wanted}
        for batch in _batches(wanted):
            for row in select(self.store, queries.STAMPS_OF.substitute(subjects=" ".join(_terms(batch)))):
                stamps[row["s"].value].add(row)
        return {iri: found.times(self.published) for iri, found in stamps.items()}

    def describe(self, iris: Iterable[str], graph: Graph | None = None) -> Graph:
        """What the resources state (long texts left out), with labels and types of what they point to."""
        graph = graph if graph is not None else new_graph()
        wanted = sorted(set(iris))
        for batch in _batches(wanted):
            add_triples(graph, construct(self.store, queries.DESCRIBE.substitute(subjects=" ".join(_terms(batch)))))
        return graph

    def inverse(self, predicate: str, objects: Iterable[str]) -> dict[str, list[str]]:
        """Each given resource → the resources that state `predicate` it, sorted."""
        found: dict[str, list[str]] = {}
        predicate_term = sparql_term(predicate)
        for batch in _batches(sorted(set(objects))):
            sparql = queries.INVERSE.substitute(subjects=" ".join(_terms(batch)), predicate=predicate_term)
            for row in select(self.store, sparql):
                if isinstance(row["s"], ox.NamedNode):
                    found.setdefault(row["o"].value, []).append(row["s"].value)
        return {obj: sorted(set(subjects)) for obj, subjects in found.items()}

    def paper_files(self, papers: Iterable[str]) -> dict[str, list[str]]:
        """Paper → the documents it is the subject of (not those that only cite it), sorted."""
        found: dict[str, list[str]] = {}
        for batch in _batches(sorted(set(papers))):
            for row in select(self.store, queries.PAPER_FILES.substitute(subjects=" ".join(_terms(batch)))):
                found.setdefault(row["paper"].value, []).append(row["document"].value)
        return {paper: sorted(documents) for paper, documents in found.items()}
