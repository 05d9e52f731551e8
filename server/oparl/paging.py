"""OParl list pages: the request's filters and paging, and the `{data, pagination, links}` envelope.

Lists are sorted by the graph resource's IRI, which never changes, so pages
are stable. The filters `created_since`, `created_until`, `modified_since` and
`modified_until` take a full date-time with its zone and are inclusive;
`limit` is honoured up to `MAX_LIMIT`. Every link keeps the filters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from councilgraph.errors import CouncilGraphError
from server.oparl.data import Member
from server.oparl.urls import OParlUrls

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_PAGE = 1_000_000
TIME_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadListRequest(CouncilGraphError):
    """A list parameter that cannot be read (answered 400 with an OParl error object)."""


@dataclass(frozen=True)
class ListRequest:
    page: int = 1
    limit: int = DEFAULT_LIMIT
    filters: dict[str, datetime] = field(default_factory=dict)
    omit_internal: bool = False
    kept: dict[str, str] = field(default_factory=dict)
    """The parameters every link of the list repeats (filters, limit, omit_internal), as the client sent them."""

    def admits(self, member: Member) -> bool:
        times = member.times
        checks = {
            "created_since": lambda at: times.created >= at,
            "created_until": lambda at: times.created <= at,
            "modified_since": lambda at: times.modified >= at,
            "modified_until": lambda at: times.modified <= at,
        }
        return all(checks[name](at) for name, at in self.filters.items())


def _whole_number(name: str, raw: str, largest: int) -> int:
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise BadListRequest(f"`{name}` must be a whole number of at least 1, not {raw[:40]!r}.")
    return min(int(raw), largest)


def parse_time(name: str, raw: str) -> datetime:
    # an unencoded `+` in a query string arrives as a space
    text = raw.strip().replace(" ", "+")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or "T" not in text:
        raise BadListRequest(
            f"`{name}` must be a date-time with its time zone, e.g. 2014-01-01T00:00:00+01:00 "
            f"(URL-encoded: 2014-01-01T00%3A00%3A00%2B01%3A00), not {raw[:40]!r}."
        )
    return moment


def parse_list_request(args: Mapping[str, str]) -> ListRequest:
    """The paging and filter parameters of a list request; BadListRequest names the one that is wrong."""
    kept: dict[str, str] = {}
    filters: dict[str, datetime] = {}
    for name in TIME_FILTERS:
        if name in args:
            filters[name] = parse_time(name, args[name])
            kept[name] = args[name].strip().replace(" ", "+")
    limit = DEFAULT_LIMIT
    if "limit" in args:
        limit = _whole_number("limit", args["limit"], MAX_LIMIT)
        kept["limit"] = str(limit)
    page = _whole_number("page", args["page"], MAX_PAGE) if "page" in args else 1
    omit_internal = args.get("omit_internal", "").strip().lower() == "true"
    if omit_internal:
        kept["omit_internal"] = "true"
    return ListRequest(page=page, limit=limit, filters=filters, omit_internal=omit_internal, kept=kept)


def page_of(members: Sequence[Member], request: ListRequest) -> tuple[list[Member], int]:
    """The members on the requested page, and how many pass the filters in all."""
    admitted = [m for m in members if request.admits(m)]
    start = (request.page - 1) * request.limit
    return admitted[start : start + request.limit], len(admitted)


def envelope(
    data: list[dict[str, Any]], total: int, request: ListRequest, urls: OParlUrls, list_url: str, web: str | None
) -> dict[str, Any]:
    """A list page as OParl wants it: `data`, `pagination`, and `links` with `next` on all pages but the last."""
    pages = max(1, math.ceil(total / request.limit))

    def link(page: int) -> str:
        parameters = dict(request.kept)
        if page > 1:
            parameters["page"] = str(page)
        return urls.page(list_url, parameters)

    links = {"first": link(1), "self": link(request.page), "last": link(pages)}
    if 1 < request.page <= pages + 1:
        links["prev"] = link(request.page - 1)
    if request.page < pages:
        links["next"] = link(request.page + 1)
    if web:
        links["web"] = web
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": request.limit,
            "currentPage": request.page,
            "totalPages": pages,
        },
        "links": links,
    }
