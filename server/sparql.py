"""`/sparql`: the SPARQL 1.1 Protocol endpoint (read-only), its query page and service description.

The flow of a request: read the protocol parameters (`server.sparql_protocol`),
read the query's outline (`councilgraph.query_text`) to refuse updates, `SERVICE`
and foreign `FROM` graphs and to cap the rows (the worker checks for a hidden
`SERVICE` once more with the parser, and counts the rows it returns), pick the result format, then
answer from the result cache or from a query worker (`server.query_pool`).

Truncation: a SELECT returns at most `settings.row_limit` rows, a CONSTRUCT or
DESCRIBE at most that many triples. When it had more, the response carries `X-SPARQL-Truncated: true` and
`X-SPARQL-Row-Limit: N`, and a JSON result also `"truncated": true` beside
`head` (clients ignore members they do not know).
"""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass, replace

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import BadRequest, Forbidden, NotAcceptable

from councilgraph import query_text
from councilgraph.errors import QueryError, QueryRefused
from councilgraph.namespaces import PREFIXES
from councilgraph.query_text import QueryOutline
from councilgraph.remote import RemoteStore
from server import examples, service_description
from server.answer_body import file_body
from server.query_pool import SERVICE_REFUSED, Answer, Job, pool_for, run_job
from server.remote_queries import answer_remotely
from server.result_cache import ResultCache, cache_key
from server.results import GRAPH_FORMATS, SOLUTION_FORMATS
from server.sparql_page import page_context
from server.sparql_protocol import (
    HTML,
    READ_ONLY,
    ProtocolRequest,
    choose_format,
    prefers_html,
    read_request,
)
from server.state import AppState, state

blueprint = Blueprint("sparql", __name__)
blueprint.register_blueprint(examples.blueprint)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, X-SPARQL-Truncated, X-SPARQL-Row-Limit",
}
_PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, If-None-Match",
    "Access-Control-Max-Age": "86400",
    "Allow": "GET, HEAD, POST, OPTIONS",
}
_GZIP_MIN_BYTES = 1024
_EMPTY_STORE = ox.Store()


@dataclass(frozen=True)
class Prepared:
    """A query ready to run: the text to execute and how to answer it."""

    text: str
    outline: QueryOutline
    job: Job
    key: str


@blueprint.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=_PREFLIGHT_HEADERS)
    started = time.perf_counter()
    app_state = state()
    protocol = read_request(request, app_state.settings.max_request_bytes)
    if protocol.query is None:
        if request.method == "POST":
            raise BadRequest("The request has no query: send query=… (form) or the query as the body.")
        return _without_query(protocol)
    if not protocol.query.strip():
        raise BadRequest("The query is empty.")
    outline = query_text.outline(protocol.query)
    _refuse_unsafe(protocol.query, outline, app_state, protocol)
    fmt = choose_format(request, outline.returns_graph, protocol.formats, html_allowed=request.method == "GET")
    if fmt == HTML:
        return _page(protocol, outline, app_state)
    prepared = _prepare(protocol, outline, fmt, app_state)
    etag = f'"{prepared.key}"'
    if request.method == "GET":
        for tag in (prepared.key, prepared.key + "-gz"):
            if request.if_none_match.contains(tag):
                return Response(status=304, headers=_cache_headers(f'"{tag}"'))
    answer = _answer(prepared, app_state)
    return _result_response(answer, fmt, etag if request.method == "GET" else None, app_state, started)


def _without_query(protocol: ProtocolRequest) -> Response:
    """GET /sparql without a query: the query page for browsers, else the service description."""
    rdf_types = [t for f in GRAPH_FORMATS.values() for t in f.accepts]
    wants_page = protocol.format_override == HTML or (
        not protocol.format_override and prefers_html(request.accept_mimetypes, rdf_types)
    )
    if wants_page:
        return _page(protocol, None, state())
    return service_description.response(protocol.format_override)


def _refuse_unsafe(text: str, outline: QueryOutline, app_state: AppState, protocol: ProtocolRequest) -> None:
    if outline.is_update:
        raise Forbidden(READ_ONLY)
    if outline.uses_service:
        raise QueryRefused(SERVICE_REFUSED)
    if outline.form is None:
        try:
            _EMPTY_STORE.query(text)
        except SyntaxError as error:
            raise QueryError(f"The query does not parse: {error}") from None
        raise QueryError("The text is not a SELECT, ASK, CONSTRUCT or DESCRIBE query.")
    # `default-graph-uri`/`named-graph-uri` naming a graph the store does not hold give an empty
    # graph, as the protocol's dataset rules read; only FROM, which some stores would fetch, is refused.
    named = [*outline.from_graphs, *outline.from_named_graphs]
    if not named:
        return  # listing the graphs can take a large remote store many seconds: only when needed
    known = _known_graphs(app_state)
    for iri in named:
        if iri not in known:
            raise QueryRefused(
                f"FROM <{iri}> names a graph that is not in this store; "
                "the endpoint does not fetch "
                "remote data. Leave FROM out to query the union of all graphs, or name a graph "
                "listed in the service description."
            )


def _known_graphs(app_state: AppState) -> frozenset[str]:
    version = app_state.store.version()
    cached = app_state.extras.get("sparql_known_graphs")
    if isinstance(cached, tuple) and cached[0] == version:
        graphs: frozenset[str] = cached[1]
        return graphs
    graphs = frozenset(app_state.store.named_graphs())
    app_state.extras["sparql_known_graphs"] = (version, graphs)
    return graphs


def _prepare(protocol: ProtocolRequest, outline: QueryOutline, fmt: str, app_state: AppState) -> Prepared:
    row_limit = app_state.settings.row_limit
    text = original = protocol.query or ""
    row_cap: int | None = None
    if outline.form == "SELECT" or outline.returns_graph:
        row_cap = row_limit  # enforced on the results; a capped LIMIT only lets the engine stop early
    if outline.form == "SELECT" and (outline.limit is None or outline.limit > row_limit):
        text = query_text.with_row_cap(text, outline, row_limit + 1)
    default: tuple[str, ...] | None
    named: tuple[str, ...] | None
    if protocol.has_dataset:
        default, named = tuple(protocol.default_graphs), tuple(protocol.named_graphs)
    elif outline.from_graphs or outline.from_named_graphs:
        default, named = tuple(outline.from_graphs), tuple(outline.from_named_graphs)
    else:
        default = named = None
    job = Job(
        query=text,
        form=outline.form or "",
        format_key=fmt,
        default_graphs=default,
        named_graphs=named,
        row_cap=row_cap,
        original=original if text != original else None,
    )
    version = app_state.store.version()
    return Prepared(text, outline, job, cache_key(version, job))


def _answer(prepared: Prepared, app_state: AppState, *, keep: bool = False) -> Answer:
    """From the result cache, or run; an answer is kept when its query was asked before (or `keep`)."""
    cache = app_state.extras.get("sparql_results")
    if not isinstance(cache, ResultCache):
        cache = app_state.extras.setdefault("sparql_results", ResultCache(admit_when_seen_twice=True))
    cached = cache.get(prepared.key)
    if isinstance(cached, Answer):
        return replace(cached, seconds=None)  # nothing ran for this request
    answer = _run(prepared.job, app_state)
    if cache_key(answer.version, prepared.job) == prepared.key:
        cache.put(prepared.key, answer, len(answer.body), admit=keep)
    return answer


def cached_answer(text: str, app_state: AppState) -> Answer:
    """The answer a browser's query page and a JSON client get for `text` (no dataset given),
    through the result cache, and kept there: what warms the cache for the example queries."""
    outline = query_text.outline(text)
    fmt = "turtle" if outline.returns_graph else "json"
    return _answer(_prepare(ProtocolRequest(query=text), outline, fmt, app_state), app_state, keep=True)


def run_query_in_pool(text: str, fmt: str = "json") -> Answer:
    """Run a trusted query of the project (no row cap) through the worker pool."""
    app_state = state()
    form = query_text.outline(text).form or "SELECT"
    return _run(Job(query=text, form=form, format_key=fmt), app_state)


def _run(job: Job, app_state: AppState) -> Answer:
    """In a worker process; in process (without a time limit) when `query_workers` is 0;
    on a remote store by the store, asked from this thread (under the client's time limit)."""
    if isinstance(app_state.store, RemoteStore):
        return answer_remotely(job, app_state.store)
    if app_state.settings.query_workers <= 0:
        return run_job(job, app_state.store)
    return pool_for(app_state.extras, app_state.settings).run(job)


def _cache_headers(etag: str | None) -> dict[str, str]:
    headers = {"Vary": "Accept, Accept-Encoding", "Cache-Control": "no-cache", **CORS_HEADERS}
    if etag is not None:
        headers["ETag"] = etag
    return headers


def _result_response(answer: Answer, fmt: str, etag: str | None, app_state: AppState, started: float) -> Response:
    table = SOLUTION_FORMATS if fmt in SOLUTION_FORMATS else GRAPH_FORMATS
    headers = _cache_headers(etag)
    headers["Server-Timing"] = server_timing(answer, time.perf_counter() - started)
    if answer.truncated:
        headers["X-SPARQL-Truncated"] = "true"
        headers["X-SPARQL-Row-Limit"] = str(app_state.settings.row_limit)
    media_type = table[fmt].media_type
    if _gzip_wanted(len(answer.body)):  # compressed once the response is complete (`_finish`)
        return Response(answer.body, status=200, headers=headers, content_type=media_type)
    response = Response(
        file_body(request.environ, answer.body), status=200, headers=headers, content_type=media_type
    )
    response.direct_passthrough = True
    response.content_length = len(answer.body)
    return response


def server_timing(answer: Answer, handled_seconds: float) -> str:
    """The `Server-Timing` header of an answer: what answered (an in-memory copy or the snapshot on
    disk), the time the query took where it ran (`query`: evaluation and writing the result, in the
    query worker; absent for an answer from the result cache) and the time this process spent on the
    request up to its response (`app`: the query's time, the hand-over to and from the worker, reading
    the request), so that a client can tell the engine's share of its wait from the rest."""
    parts = [f'engine;desc="{answer.engine}"']
    if answer.seconds is not None:
        parts.append(f"query;dur={answer.seconds * 1000:.3f}")
    parts.append(f"app;dur={handled_seconds * 1000:.3f}")
    return ", ".join(parts)


def _page(protocol: ProtocolRequest, outline: QueryOutline | None, app_state: AppState) -> Response:
    """The query page; with a query, its results rendered here (so it works without JavaScript)."""
    payload: dict[str, object] | None = None
    graph_text: str | None = None
    answer: Answer | None = None
    if protocol.query and outline is not None:
        fmt = "turtle" if outline.returns_graph else "json"
        answer = _answer(_prepare(protocol, outline, fmt, app_state), app_state)
        if outline.returns_graph:
            graph_text = answer.body.decode("utf-8")
        else:
            payload = json.loads(answer.body)
    context = page_context(
        query=protocol.query,
        payload=payload,
        graph_text=graph_text,
        truncated=bool(answer and answer.truncated),
        row_limit=app_state.settings.row_limit,
        base_uri=app_state.settings.base_uri,
        examples=examples.load_examples(),
        prefixes=PREFIXES,
    )
    response = Response(render_template("sparql.html", **context), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


@blueprint.errorhandler(NotAcceptable)
def _not_acceptable(error: NotAcceptable) -> Response:
    from server.errors import error_response

    response = error_response(406, error.name, error.description or "")
    response.headers.update(CORS_HEADERS)
    return response


@blueprint.after_request
def _finish(response: Response) -> Response:
    if request.path != "/sparql" and not request.path.startswith("/.well-known/sparql"):
        return response
    for name, value in CORS_HEADERS.items():
        response.headers.setdefault(name, value)
    _compress(response)
    return response


def _gzip_wanted(length: int) -> bool:
    return length >= _GZIP_MIN_BYTES and "gzip" in request.headers.get("Accept-Encoding", "")


def _compress(response: Response) -> None:
    if response.direct_passthrough or response.status_code != 200 or "Content-Encoding" in response.headers:
        return
    body = response.get_data()
    if not _gzip_wanted(len(body)):
        return
    response.set_data(gzip.compress(body, compresslevel=1))
    response.headers["Content-Encoding"] = "gzip"
    vary = response.headers.get("Vary", "")
    if "accept-encoding" not in vary.lower():
        response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    etag = response.headers.get("ETag")
    if etag and not etag.endswith('-gz"'):
        response.headers["ETag"] = etag[:-1] + '-gz"'
