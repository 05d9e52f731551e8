"""The document page: the text as read, with the evidence spans highlighted."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from councilgraph.namespaces import CG, DCTERMS, RDF
from councilgraph.texts import full_text
from server.describe import Description, to_rdflib
from server.views.common import Labeller, Link, ResourcePage, Shown, base_page, schema_org


@dataclass(frozen=True)
class Fact:
    anchor: str
    """`n` of `B/id/evidence/{doc}/{n}`: `#evidence-n` is the span, `#fact-n` the fact."""
    subject: Link
    predicate: Link
    object: Shown | None
    quote: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    text: str
    facts: tuple[str, ...]
    """Anchors of the facts this piece of text supports; empty for plain text."""
    opens: tuple[str, ...]
    """Anchors whose span starts here (the element gets their ids)."""


@dataclass
class DocumentDetails:
    text_lang: str | None
    segments: list[Segment]
    facts: list[Fact]
    formats: list[str]
    genres: list[str]
    sha256: str | None
    described: list[Link]


def _int(literal: Literal | None) -> int | None:
    try:
        return int(str(literal)) if literal is not None else None
    except ValueError:
        return None


def facts_of(labeller: Labeller, document: URIRef, text_length: int) -> list[Fact]:
    facts = []
    for evidence in labeller.graph.subjects(DCTERMS.source, document):
        if (evidence, RDF.type, CG.Evidence) not in labeller.graph:
            continue
        start, end = (
            _int(labeller.literal(evidence, CG.start)),
            _int(labeller.literal(evidence, CG.end)),
        )
        subject = next(iter(labeller.graph.objects(evidence, RDF.subject)), None)
        predicate = next(iter(labeller.graph.objects(evidence, RDF.predicate)), None)
        obj = next(iter(labeller.graph.objects(evidence, RDF.object)), None)
        if start is None or end is None or not 0 <= start < end <= text_length or subject is None:
            continue
        facts.append(
            Fact(
                anchor=str(evidence).rstrip("/").rsplit("/", 1)[-1],
                subject=labeller.link(subject),
                predicate=labeller.link(predicate) if predicate is not None else labeller.link(RDF.predicate),
                object=labeller.shown(obj) if obj is not None else None,
                quote=labeller.text(evidence, CG.quote),
                start=start,
                end=end,
            )
        )
    return sorted(facts, key=lambda fact: (fact.start, fact.end, fact.anchor))


def segments(text: str, facts: list[Fact]) -> list[Segment]:
    """Cut the text at every span boundary; each piece knows which facts cover it."""
    cuts = sorted({0, len(text), *(f.start for f in facts), *(f.end for f in facts)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = tuple(f.anchor for f in facts if f.start <= start and end <= f.end)
        opening = tuple(f.anchor for f in facts if f.start == start)
        pieces.append(Segment(text=text[start:end], facts=covering, opens=opening))
    return pieces


def build(description: Description, labeller: Labeller) -> ResourcePage:
    page = base_page("document", description, labeller)
    document = URIRef(description.iri)
    text = labeller.graph.value(document, CG.text)
    if text is None:  # the text lives in the document's text graph, outside the default graph
        stored = full_text(labeller.context.store, description.iri)
        text = to_rdflib(stored) if stored is not None else None
    body = str(text) if text is not None else ""
    facts = facts_of(labeller, document, len(body))
    described = {s for s in labeller.graph.subjects(DCTERMS.source, document)}
    described -= {s for s in described if (s, RDF.type, CG.Evidence) in labeller.graph}
    details = DocumentDetails(
        text_lang=(text.language if isinstance(text, Literal) and text.language else "de"),
        segments=segments(body, facts),
        facts=facts,
        formats=[str(o) for o in labeller.graph.objects(document, DCTERMS.format)],
        genres=[str(o) for o in labeller.graph.objects(document, CG.genre)],
        sha256=labeller.text(document, CG.sha256),
        described=sorted((labeller.link(s) for s in described), key=lambda link: (link.text, link.iri)),
    )
    page.details = details
    page.schema_org = schema_org(
        "DigitalDocument",
        page.title.text,
        description.iri,
        encodingFormat=details.formats[0] if details.formats else None,
        inLanguage=details.text_lang,
    )
    return page
