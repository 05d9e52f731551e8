"""Writing a large snapshot's statements with one process per core.

Dumping is bound by decoding terms from the store's string table, one core
per reader, and Python holds the GIL while it iterates. So a large N-Triples
or N-Quads dump is cut into parts that several processes write side by side:
the union default graph by predicate, the named graphs by graph. Both formats
are one statement per line, so the parts concatenated are the whole dump, and
the parts are disjoint, so no statement is written twice. Parts are planned by
size (longest first onto the least loaded part) and concatenated in a fixed
order, so the same snapshot always gives the same bytes.

Counting the statements per key is a scan of its own that no worker can start
before; for N-Triples the workers meanwhile write the predicates that are large
in any dataset (`HEAD_START`), which come first in the dump and are left out of
the plan. The plan has several parts per process, handed out as processes become
free, so that a process that drew the slower statements does not hold up the end.
"""

from __future__ import annotations

import heapq
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from councilgraph.uris import is_text_graph

PARALLEL_FROM_STATEMENTS = 300_000
"""Below this, starting processes costs more than they save."""
PARALLEL_FROM_BYTES = 64 << 20
"""Snapshots smaller than this on disk hold fewer statements than that (about 250 bytes each)."""
MAX_PROCESSES = 4
PARTS_PER_PROCESS = 8
HEAD_START = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
)
"""Predicates written while the others are counted: every resource has a type and a label."""

_BY_PREDICATE = "SELECT ?key (COUNT(*) AS ?n) WHERE { ?s ?key ?o } GROUP BY ?key"
_BY_GRAPH = "SELECT ?key (COUNT(*) AS ?n) WHERE { GRAPH ?key { ?s ?p ?o } } GROUP BY ?key"

Part = list[str]
"""The predicates (N-Triples) or graph names (N-Quads) one process writes into one file."""


def processes() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


def plan(weights: dict[str, int], part_count: int) -> list[Part]:
    """Keys spread over at most `part_count` parts of nearly equal weight; empty parts are left out."""
    heap = [(0, index) for index in range(part_count)]
    parts: list[Part] = [[] for _ in range(part_count)]
    for key, weight in sorted(weights.items(), key=lambda item: (-item[1], item[0])):
        load, index = heapq.heappop(heap)
        parts[index].append(key)
        heapq.heappush(heap, (load + weight, index))
    return [part for part in parts if part]


def statement_weights(store: ox.Store, rdf_format: ox.RdfFormat) -> dict[str, int] | None:
    """Statements per predicate (N-Triples) or per graph (N-Quads); None if some key is not an IRI."""
    weights: dict[str, int] = {}
    for row in store.query(_BY_GRAPH if rdf_format == ox.RdfFormat.N_QUADS else _BY_PREDICATE):  # type: ignore[union-attr]
        key, count = row["key"], row["n"]
        if not isinstance(key, ox.NamedNode) or count is None:
            return None
        if rdf_format == ox.RdfFormat.N_QUADS and is_text_graph(key.value):
            continue  # full texts have a dump of their own
        weights[key.value] = int(count.value)
    return weights


def dump_in_parallel(
    snapshot: Path, store: ox.Store, output: IO[bytes], rdf_format: ox.RdfFormat, scratch_near: Path | None = None
) -> bool:
    """Write the default graph (N-Triples) or the named graphs (N-Quads) of a read-only snapshot.

    The parts are written beside the output file, else in `scratch_near` when it is writable
    (the store's disk has room for its own dump; the system's temporary folder may be memory).
    Returns False, having written nothing, when a single process does better:
    one core, a small store, or keys that cannot be handed to another process.
    """
    count = processes()
    if count < 2 or rdf_format not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return False
    if _bytes_on_disk(snapshot) < PARALLEL_FROM_BYTES:
        return False
    copied = 0
    head_start = [[key] for key in HEAD_START] if rdf_format == ox.RdfFormat.N_TRIPLES else []
    folder = _scratch_folder(output, scratch_near)
    try:
        with (
            _snapshot_pool(snapshot, count) as pool,
            tempfile.TemporaryDirectory(prefix="councilgraph-dump-", dir=folder) as scratch,
        ):
            writing = _PartWriter(pool, rdf_format, Path(scratch))
            for part in head_start:
                writing.submit(part)
            for _ in range(count - len(head_start)):
                pool.submit(int)  # the other processes start and open the snapshot meanwhile
            weights = statement_weights(store, rdf_format)
            if weights is None or sum(weights.values()) < PARALLEL_FROM_STATEMENTS:
                writing.cancel()
                return False
            started = {key for part in head_start for key in part}
            rest = {key: weight for key, weight in weights.items() if key not in started}
            for part in plan(rest, count * PARTS_PER_PROCESS):
                writing.submit(part)
            for part_file in writing.files():
                with open(part_file, "rb") as written:
                    shutil.copyfileobj(written, output, 1 << 20)
                part_file.unlink()
                copied += 1
    except BrokenProcessPool:
        # processes could not start (a script run without a __main__ guard, a sandbox): one process does it
        if copied:
            raise
        return False
    return True


def _bytes_on_disk(snapshot: Path) -> int:
    """The size of the snapshot's files: a cheap first sign of a store too small to split."""
    with os.scandir(snapshot) as entries:
        return sum(entry.stat().st_size for entry in entries if entry.is_file())


def _scratch_folder(output: IO[bytes], near: Path | None) -> str | None:
    name = getattr(output, "name", None)
    if isinstance(name, str) and os.path.isfile(name):
        return os.path.dirname(os.path.abspath(name))
    if near is not None and os.access(near, os.W_OK):
        return str(near)
    return None


def _snapshot_pool(snapshot: Path, count: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_open_snapshot,
        initargs=(str(snapshot),),
    )


class _PartWriter:
    """Parts handed to the processes in the order submitted; their files read back in that order."""

    def __init__(self, pool: ProcessPoolExecutor, rdf_format: ox.RdfFormat, scratch: Path) -> None:
        self.pool = pool
        self.graphs = rdf_format == ox.RdfFormat.N_QUADS
        self.scratch = scratch
        self.submitted: list[tuple[Future[None], Path]] = []

    def submit(self, part: Part) -> None:
        file = self.scratch / f"part-{len(self.submitted):04d}"
        self.submitted.append((self.pool.submit(_write_part, part, self.graphs, str(file)), file))

    def cancel(self) -> None:
        """Parts not started are dropped; those running finish into the scratch folder."""
        for future, _ in self.submitted:
            future.cancel()
        for future, _ in self.submitted:
            if not future.cancelled():
                future.exception()

    def files(self) -> Iterator[Path]:
        """Each part's file, in the order submitted, as soon as it and those before it are written."""
        for future, file in self.submitted:
            future.result()
            yield file


_worker_store: ox.Store | None = None


def _open_snapshot(path: str) -> None:
    global _worker_store
    _worker_store = ox.Store.read_only(path)


def _write_part(keys: Part, graphs: bool, file: str) -> None:
    store = _worker_store
    assert store is not None, "the worker opens the snapshot before its first part"
    if graphs:
        statements = (quad for key in keys for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(key)))
        rdf_format = ox.RdfFormat.N_QUADS
    else:
        statements = (
            quad for key in keys for quad in store.quads_for_pattern(None, ox.NamedNode(key), None, ox.DefaultGraph())
        )
        rdf_format = ox.RdfFormat.N_TRIPLES
    with open(file, "wb") as handle:
        ox.serialize(statements, handle, rdf_format)
