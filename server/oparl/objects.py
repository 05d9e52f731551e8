"""OParl Paper (with its Consultations and Files) and Body, built from a `GraphView`.

Labels are German where the graph has them: OParl's content language here is
German. Fields OParl has no name for carry the prefix `councilgraph:` (OParl's
vendor extensions): the resource's linked-data URI, the original OParl URLs
it was harvested from, and a consultation's date, agenda item number and
outcome as printed.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from councilgraph.namespaces import CG, CGROLE, DCTERMS, OWL, RDFS
from server.oparl.urls import schema_type
from server.oparl.view import VENDOR, GraphView, compact


def paper(view: GraphView, iri: str) -> dict[str, Any]:
    node = URIRef(iri)
    persons: list[str] = []
    organizations: list[str] = []
    for actor in view.iris(node, CG.submittedBy):
        kind, url = view.actor_url(actor)
        if url is not None:
            (persons if kind == "person" else organizations).append(url)
    documents = view.files.get(iri, [])
    consultations = sorted(view.iris(node, CG.consultation), key=_position)
    return compact(
        {
            "id": view.urls.object_url("paper", iri),
            "type": schema_type("Paper"),
            "body": view.city_url(node),
            "name": view.text(node, DCTERMS.title, RDFS.label),
            "reference": view.text(node, DCTERMS.identifier),
            "date": view.date(node),
            "paperType": view.labels(node, CG.kind),
            "relatedPaper": view.urls_of("paper", [*view.iris(node, CG.refersTo), *view.iris(node, CG.amends)]),
            "superordinatedPaper": view.urls_of("paper", view.iris(node, CG.amends)),
            "mainFile": file(view, documents[0]) if documents else None,
            "auxiliaryFile": [file(view, d) for d in documents[1:]],
            "originatorPerson": persons,
            "originatorOrganization": organizations,
            "consultation": [consultation(view, str(c), embedded=True) for c in consultations],
            "keyword": sorted({view.label(p) or str(p) for p in view.iris(node, CG.principle)}),
            **view.trailer(iri),
        }
    )


def consultation(view: GraphView, iri: str, *, embedded: bool = False) -> dict[str, Any]:
    node = URIRef(iri)
    roles = view.iris(node, CG.role)
    authoritative = view.flag(node, CG.authoritative)
    if authoritative is None and roles:
        authoritative = CGROLE.decision in roles
    papers = [] if embedded else view.urls_of("paper", view.pointing(CG.consultation, iri))
    meetings = view.urls_of("meeting", view.iris(node, CG.meeting))
    items = view.urls_of("agendaItem", view.iris(node, CG.onAgendaItem))
    return compact(
        {
            "id": view.urls.object_url("consultation", iri),
            "type": schema_type("Consultation"),
            "paper": papers[0] if papers else None,
            "agendaItem": items[0] if items else None,
            "meeting": meetings[0] if meetings else None,
            "organization": view.urls_of("organization", view.iris(node, CG.body)),
            "authoritative": authoritative,
            "role": view.labels(node, CG.role),
            **view.trailer(iri),
            VENDOR + "date": view.date(node),
            VENDOR + "agendaItemNumber": view.text(node, CG.agendaItem),
            VENDOR + "result": view.text(node, CG.resultText) or view.labels(node, CG.result),
        }
    )


def file(view: GraphView, iri: str) -> dict[str, Any]:
    """A source document as an OParl File: its `accessUrl` gives the text as read."""
    node = URIRef(iri)
    url = view.urls.object_url("file", iri)
    file_name = view.text(node, RDFS.label) or iri.rsplit("/", 1)[-1]
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    path = url.split("/file/", 1)[1] if url else ""
    return compact(
        {
            "id": url,
            "type": schema_type("File"),
            "name": stem,
            "fileName": f"{stem}.txt",
            "mimeType": "text/plain",
            "accessUrl": view.urls.text(path) if url else None,
            **view.trailer(iri),
            VENDOR + "sourceMimeType": view.text(node, DCTERMS["format"]),
            VENDOR + "sourceFileName": file_name,
            VENDOR + "sha256": view.text(node, CG.sha256),
        }
    )


def body(view: GraphView, city: str, lists: dict[str, str]) -> dict[str, Any]:
    """A city with data as an OParl Body; `lists` maps Body's list fields to their URLs."""
    node = URIRef(city)
    found = compact(
        {
            "id": view.urls.object_url("body", city),
            "type": schema_type("Body"),
            "system": view.urls.system(),
            "name": view.label(node) or city.rsplit("/", 1)[-1],
            "ags": view.text(node, CG.municipalityKey),
            "equivalent": [str(o) for o in view.iris(node, OWL.sameAs)],
            **lists,
            **view.trailer(city),
            VENDOR + "sameAs": None,  # given as `equivalent`
        }
    )
    found["legislativeTerm"] = []  # required, even when the graph knows no legislative terms
    return found


def _position(node: URIRef) -> tuple[int, str]:
    """Consultations in the order of the Beratungsfolge: `…/{n}` by n."""
    tail = str(node).rsplit("/", 1)[-1]
    return (int(tail), str(node)) if tail.isdigit() else (10**9, str(node))
