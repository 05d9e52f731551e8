"""The harvest: System → Body → the body's lists, one named graph per object, incremental and resumable.

Each list page is stored in one transaction together with the body's state
(the next page to read), so a run that is interrupted resumes after the last
page stored; a run that completes makes its start time the next run's
`modified_since`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from councilgraph.settings import Settings
from councilgraph.store import GraphStore
from councilgraph.texts import document_graphs
from ingest.oparl.checking import PageValidation
from ingest.oparl.cities import city_of_body
from ingest.oparl.client import OParlClient
from ingest.oparl.context import MappingContext
from ingest.oparl.errors import BadResponse, HarvestError
from ingest.oparl.files import FileResult, download
from ingest.oparl.identity import ids, is_iri, object_key, object_type, text_of
from ingest.oparl.merge import Discrepancy
from ingest.oparl.objects import ObjectOutcome, graphs_derived_from, process_object
from ingest.oparl.refs import References
from ingest.oparl.state import DONE, BodyState, load_state, state_graph
from ingest.oparl.walker import MAIN_LISTS, SUB_LISTS, TYPE_OF_LIST, Page, check_type, pages, with_modified_since

PARENT_FIELDS = {
    "membership": ("person",),
    "agendaItem": ("meeting",),
    "consultation": ("paper",),
    "file": ("paper", "meeting"),
}


@dataclass
class HarvestOptions:
    body: str | None = None
    since: str | None = None
    papers_only: bool = False
    max_objects: int | None = None
    with_files: bool = True
    keep_discrepancies: bool = True
    """Keep each disagreement between API and text for the report (`--explain`); else only count them."""


@dataclass
class HarvestReport:
    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    disagreements: int = 0
    bodies: list[str] = field(default_factory=list)
    complete: bool = True


Listener = Callable[[str, ObjectOutcome], None]


class _Stop(Exception):
    """--max reached."""


class Harvester:
    def __init__(
        self,
        client: OParlClient,
        store: GraphStore,
        settings: Settings,
        options: HarvestOptions | None = None,
        on_outcome: Listener | None = None,
    ) -> None:
        self.client, self.store, self.settings = client, store, settings
        self.options = options or HarvestOptions()
        self.on_outcome = on_outcome
        self.report = HarvestReport()
        self._pending: dict[str, str] = {}
        self._handled = 0
        self._last_publish = time.monotonic()
        self.validation = PageValidation(settings.base_uri, settings.ingest_workers)

    def run(self, url: str) -> HarvestReport:
        entry = self.client.get_json(url)
        kind = object_type(entry)
        if kind == "Body":
            bodies = [entry]
        elif kind == "System":
            body_list = entry.get("body")
            if not isinstance(body_list, str):
                raise BadResponse(url, "the System names no body list (`body`)")
            bodies = [item for page in pages(self.client, body_list) for item in page.items]
        else:
            check_type(entry, "System", url)
            bodies = []
        chosen = [b for b in bodies if self._wanted(b)]
        if self.options.body and not chosen:
            known = ", ".join(f"{object_key(str(b.get('id')))} ({text_of(b.get('name'))})" for b in bodies) or "none"
            raise HarvestError(f"no body {self.options.body!r} in {url}; the system's bodies: {known}")
        try:
            for body in chosen:
                check_type(body, "Body", str(body.get("id")))
                if not is_iri(body.get("id")):
                    raise BadResponse(url, f"a body without a valid `id` URL: {body.get('id')!r}")
                self._harvest_body(body)
        except _Stop:
            self.report.complete = False
        finally:
            self.validation.close()
            self.store.compact()
            self.store.publish()
        return self.report

    def _wanted(self, body: dict[str, Any]) -> bool:
        wanted = self.options.body
        if not wanted:
            return True
        body_id = str(body.get("id", ""))
        names = {body_id, object_key(body_id), body_id.rstrip("/").rsplit("/", 1)[-1]}
        names |= {n.casefold() for n in (text_of(body.get("name")), text_of(body.get("shortName"))) if n}
        return wanted in names or wanted.casefold() in names

    # -- one body

    def _harvest_body(self, body: dict[str, Any]) -> None:
        city = city_of_body(body)
        self.report.bodies.append(f"{text_of(body.get('name')) or body['id']} → {city.slug}")
        state = load_state(self.store, self.settings.minter, body["id"])
        state.city_slug, state.city_name = city.slug, city.name
        if not state.unfinished:
            since = self.options.since or state.last_success
            state.start_run(datetime.now(UTC).isoformat(timespec="seconds"), since)
        refs = References(self.store, self.client.get_json)
        context = MappingContext(self.settings.minter, city, refs)
        refs.map_fetched = lambda obj: self._store_outcome(context, obj)
        lists = ["paper"] if self.options.papers_only else list(MAIN_LISTS)
        if state.run_since:
            lists += ["consultation", "file"] if self.options.papers_only else list(SUB_LISTS)
        with ThreadPoolExecutor(max_workers=max(1, self.client.settings.concurrency)) as pool:
            for name in lists:
                self._harvest_list(body, name, state, context, pool)
        state.finish_run()
        self._flush(state)

    def _harvest_list(
        self, body: dict[str, Any], name: str, state: BodyState, context: MappingContext, pool: ThreadPoolExecutor
    ) -> None:
        cursor = state.cursors.get(name)
        if cursor == DONE:
            return
        list_url = body.get(name)
        if not isinstance(list_url, str) or not list_url:
            state.cursors[name] = DONE
            return
        for page in pages(self.client, cursor or with_modified_since(list_url, state.run_since)):
            self._harvest_page(page, name, state, context, pool)
            state.cursors[name] = page.next_url or DONE
            self._flush(state)

    def _harvest_page(
        self, page: Page, name: str, state: BodyState, context: MappingContext, pool: ThreadPoolExecutor
    ) -> None:
        expected = TYPE_OF_LIST[name]
        downloads = self._start_downloads(page, context, pool) if name == "paper" else {}
        outcomes: list[ObjectOutcome] = []
        stop = False
        for n, obj in enumerate(page.items):
            if self.options.max_objects is not None and self._handled >= self.options.max_objects:
                state.cursors[name] = page.url  # resume with this page: its rest is not stored yet
                stop = True
                break
            if object_type(obj) != expected and obj.get("deleted") is not True:
                self.report.errors.append(f"{page.url}: item {n + 1} is a {obj.get('type')!r}, not an OParl {expected}")
                self.report.counts["failed"] += 1
                continue
            self._handled += 1
            if name in SUB_LISTS:
                outcomes.extend(self._refresh_parents(name, obj, context))
                continue
            files = [f.result() for f in downloads.get(str(obj.get("id")), [])]
            outcomes.append(self._process(context, obj, files, validate=False))
        self.validation.check(outcomes)
        for outcome in outcomes:
            self._record(outcome)
        if stop:
            self._flush(state)
            raise _Stop

    def _start_downloads(
        self, page: Page, context: MappingContext, pool: ThreadPoolExecutor
    ) -> dict[str, list[Future[FileResult]]]:
        if not self.options.with_files:
            return {}
        jobs: dict[str, list[Future[FileResult]]] = {}
        for paper in page.items:
            if paper.get("deleted") is True or not isinstance(paper.get("id"), str):
                continue
            jobs[paper["id"]] = [pool.submit(download, self.client, context.city, f) for f in _paper_files(paper)]
        return jobs

    def _refresh_parents(self, name: str, obj: dict[str, Any], context: MappingContext) -> list[ObjectOutcome]:
        """A changed membership, agenda item, consultation or file: its main object is fetched again."""
        outcomes = []
        for parent_field in PARENT_FIELDS[name]:
            for parent_id in ids(obj.get(parent_field)):
                try:
                    parent = self.client.get_json(parent_id)
                except HarvestError as error:
                    self.report.warnings.append(f"{obj.get('id')}: its {parent_field} could not be fetched: {error}")
                    continue
                files = (
                    [download(self.client, context.city, f) for f in _paper_files(parent)]
                    if (object_type(parent) == "Paper" and self.options.with_files)
                    else []
                )
                outcomes.append(self._process(context, parent, files, validate=False))
        return outcomes

    def _process(
        self, context: MappingContext, obj: dict[str, Any], files: list[FileResult], validate: bool
    ) -> ObjectOutcome:
        return process_object(context, obj, self.settings.base_uri, file_results=files, validate=validate)

    def _store_outcome(self, context: MappingContext, obj: dict[str, Any]) -> None:
        """An object fetched to resolve a link: mapped, validated and stored with the current page."""
        self._record(self._process(context, obj, [], validate=True))

    def _record(self, outcome: ObjectOutcome) -> None:
        kind = outcome.kind or "object"
        if outcome.deleted:
            for graph in graphs_derived_from(self.store, outcome.oparl_id):
                self._pending.update(document_graphs(self.settings.minter, graph, ""))
            self.report.counts["deleted"] += 1
        elif outcome.stored and outcome.graph_name is not None:
            self._pending.update(document_graphs(self.settings.minter, outcome.graph_name, outcome.ntriples))
            self.report.counts[kind] += 1
        else:
            self.report.counts["failed"] += 1
        if outcome.error:
            self.report.errors.append(outcome.error)
        self.report.counts["files"] += outcome.files_read
        self.report.counts["files failed"] += outcome.files_failed
        self.report.warnings.extend(outcome.warnings)
        self.report.disagreements += len(outcome.discrepancies)
        if self.options.keep_discrepancies:
            self.report.discrepancies.extend(outcome.discrepancies)
        if self.on_outcome is not None:
            self.on_outcome(kind, outcome)

    def _flush(self, state: BodyState) -> None:
        """Store the page's graphs and the state that points past it, in one transaction."""
        graphs, self._pending = self._pending, {}
        state_iri = state_graph(self.settings.minter, state.body_id)
        graphs[str(state_iri)] = state.ntriples(state_iri)
        self.store.replace_graphs(graphs)
        if time.monotonic() - self._last_publish >= self.settings.snapshot_interval:
            self.store.publish()
            self._last_publish = time.monotonic()


def _embedded_files(value: Any) -> list[dict[str, Any]]:
    items = value if isinstance(value, list) else [value]
    return [f for f in items if isinstance(f, dict) and isinstance(f.get("id"), str)]


def _paper_files(paper: dict[str, Any]) -> list[dict[str, Any]]:
    return _embedded_files(paper.get("mainFile")) + _embedded_files(paper.get("auxiliaryFile"))
