"""The static site's file layout: which file holds which answer, and links pointed at those files.

- `/doc/x` → `doc/x.html`, `doc/x.ttl`, `doc/x.jsonld`, `doc/x.nt` (and `.rdf`);
- other pages `/p` → `p.html`; `/` → `index.html`; `/dumps/` → `dumps/index.html`;
- RDF-only routes (`/.well-known/void`) → `void.ttl` and the other formats.

Links in the written HTML are rewritten to those file names (`/id/x` and
`/doc/x` → `/doc/x.html`); the page's visible text and the IRIs it shows are
unchanged. Query strings cannot be represented by files: a link with one
points to the page without it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

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


def rewrite_html(html: str, target_of: Callable[[str], str | None]) -> str:
    """Every internal link whose path has a file (`target_of`) pointed at that file."""

    def replace(match: re.Match[str]) -> str:
        url = match.group("url")
        parts = urlsplit(url.replace("&amp;", "&"))
        site_path = target_of(parts.path)
        if site_path is None or site_path == parts.path and not parts.query:
            return match.group(0)
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{match.group("attr")}="{site_path}{fragment}"'

    return _LINK.sub(replace, html)


def rewrite_file(path: str, mapping: dict[str, str]) -> None:
    text = Path(path).read_text(encoding="utf-8")
    rewritten = rewrite_html(text, mapping.get)
    if rewritten != text:
        Path(path).write_text(rewritten, encoding="utf-8")


@dataclass(frozen=True)
class LinkPlan:
    """Where links point while pages are still being rendered, so that a page is written once, final.

    `known`: request path → file of every answer written so far (redirects resolved);
    `planned`: the `/doc/x` pages being rendered now, whose files will be `/doc/x.html`
    and `/doc/x.ttl`… A page whose links all resolve here needs no second pass; the
    site checks the plan came true and rewrites or renders again the few pages it must.
    """

    known: dict[str, str]
    planned: frozenset[str]

    def target(self, path: str) -> str | None:
        found = self.known.get(path)
        if found is not None:
            return found
        if path in self.planned:
            return f"{path}.html"
        stem, dot, suffix = path.rpartition(".")
        if dot and suffix in RDF_VARIANTS and stem in self.planned:
            return path
        return None

    def rewrite(self, html: str) -> tuple[str, list[str], tuple[str, ...]]:
        """The page with its links pointed at files; its links as `links_in` finds them; and the
        link paths the plan could not place."""
        links: list[str] = []
        unplaced: set[str] = set()

        def target_of(path: str) -> str | None:
            if path and not path.startswith("//"):
                links.append(path)
            found = self.target(path)
            if found is None:
                unplaced.add(path)
            return found

        return rewrite_html(html, target_of), links, tuple(sorted(unplaced))


class SiteFolder:
    """Writes files under one folder, making each directory once."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._made: set[str] = set()

    def target(self, site_path: str) -> str:
        parts = [part for part in site_path.split("/") if part not in ("", ".")]
        if not parts or ".." in parts:
            raise ValueError(f"refusing to write outside {self.root}: {site_path}")
        return os.path.join(self.root, *parts)

    def write(self, site_path: str, body: bytes) -> None:
        target = self.target(site_path)
        folder = os.path.dirname(target)
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        with open(target, "wb") as handle:
            handle.write(body)
