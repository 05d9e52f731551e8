"""Rendering the static site's answers, in this process or in worker processes, and writing their files.

Any page can be rendered through the app's own routes (Flask's test client).
A resource page `/doc/x` — nearly every file of a site — is rendered directly
from one description, by the functions the `/doc/` route calls (`describe`,
`page_html`, `render`): the HTML page and its four RDF forms from one set of
queries, without an HTTP round trip per file. The bytes are the same as the
route's (a test compares them).

Workers are spawned (this process may hold the store's primary open), open the
store's snapshot themselves, and write the files they render.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient

from councilgraph.settings import Settings
from server.static_files import RDF_VARIANTS, LinkPlan, SiteFolder, file_path, links_in, negotiated

_MAX_REDIRECTS = 5
PARALLEL_FROM = 64
"""Pages in one wave from which worker processes render them."""
CHUNK = 32
"""Pages per task handed to a worker."""


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
    planned: bool = False
    """Links already pointed at files by a `LinkPlan` (else they are rewritten at the end)."""
    unplaced: tuple[str, ...] = ()
    """Link paths the plan could not place."""


def get(client: FlaskClient, path: str, accept: str) -> Rendered:
    """GET `path` through the app, following redirects."""
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
    """A page through the app's routes and, when it is content-negotiated, its RDF forms."""
    page = get(client, path, "text/html")
    found = [page]
    if page.status == 200 and negotiated(path):
        found += [get(client, f"{path}.{suffix}", "*/*") for suffix in RDF_VARIANTS]
    return found


def is_resource_page(path: str) -> bool:
    """`/doc/x` without a suffix: rendered directly by `render_resource`."""
    return path.startswith("/doc/") and len(path) > len("/doc/") and "." not in PurePosixPath(path).name


def render_resource(path: str) -> list[Rendered] | None:
    """The page `/doc/x` and its RDF forms from one description, as the `/doc/` route answers
    them (for a browser: `Accept: text/html`, no `Accept-Language`, no query string); None when
    there is no such resource (the route then answers, with its 404). Runs in a request context."""
    from server import describe as lookup
    from server.conneg import BY_SUFFIX, HTML
    from server.rendering import mimetype_with_charset, render
    from server.resources import page_context, page_html
    from server.state import state

    app_state = state()
    iri = lookup.iri_for(path[len("/doc/") :], app_state.settings.base_uri)
    if iri is None:
        return None
    description = lookup.describe(app_state.store, iri)
    if not description.triples:  # no statement with it as subject or object: the route's 404
        return None
    # the RDF forms first: the page view may add labels to the description's graph
    found = [
        Rendered(
            f"{path}.{suffix}",
            f"{path}.{suffix}",
            [],
            200,
            mimetype_with_charset(BY_SUFFIX[suffix]),
            render(description.graph, BY_SUFFIX[suffix], description.triples),
        )
        for suffix in RDF_VARIANTS
    ]
    html = page_html(description, page_context(), path, {})
    return [Rendered(path, path, [], 200, mimetype_with_charset(HTML), html), *found]


def write_answer(folder: SiteFolder, rendered: Rendered, plan: LinkPlan | None = None) -> Written:
    """Write one answer's file; an HTML page's links are pointed at files now when a plan is given."""
    if rendered.status != 200:
        return Written(rendered.path, rendered.final, rendered.redirects, None, [])
    site_path = file_path(rendered.final, rendered.content_type)
    if not rendered.is_html:
        folder.write(site_path, rendered.body)
        return Written(rendered.path, rendered.final, rendered.redirects, site_path, [])
    html = rendered.body.decode("utf-8")
    if plan is None:
        folder.write(site_path, rendered.body)
        return Written(rendered.path, rendered.final, rendered.redirects, site_path, links_in(html))
    html, links, unplaced = plan.rewrite(html)
    folder.write(site_path, html.encode("utf-8"))
    return Written(rendered.path, rendered.final, rendered.redirects, site_path, links, True, unplaced)


def render_paths(
    app: Flask, client: FlaskClient, folder: SiteFolder, paths: list[str], plan: LinkPlan | None
) -> list[Written]:
    """Render and write pages: resource pages directly when there is a plan, the others through the routes."""
    written: list[Written] = []
    # one request context for all: what a resource page reads of the request is the same for each
    with app.test_request_context("/doc/", headers={"Accept": "text/html"}):
        for path in paths:
            direct = render_resource(path) if plan is not None and is_resource_page(path) else None
            if direct is not None:
                written += [write_answer(folder, rendered, plan) for rendered in direct]
            else:
                written += [write_answer(folder, rendered) for rendered in render_page(client, path)]
    return written


# --------------------------------------------------------------------------- worker processes


@dataclass
class _Worker:
    app: Flask
    client: FlaskClient
    folder: SiteFolder
    plan_file: str | None = None
    plan: LinkPlan | None = None


_worker: _Worker | None = None


def _start_worker(settings: Settings, out_dir: Path) -> None:
    global _worker
    from server import create_app

    app = create_app(settings)
    _worker = _Worker(app, app.test_client(), SiteFolder(out_dir))
    gc.freeze()  # what the app loaded lives as long as the worker: the collector need not walk it again


def _render_chunk(task: tuple[list[str], str | None]) -> list[Written]:
    assert _worker is not None, "the worker creates its app first"
    paths, plan_file = task
    if plan_file != _worker.plan_file:
        _worker.plan_file = plan_file
        _worker.plan = pickle.loads(Path(plan_file).read_bytes()) if plan_file else None
    return render_paths(_worker.app, _worker.client, _worker.folder, paths, _worker.plan)


class Renderers:
    """Renders waves of pages: in this process, or in worker processes when a wave is large.

    A wave's `LinkPlan` reaches the workers as a file (read once per wave), not with every task."""

    def __init__(self, app: Flask, settings: Settings, processes: int, out_dir: Path, scratch: Path) -> None:
        self.app = app
        self.client = app.test_client()
        self.settings = settings
        self.processes = processes
        self.folder = SiteFolder(out_dir)
        self.scratch = scratch
        self._pool: ProcessPoolExecutor | None = None
        self._plans = 0

    def render(self, paths: list[str], plan: LinkPlan | None = None) -> Iterator[Written]:
        """Render and write the pages; the files of one page may be written twice, never differently."""
        if self.processes < 2 or len(paths) < PARALLEL_FROM:
            yield from render_paths(self.app, self.client, self.folder, paths, plan)
            return
        plan_file = None
        if plan is not None:
            self._plans += 1
            plan_path = self.scratch / f"plan-{self._plans}.pickle"
            plan_path.write_bytes(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
            plan_file = str(plan_path)
        chunks = [(paths[i : i + CHUNK], plan_file) for i in range(0, len(paths), CHUNK)]
        for written in self.pool().map(_render_chunk, chunks):
            yield from written

    def start(self, pages: int) -> None:
        """Start the workers for a wave of `pages` to come: they load while this process renders others."""
        if self.processes >= 2 and pages >= PARALLEL_FROM:
            pool = self.pool()
            for _ in range(self.processes):
                pool.submit(int)

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.settings, self.folder.root),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
