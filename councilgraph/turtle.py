"""Reading Turtle files into rdflib graphs with Oxigraph's parser.

rdflib's own Turtle parser is written in Python and reads the gazetteer (18,000
statements) in about 0.4 s; every ingest worker and the server read the
reference data on start. Oxigraph parses it in milliseconds, and building the
rdflib graph from its statements takes about two thirds of rdflib's time.
The graph is the same: plain literals come back without a datatype, as rdflib
parses them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def read_turtle(path: Path, base: str | None = None) -> Graph:
    """The statements of a Turtle file as a new graph, relative IRIs resolved against `base`."""
    graph = Graph()
    iris: dict[str, URIRef] = {}
    blanks: dict[str, BNode] = {}

    def named(term: ox.NamedNode) -> URIRef:
        iri = iris.get(term.value)
        if iri is None:
            iri = iris[term.value] = URIRef(term.value)
        return iri

    def node(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph) -> Node:
        if isinstance(term, ox.NamedNode):
            return named(term)
        if isinstance(term, ox.BlankNode):
            blank = blanks.get(term.value)
            if blank is None:
                blank = blanks[term.value] = BNode()
            return blank
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            if term.datatype.value == _XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=named(term.datatype))
        raise ValueError(f"{path}: RDF-star and graph terms are not supported here: {term}")

    statements = ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=base)
    graph.addN((node(q.subject), node(q.predicate), node(q.object), graph) for q in statements)
    return graph
