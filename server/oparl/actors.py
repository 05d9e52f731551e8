"""OParl Organization, Person and Membership, built from a `GraphView`.

A membership is a person's `cg:memberOf` link to an organization; where a
harvest recorded it as a `cg:Membership` (with role, voting right and period),
those details are shown too (the first such record when there are several).
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from councilgraph.namespaces import CG, FOAF, FOAF_HONORIFIC_PREFIX, RDFS
from server.oparl.urls import schema_type
from server.oparl.view import VENDOR, GraphView, compact

ORGANIZATION_TYPES: dict[URIRef, tuple[str, str | None]] = {
    CG.Faction: ("Fraktion", "Fraktion"),
    CG.Body: ("Gremium", "Gremium"),
    CG.AdministrativeUnit: ("Verwaltungsbereich", "Verwaltungsbereich"),
    CG.Organization: ("Sonstiges", None),
}
"""Actor class → OParl `organizationType` and `classification` (values the OParl schema names)."""


def organization(view: GraphView, iri: str) -> dict[str, Any]:
    node = URIRef(iri)
    kinds = [ORGANIZATION_TYPES[t] for t in sorted(view.types(node)) if t in ORGANIZATION_TYPES]
    organization_type, classification = kinds[0] if kinds else ("Sonstiges", None)
    memberships = [view.urls.membership(person, iri) for person in view.pointing(CG.memberOf, iri)]
    return compact(
        {
            "id": view.urls.object_url("organization", iri),
            "type": schema_type("Organization"),
            "body": view.city_url(node),
            "name": view.label(node),
            "membership": [m for m in memberships if m],
            "organizationType": organization_type,
            "classification": classification,
            **view.trailer(iri),
            VENDOR + "party": view.text(node, CG.party),
        }
    )


def person(view: GraphView, iri: str) -> dict[str, Any]:
    node = URIRef(iri)
    organizations = {str(o) for o in view.iris(node, CG.memberOf)}
    organizations |= {str(o) for record in _records(view, iri) for o in view.iris(URIRef(record), CG.organization)}
    memberships = [] if view.omit_internal else [membership(view, iri, o, embedded=True) for o in sorted(organizations)]
    return compact(
        {
            "id": view.urls.object_url("person", iri),
            "type": schema_type("Person"),
            "body": view.city_url(node),
            "name": view.text(node, FOAF.name, RDFS.label),
            "title": view.texts(node, FOAF_HONORIFIC_PREFIX),
            "status": view.texts(node, CG.position),
            "membership": [m for m in memberships if "id" in m],
            **view.trailer(iri),
        }
    )


def membership(view: GraphView, person_iri: str, organization_iri: str, *, embedded: bool = False) -> dict[str, Any]:
    kind, organization_url = view.actor_url(URIRef(organization_iri))
    records = [
        URIRef(r)
        for r in _records(view, person_iri)
        if (URIRef(r), CG.organization, URIRef(organization_iri)) in view.graph
    ]
    record = records[0] if records else None
    return compact(
        {
            "id": view.urls.membership(person_iri, organization_iri),
            "type": schema_type("Membership"),
            "person": None if embedded else view.urls.object_url("person", person_iri),
            "organization": organization_url if kind == "organization" else None,
            "role": view.text(record, CG.membershipRole) if record else None,
            "votingRight": view.flag(record, CG.votingRight) if record else None,
            "startDate": view.date(record, CG.startDate) if record else None,
            "endDate": view.date(record, CG.endDate) if record else None,
            **view.stamps(str(record) if record else person_iri),
        }
    )


def _records(view: GraphView, person_iri: str) -> list[str]:
    """The `cg:Membership` records of a person."""
    return [r for r in view.pointing(CG.member, person_iri) if CG.Membership in view.types(URIRef(r))]
