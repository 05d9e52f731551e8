"""Walking OParl lists: pages linked by `links.next`, with `modified_since`, refusing loops."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ingest.oparl.client import OParlClient
from ingest.oparl.errors import BadResponse
from ingest.oparl.identity import object_type

MAIN_LISTS = ("organization", "person", "meeting", "paper")
"""The body's lists of main objects, in the order they are harvested (actors before what links to them)."""
SUB_LISTS = ("membership", "agendaItem", "consultation", "file")
"""Lists of objects that are also embedded in a main object; read in incremental runs to find changed parents."""
TYPE_OF_LIST = {
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "paper": "Paper",
    "membership": "Membership",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
    "file": "File",
}


@dataclass(frozen=True)
class Page:
    url: str
    items: list[dict[str, Any]]
    next_url: str | None


def with_modified_since(url: str, since: str | None) -> str:
    if not since:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "modified_since"]
    query.append(("modified_since", since))
    return urlunsplit(parts._replace(query=urlencode(query)))


def pages(client: OParlClient, url: str) -> Iterator[Page]:
    """Every page of a list from `url` on; `BadResponse` for a page that is not a list or a loop of pages."""
    seen: set[str] = set()
    current: str | None = url
    while current:
        if current in seen:
            raise BadResponse(
                current,
                "links.next leads back to a page already read (a paging loop in the server); "
                "report it to the system's operator — the objects read so far are stored",
            )
        seen.add(current)
        page = client.get_json(current)
        data = page.get("data")
        if not isinstance(data, list):
            raise BadResponse(current, "is not an OParl list page (no `data` array); check the list URL of the body")
        links = page.get("links")
        next_url = links.get("next") if isinstance(links, dict) else None
        if next_url is not None and not isinstance(next_url, str):
            raise BadResponse(current, "links.next is not a URL")
        yield Page(current, [item for item in data if isinstance(item, dict)], next_url or None)
        current = next_url or None


def check_type(obj: dict[str, Any], expected: str, url: str) -> None:
    """`BadResponse` unless the object carries the expected OParl type."""
    found = object_type(obj)
    if found != expected:
        shown = obj.get("type", "no type")
        raise BadResponse(
            url, f"expected an OParl {expected}, got {shown!r}; check that the URL is an OParl {expected}"
        )
