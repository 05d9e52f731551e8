"""OParl Meeting (with its agenda items) → `cg:Meeting` and `cg:AgendaItem`."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef

from councilgraph.namespaces import CG, DCTERMS, OWL, RDF, RDFS, XSD
from councilgraph.uris import slugify
from ingest.genres import concepts
from ingest.oparl.context import MappingContext
from ingest.oparl.identity import (
    add_record_document,
    day_of,
    embedded,
    ids,
    new_graph,
    object_key,
    record_graph_iri,
    text_of,
)
from ingest.oparl.refs import ItemRef, MeetingRef


def meeting_ref(context: MappingContext, meeting: dict[str, Any]) -> MeetingRef:
    day = day_of(meeting.get("start"))
    name = text_of(meeting.get("name"))
    slug = "-".join(part for part in (day, object_key(meeting["id"])) if part)
    label = (f"{name}, {day}" if day else name) if name else (f"Sitzung am {day}" if day else "Sitzung")
    return MeetingRef(
        meeting["id"], context.resource("meeting", slug), label, day, tuple(ids(meeting.get("organization")))
    )


def outcome_of(result: str | None) -> URIRef | None:
    """The outcome concept a printed result ("Geändert beschlossen") stands for."""
    if not result:
        return None
    hit = concepts.best("outcome", result)
    return concepts.concept("outcome", hit.slug) if hit else None


def map_meeting(context: MappingContext, meeting: dict[str, Any]) -> tuple[URIRef, Graph]:
    ref = meeting_ref(context, meeting)
    context.refs.meetings[ref.oparl_id] = ref
    graph = new_graph()
    document = record_graph_iri(context.minter, context.city, "meeting", meeting["id"])
    add_record_document(graph, document, meeting, f"OParl Meeting {ref.label}")
    context.add_city(graph)
    iri = ref.iri
    graph.add((iri, RDF.type, CG.Meeting))
    graph.add((iri, RDFS.label, Literal(ref.label)))
    if text_of(meeting.get("name")):
        graph.add((iri, DCTERMS.title, Literal(text_of(meeting.get("name")), lang="de")))
    graph.add((iri, OWL.sameAs, URIRef(ref.oparl_id)))
    graph.add((iri, DCTERMS.source, document))
    graph.add((iri, CG.city, context.city_iri))
    if ref.day:
        graph.add((iri, DCTERMS.date, Literal(ref.day, datatype=XSD.date)))
    for name, prop in (("start", CG.startTime), ("end", CG.endTime)):
        value = meeting.get(name)
        if day_of(value) and isinstance(value, str) and len(value) > 10:
            graph.add((iri, prop, Literal(value, datatype=XSD.dateTime)))
    location = meeting.get("location")
    place = text_of(location.get("description")) if isinstance(location, dict) else None
    if place:
        graph.add((iri, CG.location, Literal(place)))
    if isinstance(meeting.get("cancelled"), bool):
        graph.add((iri, CG.cancelled, Literal(meeting["cancelled"])))
    if text_of(meeting.get("meetingState")):
        graph.add((iri, CG.meetingState, Literal(text_of(meeting.get("meetingState")), lang="de")))
    for organization_id in ref.organizations:
        organization = context.refs.actor(organization_id)
        if organization is None:
            context.warnings.append(f"{ref.oparl_id}: organization {organization_id} is unknown; left out")
            continue
        context.add_actor_stub(graph, organization, document)
        graph.add((iri, CG.heldBy, organization.iri))
    for n, item in enumerate(embedded(meeting.get("agendaItem")), start=1):
        _agenda_item(context, graph, document, ref, item, n)
    return document, graph


def _agenda_item(
    context: MappingContext, graph: Graph, document: URIRef, meeting: MeetingRef, item: dict[str, Any], n: int
) -> None:
    number = text_of(item.get("number"))
    iri = URIRef(f"{meeting.iri}/top-{slugify(number) or n}" if number else f"{meeting.iri}/item-{n}")
    if (iri, RDF.type, CG.AgendaItem) in graph:
        iri = URIRef(f"{iri}-{n}")
    public = item.get("public") if isinstance(item.get("public"), bool) else None
    result = text_of(item.get("result"))
    context.refs.items[item["id"]] = ItemRef(item["id"], iri, meeting.oparl_id, number, public, result)
    name = text_of(item.get("name"))
    graph.add((iri, RDF.type, CG.AgendaItem))
    graph.add((iri, RDFS.label, Literal(" ".join(p for p in (f"TOP {number or n}", name) if p))))
    graph.add((iri, CG.meeting, meeting.iri))
    graph.add((iri, OWL.sameAs, URIRef(item["id"])))
    graph.add((iri, DCTERMS.source, document))
    if name:
        graph.add((iri, DCTERMS.title, Literal(name, lang="de")))
    if number:
        graph.add((iri, CG.itemNumber, Literal(number)))
    if public is not None:
        graph.add((iri, CG.public, Literal(public)))
    if result:
        graph.add((iri, CG.resultText, Literal(result, lang="de")))
        outcome = outcome_of(result)
        if outcome is not None:
            graph.add((iri, CG.result, outcome))
    resolution = text_of(item.get("resolutionText"))
    if resolution:
        graph.add((iri, CG.resolutionText, Literal(resolution, lang="de")))
