"""`councilgraph publish --static DIR`: the site a visitor can reach, as files, for any static web server.

Every page is what the app answers for its path, so the static site is
exactly what `councilgraph serve` shows. What is written:

- the home page, the browse pages (and their CSV/JSON forms), the query,
  ontology, shapes, catalog, dumps and VoID pages;
- the page of every resource the data mentions (any local IRI or shared
  concept that a document graph states something about or points to);
- everything those pages link to, followed until nothing new turns up.

Cities of the gazetteer that no document mentions are left out: they are
reference data, and 11,000 pages of them would make the site grow with the
gazetteer rather than with the data. The static sitemap lists the pages written.

The crawl goes in waves (the links found in one wave are the next). Other
pages first, through the app's routes, until only resource pages are left;
then the resource pages, each with its RDF forms from one description
(`server.static_render`), by several processes when there are many. Those are
written with their links already pointed at files (`LinkPlan`): the files
known by then, and the resource pages of the wave. At the end the plan is
checked: a page that links to a planned page that turned out missing is
rendered again, a page with a link the plan could not place is rewritten, and
the pages rendered through the routes have their links rewritten. The file
layout is described in `server.static_files`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
from flask import Flask

from councilgraph.settings import Settings
from councilgraph.store import GraphStore
from councilgraph.uris import SHARED_PAGES
from server.sitemap import sitemap_documents
from server.static_files import LinkPlan, SiteFolder, file_path, rewrite_file
from server.static_render import Renderers, Written, get, is_resource_page, write_answer

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
_MAX_REDIRECTS = 5


class StaticSiteWriter:
    """Crawls the app from seed paths and writes each answer as a file.

    `direct=False` renders every page through the app's routes (the way of
    earlier versions, kept to compare against)."""

    file_path = staticmethod(file_path)

    def __init__(
        self,
        app: Flask,
        out_dir: Path,
        processes: int = 1,
        settings: Settings | None = None,
        *,
        direct: bool = True,
    ) -> None:
        self.app = app
        self.client = app.test_client()
        self.out_dir = out_dir.resolve()
        self.folder = SiteFolder(self.out_dir)
        self.direct = direct
        self._scratch = Path(tempfile.mkdtemp(prefix="councilgraph-static-"))
        self.renderers = Renderers(app, settings or Settings(), processes, self.out_dir, self._scratch)
        self.files: dict[str, str] = {}
        """Request path → site path of the file written for it."""
        self.redirects: dict[str, str] = {}
        self.missing: set[str] = set()
        self.html_files: list[str] = []
        """HTML pages written as rendered: their links are rewritten at the end."""
        self.planned_pages: dict[str, tuple[str, tuple[str, ...]]] = {}
        """Site path → (request path, unplaced links) of the pages written with a `LinkPlan`."""
        self.planned: set[str] = set()
        """Every page a plan counted on."""
        self.written_paths: set[str] = set()

    @property
    def written(self) -> int:
        return len(self.written_paths)

    def write(self, site_path: str, body: bytes) -> None:
        self.folder.write(site_path, body)
        self.written_paths.add(site_path)

    def write_copy(self, site_path: str, source: Path) -> None:
        self.write(site_path, source.read_bytes())

    def fetch(self, path: str, accept: str = "text/html") -> str | None:
        """GET one path in this process and keep the answer: its site path, or None."""
        if path in self.files:
            return self.files[path]
        self.record(write_answer(self.folder, get(self.client, path, accept)))
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
            if written.planned:
                self.planned_pages[written.site_path] = (written.path, written.unplaced)
            else:
                self.html_files.append(written.site_path)
        return written.links

    def crawl(self, seeds: Iterable[str]) -> None:
        """Render the seeds, then what their pages link to, wave by wave, until nothing is new.

        Resource pages wait until no other page is left, so that their plan knows every other file."""
        pages: list[str] = []
        resources: list[str] = []
        seen: set[str] = set()
        for path in dict.fromkeys(seeds):
            seen.add(path)
            (resources if self.direct and is_resource_page(path) else pages).append(path)
        self.renderers.start(len(resources))
        while pages or resources:
            if pages:
                found = self._render_pages(pages)
                pages = []
            else:
                found = self._render_resources(resources)
                resources = []
            for link in found:
                if link not in seen and link not in self.files and link not in self.missing:
                    seen.add(link)
                    (resources if self.direct and is_resource_page(link) else pages).append(link)

    def _render_pages(self, wave: list[str]) -> list[str]:
        downloads = [p for p in wave if p.startswith("/dumps/") and p != "/dumps/"]
        for path in downloads:  # large files the app sends from the dumps folder
            self.fetch(path, accept="*/*")
        found: list[str] = []
        for written in self.renderers.render([p for p in wave if p not in downloads]):
            found += self.record(written)
        return found

    def _render_resources(self, wave: list[str]) -> list[str]:
        plan = LinkPlan(known=self.site_map(), planned=frozenset(wave))
        self.planned.update(wave)
        found: list[str] = []
        for written in self.renderers.render(wave, plan):
            found += self.record(written)
        return found

    def close(self) -> None:
        self.renderers.close()
        shutil.rmtree(self._scratch, ignore_errors=True)

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

    def rewrite_links(self) -> None:
        """Point every internal link of the written pages at its file; mend what the plans got wrong."""
        self._render_again_what_links_to(self._planned_but_missing())
        mapping = self.site_map()
        for site_path in self.html_files:
            rewrite_file(self.folder.target(site_path), mapping)
        for site_path, (_path, unplaced) in self.planned_pages.items():
            if any(link in mapping for link in unplaced):
                rewrite_file(self.folder.target(site_path), mapping)

    def _planned_but_missing(self) -> list[str]:
        return sorted(p for p in self.planned if self.files.get(p) != f"{p}.html")

    def _render_again_what_links_to(self, missing: list[str]) -> None:
        """Pages written pointing at planned pages that have no file: rendered again through the
        routes (the link to a missing page stays as the app wrote it)."""
        if not missing:
            return
        needles = tuple(f'="{p}.'.encode() for p in missing)
        for site_path, (path, _unplaced) in list(self.planned_pages.items()):
            with open(self.folder.target(site_path), "rb") as handle:
                body = handle.read()
            if any(needle in body for needle in needles):
                rendered = get(self.client, path, "text/html")
                del self.planned_pages[site_path]
                self.folder.write(site_path, rendered.body)
                self.html_files.append(site_path)


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


def publish_static(
    store: GraphStore, settings: Settings, out_dir: Path, processes: int | None = None, *, direct: bool = True
) -> int:
    """Write the static site into `out_dir`; returns the number of files written.

    `direct=False`: every page through the app's routes, as earlier versions did (for comparison)."""
    from server import create_app
    from server.publishing import dumps

    app = create_app(settings, store=store)
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = processes if processes is not None else min(os.cpu_count() or 1, 8)
    writer = StaticSiteWriter(app, out_dir, workers, settings, direct=direct)
    with app.app_context():
        _folder, manifest = dumps()
    seeds = [*SEED_PATHS, *mentioned_pages(store, settings.base_uri), *(f"/dumps/{f.name}" for f in manifest.files)]
    try:
        writer.crawl(seeds)
        writer.rewrite_links()
        _write_sitemap(writer, settings.base_uri)
        _copy_static_assets(app.static_folder, writer)
    finally:
        writer.close()
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
