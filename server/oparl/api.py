"""`/oparl/v1.1/…`: the graph as a read-only OParl 1.1 API.

The entry point is the System object, `/oparl/v1.1/system`; it names the list
of bodies, one per city with data, and each body names its lists. Every
answer is JSON (`application/json`, UTF-8, `Access-Control-Allow-Origin: *`);
errors are OParl error objects (`type`, `message`, `debug`) with their HTTP
status. Only GET (and HEAD) are answered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, current_app, request
from rdflib import URIRef
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from councilgraph.errors import CouncilGraphError, StoreError
from councilgraph.namespaces import CG
from councilgraph.texts import full_text
from server.errors import STATUS_FOR
from server.oparl import actors, meetings, objects
from server.oparl.data import ORGANIZATION_CLASSES, GraphReader, Member, Times
from server.oparl.paging import BadListRequest, ListRequest, envelope, page_of, parse_list_request
from server.oparl.urls import OPARL_VERSION, OParlUrls, schema_type
from server.oparl.view import GraphView, compact, timestamp
from server.publishing import catalog_config
from server.resources import last_modified
from server.state import state

blueprint = Blueprint("oparl", __name__, url_prefix="/oparl/v1.1")

PRODUCT = "https://w3id.org/councilgraph/"
BODY_LISTS = {
    "organization": "organizations",
    "person": "persons",
    "meeting": "meetings",
    "paper": "papers",
    "agendaItem": "agendaItems",
    "consultation": "consultations",
    "file": "files",
    "locationList": "locations",
    "legislativeTermList": "legislativeTerms",
    "membership": "memberships",
}
"""Body field → the URL segment of that list."""
MAKERS: dict[str, Callable[[GraphView, str], dict[str, Any]]] = {
    "paper": objects.paper,
    "organization": actors.organization,
    "person": actors.person,
    "consultation": objects.consultation,
    "meeting": meetings.meeting,
    "agendaItem": meetings.agenda_item,
    "file": objects.file,
}
"""Object type (URL segment) → how it is built from the graph."""
LIST_MAKERS = {
    "papers": "paper",
    "organizations": "organization",
    "persons": "person",
    "consultations": "consultation",
    "meetings": "meeting",
    "agendaItems": "agendaItem",
    "files": "file",
}
"""Body list → the object type of its entries (memberships are built from two resources)."""
TYPE_CHECKS: dict[str, Callable[[set[URIRef]], bool]] = {
    "paper": lambda types: CG.Motion in types,
    "organization": lambda types: bool(types & set(ORGANIZATION_CLASSES)) and CG.Person not in types,
    "person": lambda types: CG.Person in types,
    "consultation": lambda types: CG.Consultation in types,
    "meeting": lambda types: CG.Meeting in types,
    "agendaItem": lambda types: CG.AgendaItem in types,
    "file": lambda types: CG.Document in types,
}
"""Object type → whether a resource of these classes is one."""
ERROR_TYPE = schema_type("Error")


class ObjectNotFound(NotFound):
    """An OParl URL that names no object of this dataset."""


# --------------------------------------------------------------------------- answers


def oparl_json(data: dict[str, Any], status: int = 200) -> Response:
    """JSON as OParl wants it; `<`, `>` and `&` are written as JSON escapes, so no browser reads markup in it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    response = Response(text.encode("utf-8"), status=status, mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def error_object(status: int, message: str, debug: str = "") -> Response:
    payload = {"type": ERROR_TYPE, "message": message, "debug": debug or f"HTTP {status}: {request.path}"}
    return oparl_json(payload, status)


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = error_object(status, error.description or error.name)
    for name, value in error.get_headers():  # Retry-After of a 429, Allow of a 405
        if name.lower() != "content-type":
            response.headers[name] = value
    if isinstance(error, MethodNotAllowed):
        response.headers["Allow"] = "GET, HEAD"
    return response


@blueprint.errorhandler(BadListRequest)
def _bad_list_request(error: BadListRequest) -> Response:
    return error_object(400, str(error))


@blueprint.errorhandler(CouncilGraphError)
def _our_error(error: CouncilGraphError) -> Response:
    for error_type, status in STATUS_FOR:
        if isinstance(error, error_type):
            response = error_object(status, str(error))
            if isinstance(error, StoreError):
                response.headers["Retry-After"] = "5"
            return response
    return _log_unexpected(error)


# --------------------------------------------------------------------------- helpers


def _urls() -> OParlUrls:
    return OParlUrls(state().settings.base_uri)


def _reader() -> GraphReader:
    app_state = state()
    store = app_state.store.pinned()
    return GraphReader(
        store,
        app_state.settings.base_uri,
        published=last_modified(store.version()),
        cache=app_state.extras.setdefault("oparl-lists", {}),
    )


def _conditional(response: Response) -> Response:
    response.add_etag()
    response.make_conditional(request)
    return response


def _city(reader: GraphReader, slug: str) -> str:
    iri = _urls().graph_iri("body", slug)
    if iri is None or "/" in slug or iri not in reader.cities():
        raise ObjectNotFound(f"There is no body {slug!r} in this dataset; /oparl/v1.1/bodies lists them.")
    return iri


def _body_lists(urls: OParlUrls, slug: str) -> dict[str, str]:
    return {field: urls.body_list(slug, segment) for field, segment in BODY_LISTS.items()}


# --------------------------------------------------------------------------- routes


@blueprint.route("/", methods=["GET"])
def entry() -> Response:
    """The System object is the entry point; its canonical URL is `/oparl/v1.1/system`."""
    response = Response(status=301)
    response.headers["Location"] = _urls().system()
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@blueprint.route("/system", methods=["GET"])
def system() -> Response:
    urls = _urls()
    config = catalog_config()
    published = timestamp(_reader().published)
    base = state().settings.base_uri
    data = compact(
        {
            "id": urls.system(),
            "type": schema_type("System"),
            "oparlVersion": OPARL_VERSION,
            "license": config.license,
            "body": urls.bodies(),
            "name": config.title,
            "contactEmail": config.contact_email,
            "contactName": config.contact_name,
            "website": base,
            "vendor": config.publisher_homepage or config.publisher_iri(base),
            "product": PRODUCT,
            "created": published,
            "modified": published,
            "web": base,
        }
    )
    return _conditional(oparl_json(data))


@blueprint.route("/bodies", methods=["GET"])
def bodies() -> Response:
    listing = parse_list_request(request.args)
    reader = _reader()
    urls = _urls()
    members = [Member(city, Times(reader.published, reader.published)) for city in reader.cities()]
    shown, total = page_of(members, listing)
    view = GraphView(reader, urls)
    view.load(m.iri for m in shown)
    data = [objects.body(view, m.iri, _body_lists(urls, m.iri.rsplit("/", 1)[-1])) for m in shown]
    return _conditional(oparl_json(envelope(data, total, listing, urls, urls.bodies(), f"{urls.base}cities")))


@blueprint.route("/body/<slug>", methods=["GET"])
def body(slug: str) -> Response:
    reader = _reader()
    city = _city(reader, slug)
    urls = _urls()
    view = GraphView(reader, urls)
    view.load([city])
    return _conditional(oparl_json(objects.body(view, city, _body_lists(urls, slug))))


@blueprint.route("/body/<slug>/<segment>", methods=["GET"])
def body_list(slug: str, segment: str) -> Response:
    if segment not in BODY_LISTS.values():
        raise ObjectNotFound(f"A body has no list {segment!r}; its lists are: {', '.join(BODY_LISTS.values())}.")
    listing: ListRequest = parse_list_request(request.args)
    reader = _reader()
    city = _city(reader, slug)
    urls = _urls()
    shown, total = page_of(reader.members(segment, city), listing)
    view = GraphView(reader, urls, omit_internal=listing.omit_internal)
    view.load({m.iri for m in shown} | {m.organization for m in shown if m.organization})
    if segment == "memberships":
        data = [actors.membership(view, m.iri, m.organization or "") for m in shown]
    else:
        make = MAKERS[LIST_MAKERS[segment]] if segment in LIST_MAKERS else None
        data = [make(view, m.iri) for m in shown] if make else []
    list_url = urls.body_list(slug, segment)
    web = f"{urls.base}motions?city={slug}" if segment == "papers" else None
    return _conditional(oparl_json(envelope(data, total, listing, urls, list_url, web)))


@blueprint.route("/file/<path:path>/text", methods=["GET"])
def file_text(path: str) -> Response:
    """The text of a document as it was read: the `accessUrl` of its File."""
    iri = _urls().graph_iri("file", path)
    text = full_text(state().store, iri) if iri else None
    if text is None:
        raise ObjectNotFound(f"There is no file {path!r} with a text in this dataset.")
    response = Response(text.value.encode("utf-8"), mimetype="text/plain")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return _conditional(response)


@blueprint.route("/<object_type>/<path:path>", methods=["GET"])
def single(object_type: str, path: str) -> Response:
    known = [*MAKERS, "membership"]
    if object_type not in known:
        raise ObjectNotFound(f"OParl objects here are: {', '.join(known)}; {object_type!r} is none of them.")
    view = GraphView(_reader(), _urls())
    data = _membership(view, path) if object_type == "membership" else _object(view, object_type, path)
    if data is None:
        raise ObjectNotFound(f"There is no {object_type} {path!r} in this dataset.")
    return _conditional(oparl_json(data))


def _object(view: GraphView, object_type: str, path: str) -> dict[str, Any] | None:
    iri = view.urls.graph_iri(object_type, path)
    if iri is None:
        return None
    view.load([iri])
    if not TYPE_CHECKS[object_type](view.types(URIRef(iri))):
        return None
    return MAKERS[object_type](view, iri)


def _membership(view: GraphView, path: str) -> dict[str, Any] | None:
    """`membership/{person city}/{person}/{organization city}/{organization}`"""
    parts = path.split("/")
    if len(parts) != 4:
        return None
    person = view.urls.graph_iri("person", "/".join(parts[:2]))
    organization = view.urls.graph_iri("organization", "/".join(parts[2:]))
    if person is None or organization is None:
        return None
    view.load([person, organization])
    if (URIRef(person), CG.memberOf, URIRef(organization)) not in view.graph:
        return None
    return actors.membership(view, person, organization)


@blueprint.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(rest: str) -> Response:
    if request.method != "GET":
        raise MethodNotAllowed(["GET", "HEAD"], "The OParl API is read-only: only GET is answered.")
    raise ObjectNotFound(f"/oparl/v1.1/{rest} names nothing here; start at /oparl/v1.1/system.")


def _log_unexpected(error: Exception) -> Response:
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path, exc_info=error)
    return error_object(500, "The server met an unexpected error; it has been logged.")


blueprint.register_error_handler(Exception, _log_unexpected)
