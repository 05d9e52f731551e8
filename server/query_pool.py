"""SPARQL queries run in worker processes, so a runaway query can be stopped.

Oxigraph cannot interrupt a query from another thread, so each query runs in
one of `settings.query_workers` warm processes (pebble `ProcessPool`). Each
worker opens the store once, from the settings, and keeps it; it returns the
result already serialised. A query that runs past `settings.query_timeout`
has its worker killed (pebble starts a fresh one) and the caller gets
`QueryTimeout`. Each worker's address space is limited to
`settings.query_memory_mb`: a query that needs more ends its worker (a
MemoryError in Python, an aborted allocation in the store), which pebble
replaces, and the caller gets a 503 (`QueryTooLarge`). Workers are started with `forkserver`, never `fork`: the web
process has the store open and runs threads.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import signal
import threading
import time
import weakref
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

import pyoxigraph as ox
from pebble import ProcessPool
from pebble.common import ProcessExpired

from councilgraph import memory
from councilgraph.errors import QueryError, QueryRefused, QueryTimeout, StoreError
from councilgraph.memory_engine import MemoryEngine, open_query_store, quad_limit
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, QueryResult
from server import results

NO_GRAPH = "urn:x-councilgraph:no-graph"
"""Stands for an empty graph list: the store reads a missing argument as "all graphs"."""
SERVICE_REFUSED = (
    "SERVICE (federated query) is not run by this endpoint: it would make the server fetch data "
    "from other sites. Query each endpoint yourself and join the results locally."
)
_SERVICE_WORD = re.compile("service", re.IGNORECASE)
_EMPTY_STORE = ox.Store()
OUT_OF_MEMORY_EXIT = 86
"""Exit status of a worker that met a MemoryError: it leaves, so that a fresh one replaces it."""
_ABORTED = -signal.SIGABRT
"""A failed allocation in the store's native code aborts the worker."""


class QueryTooLarge(StoreError):
    """The query needed more memory than a query worker may use (503)."""


@dataclass(frozen=True)
class Job:
    query: str
    form: str
    format_key: str
    default_graphs: tuple[str, ...] | None = None
    """None: the union of all graphs; otherwise exactly these (possibly none)."""
    named_graphs: tuple[str, ...] | None = None
    """None: every named graph; otherwise exactly these (possibly none)."""
    row_cap: int | None = None
    original: str | None = None
    """The query as sent, when `query` is a rewritten (row-capped) form of it."""


@dataclass(frozen=True)
class Answer:
    body: bytes
    truncated: bool
    version: str
    engine: str = "disk"
    """What answered: "memory" (an in-memory copy of the snapshot) or "disk" (the snapshot, or a remote store)."""


# --------------------------------------------------------------------------- worker side

_worker_store: GraphStore | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_store
    # a memory engine raises the limit by what its copy of the data takes
    memory.limit_address_space(settings.query_memory_mb, adjustable=quad_limit(settings) is not None)
    memory.return_large_blocks()
    _worker_store = open_query_store(settings)


IDLE_TRIM_SECONDS = 0.5
"""A worker gives memory back once it has had no new query for this long after a long one."""
_latest_start = 0.0


def run_in_worker(job: Job) -> Answer:
    """`run_job` in a worker process: a worker that ran out of memory leaves; one that ran
    a long query gives the memory the query used back once it is idle, so idle workers stay
    small. (Trimming walks the whole heap, an in-memory copy of the data included: done
    before the answer went out, it cost each long query tens of milliseconds.)"""
    global _latest_start
    started = _latest_start = time.monotonic()
    try:
        return run_job(job)
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)
    finally:
        if time.monotonic() - started > memory.SLOW_WORK_SECONDS:
            timer = threading.Timer(IDLE_TRIM_SECONDS, _trim_if_idle, args=(started,))
            timer.daemon = True
            timer.start()


def _trim_if_idle(started: float) -> None:
    if _latest_start == started:  # no query began since the long one: the worker is idle
        memory.trim()


def run_job(job: Job, store: GraphStore | None = None) -> Answer:
    """Run one query and serialise its result (in a worker, or in process with `store`)."""
    store = store if store is not None else _worker_store
    if store is None:
        raise StoreError("the query worker has no store")
    refuse_hidden_service(job.query)
    try:
        result, version, engine = _query(store, job)
        if isinstance(result, ox.QueryBoolean):
            return Answer(results.boolean_bytes(result, job.format_key), False, version, engine)
        if job.row_cap is None:
            if isinstance(result, ox.QuerySolutions):
                body, truncated = results.solutions_bytes(result, job.format_key, None)
            else:
                body, truncated = results.graph_bytes(result, job.format_key, results.jsonld_context())
            return Answer(body, truncated, version, engine)
        if isinstance(result, ox.QuerySolutions):
            written = results.solutions_capped(result, job.format_key, job.row_cap)
            if written is not None:
                return Answer(written[0], written[1], version, engine)
            # far more rows than the cap: run again, and keep the writer to the cap
            result, version, engine = _query(store, job)
            assert isinstance(result, ox.QuerySolutions)
            lines, truncated = results.capped_tsv(result, job.row_cap)
            del result  # the engine's working memory goes before the rows are written out again
            return Answer(results.tsv_as(job.format_key, lines, truncated), truncated, version, engine)
        lines, truncated = results.capped_ntriples(result, job.row_cap)
        del result
        body = results.ntriples_to(job.format_key, lines, results.jsonld_context())
        return Answer(body, truncated, version, engine)
    except SyntaxError as error:
        if job.original is None:
            raise QueryError(f"The query does not parse: {error}") from None
        return _run_as_sent(job, store)
    except OSError as error:
        raise StoreError(f"The store could not answer: {error}") from None


def _query(store: GraphStore, job: Job) -> tuple[QueryResult, str, str]:
    """The result, the version of the data it comes from, and what answered ("memory" or "disk")."""
    graphs = {"default_graphs": graph_list(job.default_graphs), "named_graphs": graph_list(job.named_graphs)}
    if isinstance(store, MemoryEngine):
        return store.query_with_engine(job.query, **graphs)
    version = store.version()
    return store.query(job.query, **graphs), version, "disk"


def _run_as_sent(job: Job, store: GraphStore) -> Answer:
    """The rewritten text did not parse: report the error at the client's own line and column,
    or, should the rewrite be what broke a valid query, run the query as sent. The row cap
    stays: it is enforced on the results, not on the text."""
    assert job.original is not None
    refuse_hidden_service(job.original)
    try:
        _EMPTY_STORE.query(job.original)  # no SERVICE (checked above): evaluates nothing outside
    except SyntaxError as error:
        raise QueryError(f"The query does not parse: {error}") from None
    return run_job(replace(job, query=job.original, original=None), store)


def refuse_hidden_service(text: str) -> None:
    """Refuse `SERVICE` however it is written, judged by the parser itself (fail closed).

    The outline's tokenizer finds SERVICE clauses, but a tokenizer may misread a query
    that the parser reads otherwise. So when the text holds the word anywhere, a copy
    with every "service" turned into "servicx" is parsed: where the word sat in a string,
    an IRI, a name or a comment, the copy parses as the query does; where it was the
    keyword, the copy no longer parses, and the query is refused. The copy is run on an
    empty store (pyoxigraph has no parse-only call), in the worker, under its time limit."""
    if _SERVICE_WORD.search(text) is None:
        return
    neutral = _SERVICE_WORD.sub(lambda word: word.group()[:-1] + "x", text)
    try:
        _EMPTY_STORE.query(neutral)
    except SyntaxError as error:
        raise QueryRefused(
            f"{SERVICE_REFUSED} (Read with every “service” as a plain word, the query does not parse: {error}.)"
        ) from None


def graph_list(graphs: tuple[str, ...] | None) -> list[str] | None:
    if graphs is None:
        return None
    return list(graphs) or [NO_GRAPH]


# --------------------------------------------------------------------------- web-process side


class QueryPool:
    """A pool of warm query workers with a wall-clock limit per query."""

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.query_timeout
        self.memory_mb = settings.query_memory_mb
        self.size = max(1, settings.query_workers)
        self._pool = ProcessPool(
            max_workers=self.size,
            initializer=_start_worker,
            initargs=(settings,),
            context=multiprocessing.get_context("forkserver"),
        )
        self._closed = False
        _open_pools.add(self)

    def run(self, job: Job) -> Answer:
        if self._closed:
            raise StoreError("the query pool has been shut down")
        future = self._pool.schedule(run_in_worker, args=(job,), timeout=self.timeout)
        try:
            answer = future.result()
        except TimeoutError:
            raise QueryTimeout(
                f"The query ran longer than the limit of {self.timeout:g} s and was stopped. "
                "Narrow it down (more specific patterns, a LIMIT) "
                "or download a dump and query it locally."
            ) from None
        except ProcessExpired as error:
            if error.exitcode in (OUT_OF_MEMORY_EXIT, _ABORTED):
                raise QueryTooLarge(
                    f"The query needed more memory than the limit of {self.memory_mb} MB per "
                    "query and was stopped. Narrow it down (more specific patterns, no ORDER BY "
                    "or GROUP BY over huge intermediate results, a LIMIT) or download a dump "
                    "and query it locally."
                ) from None
            raise StoreError(f"The query worker stopped unexpectedly ({error}); try again.") from None
        except BrokenProcessPool:
            raise StoreError(
                "No query worker could be started; if the memory limit per query "
                f"({self.memory_mb} MB, COUNCILGRAPH_QUERY_MEMORY_MB) is below what a worker "
                "needs to open the store, raise it."
            ) from None
        except CancelledError as error:
            raise StoreError(f"The query worker stopped unexpectedly ({error}); try again.") from None
        assert isinstance(answer, Answer)
        return answer

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pool.stop()
        self._pool.join(timeout=10)
        _open_pools.discard(self)


_open_pools: weakref.WeakSet[QueryPool] = weakref.WeakSet()
_pools_lock = threading.Lock()


def pool_for(extras: dict[str, object], settings: Settings) -> QueryPool:
    """The app's pool, started on first use."""
    pool = extras.get("query_pool")
    if isinstance(pool, QueryPool):
        return pool
    with _pools_lock:
        pool = extras.get("query_pool")
        if not isinstance(pool, QueryPool):
            pool = QueryPool(settings)
            extras["query_pool"] = pool
    return pool


@atexit.register
def _close_all_pools() -> None:
    for pool in list(_open_pools):
        pool.close()
