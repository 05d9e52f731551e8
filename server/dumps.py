"""Dump files of the whole dataset: built once per store version, atomically, into a cache folder.

A build of a large store takes minutes, so the server never builds inside a
request: `dump_status(...)` reports the newest complete set and starts a
background build (one at a time) when the store has moved on.
`ensure_dumps(store, folder)` waits for that build, for offline callers.
Every file is written into a staging folder and renamed into place, the
manifest last, so a reader sees either the old set or the new one.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from councilgraph.catalog_settings import CatalogConfig
from councilgraph.errors import StoreError
from councilgraph.namespaces import CG_IRI
from councilgraph.settings import Settings
from councilgraph.store import GraphStore
from councilgraph.uris import is_text_graph, slugify

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
GZIP_LEVEL = 6
CG_TEXT = ox.NamedNode(CG_IRI + "text")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class DumpFormat:
    key: str
    """The `GraphStore.dump` format key."""
    suffix: str
    media_type: str
    file_type: str
    """Code in the EU file-type authority table."""
    label: str
    quads: bool
    """Keeps one graph per document (quad format) rather than the union."""


N_TRIPLES = DumpFormat("nt", "nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples", False)
TURTLE = DumpFormat("ttl", "ttl", "text/turtle", "RDF_TURTLE", "Turtle", False)
N_QUADS = DumpFormat("nq", "nq", "application/n-quads", "RDF_N_QUADS", "N-Quads", True)
JSON_LD = DumpFormat("jsonld", "jsonld", "application/ld+json", "JSON_LD", "JSON-LD", True)

DUMP_FORMATS: tuple[DumpFormat, ...] = (N_TRIPLES, TURTLE, N_QUADS, JSON_LD)
FORMAT_BY_KEY = {f.key: f for f in DUMP_FORMATS}


DUMP_NAME = re.compile(
    r"[a-z0-9-]+\.(?:nt|ttl|nq|jsonld)\.gz|[a-z0-9-]+\.ttl|cities/[a-z0-9-]+\.ttl\.gz|manifest\.json|SHA256SUMS"
)
"""Every name a build writes has this form (`councilgraph.nt.gz`, `texts.nq.gz`, `cities/bochum.ttl.gz`,
`councilgraph-ontology.ttl`, the manifest and checksums); another name is never a dump."""


def dump_filename(fmt: DumpFormat, stem: str = "councilgraph") -> str:
    return f"{stem}.{fmt.suffix}.gz"


@dataclass(frozen=True)
class DumpFile:
    name: str
    """Path relative to the dumps folder (and to `/dumps/`)."""
    kind: str
    """`dataset` (the whole graph), `texts` (the full texts), `city` (one city's documents), `ontology` or `shapes`."""
    format: str
    media_type: str
    file_type: str
    compressed: bool
    bytes: int
    sha256: str
    triples: int
    """Statements in the file: triples, or quads for quad formats."""
    title: str
    city: str | None = None
    """IRI of the city, for `kind == "city"`."""


@dataclass
class Manifest:
    version: str
    created: str
    files: list[DumpFile] = field(default_factory=list)

    def file(self, name: str) -> DumpFile | None:
        return next((f for f in self.files if f.name == name), None)

    def of_kind(self, kind: str) -> list[DumpFile]:
        return [f for f in self.files if f.kind == kind]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(
            version=data["version"],
            created=data["created"],
            files=[DumpFile(**entry) for entry in data["files"]],
        )

    def checksums(self) -> str:
        """`sha256sum -c` format."""
        return "".join(f"{f.sha256}  {f.name}\n" for f in self.files)


def dumps_folder(settings: Settings, config: CatalogConfig | None = None) -> Path:
    """The configured cache folder, else `dumps` beside the store folder, else a temp folder."""
    if config is not None and config.dumps_folder:
        return Path(config.dumps_folder)
    if settings.is_remote:
        key = hashlib.sha256(settings.store.encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"councilgraph-dumps-{key}"
    return Path(settings.store).resolve().parent / "dumps"


# --------------------------------------------------------------------------- writing


class _CountingHasher:
    """A binary sink that hashes, counts bytes and newlines while writing to `target`."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.sha256 = hashlib.sha256()
        self.bytes = 0

    def write(self, data: bytes) -> int:
        self.target.write(data)
        self.sha256.update(data)
        self.bytes += len(data)
        return len(data)

    def flush(self) -> None:
        self.target.flush()


class _LineCounter:
    """Counts lines of an N-Triples/N-Quads stream (one statement per line) on its way through."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


@contextlib.contextmanager
def _atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A temporary file beside `path`, renamed onto it when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def write_dump(store: GraphStore, output: IO[bytes], fmt: DumpFormat, *, compress: bool = True) -> tuple[int, int, str]:
    """Write one dump; returns (bytes written, statements, sha256 of the bytes written).

    Statements are counted from an N-Triples/N-Quads rendering: directly for
    those formats, and by a second native pass for Turtle and JSON-LD, whose
    content is the same as N-Triples (union) and N-Quads (graphs) respectively.
    """
    sink = _CountingHasher(output)
    counter: _LineCounter | None = None
    stream: IO[bytes]
    if compress:
        stream = cast(
            IO[bytes],
            gzip.GzipFile(fileobj=cast(IO[bytes], sink), mode="wb", compresslevel=GZIP_LEVEL, mtime=0),
        )
    else:
        stream = cast(IO[bytes], sink)
    with contextlib.ExitStack() as stack:
        if compress:
            stack.enter_context(stream)
        if fmt.key in ("nt", "nq"):
            counter = _LineCounter(stream)
            store.dump(cast(IO[bytes], counter), fmt.key)
        else:
            store.dump(stream, fmt.key)
    statements = counter.lines if counter is not None else (store.quad_count() if fmt.quads else store.triple_count())
    return sink.bytes, statements, sink.sha256.hexdigest()


TEXTS_FILE = "texts.nq.gz"
_TEXTS = f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s <{CG_IRI}text> ?o }} }}"


def write_texts(store: GraphStore, output: IO[bytes]) -> tuple[int, int, str]:
    """The text graphs (`B/graph/text/{doc}`) as gzipped N-Quads; returns (bytes, quads, sha256)."""
    result = store.query(_TEXTS)
    assert isinstance(result, ox.QuerySolutions)
    quads = (
        ox.Quad(row["s"], CG_TEXT, row["o"], row["g"])
        for row in result
        if isinstance(row["g"], ox.NamedNode) and is_text_graph(row["g"].value)
    )
    sink = _CountingHasher(output)
    with gzip.GzipFile(fileobj=cast(IO[bytes], sink), mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as stream:
        counter = _LineCounter(cast(IO[bytes], stream))
        ox.serialize(quads, cast(IO[bytes], counter), ox.RdfFormat.N_QUADS)
    return sink.bytes, counter.lines, sink.sha256.hexdigest()


Writer = Callable[[IO[bytes]], tuple[int, int, str]]
"""Writes one file's bytes; returns (bytes, statements, sha256)."""


def _write_file(folder: Path, name: str, write: Writer) -> tuple[int, int, str]:
    with _atomic_file(folder / name) as handle:
        return write(handle)


def _bytes_writer(data: bytes, statements: int) -> Writer:
    def write(handle: IO[bytes]) -> tuple[int, int, str]:
        handle.write(data)
        return len(data), statements, hashlib.sha256(data).hexdigest()

    return write


def _turtle_statements(data: bytes) -> int:
    return sum(1 for _ in ox.parse(data, format=ox.RdfFormat.TURTLE))


def _cities_with_motions(store: GraphStore) -> list[tuple[str, str]]:
    """(city IRI, slug) of every city that has at least one motion."""
    result = store.query(
        f"SELECT DISTINCT ?city WHERE {{ ?m a <{CG_IRI}Motion> ; <{CG_IRI}city> ?city }} ORDER BY ?city"
    )
    assert isinstance(result, ox.QuerySolutions)
    cities = []
    for row in result:
        city = row["city"]
        if isinstance(city, ox.NamedNode):
            cities.append((city.value, slugify(city.value.rstrip("/").rsplit("/", 1)[-1])))
    return cities


def city_graph_query(city_iri: str) -> str:
    """The triples of every document graph that holds a motion of the city."""
    # the city's graphs first, then only their triples: one scan per city would grow with the whole store
    return (
        "CONSTRUCT { ?s ?p ?o } WHERE { "
        f"{{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m a <{CG_IRI}Motion> ; <{CG_IRI}city> <{city_iri}> }} }} }} "
        "GRAPH ?g { ?s ?p ?o } }"
    )


def _city_dump(store: GraphStore, city_iri: str) -> bytes:
    result = store.query(city_graph_query(city_iri))
    assert isinstance(result, ox.QueryTriples)
    raw = result.serialize(format=ox.RdfFormat.TURTLE)
    assert raw is not None
    return gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)


def build_dumps(
    store: GraphStore, folder: Path, extra_files: list[tuple[str, str, str, bytes]] | None = None
) -> Manifest:
    """Build every dump into `folder` and write the manifest; returns it.

    `extra_files`: (name, kind, title, Turtle bytes) of further uncompressed
    files to publish beside the dumps (the ontology, the shapes).
    """
    version = store.version()
    folder.mkdir(parents=True, exist_ok=True)
    files: list[DumpFile] = []
    for fmt in DUMP_FORMATS:
        name = dump_filename(fmt)
        size, statements, digest = _write_file(folder, name, functools.partial(write_dump, store, fmt=fmt))
        files.append(
            DumpFile(
                name,
                "dataset",
                fmt.key,
                fmt.media_type,
                fmt.file_type,
                True,
                size,
                digest,
                statements,
                f"The whole graph as {fmt.label}",
            )
        )
    size, statements, digest = _write_file(folder, TEXTS_FILE, functools.partial(write_texts, store))
    files.append(
        DumpFile(
            TEXTS_FILE,
            "texts",
            N_QUADS.key,
            N_QUADS.media_type,
            N_QUADS.file_type,
            True,
            size,
            digest,
            statements,
            "The full texts of the source documents as N-Quads, one text graph per document",
        )
    )
    for city_iri, slug in _cities_with_motions(store):
        data = _city_dump(store, city_iri)
        name = f"cities/{slug}.ttl.gz"
        statements = _turtle_statements(gzip.decompress(data))
        size, _, digest = _write_file(folder, name, _bytes_writer(data, statements))
        files.append(
            DumpFile(
                name,
                "city",
                "ttl",
                TURTLE.media_type,
                TURTLE.file_type,
                True,
                size,
                digest,
                statements,
                f"Documents of {slug} as Turtle",
                city=city_iri,
            )
        )
    for name, kind, title, data in extra_files or []:
        size, statements, digest = _write_file(folder, name, _bytes_writer(data, _turtle_statements(data)))
        files.append(
            DumpFile(
                name,
                kind,
                "ttl",
                TURTLE.media_type,
                TURTLE.file_type,
                False,
                size,
                digest,
                statements,
                title,
            )
        )
    manifest = Manifest(version=version, created=datetime.now(UTC).isoformat(timespec="seconds"), files=files)
    _write_file(folder, CHECKSUMS, _bytes_writer(manifest.checksums().encode(), 0))
    _write_file(folder, MANIFEST, _bytes_writer(manifest.to_json().encode(), 0))
    return manifest


def read_manifest(folder: Path) -> Manifest | None:
    try:
        return Manifest.from_json((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


ExtraFiles = list[tuple[str, str, str, bytes]]
BUILD_RETRY_SECONDS = 60.0
"""After a failed build, requests for the same store version see the failure this long
before a new build is tried (so a broken store does not start a build per request)."""

_build_lock = threading.Lock()
"""One dump build at a time in this process, whatever the folder: a build reads the whole store."""
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DumpStatus:
    folder: Path
    manifest: Manifest | None
    """The newest complete set of files in the folder; of an older store version when not `ready`."""
    ready: bool
    """`manifest` describes the store's current version."""
    error: str | None = None
    """Why the last build for the current version failed, if it did."""


class DumpBuilder:
    """Builds the dumps of one folder in a background thread, once per store version.

    A build writes into a hidden staging folder and then renames every file into
    place, the manifest last, so the files of the previous version stay served,
    unchanged, until the new set is complete.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._finished = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._failure: tuple[str, float, str] | None = None
        """(store version, monotonic time, message) of the last failed build."""
        manifest = read_manifest(folder)
        self._manifest = manifest if manifest is not None and _complete(folder, manifest) else None

    def status(self, store: GraphStore, extra_files: Callable[[], ExtraFiles]) -> DumpStatus:
        """Where the dumps stand; starts a build when they are behind the store and none runs."""
        version = store.version()
        with self._lock:
            manifest = self._manifest
            if manifest is not None and manifest.version == version:
                return DumpStatus(self.folder, manifest, True)
            error = self._recent_failure(version)
            if error is None and self._thread is None:
                self._thread = threading.Thread(
                    target=self._build,
                    args=(store, extra_files()),
                    name=f"dump-build-{self.folder.name}",
                    daemon=True,
                )
                self._thread.start()
            return DumpStatus(self.folder, manifest, False, error)

    def wait(
        self,
        store: GraphStore,
        extra_files: Callable[[], ExtraFiles],
        timeout: float | None = None,
    ) -> DumpStatus:
        """`status`, after waiting up to `timeout` seconds (None: without limit) for a build."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            current = self.status(store, extra_files)
            if current.ready or current.error is not None:
                return current
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                return current
            with self._lock:
                if self._thread is not None:
                    self._finished.wait(remaining)

    def _recent_failure(self, version: str) -> str | None:
        if self._failure is None:
            return None
        failed_version, when, message = self._failure
        if failed_version != version or time.monotonic() - when > BUILD_RETRY_SECONDS:
            return None
        return message

    def _build(self, store: GraphStore, extra_files: ExtraFiles) -> None:
        store = store.pinned()  # every file of one set from one snapshot, whatever ingest publishes meanwhile
        version = store.version()
        manifest: Manifest | None = None
        failure: tuple[str, float, str] | None = None
        try:
            with _build_lock:
                manifest = read_manifest(self.folder)
                if manifest is None or manifest.version != version or not _complete(self.folder, manifest):
                    manifest = build_dumps_in_place(store, self.folder, extra_files)
        except Exception as error:  # noqa: BLE001 - reported to every request that needs the dumps
            _log.exception("building the dumps in %s failed", self.folder)
            failure = (version, time.monotonic(), f"{type(error).__name__}: {error}")
        with self._lock:
            if manifest is not None:
                self._manifest = manifest
            self._failure = failure
            self._thread = None
            self._finished.notify_all()


def build_dumps_in_place(store: GraphStore, folder: Path, extra_files: ExtraFiles | None) -> Manifest:
    """Build into a staging folder beside the live files, then rename them into place."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=".build-"))
    try:
        manifest = build_dumps(store.pinned(), staging, extra_files)
        for name in [f.name for f in manifest.files] + [CHECKSUMS, MANIFEST]:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


_builders: dict[Path, DumpBuilder] = {}
_builders_lock = threading.Lock()


def builder_for(folder: Path) -> DumpBuilder:
    """The one builder of a folder in this process."""
    key = folder.resolve()
    with _builders_lock:
        builder = _builders.get(key)
        if builder is None:
            builder = _builders[key] = DumpBuilder(key)
        return builder


def ensure_dumps(store: GraphStore, folder: Path, extra_files: ExtraFiles | None = None) -> Manifest:
    """The manifest of dumps for the store's current version, waiting for a build if needed."""
    status = builder_for(folder).wait(store, lambda: list(extra_files or []))
    if status.error is not None:
        raise StoreError(f"The dump files could not be built: {status.error}")
    assert status.manifest is not None
    return status.manifest


def _complete(folder: Path, manifest: Manifest) -> bool:
    return all((folder / f.name).is_file() for f in manifest.files)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def published_files() -> list[tuple[str, str, str, bytes]]:
    """The ontology and the shapes, published beside the dumps."""
    from server.vocabulary import ontology_turtle, shapes_turtle

    return [
        (
            "councilgraph-ontology.ttl",
            "ontology",
            "The councilgraph ontology (OWL, Turtle)",
            ontology_turtle(),
        ),
        (
            "councilgraph-shapes.ttl",
            "shapes",
            "The SHACL shapes every document graph is checked against",
            shapes_turtle(),
        ),
    ]


def current_dumps(store: GraphStore, settings: Settings, config: CatalogConfig) -> tuple[Path, Manifest]:
    """The dumps folder the settings name and the manifest of its up-to-date dumps (waits)."""
    folder = dumps_folder(settings, config)
    return folder, ensure_dumps(store, folder, published_files())


def dump_status(store: GraphStore, settings: Settings, config: CatalogConfig, wait: float | None = 0.0) -> DumpStatus:
    """Where the dumps stand, after waiting up to `wait` seconds (None: until built) for a build."""
    return builder_for(dumps_folder(settings, config)).wait(store, published_files, wait)
