"""/ontology and /shapes: documentation generated from the Turtle, and the Turtle by negotiation."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from publishing_support import BASE, ROOT, build_sample_store
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from councilgraph.settings import Settings
from server import create_app

CG = "https://w3id.org/councilgraph/ontology#"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    store = build_sample_store(tmp_path_factory.mktemp("vocab") / "store")
    return create_app(Settings(store=str(store.root), base_uri=BASE), store=store)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def ontology_file() -> Graph:
    return Graph().parse(ROOT / "ontology" / "councilgraph.ttl", format="turtle")


def _html(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_every_class_and_property_of_the_turtle_is_documented(
    client: FlaskClient, ontology_file: Graph
) -> None:
    page = _html(client, "/ontology")
    terms = [
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology_file.subjects(RDF.type, kind)
        if str(s).startswith(CG)
    ]
    assert len(terms) > 20
    for term in terms:
        assert f'id="{str(term)[len(CG) :]}"' in page, term


def test_the_page_shows_labels_definitions_domain_range_and_alignments(client: FlaskClient) -> None:
    page = _html(client, "/ontology")
    motion = page[page.index('id="Motion"') :]
    motion = motion[: motion.index("</article>")]
    assert "Vorlage" in motion and "motion" in motion
    assert "Any council paper put forward for consideration" in motion
    assert "skos:closeMatch oparl:Paper" in motion
    submitted = page[page.index('id="submittedBy"') :]
    submitted = submitted[: submitted.index("</article>")]
    assert "cg:Motion" in submitted and "cg:Actor" in submitted
    overview = page[page.index('id="overview"') : page.index('id="classes"')]
    assert 'href="#Motion">cg:Motion</a></td>\n    <td><a href="#city">cg:city</a></td>' in overview


@pytest.mark.parametrize(
    ("path", "accept", "media_type", "rdflib_format"),
    [
        ("/ontology", "text/turtle", "text/turtle", "turtle"),
        ("/ontology", "application/n-triples", "application/n-triples", "nt"),
        ("/ontology.ttl", "*/*", "text/turtle", "turtle"),
        ("/ontology.rdf", "*/*", "application/rdf+xml", "xml"),
    ],
)
def test_ontology_as_rdf_is_the_file(
    client: FlaskClient,
    ontology_file: Graph,
    path: str,
    accept: str,
    media_type: str,
    rdflib_format: str,
) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type
    served = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    assert len(served) == len(ontology_file)
    assert (URIRef(CG + "Motion"), RDF.type, OWL.Class) in served


def test_ontology_as_json_ld(client: FlaskClient) -> None:
    import pyoxigraph as ox

    response = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json"
    triples = list(ox.parse(response.get_data(), format=ox.RdfFormat.JSON_LD))
    assert any(t.subject == ox.NamedNode(CG + "Motion") for t in triples)


def test_default_is_turtle_and_vary_accept(client: FlaskClient) -> None:
    response = client.get("/ontology")
    assert response.mimetype == "text/turtle"
    assert response.headers["Vary"] == "Accept"


def test_unknown_suffix_and_unacceptable_type(client: FlaskClient) -> None:
    assert client.get("/ontology.pdf").status_code == 404
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406


def test_shapes_page_and_turtle(client: FlaskClient) -> None:
    page = _html(client, "/shapes")
    assert "SHACL shapes" in page
    response = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    shapes = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    shape_files = sorted((ROOT / "shapes").glob("*.ttl"))
    expected = Graph()
    for path in shape_files:
        expected.parse(path, format="turtle")
    assert len(shapes) == len(expected)
    for shape in expected.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")):
        if isinstance(shape, URIRef):
            assert str(shape).rsplit("#", 1)[-1] in page
