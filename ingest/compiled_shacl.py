"""SHACL Core shapes compiled once into checks that run over hashed lookups.

pyshacl reads every shape's parameters from the shapes graph and every value from
rdflib's store again for each document: most of the time of an ingest went there.
The shapes of this project use a small part of SHACL Core (class targets, predicate
and inverse paths, cardinalities, value type, value range, string, property pair and
logical constraints, qualified value shapes). `compile_shapes` turns such a shapes
graph into plain Python objects once; `CompiledShapes.validate` then checks a
document with set lookups only.

pyshacl stays the reference. A shapes graph that uses anything outside that part
raises `UnsupportedShapes` when it is compiled, and a document the checks cannot
judge the way pyshacl does (e.g. a blank node compared by `sh:lessThan`) raises
`UnsupportedData`; the caller then validates with pyshacl. A test compares both
reports on every shape example and on the sample documents.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import TypeAlias

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from councilgraph.namespaces import SH
from ingest.triple_index import LayeredIndex, TripleIndex

OWL_CLASS = URIRef("http://www.w3.org/2002/07/owl#Class")
# rdflib's RDF, RDFS and XSD make a new term at every attribute read: those read per value, once
_TYPE, _SUBCLASS_OF, _LITERAL, _DATATYPE = RDF.type, RDFS.subClassOf, RDFS.Literal, RDFS.Datatype
_STRING, _LANG_STRING = XSD.string, RDF.langString


class UnsupportedShapes(Exception):
    """The shapes graph uses a SHACL feature the compiled checks do not implement."""


class UnsupportedData(Exception):
    """The data holds a case the compiled checks do not judge like pyshacl; validate with pyshacl."""


@dataclass(frozen=True)
class Path:
    predicate: URIRef
    inverse: bool = False

    def values(self, data: LayeredIndex, focus: Node) -> frozenset[Node] | set[Node]:
        if self.inverse:
            return data.subjects(self.predicate, focus)
        return data.objects(focus, self.predicate)

    def __str__(self) -> str:
        return f"^{self.predicate}" if self.inverse else str(self.predicate)


@dataclass(frozen=True)
class Finding:
    """One validation result, as pyshacl reports it."""

    focus: Node
    shape: CompiledShape
    component: URIRef
    value: Node | None = None

    @property
    def path(self) -> Path | None:
        return self.shape.path


Values: TypeAlias = "frozenset[Node] | set[Node]"
Failure: TypeAlias = tuple[URIRef, "Node | None"]
"""A constraint's result: its component and the value node it names (None: the focus as a whole)."""
Check: TypeAlias = Callable[[Node, Values, "Context"], Iterable[Failure]]


@dataclass(eq=False)
class CompiledShape:
    iri: Node
    path: Path | None
    severity: URIRef
    messages: tuple[Literal, ...]
    checks: list[Check] = field(default_factory=list)
    properties: list[CompiledShape] = field(default_factory=list)

    def results(self, focus: Node, context: Context) -> Iterator[Finding]:
        values = self.path.values(context.data, focus) if self.path is not None else frozenset((focus,))
        for check in self.checks:
            for component, value in check(focus, values, context):
                yield Finding(focus, self, component, value)
        for prop in self.properties:
            for value in values:
                yield from prop.results(value, context)

    def collect(self, focus: Node, context: Context, found: list[Finding]) -> None:
        """`found.extend(self.results(focus, context))` without a generator per shape and value
        node (most of them yield nothing; a document's validation made some thousands)."""
        values = self.path.values(context.data, focus) if self.path is not None else frozenset((focus,))
        for check in self.checks:
            for component, value in check(focus, values, context):
                found.append(Finding(focus, self, component, value))
        for prop in self.properties:
            for value in values:
                prop.collect(value, context, found)

    def conforms(self, focus: Node, context: Context) -> bool:
        return next(iter(self.results(focus, context)), None) is None


@dataclass
class Context:
    """The data of one validation run, with the class hierarchy looked up once per run."""

    data: LayeredIndex
    _superclasses: dict[Node, frozenset[Node]] = field(default_factory=dict)
    _subclasses: dict[Node, frozenset[Node]] = field(default_factory=dict)

    def superclasses(self, cls: Node) -> frozenset[Node]:
        """`cls` and every class it is an rdfs:subClassOf*, in the data."""
        found = self._superclasses.get(cls)
        if found is None:
            found = self._superclasses[cls] = _closure(cls, lambda c: self.data.objects(c, _SUBCLASS_OF))
        return found

    def subclasses(self, cls: Node) -> frozenset[Node]:
        found = self._subclasses.get(cls)
        if found is None:
            found = self._subclasses[cls] = _closure(cls, lambda c: self.data.subjects(_SUBCLASS_OF, c))
        return found

    def instance_of(self, node: Node, cls: Node) -> bool:
        return any(cls in self.superclasses(kind) for kind in self.data.objects(node, _TYPE))


def _closure(start: Node, step: Callable[[Node], Iterable[Node]]) -> frozenset[Node]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in step(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(seen)


@dataclass(frozen=True)
class Target:
    kind: URIRef
    node: Node

    def focus_nodes(self, context: Context) -> set[Node]:
        data = context.data
        if self.kind == SH.targetNode:
            return {self.node}
        if self.kind == SH.targetSubjectsOf:
            return {s for s, _ in _pairs_with_predicate(data, self.node)}
        if self.kind == SH.targetObjectsOf:
            return {o for _, o in _pairs_with_predicate(data, self.node)}
        return {node for cls in context.subclasses(self.node) for node in data.subjects(_TYPE, cls)}


def _pairs_with_predicate(data: LayeredIndex, predicate: Node) -> Iterator[tuple[Node, Node]]:
    for layer in (data.reference, data.document):
        for subject, predicates in layer.by_subject.items():
            for obj in predicates.get(predicate, ()):
                yield subject, obj


@dataclass(frozen=True)
class _ReferenceResult:
    """A shape's findings on a focus node of the reference data, and every node whose statements
    deciding them looked up: they hold for any document that states nothing about those nodes."""

    findings: tuple[Finding, ...]
    subjects: frozenset[Node]
    objects: frozenset[Node]

    def holds_with(self, document: TripleIndex) -> bool:
        by_subject, by_object = document.by_subject, document.by_object
        return not any(node in by_subject for node in self.subjects) and not any(
            node in by_object for node in self.objects
        )


_ReferenceResults: TypeAlias = dict[tuple[int, Node], _ReferenceResult]
"""By position of the shape in `CompiledShapes.targeted` and focus node."""


class _RecordingIndex(LayeredIndex):
    """The reference data alone, noting every node a lookup asks about."""

    def __init__(self, reference: TripleIndex) -> None:
        super().__init__(reference, TripleIndex(()))
        self.asked_subjects: set[Node] = set()
        self.asked_objects: set[Node] = set()

    def objects(self, subject: Node, predicate: Node) -> frozenset[Node] | set[Node]:
        self.asked_subjects.add(subject)
        return super().objects(subject, predicate)

    def subjects(self, predicate: Node, obj: Node) -> frozenset[Node] | set[Node]:
        self.asked_objects.add(obj)
        return super().subjects(predicate, obj)


@dataclass
class CompiledShapes:
    """The shapes with targets, each with its targets; `validate` gives pyshacl's results."""

    targeted: list[tuple[CompiledShape, list[Target]]]
    _by_reference: weakref.WeakKeyDictionary[TripleIndex, _ReferenceResults] = field(
        default_factory=weakref.WeakKeyDictionary, repr=False, compare=False
    )

    def validate(self, data: LayeredIndex) -> list[Finding]:
        context = Context(data)
        known = self._reference_results(data.reference)
        findings: list[Finding] = []
        for position, (shape, targets) in enumerate(self.targeted):
            focus_nodes: set[Node] = set()
            for target in targets:
                focus_nodes |= target.focus_nodes(context)
            for focus in focus_nodes:
                # the reference data's own nodes (the principles, above all) are judged alike for every
                # document that says nothing about them: judging them again was a fifth of validation
                result = known.get((position, focus))
                if result is not None and result.holds_with(data.document):
                    findings.extend(result.findings)
                else:
                    shape.collect(focus, context, findings)
        return findings

    def _reference_results(self, reference: TripleIndex) -> _ReferenceResults:
        results = self._by_reference.get(reference)
        if results is None:
            results = self._by_reference[reference] = self._judge_reference(reference)
        return results

    def _judge_reference(self, reference: TripleIndex) -> _ReferenceResults:
        """Each shape on each of its focus nodes in the reference data alone, with the nodes looked up."""
        results: _ReferenceResults = {}
        alone = Context(LayeredIndex(reference, TripleIndex(())))
        for position, (shape, targets) in enumerate(self.targeted):
            for focus in {node for target in targets for node in target.focus_nodes(alone)}:
                # a context of its own: the class hierarchy it looks up is noted too
                recording = _RecordingIndex(reference)
                found: list[Finding] = []
                try:
                    shape.collect(focus, Context(recording), found)
                except UnsupportedData:
                    continue  # judged with each document, where pyshacl takes over
                results[position, focus] = _ReferenceResult(
                    tuple(found), frozenset(recording.asked_subjects), frozenset(recording.asked_objects)
                )
        return results


# --------------------------------------------------------------------------- compiling

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_ANNOTATIONS = frozenset(
    {SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.path, SH.property}
)


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile every shape that has a target; raises `UnsupportedShapes` for what pyshacl must run."""
    compiler = _Compiler(shapes)
    targeted: list[tuple[CompiledShape, list[Target]]] = []
    candidates = {s for p in _TARGETS for s in shapes.subjects(p, None)}
    candidates |= {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if (s, RDF.type, RDFS.Class) in shapes or (s, RDF.type, OWL_CLASS) in shapes
    }
    if any(True for _ in shapes.subjects(SH.target, None)):
        raise UnsupportedShapes("sh:target (SHACL-AF targets)")
    for shape in sorted(candidates, key=str):
        if _deactivated(shapes, shape):
            continue
        targets = [Target(p, o) for p in _TARGETS for o in shapes.objects(shape, p)]
        if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL_CLASS) in shapes:
            targets.append(Target(SH.targetClass, shape))
        targeted.append((compiler.shape(shape), targets))
    return CompiledShapes(targeted)


def _deactivated(shapes: Graph, shape: Node) -> bool:
    flag = shapes.value(shape, SH.deactivated)
    return isinstance(flag, Literal) and flag.value is True


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.compiled: dict[Node, CompiledShape] = {}

    def shape(self, node: Node) -> CompiledShape:
        found = self.compiled.get(node)
        if found is not None:
            return found
        graph = self.graph
        if _deactivated(graph, node):
            raise UnsupportedShapes(f"{node}: a deactivated shape referred to by another")
        severity = graph.value(node, SH.severity) or SH.Violation
        assert isinstance(severity, URIRef)
        messages = tuple(m for m in graph.objects(node, SH.message) if isinstance(m, Literal))
        compiled = CompiledShape(node, self._path(node), severity, messages)
        self.compiled[node] = compiled  # before its parts: a shape may refer to itself
        handled: set[Node] = set(_ANNOTATIONS) | set(_TARGETS) | {SH.deactivated}
        for parameters, builder in _BUILDERS:
            present = {p: list(graph.objects(node, p)) for p in parameters}
            if present[parameters[0]]:
                compiled.checks.extend(builder(self, node, present))
                handled.update(parameters)
        for p in set(graph.predicates(node, None)):
            if str(p).startswith(str(SH)) and p not in handled:
                raise UnsupportedShapes(f"{node}: {p} is not compiled")
        compiled.properties = [self.shape(p) for p in graph.objects(node, SH.property)]
        if (compiled.checks or compiled.properties) and not messages and self._reports(node):
            # pyshacl then writes messages of its own, which these checks do not imitate
            raise UnsupportedShapes(f"{node}: a shape that reports results has no sh:message")
        return compiled

    def _reports(self, node: Node) -> bool:
        """Whether the shape's results are reported (not only used to decide another shape's conformance)."""
        return isinstance(node, URIRef) or any(True for _ in self.graph.subjects(SH.property, node))

    def _path(self, node: Node) -> Path | None:
        path = self.graph.value(node, SH.path)
        if path is None:
            return None
        if isinstance(path, URIRef):
            return Path(path)
        inverse = self.graph.value(path, SH.inversePath)
        if isinstance(inverse, URIRef) and len(set(self.graph.predicate_objects(path))) == 1:
            return Path(inverse, inverse=True)
        raise UnsupportedShapes(f"{node}: only predicate and inverse paths are compiled")

    def single(self, node: Node, parameter: URIRef, values: list[Node]) -> Node:
        if len(values) != 1:
            raise UnsupportedShapes(f"{node}: {parameter} must have exactly one value")
        return values[0]

    def members(self, node: Node) -> list[Node]:
        return list(Collection(self.graph, node))


# --------------------------------------------------------------------------- constraints

Parameters: TypeAlias = dict[URIRef, list[Node]]
_Builder: TypeAlias = Callable[["_Compiler", Node, Parameters], Iterator[Check]]


def _each_value(component: URIRef, ok: Callable[[Node], bool]) -> Check:
    def check(_focus: Node, values: Values, _context: Context) -> Iterator[Failure]:
        for value in values:
            if not ok(value):
                yield component, value

    return check


def _class(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    for cls in present[SH["class"]]:

        def check(_f: Node, values: Values, context: Context, cls: Node = cls) -> Iterator[Failure]:
            for value in values:
                if isinstance(value, Literal) or not context.instance_of(value, cls):
                    yield SH.ClassConstraintComponent, value

        yield check


_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.dateTime: datetime,
    XSD.time: time,
}


def _datatype_matches(value: Node, datatype: Node) -> bool:
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
        return _value_has_type(value, datatype)
    if datatype == _LITERAL:
        return True
    if datatype == _DATATYPE:
        return value.datatype is not None
    if value.datatype is None and value.language is None and datatype == _STRING:
        return _value_has_type(value, datatype)
    if datatype == _LANG_STRING and value.language:
        return _value_has_type(value, datatype)
    return False


def _value_has_type(value: Literal, datatype: Node) -> bool:
    expected = _PYTHON_TYPES.get(datatype)  # type: ignore[call-overload]
    if expected is None:
        # pyshacl checks the Python value of more datatypes than these; these shapes need none else
        raise UnsupportedData(f"sh:datatype {datatype}")
    return isinstance(value.value, expected)


def _datatype(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    datatype = compiler.single(node, SH.datatype, present[SH.datatype])
    if datatype not in _PYTHON_TYPES and datatype not in (RDFS.Literal, RDFS.Datatype):
        raise UnsupportedShapes(f"{node}: sh:datatype {datatype} is not compiled")
    yield _each_value(SH.DatatypeConstraintComponent, lambda v: _datatype_matches(v, datatype))


_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.Literal: (Literal,),
    SH.BlankNode: (BNode,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


def _node_kind(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    kinds = _NODE_KINDS.get(compiler.single(node, SH.nodeKind, present[SH.nodeKind]))
    if kinds is None:
        raise UnsupportedShapes(f"{node}: unknown sh:nodeKind")
    yield _each_value(SH.NodeKindConstraintComponent, lambda v: isinstance(v, kinds))


def _count(parameter: URIRef, component: URIRef, too_few: bool) -> _Builder:
    def build(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
        bound = compiler.single(node, parameter, present[parameter])
        if not isinstance(bound, Literal) or not isinstance(bound.value, int):
            raise UnsupportedShapes(f"{node}: {parameter} is not an integer")
        limit = bound.value

        def check(_f: Node, values: Values, _c: Context) -> Iterator[Failure]:
            if (len(values) < limit) if too_few else (len(values) > limit):
                yield component, None

        yield check

    return build


def _range(parameter: URIRef, component: URIRef, passes: Callable[[int], bool]) -> _Builder:
    def build(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
        bound = compiler.single(node, parameter, present[parameter])
        if not isinstance(bound, Literal):
            raise UnsupportedShapes(f"{node}: {parameter} is not a literal")
        bound_is_string = isinstance(bound.value, str)

        def ok(value: Node) -> bool:
            if not isinstance(value, Literal) or isinstance(value.value, str) != bound_is_string:
                return False
            try:
                return passes(_order(value, bound))
            except (TypeError, NotImplementedError):
                return False

        yield _each_value(component, ok)

    return build


def _order(value: Literal, bound: Literal) -> int:
    """-1, 0 or 1: `value` below, equal to or above `bound`, as the reference compares a range's values:
    by rdflib's literal equality and order (TypeError where the datatypes do not compare), date-times
    and times by their values, which rdflib does not order across time zones. Written here so that
    the ingest needs no import of pyshacl (half a second a process) to compare two numbers."""
    if value.eq(bound):
        return 0
    greater = value.value > bound.value if isinstance(value.value, (datetime, time)) else value > bound
    return 1 if greater else -1


def _string_of(value: Node) -> str:
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        return str(value.value)
    return str(value)


def _pattern(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    pattern = compiler.single(node, SH.pattern, present[SH.pattern])
    flags_given = present[SH.flags]
    flags = 0
    if flags_given:
        text = str(flags_given[0]).lower()
        flags = (re.I if "i" in text else 0) | (re.M if "m" in text else 0)
    matcher = re.compile(_string_of(pattern), flags)
    yield _each_value(
        SH.PatternConstraintComponent,
        lambda v: not isinstance(v, BNode) and matcher.search(_string_of(v)) is not None,
    )


def _in(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    allowed = frozenset(compiler.members(compiler.single(node, SH["in"], present[SH["in"]])))
    yield _each_value(SH.InConstraintComponent, lambda v: v in allowed)


def _has_value(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    for wanted in present[SH.hasValue]:

        def check(_f: Node, values: Values, _c: Context, wanted: Node = wanted) -> Iterator[Failure]:
            if wanted not in values:
                yield SH.HasValueConstraintComponent, None

        yield check


def _language_in(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    wanted = {
        str(tag).lower() for tag in compiler.members(compiler.single(node, SH.languageIn, present[SH.languageIn]))
    }

    def ok(value: Node) -> bool:
        if not isinstance(value, Literal) or not value.language:
            return False
        tag = value.language.lower()
        return tag in wanted or tag.split("-")[0] in wanted

    yield _each_value(SH.LanguageInConstraintComponent, ok)


def _unique_lang(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    flag = compiler.single(node, SH.uniqueLang, present[SH.uniqueLang])
    if not isinstance(flag, Literal) or not isinstance(flag.value, bool):
        raise UnsupportedShapes(f"{node}: sh:uniqueLang is not a boolean")
    if not flag.value:
        return

    def check(_f: Node, values: Values, _c: Context) -> Iterator[Failure]:
        seen: set[str] = set()
        duplicates: set[str] = set()
        for value in values:
            if isinstance(value, Literal) and value.language:
                tag = value.language.lower()
                (duplicates if tag in seen else seen).add(tag)
        for _ in duplicates:
            yield SH.UniqueLangConstraintComponent, None

    yield check


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, BNode):
        raise UnsupportedData("a blank node compared by a property pair constraint")
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def _pair(parameter: URIRef, component: URIRef, or_equal: bool) -> _Builder:
    def build(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
        if compiler.graph.value(node, SH.path) is None:
            raise UnsupportedShapes(f"{node}: {parameter} outside a property shape")
        for other in present[parameter]:
            if not isinstance(other, URIRef):
                raise UnsupportedShapes(f"{node}: {parameter} must name a property")

            def check(focus: Node, values: Values, context: Context, other: URIRef = other) -> Iterator[Failure]:
                compared = context.data.objects(focus, other)
                for value in values:
                    left, left_is_string = _comparable(value)
                    for candidate in compared:
                        right, right_is_string = _comparable(candidate)
                        if left_is_string != right_is_string:
                            yield component, value
                            continue
                        try:
                            fine = left <= right if or_equal else left < right  # type: ignore[operator]
                        except TypeError as error:
                            raise UnsupportedData(f"{parameter} cannot compare {value} and {candidate}") from error
                        if not fine:
                            yield component, value

            yield check

    return build


def _logical(key: str, component: URIRef, holds: Callable[[Iterable[bool]], bool]) -> _Builder:
    """sh:or (any member shape holds) and sh:and (all hold): one builder, two quantifiers."""

    def build(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
        for members in present[SH[key]]:
            shapes = [compiler.shape(member) for member in compiler.members(members)]

            def check(
                _f: Node, values: Values, context: Context, shapes: list[CompiledShape] = shapes
            ) -> Iterator[Failure]:
                for value in values:
                    if not holds(shape.conforms(value, context) for shape in shapes):
                        yield component, value

            yield check

    return build


_or = _logical("or", SH.OrConstraintComponent, any)
_and = _logical("and", SH.AndConstraintComponent, all)


def _not(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    for member in present[SH["not"]]:
        shape = compiler.shape(member)

        def check(_f: Node, values: Values, context: Context, shape: CompiledShape = shape) -> Iterator[Failure]:
            for value in values:
                if shape.conforms(value, context):
                    yield SH.NotConstraintComponent, value

        yield check


def _node(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    for member in present[SH.node]:
        shape = compiler.shape(member)

        def check(_f: Node, values: Values, context: Context, shape: CompiledShape = shape) -> Iterator[Failure]:
            for value in values:
                if not shape.conforms(value, context):
                    yield SH.NodeConstraintComponent, value

        yield check


def _qualified(compiler: _Compiler, node: Node, present: Parameters) -> Iterator[Check]:
    disjoint = present[SH.qualifiedValueShapesDisjoint]
    if any(isinstance(d, Literal) and d.value is True for d in disjoint):
        raise UnsupportedShapes(f"{node}: sh:qualifiedValueShapesDisjoint is not compiled")
    shape = compiler.shape(compiler.single(node, SH.qualifiedValueShape, present[SH.qualifiedValueShape]))
    bounds: list[tuple[int, bool, URIRef]] = []
    for parameter, too_few, component in (
        (SH.qualifiedMinCount, True, SH.QualifiedMinCountConstraintComponent),
        (SH.qualifiedMaxCount, False, SH.QualifiedMaxCountConstraintComponent),
    ):
        for bound in present[parameter]:
            if not isinstance(bound, Literal) or not isinstance(bound.value, int):
                raise UnsupportedShapes(f"{node}: {parameter} is not an integer")
            bounds.append((bound.value, too_few, component))
    if not bounds:
        raise UnsupportedShapes(f"{node}: sh:qualifiedValueShape without a count")

    def check(_f: Node, values: Values, context: Context) -> Iterator[Failure]:
        conforming = sum(1 for value in values if shape.conforms(value, context))
        for limit, too_few, component in bounds:
            if (conforming < limit) if too_few else (conforming > limit):
                yield component, None

    yield check


_BUILDERS: list[tuple[tuple[URIRef, ...], Callable[[_Compiler, Node, Parameters], Iterable[Check]]]] = [
    ((SH["class"],), _class),
    ((SH.datatype,), _datatype),
    ((SH.nodeKind,), _node_kind),
    ((SH.minCount,), _count(SH.minCount, SH.MinCountConstraintComponent, too_few=True)),
    ((SH.maxCount,), _count(SH.maxCount, SH.MaxCountConstraintComponent, too_few=False)),
    ((SH.minInclusive,), _range(SH.minInclusive, SH.MinInclusiveConstraintComponent, lambda c: c >= 0)),
    ((SH.minExclusive,), _range(SH.minExclusive, SH.MinExclusiveConstraintComponent, lambda c: c > 0)),
    ((SH.maxInclusive,), _range(SH.maxInclusive, SH.MaxInclusiveConstraintComponent, lambda c: c <= 0)),
    ((SH.maxExclusive,), _range(SH.maxExclusive, SH.MaxExclusiveConstraintComponent, lambda c: c < 0)),
    ((SH.pattern, SH.flags), _pattern),
    ((SH["in"],), _in),
    ((SH.hasValue,), _has_value),
    ((SH.languageIn,), _language_in),
    ((SH.uniqueLang,), _unique_lang),
    ((SH.lessThan,), _pair(SH.lessThan, SH.LessThanConstraintComponent, or_equal=False)),
    ((SH.lessThanOrEquals,), _pair(SH.lessThanOrEquals, SH.LessThanOrEqualsConstraintComponent, or_equal=True)),
    ((SH["or"],), _or),
    ((SH["and"],), _and),
    ((SH["not"],), _not),
    ((SH.node,), _node),
    (
        (SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint),
        _qualified,
    ),
]
