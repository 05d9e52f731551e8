"""`councilgraph publish --static`: a whole site whose internal links resolve on a plain server."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from publishing_support import build_sample_store

from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server.static_site import StaticSiteWriter, mentioned_pages, publish_static

LINK = re.compile(r'\b(?:href|src)="(/[^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("static")
    store = build_sample_store(root / "store")
    count = publish_static(store, Settings(store=str(root / "store")), root / "site")
    return root / "site", count


@pytest.fixture(scope="module")
def static_server(site: tuple[Path, int]) -> Iterator[str]:
    """The folder served by Python's plain file server: no content negotiation, no rewrites."""
    handler = functools.partial(_QuietHandler, directory=str(site[0]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def test_the_site_holds_pages_rdf_files_dumps_catalog_void_and_sitemap(
    site: tuple[Path, int],
) -> None:
    folder, count = site
    expected = [
        "index.html",
        "motions.html",
        "ontology.html",
        "ontology.ttl",
        "catalog.html",
        "catalog.ttl",
        "catalog.rdf",
        ".well-known/void.ttl",
        "sitemap.xml",
        "robots.txt",
        "dumps/index.html",
        "dumps/councilgraph.nt.gz",
        "dumps/councilgraph.nq.gz",
        "dumps/SHA256SUMS",
        "doc/motion/halle-saale/vii-2021-03290.html",
        "doc/motion/halle-saale/vii-2021-03290.ttl",
        "doc/motion/halle-saale/vii-2021-03290.jsonld",
        "doc/motion/halle-saale/vii-2021-03290.nt",
        "doc/city/bochum.html",
        "doc/actor/halle-saale/fraktion-die-linke.ttl",
    ]
    missing = [name for name in expected if not (folder / name).is_file()]
    assert not missing
    assert count == sum(1 for p in folder.rglob("*") if p.is_file())


def test_every_internal_link_resolves_on_a_plain_static_server(
    site: tuple[Path, int], static_server: str
) -> None:
    folder, _count = site
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) >= 15
    links: set[str] = set()
    for page in pages:
        for url in LINK.findall(page.read_text(encoding="utf-8")):
            links.add(urlsplit(url.replace("&amp;", "&")).path)
    assert "/doc/motion/halle-saale/vii-2021-03290.html" in links
    broken = []
    for path in sorted(links):
        try:
            with urllib.request.urlopen(static_server + path, timeout=5) as response:
                if response.status != 200:
                    broken.append((path, response.status))
        except urllib.error.HTTPError as error:
            broken.append((path, error.code))
    assert not broken


def test_resource_links_point_to_the_written_files(site: tuple[Path, int]) -> None:
    folder, _count = site
    motion_page = (folder / "doc/motion/halle-saale/vii-2021-03290.html").read_text(
        encoding="utf-8"
    )
    assert 'href="/id/' not in motion_page
    assert "Beitritt zur Cities Coalition for Digital Rights" in motion_page


def test_the_rdf_file_of_a_resource_parses_and_describes_it(site: tuple[Path, int]) -> None:
    from rdflib import Graph, URIRef

    folder, _count = site
    graph = Graph().parse(folder / "doc/motion/bochum/20210691.ttl", format="turtle")
    motion = URIRef("http://localhost:5000/id/motion/bochum/20210691")
    assert (motion, URIRef("http://purl.org/dc/terms/identifier"), None) in graph


@pytest.mark.parametrize(
    ("path", "content_type", "expected"),
    [
        ("/", "text/html", "/index.html"),
        ("/dumps/", "text/html", "/dumps/index.html"),
        (
            "/doc/motion/bochum/20210691",
            "text/html; charset=utf-8",
            "/doc/motion/bochum/20210691.html",
        ),
        ("/.well-known/void", "text/turtle", "/.well-known/void.ttl"),
        ("/doc/city/bochum.jsonld", "application/ld+json", "/doc/city/bochum.jsonld"),
        ("/dumps/SHA256SUMS", "text/plain", "/dumps/SHA256SUMS"),
    ],
)
def test_file_names_for_responses(path: str, content_type: str, expected: str) -> None:
    assert StaticSiteWriter.file_path(path, content_type) == expected


# ------------------------------------------------------------------ the five sample documents


@pytest.fixture(scope="module")
def sample_site(
    sample_settings: Settings, sample_store: LocalStore, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("sample-site") / "site"
    return folder, publish_static(sample_store, sample_settings, folder, processes=2)


def _resolves(folder: Path, path: str) -> bool:
    """What a plain static file server does with a path: a file, or a folder's index.html."""
    target = folder / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def test_the_sample_site_writes_what_the_data_mentions_not_the_gazetteer(
    sample_site: tuple[Path, int], sample_store: LocalStore
) -> None:
    folder, count = sample_site
    assert count == sum(1 for p in folder.rglob("*") if p.is_file())
    mentioned = mentioned_pages(sample_store, "http://localhost:5000/")
    assert "/doc/motion/halle-saale/vii-2021-03290" in mentioned
    assert "/doc/principle/privacy" in mentioned
    for page in mentioned:
        for suffix in ("html", "ttl", "jsonld", "nt", "rdf"):
            assert (folder / f"{page.lstrip('/')}.{suffix}").is_file(), (page, suffix)
    city_pages = {p.stem for p in (folder / "doc" / "city").glob("*.html")}
    assert city_pages == {p.rsplit("/", 1)[-1] for p in mentioned if p.startswith("/doc/city/")}
    assert "tirpersdorf" not in city_pages  # a gazetteer city no document mentions
    # pages of every resource mentioned, their RDF forms, the browse pages and the dumps; not 11,000 cities
    assert 5 * len(mentioned) < count < 5 * len(mentioned) + 200
    sitemap = (folder / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == len(list((folder / "doc").rglob("*.html")))


def test_every_internal_link_of_the_sample_site_resolves(sample_site: tuple[Path, int]) -> None:
    folder, _count = sample_site
    pages = sorted(folder.rglob("*.html"))
    links: set[str] = set()
    for page in pages:
        for url in LINK.findall(page.read_text(encoding="utf-8")):
            links.add(urlsplit(url.replace("&amp;", "&")).path)
    assert len(links) > 300
    assert "/motions.csv" in links and "/doc/principle/privacy.html" in links
    broken = sorted(path for path in links if not _resolves(folder, path))
    assert not broken
    assert not [p for p in links if p.startswith(("/id/", "/doc/")) and not p.endswith(tuple(STATIC_SUFFIXES))]


STATIC_SUFFIXES = (".html", ".ttl", ".jsonld", ".nt", ".rdf")
