"""The SHACL shapes: each shape has a valid and invalid examples, and they behave as declared."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS
from rdflib.term import Node

from councilgraph.namespaces import CG, CGPRINCIPLE, SH
from councilgraph.reference import _parsed, data_dir, reference_graphs

BASE = "http://localhost:5000/"
CGSH = Namespace("https://w3id.org/councilgraph/shapes#")
EXAMPLES = Path(__file__).parent / "data" / "shapes"
EXPECT = re.compile(r"^# expect: <([^>]+)>", re.MULTILINE)


@cache
def shapes() -> Graph:
    graph = Graph()
    for path in sorted(data_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def static_reference() -> Graph:
    graphs = reference_graphs(BASE)
    merged = Graph()
    for name in ("ontology", "vocabularies", "principles"):
        merged += graphs[name]
    return merged


def data_graph(document: Graph) -> Graph:
    """The document plus the reference data the validator adds (cities the document names)."""
    gazetteer = reference_graphs(BASE)["gazetteer"]
    data = Graph()
    data += document
    data += static_reference()
    for obj in set(document.objects()):
        if isinstance(obj, URIRef) and (obj, RDF.type, CG.City) in gazetteer:
            for triple in gazetteer.triples((obj, None, None)):
                data.add(triple)
    return data


def results(document: Graph) -> list[tuple[str, str, str]]:
    """(source shape, severity, focus node) of every validation result."""
    _conforms, report, _text = validate(
        data_graph(document), shacl_graph=shapes(), inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.append(
            (
                str(report.value(result, SH.sourceShape)),
                str(report.value(result, SH.resultSeverity)),
                str(report.value(result, SH.focusNode)),
            )
        )
    return found


@cache
def example_results(path: Path) -> tuple[tuple[str, str, str], ...]:
    """`results` of a shape example, read from its file, once per test process: plain pyshacl takes a
    good part of a second per example, and three tests ask for the reports of the same examples."""
    return tuple(results(Graph().parse(path, format="turtle")))


def node_shape_names() -> list[str]:
    return sorted(str(s).rsplit("#", 1)[1] for s in shapes().subjects(RDF.type, SH.NodeShape))


def invalid_examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*-invalid-*.ttl"))


def test_every_node_shape_has_valid_and_invalid_examples() -> None:
    names = node_shape_names()
    assert len(names) == 19
    for name in names:
        assert (EXAMPLES / f"{name}-valid.ttl").is_file(), f"{name} has no valid example"
        assert list(EXAMPLES.glob(f"{name}-invalid-*.ttl")), f"{name} has no invalid example"


def test_every_example_belongs_to_a_shape() -> None:
    names = set(node_shape_names())
    for path in EXAMPLES.glob("*.ttl"):
        shape = path.stem.split("-", 1)[0]
        assert shape in names, f"{path.name} names no shape"


@pytest.mark.parametrize("name", node_shape_names())
def test_valid_example_conforms(name: str) -> None:
    document = Graph().parse(EXAMPLES / f"{name}-valid.ttl", format="turtle")
    target = shapes().value(CGSH[name], SH.targetClass)
    assert target is not None
    everything = data_graph(document)
    assert any(True for _ in everything.subjects(RDF.type, target)), f"{name}: no node of {target}"
    found = example_results(EXAMPLES / f"{name}-valid.ttl")
    problems = [r for r in found if r[1] in (str(SH.Violation), str(SH.Warning))]
    assert problems == []


@pytest.mark.parametrize("path", invalid_examples(), ids=lambda p: p.stem)
def test_invalid_example_fails_with_expected_shape(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = EXPECT.findall(text)
    assert expected, f"{path.name} lacks an '# expect: <shape>' line"
    for shape in expected:
        assert (URIRef(shape), None, None) in shapes(), f"{shape} is not a shape"
    found = example_results(path)  # the file's text, as read above
    sources = {source for source, _severity, _focus in found}
    for shape in expected:
        assert shape in sources, f"{path.name}: {shape} not reported, got {sorted(sources)}"


def test_invalid_examples_fail_with_the_severity_of_their_shape() -> None:
    for path in invalid_examples():
        text = path.read_text(encoding="utf-8")
        found = example_results(path)
        for shape in EXPECT.findall(text):
            declared = shapes().value(URIRef(shape), SH.severity) or SH.Violation
            severities = {sev for source, sev, _ in found if source == shape}
            assert severities == {str(declared)}, path.name


def _messages(node: Node) -> set[str | None]:
    return {getattr(m, "language", None) for m in shapes().objects(node, SH.message)}


def test_every_shape_has_a_stable_iri_and_messages_in_german_and_english() -> None:
    graph = shapes()
    declared = set(graph.subjects(RDF.type, SH.NodeShape))
    declared |= set(graph.subjects(RDF.type, SH.PropertyShape))
    referenced = set(graph.objects(None, SH.property))
    assert referenced <= declared
    for shape in declared:
        assert isinstance(shape, URIRef) and str(shape).startswith(str(CGSH)), shape
        assert {"de", "en"} <= _messages(shape), f"{shape} lacks a German or English sh:message"


def test_warnings_only_where_data_may_be_missing() -> None:
    graph = shapes()
    for shape, severity in graph.subject_objects(SH.severity):
        name = str(shape).rsplit("#", 1)[1]
        if severity == SH.Warning:
            alternatives = graph.value(shape, SH["or"])
            members = list(Collection(graph, alternatives)) if alternatives is not None else []
            missing_one_of = bool(members) and all(graph.value(m, SH.minCount) is not None for m in members)
            assert graph.value(shape, SH.minCount) is not None or missing_one_of, f"{name}: warns of missing data"


def test_reference_data_conforms() -> None:
    cities = Graph()
    gazetteer = reference_graphs(BASE)["gazetteer"]
    for slug in ("halle-saale", "muenchen", "bochum", "chemnitz", "wien", "new-york"):
        cities += gazetteer.triples((URIRef(f"{BASE}id/city/{slug}"), None, None))
    found = results(cities)
    assert [r for r in found if r[1] != str(SH.Info)] == []


def test_validating_documents_reads_the_reference_data_once() -> None:
    """The gazetteer alone takes seconds to parse: validating one more document must not read it again."""
    document = Graph().parse(EXAMPLES / "ConsultationShape-valid.ttl", format="turtle")
    results(document)
    before = _parsed.cache_info()
    for _ in range(3):
        results(document)
    after = _parsed.cache_info()
    assert after.misses == before.misses and after.hits > before.hits


_INGEST_VALIDATION = """
import json, sys
from rdflib import Graph
import pyshacl.shape
from ingest.validation import validate_graph
out = {}
for path in sys.argv[2:]:
    issues = validate_graph(Graph().parse(path, format="turtle"), sys.argv[1], "pyshacl").issues
    out[path] = sorted([i.source_shape, i.severity, i.focus] for i in issues)
out["hashed"] = type(pyshacl.shape.CONSTRAINT_PARAMS[0]).__name__
print(json.dumps(out))
"""


def test_ingest_validation_reports_what_plain_pyshacl_reports() -> None:
    """The pyshacl engine validates documents one after another in one working graph, with one validator
    and a hashed lookup of constraint parameters (in a fresh process, as in an ingest worker). Each report
    must be that of a fresh plain pyshacl run, with nothing left over from the document before. (The
    compiled engine is compared with pyshacl in tests/test_compiled_shacl.py.)"""
    examples = [str(p) for p in invalid_examples() + sorted(EXAMPLES.glob("*-valid.ttl"))]
    assert len(examples) > 20
    run = subprocess.run(
        [sys.executable, "-c", _INGEST_VALIDATION, BASE, *examples], capture_output=True, text=True, check=True
    )
    found = json.loads(run.stdout)
    assert found.pop("hashed") == "_HashedList"
    for path in examples:
        expected = sorted(
            [shape, severity.rsplit("#", 1)[1], focus] for shape, severity, focus in example_results(Path(path))
        )
        assert found[path] == expected, path


def test_a_document_that_speaks_of_a_reference_principle_has_it_validated() -> None:
    """Ingest leaves out the principle shape for documents that state nothing about a principle;
    a document that gives a reference principle a second German label is still refused."""
    from ingest.validation import validate_graph

    privacy = CGPRINCIPLE.privacy
    assert (privacy, RDF.type, CG.Principle) in reference_graphs(BASE)["principles"]
    document = Graph()
    document.add((privacy, SKOS.prefLabel, Literal("Privatsphäre, zweite Bezeichnung", lang="de")))
    violations = [i for i in validate_graph(document, BASE).issues if i.severity == "Violation"]
    assert any(i.focus == str(privacy) and "prefLabel" in i.path for i in violations), violations
