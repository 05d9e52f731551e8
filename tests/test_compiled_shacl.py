"""The compiled SHACL checks report exactly what pyshacl reports, on every shape example and document."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef

from councilgraph.errors import ConfigurationError
from councilgraph.namespaces import CG, SH
from councilgraph.settings import Settings
from ingest import validation
from ingest.compiled_shacl import UnsupportedShapes, compile_shapes
from ingest.pipeline import extract_file
from ingest.triple_index import LayeredIndex, TripleIndex
from ingest.validation import ValidationResult, compiled_shapes, validate_graph, validate_with_pyshacl
from tests.scoring import SETS, processed

BASE = "http://localhost:5000/"
ROOT = Path(__file__).resolve().parent.parent
SHAPE_EXAMPLES = sorted((Path(__file__).parent / "data" / "shapes").glob("*.ttl"))
SAMPLE_DOCUMENTS = sorted((ROOT / "examples" / "documents").glob("*.txt"))
CORPUS_DOCUMENTS = sorted(SETS["dev"][0].glob("*.txt"))  # the paths the corpus floors extract
EX = Namespace("http://example.org/")


def compiled(graph: Graph) -> ValidationResult:
    """The compiled checks alone, never falling back to pyshacl."""
    shapes = compiled_shapes()
    assert shapes is not None, "the project's shapes no longer compile"
    return validation._validate_compiled(graph, BASE, shapes)


def comparable(result: ValidationResult) -> Counter[tuple[str, ...]]:
    """Every result with all that a reader sees of it. pyshacl names an inverse path by a fresh
    blank node; such paths are compared as `~`."""
    return Counter(
        (
            issue.severity,
            issue.focus,
            issue.source_shape,
            issue.path if issue.path.startswith("http") else ("~" if issue.path else ""),
            issue.value,
            issue.message,
        )
        for issue in result.issues
    )


def assert_same_reports(graph: Graph, name: str) -> ValidationResult:
    fast, reference = compiled(graph), validate_with_pyshacl(graph, BASE)
    assert comparable(fast) == comparable(reference), (
        f"{name}: compiled only {comparable(fast) - comparable(reference)}; "
        f"pyshacl only {comparable(reference) - comparable(fast)}"
    )
    assert fast.conforms == reference.conforms
    return fast


@pytest.mark.parametrize("example", SHAPE_EXAMPLES, ids=lambda p: p.stem)
def test_every_shape_example_gets_pyshacls_report(example: Path) -> None:
    result = assert_same_reports(Graph().parse(example, format="turtle"), example.name)
    if "-invalid-" in example.name:
        shape = example.stem.split("-", 1)[0]
        assert any(shape.removesuffix("Shape") in i.source_shape for i in result.issues), (
            f"{example.name}: the compiled checks found nothing of {shape}"
        )


@pytest.mark.parametrize("document", SAMPLE_DOCUMENTS, ids=lambda p: p.stem)
def test_every_sample_document_gets_pyshacls_report(document: Path) -> None:
    extraction = extract_file(document, Settings(base_uri=BASE))
    assert len(extraction.graph) > 5  # at least the document itself
    assert_same_reports(extraction.graph, document.name)


CORPUS_BATCH = 25
"""Documents checked in one graph: pyshacl spends most of a run setting up (40 documents one by one
take 6.6 s, their union 0.55 s), and both checkers see the same graph."""


@pytest.mark.shares_work("corpus-extraction")
@pytest.mark.parametrize(
    "batch",
    [CORPUS_DOCUMENTS[i : i + CORPUS_BATCH] for i in range(0, len(CORPUS_DOCUMENTS), CORPUS_BATCH)],
    ids=lambda batch: batch[0].stem[:40],
)
def test_the_corpus_documents_get_pyshacls_report(batch: list[Path]) -> None:
    """The dev corpus's documents, a batch at a time: their graphs together get the same report from
    the compiled checks as from pyshacl (each issue names its focus node, and so its document)."""
    union = Graph()
    for document in batch:
        # the extraction the corpus floors score, where they ran first on this worker (tests/scoring.py)
        extraction = processed(document, BASE).extraction or extract_file(document, Settings(base_uri=BASE))
        assert len(extraction.graph) > 5, document.name  # at least the document itself
        union += extraction.graph
    assert_same_reports(union, f"{batch[0].name} … {batch[-1].name}")


def test_the_examples_exercise_violations_warnings_and_information() -> None:
    severities: Counter[str] = Counter()
    for example in SHAPE_EXAMPLES:
        severities.update(i.severity for i in compiled(Graph().parse(example, format="turtle")).issues)
    assert severities["Violation"] > 10 and severities["Warning"] > 3, severities


def test_a_document_broken_by_hand_is_refused_by_both() -> None:
    """A motion with two more identifiers and a literal as submitter."""
    document = extract_file(SAMPLE_DOCUMENTS[0], Settings(base_uri=BASE)).graph
    motion = next(iter(document.subjects(RDF.type, CG.Motion)))
    for identifier in ("second identifier", "third identifier"):
        document.add((motion, URIRef("http://purl.org/dc/terms/identifier"), Literal(identifier)))
    document.add((motion, CG.submittedBy, Literal("not an actor")))
    result = assert_same_reports(document, "hand-made")
    assert not result.conforms
    assert {i.path for i in result.violations} >= {"http://purl.org/dc/terms/identifier", str(CG.submittedBy)}


def test_a_document_that_states_something_about_a_principle_has_it_judged_again() -> None:
    """The principles' results on the reference data are remembered; a document that gives a principle
    a second notation and a broader concept that is no principle is judged on its own statements."""
    plain = extract_file(SAMPLE_DOCUMENTS[0], Settings(base_uri=BASE)).graph
    assert compiled(plain).conforms  # the principles judged on the reference data, and remembered
    document = extract_file(SAMPLE_DOCUMENTS[0], Settings(base_uri=BASE)).graph
    principle = URIRef("https://w3id.org/councilgraph/principle/universal-access")
    document.add((principle, SKOS.notation, Literal("another notation")))
    document.add((principle, SKOS.broader, EX.nothing))
    result = assert_same_reports(document, "principle restated")
    assert {(i.focus, i.path) for i in result.violations} >= {
        (str(principle), str(SKOS.notation)),
        (str(principle), str(SKOS.broader)),
    }
    assert comparable(compiled(plain)) == comparable(validate_with_pyshacl(plain, BASE))
    assert all(i.focus != str(principle) for i in compiled(plain).issues)


def test_the_report_graph_has_one_result_per_issue() -> None:
    graph = Graph().parse(next(p for p in SHAPE_EXAMPLES if "ConsultationShape-invalid" in p.name), format="turtle")
    fast, reference = compiled(graph), validate_with_pyshacl(graph, BASE)
    for result in (fast, reference):
        report = result.report
        assert len(set(report.subjects(RDF.type, SH.ValidationResult))) == len(result.issues) > 0
        assert report.value(next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms) == Literal(
            result.conforms
        )
    assert Counter(fast.report.objects(None, SH.sourceConstraintComponent)) == Counter(
        reference.report.objects(None, SH.sourceConstraintComponent)
    )


def _shapes(extra: str) -> Graph:
    return Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message "m" ; {extra} .
        """,
        format="turtle",
    )


@pytest.mark.parametrize(
    "extra",
    [
        "sh:closed true",
        "sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ; sh:message 'm' ]",
        "sh:property [ sh:path ex:a ; sh:minLength 3 ; sh:message 'm' ]",
        "sh:sparql [ sh:select 'SELECT $this WHERE { }' ]",
    ],
)
def test_shapes_the_checks_do_not_implement_are_left_to_pyshacl(extra: str) -> None:
    with pytest.raises(UnsupportedShapes):
        compile_shapes(_shapes(extra))


def test_a_small_shapes_graph_is_checked_like_pyshacl_checks_it() -> None:
    """Cardinality, datatype, range and class constraints on data without any reference layer."""
    shapes = _shapes(
        "sh:property [ sh:path ex:a ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ; "
        "sh:minInclusive 0 ; sh:message 'a' ] , [ sh:path ex:b ; sh:class ex:D ; sh:message 'b' ]"
    )
    data = Graph().parse(
        data="""
        @prefix ex: <http://example.org/> .
        ex:x a ex:C ; ex:b ex:d .
        ex:y a ex:C ; ex:a -1 , "2" ; ex:b ex:e .
        ex:z a ex:C ; ex:a 5 .
        ex:d a ex:E . ex:E <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:D .
        """,
        format="turtle",
    )
    findings = compile_shapes(shapes).validate(LayeredIndex(TripleIndex(()), TripleIndex(data)))
    found = Counter((str(f.focus), str(f.component).rsplit("#", 1)[1], str(f.value)) for f in findings)
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert isinstance(report, Graph)
    expected = Counter(
        (
            str(report.value(r, SH.focusNode)),
            str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[1],
            str(report.value(r, SH.value)),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    )
    assert found == expected
    assert found[(str(EX.x), "MinCountConstraintComponent", "None")] == 1
    assert found[(str(EX.y), "ClassConstraintComponent", str(EX.e))] == 1
    with pytest.raises(UnsupportedShapes):  # a datatype whose values the checks cannot judge as pyshacl does
        compile_shapes(_shapes("sh:property [ sh:path ex:a ; sh:datatype ex:custom ; sh:message 'm' ]"))


def test_the_engine_is_a_setting() -> None:
    assert Settings().shacl_engine == "compiled"
    assert Settings.load(environ={"COUNCILGRAPH_SHACL_ENGINE": "pyshacl"}).shacl_engine == "pyshacl"
    with pytest.raises(ConfigurationError, match="COUNCILGRAPH_SHACL_ENGINE"):
        Settings(shacl_engine="fast")
    with pytest.raises(ConfigurationError, match="COUNCILGRAPH_INGEST_BATCH"):
        Settings(ingest_batch=0)
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate_graph(Graph(), BASE, engine="fast")


def test_the_ingest_loads_no_reference_checker_nor_page_parser_before_it_needs_them() -> None:
    """pyshacl is the reference the compiled checks fall back to, BeautifulSoup the parser of web pages;
    importing them costs every ingest process 0.55 s and 0.13 s, so the pipeline loads each only where a
    document needs it."""
    probe = "import sys, ingest.pipeline, ingest.compiled_shacl; print(sorted({'pyshacl', 'bs4'} & set(sys.modules)))"
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "[]"
