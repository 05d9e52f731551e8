"""The SPARQL 1.1 Service Description of the endpoint (answered at `GET /sparql` to RDF clients)."""

from __future__ import annotations

import json

from flask import Response, request
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from werkzeug.exceptions import BadRequest

from councilgraph.namespaces import SD, VOID
from server import conneg, rendering
from server.results import GRAPH_FORMATS, SOLUTION_FORMATS
from server.state import AppState, state

_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_UNION_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"


def graph_sizes(app_state: AppState) -> tuple[int, dict[str, int]]:
    """Triples in the union graph and in each named graph (cached per store version)."""
    version = app_state.store.version()
    cached = app_state.extras.get("sparql_graph_sizes")
    if isinstance(cached, tuple) and cached[0] == version:
        return cached[1], cached[2]
    from server.sparql import run_query_in_pool

    answer = run_query_in_pool(_GRAPH_SIZES)
    sizes = {
        row["g"]["value"]: int(row["n"]["value"])
        for row in json.loads(answer.body)["results"]["bindings"]
        if row.get("g", {}).get("type") == "uri"
    }
    total = int(json.loads(run_query_in_pool(_UNION_SIZE).body)["results"]["bindings"][0]["n"]["value"])
    app_state.extras["sparql_graph_sizes"] = (version, total, sizes)
    return total, sizes


def description(endpoint_url: str, void_url: str, total: int, sizes: dict[str, int]) -> Graph:
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint_url)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    for fmt in (*SOLUTION_FORMATS.values(), *GRAPH_FORMATS.values()):
        graph.add((service, SD.resultFormat, URIRef(fmt.w3c_iri)))
    graph.add((service, RDFS.seeAlso, URIRef(void_url)))
    dataset = BNode("dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, RDFS.seeAlso, URIRef(void_url)))
    default_graph = BNode("default-graph")
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, VOID.triples, Literal(total, datatype=XSD.integer)))
    for index, (name, count) in enumerate(sorted(sizes.items())):
        named = BNode(f"named-{index}")
        described = BNode(f"graph-{index}")
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(count, datatype=XSD.integer)))
    return graph


def response(format_param: str | None) -> Response:
    fmt = conneg.negotiate(request.headers.get("Accept"), None, format_param)
    if fmt is None or fmt is conneg.HTML:
        raise BadRequest(
            "GET /sparql needs a query parameter; without one it returns the service description "
            "as Turtle, JSON-LD, N-Triples or RDF/XML, or the query page for browsers."
        )
    total, sizes = graph_sizes(state())
    root = request.url_root
    graph = description(root + "sparql", root + ".well-known/void", total, sizes)
    result = Response(rendering.render(graph, fmt), mimetype=rendering.mimetype_with_charset(fmt))
    result.headers["Vary"] = "Accept"
    return result
