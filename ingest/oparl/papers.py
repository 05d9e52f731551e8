"""OParl Paper (with its consultations) → `cg:Motion` and `cg:Consultation` in the paper's own graph.

The motion's URI comes from the city and the paper's reference, exactly as for a
paper read from its PDF, so both are one resource.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import CG, DCTERMS, OWL, RDF, RDFS, XSD
from ingest.builder import KIND_CLASS
from ingest.genres import concepts
from ingest.oparl.context import MappingContext
from ingest.oparl.identity import (
    add_record_document,
    day_of,
    embedded,
    ids,
    is_iri,
    new_graph,
    record_graph_iri,
    text_of,
)
from ingest.oparl.meetings import outcome_of
from ingest.oparl.refs import ActorRef, MeetingRef

SUBMITTER_FIELDS = ("originatorPerson", "originatorOrganization", "underDirectionOf")


@dataclass
class MappedPaper:
    """A paper's graph before file texts are merged in."""

    document: URIRef
    motion: URIRef
    graph: Graph
    text: str
    """The OParl record as stored in the document's `cg:text` (evidence offsets point into it)."""
    reference: str | None
    files: list[dict[str, Any]] = field(default_factory=list)
    """mainFile first, then auxiliaryFile."""
    api_values: dict[URIRef, set[Node]] = field(default_factory=dict)
    """What the API states about the motion, by predicate, before any file is merged in."""


def kind_of(paper_type: str | None) -> str | None:
    """The motion kind a printed `paperType` stands for ("Beschlussvorlage" → draft-resolution)."""
    if not paper_type:
        return None
    hit = concepts.best("kind", paper_type)
    return hit.slug if hit else None


def motion_iri(context: MappingContext, paper: dict[str, Any]) -> URIRef:
    reference = text_of(paper.get("reference"))
    if reference:
        return context.minter.motion(context.city.slug, reference)
    title = text_of(paper.get("name")) or "Vorlage"
    return context.minter.motion_without_reference(context.city.slug, day_of(paper.get("date")), title)


def map_paper(context: MappingContext, paper: dict[str, Any]) -> MappedPaper:
    graph = new_graph()
    document = record_graph_iri(context.minter, context.city, "paper", paper["id"])
    reference = text_of(paper.get("reference"))
    title = text_of(paper.get("name"))
    text = add_record_document(graph, document, paper, f"OParl Paper {reference or title or paper['id']}")
    context.add_city(graph)
    motion = motion_iri(context, paper)
    graph.add((motion, RDF.type, CG.Motion))
    graph.add((motion, RDFS.label, Literal(title or f"Vorlage {reference}")))
    graph.add((motion, OWL.sameAs, URIRef(paper["id"])))
    graph.add((motion, DCTERMS.source, document))
    graph.add((motion, CG.city, context.city_iri))
    if reference:
        graph.add((motion, DCTERMS.identifier, Literal(reference)))
    if title:
        graph.add((motion, DCTERMS.title, Literal(title, lang="de")))
    day = day_of(paper.get("date"))
    if day:
        graph.add((motion, DCTERMS.date, Literal(day, datatype=XSD.date)))
    kind = kind_of(text_of(paper.get("paperType")))
    if kind:
        graph.add((motion, CG.kind, concepts.concept("kind", kind)))
        if kind in KIND_CLASS:
            graph.add((motion, RDF.type, KIND_CLASS[kind]))
    for name in SUBMITTER_FIELDS:
        for actor in _actors(context, paper, name):
            context.add_actor_stub(graph, actor, document)
            graph.add((motion, CG.submittedBy, actor.iri))
    files = embedded(paper.get("mainFile")) + embedded(paper.get("auxiliaryFile"))
    for file in files:
        for url_field in ("accessUrl", "downloadUrl"):
            url = file.get(url_field)
            if is_iri(url):
                graph.add((motion, RDFS.seeAlso, URIRef(str(url))))
                break
    slug = str(motion).rsplit("/", 1)[-1]
    for n, consultation in enumerate(embedded(paper.get("consultation")), start=1):
        _consultation(context, graph, document, motion, slug, consultation, n)
    api_values: dict[URIRef, set[Node]] = {}
    for predicate, value in graph.predicate_objects(motion):
        api_values.setdefault(URIRef(str(predicate)), set()).add(value)
    return MappedPaper(document, motion, graph, text, reference, files, api_values)


def _actors(context: MappingContext, obj: dict[str, Any], name: str) -> list[ActorRef]:
    found = []
    for oparl_id in ids(obj.get(name)):
        actor = context.refs.actor(oparl_id)
        if actor is None:
            context.warnings.append(f"{obj['id']}: {name} {oparl_id} is unknown; left out")
        else:
            found.append(actor)
    return found


def _consultation(
    context: MappingContext,
    graph: Graph,
    document: URIRef,
    motion: URIRef,
    motion_slug: str,
    consultation: dict[str, Any],
    n: int,
) -> None:
    meeting_ids = ids(consultation.get("meeting"))
    meeting = context.refs.meeting(meeting_ids[0]) if meeting_ids else None
    item_ids = ids(consultation.get("agendaItem"))
    item = context.refs.item(item_ids[0]) if item_ids else None
    organization_ids = ids(consultation.get("organization")) or (list(meeting.organizations) if meeting else [])
    bodies = [actor for actor in map(context.refs.actor, organization_ids) if actor is not None]
    if not bodies:
        context.warnings.append(
            f"{consultation.get('id')}: the consultation names no known organization (nor does its meeting); left out"
        )
        return
    body = bodies[0]
    iri = context.minter.consultation(context.city.slug, motion_slug, n)
    context.add_actor_stub(graph, body, document)
    if body.cls != CG.Body:
        graph.add((body.iri, RDF.type, CG.Body))  # whoever considers a paper acts as a body here
    graph.add((motion, CG.consultation, iri))
    graph.add((iri, RDF.type, CG.Consultation))
    label = body.label + (
        f", {meeting.day[8:10]}.{meeting.day[5:7]}.{meeting.day[:4]}" if meeting and meeting.day else ""
    )
    graph.add((iri, RDFS.label, Literal(label)))
    graph.add((iri, DCTERMS.source, document))
    graph.add((iri, CG.body, body.iri))
    if isinstance(consultation.get("id"), str):
        graph.add((iri, OWL.sameAs, URIRef(consultation["id"])))
    if meeting is not None:
        _meeting_stub(graph, document, meeting)
        graph.add((iri, CG.meeting, meeting.iri))
        if meeting.day:
            graph.add((iri, DCTERMS.date, Literal(meeting.day, datatype=XSD.date)))
    role = text_of(consultation.get("role"))
    hit = concepts.best("role", role) if role else None
    if hit is not None:
        graph.add((iri, CG.role, concepts.concept("role", hit.slug)))
    if isinstance(consultation.get("authoritative"), bool):
        graph.add((iri, CG.authoritative, Literal(consultation["authoritative"])))
    if item is not None:
        item_meeting = context.refs.meeting(item.meeting_id) if item.meeting_id else None
        if item_meeting is not None:
            _meeting_stub(graph, document, item_meeting)
            graph.add((item.iri, RDF.type, CG.AgendaItem))
            graph.add((item.iri, RDFS.label, Literal(f"TOP {item.number}" if item.number else "Tagesordnungspunkt")))
            graph.add((item.iri, CG.meeting, item_meeting.iri))
            graph.add((item.iri, DCTERMS.source, document))
            graph.add((item.iri, OWL.sameAs, URIRef(item.oparl_id)))
            graph.add((iri, CG.onAgendaItem, item.iri))
        if item.number:
            graph.add((iri, CG.agendaItem, Literal(item.number)))
        if item.public is not None:
            graph.add((iri, CG.public, Literal(item.public)))
        if item.result:
            graph.add((iri, CG.resultText, Literal(item.result, lang="de")))
            outcome = outcome_of(item.result)
            if outcome is not None:
                graph.add((iri, CG.result, outcome))


def _meeting_stub(graph: Graph, document: URIRef, meeting: MeetingRef) -> None:
    """A meeting the paper's consultations link to, described enough to stand on its own."""
    graph.add((meeting.iri, RDF.type, CG.Meeting))
    graph.add((meeting.iri, RDFS.label, Literal(meeting.label)))
    graph.add((meeting.iri, DCTERMS.source, document))
    graph.add((meeting.iri, OWL.sameAs, URIRef(meeting.oparl_id)))
    if meeting.day:
        graph.add((meeting.iri, DCTERMS.date, Literal(meeting.day, datatype=XSD.date)))
