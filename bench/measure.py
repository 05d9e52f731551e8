"""Measuring tools: an HTTP client with keep-alive, servers under test, timings, process memory."""

from __future__ import annotations

import contextlib
import datetime
import http.client
import io
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from councilgraph.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent
JSON_RESULTS = "application/sparql-results+json"
GRAPH_RESULTS = "application/n-triples"


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    def percentile(self, q: float) -> float | None:
        if not self.seconds:
            return None
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def as_json(self) -> dict[str, object]:
        return {
            "median": self.median,
            "p95": self.percentile(0.95),
            "n": len(self.seconds),
            "error": self.error,
        }


class HttpTarget:
    """An endpoint or web server over one keep-alive connection (the same client for all)."""

    def __init__(self, base: str, sparql_path: str = "/sparql") -> None:
        parts = urllib.parse.urlsplit(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.sparql_path = sparql_path
        self._connection: http.client.HTTPConnection | None = None
        self.last_headers: dict[str, str] = {}

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        return self._connection

    def get(self, path: str, accept: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            connection = self._connect()
            try:
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
                body = response.read()
                self.last_headers = {name.lower(): value for name, value in response.getheaders()}
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, body
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def sparql(self, query: str, accept: str) -> tuple[int, bytes]:
        return self.get(f"{self.sparql_path}?{urllib.parse.urlencode({'query': query})}", accept)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def accept_for(query: str) -> str:
    return GRAPH_RESULTS if query_form(query) in ("CONSTRUCT", "DESCRIBE") else JSON_RESULTS


def query_form(query: str) -> str:
    body = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith(("#", "PREFIX", "prefix")))
    for word in body.split():
        upper = word.upper()
        if upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return upper
    return "SELECT"


def in_process(store: LocalStore | ox.Store, query: str) -> float:
    """pyoxigraph in this process, on a snapshot on disk or an in-memory store: run and serialise
    as an endpoint must (the floor)."""
    started = time.perf_counter()
    result = store.query(query)
    sink = io.BytesIO()
    if isinstance(result, ox.QueryTriples):
        result.serialize(sink, ox.RdfFormat.N_TRIPLES)
    elif isinstance(result, ox.QuerySolutions):
        result.serialize(sink, ox.QueryResultsFormat.JSON)
    else:
        sink.write(json.dumps({"boolean": bool(result)}).encode())
    return time.perf_counter() - started


def timed_http(target: HttpTarget, query: str) -> float:
    started = time.perf_counter()
    status, body = target.sparql(query, accept_for(query))
    elapsed = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {body[:300].decode('utf-8', 'replace')}")
    return elapsed


def serving_engine(target: HttpTarget) -> str:
    """What answers the endpoint's queries now ("memory" or "disk"), from its Server-Timing header."""
    status, body = target.sparql(f"ASK {{ ?s ?p ?o }} # engine {time.monotonic_ns()}", JSON_RESULTS)
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {body[:300].decode('utf-8', 'replace')}")
    timing = target.last_headers.get("server-timing", "")
    return timing.split('desc="', 1)[1].split('"', 1)[0] if 'desc="' in timing else "unknown"


def wait_for_engine(target: HttpTarget, wanted: str, timeout: float) -> tuple[str, float]:
    """Poll until the endpoint answers from `wanted` (or `timeout` s pass); (engine seen, seconds waited)."""
    started = time.perf_counter()
    engine = serving_engine(target)
    while engine != wanted and time.perf_counter() - started < timeout:
        time.sleep(1.0)
        engine = serving_engine(target)
    return engine, time.perf_counter() - started


def in_memory_copy(store: LocalStore) -> tuple[ox.Store, dict[str, float]]:
    """The snapshot copied into memory in this process, as query workers copy it, with what that cost.

    The resident bytes per quad are measured in a fresh process (`copy_footprint`): this one has
    freed memory from loading the store that a copy would reuse without growing."""
    from councilgraph.memory_engine import copy_into_memory

    started = time.perf_counter()
    copy = copy_into_memory(store.current_snapshot()[1])
    seconds = time.perf_counter() - started
    figures: dict[str, float] = {"copy_seconds": round(seconds, 2), "quads": len(copy)}
    if len(copy) <= FOOTPRINT_MAX_QUADS:
        figures.update(copy_footprint(store.root))
    return copy, figures


FOOTPRINT_MAX_QUADS = 3_000_000
"""Larger copies are not measured again in a fresh process: the bytes per quad do not change with size,
and a second copy of a large snapshot costs minutes."""


_FOOTPRINT_SCRIPT = """
import gc, json, sys
from councilgraph import memory
from councilgraph.memory_engine import copy_into_memory
from councilgraph.store import LocalStore
def resident():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
snapshot = LocalStore(sys.argv[1]).current_snapshot()[1]
gc.collect(); memory.trim(); before = resident()
copy = copy_into_memory(snapshot)
gc.collect(); memory.trim(); grown = resident() - before
print(json.dumps({"quads": len(copy), "resident_bytes": grown, "bytes_per_quad": round(grown / max(1, len(copy)), 1)}))
"""


def json_from_child(
    args: list[str], *, cwd: Path, what: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> Any:
    """The JSON a fresh Python process (`python -c …` with `args`) prints on its last line, run in
    `cwd` (a checkout whose code is measured); its error output, where it fails, names `what` failed."""
    done = subprocess.run(
        [sys.executable, "-c", *args], input=stdin, cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def copy_footprint(store_root: Path) -> dict[str, float]:
    """Quads of the snapshot and the resident bytes its in-memory copy takes, measured in a fresh process."""
    completed = subprocess.run(
        [sys.executable, "-c", _FOOTPRINT_SCRIPT, str(store_root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures: dict[str, float] = json.loads(completed.stdout)
    return figures


# --------------------------------------------------------------------------- servers under test


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def councilgraph_server(
    store: str,
    log: Path,
    extra_env: dict[str, str] | None = None,
    extra_args: list[str] | None = None,
) -> Iterator[tuple[str, int]]:
    """A real `councilgraph serve` on a free loopback port: yields (base URL, pid)."""
    port = free_port()
    env = {
        **os.environ,
        "COUNCILGRAPH_BASE_URI": "http://localhost:5000/",
        "COUNCILGRAPH_QUERY_TIMEOUT": "120",
        "COUNCILGRAPH_ROW_LIMIT": "100000",
        **(extra_env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "councilgraph",
        "serve",
        "--store",
        store,
        "--port",
        str(port),
        "--threads",
        "4",
        *(extra_args or []),
    ]
    with open(log, "wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        target = HttpTarget(base)
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"councilgraph serve exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                status, _ = target.sparql("ASK {}", JSON_RESULTS)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"councilgraph serve did not answer: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        target.close()
        yield base, process.pid
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a server the bench started: politely, and by force after 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def write_results(kind: str, results: dict[str, Any]) -> Path:
    """Write one run's figures to bench/results/<kind>-<time>.json and return the path."""
    folder = Path(__file__).resolve().parent / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"{kind}-{datetime.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return path


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def descendant_peaks(pid: int) -> dict[int, int]:
    """Peak RSS (VmHWM) of each process under `pid`: the query workers and their helpers."""
    return {member: _status_bytes(member, "VmHWM") for member in process_tree(pid) if member != pid}


def peak_rss_bytes(pid: int) -> tuple[int, int]:
    """(peak RSS of the process, sum of peak RSS over it and its worker processes), from VmHWM."""
    peaks = {member: _status_bytes(member, "VmHWM") for member in process_tree(pid)}
    return peaks.get(pid, 0), sum(peaks.values())


def _status_bytes(pid: int, field: str) -> int:
    """A size field of /proc/<pid>/status in bytes (0 for a process that has gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def rss_bytes(pids: list[int]) -> int:
    """The resident size of these processes together now (VmRSS)."""
    return sum(_status_bytes(member, "VmRSS") for member in pids)


class RssSampler:
    """Samples the resident size of a process and all its descendants together, keeping the largest.

    The sum of each process's own peak (`peak_rss_bytes`) overstates what was ever resident at
    once: workers peak at different times. This is the footprint the machine had to hold."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(process_tree(self.pid)))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def log(message: str) -> None:
    """A bench's progress line on standard error, with the time of day."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
