"""Hostile text in the data is shown as text everywhere: bodies, titles, JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS

from councilgraph.namespaces import CG
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server.describe import sparql_string
from tests.conftest import ingest_into

B = "http://localhost:5000/"
BROWSER = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
HOSTILE = '<script>alert("x")</script>'
TITLE = (
    "Antrag der Fraktion DIE LINKE im Stadtrat Halle (Saale) zur Digitalisierung "
    f"{HOSTILE} und „Datenschutz“"
)

ATTRIBUTE_BREAKER = sparql_string('" onmouseover="x')

PAPER = f"""## Antrag

Vorlagen-Nummer: **VII/2021/09999**
Datum: 03.11.2021
Verfasser: Dr. Bodo Meerheim

Beratungsfolge	Termin	Status
Stadtrat	24.11.2021	öffentlich Entscheidung

**Betreff: {TITLE}**

### Beschlussvorschlag:

1. Der Oberbürgermeister der Stadt Halle (Saale) wird beauftragt,
den Datenschutz der Bürger:innen zu stärken.

Gez. Dr. Bodo Meerheim
Vorsitzender der Fraktion

## **Begründung:**

Privatsphäre und Datenschutz sind Grundrechte. {HOSTILE}
"""


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from server import create_app

    folder = tmp_path_factory.mktemp("hostile")
    paper = folder / "halle_VII-2021-09999_antrag_hostile.txt"
    paper.write_text(PAPER, encoding="utf-8")
    settings = ingest_into(folder / "store", [paper], B)
    app = create_app(Settings(store=settings.store, base_uri=B), store=LocalStore(settings.store))
    app.config["TESTING"] = True
    return app


@pytest.fixture
def web(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


def html_of(client: FlaskClient, path: str) -> tuple[str, BeautifulSoup]:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 200, path
    body = response.data.decode("utf-8")
    return body, BeautifulSoup(body, "html.parser")


def assert_escaped(body: str, soup: BeautifulSoup) -> None:
    assert "<script>alert" not in body
    assert 'alert("x")</script>' not in body
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json"
        assert "</" not in (script.string or "")
        json.loads(script.string or "")


def pages_showing_the_title(client: FlaskClient) -> list[str]:
    _, found = html_of(client, "/search?q=alert")
    return [a["href"] for a in found.select("main ol a")]


def test_every_page_showing_the_title_escapes_it(web: FlaskClient) -> None:
    hits = pages_showing_the_title(web)
    motion_pages = [h for h in hits if h.startswith("/doc/motion/")]
    document_pages = [h for h in hits if h.startswith("/doc/document/")]
    assert motion_pages and document_pages
    paths = ["/search?q=alert", "/motions", "/", *motion_pages, *document_pages]
    for path in paths:
        body, soup = html_of(web, path)
        assert_escaped(body, soup)
    title = title_in_graph(web, motion_pages[0])
    assert 'alert("x")' in title
    body, soup = html_of(web, motion_pages[0])
    assert soup.h1.get_text() == title
    assert title in soup.title.get_text()
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["name"] == title
    _, listing = html_of(web, "/motions")
    assert title in {a.get_text() for a in listing.select("main table a")}
    _, document = html_of(web, document_pages[0])
    assert (
        HOSTILE in document.select_one(".doctext").get_text()
    )  # the text as read keeps the markup


def title_in_graph(client: FlaskClient, motion_page: str) -> str:
    graph = Graph().parse(data=client.get(motion_page + ".nt").data, format="nt")
    titles = list(
        graph.objects(URIRef(B + "id/" + motion_page.removeprefix("/doc/")), DCTERMS.title)
    )
    assert len(titles) == 1
    return str(titles[0])


def test_rdf_formats_carry_the_title_intact(web: FlaskClient) -> None:
    motion_page = next(h for h in pages_showing_the_title(web) if h.startswith("/doc/motion/"))
    title = title_in_graph(web, motion_page)
    document = json.loads(web.get(motion_page + ".jsonld").data)
    assert title in json.dumps(document, ensure_ascii=False).replace('\\"', '"')


def test_hand_made_hostile_labels_are_escaped(tmp_path: Path) -> None:
    from server import create_app

    writer = LocalStore(tmp_path / "store", writable=True)
    writer.replace_graph(
        B + "id/document/hostile",
        f"<{B}id/actor/x/y> <{RDFS.label}> {sparql_string(HOSTILE)} .\n"
        f"<{B}id/actor/x/y> <{CG.position}> {ATTRIBUTE_BREAKER} .\n",
    )
    writer.publish()
    writer.close()
    app = create_app(
        Settings(store=str(tmp_path / "store"), base_uri=B), store=LocalStore(tmp_path / "store")
    )
    body, soup = html_of(app.test_client(), "/doc/actor/x/y")
    assert_escaped(body, soup)
    assert soup.h1.get_text() == HOSTILE
    assert not [tag for tag in soup.find_all(True) if "onmouseover" in tag.attrs]
