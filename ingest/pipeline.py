"""file → reader → extractor → graph → SHACL → store (one named graph per document)."""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import multiprocessing
import os
import shutil
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from councilgraph.errors import CouncilGraphError, StoreError, ValidationFailed
from councilgraph.gazetteer import city_index
from councilgraph.namespaces import CG
from councilgraph.reference import REFERENCE_FILES, reference_digest, reference_ntriples
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, LocalStore
from councilgraph.texts import document_graphs
from ingest.builder import DocumentTriples, statements_of
from ingest.extract import Extraction, extract
from ingest.readers import iter_documents, read_document
from ingest.sidecar import metadata_for
from ingest.validation import ValidationResult, format_report, validate_graph, warm_validation
from ingest.warm_up import warm_extraction


def extract_file(path: Path, settings: Settings, city: str | None = None) -> Extraction:
    """Read and extract one file, with its sidecar metadata; nothing is validated or stored."""
    metadata = metadata_for(path)
    return extract(read_document(path), settings.minter, city, metadata)


@dataclass
class FileOutcome:
    path: Path
    extraction: Extraction | None = None
    validation: ValidationResult | None = None
    error: str | None = None
    stored: bool = False
    warnings: list[str] = field(default_factory=list)
    ntriples: str = ""
    """The validated graph as N-Triples, written where the file was processed (a worker)."""

    @property
    def ok(self) -> bool:
        return self.error is None


def process_file(path: Path, settings: Settings, city: str | None = None) -> FileOutcome:
    """Extract and validate one file; errors become the outcome's message, never an exception."""
    outcome = FileOutcome(path)
    try:
        outcome.extraction = extract_file(path, settings, city)
        outcome.warnings.extend(outcome.extraction.warnings)
        outcome.validation = validate_graph(outcome.extraction.triples, settings.base_uri, settings.shacl_engine)
        outcome.warnings.extend(
            f"{issue.focus} {issue.path}: {issue.message}".strip() for issue in outcome.validation.warnings
        )
        if not outcome.validation.conforms:
            report = format_report({str(path): outcome.validation})
            raise ValidationFailed(str(path), report)
        outcome.ntriples = graph_ntriples(outcome.extraction.triples)
    except CouncilGraphError as error:
        outcome.error = str(error)
    except Exception as error:  # noqa: BLE001 - one file's failure never stops a batch
        # not a user error: a defect met on this file. The file is reported and the batch goes on.
        outcome.error = (
            f"{path}: could not be processed because of an internal error ({type(error).__name__}: {error});"
            " the other files are not affected. Please report it with this file."
        )
        outcome.extraction = None
    return outcome


def graph_ntriples(graph: Graph | DocumentTriples) -> str:
    """`graph.serialize(format="nt")`, the same text, a third faster: each IRI and blank node is
    written once per graph, not once per statement it appears in."""
    written: dict[Node, str] = {}
    rows: list[str] = []
    for s, p, o in statements_of(graph):
        subject = written.get(s)
        if subject is None:
            subject = written[s] = s.n3()
        predicate = written.get(p)
        if predicate is None:
            predicate = written[p] = p.n3()
        if isinstance(o, Literal):
            value = _quoteLiteral(o)
        else:
            known = written.get(o)
            value = written[o] = o.n3() if known is None else known
        rows.append(f"{subject} {predicate} {value} .\n")
    return "".join(rows)


def ensure_reference_graphs(store: GraphStore, settings: Settings) -> list[str]:
    """Store the ontology, vocabularies, principles and gazetteer; skip those whose source is unchanged."""
    stale = [
        name
        for name in REFERENCE_FILES
        if _stored_digest(store, settings.minter.graph(name)) != _digest(name, settings)
    ]
    if len(stale) == len(REFERENCE_FILES) and isinstance(store, LocalStore):
        # a new store starts as a copy of a store that holds only the reference graphs, made once
        template = reference_template(settings)
        with contextlib.suppress(OSError):  # then written as into any other store
            if template is not None and store.start_from(template):
                return sorted(str(settings.minter.graph(name)) for name in stale)
    return _store_reference_graphs(store, settings, stale)


def _digest(name: str, settings: Settings) -> str:
    return reference_digest(name, settings.base_uri)


def _store_reference_graphs(store: GraphStore, settings: Settings, names: list[str]) -> list[str]:
    changed: list[str] = []
    for name in names:
        graph_iri = settings.minter.graph(name)
        digest = _digest(name, settings)
        marker = f"<{graph_iri}> <{CG.sha256}> {Literal(digest).n3()} .\n"
        # a transaction per graph, each whole or absent: the graphs without blank nodes (the gazetteer's
        # quarter of a million statements) then take the store's N-Quads path instead of one quad at a time;
        # the bulk loader would take half the time but leave a graph half written after a kill
        store.replace_graphs({str(graph_iri): reference_ntriples(name, settings.base_uri).decode("utf-8") + marker})
        changed.append(str(graph_iri))
    return sorted(changed)


TEMPLATES_KEPT = 4
"""Reference templates kept in the cache folder (one per base URI and version of the reference data)."""


def reference_template(settings: Settings) -> Path | None:
    """The primary database of a store holding only the reference graphs of these settings, built
    once per machine into the user's cache folder; None where that folder cannot be written.

    Writing the reference graphs into a new store costs ~3 s of CPU (a quarter of a million
    gazetteer statements and their union copies, in transactions); copying a checkpoint of
    such a store costs a few hundredths of a second."""
    key = hashlib.sha256(settings.base_uri.encode())
    for name in REFERENCE_FILES:
        key.update(_digest(name, settings).encode())
    try:
        cache = _cache_folder()
        folder = cache / key.hexdigest()[:32]
        primary = folder / "primary"
        if not primary.is_dir():
            cache.mkdir(parents=True, exist_ok=True)
            building = cache / f".{folder.name}.{os.getpid()}.tmp"
            shutil.rmtree(building, ignore_errors=True)
            template = LocalStore(building, writable=True)
            try:
                _store_reference_graphs(template, settings, list(REFERENCE_FILES))
            finally:
                template.close()
            try:
                os.replace(building, folder)  # whole or absent, also when several processes build it
            except OSError:
                shutil.rmtree(building, ignore_errors=True)
                if not primary.is_dir():
                    raise
            with contextlib.suppress(OSError):  # another process may be pruning too
                _prune_templates(cache, keep=folder)
        os.utime(folder)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    return primary


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "councilgraph" / "reference"


def _prune_templates(cache: Path, keep: Path) -> None:
    """The least recently used templates beyond `TEMPLATES_KEPT`, and builds left by killed runs after a day."""
    templates = sorted((p for p in cache.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for old in templates[:-TEMPLATES_KEPT]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in cache.glob(".*.tmp"):
        if time.time() - leftover.stat().st_mtime > 86400:
            shutil.rmtree(leftover, ignore_errors=True)


def _stored_digest(store: GraphStore, graph_iri: URIRef) -> str | None:
    result = store.query(f"SELECT ?d WHERE {{ GRAPH <{graph_iri}> {{ <{graph_iri}> <{CG.sha256}> ?d }} }}")
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        digest = row["d"]
        return None if digest is None else str(digest.value)
    return None


def _refuse_second_file_with_the_same_name(outcome: FileOutcome, seen: dict[str, Path]) -> None:
    """A document's URI comes from its file name; two files of one run must not overwrite each other."""
    assert outcome.extraction is not None
    document = str(outcome.extraction.document)
    first = seen.setdefault(document, outcome.path)
    if first != outcome.path:
        outcome.error = (
            f"{outcome.path}: becomes the same document <{document}> as {first}, and would replace it; "
            "rename one of the two files (e.g. prefix the city) and ingest again"
        )


def ingest_paths(
    paths: Iterable[Path],
    store: GraphStore,
    settings: Settings,
    city: str | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> list[FileOutcome]:
    """Ingest files and folders; each file's graph replaces its previous graph atomically.

    A file that fails (unreadable, nothing recognised, SHACL Violation) leaves the
    store as it was. Documents are written `settings.ingest_batch` at a time, each
    batch in one transaction (a document is never half stored). Readers see new data
    after each snapshot, published at most every `settings.snapshot_interval`
    seconds and at the end.
    """
    files = list(iter_documents(paths))
    outcomes: list[FileOutcome] = []
    seen: dict[str, Path] = {}
    with _file_processor(len(files), settings) as process:
        # the workers start and load shapes and vocabularies while this process stores the reference graphs
        ensure_reference_graphs(store, settings)
        # in worker processes, the batch before the last is written while the workers read the last files
        expected = len(files) if _worker_count(len(files), settings) > 1 else 0
        writer = _BatchWriter(store, settings, outcomes, on_outcome, expected)
        for outcome in process(files, city):
            if outcome.ok and outcome.extraction is not None:
                _refuse_second_file_with_the_same_name(outcome, seen)
            writer.add(outcome)
        writer.write()
    store.compact()
    store.publish()
    return outcomes


LAST_BATCH = 32
"""Documents at most in the batch written after the last outcome (when more came since the last write).

That write, and the merge of the store's files after it, happen when the workers are done and one
core is idle: the batch before it is written while the workers read the last documents, so that
this one is small (the last batch held up to `ingest_batch` documents: ~0.7 s of a thousand
documents' 22 s, with nothing else to do)."""


class _BatchWriter:
    """Writes validated documents to the store a batch at a time, in input order.

    One transaction per batch instead of one per document: a transaction costs about
    as much as writing a document. An outcome is passed on (to the caller's list and
    callback) once its batch is written, so `stored` is true when it is seen.
    """

    def __init__(
        self,
        store: GraphStore,
        settings: Settings,
        outcomes: list[FileOutcome],
        on_outcome: Callable[[FileOutcome], None] | None,
        expected: int = 0,
    ) -> None:
        self.store = store
        self.settings = settings
        self.outcomes = outcomes
        self.on_outcome = on_outcome
        self.pending: list[FileOutcome] = []
        self.last_publish = time.monotonic()
        self.publish_interval = settings.snapshot_interval
        self.to_come = expected
        """Outcomes of the run not added yet; none counted (0) where no worker processes read the files."""

    def add(self, outcome: FileOutcome) -> None:
        self.pending.append(outcome)
        self.to_come -= 1
        if (
            len(self.pending) < self.settings.ingest_batch
            and not self._snapshot_due()
            and self.to_come != LAST_BATCH
        ):
            return
        started = time.monotonic()
        self.write()
        if self._snapshot_due():
            self.store.publish()
            self.last_publish = time.monotonic()
            # A batch's write and its snapshot cost much the same however few documents the batch
            # holds (~0.1 s of CPU and the files' syncs), and the background merge of each write's
            # files with the store (~0.4 s of CPU at a thousand documents): writing a batch every
            # `snapshot_interval` took a third of this process's time. At most a tenth of the run
            # goes to writes and snapshots; an idle machine with few documents a second still
            # publishes every `snapshot_interval`, and none waits more than ten of them.
            interval = self.settings.snapshot_interval
            self.publish_interval = min(10 * interval, max(interval, 9 * (self.last_publish - started)))

    def _snapshot_due(self) -> bool:
        return time.monotonic() - self.last_publish >= self.publish_interval

    def write(self) -> None:
        batch, self.pending = self.pending, []
        storable = [o for o in batch if o.ok and o.extraction is not None]
        try:
            self.store.replace_graphs(self._graphs(storable))
        except StoreError:
            # one document the store refuses must not take the others of its batch with it
            for outcome in storable:
                self._write_alone(outcome)
        else:
            for outcome in storable:
                outcome.stored = True
        for outcome in batch:
            self.outcomes.append(outcome)
            if self.on_outcome is not None:
                self.on_outcome(outcome)

    def _write_alone(self, outcome: FileOutcome) -> None:
        try:
            self.store.replace_graphs(self._graphs([outcome]))
            outcome.stored = True
        except StoreError as error:
            outcome.error = f"{outcome.path}: the store refused its graph: {error}"

    def _graphs(self, outcomes: list[FileOutcome]) -> dict[str, str]:
        graphs: dict[str, str] = {}
        for outcome in outcomes:
            assert outcome.extraction is not None
            document = str(outcome.extraction.document)
            graphs.update(document_graphs(self.settings.minter, document, outcome.ntriples))
        return graphs


PARALLEL_FROM = 16
"""Files in one run from which extraction and validation run in worker processes."""


Processor = Callable[[list[Path], str | None], Iterator[FileOutcome]]
"""Extracts and validates files, yielding their outcomes in input order."""


@contextlib.contextmanager
def _file_processor(file_count: int, settings: Settings) -> Iterator[Processor]:
    """Extraction and validation in this process, or in worker processes when there are many files.

    Only this process writes to the store; workers only read files and vocabularies.
    """
    workers = _worker_count(file_count, settings)
    if workers < 2:
        yield lambda files, city: (process_file(path, settings, city) for path in files)
        return
    # What every file needs (gazetteer index, shapes, vocabularies) is loaded once, here, and the
    # workers are forked from this process, sharing it copy-on-write: a spawned worker imported
    # and loaded it all again, ~1.7 s of CPU per worker and run.
    _warm_up(settings)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
    ) as pool:
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork in a process with threads: here those are the store's
            # (RocksDB) threads, and a worker never touches the store; it only reads files.
            warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks", category=DeprecationWarning)
            for _ in range(workers):
                pool.submit(int)  # start every worker now

        def process(files: list[Path], city: str | None) -> Iterator[FileOutcome]:
            yield from pool.map(_process_in_worker, files, repeat(settings), repeat(city), chunksize=4)

        yield process


def _worker_count(file_count: int, settings: Settings) -> int:
    """The worker processes that extract and validate `file_count` files (1: this process does)."""
    if file_count < PARALLEL_FROM:
        return 1
    return min(os.cpu_count() or 1, settings.ingest_workers)


def _process_in_worker(path: Path, settings: Settings, city: str | None) -> FileOutcome:
    """`process_file`, its outcome made light to send: the graph stays here, written as N-Triples."""
    outcome = process_file(path, settings, city)
    if outcome.extraction is not None:
        outcome.extraction = outcome.extraction.without_graph()
    return outcome


def _warm_up(settings: Settings) -> None:
    """Load what every file needs (shapes, vocabularies, gazetteer, the extraction's patterns),
    before the workers are forked."""
    city_index()
    warm_validation(settings.base_uri, settings.shacl_engine)
    warm_extraction(settings.minter)


def _start_worker() -> None:
    # what was loaded before the fork stays for the worker's life: the collector need not walk it
    # after every document, nor write to its pages, which stay shared with the parent
    gc.freeze()
    # a document makes some hundred thousand objects, most of them alive until it is sent: collecting
    # the youngest generation every 700 allocations walked them again and again (~3 % of a worker's time)
    gc.set_threshold(10_000, 10, 10)
    atexit.register(_exit_without_teardown)


def _exit_without_teardown() -> None:
    """End a worker at once when the pool shuts it down.

    Tearing down a worker's interpreter frees its graphs one object at a time: about
    0.4 s per worker at the end of every run, for memory the system takes back anyway.
    A worker holds no file or store open for writing, and its results are already sent.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
