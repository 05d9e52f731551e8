"""SPARQL queries run in worker processes, so a runaway query can be stopped.

Oxigraph cannot interrupt a query from another thread, so each query runs in
one of `settings.query_workers` warm processes. Each worker opens the store
once, from the settings, and keeps it; it returns the result already
serialised. A query that runs past `settings.query_timeout` has its worker
killed (a fresh one is started for the next query) and the caller gets
`QueryTimeout`. Each worker's address space is limited to
`settings.query_memory_mb`: a query that needs more ends its worker (a
MemoryError in Python, an aborted allocation in the store), which is
replaced, and the caller gets a 503 (`QueryTooLarge`). Workers are started
with `forkserver`, never `fork`: the web process has the store open and runs
threads.

The request's own thread talks to an idle worker over two pipes of that worker
and waits for its answer there: no scheduler or result thread stands between
them. On a busy machine every hand-over from one thread or process to another
waits for a free core, so each one saved counts (with a general-purpose pool
in between, a 1.7 MB answer took 4.5 ms from worker to request thread instead
of 1 ms, and every query paid two more hand-overs). The body is never pickled:
it is put into memory both processes map (`server.shared_answers`, up to 4 MiB),
or sent as raw bytes after a small pickled header when it is larger.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import queue
import re
import signal
import threading
import time
import weakref
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox

from councilgraph import memory
from councilgraph.errors import QueryError, QueryRefused, QueryTimeout, StoreError
from councilgraph.memory_engine import MemoryEngine, open_query_store, quad_limit
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, QueryResult
from server import results
from server.memory_release import IdleTrim
from server.shared_answers import SharedAnswers

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
    seconds: float | None = field(default=None, compare=False)
    """Time spent running the query and writing its result where it ran (in a worker: the worker's own
    time, without the hand-over to and from it); None where not measured."""


# --------------------------------------------------------------------------- worker side

_worker_store: GraphStore | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_store
    # a memory engine raises the limit by what its copy of the data takes
    memory.limit_address_space(settings.query_memory_mb, adjustable=quad_limit(settings) is not None)
    memory.return_large_blocks()
    _worker_store = open_query_store(settings)


_IDLE = IdleTrim()


def run_in_worker(job: Job) -> Answer:
    """`run_job` in a worker process: a worker that ran out of memory leaves; one that ran
    a long query gives the memory the query used back once it is idle, so idle workers stay
    small. (Trimming walks the whole heap, an in-memory copy of the data included: done
    before the answer went out, it cost each long query tens of milliseconds.)"""
    started = _IDLE.begin()
    try:
        return run_job(job)
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)
    finally:
        _IDLE.end(started)


def run_job(job: Job, store: GraphStore | None = None) -> Answer:
    """Run one query and serialise its result (in a worker, or in process with `store`), timed."""
    started = time.perf_counter()
    answer = _run_job(job, store)
    return replace(answer, seconds=time.perf_counter() - started)


def _run_job(job: Job, store: GraphStore | None) -> Answer:
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
    return _run_job(replace(job, query=job.original, original=None), store)


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


def serve_jobs(settings: Settings, jobs: Connection, answers: Connection, shared: SharedAnswers | None = None) -> None:
    """A worker process's life: open the store, say so, then answer jobs until the pipe closes.

    Each answer is a pickled header: "shared" with the answer (its body left out) and the
    body's length, the body being in `shared`; "answer" with the body left out, followed
    by the body as raw bytes (a body too large for `shared`); or "error" with the exception."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the web process, which stops the workers
    try:
        _start_worker(settings)
    except BaseException as error:  # noqa: BLE001 - reported to the pool, which cannot start this worker
        answers.send(("failed", f"{type(error).__name__}: {error}"))
        os._exit(1)
    answers.send(("ready", None))
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):  # the web process closed the pool or is gone
            os._exit(0)
        try:
            answer = run_in_worker(job)
        except Exception as error:  # noqa: BLE001 - the request gets it, as raised in process
            answers.send(("error", _picklable(error)))
            continue
        if shared is not None and shared.put(answer.body):
            answers.send(("shared", (replace(answer, body=b""), len(answer.body))))
            continue
        answers.send(("answer", replace(answer, body=b"")))
        answers.send_bytes(answer.body)


def _picklable(error: Exception) -> Exception:
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any exception the worker meets must reach the request
        return StoreError(f"The store could not answer: {type(error).__name__}: {error}")
    return error


# --------------------------------------------------------------------------- web-process side


class QueryPool:
    """Warm query workers with a wall-clock limit per query; a request takes an idle one."""

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.query_timeout
        self.memory_mb = settings.query_memory_mb
        self.size = max(1, settings.query_workers)
        self._context = multiprocessing.get_context("forkserver")
        # The fork server imports this module (and with it the store, the engines and the result
        # writers) once, when it starts; each worker is forked from it with them loaded, instead of
        # importing them itself: 0.75 s of CPU per worker started or replaced, about 0.1 s left.
        # It holds no store and runs no thread, so forking from it stays safe.
        self._context.set_forkserver_preload(["__main__", __name__])
        self._settings = settings
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all = [_Worker(self._context, settings) for _ in range(self.size)]
        for worker in self._all:
            worker.start()
            self._idle.put(worker)
        self._closed = False
        _open_pools.add(self)

    def run(self, job: Job) -> Answer:
        if self._closed:
            raise StoreError("the query pool has been shut down")
        worker = self._idle.get()
        try:
            return self._run_on(worker, job)
        finally:
            self._idle.put(worker)

    def _run_on(self, worker: _Worker, job: Job) -> Answer:
        if self._closed:
            raise StoreError("the query pool has been shut down")
        worker.ready(self.memory_mb)
        worker.send(job)
        reply = worker.receive(self.timeout)
        if self._closed and reply in (_TIMED_OUT, _ENDED):
            raise StoreError("the query pool has been shut down")
        if reply is _TIMED_OUT:
            worker.restart()
            raise QueryTimeout(
                f"The query ran longer than the limit of {self.timeout:g} s and was stopped. "
                "Narrow it down (more specific patterns, a LIMIT) "
                "or download a dump and query it locally."
            )
        if reply is _ENDED:
            exitcode = worker.restart()
            if exitcode in (OUT_OF_MEMORY_EXIT, _ABORTED):
                raise QueryTooLarge(
                    f"The query needed more memory than the limit of {self.memory_mb} MB per "
                    "query and was stopped. Narrow it down (more specific patterns, no ORDER BY "
                    "or GROUP BY over huge intermediate results, a LIMIT) or download a dump "
                    "and query it locally."
                )
            raise StoreError(f"The query worker stopped unexpectedly (exit code {exitcode}); try again.")
        if isinstance(reply, BaseException):
            raise reply
        assert isinstance(reply, Answer)
        return reply

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for worker in self._all:
            worker.stop()
        _open_pools.discard(self)


_TIMED_OUT = object()
_ENDED = object()
_STARTUP_SECONDS = 300.0
"""How long a new worker may take to open the store before the pool gives up on it."""


class _Worker:
    """One query worker process and the two pipes to it (jobs in, answers out)."""

    def __init__(self, context: Any, settings: Settings) -> None:
        self._context = context
        self._settings = settings
        self._process: BaseProcess | None = None
        self._jobs: Connection | None = None
        self._answers: Connection | None = None
        self._shared: SharedAnswers | None = None
        self._ready = False

    def start(self) -> None:
        job_reader, job_writer = self._context.Pipe(duplex=False)
        answer_reader, answer_writer = self._context.Pipe(duplex=False)
        shared = SharedAnswers.create()  # a fresh region: a killed worker may have left half an answer
        process = self._context.Process(
            target=serve_jobs,
            args=(self._settings, job_reader, answer_writer, shared),
            name="councilgraph-query",
            daemon=True,
        )
        process.start()
        job_reader.close()  # the worker has its own copies now; the pipes end when it does
        answer_writer.close()
        self._process, self._jobs, self._answers, self._ready = process, job_writer, answer_reader, False
        self._shared = shared

    def ready(self, memory_mb: int) -> None:
        """Wait until the worker has opened the store (once per process); a worker that ended while
        idle (killed from outside) is replaced first, as no query of its own ended it."""
        if self._process is None or self._process.exitcode is not None:
            self.restart()
        if self._ready:
            return
        reply = self._receive_message(_STARTUP_SECONDS)
        if isinstance(reply, tuple) and reply[0] == "ready":
            self._ready = True
            return
        detail = reply[1] if isinstance(reply, tuple) else "it ended or did not answer"
        self.restart()
        raise StoreError(
            "No query worker could be started; if the memory limit per query "
            f"({memory_mb} MB, COUNCILGRAPH_QUERY_MEMORY_MB) is below what a worker "
            f"needs to open the store, raise it. ({detail})"
        )

    def send(self, job: Job) -> None:
        assert self._jobs is not None
        with contextlib.suppress(OSError):  # the worker is gone: `receive` reads its exit code
            self._jobs.send(job)

    def receive(self, timeout: float) -> object:
        """The answer or the exception the worker sent, `_TIMED_OUT`, or `_ENDED` (the worker died)."""
        reply = self._receive_message(timeout)
        if not isinstance(reply, tuple):
            return reply
        kind, payload = reply
        if kind == "error":
            return payload
        if kind == "shared":
            answer, length = payload
            shared = self._shared
            assert isinstance(answer, Answer)
            try:
                return replace(answer, body=shared.take(length)) if shared is not None else _ENDED
            except ValueError:  # the pool was closed meanwhile and the region with it
                return _ENDED
        assert self._answers is not None and isinstance(payload, Answer)
        try:
            body = self._answers.recv_bytes()
        except (EOFError, OSError):
            return _ENDED
        return replace(payload, body=body)

    def _receive_message(self, timeout: float) -> object:
        answers, process = self._answers, self._process
        if answers is None or process is None:  # stopped meanwhile: the pool was closed
            return _ENDED
        try:
            if not wait([answers, process.sentinel], timeout):
                return _TIMED_OUT
            if answers.poll():  # an answer sent just before the worker ended is still read
                message: object = answers.recv()
                return message
        except (EOFError, OSError, ValueError):
            pass
        return _ENDED

    def restart(self) -> int | None:
        """Stop this worker (killed if it still runs) and start a fresh one; returns the old one's exit code."""
        exitcode = self.stop()
        self.start()
        return exitcode

    def stop(self) -> int | None:
        process, self._process = self._process, None
        for connection in (self._jobs, self._answers):
            if connection is not None:
                connection.close()
        self._jobs = self._answers = None
        if self._shared is not None:
            self._shared.close()
            self._shared = None
        if process is None:
            return None
        if process.exitcode is None:
            process.join(0.05)  # a worker that is ending already (it ran out of memory) keeps its exit code
        if process.exitcode is None:
            process.kill()  # a query in native code does not see a gentler signal
        process.join()
        return process.exitcode


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
