"""Validation results of the compiled checks as plain records, and as a SHACL report graph on demand.

Records hold rdflib terms only, so that an ingest worker can send them to the
main process cheaply; the report graph (`councilgraph validate --format turtle`)
is written from them only when someone asks for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph.namespaces import SH
from ingest.compiled_shacl import Finding


@dataclass(frozen=True)
class ResultRecord:
    focus: Node
    path: URIRef | None
    inverse_path: bool
    value: Node | None
    severity: URIRef
    source_shape: Node
    component: URIRef
    messages: tuple[Literal, ...]

    @property
    def path_text(self) -> str:
        if self.path is None:
            return ""
        return f"^{self.path}" if self.inverse_path else str(self.path)


def records_of(findings: Iterable[Finding]) -> list[ResultRecord]:
    return [
        ResultRecord(
            focus=f.focus,
            path=f.shape.path.predicate if f.shape.path is not None else None,
            inverse_path=f.shape.path is not None and f.shape.path.inverse,
            value=f.value,
            severity=f.shape.severity,
            source_shape=f.shape.iri,
            component=f.component,
            messages=f.shape.messages,
        )
        for f in findings
    ]


def report_graph(records: list[ResultRecord]) -> Graph:
    """A `sh:ValidationReport` with one `sh:ValidationResult` per record, as pyshacl writes it."""
    graph = Graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(r.severity == SH.Violation for r in records))))
    for record in records:
        result = BNode()
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, record.focus))
        graph.add((result, SH.resultSeverity, record.severity))
        graph.add((result, SH.sourceShape, record.source_shape))
        graph.add((result, SH.sourceConstraintComponent, record.component))
        if record.path is not None:
            if record.inverse_path:
                path = BNode()
                graph.add((path, SH.inversePath, record.path))
                graph.add((result, SH.resultPath, path))
            else:
                graph.add((result, SH.resultPath, record.path))
        if record.value is not None:
            graph.add((result, SH.value, record.value))
        for message in record.messages:
            graph.add((result, SH.resultMessage, message))
    return graph
