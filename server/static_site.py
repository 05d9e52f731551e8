"""`councilgraph publish --static DIR`: the whole site as files, for any static web server.

Every page is rendered by the app's own routes, in process (Flask's test
client), so the static site is exactly what `councilgraph serve` shows. The
crawl starts from the home page, the browse pages, every `/doc/…` page of
the sitemap and the publishing routes, and follows every internal link.

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

import re
import shutil
from collections import deque
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from flask.testing import FlaskClient

from councilgraph.settings import Settings
from councilgraph.store import GraphStore
from server.sitemap import page_urls

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
    "/sitemap.xml",
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


class StaticSiteWriter:
    def __init__(self, client: FlaskClient, out_dir: Path) -> None:
        self.client = client
        self.out_dir = out_dir.resolve()
        self.files: dict[str, str] = {}
        """Request path → site path of the file written for it."""
        self.redirects: dict[str, str] = {}
        self.missing: set[str] = set()
        self.pending_html: list[tuple[str, str]] = []
        """HTML pages fetched but not yet written: their links are rewritten at the end."""
        self.written_paths: set[str] = set()
        self.claimed: set[str] = set()
        """Site paths written or waiting to be written: each file is written once."""

    # -- mapping

    @staticmethod
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

    def _target(self, path: str) -> Path:
        target = (self.out_dir / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.out_dir):
            raise ValueError(f"refusing to write outside {self.out_dir}: {path}")
        return target

    # -- fetching

    def fetch(self, path: str, accept: str = "text/html") -> str | None:
        """GET `path`, following redirects, and keep the answer: its site path, or None."""
        if path in self.files:
            return self.files[path]
        if path in self.missing:
            return None
        current = path
        for _ in range(_MAX_REDIRECTS):
            response = self.client.get(current, headers={"Accept": accept})
            body = response.get_data()
            response.close()  # releases files that send_file opened
            if response.status_code in (301, 302, 303, 307, 308):
                location = urlsplit(response.headers.get("Location", ""))
                self.redirects[current] = location.path
                current = location.path
                continue
            break
        if response.status_code != 200:
            self.missing.add(path)
            return None
        site_path = self.file_path(current, response.content_type)
        self.files[current] = site_path
        self.files[path] = site_path
        if site_path in self.claimed:
            return site_path
        self.claimed.add(site_path)
        if response.mimetype == "text/html":
            self.pending_html.append((site_path, body.decode("utf-8")))
        else:
            self._write(site_path, body)
        return site_path

    @property
    def written(self) -> int:
        return len(self.written_paths)

    def _write(self, site_path: str, body: bytes) -> None:
        target = self._target(site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.written_paths.add(site_path)

    def write_copy(self, site_path: str, source: Path) -> None:
        target = self._target(site_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.written_paths.add(site_path)

    # -- crawling

    def crawl(self, seeds: list[str]) -> None:
        queue: deque[str] = deque(seeds)
        seen = set(seeds)
        html_pages: list[tuple[str, str]] = []
        while queue:
            path = queue.popleft()
            site_path = self.fetch(path)
            if site_path is not None and self._negotiated(path):
                for suffix in RDF_VARIANTS:
                    self.fetch(f"{path}.{suffix}", accept="*/*")
            while self.pending_html:
                page = self.pending_html.pop()
                html_pages.append(page)
                for link in self._links(page[1]):
                    if link not in seen:
                        seen.add(link)
                        queue.append(link)
        for site_path, text in html_pages:
            self._write(site_path, self._rewrite(text).encode("utf-8"))

    @staticmethod
    def _negotiated(path: str) -> bool:
        return path.startswith(NEGOTIATED_PREFIXES) or path in NEGOTIATED_PATHS

    @staticmethod
    def _links(html: str) -> list[str]:
        links = []
        for match in _LINK.finditer(html):
            url = match.group("url").replace("&amp;", "&")
            path = urlsplit(url).path
            if path and not path.startswith("//"):
                links.append(path)
        return links

    def _resolve(self, path: str) -> str | None:
        for _ in range(_MAX_REDIRECTS):
            if path in self.files:
                return self.files[path]
            if path not in self.redirects:
                return None
            path = self.redirects[path]
        return None

    def _rewrite(self, html: str) -> str:
        def replace(match: re.Match[str]) -> str:
            url = match.group("url")
            parts = urlsplit(url.replace("&amp;", "&"))
            site_path = self._resolve(parts.path)
            if site_path is None or site_path == parts.path and not parts.query:
                return match.group(0)
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            return f'{match.group("attr")}="{site_path}{fragment}"'

        return _LINK.sub(replace, html)


def publish_static(store: GraphStore, settings: Settings, out_dir: Path) -> int:
    """Write the complete static site into `out_dir`; returns the number of files written."""
    from server import create_app
    from server.publishing import dumps

    app = create_app(settings, store=store)
    out_dir.mkdir(parents=True, exist_ok=True)
    writer = StaticSiteWriter(app.test_client(), out_dir)
    base = settings.base_uri
    with app.app_context():
        _folder, manifest = dumps()
    seeds = list(SEED_PATHS)
    seeds += [urlsplit(url).path for url in page_urls(store, base)]
    seeds += [f"/dumps/{f.name}" for f in manifest.files]
    writer.crawl(seeds)
    for number in range(1, 10_000):
        if writer.fetch(f"/sitemap-{number}.xml", accept="*/*") is None:
            break
    _copy_static_assets(app.static_folder, writer)
    return writer.written


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
