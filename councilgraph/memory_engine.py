"""Query answers from an in-memory copy of the current snapshot, where the data fits.

Oxigraph answers the same query three to four times faster from its in-memory
store than from a RocksDB snapshot on disk. `MemoryEngine` wraps a read-only
`LocalStore`: a background thread copies each new snapshot into a
`pyoxigraph.Store()` in memory and swaps it in, whole, once it is loaded. Until
then, and whenever the copy is of an older version than the newest snapshot,
queries go to the snapshot on disk; so readers follow new snapshots as soon as
they always did, no request ever sees a half-loaded copy, and a worker never
holds two copies at once (the old one is dropped when a new version appears).

`COUNCILGRAPH_MEMORY_ENGINE` chooses: `auto` (the default) copies snapshots of
at most `COUNCILGRAPH_MEMORY_ENGINE_MAX_QUADS` quads, `on` copies any snapshot,
`off` never copies. In every mode a copy is only made when the system has the
memory for it (`MemAvailable`, at `LOAD_BYTES_PER_QUAD`): an allocation that
fails in the store's native code would end the worker, and its replacement
would try again. The copy is data, not a query's working memory, so a worker's
address-space limit (`COUNCILGRAPH_QUERY_MEMORY_MB`) is raised by what its
copy takes.

During a long ingest the writer publishes a snapshot every few seconds; a copy
is made only of a snapshot that has stayed the newest for `settle_seconds`, so
that workers do not copy every intermediate state.
"""

from __future__ import annotations

import logging
import resource
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import IO

import pyoxigraph as ox

from councilgraph import memory
from councilgraph.errors import ConfigurationError, StoreError
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, LocalStore, QueryResult, open_store

MODES = ("auto", "on", "off")
LOAD_BYTES_PER_QUAD = 700
"""Memory one quad may take while a copy loads: the in-memory store (330–370 resident bytes per quad,
measured on the bench's graphs, see README) with room to spare; the copy no longer holds the quads'
N-Quads text beside it (about 255 bytes a quad), so the room is larger than it was."""
_POLL_SECONDS = 0.5

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MemoryCopy:
    """A whole in-memory copy of one snapshot."""

    version: str
    store: ox.Store
    quads: int
    load_seconds: float


def engine_mode(settings: Settings) -> str:
    mode = settings.memory_engine.strip().lower()
    if mode not in MODES:
        raise ConfigurationError(
            f"COUNCILGRAPH_MEMORY_ENGINE={settings.memory_engine!r} is not one of {', '.join(MODES)}"
        )
    return mode


def quad_limit(settings: Settings) -> int | None:
    """The most quads a worker copies into memory under these settings (None: no copy at all)."""
    mode = engine_mode(settings)
    if mode == "off" or settings.is_remote:
        return None
    return max(0, settings.memory_engine_max_quads) if mode == "auto" else 2**62


def open_query_store(settings: Settings, *, settle_seconds: float | None = None) -> GraphStore:
    """The store a query worker answers from: the settings' store, behind a memory engine where one may run."""
    limit = quad_limit(settings)
    store = open_store(settings)
    if limit is None or limit <= 0 or not isinstance(store, LocalStore):
        return store
    settle = settle_seconds if settle_seconds is not None else 1.5 * settings.snapshot_interval
    # only a query worker runs under an address-space limit; a process without one (the web
    # process, a test) must not be given one just because it holds a copy
    limited = resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
    memory_mb = settings.query_memory_mb if limited else 0
    return MemoryEngine(store, max_quads=limit, settle_seconds=settle, query_memory_mb=memory_mb)


class MemoryEngine(GraphStore):
    """A read-only `LocalStore` whose queries run on an in-memory copy of its snapshot once one is loaded."""

    def __init__(
        self,
        disk: LocalStore,
        *,
        max_quads: int,
        settle_seconds: float = 3.0,
        query_memory_mb: int = 0,
        start: bool = True,
    ) -> None:
        """`query_memory_mb`: the address-space limit this process had before any copy (0: none)."""
        if disk.writable:
            raise StoreError("the memory engine reads snapshots; open the store read-only")
        self.disk = disk
        self.max_quads = max_quads
        self.settle_seconds = settle_seconds
        self.query_memory_mb = query_memory_mb
        self._copy: MemoryCopy | None = None
        self._refused: set[str] = set()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        if start:
            self._thread = threading.Thread(target=self._follow, name="memory-engine", daemon=True)
            self._thread.start()

    # -- what answers

    def current_copy(self) -> MemoryCopy | None:
        """The loaded copy when it is of the newest snapshot, else None (queries then go to disk)."""
        copy = self._copy
        if copy is not None and copy.version == self.disk.version():
            return copy
        return None

    def engine(self) -> str:
        """"memory" or "disk": what answers a query now."""
        return "memory" if self.current_copy() is not None else "disk"

    def version(self) -> str:
        return self.disk.version()

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        answer = self.query_with_engine(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        return answer[0]

    def query_with_engine(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> tuple[QueryResult, str, str]:
        """(result, version, "memory" or "disk"): the version is that of the data the result comes from."""
        copy = self.current_copy()
        if copy is None:
            version = self.disk.version()
            return self.disk.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs), version, "disk"
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        elif not self.disk.union_materialised:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return copy.store.query(sparql, **kwargs), copy.version, "memory"  # type: ignore[arg-type]

    def named_graphs(self) -> list[str]:
        return self.disk.named_graphs()

    def pinned(self) -> GraphStore:
        return self.disk.pinned()

    def dump(self, output: IO[bytes], fmt: str) -> None:
        self.disk.dump(output, fmt)

    def _dump_quads(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        self.disk._dump_quads(output, rdf_format)

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        raise StoreError("the memory engine is read-only")

    def remove_graph(self, name: str) -> None:
        raise StoreError("the memory engine is read-only")

    def close(self) -> None:
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._copy = None
        self.disk.close()

    # -- loading

    def _follow(self) -> None:
        while not self._stopped.is_set():
            try:
                self.refresh()
            except (OSError, StoreError) as error:  # a snapshot collected meanwhile: try the next one
                log.warning("memory engine: could not copy the snapshot: %s", error)
            self._stopped.wait(_POLL_SECONDS)

    def refresh(self) -> MemoryCopy | None:
        """Load the newest snapshot if it is settled, fits and is not loaded yet; returns the copy in use."""
        name, snapshot = self.disk.current_snapshot()
        copy = self._copy
        if copy is not None and copy.version == name:
            return copy
        if copy is not None:
            self._copy = None  # never two copies at once: disk answers while the new one loads
            del copy
        if name in self._refused or _age_seconds(name) < self.settle_seconds:
            return None
        quads = len(snapshot)
        reason = self._why_not(quads)
        if reason is not None:
            log.info("memory engine: snapshot %s (%d quads) is answered from disk: %s", name, quads, reason)
            self._refused.add(name)
            return None
        if self.query_memory_mb > 0:
            memory.set_address_space_limit(self.query_memory_mb * 1024 * 1024 + quads * LOAD_BYTES_PER_QUAD)
        started = time.monotonic()
        loaded = copy_into_memory(snapshot)
        self._copy = MemoryCopy(name, loaded, quads, time.monotonic() - started)
        return self._copy

    def _why_not(self, quads: int) -> str | None:
        """Why a snapshot of `quads` quads is not copied, or None when it is."""
        if quads > self.max_quads:
            return f"more than COUNCILGRAPH_MEMORY_ENGINE_MAX_QUADS={self.max_quads}"
        available = memory.available_bytes()
        if available is not None and quads * LOAD_BYTES_PER_QUAD > available // 2:
            return f"the copy would take more than half of the {available // 2**20} MiB of memory available"
        return None


def copy_into_memory(snapshot: ox.Store) -> ox.Store:
    """Every quad of `snapshot` (default graph included, as stored, blank nodes with their own
    identifiers) in a new in-memory store.

    The quads are read and added `COPY_BATCH` at a time: between two batches the interpreter is
    free for the queries the worker answers from disk meanwhile (one call for every quad held it
    for the whole copy), and no more than one batch is held beside the copy. A copy by way of the
    snapshot's N-Quads text held the text and the copy at once: 1,535 MB at the peak for a copy of
    2.2 million quads that this way takes 740 MB (README, "Performance")."""
    copy = ox.Store()
    quads = snapshot.quads_for_pattern(None, None, None, None)
    while batch := list(islice(quads, COPY_BATCH)):
        copy.extend(batch)
    return copy


COPY_BATCH = 5000
"""Quads read and added at a time: ~2 ms of the interpreter held, 60 ms at worst for a query between batches."""


def _age_seconds(snapshot_name: str) -> float:
    """Seconds since the snapshot was published (its name is the publication time in nanoseconds)."""
    if not snapshot_name.isdigit():
        return float("inf")
    return time.time() - int(snapshot_name) / 1e9
