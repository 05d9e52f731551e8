"""Linked-data resources: `/id/…` answers 303, `/doc/…` the negotiated description."""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import BadRequest, NotAcceptable
from werkzeug.http import http_date

from councilgraph.store import GraphStore
from server import describe as lookup
from server.conneg import (
    FORMATS,
    HTML,
    JSON_LD,
    Format,
    alternate_links,
    choose_language,
    etag_for,
    negotiate,
    split_suffix,
)
from server.rendering import mimetype_with_charset, render
from server.state import state
from server.views import PageContext, build_page

blueprint = Blueprint("resources", __name__)

MAX_PAGE = 10_000
KEPT_PARAMETERS = ("lang", "format")


@blueprint.app_template_filter("ld_json")
def ld_json(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">` block that nothing can end early."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - escaped for a script data block just above


@blueprint.app_template_filter("merge_args")
def merge_args(args: dict[str, str], **changes: Any) -> str:
    """The query string of `args` with `changes` applied (a None value removes the parameter)."""
    merged = {**args, **{key: str(value) for key, value in changes.items() if value is not None}}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
    return urlencode(merged)


def page_context() -> PageContext:
    app_state = state()
    return PageContext(
        base=app_state.settings.base_uri,
        lang=choose_language(request.args.get("lang"), request.headers.get("Accept-Language")),
        store=app_state.store,
        cache=app_state.extras.setdefault("page-cache", {}),
    )


def requested_page() -> int:
    raw = request.args.get("page", "1")
    digits = raw.lstrip("0") if raw.isascii() and raw.isdigit() else ""
    if not digits or len(digits) > 9:
        raise BadRequest(f"`page` must be a whole number from 1 to {MAX_PAGE}.")
    return min(int(digits), MAX_PAGE)


def last_modified(version: str) -> datetime:
    """When the store's visible data last changed: snapshot time, else when first seen."""
    stamp = version.split("+", 1)[0]
    if stamp.isdigit() and len(stamp) >= 19:
        return datetime.fromtimestamp(int(stamp) // 1_000_000_000, tz=UTC)
    seen: dict[str, float] = state().extras.setdefault("version-seen", {})
    return datetime.fromtimestamp(int(seen.setdefault(version, time.time())), tz=UTC)


def not_modified(etag: str, modified: datetime) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains(etag)
    since = request.if_modified_since
    return since is not None and modified <= since


def not_found(fmt: Format | None, path: str) -> Response:
    message = f"There is no resource /id/{path} in this dataset."
    if fmt is HTML:
        body = render_template("not_found.html", path=path, message=message)
        response = Response(body, status=404, mimetype="text/html")
    elif fmt is JSON_LD:
        response = Response(
            json.dumps({"status": 404, "error": "Not Found", "message": message}),
            status=404,
            mimetype="application/json",
        )
    else:
        response = Response(f"404 Not Found\n{message}\n", status=404, mimetype="text/plain")
    response.headers["Vary"] = "Accept"
    return response


DESCRIPTIONS_KEPT = 16
"""Descriptions kept per process: the RDF forms of a resource are usually asked for together."""


def described(store: GraphStore, iri: str, page: int, version: str) -> lookup.Description:
    """The description of one page of a resource, kept for a few requests of the same store version."""
    kept: OrderedDict[tuple[str, str, int], lookup.Description] = state().extras.setdefault(
        "descriptions", OrderedDict()
    )
    key = (version, iri, page)
    found = kept.get(key)
    if found is None:
        found = kept[key] = lookup.describe(store, iri, page=page)
        while len(kept) > DESCRIPTIONS_KEPT:
            kept.popitem(last=False)
    return found


def page_html(
    description: lookup.Description, context: PageContext, doc_path: str, query_args: dict[str, str]
) -> bytes:
    """The HTML page of a description (the static export renders resource pages with it too)."""
    view = build_page(description, context)
    return render_template(
        f"resource/{view.kind}.html",
        page=view,
        doc_path=doc_path,
        formats=FORMATS,
        page_lang=context.lang,
        query_args=query_args,
    ).encode("utf-8")


@blueprint.route("/id/<path:path>", methods=["GET"])
def identify(path: str) -> Response:
    """The URI of a thing: 303 See Other to the document that describes it."""
    iri = lookup.iri_for(path, state().settings.base_uri)
    if iri is None or not lookup.exists(state().store, iri):
        return not_found(negotiate(request.headers.get("Accept")), path)
    kept = {key: request.args[key] for key in KEPT_PARAMETERS if key in request.args}
    query = "?" + urlencode(kept) if kept else ""
    # a shared concept (principle, vocabulary) has its IRI elsewhere: `/id/…` is an old name of its page here
    response = Response(status=303 if lookup.is_local(iri, state().settings.base_uri) else 301)
    response.headers["Location"] = f"{request.root_url}doc/{path}{query}"
    response.headers["Vary"] = "Accept"
    return response


@blueprint.route("/doc/<path:path>", methods=["GET"])
def document(path: str) -> Response:
    """The description of a thing, in the format the client asked for."""
    resource_path, suffix = split_suffix(path)
    fmt = negotiate(request.headers.get("Accept"), suffix, request.args.get("format"))
    base = state().settings.base_uri
    iri = lookup.iri_for(resource_path, base)
    if iri is None:
        return not_found(fmt, resource_path)
    if fmt is None:
        offered = ", ".join(f.media_type for f in FORMATS)
        raise NotAcceptable(f"This resource is available as {offered}.")
    page = requested_page()
    context = page_context()
    store = state().store
    version = store.version()
    variant = (context.lang, str(page)) if fmt is HTML else (str(page),)
    etag = etag_for(version, iri, fmt, *variant)
    modified = last_modified(version)
    doc_path = f"/doc/{resource_path}"
    headers = {
        "Vary": "Accept, Accept-Language" if fmt is HTML else "Accept",
        "Link": alternate_links(doc_path),
        "Cache-Control": "public, max-age=60",
    }
    if suffix is None:
        headers["Content-Location"] = f"{doc_path}.{fmt.suffix}"
    if not_modified(etag, modified):
        response = Response(status=304, headers=headers)
        response.set_etag(etag)
        response.headers["Last-Modified"] = http_date(modified)
        return response
    if not lookup.exists(store, iri):
        response = not_found(fmt, resource_path)
        response.headers["Link"] = headers["Link"]
        return response
    # a page view may add labels to its graph: only the RDF forms share a kept description
    description = lookup.describe(store, iri, page=page) if fmt is HTML else described(store, iri, page, version)
    if fmt is HTML:
        body = page_html(description, context, doc_path, dict(request.args))
    else:
        body = render(description.graph, fmt, description.triples)
    response = Response(body, status=200, mimetype=mimetype_with_charset(fmt), headers=headers)
    response.set_etag(etag)
    response.headers["Last-Modified"] = http_date(modified)
    return response
