"""OParl Meeting (with its agenda) and AgendaItem, built from a `GraphView` (where a harvest gave them)."""

from __future__ import annotations

import re
from typing import Any

from rdflib import URIRef

from councilgraph.namespaces import CG, DCTERMS, RDFS
from server.oparl.urls import schema_type
from server.oparl.view import VENDOR, GraphView, compact

_NUMBERS = re.compile(r"(\d+)")


def meeting(view: GraphView, iri: str) -> dict[str, Any]:
    node = URIRef(iri)
    items = agenda_of(view, iri)
    return compact(
        {
            "id": view.urls.object_url("meeting", iri),
            "type": schema_type("Meeting"),
            "name": view.text(node, DCTERMS.title, RDFS.label),
            "meetingState": view.text(node, CG.meetingState),
            "cancelled": view.flag(node, CG.cancelled),
            "start": view.moment(node, CG.startTime),
            "end": view.moment(node, CG.endTime),
            "organization": view.urls_of("organization", [*view.iris(node, CG.heldBy), *view.iris(node, CG.body)]),
            "agendaItem": [] if view.omit_internal else [agenda_item(view, item, embedded=True) for item in items],
            **view.trailer(iri),
            VENDOR + "date": view.date(node),
            VENDOR + "location": view.text(node, CG.location),
        }
    )


def agenda_of(view: GraphView, meeting_iri: str) -> list[str]:
    """The meeting's agenda items in the order of their numbers (`2` before `10`, `8.1` before `8.2`)."""
    items = [i for i in view.pointing(CG.meeting, meeting_iri) if CG.AgendaItem in view.types(URIRef(i))]
    return sorted(items, key=lambda i: (_natural(view.text(URIRef(i), CG.itemNumber)), i))


def agenda_item(view: GraphView, iri: str, *, embedded: bool = False) -> dict[str, Any]:
    node = URIRef(iri)
    meetings = view.iris(node, CG.meeting)
    agenda = agenda_of(view, str(meetings[0])) if meetings else []
    meeting_urls = view.urls_of("meeting", meetings)
    consultations = view.urls_of("consultation", view.pointing(CG.onAgendaItem, iri))
    return compact(
        {
            "id": view.urls.object_url("agendaItem", iri),
            "type": schema_type("AgendaItem"),
            "meeting": meeting_urls[0] if meeting_urls and not embedded else None,
            "number": view.text(node, CG.itemNumber),
            "order": agenda.index(iri) if iri in agenda else 0,
            "name": view.text(node, DCTERMS.title, RDFS.label),
            "public": view.flag(node, CG.public),
            "consultation": consultations[0] if consultations else None,
            "result": view.text(node, CG.resultText) or view.labels(node, CG.result),
            **view.trailer(iri),
        }
    )


def _natural(number: str | None) -> tuple[tuple[int, str], ...]:
    if number is None:
        return ((10**9, ""),)
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in _NUMBERS.split(number) if part)
