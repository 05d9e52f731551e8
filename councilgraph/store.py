"""The graph store: what every part of councilgraph reads from and writes to.

Two kinds of store share one interface, `GraphStore`:

- `LocalStore` (this module): an embedded Oxigraph store in a folder. One
  process writes the *primary* database; after each commit it publishes an
  immutable *snapshot* (a RocksDB checkpoint made of hard links, so it is
  cheap) and swaps a pointer file atomically. Readers — the server and its
  query worker processes — only ever open snapshots read-only, so ingestion
  can run while the server serves, readers never see half a document, and a
  killed writer leaves the last published snapshot intact.
- `RemoteStore` (`councilgraph.remote`): any SPARQL 1.1 Query/Update store.

Query results are pyoxigraph result objects (`QuerySolutions`,
`QueryBoolean`, `QueryTriples`) whichever store answers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TypeAlias

import pyoxigraph as ox

from councilgraph.errors import StoreError, StoreLocked
from councilgraph.parallel_dump import dump_in_parallel
from councilgraph.settings import Settings
from councilgraph.uris import TEXT_GRAPH_PATH, is_text_graph

QueryResult: TypeAlias = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {"nq", "trig", "jsonld"}

_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class GraphStore(ABC):
    """A quad store whose default graph, for queries, is the union of all named graphs."""

    @abstractmethod
    def version(self) -> str:
        """Changes whenever the visible data changes; used for ETags and caches."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query. Without `default_graphs` the default graph is the union of all graphs."""

    @abstractmethod
    def replace_graphs(self, graphs: dict[str, str]) -> None:
        """Replace each named graph (IRI → N-Triples text) in one transaction."""

    @abstractmethod
    def remove_graph(self, name: str) -> None: ...

    @abstractmethod
    def named_graphs(self) -> list[str]: ...

    def replace_graph(self, name: str, ntriples: str) -> None:
        self.replace_graphs({name: ntriples})

    def pinned(self) -> GraphStore:
        """A view that keeps reading the data visible now, for several reads that must agree."""
        return self

    def publish(self) -> None:  # noqa: B027 - optional hook
        """Make committed writes visible to readers (a no-op where they already are)."""

    def compact(self) -> None:  # noqa: B027 - optional hook
        """Reorganise the storage for reading after a run of writes (a no-op where nothing needs it);
        called once at the end of an ingest, a harvest or a load, before its last `publish`."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store."""

    def dump(self, output: IO[bytes], fmt: str) -> None:
        """Write the whole dataset: quads keep their graphs (nq, trig, jsonld); triples are the union."""
        rdf_format = RDF_FORMATS[fmt]
        if fmt in QUAD_FORMATS:
            self._dump_quads(output, rdf_format)
        else:
            triples = self.query(_UNION_TRIPLES)
            assert isinstance(triples, ox.QueryTriples)
            triples.serialize(output, rdf_format)

    @abstractmethod
    def _dump_quads(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None: ...

    def triple_count(self) -> int:
        """Distinct triples in the union of all graphs."""
        return self.count_of("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }")

    def quad_count(self) -> int:
        """Statements of the data graphs (the text graphs left out, as in the data dumps)."""
        text_graphs = f'FILTER(!CONTAINS(STR(?g), "/{TEXT_GRAPH_PATH}"))'
        return self.count_of(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {text_graphs} }}")

    def count_of(self, sparql: str) -> int:
        """The integer `?n` of the first row of a SELECT (0 when there is none)."""
        result = self.query(sparql)
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            term = row["n"]
            return int(term.value) if term is not None else 0
        return 0

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def update_replacing(graphs: dict[str, str], *, maintain_union: bool = False) -> str:
    """A SPARQL Update that replaces each graph; executed as one transaction.

    With `maintain_union`, the store's default graph is kept equal to the set
    union of all named graphs but the text graphs: a triple leaves it when no
    other graph states it.
    """
    parts = []
    for name, ntriples in graphs.items():
        in_union = maintain_union and not is_text_graph(name)
        if in_union:
            parts.append(
                f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{name}>) }} }}"
            )
        parts.append(f"DROP SILENT GRAPH <{name}>")
        if ntriples.strip():
            parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{ntriples}\n}} }}")
            if in_union:
                parts.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    return " ;\n".join(parts)


# --------------------------------------------------------------------------- local


_POINTER = "CURRENT"
_UNION_BATCH = 500_000
_PARSER_LINE_BYTES = 16 * 1024 * 1024
"""pyoxigraph's N-Triples parser refuses a statement longer than this; SPARQL Update takes it."""
_UNION_MARKER = "UNION-DEFAULT-GRAPH"
"""Present when the default graph holds the set union of the named graphs (stores written since 0.1)."""
_PRIMARY = "primary"
_BULK_FILES = "bulk-*.sst"
"""Oxigraph's bulk loader writes its files into the database folder under this name before ingesting them."""
_STAGING = ".primary.tmp"
_EMPTIED = ".primary.old"
_SNAPSHOTS = "snapshots"
_KEEP_SNAPSHOTS = 3
_SNAPSHOT_GRACE_SECONDS = 600.0
_REFRESH_SECONDS = 0.5


class LocalStore(GraphStore):
    """An Oxigraph store in a folder: a writable primary and read-only snapshots.

    `LocalStore(root, writable=True)` opens the primary for writing (one writer
    at a time); `LocalStore(root)` reads the newest snapshot and follows new
    ones as the writer publishes them.
    """

    def __init__(self, root: str | os.PathLike[str], *, writable: bool = False) -> None:
        self.root = Path(root)
        self.writable = writable
        self._lock = threading.Lock()
        self._snapshot_name = ""
        self._checked_at = 0.0
        if writable:
            self._store = self._open_primary()
            _remove_leftovers(self.root)
            if not (self.root / _UNION_MARKER).exists():
                self._materialise_union()
                self.publish()  # readers follow the marker, so they must see the materialised graph at once
            elif self._read_pointer() is None:
                self.publish()
        else:
            if self._read_pointer() is None:
                self._initialise_empty()
            self._store = self._open_snapshot()

    # -- opening

    def _open_primary(self) -> ox.Store:
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / _SNAPSHOTS).mkdir(exist_ok=True)
        try:
            return ox.Store(str(self.root / _PRIMARY))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLocked(
                    f"the store {self.root} is being written by another process "
                    "(an ingest or load still running); wait for it to finish and try again"
                ) from error
            raise StoreError(f"cannot open the store {self.root}: {error}") from error

    def _initialise_empty(self) -> None:
        """A reader on a folder without snapshots: create the store, or wait for a running writer."""
        try:
            LocalStore(self.root, writable=True).close()
        except StoreLocked:
            deadline = time.monotonic() + 10
            while self._read_pointer() is None:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"the store {self.root} has no published snapshot yet; "
                        "a writer holds it — wait until it has published and try again"
                    ) from None
                time.sleep(0.1)

    def _read_pointer(self) -> str | None:
        try:
            name = (self.root / _POINTER).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        return name or None

    def _open_snapshot(self) -> ox.Store:
        name = self._read_pointer()
        if name is None:
            raise StoreError(f"the store {self.root} has no snapshot; run `councilgraph ingest` first")
        try:
            store = ox.Store.read_only(str(self.root / _SNAPSHOTS / name))
        except OSError as error:
            raise StoreError(f"cannot open snapshot {name} of {self.root}: {error}") from error
        self._snapshot_name = name
        self._checked_at = time.monotonic()
        return store

    def pinned(self) -> GraphStore:
        if self.writable:
            return self
        view = LocalStore.__new__(LocalStore)
        view.root, view.writable, view._lock = self.root, False, threading.Lock()
        self._current()
        view._store, view._snapshot_name = self._store, self._snapshot_name
        view._checked_at = float("inf")  # never looks for a newer snapshot
        return view

    def _current(self) -> ox.Store:
        if self.writable:
            return self._store
        now = time.monotonic()
        if now - self._checked_at >= _REFRESH_SECONDS and self._checked_at != float("inf"):
            with self._lock:
                self._checked_at = now
                name = self._read_pointer()
                if name is not None and name != self._snapshot_name:
                    self._store = self._open_snapshot()
        return self._store

    # -- reading

    def version(self) -> str:
        self._current()
        return self._snapshot_name if not self.writable else f"{self._snapshot_name}+w"

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        store = self._current()
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        elif not self.union_materialised:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        return store.query(sparql, **kwargs)  # type: ignore[arg-type]

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._current().named_graphs() if isinstance(g, ox.NamedNode))

    @property
    def union_materialised(self) -> bool:
        # Oxigraph's union default graph is a bag (a triple counts once per graph that states it); the
        # materialised default graph is a set. Older stores without it fall back to the bag.
        marked = self.__dict__.get("_marked")
        if marked is None:
            marked = self.__dict__["_marked"] = (self.root / _UNION_MARKER).exists()
        return bool(marked)

    def dump(self, output: IO[bytes], fmt: str) -> None:
        if not self.union_materialised:
            super().dump(output, fmt)
            return
        store, snapshot = self._current_with_path()
        if snapshot is not None and dump_in_parallel(snapshot, store, output, RDF_FORMATS[fmt], self.root):
            return
        if fmt in QUAD_FORMATS:
            self._dump_quads(output, RDF_FORMATS[fmt])
            return
        # the default graph is the set union: written straight from its index, not through a query
        store.dump(output, RDF_FORMATS[fmt], from_graph=ox.DefaultGraph())

    def _current_with_path(self) -> tuple[ox.Store, Path | None]:
        """The store read now and, for a reader, its snapshot's folder (other processes may open it too)."""
        self._current()
        with self._lock:  # the store and its name change together, under this lock
            store, name = self._store, self._snapshot_name
        return store, (None if self.writable or not name else self.root / _SNAPSHOTS / name)

    def current_snapshot(self) -> tuple[str, ox.Store]:
        """The name of the snapshot read now and its store, which change together (for the memory engine)."""
        self._current()
        with self._lock:
            return self._snapshot_name, self._store

    def _dump_quads(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        """Every named graph but the text graphs; the default graph is derived from them and is not dumped."""
        store = self._current()
        if not self.union_materialised:
            store.dump(output, rdf_format)
            return
        graphs = [g for g in store.named_graphs() if not (isinstance(g, ox.NamedNode) and is_text_graph(g.value))]
        quads = (quad for graph in graphs for quad in store.quads_for_pattern(None, None, None, graph))
        ox.serialize(quads, output, rdf_format)

    # -- writing

    def _writer(self) -> ox.Store:
        if not self.writable:
            raise StoreError("this store was opened read-only")
        return self._store

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        if not graphs:
            return
        store = self._writer()
        fits_parser = all(len(text) < _PARSER_LINE_BYTES for text in graphs.values())
        if (
            fits_parser
            and self.union_materialised
            and not any(store.contains_named_graph(ox.NamedNode(g)) for g in graphs)
        ):
            if not self._load_new_graphs(graphs):
                self._add_new_graphs(graphs)
            return
        store.update(update_replacing(graphs, maintain_union=True))

    def _load_new_graphs(self, graphs: dict[str, str]) -> bool:
        """`_add_new_graphs` in one atomic N-Quads bulk load, without a Python object per statement
        (the quads of one ingest batch cost more to build in Python than to write). False, with
        nothing written, where that cannot say the same: blank nodes (which `_add_new_graphs`
        renames), a line that is not a plain statement, or a graph the parser refuses (to be
        reported by name).

        Oxigraph's bulk loader (since 0.5.1) writes sorted files and adds them to the database in
        one atomic ingestion at its end, so a kill leaves the batch whole or absent, as a
        transaction does. It costs about a third less CPU than the transactional `load` (which puts
        each key through the write-ahead log and the memtable) and leaves no memtable for the
        snapshots to flush."""
        nquads = _union_nquads(graphs)
        if nquads is None:
            return False
        try:
            self._writer().bulk_load(input=nquads, format=ox.RdfFormat.N_QUADS)
        except SyntaxError:
            return False
        return True

    def _add_new_graphs(self, graphs: dict[str, str]) -> None:
        """Graphs the store does not hold yet: nothing to delete, so their quads and the union's
        copies are added in one atomic `extend`, without parsing a SPARQL update."""
        quads: list[ox.Quad] = []
        for name, ntriples in graphs.items():
            graph = ox.NamedNode(name)
            try:
                # fresh blank nodes per write, as INSERT DATA makes them
                triples = list(ox.parse(ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES, rename_blank_nodes=True))
            except SyntaxError as error:
                raise StoreError(f"the graph <{name}> is not valid N-Triples: {error}") from None
            quads.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
            if not is_text_graph(name):
                quads.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        self._writer().extend(quads)

    def start_from(self, template: Path) -> bool:
        """Make this store, while it holds nothing, a copy of the primary database at `template`
        (a checkpoint: its files hard-linked where the file system allows); False, with nothing
        changed, when this store holds a statement.

        The copy is made beside the primary and renamed into its place: a kill leaves either the
        empty primary, no primary (opened as a new, empty one) or the whole copy."""
        store = self._writer()
        if len(store) or not self.union_materialised:
            return False
        primary, staging, emptied = self.root / _PRIMARY, self.root / _STAGING, self.root / _EMPTIED
        _remove_leftovers(self.root)
        ox.Store.read_only(str(template)).backup(str(staging))
        store.flush()
        del store, self._store  # releases the database's lock
        try:
            os.replace(primary, emptied)
            os.replace(staging, primary)
        finally:
            self._store = self._open_primary()
        _remove_leftovers(self.root)
        return True

    def remove_graph(self, name: str) -> None:
        self._writer().update(update_replacing({name: ""}, maintain_union=True))

    def bulk_load(self, path: Path, rdf_format: ox.RdfFormat, graph: str | None) -> None:
        """Load a large file fast (not transactional: used by `councilgraph load` and the benchmark)."""
        target = ox.NamedNode(graph) if graph else None
        self._writer().bulk_load(path=str(path), format=rdf_format, to_graph=target)
        self._materialise_union()

    def _materialise_union(self) -> None:
        """Copy every named graph's triples into the default graph, graph by graph, then mark the store."""
        store = self._writer()
        batch: list[ox.Quad] = []
        for graph in list(store.named_graphs()):
            if isinstance(graph, ox.NamedNode) and is_text_graph(graph.value):
                continue
            batch.extend(
                ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
            )
            # each bulk_extend writes its own files: few large batches, not one per graph
            if len(batch) >= _UNION_BATCH:
                store.bulk_extend(batch)
                batch = []
        if batch:
            store.bulk_extend(batch)
        store.flush()
        (self.root / _UNION_MARKER).write_text("the default graph is the set union of the named graphs\n")

    def compact(self) -> None:
        """Merge the files that the bulk loader added batch by batch: until then every read looks
        through each of them (a full scan of the samples' store took 8.3 s instead of 5.2, the
        merge 0.3 s). A published snapshot is a copy of the files, so this comes before it."""
        self._writer().optimize()

    def publish(self) -> None:
        """Publish the primary's committed state as the newest snapshot."""
        store = self._writer()
        store.flush()
        name = f"{time.time_ns():020d}"
        snapshots = self.root / _SNAPSHOTS
        staging = snapshots / f".{name}.tmp"
        store.backup(str(staging))
        os.replace(staging, snapshots / name)
        pointer_tmp = self.root / f".{_POINTER}.tmp"
        pointer_tmp.write_text(name + "\n", encoding="ascii")
        with open(pointer_tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer_tmp, self.root / _POINTER)
        self._snapshot_name = name
        self._collect_old_snapshots(keep=name)

    def _collect_old_snapshots(self, keep: str) -> None:
        snapshots = self.root / _SNAPSHOTS
        names = sorted(p.name for p in snapshots.iterdir() if not p.name.startswith("."))
        now = time.time_ns()
        for name in names[:-_KEEP_SNAPSHOTS]:
            age = (now - int(name)) / 1e9 if name.isdigit() else _SNAPSHOT_GRACE_SECONDS
            if name != keep and age >= _SNAPSHOT_GRACE_SECONDS:
                shutil.rmtree(snapshots / name, ignore_errors=True)
        for leftover in snapshots.glob(".*.tmp"):
            shutil.rmtree(leftover, ignore_errors=True)

    def close(self) -> None:
        if self.writable:
            with contextlib.suppress(OSError):
                self._store.flush()
        del self._store


def _remove_leftovers(root: Path) -> None:
    """What an interrupted `start_from` left beside the primary, and the files of a bulk load killed
    before it handed them to the database (which never reads files of that name)."""
    for name in (_STAGING, _EMPTIED):
        shutil.rmtree(root / name, ignore_errors=True)
    for leftover in (root / _PRIMARY).glob(_BULK_FILES):
        leftover.unlink(missing_ok=True)


def _union_nquads(graphs: dict[str, str]) -> bytes | None:
    """Graphs (IRI → N-Triples text) as N-Quads in UTF-8, each statement also in the default graph
    unless its graph is a text graph; None where a graph holds blank nodes (which a write of its own
    must rename) or a line that is not a plain statement.

    Each graph is encoded first and rewritten as bytes, which the parser reads faster than a str:
    rewritten as a str, a batch's text (most of it two bytes a character, for its German quotation
    marks) took twice the memory and as much again to encode (0.6–0.9 → 0.4 ms a bench document)."""
    parts: list[bytes] = []
    for name, ntriples in graphs.items():
        if not ntriples:
            continue
        # ASCII markers: their bytes occur in UTF-8 only where the text holds them
        data = ntriples.encode("utf-8")
        if b"_:" in data or data.count(b"\n") != data.count(b" .\n") or not data.endswith(b"\n"):
            return None
        parts.append(data.replace(b" .\n", f" {ox.NamedNode(name)} .\n".encode()))
        if not is_text_graph(name):
            parts.append(data)  # a triple is an N-Quads statement of the default graph
    return b"".join(parts)


def open_store(settings: Settings, *, writable: bool = False) -> GraphStore:
    """The store the settings name: a folder (embedded Oxigraph) or a SPARQL endpoint URL."""
    if settings.is_remote:
        from councilgraph.remote import RemoteStore

        return RemoteStore.from_settings(settings)
    return LocalStore(settings.store, writable=writable)


def ntriples_of(triples: Iterable[tuple[object, object, object]]) -> str:
    """Serialise rdflib triples as N-Triples text (for `replace_graphs`)."""
    from rdflib import Graph

    graph = Graph()
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    return graph.serialize(format="nt")
