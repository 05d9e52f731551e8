"""Harvest state per body, kept in the store beside the data it describes.

One small named graph per body, `B/graph/oparl-state/{key}`, holds a JSON
literal: the body's city, the start time of the last successful run (the next
run's `modified_since`), and — while a run is unfinished — its start, its
`modified_since` and, per list, the next page to read. The state is written in
the same transaction as the objects of each page, so an interrupted run
resumes with the page after the last one stored.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef

from councilgraph.namespaces import PROV, RDF, RDFS
from councilgraph.store import GraphStore
from councilgraph.uris import UriMinter
from ingest.oparl.identity import object_key

DONE = ""
"""The cursor of a list that has been read to its end in the unfinished run."""


@dataclass
class BodyState:
    body_id: str
    city_slug: str = ""
    city_name: str = ""
    last_success: str | None = None
    run_started: str | None = None
    run_since: str | None = None
    cursors: dict[str, str] = field(default_factory=dict)

    @property
    def unfinished(self) -> bool:
        return self.run_started is not None

    def start_run(self, now: str, since: str | None) -> None:
        self.run_started, self.run_since, self.cursors = now, since, {}

    def finish_run(self) -> None:
        self.last_success, self.run_started, self.run_since, self.cursors = self.run_started, None, None, {}

    def ntriples(self, graph_iri: URIRef) -> str:
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        lines = [
            (graph_iri, RDF.type, PROV.Activity),
            (graph_iri, RDFS.label, Literal(f"OParl harvest of {self.body_id}")),
            (graph_iri, PROV.used, URIRef(self.body_id)),
            (graph_iri, RDF.value, Literal(data)),
        ]
        return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in lines)


def state_graph(minter: UriMinter, body_id: str) -> URIRef:
    return minter.graph(f"oparl-state/{object_key(body_id)}")


def load_state(store: GraphStore, minter: UriMinter, body_id: str) -> BodyState:
    graph = state_graph(minter, body_id)
    result = store.query(f"SELECT ?v WHERE {{ GRAPH <{graph}> {{ <{graph}> <{RDF.value}> ?v }} }}")
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        data = json.loads(str(row["v"].value))
        return BodyState(**data)
    return BodyState(body_id)


def stored_states(store: GraphStore) -> list[BodyState]:
    """Every body harvested into this store (offline ingest finds a paper's city here)."""
    result = store.query(f"SELECT ?v WHERE {{ GRAPH ?g {{ ?g <{RDF.value}> ?v ; <{RDF.type}> <{PROV.Activity}> }} }}")
    assert isinstance(result, ox.QuerySolutions)
    return [BodyState(**json.loads(str(row["v"].value))) for row in result]
