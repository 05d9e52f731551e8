"""What a graph needs to know about OParl objects it only links to: actors, meetings, agenda items.

A paper names its originators and a consultation its meeting by OParl id URL.
`References` answers with our IRI and label, from what this run has mapped,
else from the store (`owl:sameAs`), else by fetching the object from the API.
Only persons, organizations, meetings and agenda items are remembered, so
memory grows with those and not with the number of papers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from councilgraph.namespaces import CG, DCTERMS, OWL, RDF, RDFS
from councilgraph.store import GraphStore
from ingest.oparl.errors import HarvestError

ACTOR_CLASSES = (CG.Person, CG.Faction, CG.Body, CG.AdministrativeUnit, CG.Organization)


@dataclass(frozen=True)
class ActorRef:
    oparl_id: str
    iri: URIRef
    cls: URIRef
    label: str


@dataclass(frozen=True)
class MeetingRef:
    oparl_id: str
    iri: URIRef
    label: str
    day: str | None
    organizations: tuple[str, ...]


@dataclass(frozen=True)
class ItemRef:
    oparl_id: str
    iri: URIRef
    meeting_id: str | None
    number: str | None
    public: bool | None
    result: str | None


Fetch = Callable[[str], dict[str, Any]]
MapObject = Callable[[dict[str, Any]], None]


class References:
    """OParl id → our IRI for actors, meetings and agenda items."""

    def __init__(self, store: GraphStore | None = None, fetch: Fetch | None = None) -> None:
        self.store = store
        self.fetch = fetch
        self.actors: dict[str, ActorRef] = {}
        self.meetings: dict[str, MeetingRef] = {}
        self.items: dict[str, ItemRef] = {}
        self.map_fetched: MapObject | None = None
        """Maps an object fetched to resolve a link (set by the harvester; it also stores the object)."""
        self.misses: set[str] = set()

    def actor(self, oparl_id: str) -> ActorRef | None:
        return self._find(oparl_id, self.actors, self._stored_actor)

    def meeting(self, oparl_id: str) -> MeetingRef | None:
        return self._find(oparl_id, self.meetings, self._stored_meeting)

    def item(self, oparl_id: str) -> ItemRef | None:
        return self._find(oparl_id, self.items, self._stored_item)

    def _find(self, oparl_id: str, known: dict[str, Any], stored: Callable[[str], Any]) -> Any:
        if oparl_id in known:
            return known[oparl_id]
        if oparl_id in self.misses:
            return None
        found = stored(oparl_id) if self.store is not None else None
        if found is None and self.fetch is not None and self.map_fetched is not None:
            with contextlib.suppress(HarvestError):  # the link stays unresolved; the caller warns
                self.map_fetched(self.fetch(oparl_id))
            found = known.get(oparl_id)
        if found is None:
            self.misses.add(oparl_id)
        else:
            known[oparl_id] = found
        return found

    # -- the store

    def _rows(self, sparql: str, oparl_id: str) -> list[Any]:
        assert self.store is not None
        result = self.store.query(sparql.replace("?oparl", str(ox.NamedNode(oparl_id))))
        assert isinstance(result, ox.QuerySolutions)
        return list(result)

    def _stored_actor(self, oparl_id: str) -> ActorRef | None:
        rows = self._rows(
            f"SELECT ?iri ?type ?label WHERE {{ ?iri <{OWL.sameAs}> ?oparl ; a ?type ; <{RDFS.label}> ?label }}",
            oparl_id,
        )
        for cls in ACTOR_CLASSES:
            for row in rows:
                if row["type"].value == str(cls):
                    return ActorRef(oparl_id, URIRef(row["iri"].value), cls, str(row["label"].value))
        return None

    def _stored_meeting(self, oparl_id: str) -> MeetingRef | None:
        rows = self._rows(
            f"SELECT ?iri ?label ?day ?org WHERE {{ ?iri <{OWL.sameAs}> ?oparl ; a <{CG.Meeting}> ; "
            f"<{RDFS.label}> ?label . OPTIONAL {{ ?iri <{DCTERMS.date}> ?day }} "
            f"OPTIONAL {{ ?iri <{CG.heldBy}> ?body . ?body <{OWL.sameAs}> ?org }} }}",
            oparl_id,
        )
        if not rows:
            return None
        first = rows[0]
        day = first["day"].value if first["day"] is not None else None
        organizations = tuple(sorted({r["org"].value for r in rows if r["org"] is not None}))
        return MeetingRef(oparl_id, URIRef(first["iri"].value), str(first["label"].value), day, organizations)

    def _stored_item(self, oparl_id: str) -> ItemRef | None:
        rows = self._rows(
            f"SELECT ?iri ?meeting ?number ?public ?result WHERE {{ ?iri <{OWL.sameAs}> ?oparl ; "
            f"<{RDF.type}> <{CG.AgendaItem}> . "
            f"OPTIONAL {{ ?iri <{CG.meeting}> ?m . ?m <{OWL.sameAs}> ?meeting }} "
            f"OPTIONAL {{ ?iri <{CG.itemNumber}> ?number }} OPTIONAL {{ ?iri <{CG.public}> ?public }} "
            f"OPTIONAL {{ ?iri <{CG.resultText}> ?result }} }}",
            oparl_id,
        )
        if not rows:
            return None
        row = rows[0]

        def value(name: str) -> str | None:
            term = row[name]
            return None if term is None else str(term.value)

        public = value("public")
        return ItemRef(
            oparl_id,
            URIRef(row["iri"].value),
            value("meeting"),
            value("number"),
            None if public is None else public == "true",
            value("result"),
        )
