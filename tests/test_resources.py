"""Dereferencing: /id → 303 → /doc, negotiation, validators, errors."""

from __future__ import annotations

import json
import warnings

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from councilgraph.namespaces import CG
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server import describe as lookup
from tests.pages_store import build_hand_store

B = "http://localhost:5000/"
MOTION = URIRef(B + "id/motion/halle-saale/vii-2021-03290")
MEERHEIM = URIRef(B + "id/actor/halle-saale/bodo-meerheim")
STATEMENT = URIRef(
    B + "id/statement/halle-saale/vii-2021-03290/geschaeftsbereich-oberbuergermeister-2022-01-20"
)
DOC = "/doc/motion/halle-saale/vii-2021-03290"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

RDF_FORMATS = [
    ("text/turtle", "turtle", "ttl"),
    ("application/n-triples", "nt", "nt"),
    ("application/ld+json", "json-ld", "jsonld"),
    ("application/rdf+xml", "xml", "rdf"),
]


@pytest.fixture(scope="module")
def hand_store(tmp_path_factory: pytest.TempPathFactory) -> LocalStore:
    return build_hand_store(tmp_path_factory.mktemp("hand") / "store", B)


@pytest.fixture(scope="module")
def hand_app(hand_store: LocalStore) -> Flask:
    from server import create_app

    app = create_app(Settings(store=str(hand_store.root), base_uri=B), store=hand_store)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def web(hand_app: Flask) -> FlaskClient:
    return hand_app.test_client()


def parse(body: bytes, rdf_format: str) -> Graph:
    graph = Graph()
    with warnings.catch_warnings():
        # rdflib's JSON-LD and RDF/XML parsers still use its own deprecated ConjunctiveGraph inside
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        graph.parse(data=body, format=rdf_format, publicID=B)
    return graph


# ------------------------------------------------------------------ 303


def test_id_redirects_303_to_doc_on_the_request_host(web: FlaskClient) -> None:
    response = web.get(
        "/id/motion/halle-saale/vii-2021-03290",
        headers={"Accept": BROWSER},
        base_url="http://127.0.0.1:8123",
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "http://127.0.0.1:8123" + DOC
    assert "Accept" in response.headers["Vary"]


def test_redirect_keeps_lang_and_format(web: FlaskClient) -> None:
    response = web.get("/id/motion/halle-saale/vii-2021-03290?lang=en&format=ttl&other=1")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.endswith(DOC + "?lang=en&format=ttl")


def test_unknown_id_is_404_not_a_redirect(web: FlaskClient) -> None:
    assert web.get("/id/motion/halle-saale/no-such-paper").status_code == 404


# ------------------------------------------------------------------ negotiation


@pytest.mark.parametrize(("accept", "rdf_format", "suffix"), RDF_FORMATS)
def test_doc_by_accept_parses_back_with_the_facts(
    web: FlaskClient, accept: str, rdf_format: str, suffix: str
) -> None:
    response = web.get(DOC, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == accept
    assert response.headers["Vary"] == "Accept"
    assert response.headers["Content-Location"] == f"{DOC}.{suffix}"
    graph = parse(response.data, rdf_format)
    assert (MOTION, DCTERMS.identifier, Literal("VII/2021/03290")) in graph
    assert (MOTION, CG.signedBy, MEERHEIM) in graph
    assert (MEERHEIM, RDFS.label, Literal("Bodo Meerheim")) in graph  # label of a linked resource
    assert (STATEMENT, CG.about, MOTION) in graph  # an inverse link


@pytest.mark.parametrize(("accept", "rdf_format", "suffix"), RDF_FORMATS)
def test_suffix_and_format_parameter_fix_the_format(
    web: FlaskClient, accept: str, rdf_format: str, suffix: str
) -> None:
    by_suffix = web.get(f"{DOC}.{suffix}", headers={"Accept": BROWSER})
    by_parameter = web.get(f"{DOC}?format={suffix}", headers={"Accept": BROWSER})
    for response in (by_suffix, by_parameter):
        assert response.status_code == 200
        assert response.mimetype == accept
        assert (MOTION, CG.city, URIRef(B + "id/city/halle-saale")) in parse(
            response.data, rdf_format
        )


def test_jsonld_is_compacted_with_a_context(web: FlaskClient) -> None:
    document = json.loads(web.get(f"{DOC}.jsonld").data)
    assert "@context" in document


def test_browser_gets_html_and_star_gets_turtle(web: FlaskClient) -> None:
    html = web.get(DOC, headers={"Accept": BROWSER})
    assert html.mimetype == "text/html"
    assert "Accept" in html.headers["Vary"]
    assert web.get(DOC, headers={"Accept": "*/*"}).mimetype == "text/turtle"
    assert web.get(DOC).mimetype == "text/turtle"
    assert web.get(f"{DOC}.html").mimetype == "text/html"


def test_link_header_names_every_alternate(web: FlaskClient) -> None:
    link = web.get(DOC, headers={"Accept": BROWSER}).headers["Link"]
    for suffix, media_type in (
        ("ttl", "text/turtle"),
        ("nt", "application/n-triples"),
        ("jsonld", "application/ld+json"),
        ("rdf", "application/rdf+xml"),
        ("html", "text/html"),
    ):
        assert f'<{DOC}.{suffix}>; rel="alternate"; type="{media_type}"' in link


def test_406_when_nothing_fits(web: FlaskClient) -> None:
    response = web.get(DOC, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert web.get(f"{DOC}?format=yaml").status_code == 406


# ------------------------------------------------------------------ HEAD and validators


def test_head_has_the_headers_and_no_body(web: FlaskClient) -> None:
    get = web.get(DOC, headers={"Accept": "text/turtle"})
    head = web.head(DOC, headers={"Accept": "text/turtle"})
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Type"] == get.headers["Content-Type"]


def test_etag_and_last_modified_give_304(web: FlaskClient) -> None:
    first = web.get(DOC, headers={"Accept": "text/turtle"})
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = web.get(DOC, headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert (
        web.get(DOC, headers={"Accept": "text/turtle", "If-Modified-Since": modified}).status_code
        == 304
    )
    other_format = web.get(DOC, headers={"Accept": "application/ld+json", "If-None-Match": etag})
    assert other_format.status_code == 200
    assert other_format.headers["ETag"] != etag
    assert (
        web.get(DOC, headers={"Accept": "text/turtle", "If-None-Match": '"stale"'}).status_code
        == 200
    )


# ------------------------------------------------------------------ errors


def test_unknown_doc_is_404_in_the_negotiated_format(web: FlaskClient) -> None:
    html = web.get("/doc/motion/halle-saale/nothing", headers={"Accept": BROWSER})
    assert html.status_code == 404
    assert html.mimetype == "text/html"
    assert b"/id/motion/halle-saale/nothing" in html.data
    text = web.get("/doc/motion/halle-saale/nothing", headers={"Accept": "text/turtle"})
    assert (text.status_code, text.mimetype) == (404, "text/plain")
    data = web.get("/doc/motion/halle-saale/nothing.jsonld")
    assert (data.status_code, data.mimetype) == (404, "application/json")
    assert json.loads(data.data)["status"] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/doc/../../etc/passwd",
        "/doc/%2e%2e/%2e%2e/etc/passwd",
        "/doc/motion/%2e%2e/%2e%2e/etc/passwd",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/doc/motion/halle-saale/x%3E%20%7D%20DROP%20ALL",
        "/doc/motion//x",
        "/doc/.ttl",
        "/doc/motion/%00",
        "/doc/motion/halle-saale/vii-2021-03290?page=-1",
    ],
)
def test_hostile_paths_never_give_500(web: FlaskClient, path: str) -> None:
    response = web.get(path, headers={"Accept": BROWSER})
    assert response.status_code in (400, 404)


# ------------------------------------------------------------------ describe step by step


def test_iri_for_accepts_clean_paths_only() -> None:
    assert lookup.iri_for("motion/halle-saale/vii-2021-03290", B) == str(MOTION)
    for bad in ("", "../etc", "a/../b", "a//b", "a b", "a>b", "a/.hidden", "a/"):
        assert lookup.iri_for(bad, B) is None


def test_exists_asks_for_either_direction(hand_store: LocalStore) -> None:
    assert lookup.exists(hand_store, str(MOTION))
    assert lookup.exists(hand_store, B + "id/city/bochum")
    assert not lookup.exists(hand_store, B + "id/city/atlantis")


def test_inverse_links_come_in_pages(hand_store: LocalStore) -> None:
    city = B + "id/city/halle-saale"
    # by hand from hand.trig: the motion and four actors name Halle (Saale) as their city
    expected = {
        (str(MOTION), str(CG.city)),
        (str(MEERHEIM), str(CG.city)),
        (B + "id/actor/halle-saale/fraktion-die-linke", str(CG.city)),
        (B + "id/actor/halle-saale/stadtrat", str(CG.city)),
        (B + "id/actor/halle-saale/geschaeftsbereich-oberbuergermeister", str(CG.city)),
    }
    seen: set[tuple[str, str]] = set()
    page, more = 1, True
    while more:
        description = lookup.describe(hand_store, city, page=page, page_size=2)
        assert len(description.inverse) <= 2
        seen |= set(description.inverse)
        more, page = description.has_next_page, page + 1
    assert seen == expected
    assert page - 1 == 3


def test_paged_inverse_links_over_http(web: FlaskClient) -> None:
    first = web.get("/doc/city/halle-saale.ttl?page=1")
    far = web.get("/doc/city/halle-saale.ttl?page=9")
    assert first.headers["ETag"] != far.headers["ETag"]
    far_graph = parse(far.data, "turtle")
    assert not list(far_graph.subjects(CG.city, URIRef(B + "id/city/halle-saale")))
    assert (MEERHEIM, CG.city, URIRef(B + "id/city/halle-saale")) in parse(first.data, "turtle")
    assert web.get("/doc/city/halle-saale.ttl?page=abc").status_code == 400


def test_queries_take_the_iri_as_a_validated_term() -> None:
    with pytest.raises(ValueError):
        lookup.sparql_term("http://x/a> } ; DROP ALL #")
    assert lookup.sparql_string('a"b\\ } </script>') == '"a\\"b\\\\ } </script>"'


def test_sample_motion_negotiates(client: FlaskClient, sample_store: LocalStore) -> None:
    response = client.get(DOC, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = parse(response.data, "turtle")
    assert (MOTION, DCTERMS.identifier, Literal("VII/2021/03290")) in graph
    assert (MOTION, CG.signedBy, MEERHEIM) in graph
    assert client.get("/id/motion/halle-saale/vii-2021-03290").status_code == 303
