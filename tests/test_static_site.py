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
from server import create_app
from server.static_files import LinkPlan, file_path
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


def test_every_internal_link_resolves_on_a_plain_static_server(site: tuple[Path, int], static_server: str) -> None:
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
    motion_page = (folder / "doc/motion/halle-saale/vii-2021-03290.html").read_text(encoding="utf-8")
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


# ------------------------------------------------------------------ the files are the server's answers


_FILE_LINK = re.compile(r'\b(href|src|action)="(/[^"]*)"')


def _file_names_undone(html: str) -> str:
    """Every internal link as the path it names, whatever file name the site gave it: `/doc/x.html`,
    `/doc/x` and `/doc/x?page=2` all read `/doc/x`; `/index.html` and `/` read `/`."""

    def undo(match: re.Match[str]) -> str:
        parts = urlsplit(match.group(2).replace("&amp;", "&"))
        path = parts.path
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        elif path.endswith(".html"):
            path = path[: -len(".html")]
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{match.group(1)}="{path}{fragment}"'

    return _FILE_LINK.sub(undo, html)


def test_resource_files_are_byte_for_byte_what_the_server_answers(
    sample_site: tuple[Path, int], sample_settings: Settings, sample_store: LocalStore
) -> None:
    folder, _count = sample_site
    client = create_app(sample_settings, store=sample_store).test_client()
    mentioned = mentioned_pages(sample_store, "http://localhost:5000/")
    kinds = {page.split("/")[2] for page in mentioned}
    sample = sorted({*mentioned[::7], *(next(p for p in mentioned if p.split("/")[2] == k) for k in kinds)})
    assert len(sample) >= 30 and {"motion", "city", "principle", "evidence", "document"} <= kinds
    compared = 0
    for page in sample:
        for suffix in ("ttl", "jsonld", "nt", "rdf"):
            answer = client.get(f"{page}.{suffix}")
            assert answer.status_code == 200, (page, suffix)
            assert (folder / f"{page.lstrip('/')}.{suffix}").read_bytes() == answer.get_data(), (page, suffix)
            compared += 1
        answer = client.get(page, headers={"Accept": "text/html"})
        assert answer.status_code == 200, page
        written = (folder / f"{page.lstrip('/')}.html").read_text(encoding="utf-8")
        served = answer.get_data(as_text=True)
        assert written != served  # its links name files
        assert _file_names_undone(written) == _file_names_undone(served), page
        compared += 1
    assert compared == 5 * len(sample)


def test_the_old_way_writes_the_same_site(
    sample_site: tuple[Path, int],
    sample_settings: Settings,
    sample_store: LocalStore,
    tmp_path: Path,
) -> None:
    """Every page through the app's routes (`direct=False`): the same files, with the same bytes."""
    folder, count = sample_site
    old_way = tmp_path / "site"
    assert publish_static(sample_store, sample_settings, old_way, processes=1, direct=False) == count
    new_files = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert new_files == sorted(p.relative_to(old_way) for p in old_way.rglob("*") if p.is_file())
    resource_files = [p for p in new_files if p.parts[0] == "doc"]
    assert len(resource_files) > 0.9 * len(new_files)
    differing = [p for p in resource_files if (folder / p).read_bytes() != (old_way / p).read_bytes()]
    assert not differing


def test_a_link_plan_points_links_at_files_and_names_what_it_cannot_place() -> None:
    plan = LinkPlan(
        known={"/motions": "/motions.html", "/": "/index.html"},
        planned=frozenset({"/doc/motion/bochum/1", "/doc/city/bochum"}),
    )
    html = (
        '<a href="/">home</a> <a href="/motions?city=bochum&amp;page=2">m</a> '
        '<a href="/doc/motion/bochum/1?page=2#x">1</a> <a href="/doc/city/bochum.ttl">t</a> '
        '<a href="/doc/actor/bochum/rat">rat</a> <link href="/static/style.css">'
    )
    rewritten, links, unplaced = plan.rewrite(html)
    assert rewritten == (
        '<a href="/index.html">home</a> <a href="/motions.html">m</a> '
        '<a href="/doc/motion/bochum/1.html#x">1</a> <a href="/doc/city/bochum.ttl">t</a> '
        '<a href="/doc/actor/bochum/rat">rat</a> <link href="/static/style.css">'
    )
    assert links == [
        "/",
        "/motions",
        "/doc/motion/bochum/1",
        "/doc/city/bochum.ttl",
        "/doc/actor/bochum/rat",
        "/static/style.css",
    ]
    assert unplaced == ("/doc/actor/bochum/rat", "/static/style.css")
    assert file_path("/doc/city/bochum", "text/html; charset=utf-8") == "/doc/city/bochum.html"


def test_a_page_that_links_to_a_planned_page_without_file_is_written_as_the_app_wrote_it(
    sample_settings: Settings, sample_store: LocalStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan counts on every resource page of a wave; one that turns out missing leaves the links to it alone."""
    import server.static_render as static_render

    app = create_app(sample_settings, store=sample_store)
    motion = "/doc/motion/halle-saale/vii-2021-03290"
    page = app.test_client().get(motion, headers={"Accept": "text/html"}).get_data(as_text=True)
    actors = sorted({link for link in LINK.findall(page) if link.startswith("/doc/actor/")})
    assert len(actors) >= 2
    gone, kept = actors[0], actors[1]
    direct, routed = static_render.render_resource, static_render.render_page
    monkeypatch.setattr(static_render, "render_resource", lambda path: None if path == gone else direct(path))
    monkeypatch.setattr(
        static_render,
        "render_page",
        lambda client, path: (
            [static_render.Rendered(path, path, [], 404, "text/html", b"")] if path == gone else routed(client, path)
        ),
    )
    writer = StaticSiteWriter(app, tmp_path / "site", processes=1, settings=sample_settings)
    try:
        writer.crawl([motion, gone, kept])
        writer.rewrite_links()
    finally:
        writer.close()
    assert gone in writer.missing and gone in writer.planned
    written = (tmp_path / "site" / f"{motion.lstrip('/')}.html").read_text(encoding="utf-8")
    assert f'href="{gone}"' in written and f'href="{gone}.html"' not in written
    assert f'href="{kept}.html"' in written
    assert not (tmp_path / "site" / f"{gone.lstrip('/')}.html").exists()
