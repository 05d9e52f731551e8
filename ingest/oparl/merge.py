"""Merge what extraction found in a paper's files into the paper's OParl graph.

Rules (docs/oparl-mapping.md):
- OParl's structured fields win: reference, title, date, kind, city, submitters,
  consultations. An extracted value of such a field is kept only where OParl
  gives none.
- Where both give a value and they differ, the extracted triple is not asserted;
  both values stay as `cg:Evidence` nodes: the extracted one with
  `cg:method "text-extraction"` and `cg:supersededBy` the API's, which has
  `cg:method "oparl-api"` and quotes the field from the OParl record.
- Everything else extraction finds is added: principles with evidence,
  statements and stances, signatories, mentioned cities and actors, texts.
- The extracted main paper is renamed to the OParl paper's IRI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import CG, DCTERMS, RDF, RDFS, XSD
from councilgraph.uris import UriMinter, slugify
from ingest.builder import KIND_CLASS
from ingest.extract import Extraction
from ingest.oparl.identity import field_span
from ingest.oparl.papers import MappedPaper

EXTRACTED = "text-extraction"
FROM_API = "oparl-api"
# predicate → the OParl field that gives it (None: not an OParl field of its own; replaced silently)
OPARL_WINS: dict[URIRef, str | None] = {
    DCTERMS.identifier: "reference",
    DCTERMS.title: "name",
    DCTERMS.date: "date",
    CG.kind: "paperType",
    CG.submittedBy: "originator",
    CG.city: None,
    RDFS.label: None,
}


@dataclass(frozen=True)
class Discrepancy:
    """A field where the API and a file's text disagree; the API's value was kept."""

    motion: str
    predicate: str
    api_value: str
    extracted_value: str
    file: str
    quote: str


def main_paper(extraction: Extraction, reference: str | None, is_main_file: bool) -> URIRef | None:
    """The extracted paper that is the OParl paper: same reference, else the main file's own paper."""
    graph = extraction.graph
    motions = [m for m in graph.subjects(RDF.type, CG.Motion) if isinstance(m, URIRef)]
    cited = {m for m in motions if (None, CG.refersTo, m) in graph or (None, CG.amends, m) in graph}
    if reference:
        key = _key(reference)
        for motion in motions:
            if any(_key(str(v)) == key for v in graph.objects(motion, DCTERMS.identifier)):
                return motion
    if not is_main_file:
        return None
    own = sorted((m for m in motions if m not in cited), key=lambda m: (-len(list(graph.triples((m, None, None)))), m))
    return own[0] if own else None


def merge_file(
    paper: MappedPaper, extraction: Extraction, minter: UriMinter, is_main_file: bool, file_label: str
) -> list[Discrepancy]:
    """Add one file's extraction to the paper's graph, by the rules above; returns the disagreements."""
    extracted = Graph()
    extracted += extraction.graph
    found = main_paper(extraction, paper.reference, is_main_file)
    if found is not None and found != paper.motion:
        _rename(extracted, found, paper.motion)
    discrepancies: list[Discrepancy] = []
    if found is not None:
        discrepancies = _apply_rules(paper, extracted, extraction, minter, file_label)
    for prefix, namespace in extraction.graph.namespaces():
        paper.graph.bind(prefix, namespace, override=False)
    paper.graph += extracted
    paper.graph.add((paper.motion, DCTERMS.source, extraction.document))
    return discrepancies


def _apply_rules(
    paper: MappedPaper, extracted: Graph, extraction: Extraction, minter: UriMinter, file_label: str
) -> list[Discrepancy]:
    graph, motion = paper.graph, paper.motion
    discrepancies: list[Discrepancy] = []
    for predicate, field in OPARL_WINS.items():
        api_values = paper.api_values.get(predicate, set())
        if not api_values:
            # extraction fills what OParl leaves empty; the first file that gives a value keeps it
            earlier = set(graph.objects(motion, predicate))
            if earlier and predicate not in (CG.submittedBy,):
                for value in set(extracted.objects(motion, predicate)) - earlier:
                    extracted.remove((motion, predicate, value))
            continue
        for value in set(extracted.objects(motion, predicate)):
            extracted.remove((motion, predicate, value))
            if predicate == CG.kind:
                for cls in KIND_CLASS.values():
                    if (motion, RDF.type, cls) not in graph:
                        extracted.remove((motion, RDF.type, cls))
            if field is None or any(_same(value, api) for api in api_values):
                continue
            api_value = sorted(api_values, key=str)[0]
            api_node = _api_evidence(paper, minter, predicate, api_value, field, len(discrepancies) + 1)
            quote = _extracted_evidence(extracted, extraction, minter, motion, predicate, value, api_node)
            discrepancies.append(
                Discrepancy(str(motion), str(predicate), str(api_value), str(value), file_label, quote)
            )
    if (motion, CG.consultation, None) in graph:
        _drop_extracted_consultations(extracted, motion)
    return discrepancies


def _same(extracted: Node, api: Node) -> bool:
    if isinstance(extracted, Literal) and isinstance(api, Literal):
        return _key(str(extracted)) == _key(str(api))
    return extracted == api


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _rename(graph: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(graph.triples((old, None, None))):
        graph.remove((s, p, o))
        graph.add((new, p, o))
    for s, p, o in list(graph.triples((None, None, old))):
        graph.remove((s, p, o))
        graph.add((s, p, new))


def _api_evidence(paper: MappedPaper, minter: UriMinter, predicate: URIRef, value: Node, field: str, n: int) -> URIRef:
    """An evidence node for the API's value, quoting its field in the OParl record."""
    doc_slug = str(paper.document).rsplit("/", 1)[-1]
    node = minter.evidence(doc_slug, n)
    while (node, RDF.type, CG.Evidence) in paper.graph:
        n += 1
        node = minter.evidence(doc_slug, n)
    graph = paper.graph
    record = json.loads(paper.text)
    raw = record.get(field)
    span = field_span(paper.text, field, raw) if field in record else None
    quote = paper.text[span[0] : span[1]] if span else f'"{field}": {json.dumps(str(value), ensure_ascii=False)}'
    graph.add((node, RDF.type, CG.Evidence))
    graph.add((node, RDFS.label, Literal(f"OParl {field}")))
    graph.add((node, RDF.subject, paper.motion))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, value))
    graph.add((node, CG.quote, Literal(quote)))
    if span:
        graph.add((node, CG.start, Literal(span[0], datatype=XSD.integer)))
        graph.add((node, CG.end, Literal(span[1], datatype=XSD.integer)))
    graph.add((node, DCTERMS.source, paper.document))
    graph.add((node, CG.method, Literal(FROM_API)))
    return node


def _extracted_evidence(
    graph: Graph,
    extraction: Extraction,
    minter: UriMinter,
    motion: URIRef,
    predicate: URIRef,
    value: Node,
    api_node: URIRef,
) -> str:
    """Mark the extraction's evidence for a value the API overrides (made here when extraction kept none)."""
    nodes: list[Node] = [
        n
        for n in graph.subjects(RDF.subject, motion)
        if (n, RDF.predicate, predicate) in graph and (n, RDF.object, value) in graph
    ]
    if not nodes:
        text = extraction.source.text
        at = text.find(str(value))
        node = minter.evidence(slugify(extraction.source.stem), 10_000 + len(list(graph.subjects(CG.method, None))))
        graph.add((node, RDF.type, CG.Evidence))
        graph.add((node, RDFS.label, Literal("Beleg (Text)")))
        graph.add((node, RDF.subject, motion))
        graph.add((node, RDF.predicate, predicate))
        graph.add((node, RDF.object, value))
        graph.add((node, CG.quote, Literal(text[at : at + len(str(value))] if at >= 0 else str(value))))
        if at >= 0:
            graph.add((node, CG.start, Literal(at, datatype=XSD.integer)))
            graph.add((node, CG.end, Literal(at + len(str(value)), datatype=XSD.integer)))
        graph.add((node, DCTERMS.source, extraction.document))
        nodes = [node]
    for marked in nodes:
        graph.add((marked, CG.method, Literal(EXTRACTED)))
        graph.add((marked, CG.supersededBy, api_node))
    return str(graph.value(nodes[0], CG.quote) or "")


def _drop_extracted_consultations(graph: Graph, motion: URIRef) -> None:
    """OParl lists the consultations; the ones read from the text (and their evidence) go."""
    for consultation in list(graph.objects(motion, CG.consultation)):
        graph.remove((motion, CG.consultation, consultation))
        for evidence in list(graph.subjects(RDF.subject, consultation)):
            graph.remove((evidence, None, None))
        graph.remove((consultation, None, None))
