"""One error handler for the whole app: HTML for browsers, JSON for programs, plain text otherwise.

Bugs stay bugs: an unexpected exception is logged and answered 500, never
turned into a 400 or a 404.
"""

from __future__ import annotations

import json
from html import escape

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from councilgraph.errors import (
    CouncilGraphError,
    QueryError,
    QueryRefused,
    QueryTimeout,
    StoreError,
)

STATUS_FOR: list[tuple[type[CouncilGraphError], int]] = [
    (QueryRefused, 400),
    (QueryError, 400),
    (QueryTimeout, 503),
    (StoreError, 503),
]

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{status} {title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/style.css"></head>
<body><main class="error"><h1>{status} {title}</h1><p>{message}</p>
<p><a href="/">Home</a> · <a href="/sparql">SPARQL</a> · <a href="/search">Search</a></p></main></body></html>
"""


def error_response(status: int, title: str, message: str, headers: dict[str, str] | None = None) -> Response:
    best = request.accept_mimetypes.best_match(
        ["text/html", "application/json", "application/sparql-results+json", "text/plain"],
        default="text/plain",
    )
    if best == "text/html" and request.accept_mimetypes["text/html"] > dict(request.accept_mimetypes).get("*/*", 0):
        body = _PAGE.format(status=status, title=escape(title), message=escape(message))
        response = Response(body, status=status, mimetype="text/html")
    elif best in ("application/json", "application/sparql-results+json"):
        payload = json.dumps({"status": status, "error": title, "message": message})
        response = Response(payload, status=status, mimetype="application/json")
    else:
        response = Response(f"{status} {title}\n{message}\n", status=status, mimetype="text/plain")
    response.headers["Vary"] = "Accept"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _handle_http(error: HTTPException) -> Response:
    status = error.code or 500
    headers = dict(error.get_headers()) if status in (405, 429) else {}
    headers.pop("Content-Type", None)
    return error_response(status, error.name, error.description or "", headers)


def _handle_ours(error: CouncilGraphError) -> Response:
    for error_type, status in STATUS_FOR:
        if isinstance(error, error_type):
            headers = {"Retry-After": "5"} if status == 503 else {}
            title = "Service Unavailable" if status == 503 else "Bad Request"
            return error_response(status, title, str(error), headers)
    return _handle_unexpected(error)


def _handle_unexpected(error: Exception) -> Response:
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path, exc_info=error)
    return error_response(500, "Internal Server Error", "The server met an unexpected error; it has been logged.")


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(CouncilGraphError, _handle_ours)
    app.register_error_handler(Exception, _handle_unexpected)
