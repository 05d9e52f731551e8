"""The example queries (`queries/*.rq`): listed at `/queries`, and as RDF at
`/.well-known/sparql-examples`.

Each file starts with comment lines `# title: …` and `# description: …`.
The RDF follows the sparql-examples convention: one `sh:SPARQLExecutable`
per query with `sh:select`/`sh:ask`/`sh:construct`/`sh:describe`,
`rdfs:label`, `rdfs:comment` and `schema:target` (the endpoint).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from werkzeug.exceptions import NotAcceptable

from councilgraph.namespaces import PREFIXES, SCHEMA, SH
from councilgraph.query_text import outline
from server import conneg, rendering
from server.results import data_dir
from server.state import state

blueprint = Blueprint("examples", __name__)

_PROPERTY_FOR_FORM = {
    "SELECT": SH.select,
    "ASK": SH.ask,
    "CONSTRUCT": SH.construct,
    "DESCRIBE": SH.describe,
}
_CLASS_FOR_FORM = {
    "SELECT": SH.SPARQLSelectExecutable,
    "ASK": SH.SPARQLAskExecutable,
    "CONSTRUCT": SH.SPARQLConstructExecutable,
    "DESCRIBE": SH.SPARQLDescribeExecutable,
}


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    text: str
    form: str

    @property
    def run_link(self) -> str:
        return "/sparql?" + urlencode({"query": self.text})


def parse_example(name: str, text: str) -> Example:
    """An example from its file text; leading `# title:` / `# description:` lines describe it."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        key, colon, value = stripped.lstrip("#").strip().partition(":")
        if colon and key.strip().lower() in ("title", "description"):
            fields[key.strip().lower()] = value.strip()
        elif fields.get("description") and not colon and stripped.lstrip("#").strip():
            fields["description"] += " " + stripped.lstrip("#").strip()
    form = outline(text).form or "SELECT"
    return Example(name, fields.get("title", name.replace("-", " ")), fields.get("description", ""), text, form)


def load_examples(folder: Path | None = None) -> list[Example]:
    return list(_load(str(folder if folder is not None else data_dir("queries"))))


@functools.lru_cache(maxsize=4)
def _load(folder: str) -> tuple[Example, ...]:
    path = Path(folder)
    if not path.is_dir():
        return ()
    return tuple(parse_example(f.stem, f.read_text(encoding="utf-8")) for f in sorted(path.glob("*.rq")))


def examples_graph(examples: list[Example], base_uri: str) -> Graph:
    graph = Graph()
    for name, iri in PREFIXES.items():
        graph.bind(name, iri)
    graph.bind("sh", SH)
    graph.bind("schema", SCHEMA)
    endpoint = URIRef(base_uri + "sparql")
    prefixes = BNode("prefixes")
    for name, iri in PREFIXES.items():
        declaration = BNode(f"prefix-{name}")
        graph.add((prefixes, SH.declare, declaration))
        graph.add((declaration, SH.prefix, Literal(name)))
        graph.add(
            (
                declaration,
                SH.namespace,
                Literal(iri, datatype=URIRef("http://www.w3.org/2001/XMLSchema#anyURI")),
            )
        )
    for example in examples:
        node = URIRef(f"{base_uri}queries/{example.name}")
        graph.add((node, RDF.type, SH.SPARQLExecutable))
        graph.add((node, RDF.type, _CLASS_FOR_FORM[example.form]))
        graph.add((node, RDFS.label, Literal(example.title, lang="en")))
        graph.add((node, RDFS.comment, Literal(example.description or example.title, lang="en")))
        graph.add((node, _PROPERTY_FOR_FORM[example.form], Literal(example.text)))
        graph.add((node, SH.prefixes, prefixes))
        graph.add((node, SCHEMA.target, endpoint))
    return graph


@blueprint.route("/queries")
def listing() -> Response:
    return Response(render_template("queries.html", examples=load_examples()), mimetype="text/html")


@blueprint.route("/queries/<name>")
def one(name: str) -> Response:
    found = [e for e in load_examples() if e.name == name.removesuffix(".rq")]
    if not found:
        abort(404, description=f"There is no example query named {name!r}; see /queries.")
    example = found[0]
    if name.endswith(".rq"):
        return Response(example.text, mimetype="application/sparql-query")
    return Response(render_template("queries_one.html", example=example), mimetype="text/html")


@blueprint.route("/.well-known/sparql-examples")
def published() -> Response:
    fmt = conneg.negotiate(request.headers.get("Accept"), None, request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("The examples come as Turtle, JSON-LD, N-Triples or RDF/XML.")
    if fmt is conneg.HTML:
        return listing()
    graph = examples_graph(load_examples(), state().settings.base_uri)
    response = Response(rendering.render(graph, fmt), mimetype=rendering.mimetype_with_charset(fmt))
    response.headers["Vary"] = "Accept"
    return response
