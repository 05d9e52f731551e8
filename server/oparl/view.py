"""The part of the graph one OParl answer shows, fetched in a few queries, with helpers to read it.

`GraphView.load(iris)` fetches the resources, their parts (consultations,
documents, agenda items, memberships), the resources that point to them where
OParl shows that link (a meeting's agenda items, an organization's members,
the paper a consultation belongs to) and the times of all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import CG, DCTERMS, FOAF, OWL, PRINCIPLE_IRI, PROV, RDF, RDFS, SKOS, VOCAB_IRI
from councilgraph.reference import reference_graph
from server.oparl.data import ORGANIZATION_CLASSES, GraphReader, Times
from server.oparl.urls import OParlUrls

VENDOR = "councilgraph:"
"""Prefix of the fields OParl has no name for (OParl's vendor extensions)."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LABELS = (SKOS.prefLabel, DCTERMS.title, RDFS.label, FOAF.name)

INVERSE_LINKS: dict[URIRef, frozenset[URIRef]] = {
    CG.consultation: frozenset({CG.Consultation}),
    CG.meeting: frozenset({CG.Meeting}),
    CG.onAgendaItem: frozenset({CG.AgendaItem}),
    CG.memberOf: frozenset(ORGANIZATION_CLASSES),
    CG.member: frozenset({CG.Person}),
}
"""Predicate → the classes whose resources OParl shows with the resources that point to them so."""
PART_LINKS = (CG.consultation, DCTERMS.source, CG.meeting)


_SHARED_CONCEPTS = (VOCAB_IRI, PRINCIPLE_IRI)


@lru_cache(maxsize=256)
def _concept_label(concept: URIRef) -> str | None:
    """The German label of a shared concept (kind, role, outcome, principle) from the vocabulary files,
    for stores that hold the data without the reference graphs."""
    for name in ("vocabularies", "principles"):
        labels = [o for o in reference_graph(name, "").objects(concept, SKOS.prefLabel) if isinstance(o, Literal)]
        if labels:
            return str(min(labels, key=lambda lit: (lit.language != "de", str(lit))))
    return None


def timestamp(moment: datetime) -> str:
    """OParl's date-time form, `yyyy-mm-ddThh:mm:ss±hh:mm`."""
    return moment.isoformat(timespec="seconds")


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """The object without empty values (OParl asks for no `null`, `[]` or `""`)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


class GraphView:
    def __init__(self, reader: GraphReader, urls: OParlUrls, *, omit_internal: bool = False) -> None:
        self.reader = reader
        self.urls = urls
        self.omit_internal = omit_internal
        self.graph: Graph = Graph()
        self.times: dict[str, Times] = {}
        self.pointing_to: dict[URIRef, dict[str, list[str]]] = {}
        self.files: dict[str, list[str]] = {}

    # -- loading

    def load(self, iris: Iterable[str]) -> None:
        wanted = sorted(set(iris))
        self.graph = self.reader.describe(wanted)
        self._load_inverse(wanted)
        parts = {
            str(o)
            for s in wanted
            for p in PART_LINKS
            for o in self.graph.objects(URIRef(s), p)
            if isinstance(o, URIRef)
        }
        parts |= {s for predicate in (CG.meeting, CG.member) for found in self._pointing(predicate) for s in found}
        self.reader.describe(parts - set(wanted), self.graph)
        # the agenda items of the meetings shown, and the meetings of the agenda items shown, with their siblings
        meetings = {str(m) for s in [*wanted, *parts] for m in self.graph.objects(URIRef(s), CG.meeting)}
        siblings = {s for found in self.reader.inverse(str(CG.meeting), meetings).values() for s in found}
        self.reader.describe(siblings - parts - set(wanted), self.graph)
        self._load_inverse(sorted(siblings | meetings | parts))
        papers = [iri for iri in wanted if CG.Motion in self.types(URIRef(iri))]
        self.files = self.reader.paper_files(papers) if papers else {}
        self.times = self.reader.times([*wanted, *parts, *siblings])

    def _load_inverse(self, iris: list[str]) -> None:
        for predicate, classes in INVERSE_LINKS.items():
            targets = [iri for iri in iris if self.types(URIRef(iri)) & classes]
            if targets:
                found = self.reader.inverse(str(predicate), targets)
                self.pointing_to.setdefault(predicate, {}).update(found)

    def _pointing(self, predicate: URIRef) -> list[list[str]]:
        return list(self.pointing_to.get(predicate, {}).values())

    def pointing(self, predicate: URIRef, iri: str) -> list[str]:
        """The resources that state `predicate iri` (for the links of INVERSE_LINKS)."""
        return self.pointing_to.get(predicate, {}).get(iri, [])

    # -- reading the graph

    def types(self, node: Node) -> set[URIRef]:
        return {t for t in self.graph.objects(node, RDF.type) if isinstance(t, URIRef)}

    def text(self, node: Node, *predicates: URIRef) -> str | None:
        """The best literal of the first predicate that has one: German, then untagged, then any."""
        for predicate in predicates:
            literals = [o for o in self.graph.objects(node, predicate) if isinstance(o, Literal)]
            if literals:
                rank = {"de": 0, None: 1}
                return str(min(literals, key=lambda lit: (rank.get(lit.language, 2), str(lit))))
        return None

    def texts(self, node: Node, predicate: URIRef) -> list[str]:
        return sorted({str(o) for o in self.graph.objects(node, predicate) if isinstance(o, Literal)})

    def flag(self, node: Node, predicate: URIRef) -> bool | None:
        for literal in self.graph.objects(node, predicate):
            value = literal.toPython() if isinstance(literal, Literal) else None
            if isinstance(value, bool):
                return value
        return None

    def label(self, node: Node) -> str | None:
        found = self.text(node, *_LABELS)
        if found is None and isinstance(node, URIRef) and str(node).startswith(_SHARED_CONCEPTS):
            found = _concept_label(node)
        return found

    def labels(self, node: Node, predicate: URIRef) -> str | None:
        """The German labels of the concepts a resource points to, joined."""
        return "; ".join(self.label(o) or str(o) for o in self.iris(node, predicate)) or None

    def iris(self, node: Node, predicate: URIRef) -> list[URIRef]:
        return sorted(o for o in self.graph.objects(node, predicate) if isinstance(o, URIRef))

    def date(self, node: Node, predicate: URIRef = DCTERMS.date) -> str | None:
        value = self.text(node, predicate)
        return value[:10] if value and _DATE.match(value) else None

    def moment(self, node: Node, predicate: URIRef) -> str | None:
        """A date-time literal in OParl's form (UTC when the literal names no zone)."""
        value = self.text(node, predicate)
        try:
            parsed = datetime.fromisoformat(value) if value else None
        except ValueError:
            return None
        if parsed is None:
            return None
        return timestamp(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))

    def stamps(self, iri: str) -> dict[str, str]:
        times = self.times.get(iri) or self.reader.times([iri])[iri]
        return {"created": timestamp(times.created), "modified": timestamp(times.modified)}

    def trailer(self, iri: str) -> dict[str, Any]:
        """The fields every object ends with: times, our HTML page, our URI, the URLs it was harvested from."""
        node = URIRef(iri)
        same_as = sorted({str(o) for p in (OWL.sameAs, PROV.wasDerivedFrom) for o in self.iris(node, p)})
        return {
            **self.stamps(iri),
            "web": self.urls.web(iri),
            VENDOR + "uri": iri,
            VENDOR + "sameAs": same_as,
        }

    def city_url(self, node: Node) -> str | None:
        cities = self.iris(node, CG.city)
        return self.urls.object_url("body", str(cities[0])) if cities else None

    def actor_url(self, actor: URIRef) -> tuple[str, str | None]:
        """("person" | "organization", the actor's OParl URL)."""
        kind = "person" if CG.Person in self.types(actor) else "organization"
        return kind, self.urls.object_url(kind, str(actor))

    def urls_of(self, kind: str, nodes: Iterable[URIRef | str]) -> list[str]:
        return [url for node in nodes if (url := self.urls.object_url(kind, str(node))) is not None]
