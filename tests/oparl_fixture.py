"""A small OParl server on loopback that replays recorded OParl JSON (tests/data/oparl/, see SOURCES.md).

The recorded hosts are rewritten to the fixture's own address. Objects the
recorded ones link to (the originators of the example paper, the meeting of
its consultation, …) are derived from recorded objects by changing ids and
names. Tests steer it: modify or delete an object between runs, queue a 429
with `Retry-After` or a 500, cut a JSON answer short, make `links.next` loop,
serve file bytes (a PDF made in the test).
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from tests.ports import free_port

DATA = Path(__file__).parent / "data" / "oparl"
RECORDED_HOSTS = ("https://oparl.example.org", "https://ris.krefeld.de")
KREFELD = "/webservice/oparl/v1.0"
PAGE_SIZE = 2


@dataclass
class Fault:
    status: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it so
        pass


class OParlFixture:
    """Recorded OParl objects served at `http://127.0.0.1:{port}`; `system_url` is the entry point."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.objects: dict[str, dict[str, Any]] = {}
        self.lists: dict[str, list[str]] = {}
        self.files: dict[str, tuple[bytes, str]] = {}
        self.faults: dict[str, list[Fault]] = {}
        self.truncated: set[str] = set()
        """Paths (or `path?query`) whose JSON answer is cut in half."""
        self.loop_lists: set[str] = set()
        self.page_size = PAGE_SIZE
        self.requests: list[tuple[str, dict[str, str], str]] = []
        self._build()
        self._server = make_server("127.0.0.1", self.port, self._app, server_class=_Server, handler_class=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- the recorded world

    def recorded(self, relative: str) -> dict[str, Any]:
        text = (DATA / relative).read_text(encoding="utf-8")
        for host in RECORDED_HOSTS:
            text = text.replace(host, self.base)
        data: dict[str, Any] = json.loads(text)
        return data

    def url(self, path: str) -> str:
        return self.base + path

    def _build(self) -> None:
        body = self.recorded("krefeld/body.json")
        self.system_url = self.url(f"{KREFELD}/system")
        self.add(self.recorded("krefeld/system.json"))
        self.add(body)
        self.lists[self.url(f"{KREFELD}/body")] = [body["id"]]
        organization = self.recorded("spec/Organization-01.json")
        organizations = [
            organization,
            derive(
                organization, self.url("/organization/96"), name="Rat der Stadt", shortName="Rat", classification="Rat"
            ),
            derive(
                organization,
                self.url("/organization/2000"),
                name="SPD-Fraktion",
                shortName="SPD",
                organizationType="Fraktion",
                classification="Fraktion",
            ),
            derive(
                organization,
                self.url("/organization/1000"),
                name="Fraktion DIE LINKE",
                shortName="DIE LINKE",
                organizationType="Fraktion",
                classification="Fraktion",
            ),
            derive(
                organization,
                self.url("/organizations/5"),
                name="Bezirksvertretung Nord",
                shortName="BV Nord",
                classification="Bezirksvertretung",
            ),
            derive(
                organization,
                self.url("/organizations/9"),
                name="Jugendhilfeausschuss",
                shortName="JHA",
                classification="Ausschuss",
            ),
        ]
        person = self.recorded("spec/Person-01.json")
        persons = [
            person,
            derive(
                person,
                self.url("/person/2000"),
                name="Erika Musterfrau",
                givenName="Erika",
                familyName="Musterfrau",
                title=[],
                membership=[],
            ),
            derive(
                person,
                self.url("/person/1000"),
                name="Dr. Anna Beispiel",
                givenName="Anna",
                familyName="Beispiel",
                title=["Dr."],
                membership=[],
            ),
        ]
        meeting = self.recorded("spec/Meeting-01.json")
        item = copy.deepcopy(meeting["agendaItem"][0])
        item.update(
            id=self.url("/agendaitem/15569"),
            meeting=self.url("/meeting/243"),
            number="7.2",
            name="Antrag zur Mitgliedschaft in der Städtekoalition",
            result="beschlossen",
            consultation=self.url("/consultation/47594"),
        )
        meetings = [
            meeting,
            derive(
                meeting,
                self.url("/meeting/243"),
                name="12. Sitzung des Rates",
                start="2014-05-06T17:00:00+02:00",
                end="2014-05-06T21:00:00+02:00",
                organization=[self.url("/organization/96")],
                agendaItem=[item],
            ),
        ]
        paper = self.recorded("spec/Paper-01.json")
        papers = [
            paper,
            derive(
                paper,
                self.url("/paper/750"),
                reference="1235/2014",
                name="Antrag: Radwege sanieren",
                paperType="Antrag",
                mainFile=None,
                auxiliaryFile=[],
            ),
            derive(
                paper,
                self.url("/paper/751"),
                reference="1236/2014",
                name="Anfrage zur Beleuchtung",
                paperType="Anfrage",
                mainFile=None,
                auxiliaryFile=[],
            ),
        ]
        for obj in (*organizations, *persons, *meetings, *papers):
            self.add(obj)
        self.lists[body["organization"]] = [o["id"] for o in organizations]
        self.lists[body["person"]] = [p["id"] for p in persons]
        self.lists[body["meeting"]] = [m["id"] for m in meetings]
        self.lists[body["paper"]] = [p["id"] for p in papers]
        self.body = body

    def add(self, obj: dict[str, Any], list_url: str | None = None) -> None:
        self.objects[obj["id"]] = obj
        if list_url is not None and obj["id"] not in self.lists.setdefault(list_url, []):
            self.lists[list_url].append(obj["id"])

    def modify(self, oparl_id: str, **fields: Any) -> None:
        """Change an object; its `modified` becomes now, so a run with `modified_since` sees it."""
        self.objects[oparl_id].update(fields, modified=_now())

    def delete(self, oparl_id: str) -> None:
        """Answer for the object as OParl marks a deleted one."""
        kind = self.objects[oparl_id]["type"]
        self.objects[oparl_id] = {"id": oparl_id, "type": kind, "deleted": True, "modified": _now()}

    def fail(self, path: str, *faults: Fault) -> None:
        """Answer the next requests of `path` with these faults, then normally."""
        self.faults.setdefault(path, []).extend(faults)

    def requested(self, path: str) -> list[dict[str, str]]:
        return [query for p, query, _agent in self.requests if p == path]

    # -- serving

    def __enter__(self) -> OParlFixture:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _app(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        query = dict(parse_qsl(environ.get("QUERY_STRING", "")))
        self.requests.append((path, query, environ.get("HTTP_USER_AGENT", "")))
        if self.faults.get(path):
            fault = self.faults[path].pop(0)
            start_response(fault.status, [("Content-Length", str(len(fault.body))), *fault.headers])
            return [fault.body]
        if path in self.files:
            body, media_type = self.files[path]
            return _answer(start_response, "200 OK", body, media_type)
        url = self.url(path)
        if url in self.lists:
            data = json.dumps(self._page(url, query), ensure_ascii=False).encode("utf-8")
        elif url in self.objects:
            data = json.dumps(self.objects[url], ensure_ascii=False).encode("utf-8")
        else:
            return _answer(start_response, "404 Not Found", b'{"error": "not found"}', "application/json")
        if path in self.truncated or f"{path}?{environ.get('QUERY_STRING', '')}" in self.truncated:
            data = data[: len(data) // 2]
        return _answer(start_response, "200 OK", data, "application/json")

    def _page(self, list_url: str, query: dict[str, str]) -> dict[str, Any]:
        since = query.get("modified_since")
        items = [self.objects[i] for i in self.lists[list_url] if _modified_since(self.objects[i], since)]
        page = int(query.get("page", "1"))
        chunk = items[(page - 1) * self.page_size : page * self.page_size]
        links: dict[str, str] = {}
        keep = {k: v for k, v in query.items() if k != "page"}
        if page * self.page_size < len(items):
            links["next"] = f"{list_url}?{urlencode({**keep, 'page': page + 1})}"
        elif urlsplit(list_url).path in self.loop_lists and page > 1:
            links["next"] = f"{list_url}?{urlencode({**keep, 'page': 1})}"
        return {"data": chunk, "pagination": {"totalElements": len(items), "currentPage": page}, "links": links}

    def paths(self) -> Iterator[str]:
        for url in (*self.objects, *self.lists):
            yield urlsplit(url).path


def derive(obj: dict[str, Any], new_id: str, **fields: Any) -> dict[str, Any]:
    """A copy of a recorded object under another id, some fields changed (None removes a field)."""
    copied = copy.deepcopy(obj)
    copied["id"] = new_id
    for name, value in fields.items():
        if value is None:
            copied.pop(name, None)
        else:
            copied[name] = value
    return copied


def _modified_since(obj: dict[str, Any], since: str | None) -> bool:
    if since is None or not isinstance(obj.get("modified"), str):
        return since is None or obj.get("deleted") is True
    return datetime.fromisoformat(obj["modified"]) >= datetime.fromisoformat(since)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _answer(start_response: Any, status: str, body: bytes, media_type: str) -> list[bytes]:
    start_response(status, [("Content-Type", media_type), ("Content-Length", str(len(body)))])
    return [body]
