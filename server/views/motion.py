"""The motion page: what was asked, by whom, what came of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import CG, DCTERMS, RDF
from server.describe import Description
from server.views.common import Labeller, Link, ResourcePage, Shown, Value, base_page, schema_org


@dataclass(frozen=True)
class Quote:
    text: str
    href: str | None
    """The highlighted span on the source document's page."""


@dataclass(frozen=True)
class Consultation:
    link: Link
    body: Link | None
    date: str | None
    role: Link | None
    public: bool | None
    agenda_item: str | None
    result: Link | None
    result_text: str | None
    votes: str | None


@dataclass(frozen=True)
class Statement:
    link: Link
    authors: list[Link]
    signatories: list[Link]
    date: str | None
    stance: Link | None
    stance_text: str | None
    identifier: str | None


@dataclass(frozen=True)
class PrincipleUse:
    principle: Link
    quotes: list[Quote]


@dataclass
class MotionDetails:
    reference: str | None
    kinds: list[Link]
    date: str | None
    cities: list[Link]
    submitters: list[Link]
    signatories: list[Link]
    consultations: list[Consultation]
    statements: list[Statement]
    principles: list[PrincipleUse]
    amends: list[Link]
    refers_to: list[Link]
    amended_by: list[Link]
    cited_by: list[Link]
    mentions: list[Link]
    sources: list[Link]
    resolution_text: Shown | None
    justification_text: Shown | None
    facts: dict[str, list[Quote]] = field(default_factory=dict)


def evidence_href(labeller: Labeller, evidence: Node) -> str | None:
    """`B/id/evidence/{doc}/{n}` → `/doc/document/{doc}#evidence-{n}`"""
    documents = list(labeller.graph.objects(evidence, DCTERMS.source))
    parts = str(evidence).rstrip("/").rsplit("/", 1)
    if not documents or len(parts) != 2:
        return None
    href = labeller.href(str(documents[0]))
    return f"{href}#evidence-{parts[1]}" if href else None


def quotes_for(labeller: Labeller, subject: Node, predicate: URIRef, obj: Node | None = None) -> list[Quote]:
    """The quoted sentences that show `subject predicate obj` (any object when `obj` is None)."""
    found: list[Quote] = []
    for evidence in labeller.graph.subjects(RDF.subject, subject):
        if (evidence, RDF.predicate, predicate) not in labeller.graph:
            continue
        if obj is not None and (evidence, RDF.object, obj) not in labeller.graph:
            continue
        quote = labeller.text(evidence, CG.quote)
        if quote:
            found.append(Quote(text=quote, href=evidence_href(labeller, evidence)))
    return sorted(set(found), key=lambda q: (q.text, q.href or ""))


def _text(labeller: Labeller, subject: Node, predicate: URIRef) -> str | None:
    return labeller.text(subject, predicate)


def _one(labeller: Labeller, subject: Node, predicate: URIRef) -> Link | None:
    links = labeller.links(subject, predicate)
    return links[0] if links else None


def _position(iri: str) -> tuple[int, str]:
    tail = iri.rsplit("/", 1)[-1]
    return (int(tail), iri) if tail.isdigit() else (10**9, iri)


def consultation(labeller: Labeller, node: Node) -> Consultation:
    public_literal = labeller.literal(node, CG.public)
    public = public_literal.toPython() if isinstance(public_literal, Literal) else None
    votes = [
        f"{label}: {value}"
        for label, predicate in (
            ("for / dafür", CG.votesFor),
            ("against / dagegen", CG.votesAgainst),
            ("abstentions / Enthaltungen", CG.abstentions),
        )
        if (value := _text(labeller, node, predicate)) is not None
    ]
    return Consultation(
        link=labeller.link(node),
        body=_one(labeller, node, CG.body),
        date=_text(labeller, node, DCTERMS.date),
        role=_one(labeller, node, CG.role),
        public=public if isinstance(public, bool) else None,
        agenda_item=_text(labeller, node, CG.agendaItem),
        result=_one(labeller, node, CG.result),
        result_text=_text(labeller, node, CG.resultText),
        votes=", ".join(votes) or None,
    )


def statement(labeller: Labeller, node: Node) -> Statement:
    return Statement(
        link=labeller.link(node),
        authors=labeller.links(node, CG.author),
        signatories=labeller.links(node, CG.signedBy),
        date=_text(labeller, node, DCTERMS.date),
        stance=_one(labeller, node, CG.stance),
        stance_text=_text(labeller, node, CG.stanceText),
        identifier=_text(labeller, node, DCTERMS.identifier),
    )


def _long_text(labeller: Labeller, subject: URIRef, predicate: URIRef) -> Shown | None:
    literal = labeller.literal(subject, predicate)
    return Value(text=str(literal), lang=literal.language) if literal is not None else None


def build(description: Description, labeller: Labeller) -> ResourcePage:
    page = base_page("motion", description, labeller)
    motion = URIRef(description.iri)
    graph = labeller.graph
    consultations = sorted(graph.objects(motion, CG.consultation), key=lambda n: _position(str(n)))
    statements = sorted(
        (statement(labeller, s) for s in labeller.subjects(CG.about, motion)),
        key=lambda s: (s.date or "", s.link.iri),
    )
    details = MotionDetails(
        reference=_text(labeller, motion, DCTERMS.identifier),
        kinds=labeller.links(motion, CG.kind),
        date=_text(labeller, motion, DCTERMS.date),
        cities=labeller.links(motion, CG.city),
        submitters=labeller.links(motion, CG.submittedBy),
        signatories=labeller.links(motion, CG.signedBy),
        consultations=[consultation(labeller, c) for c in consultations],
        statements=statements,
        principles=[
            PrincipleUse(link, quotes_for(labeller, motion, CG.principle, URIRef(link.iri)))
            for link in labeller.links(motion, CG.principle)
        ],
        amends=labeller.links(motion, CG.amends),
        refers_to=labeller.links(motion, CG.refersTo),
        amended_by=[labeller.link(s) for s in labeller.subjects(CG.amends, motion)],
        cited_by=[labeller.link(s) for s in labeller.subjects(CG.refersTo, motion)],
        mentions=labeller.links(motion, CG.mentions),
        sources=labeller.links(motion, DCTERMS.source),
        resolution_text=_long_text(labeller, motion, CG.resolutionText),
        justification_text=_long_text(labeller, motion, CG.justificationText),
    )
    page.details = details
    page.schema_org = schema_org(
        "Legislation",
        page.title.text,
        description.iri,
        legislationIdentifier=details.reference,
        legislationDate=details.date,
        inLanguage="de",
        spatialCoverage=[{"@type": "City", "name": c.text, "@id": c.iri} for c in details.cities],
        author=[{"@id": s.iri, "name": s.text} for s in details.submitters],
        about=[{"@id": p.principle.iri, "name": p.principle.text} for p in details.principles],
    )
    return page
