"""OParl Organization and Person (with its memberships) → actors in the terms of docs/graph.md.

Actor URIs are minted from canonical names the same way extraction mints them
(`B/id/actor/{city}/{slug}`), so the "Fraktion DIE LINKE" of the API and the one
a paper prints are one resource.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from councilgraph.namespaces import CG, DCTERMS, FOAF, FOAF_HONORIFIC_PREFIX, OWL, RDF, RDFS, SKOS, XSD
from councilgraph.uris import slugify
from ingest import actors as names
from ingest.oparl.context import MappingContext
from ingest.oparl.identity import add_record_document, day_of, ids, new_graph, record_graph_iri, text_of
from ingest.oparl.refs import ActorRef

CLASS_OF = {
    "faction": CG.Faction,
    "body": CG.Body,
    "unit": CG.AdministrativeUnit,
    "organization": CG.Organization,
    "person": CG.Person,
}


@cache
def organization_types() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, class slug, example) from organization_types.toml, in file order."""
    data = tomllib.loads((Path(__file__).parent / "organization_types.toml").read_text(encoding="utf-8"))
    return tuple(
        (re.compile(rf"(?<![\wäöüß]){re.escape(entry['word'])}", re.IGNORECASE), entry["class"], entry["example"])
        for entry in data["type"]
    )


def organization_kind(organization: dict[str, Any]) -> str:
    """faction, body, unit or organization, from `organizationType` and `classification`."""
    fields = " / ".join(
        text
        for text in (text_of(organization.get("organizationType")), text_of(organization.get("classification")))
        if text
    )
    for pattern, kind, _example in organization_types():
        if pattern.search(fields):
            return kind
    return "organization"


def canonical_name(kind: str, printed: str) -> str:
    """The name extraction would give the same actor ("SPD-Fraktion" → "Fraktion SPD")."""
    if kind == "faction":
        head, party = names.party_of(re.sub(r"^(.+?)[\s-]+Fraktion$", r"Fraktion \1", printed))
        return f"{head} {party}" if party else printed
    if kind == "body":
        return names.body_slug_name(names.body_name(printed))
    if kind == "unit":
        return names.unit_name(printed)
    return printed


def organization_ref(context: MappingContext, organization: dict[str, Any]) -> ActorRef:
    kind = organization_kind(organization)
    printed = text_of(organization.get("name")) or text_of(organization.get("shortName")) or "Organisation"
    name = canonical_name(kind, printed)
    iri = context.minter.actor(context.city.slug, name)
    return ActorRef(organization["id"], iri, CLASS_OF[kind], printed)


def person_name(person: dict[str, Any]) -> tuple[str, str | None]:
    """(name without titles, academic titles) of an OParl Person."""
    given, family = text_of(person.get("givenName")), text_of(person.get("familyName"))
    titles = " ".join(t for t in person.get("title") or [] if isinstance(t, str)) or None
    if given and family:
        return f"{given} {family}", titles
    printed = text_of(person.get("name")) or family or given or "Person"
    name, honorific = names.split_person(printed)
    return name or printed, titles or honorific


def person_ref(context: MappingContext, person: dict[str, Any]) -> ActorRef:
    name, _titles = person_name(person)
    return ActorRef(person["id"], context.minter.actor(context.city.slug, name), CG.Person, name)


def map_organization(context: MappingContext, organization: dict[str, Any]) -> tuple[URIRef, Graph]:
    ref = organization_ref(context, organization)
    context.refs.actors[ref.oparl_id] = ref
    graph, document = _actor_graph(context, organization, ref, "organization")
    short = text_of(organization.get("shortName"))
    if short and short != ref.label:
        graph.add((ref.iri, SKOS.altLabel, Literal(short)))
    return document, graph


def map_person(context: MappingContext, person: dict[str, Any]) -> tuple[URIRef, Graph]:
    ref = person_ref(context, person)
    context.refs.actors[ref.oparl_id] = ref
    graph, document = _actor_graph(context, person, ref, "person")
    name, titles = person_name(person)
    graph.add((ref.iri, FOAF.name, Literal(name)))
    if titles:
        graph.add((ref.iri, FOAF_HONORIFIC_PREFIX, Literal(titles)))
    for status in person.get("status") or []:
        if isinstance(status, str) and status.strip():
            graph.add((ref.iri, CG.position, Literal(status.strip(), lang="de")))
    for n, membership in enumerate(person.get("membership") or [], start=1):
        if isinstance(membership, dict):
            _membership(context, graph, document, ref, membership, n)
    return document, graph


def _actor_graph(context: MappingContext, obj: dict[str, Any], ref: ActorRef, kind: str) -> tuple[Graph, URIRef]:
    graph = new_graph()
    document = record_graph_iri(context.minter, context.city, kind, obj["id"])
    add_record_document(graph, document, obj, f"OParl {kind.capitalize()} {ref.label}")
    context.add_city(graph)
    context.add_actor_stub(graph, ref, document)
    return graph, document


def _membership(
    context: MappingContext, graph: Graph, document: URIRef, person: ActorRef, membership: dict[str, Any], n: int
) -> None:
    organization_ids = ids(membership.get("organization"))
    organization = context.refs.actor(organization_ids[0]) if organization_ids else None
    if organization is None:
        context.warnings.append(f"{membership.get('id')}: the membership's organization is unknown; left out")
        return
    context.add_actor_stub(graph, organization, document)
    graph.add((person.iri, CG.memberOf, organization.iri))
    iri = context.resource("membership", slugify(person.label), f"{slugify(organization.label)}-{n}")
    graph.add((iri, RDF.type, CG.Membership))
    role = text_of(membership.get("role"))
    graph.add((iri, RDFS.label, Literal(f"{person.label}, {role + ', ' if role else ''}{organization.label}")))
    graph.add((iri, CG.member, person.iri))
    graph.add((iri, CG.organization, organization.iri))
    graph.add((iri, DCTERMS.source, document))
    if isinstance(membership.get("id"), str):
        graph.add((iri, OWL.sameAs, URIRef(membership["id"])))
    if role:
        graph.add((iri, CG.membershipRole, Literal(role, lang="de")))
    if isinstance(membership.get("votingRight"), bool):
        graph.add((iri, CG.votingRight, Literal(membership["votingRight"])))
    for name, prop in (("startDate", CG.startDate), ("endDate", CG.endDate)):
        day = day_of(membership.get(name))
        if day:
            graph.add((iri, prop, Literal(day, datatype=XSD.date)))
