"""The SPARQL 1.1 Protocol's request side: where the query and the dataset come from, and
which result format the client gets.

Parameters are decoded here from the raw query string or body, strictly as
UTF-8, so that a malformed request is answered 400 instead of being read with
replacement characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from flask import Request
from werkzeug.datastructures import MIMEAccept
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    NotAcceptable,
    RequestURITooLarge,
    UnsupportedMediaType,
)

from server.results import FORMAT_ALIASES, GRAPH_FORMATS, SOLUTION_FORMATS, ResultFormat

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
HTML = "html"

READ_ONLY = (
    "This endpoint is read-only: SPARQL Update "
    "(INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, "
    "COPY) is not accepted. Download a dump from /catalog to work on a copy of the data."
)
_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")


@dataclass
class ProtocolRequest:
    query: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    """Values of `format=` / `output=` (Virtuoso's and Fuseki's names; SPARQLWrapper sends both)."""

    @property
    def format_override(self) -> str | None:
        return self.formats[0] if self.formats else None

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def parse_pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    """Decode `application/x-www-form-urlencoded` text strictly (400 on bad %-escapes or UTF-8)."""
    pairs: list[tuple[str, str]] = []
    for chunk in raw.split(b"&"):
        if not chunk:
            continue
        name, _, value = chunk.partition(b"=")
        if _BAD_PERCENT.search(name) or _BAD_PERCENT.search(value):
            raise BadRequest(f"The {where} contains a malformed percent-escape (a % not followed by two hex digits).")
        try:
            decoded_name = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
            decoded_value = unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(f"The {where} is not valid UTF-8 once percent-decoded.") from None
        pairs.append((decoded_name, decoded_value))
    return pairs


def read_request(request: Request, max_bytes: int) -> ProtocolRequest:
    """The protocol request of a GET or POST to the endpoint (raises the protocol's 4xx errors)."""
    if len(request.query_string) > max_bytes:
        raise RequestURITooLarge(f"The query string is longer than {max_bytes} bytes; send long queries by POST.")
    url_pairs = parse_pairs(request.query_string, "query string")
    if request.method != "POST":
        return _from_pairs(url_pairs, body_query=None)
    media_type = request.mimetype
    if media_type == UPDATE_TYPE:
        raise Forbidden(READ_ONLY)
    if media_type == FORM_TYPE:
        body = request.get_data(cache=True)
        return _from_pairs(url_pairs + parse_pairs(body, "request body"), body_query=None)
    if media_type == QUERY_TYPE:
        charset = request.mimetype_params.get("charset", "utf-8")
        try:
            text = request.get_data(cache=True).decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise BadRequest(f"The request body is not valid {charset} text.") from None
        if any(name in ("query", "update") for name, _ in url_pairs):
            raise BadRequest("A direct POST carries the query in its body; do not also pass query= or update=.")
        return _from_pairs(url_pairs, body_query=text)
    if not media_type:
        raise BadRequest(
            f"A POST needs a Content-Type: {FORM_TYPE} (with query=…) or {QUERY_TYPE} (the query as the body)."
        )
    raise UnsupportedMediaType(f"Content-Type {media_type} is not accepted; use {FORM_TYPE} or {QUERY_TYPE}.")


def _from_pairs(pairs: list[tuple[str, str]], body_query: str | None) -> ProtocolRequest:
    if any(name == "update" for name, _ in pairs):
        raise Forbidden(READ_ONLY)
    queries = [value for name, value in pairs if name == "query"]
    if len(queries) > 1:
        raise BadRequest("The request has more than one query parameter; send exactly one.")
    query = body_query if body_query is not None else (queries[0] if queries else None)
    formats = [
        part.strip()
        for name, value in pairs
        if name in ("format", "output")
        for part in value.split(",")
        if part.strip()
    ]
    return ProtocolRequest(
        query=query,
        default_graphs=[value for name, value in pairs if name == "default-graph-uri"],
        named_graphs=[value for name, value in pairs if name == "named-graph-uri"],
        formats=formats,
    )


def choose_format(request: Request, returns_graph: bool, named: list[str], html_allowed: bool = True) -> str:
    """The key of the result format (`json`, `turtle`, …) or `html`; 406 when nothing fits.

    A format named in the request wins (the first one offered); else the Accept header."""
    table = GRAPH_FORMATS if returns_graph else SOLUTION_FORMATS
    if named:
        for name in named:
            key = _named_format(name, table, html_allowed)
            if key is not None:
                return key
        offered = ", ".join(table)
        raise NotAcceptable(f"format={named[0]!r} is not offered for this query; choose one of {offered}.")
    accept = request.accept_mimetypes
    if html_allowed and prefers_html(accept, [t for f in table.values() for t in f.accepts]):
        return HTML
    if not accept:  # no Accept header: the default format
        return next(iter(table))
    candidates = [media for f in table.values() for media in f.accepts]
    best = accept.best_match(candidates)
    if best is None:
        offered = ", ".join(f.accepts[0] for f in table.values())
        raise NotAcceptable(f"None of the requested media types can be served; this query offers {offered}.")
    return next(f.key for f in table.values() if best in f.accepts)


def prefers_html(accept: MIMEAccept, others: list[str]) -> bool:
    """True when the client names HTML itself (browsers do) and likes nothing in `others` better.

    A bare `*/*` (curl, most libraries) never selects HTML."""
    html = max((q for value, q in accept if value in ("text/html", "application/xhtml+xml")), default=0)
    if html <= 0:
        return False
    wanted = set(others)
    majors = {t.split("/", 1)[0] + "/*" for t in others}
    other = max((q for value, q in accept if value in wanted or value in majors), default=0)
    return html >= other


def _named_format(name: str, table: dict[str, ResultFormat], html_allowed: bool) -> str | None:
    wanted = name.strip().lower().split(";", 1)[0].strip()
    if wanted in (HTML, "text/html"):
        return HTML if html_allowed else None
    if table is GRAPH_FORMATS:
        wanted = {"json": "jsonld", "xml": "rdfxml", "rdf+xml": "rdfxml"}.get(wanted, wanted)
    wanted = FORMAT_ALIASES.get(wanted, wanted)
    if wanted in table:
        return wanted
    for fmt in table.values():
        if wanted in fmt.accepts:
            return fmt.key
    return None
