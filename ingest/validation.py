"""SHACL validation of a document's graph against `shapes/`, with the reference data it needs."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from councilgraph import disk_cache, reference
from councilgraph.namespaces import CG, SH
from councilgraph.reference import data_dir, reference_digest, reference_graph, reference_graphs, reference_ntriples
from ingest.builder import DocumentTriples, statements_of
from ingest.compiled_shacl import CompiledShapes, UnsupportedData, UnsupportedShapes, compile_shapes
from ingest.shacl_lookup import hash_constraint_parameters
from ingest.shacl_report import ResultRecord, records_of, report_graph
from ingest.triple_index import LayeredIndex, TripleIndex

if TYPE_CHECKING:
    from pyshacl import Validator

VIOLATION = "Violation"
WARNING = "Warning"
INFO = "Info"

COMPILED = "compiled"
PYSHACL = "pyshacl"
ENGINES = (COMPILED, PYSHACL)
"""`compiled`: the shapes compiled once into checks over hashed lookups (pyshacl where they cannot
judge); `pyshacl`: pyshacl itself, the reference the compiled checks are tested against."""


@dataclass(frozen=True)
class Issue:
    severity: str
    focus: str
    path: str
    message: str
    source_shape: str
    value: str


@dataclass
class ValidationResult:
    issues: list[Issue] = field(default_factory=list)
    report_graph: Graph | None = None
    """pyshacl's report; None for the compiled checks, whose report is written from `records` on demand."""
    records: list[ResultRecord] = field(default_factory=list)

    @property
    def report(self) -> Graph:
        if self.report_graph is None:
            self.report_graph = report_graph(self.records)
        return self.report_graph

    @property
    def violations(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == VIOLATION]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != VIOLATION]

    @property
    def conforms(self) -> bool:
        return not self.violations


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    graph = Graph()
    for path in sorted(data_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")  # rdflib's parser keeps the prefixes pyshacl writes messages with
    return graph


@lru_cache(maxsize=4)
def _static_reference(base: str) -> Graph:
    """Ontology, vocabularies and principles: small, and needed for sh:class and sh:in checks."""
    merged = Graph()
    for name in ("ontology", "vocabularies", "principles"):
        merged += reference_graph(name, base)
    return merged


def _cities_referenced(graph: Graph, base: str) -> Graph:
    """Only the gazetteer entries the document points at, so validation stays fast."""
    gazetteer = reference_graphs(base)["gazetteer"]
    cities = Graph()
    for obj in set(graph.objects()):
        if isinstance(obj, URIRef) and (obj, RDF.type, CG.City) in gazetteer:
            for triple in gazetteer.triples((obj, None, None)):
                cities.add(triple)
    return cities


@lru_cache(maxsize=4)
def _gazetteer_statements(base: str) -> dict[str, bytes]:
    """The gazetteer's statements by city IRI, as N-Triples lines.

    Building an rdflib graph of the whole gazetteer took each ingest worker about two
    seconds, and parsing all of it with Oxigraph half a second; a document names a
    handful of cities, whose lines are parsed when a document first names them
    (`_city_statements`). Built once per machine and version of the gazetteer and this code.
    """
    key = disk_cache.digest(
        reference_digest("gazetteer", base), Path(__file__), Path(reference.__file__), ox.__version__
    )
    return disk_cache.cached("gazetteer-statements", key, lambda: _read_gazetteer_statements(base))


def _read_gazetteer_statements(base: str) -> dict[str, bytes]:
    ntriples = reference_ntriples("gazetteer", base)
    if b"_:" in ntriples:
        for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
            if not isinstance(triple.subject, ox.NamedNode) or isinstance(triple.object, ox.BlankNode):
                raise ValueError("the gazetteer holds a blank node; validation expects named cities only")
    by_subject: dict[bytes, list[bytes]] = defaultdict(list)
    for line in ntriples.splitlines():
        if line.strip():
            by_subject[line.split(b" ", 1)[0]].append(line)
    # the subjects typed cg:City, read by the parser (it knows the escapes an IRI may be written with)
    typed = [line for lines in by_subject.values() for line in lines if line.endswith(_CITY_TYPE_END)]
    city = ox.NamedNode(str(CG.City))
    return {
        triple.subject.value: b"\n".join(by_subject[line.split(b" ", 1)[0]]) + b"\n"
        for line, triple in zip(typed, ox.parse(b"\n".join(typed), format=ox.RdfFormat.N_TRIPLES), strict=True)
        if isinstance(triple.subject, ox.NamedNode) and triple.predicate.value == _RDF_TYPE and triple.object == city
    }


_RDF_TYPE = str(RDF.type)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_CITY_TYPE_END = f" <{_RDF_TYPE}> <{CG.City}> .".encode()


@lru_cache(maxsize=4096)
def _city_statements(base: str, iri: str) -> tuple[tuple[Node, Node, Node], ...]:
    """One city's gazetteer statements as rdflib terms, as `read_turtle` makes them (plain literals
    without a datatype), so that both engines see the same terms."""
    statements = ox.parse(_gazetteer_statements(base)[iri], format=ox.RdfFormat.N_TRIPLES)
    return tuple((URIRef(iri), URIRef(t.predicate.value), _rdflib_term(t.object)) for t in statements)


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"the gazetteer holds a term validation cannot read: {term}")


def _city_triples(triples: list[tuple[Node, Node, Node]], base: str) -> list[tuple[Node, Node, Node]]:
    """The gazetteer entries a document's triples point at (as `_cities_referenced`), as plain triples."""
    cities = _gazetteer_statements(base)
    return [
        statement
        for city in {str(o) for _, _, o in triples if isinstance(o, URIRef)}
        if city in cities
        for statement in _city_statements(base, city)
    ]


def warm_validation(base: str, engine: str = COMPILED) -> None:
    """Load the shapes and the reference data before the first document needs them."""
    if engine == COMPILED and compiled_shapes() is not None:
        _reference_index(base)
        _gazetteer_statements(base)
        return
    # the shapes and the working graph with the static reference data, in the validator that
    # documents saying nothing about a principle use; the other is built by the first that does
    _validator(base, frozenset(_reference_targets(base)))
    reference_graphs(base)


def validate_graph(graph: Graph | DocumentTriples, base: str, engine: str = COMPILED) -> ValidationResult:
    """Validate one document's graph (or any RDF graph) with the project's shapes."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    compiled = compiled_shapes() if engine == COMPILED else None
    if compiled is not None:
        try:
            return _validate_compiled(graph, base, compiled)
        except UnsupportedData:
            pass  # pyshacl judges this document
    return validate_with_pyshacl(graph if isinstance(graph, Graph) else graph.graph(), base)


@lru_cache(maxsize=1)
def compiled_shapes() -> CompiledShapes | None:
    """The shapes compiled, or None when they use SHACL the compiled checks do not implement."""
    try:
        return compile_shapes(shapes_graph())
    except UnsupportedShapes:
        return None


@lru_cache(maxsize=4)
def _reference_index(base: str) -> TripleIndex:
    return TripleIndex(_static_reference(base))


def _validate_compiled(graph: Graph | DocumentTriples, base: str, compiled: CompiledShapes) -> ValidationResult:
    # graph.triples(), not the graph itself: unpacking asks a graph for its length, which counts every triple
    triples = list(statements_of(graph))
    document = TripleIndex((*triples, *_city_triples(triples, base)))
    records = records_of(compiled.validate(LayeredIndex(_reference_index(base), document)))
    issues = [
        Issue(
            severity=_local(r.severity),
            focus=str(r.focus),
            path=r.path_text,
            message=_choose_message(r.messages),
            source_shape=str(r.source_shape),
            value=_text(r.value),
        )
        for r in records
    ]
    return ValidationResult(issues=issues, records=records)


def validate_with_pyshacl(graph: Graph, base: str) -> ValidationResult:
    """The reference validation: pyshacl on the document with the reference data it needs."""
    with _scratch_lock:
        # The document's triples are added to a graph that already holds the reference data,
        # and taken out again afterwards: copying the reference into a fresh graph for every
        # document was a quarter of the time per document.
        data = _scratch(base)
        added = {triple for triple in (*graph, *_cities_referenced(graph, base)) if triple not in data}
        data.addN((s, p, o, data) for s, p, o in added)
        try:
            _conforms, report, _text = _validator(base, _shapes_not_concerned(graph, data, base)).run()
        finally:
            for triple in added:
                data.remove(triple)
    assert isinstance(report, Graph)
    return ValidationResult(issues=list(_issues(report)), report_graph=report)


_scratch_lock = threading.Lock()


@lru_cache(maxsize=4)
def _scratch(base: str) -> Graph:
    """A working graph holding the static reference data; documents pass through it one at a time."""
    data = Graph()
    data += _static_reference(base)
    return data


@lru_cache(maxsize=8)
def _validator(base: str, left_out: frozenset[URIRef] = frozenset()) -> Validator:
    """One validator over the working graph, run once per document: it keeps the shapes it has read.

    No inference, no SHACL rules and no SHACL-AF targets or functions (the shapes use none), so
    pyshacl only reads the data graph and can work on it in place. `left_out`: node shapes not
    to run (see `_shapes_not_concerned`).
    """
    # pyshacl is imported by the first document the compiled checks cannot judge, not with this module:
    # it costs half a second of every process that starts `councilgraph ingest`, most of which never need it
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph

    hash_constraint_parameters()
    options: dict[str, object] = {"inference": "none", "allow_warnings": True, "advanced": False, "inplace": True}
    if left_out:
        # pyshacl reaches only blank-node shapes from a listed shape: named property shapes are listed too
        shapes = {
            shape
            for kind in (SH.NodeShape, SH.PropertyShape)
            for shape in shapes_graph().subjects(RDF.type, kind)
            if isinstance(shape, URIRef)
        }
        options["use_shapes"] = sorted(str(shape) for shape in shapes - left_out)
    return Validator(DataGraph.from_rdflib(_scratch(base)), shacl_graph=shapes_graph(), options=options)


@lru_cache(maxsize=4)
def _reference_targets(base: str) -> dict[URIRef, frozenset[URIRef]]:
    """Node shapes that target only classes with instances in the static reference data (the
    principles), each with its classes and their subclasses."""
    reference, shapes = _static_reference(base), shapes_graph()
    targets: dict[URIRef, frozenset[URIRef]] = {}
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        kinds = {p for p, _ in shapes.predicate_objects(shape) if p in _TARGET_PREDICATES}
        if not isinstance(shape, URIRef) or kinds != {SH.targetClass}:
            continue
        classes = frozenset(
            c
            for target in shapes.objects(shape, SH.targetClass)
            for c in reference.transitive_subjects(RDFS.subClassOf, target)
            if isinstance(c, URIRef)
        )
        if any(True for c in classes for _ in reference.subjects(RDF.type, c)):
            targets[shape] = classes
    return targets


_TARGET_PREDICATES = frozenset({SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target})


def _shapes_not_concerned(graph: Graph, data: Graph, base: str) -> frozenset[URIRef]:
    """Shapes whose every focus node is reference data the document says nothing about.

    The nineteen principles are validated with the reference data; running their shape again
    for each document was 40 % of the time per document. A document that states anything about
    a principle (as subject) has the shape run as usual.
    """
    subjects = set(graph.subjects())
    return frozenset(
        shape
        for shape, classes in _reference_targets(base).items()
        if not any((subject, RDF.type, c) in data for subject in subjects for c in classes)
    )


def _issues(report: Graph) -> Iterable[Issue]:
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        yield Issue(
            severity=_local(severity) if severity is not None else VIOLATION,
            focus=_text(report.value(result, SH.focusNode)),
            path=_text(report.value(result, SH.resultPath)),
            message=_messages(report, result),
            source_shape=_text(report.value(result, SH.sourceShape)),
            value=_text(report.value(result, SH.value)),
        )


def _messages(report: Graph, result: Node) -> str:
    return _choose_message([m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)])


def _choose_message(messages: Iterable[Literal]) -> str:
    """The English and the German message, else the one without a language."""
    messages = list(messages)
    english = [str(m) for m in messages if m.language == "en"]
    german = [str(m) for m in messages if m.language == "de"]
    plain = [str(m) for m in messages if m.language is None]
    return " / ".join(english[:1] + german[:1]) or (plain[0] if plain else "")


def _local(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1]


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)


def format_report(results: dict[str, ValidationResult]) -> str:
    """A readable report grouped by document and focus node."""
    lines: list[str] = []
    for document, result in results.items():
        counts = f"{len(result.violations)} violation(s), {len(result.warnings)} warning(s)"
        lines.append(f"{document}: {'conforms' if result.conforms else 'does not conform'} ({counts})")
        by_focus: dict[str, list[Issue]] = defaultdict(list)
        for issue in result.issues:
            by_focus[issue.focus].append(issue)
        for focus in sorted(by_focus):
            lines.append(f"  {focus}")
            for issue in sorted(by_focus[focus], key=lambda i: (i.severity != VIOLATION, i.path)):
                where = f" {issue.path}" if issue.path else ""
                value = f" (value: {issue.value})" if issue.value else ""
                lines.append(f"    [{issue.severity}]{where}: {issue.message}{value}")
    return "\n".join(lines)
