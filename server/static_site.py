"""`councilgraph publish --static DIR`: the site a visitor can reach, as files, for any static web server.

Every page is rendered by the app's own routes (Flask's test client), so the
static site is exactly what `councilgraph serve` shows. What is written:

- the home page, the browse pages (and their CSV/JSON forms), the query,
  ontology, shapes, catalog, dumps and VoID pages;
- the page of every resource the data mentions (any local IRI or shared
  concept that a document graph states something about or points to);
- everything those pages link to, followed until nothing new turns up.

Cities of the gazetteer that no document mentions are left out: they are
reference data, and 11,000 pages of them would make the site grow with the
gazetteer rather than with the data. The static sitemap lists the pages written.

Pages are rendered in waves (the links found in one wave are the next), each
wave by several processes when it is large, and written as they come;
links are rewritten to file names in parallel at the end.

File layout, chosen so that a plain static server resolves every link and a
configured one (see `deploy/nginx.conf`, `deploy/apache.conf`) also serves
the extension-less URIs by content negotiation:

- `/doc/x` → `doc/x.html`, `doc/x.ttl`, `doc/x.jsonld`, `doc/x.nt` (and `.rdf`);
- other pages `/p` → `p.html`; `/` → `index.html`; `/dumps/` → `dumps/index.html`;
- RDF-only routes (`/.well-known/void`) → `void.ttl` and the other formats.

Links in the written HTML are rewritten to those file names (`/id/x` and
`/doc/x` → `/doc/x.html`); the page's visible text and the IRIs it shows are
unchanged. Query strings cannot be represented by files: a link with one
points to the page without it.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pyoxigraph as ox
from flask.testing import FlaskClient

from councilgraph.settings import Settings
from councilgraph.store import GraphStore
from councilgraph.uris import SHARED_PAGES
from server.sitemap import sitemap_documents

SEED_PATHS = (
    "/",
    "/motions",
    "/actors",
    "/cities",
    "/principles",
    "/queries",
    "/search",
    "/sparql",
    "/ontology",
    "/shapes",
    "/catalog",
    "/dumps/",
    "/dumps/manifest.json",
    "/dumps/SHA256SUMS",
    "/.well-known/void",
    "/robots.txt",
)
RDF_VARIANTS = ("ttl", "jsonld", "nt", "rdf")
"""Suffix forms written beside every content-negotiated page."""
NEGOTIATED_PREFIXES = ("/doc/",)
NEGOTIATED_PATHS = ("/catalog", "/ontology", "/shapes", "/.well-known/void")
_SUFFIX_FOR_TYPE = {
    "text/html": "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdf",
}
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>/[^"]*)"')
_MAX_REDIRECTS = 5
PARALLEL_FROM = 64
"""Pages in one wave from which worker processes render them."""
CHUNK = 16


@dataclass
class Rendered:
    """One GET as the site needs it: where it ended after redirects, and what it answered."""

    path: str
    final: str
    redirects: list[tuple[str, str]]
    status: int
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";", 1)[0].strip().lower() == "text/html"


def file_path(path: str, content_type: str) -> str:
    """The site path (starting with `/`) of the file that holds the response to GET `path`."""
    if path.endswith("/"):
        return f"{path}index.html"
    last = PurePosixPath(path).name
    if "." in last and not last.startswith("."):
        return path
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type not in _SUFFIX_FOR_TYPE:
        return path  # a plain file such as SHA256SUMS keeps its name
    return f"{path}.{_SUFFIX_FOR_TYPE[media_type]}"


def negotiated(path: str) -> bool:
    """A content-negotiated page named without a suffix (its RDF forms are written beside it)."""
    if "." in PurePosixPath(path).name:
        return False
    return path.startswith(NEGOTIATED_PREFIXES) or path in NEGOTIATED_PATHS


def links_in(html: str) -> list[str]:
    """The paths of the internal links of a page (query strings and fragments left off)."""
    links = []
    for match in _LINK.finditer(html):
        path = urlsplit(match.group("url").replace("&amp;", "&")).path
        if path and not path.startswith("//"):
            links.append(path)
    return links


def get(client: FlaskClient, path: str, accept: str) -> Rendered:
    """GET `path`, following redirects."""
    current, redirects = path, []
    for _ in range(_MAX_REDIRECTS):
        response = client.get(current, headers={"Accept": accept})
        body = response.get_data()
        response.close()  # releases files that send_file opened
        if response.status_code in (301, 302, 303, 307, 308):
            target = urlsplit(response.headers.get("Location", "")).path
            redirects.append((current, target))
            current = target
            continue
        return Rendered(path, current, redirects, response.status_code, response.content_type or "", body)
    return Rendered(path, current, redirects, 508, "", b"")


def render_page(client: FlaskClient, path: str) -> list[Rendered]:
    """A page and, when it is content-negotiated, its RDF forms."""
    page = get(client, path, "text/html")
    found = [page]
    if page.status == 200 and negotiated(path):
        found += [get(client, f"{path}.{suffix}", "*/*") for suffix in RDF_VARIANTS]
    return found


@dataclass
class Written:
    """What the crawl needs to know of one answer once its file is written: no body."""

    path: str
    final: str
    redirects: list[tuple[str, str]]
    site_path: str | None
    """None when the answer was not a 200."""
    links: list[str]
    """The internal links of an HTML page."""


def site_target(out_dir: Path, site_path: str) -> Path:
    target = (out_dir / site_path.lstrip("/")).resolve()
    if not target.is_relative_to(out_dir):
        raise ValueError(f"refusing to write outside {out_dir}: {site_path}")
    return target


def write_answer(out_dir: Path, rendered: Rendered) -> Written:
    """Write one answer's file (where it renders: a worker or this process)."""
    if rendered.status != 200:
        return Written(rendered.path, rendered.final, rendered.redirects, None, [])
    site_path = file_path(rendered.final, rendered.content_type)
    target = site_target(out_dir, site_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(rendered.body)
    links = links_in(rendered.body.decode("utf-8")) if rendered.is_html else []
    return Written(rendered.path, rendered.final, rendered.redirects, site_path, links)


# --------------------------------------------------------------------------- renderers

_worker_client: FlaskClient | None = None
_worker_out_dir = Path()


def _start_worker(settings: Settings, out_dir: Path) -> None:
    global _worker_client, _worker_out_dir
    from server import create_app

    _worker_client = create_app(settings).test_client()
    _worker_out_dir = out_dir


def _render_chunk(paths: list[str]) -> list[Written]:
    assert _worker_client is not None, "the worker creates its app first"
    return [write_answer(_worker_out_dir, r) for path in paths for r in render_page(_worker_client, path)]


class Renderers:
    """Renders waves of pages: in this process, or in worker processes when a wave is large."""

    def __init__(self, client: FlaskClient, settings: Settings, processes: int, out_dir: Path) -> None:
        self.client = client
        self.settings = settings
        self.processes = processes
        self.out_dir = out_dir
        self._pool: ProcessPoolExecutor | None = None

    def render(self, paths: list[str]) -> Iterator[Written]:
        """Render and write the pages; the files of one page may be written twice, never differently."""
        if self.processes < 2 or len(paths) < PARALLEL_FROM:
            for path in paths:
                for rendered in render_page(self.client, path):
                    yield write_answer(self.out_dir, rendered)
            return
        chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
        for written in self.pool().map(_render_chunk, chunks):
            yield from written

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: this process may hold the store's primary open
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.settings, self.out_dir),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


# --------------------------------------------------------------------------- the site


class StaticSiteWriter:
    """Crawls the app from seed paths and writes each answer as a file."""

    file_path = staticmethod(file_path)

    def __init__(
        self, client: FlaskClient, out_dir: Path, processes: int = 1, settings: Settings | None = None
    ) -> None:
        self.client = client
        self.out_dir = out_dir.resolve()
        self.renderers = Renderers(client, settings or Settings(), processes, self.out_dir)
        self.files: dict[str, str] = {}
        """Request path → site path of the file written for it."""
        self.redirects: dict[str, str] = {}
        self.missing: set[str] = set()
        self.html_files: list[str] = []
        """HTML pages written as rendered: their links are rewritten at the end."""
        self.written_paths: set[str] = set()

    def _target(self, path: str) -> Path:
        return site_target(self.out_dir, path)

    @property
    def written(self) -> int:
        return len(self.written_paths)

    def write(self, site_path: str, body: bytes) -> None:
        target = self._target(site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.written_paths.add(site_path)

    def write_copy(self, site_path: str, source: Path) -> None:
        target = self._target(site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.written_paths.add(site_path)

    def fetch(self, path: str, accept: str = "text/html") -> str | None:
        """GET one path in this process and keep the answer: its site path, or None."""
        if path in self.files:
            return self.files[path]
        self.record(write_answer(self.out_dir, get(self.client, path, accept)))
        return self.files.get(path)

    def record(self, written: Written) -> list[str]:
        """Note one written answer; returns the links of a page not seen before."""
        for source, target in written.redirects:
            self.redirects[source] = target
        if written.site_path is None:
            self.missing.add(written.path)
            return []
        self.files[written.final] = self.files[written.path] = written.site_path
        if written.site_path in self.written_paths:
            return []
        self.written_paths.add(written.site_path)
        if written.site_path.endswith(".html"):
            self.html_files.append(written.site_path)
        return written.links

    def crawl(self, seeds: Iterable[str]) -> None:
        """Render the seeds, then what their pages link to, wave by wave, until nothing is new."""
        wave = list(dict.fromkeys(seeds))
        seen = set(wave)
        while wave:
            downloads = [p for p in wave if p.startswith("/dumps/") and p != "/dumps/"]
            for path in downloads:  # large files the app sends from the dumps folder
                self.fetch(path, accept="*/*")
            pages = [p for p in wave if p not in downloads]
            found: list[str] = []
            for written in self.renderers.render(pages):
                found += self.record(written)
            wave = []
            for link in found:
                if link not in seen and link not in self.files and link not in self.missing:
                    seen.add(link)
                    wave.append(link)

    def close(self) -> None:
        self.renderers.close()

    def site_map(self) -> dict[str, str]:
        """Every request path with a file, redirects resolved to their target's file."""
        resolved = dict(self.files)
        for source in self.redirects:
            target: str | None = source
            for _ in range(_MAX_REDIRECTS):
                if target is None or target in self.files:
                    break
                target = self.redirects.get(target)
            if target is not None and target in self.files:
                resolved[source] = self.files[target]
        return resolved

    def rewrite_links(self, processes: int) -> None:
        """Point every internal link of the written pages at its file."""
        paths = [str(self._target(site_path)) for site_path in self.html_files]
        mapping = self.site_map()
        if processes < 2 or len(paths) < PARALLEL_FROM:
            for path in paths:
                rewrite_file(path, mapping)
            return
        chunks = [paths[i : i + CHUNK * 4] for i in range(0, len(paths), CHUNK * 4)]
        with ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_set_mapping,
            initargs=(mapping,),
        ) as pool:
            list(pool.map(_rewrite_chunk, chunks))


_mapping: dict[str, str] = {}


def _set_mapping(mapping: dict[str, str]) -> None:
    global _mapping
    _mapping = mapping


def _rewrite_chunk(paths: list[str]) -> None:
    for path in paths:
        rewrite_file(path, _mapping)


def rewrite_file(path: str, mapping: dict[str, str]) -> None:
    text = Path(path).read_text(encoding="utf-8")
    rewritten = rewrite_html(text, mapping)
    if rewritten != text:
        Path(path).write_text(rewritten, encoding="utf-8")


def rewrite_html(html: str, mapping: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        url = match.group("url")
        parts = urlsplit(url.replace("&amp;", "&"))
        site_path = mapping.get(parts.path)
        if site_path is None or site_path == parts.path and not parts.query:
            return match.group(0)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{match.group("attr")}="{site_path}{fragment}"'

    return _LINK.sub(replace, html)


GRAPHS_PER_QUERY = 500


def mentioned_pages(store: GraphStore, base: str) -> list[str]:
    """`/doc/…` of every local resource or shared concept that a document graph mentions."""
    from server.describe import path_of

    data_graphs = [g for g in store.named_graphs() if not g.startswith(base + "graph/")]
    local = ox.Literal(base + "id/")
    shared = " || ".join(f"STRSTARTS(STR(?r), {ox.Literal(iri)})" for _path, iri in SHARED_PAGES)
    pages: set[str] = set()
    for start in range(0, len(data_graphs), GRAPHS_PER_QUERY):
        graphs = " ".join(str(ox.NamedNode(g)) for g in data_graphs[start : start + GRAPHS_PER_QUERY])
        result = store.query(
            f"SELECT DISTINCT ?r WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ {{ ?r ?p ?o }} UNION {{ ?s ?p ?r }} }} "
            f"FILTER(isIRI(?r) && (STRSTARTS(STR(?r), {local}) || {shared})) }}"
        )
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            term = row["r"]
            path = path_of(term.value, base) if isinstance(term, ox.NamedNode) else None
            if path is not None:
                pages.add(f"/doc/{path}")
    return sorted(pages)


def publish_static(store: GraphStore, settings: Settings, out_dir: Path, processes: int | None = None) -> int:
    """Write the static site into `out_dir`; returns the number of files written."""
    from server import create_app
    from server.publishing import dumps

    app = create_app(settings, store=store)
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = processes if processes is not None else min(os.cpu_count() or 1, 8)
    writer = StaticSiteWriter(app.test_client(), out_dir, workers, settings)
    with app.app_context():
        _folder, manifest = dumps()
    seeds = [*SEED_PATHS, *mentioned_pages(store, settings.base_uri), *(f"/dumps/{f.name}" for f in manifest.files)]
    try:
        writer.crawl(seeds)
    finally:
        writer.close()
    writer.rewrite_links(workers)
    _write_sitemap(writer, settings.base_uri)
    _copy_static_assets(app.static_folder, writer)
    return writer.written


def _write_sitemap(writer: StaticSiteWriter, base: str) -> None:
    """The sitemap of the pages written (the served one lists every resource of the store)."""
    pages = sorted(
        base + path.lstrip("/")
        for path, site in writer.files.items()
        if path.startswith("/doc/") and site.endswith(".html") and "." not in PurePosixPath(path).name
    )
    for name, xml in sitemap_documents(pages, base).items():
        writer.write(f"/{name}", xml.encode("utf-8"))


def _copy_static_assets(static_folder: str | None, writer: StaticSiteWriter) -> None:
    """CSS and scripts the pages name are fetched by the crawl; copy the rest of the folder too."""
    if not static_folder:
        return
    source = Path(static_folder)
    for path in sorted(source.rglob("*")):
        if path.is_file():
            site_path = f"/static/{path.relative_to(source).as_posix()}"
            if site_path not in writer.written_paths:
                writer.write_copy(site_path, path)
