"""`/ontology` and `/shapes`: the vocabulary and the SHACL shapes, as documentation or as RDF.

The HTML page is generated from the Turtle, so it never drifts from it: every
class and property with its labels, definitions, domain, range and
alignments to other vocabularies, and a table of how the classes connect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, abort, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from councilgraph.namespaces import CG_IRI, PREFIXES, SH
from councilgraph.reference import data_dir
from server import conneg

blueprint = Blueprint("vocabulary", __name__)

ONTOLOGY_FILE = "councilgraph.ttl"
ALIGNMENT_PREDICATES = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
    OWL.equivalentClass,
    OWL.equivalentProperty,
)
_RDFLIB_FORMATS = {"jsonld": "json-ld", "nt": "nt", "rdf": "xml"}


def ontology_path() -> Path:
    return data_dir("ontology") / ONTOLOGY_FILE


def shapes_paths() -> list[Path]:
    """The project's own shapes: `shapes/*.ttl`, not the DCAT-AP.de subfolder."""
    return sorted(data_dir("shapes").glob("*.ttl"))


def ontology_turtle() -> bytes:
    return ontology_path().read_bytes()


def shapes_turtle() -> bytes:
    paths = shapes_paths()
    if len(paths) == 1:
        return paths[0].read_bytes()
    return _graph_of(tuple(paths), _mtimes(paths)).serialize(format="turtle", encoding="utf-8")


def _mtimes(paths: list[Path]) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime for p in paths)


@lru_cache(maxsize=8)
def _graph_of(paths: tuple[Path, ...], _mtimes: tuple[float, ...]) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    paths = [ontology_path()]
    return _graph_of(tuple(paths), _mtimes(paths))


def shapes_graph() -> Graph:
    paths = shapes_paths()
    return _graph_of(tuple(paths), _mtimes(paths))


# --------------------------------------------------------------------------- the page model


@dataclass
class Term:
    iri: str
    curie: str
    anchor: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    kind: str = ""
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    alignments: list[tuple[str, str]] = field(default_factory=list)
    """(relation, target) pairs, e.g. ("skos:closeMatch", "oparl:Paper")."""
    used_as_domain: list[str] = field(default_factory=list)
    used_as_range: list[str] = field(default_factory=list)


@dataclass
class VocabularyPage:
    title: str
    description: str
    iri: str
    version: str
    classes: list[Term]
    properties: list[Term]
    connections: list[tuple[str, str, str]]
    """(domain class, property, range class) for every object property."""
    prefixes: list[tuple[str, str]]

    @property
    def top_classes(self) -> list[Term]:
        """Classes with no superclass among the ontology's own classes."""
        own = {c.curie for c in self.classes}
        return [c for c in self.classes if not own.intersection(c.parents)]


def curie(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        try:
            prefix, _namespace, local = graph.compute_qname(node, generate=False)
        except (ValueError, KeyError):
            return str(node)
        return f"{prefix}:{local}" if prefix else local
    if isinstance(node, Literal):
        return str(node)
    return "(anonymous)"


def _texts(graph: Graph, subject: Node, *predicates: URIRef) -> dict[str, str]:
    texts: dict[str, str] = {}
    for predicate in predicates:
        for value in graph.objects(subject, predicate):
            if isinstance(value, Literal):
                texts.setdefault(value.language or "", str(value))
    return texts


def _members(graph: Graph, node: Node) -> list[Node]:
    """A class expression's named members: the class itself or the classes of an owl:unionOf."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        if union is not None:
            return list(Collection(graph, union))
        return []
    return [node]


def build_vocabulary_page(graph: Graph) -> VocabularyPage:
    def term(node: URIRef, kind: str) -> Term:
        name = curie(graph, node)
        return Term(
            iri=str(node),
            curie=name,
            anchor=name.split(":", 1)[-1],
            kind=kind,
            labels=_texts(graph, node, RDFS.label, SKOS.prefLabel),
            definitions=_texts(graph, node, SKOS.definition, RDFS.comment),
        )

    class_nodes = sorted(
        {s for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef) and str(s).startswith(CG_IRI)}
    )
    property_kinds = {
        OWL.ObjectProperty: "object property",
        OWL.DatatypeProperty: "datatype property",
        OWL.AnnotationProperty: "annotation property",
        RDF.Property: "property",
    }
    property_nodes: dict[URIRef, str] = {}
    for rdf_type, kind in property_kinds.items():
        for subject in graph.subjects(RDF.type, rdf_type):
            if isinstance(subject, URIRef) and str(subject).startswith(CG_IRI):
                property_nodes.setdefault(subject, kind)

    classes = {node: term(node, "class") for node in class_nodes}
    for node, item in classes.items():
        item.parents = [curie(graph, p) for p in graph.objects(node, RDFS.subClassOf) if isinstance(p, URIRef)]
        item.children = sorted(curie(graph, c) for c in graph.subjects(RDFS.subClassOf, node))
        item.alignments = _alignments(graph, node)

    properties = []
    connections = []
    for node in sorted(property_nodes):
        item = term(node, property_nodes[node])
        domains = [m for d in graph.objects(node, RDFS.domain) for m in _members(graph, d)]
        ranges = [m for r in graph.objects(node, RDFS.range) for m in _members(graph, r)]
        item.domain = [curie(graph, d) for d in domains]
        item.range = [curie(graph, r) for r in ranges]
        item.parents = [curie(graph, p) for p in graph.objects(node, RDFS.subPropertyOf)]
        item.alignments = _alignments(graph, node)
        properties.append(item)
        for domain in domains:
            if isinstance(domain, URIRef) and domain in classes:
                classes[domain].used_as_domain.append(item.curie)
            for range_ in ranges:
                if range_ in classes and domain in classes:
                    connections.append((curie(graph, domain), item.curie, curie(graph, range_)))
        for range_ in ranges:
            if isinstance(range_, URIRef) and range_ in classes:
                classes[range_].used_as_range.append(item.curie)

    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    titles = _texts(graph, ontology, URIRef("http://purl.org/dc/terms/title")) if ontology else {}
    descriptions = _texts(graph, ontology, URIRef("http://purl.org/dc/terms/description")) if ontology else {}
    version = graph.value(ontology, OWL.versionInfo) if ontology else None
    used_prefixes = sorted((p, str(n)) for p, n in graph.namespaces() if p and _prefix_used(graph, str(n)))
    return VocabularyPage(
        title=titles.get("en") or titles.get("de") or "councilgraph ontology",
        description=descriptions.get("en") or descriptions.get("de") or "",
        iri=str(ontology) if ontology else CG_IRI,
        version=str(version) if version else "",
        classes=list(classes.values()),
        properties=properties,
        connections=sorted(set(connections)),
        prefixes=used_prefixes,
    )


def _prefix_used(graph: Graph, namespace: str) -> bool:
    return any(str(node).startswith(namespace) for triple in graph for node in triple if isinstance(node, URIRef))


def _alignments(graph: Graph, node: URIRef) -> list[tuple[str, str]]:
    found = []
    for predicate in ALIGNMENT_PREDICATES:
        for target in graph.objects(node, predicate):
            found.append((curie(graph, predicate), curie(graph, target)))
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
        for target in graph.objects(node, predicate):
            if isinstance(target, URIRef) and not str(target).startswith(CG_IRI):
                found.append((curie(graph, predicate), curie(graph, target)))
    return found


@dataclass
class ShapeRow:
    path: str
    constraints: list[str]
    severity: str
    message: str


@dataclass
class ShapeEntry:
    name: str
    targets: list[str]
    rows: list[ShapeRow]


_CONSTRAINTS = (
    SH.minCount,
    SH.maxCount,
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.pattern,
    SH["in"],
    SH.hasValue,
    SH.minInclusive,
    SH.maxInclusive,
    SH.node,
    SH.languageIn,
    SH.uniqueLang,
)


def build_shapes_page(graph: Graph) -> list[ShapeEntry]:
    entries = []
    for shape in sorted(set(graph.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = [
            curie(graph, t)
            for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
            for t in graph.objects(shape, p)
        ]
        rows = []
        for prop in graph.objects(shape, SH.property):
            path = graph.value(prop, SH.path)
            constraints = []
            for predicate in _CONSTRAINTS:
                for value in graph.objects(prop, predicate):
                    if predicate == SH["in"]:
                        shown = ", ".join(curie(graph, v) for v in Collection(graph, value))
                    else:
                        shown = curie(graph, value)
                    constraints.append(f"{curie(graph, predicate)} {shown}")
            severity = graph.value(prop, SH.severity)
            messages = _texts(graph, prop, SH.message)
            rows.append(
                ShapeRow(
                    path=curie(graph, path) if path is not None else "",
                    constraints=sorted(constraints),
                    severity=curie(graph, severity) if severity is not None else "sh:Violation",
                    message=messages.get("en") or messages.get("") or messages.get("de") or "",
                )
            )
        rows.sort(key=lambda row: row.path)
        name = curie(graph, shape) if isinstance(shape, URIRef) else "(anonymous shape)"
        entries.append(ShapeEntry(name=name, targets=targets, rows=rows))
    return entries


# --------------------------------------------------------------------------- routes


def _rdf_response(turtle: bytes, graph: Graph, fmt: conneg.Format) -> Response:
    body = turtle if fmt.key == "ttl" else graph.serialize(format=_RDFLIB_FORMATS[fmt.key], encoding="utf-8")
    return Response(body, content_type=f"{fmt.media_type}; charset=utf-8")


def _negotiated(suffix: str | None) -> conneg.Format:
    chosen = None
    if suffix is not None:
        chosen = conneg.BY_SUFFIX.get(suffix)
        if chosen is None:
            abort(404)
    fmt = conneg.negotiate(request.headers.get("Accept"), chosen, request.args.get("format"))
    if fmt is None:
        abort(406, "The ontology comes as HTML, Turtle, JSON-LD, N-Triples and RDF/XML.")
    return fmt


def _finish(response: Response, path: str, vary: bool) -> Response:
    if vary:
        response.headers["Vary"] = "Accept"
        response.headers["Link"] = conneg.alternate_links(path)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.add_etag()
    response.make_conditional(request)
    return response


@blueprint.get("/ontology")
@blueprint.get("/ontology.<suffix>")
def ontology(suffix: str | None = None) -> Response:
    fmt = _negotiated(suffix)
    graph = ontology_graph()
    if fmt.key == "html":
        page = build_vocabulary_page(graph)
        response = Response(render_template("vocabulary.html", page=page))
    else:
        response = _rdf_response(ontology_turtle(), graph, fmt)
    return _finish(response, "/ontology", suffix is None)


@blueprint.get("/shapes")
@blueprint.get("/shapes.<suffix>")
def shapes(suffix: str | None = None) -> Response:
    fmt = _negotiated(suffix)
    graph = shapes_graph()
    if fmt.key == "html":
        response = Response(render_template("vocabulary_shapes.html", shapes=build_shapes_page(graph)))
    else:
        response = _rdf_response(shapes_turtle(), graph, fmt)
    return _finish(response, "/shapes", suffix is None)
