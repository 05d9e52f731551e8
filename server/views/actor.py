"""The actor page: a person, faction, body or unit: what they submitted, signed, wrote."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from councilgraph.namespaces import CG, DCTERMS, FOAF, RDF, SKOS
from server.describe import Description
from server.views.common import Labeller, Link, ResourcePage, Value, base_page, schema_org

HONORIFIC_PREFIX = URIRef(str(FOAF) + "honorificPrefix")
"""foaf:honorificPrefix (docs/graph.md), outside rdflib's closed FOAF namespace."""


@dataclass(frozen=True)
class Dated:
    link: Link
    date: str | None


@dataclass
class ActorDetails:
    kinds: list[Link]
    cities: list[Link]
    other_names: list[Value]
    honorifics: list[str]
    positions: list[Value]
    parties: list[str]
    member_of: list[Link]
    members: list[Link]
    submitted: list[Dated]
    signed: list[Dated]
    statements: list[Dated]


def _dated(labeller: Labeller, subjects: list[URIRef], wanted_type: URIRef | None = None) -> list[Dated]:
    rows = [
        Dated(labeller.link(s), labeller.text(s, DCTERMS.date))
        for s in subjects
        if wanted_type is None or (s, RDF.type, wanted_type) in labeller.graph
    ]
    return sorted(rows, key=lambda row: (row.date or "", row.link.text), reverse=True)


def _values(labeller: Labeller, subject: URIRef, predicate: URIRef) -> list[Value]:
    found = [Value(text=str(o), lang=getattr(o, "language", None)) for o in labeller.graph.objects(subject, predicate)]
    return sorted(set(found), key=lambda value: (value.text, value.lang or ""))


def build(description: Description, labeller: Labeller) -> ResourcePage:
    page = base_page("actor", description, labeller)
    actor = URIRef(description.iri)
    is_person = (actor, RDF.type, CG.Person) in labeller.graph
    details = ActorDetails(
        kinds=[link for link in page.types if link.iri != str(CG.Actor)],
        cities=labeller.links(actor, CG.city),
        other_names=_values(labeller, actor, SKOS.altLabel),
        honorifics=[value.text for value in _values(labeller, actor, HONORIFIC_PREFIX)],
        positions=_values(labeller, actor, CG.position),
        parties=[value.text for value in _values(labeller, actor, CG.party)],
        member_of=labeller.links(actor, CG.memberOf),
        members=sorted((labeller.link(s) for s in labeller.subjects(CG.memberOf, actor)), key=lambda x: x.text),
        submitted=_dated(labeller, labeller.subjects(CG.submittedBy, actor)),
        signed=_dated(labeller, labeller.subjects(CG.signedBy, actor), CG.Motion),
        statements=_dated(labeller, labeller.subjects(CG.author, actor)),
    )
    page.details = details
    page.schema_org = schema_org(
        "Person" if is_person else "Organization",
        page.title.text,
        description.iri,
        alternateName=[value.text for value in details.other_names],
        honorificPrefix=details.honorifics[0] if is_person and details.honorifics else None,
        jobTitle=[value.text for value in details.positions] if is_person else None,
        memberOf=[{"@id": link.iri, "name": link.text} for link in details.member_of],
        location=[{"@type": "City", "@id": link.iri, "name": link.text} for link in details.cities],
    )
    return page
