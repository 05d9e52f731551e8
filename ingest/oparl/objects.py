"""One OParl object → its named graph, validated: the step the harvester and offline ingest share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from councilgraph.errors import CouncilGraphError
from councilgraph.namespaces import CG, DCTERMS, PROV, RDF, RDFS
from councilgraph.store import GraphStore
from ingest.oparl.actors import map_organization, map_person
from ingest.oparl.context import MappingContext
from ingest.oparl.files import FileResult, extract_text
from ingest.oparl.identity import is_iri, object_type, text_of
from ingest.oparl.meetings import map_meeting
from ingest.oparl.merge import Discrepancy, merge_file
from ingest.oparl.papers import map_paper
from ingest.validation import format_report, validate_graph

MAPPED_TYPES = ("Organization", "Person", "Meeting", "Paper")
FileSource = Callable[[dict[str, Any]], list[FileResult]]
"""Downloads and reads a paper's files (mainFile first); None harvests without file texts."""


@dataclass
class ObjectOutcome:
    oparl_id: str
    kind: str
    graph_name: str | None = None
    ntriples: str = ""
    deleted: bool = False
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    files_read: int = 0
    files_failed: int = 0

    @property
    def stored(self) -> bool:
        return self.error is None and self.graph_name is not None


def graphs_derived_from(store: GraphStore, oparl_id: str) -> list[str]:
    """The named graphs that record an OParl object (deletion finds them here)."""
    node = ox.NamedNode(oparl_id)  # refuses what is not an IRI
    result = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> {node} }} }}")
    assert isinstance(result, ox.QuerySolutions)
    return [str(row["g"].value) for row in result]


def process_object(
    context: MappingContext,
    obj: dict[str, Any],
    base: str,
    files: FileSource | None = None,
    file_results: list[FileResult] | None = None,
    validate: bool = True,
) -> ObjectOutcome:
    """Map, merge file texts, validate (unless the caller validates `ntriples` itself, see `violations_in`);
    errors are the outcome's, never raised."""
    kind = object_type(obj)
    outcome = ObjectOutcome(str(obj.get("id", "")), kind)
    if not is_iri(outcome.oparl_id):
        outcome.error = f"an OParl {kind or 'object'} without a valid `id` URL ({outcome.oparl_id!r}); skipped"
        return outcome
    if obj.get("deleted") is True:
        outcome.deleted = True  # the caller removes the graphs derived from it
        return outcome
    if kind not in MAPPED_TYPES:
        outcome.error = f"{outcome.oparl_id}: an OParl {kind or obj.get('type')!r} is not stored on its own; skipped"
        return outcome
    outer_warnings, context.warnings = context.warnings, outcome.warnings
    try:
        graph_name, graph = _map(context, obj, outcome, files, file_results)
        if validate:
            result = validate_graph(graph, base)
            if not result.conforms:
                raise _Invalid(format_report({outcome.oparl_id: result}))
        outcome.graph_name, outcome.ntriples = str(graph_name), graph.serialize(format="nt")
    except _Invalid as invalid:
        mark_invalid(outcome, str(invalid))
    except CouncilGraphError as error:
        outcome.error = f"{outcome.oparl_id}: {error}"
    finally:
        context.warnings = outer_warnings
    return outcome


class _Invalid(Exception):
    pass


def violations_in(ntriples: str, base: str, name: str) -> str | None:
    """The SHACL report of a graph given as N-Triples when it has Violations, else None (runs in workers)."""
    result = validate_graph(Graph().parse(data=ntriples, format="nt"), base)
    return None if result.conforms else format_report({name: result})


def mark_invalid(outcome: ObjectOutcome, report: str) -> None:
    outcome.error = f"{outcome.oparl_id}: the graph violates the shapes; nothing stored.\n{report}"
    outcome.graph_name, outcome.ntriples = None, ""


def _map(
    context: MappingContext,
    obj: dict[str, Any],
    outcome: ObjectOutcome,
    files: FileSource | None,
    file_results: list[FileResult] | None,
) -> tuple[URIRef, Graph]:
    kind = outcome.kind
    if kind == "Organization":
        return map_organization(context, obj)
    if kind == "Person":
        return map_person(context, obj)
    if kind == "Meeting":
        return map_meeting(context, obj)
    paper = map_paper(context, obj)
    results = file_results if file_results is not None else (files(obj) if files is not None else [])
    for n, result in enumerate(results):
        extract_text(result, context.minter, context.city)
        label = text_of(result.file.get("fileName")) or text_of(result.file.get("name")) or result.file["id"]
        if result.extraction is not None:
            is_main = n == 0 and isinstance(obj.get("mainFile"), dict)
            outcome.discrepancies.extend(merge_file(paper, result.extraction, context.minter, is_main, label))
            _name_file_document(paper.graph, result.extraction.document, result.file, label)
            outcome.files_read += 1
        else:
            if result.source is not None:
                _keep_unrecognised_text(paper.graph, context, result, paper.motion, label)
            outcome.files_failed += 1
        if result.warning:
            outcome.warnings.append(result.warning)
    return paper.document, paper.graph


def _name_file_document(graph: Graph, document: URIRef, file: dict[str, Any], label: str) -> None:
    """A file's document is labelled with its file name and linked to the OParl File."""
    for old in list(graph.objects(document, RDFS.label)):
        graph.remove((document, RDFS.label, old))
    graph.add((document, RDFS.label, Literal(label)))
    graph.add((document, PROV.wasDerivedFrom, URIRef(file["id"])))


def _keep_unrecognised_text(
    graph: Graph, context: MappingContext, result: FileResult, motion: URIRef, label: str
) -> None:
    """A file read but not understood is still stored as a document with its text (nothing readable is lost)."""
    assert result.source is not None
    source = result.source
    document = context.minter.document(source.stem)
    graph.add((document, RDF.type, CG.Document))
    graph.add((document, RDF.type, PROV.Entity))
    graph.add((document, DCTERMS["format"], Literal(source.media_type)))
    graph.add((document, CG.text, Literal(source.text)))
    graph.add((document, CG.sha256, Literal(source.sha256)))
    graph.add((motion, DCTERMS.source, document))
    _name_file_document(graph, document, result.file, label)
