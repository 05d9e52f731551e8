"""Hashed triple lookups for validation: a fixed reference layer under one document's layer.

Validation reads a document together with the reference data (ontology,
vocabularies, principles, the cities it names). Copying the reference into a
fresh graph for every document costs more than checking the document, so the
reference is indexed once and each document gets a small index of its own; a
lookup asks both layers and merges the answers as sets, exactly as the union
graph would answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

from rdflib.term import Node

Triple: TypeAlias = tuple[Node, Node, Node]
_Index: TypeAlias = dict[Node, dict[Node, set[Node]]]
_NOTHING: frozenset[Node] = frozenset()


class TripleIndex:
    """Subject → predicate → objects and object → predicate → subjects, built once."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.by_subject: _Index = {}
        self.by_object: _Index = {}
        for s, p, o in triples:
            self.by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
            self.by_object.setdefault(o, {}).setdefault(p, set()).add(s)


class LayeredIndex:
    """The set union of a reference index and a document index, read without copying either."""

    def __init__(self, reference: TripleIndex, document: TripleIndex) -> None:
        self.reference = reference
        self.document = document

    def objects(self, subject: Node, predicate: Node) -> frozenset[Node] | set[Node]:
        return _merged(self.reference.by_subject, self.document.by_subject, subject, predicate)

    def subjects(self, predicate: Node, obj: Node) -> frozenset[Node] | set[Node]:
        return _merged(self.reference.by_object, self.document.by_object, obj, predicate)


def _merged(first: _Index, second: _Index, key: Node, predicate: Node) -> frozenset[Node] | set[Node]:
    a = first.get(key)
    b = second.get(key)
    found_a = a.get(predicate) if a is not None else None
    found_b = b.get(predicate) if b is not None else None
    if found_a and found_b:
        return found_a | found_b
    return found_a or found_b or _NOTHING
