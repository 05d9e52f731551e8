"""Publishing routes: `/dumps/…`, `/catalog`, `/.well-known/void`, `/sitemap.xml`, `/robots.txt`.

Everything here is derived from the store and cached per `store.version()`:
the dump files on disk (rebuilt in the background when the store changes), the
catalog, the VoID description and the sitemaps in memory. While the dumps of
the current version are being built, the previous version's files (and the
catalog describing them) are served; with none at all, requests that need
them are answered 503 with `Retry-After`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from flask import Blueprint, Response, abort, render_template, request, send_file
from rdflib import Graph

from councilgraph.catalog_settings import CatalogConfig, catalog_config_of
from server import conneg
from server.catalog import build_catalog, city_coverage
from server.dumps import CHECKSUMS, DUMP_NAME, MANIFEST, DumpStatus, Manifest, dump_status
from server.errors import error_response
from server.sitemap import page_urls, robots_txt, sitemap_documents
from server.state import state
from server.void import build_void

blueprint = Blueprint("publishing", __name__)

T = TypeVar("T")
_RDFLIB_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}
_cache_lock = threading.RLock()
DUMP_MAX_AGE = 300
DUMP_WAIT_SECONDS = 3.0
"""A request waits this long for a dump build before it is answered 503: small stores build
within it, so their first request is simply served."""
RETRY_AFTER_SECONDS = 30


class DumpsNotReady(Exception):
    """The dump files a request needs are still being built (or their build failed)."""


def _cached(name: str, build: Callable[[], T]) -> T:
    """One value per store version, kept in the app's extras."""
    app_state = state()
    version = app_state.store.version()
    entry = app_state.extras.get(f"publishing:{name}")
    if entry is not None and entry[0] == version:
        return entry[1]
    with _cache_lock:
        entry = app_state.extras.get(f"publishing:{name}")
        if entry is not None and entry[0] == version:
            return entry[1]
        value = build()
        app_state.extras[f"publishing:{name}"] = (version, value)
        return value


def catalog_config() -> CatalogConfig:
    app_state = state()
    config = app_state.extras.get("publishing:config")
    if config is None:
        config = app_state.extras.setdefault("publishing:config", catalog_config_of(app_state.settings))
    assert isinstance(config, CatalogConfig)
    return config


def dumps_status(*, wait_for_build: bool = False) -> DumpStatus:
    """Where the dumps stand, after waiting `DUMP_WAIT_SECONDS` for a running build (or, with
    `wait_for_build`, as long as it takes)."""
    app_state = state()
    return dump_status(
        app_state.store,
        app_state.settings,
        catalog_config(),
        None if wait_for_build else DUMP_WAIT_SECONDS,
    )


def available_dumps() -> tuple[Path, Manifest]:
    """The newest complete dump files, possibly of the previous store version; `DumpsNotReady`
    when there are none yet."""
    status = dumps_status()
    if status.manifest is None:
        raise DumpsNotReady(_not_ready_message(status))
    return status.folder, status.manifest


def dumps() -> tuple[Path, Manifest]:
    """The dump files of the store's current version, waiting for their build (offline use)."""
    status = dumps_status(wait_for_build=True)
    if not status.ready or status.manifest is None:
        raise DumpsNotReady(_not_ready_message(status))
    return status.folder, status.manifest


def _not_ready_message(status: DumpStatus) -> str:
    if status.error is not None:
        return f"Building the dump files failed ({status.error}); it will be tried again."
    return (
        "The dump files of this dataset are being built; this takes a while for a large "
        f"dataset. Try again in about {RETRY_AFTER_SECONDS} s."
    )


@blueprint.errorhandler(DumpsNotReady)
def _dumps_not_ready(error: DumpsNotReady) -> Response:
    return error_response(503, "Service Unavailable", str(error), {"Retry-After": str(RETRY_AFTER_SECONDS)})


def catalog_graph() -> Graph:
    app_state = state()
    _folder, manifest = available_dumps()
    return _cached(
        f"catalog:{manifest.version}",
        lambda: build_catalog(app_state.store, app_state.settings.base_uri, catalog_config(), manifest),
    )


def void_graph() -> Graph:
    app_state = state()
    _folder, manifest = available_dumps()
    return _cached(
        f"void:{manifest.version}",
        lambda: build_void(app_state.store, app_state.settings.base_uri, manifest),
    )


def _sitemaps() -> dict[str, str]:
    app_state = state()
    base = app_state.settings.base_uri
    return _cached("sitemaps", lambda: sitemap_documents(page_urls(app_state.store, base), base))


# --------------------------------------------------------------------------- helpers


def _format(suffix: str | None, html_ok: bool = True) -> conneg.Format:
    chosen = None
    if suffix is not None:
        chosen = conneg.BY_SUFFIX.get(suffix)
        if chosen is None or (chosen.key == "html" and not html_ok):
            abort(404)
    fmt = conneg.negotiate(request.headers.get("Accept"), chosen, request.args.get("format"))
    if fmt is None:
        abort(406, "Available as Turtle, JSON-LD, N-Triples, RDF/XML and HTML.")
    if fmt.key == "html" and not html_ok:
        return conneg.TURTLE
    return fmt


def _wants_html() -> bool:
    """Browsers name text/html; programs sending `*/*` or nothing get the machine-readable form."""
    accept = request.accept_mimetypes
    named = {value: quality for value, quality in accept}
    html = max(named.get("text/html", 0), named.get("application/xhtml+xml", 0))
    return html > 0 and html >= named.get("application/json", 0)


def _rdf(graph: Graph, fmt: conneg.Format) -> Response:
    body = graph.serialize(format=_RDFLIB_FORMATS[fmt.key], encoding="utf-8")
    return Response(body, content_type=f"{fmt.media_type}; charset=utf-8")


def _conditional(response: Response, *, vary: bool, path: str | None = None, max_age: int = 300) -> Response:
    if vary:
        response.headers["Vary"] = "Accept"
        if path:
            response.headers["Link"] = conneg.alternate_links(path)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.add_etag()
    response.make_conditional(request)
    return response


# --------------------------------------------------------------------------- dumps


def _dump_listing(manifest: Manifest) -> dict[str, Any]:
    return {
        "version": manifest.version,
        "created": manifest.created,
        "files": [
            {
                "name": f.name,
                "url": f"/dumps/{f.name}",
                "kind": f.kind,
                "format": f.format,
                "mediaType": f.media_type,
                "gzip": f.compressed,
                "bytes": f.bytes,
                "sha256": f.sha256,
                "statements": f.triples,
                "title": f.title,
                "city": f.city,
            }
            for f in manifest.files
        ],
    }


@blueprint.get("/dumps")
def dumps_redirect() -> Response:
    response = Response(status=301)
    response.headers["Location"] = "/dumps/"
    return response


@blueprint.get("/dumps/")
def dumps_index() -> Response:
    _folder, manifest = available_dumps()
    if _wants_html():
        response = Response(render_template("dumps.html", manifest=manifest, cities=manifest.of_kind("city")))
    else:
        response = Response(
            json.dumps(_dump_listing(manifest), indent=2, ensure_ascii=False),
            mimetype="application/json",
        )
    return _conditional(response, vary=True)


@blueprint.get("/dumps/<path:name>")
def dump_file(name: str) -> Response:
    if not DUMP_NAME.fullmatch(name):  # no build writes such a name: 404 without waiting for one
        abort(404)
    status = dumps_status()
    if status.manifest is None:
        raise DumpsNotReady(_not_ready_message(status))
    folder, manifest = status.folder, status.manifest
    if name == MANIFEST:
        return _conditional(Response(manifest.to_json(), mimetype="application/json"), vary=False)
    if name == CHECKSUMS:
        return _conditional(Response(manifest.checksums(), mimetype="text/plain"), vary=False)
    entry = manifest.file(name)  # only names the manifest lists: no path can leave the folder
    if entry is None:
        if not status.ready:  # e.g. the file of a city new in this version
            raise DumpsNotReady(_not_ready_message(status))
        abort(404)
    path = folder / entry.name
    if not path.is_file():
        abort(404)
    mimetype = "application/gzip" if entry.compressed else entry.media_type
    response = send_file(
        path,
        mimetype=mimetype,
        conditional=True,
        etag=entry.sha256,
        max_age=DUMP_MAX_AGE,
        download_name=Path(entry.name).name,
        as_attachment=entry.compressed,
    )
    response.headers["Digest"] = f"sha-256={entry.sha256}"
    return response


# --------------------------------------------------------------------------- catalog and VoID


@blueprint.get("/catalog")
@blueprint.get("/catalog.<suffix>")
def catalog(suffix: str | None = None) -> Response:
    fmt = _format(suffix)
    if fmt.key == "html":
        app_state = state()
        _folder, manifest = available_dumps()
        response = Response(
            render_template(
                "dumps_catalog.html",
                config=catalog_config(),
                manifest=manifest,
                cities=_cached("cities", lambda: city_coverage(app_state.store)),
            )
        )
    else:
        response = _rdf(catalog_graph(), fmt)
    return _conditional(response, vary=suffix is None, path="/catalog")


@blueprint.get("/.well-known/void")
@blueprint.get("/.well-known/void.<suffix>")
def void(suffix: str | None = None) -> Response:
    fmt = _format(suffix, html_ok=False)
    return _conditional(_rdf(void_graph(), fmt), vary=suffix is None)


# --------------------------------------------------------------------------- crawlers


@blueprint.get("/sitemap.xml")
@blueprint.get("/sitemap-<int:number>.xml")
def sitemap(number: int | None = None) -> Response:
    documents = _sitemaps()
    name = "sitemap.xml" if number is None else f"sitemap-{number}.xml"
    if name not in documents:
        abort(404)
    return _conditional(Response(documents[name], mimetype="application/xml"), vary=False, max_age=3600)


@blueprint.get("/robots.txt")
def robots() -> Response:
    return _conditional(
        Response(robots_txt(state().settings.base_uri), mimetype="text/plain"),
        vary=False,
        max_age=86400,
    )
