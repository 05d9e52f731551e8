"""Shared fixtures: settings, stores, the app, a CLI runner and a live server over real HTTP."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from tests.language_ids import entry_location
from tests.parallel_order import spread_slow_modules
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "documents"
BASE = "http://localhost:5000/"


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """An entry of a language file is named by where it stands (`votes.toml:151`)."""
    return entry_location(val) if argname == "entry" else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, deal the modules with slow tests out to the workers first."""
    worker_input = getattr(config, "workerinput", None)
    if worker_input is not None:
        spread_slow_modules(items, int(worker_input.get("workercount", 1)))


def wait_until_responds(
    url: str, timeout: float = 30.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Wait until `url` answers; fails at once when `process`, the server meant to answer, has exited."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with status {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception as error:  # noqa: BLE001 - any failure means "not yet"
            last = error
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not respond within {timeout} s: {last}")


def canonical_quads(store: LocalStore) -> set[str]:
    """The store's quads as N-Quads lines, blank nodes relabelled canonically (RDFC-1.0)."""
    import io

    import pyoxigraph as ox

    buffer = io.BytesIO()
    store.dump(buffer, "nq")
    # A quad without blank nodes never bears on their labels, so only the quads with blank nodes
    # are canonicalised; the gazetteer's 124,000 quads have none. A dumped line without "_:" has
    # no blank node and is already the quad's canonical N-Quads line, so only the others are parsed.
    lines: set[str] = set()
    with_blank_nodes = ox.Dataset()
    maybe_blank = []
    for line in buffer.getvalue().decode("utf-8").splitlines():
        if "_:" in line:
            maybe_blank.append(line)
        elif line:
            lines.add(line)
    for quad in ox.parse("\n".join(maybe_blank).encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        if all(isinstance(term, ox.NamedNode | ox.Literal | ox.DefaultGraph) for term in quad):
            lines.add(str(quad) + " .")
        else:
            with_blank_nodes.add(quad)
    with_blank_nodes.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return lines | {str(quad) + " ." for quad in with_blank_nodes}


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of the store folder `source` at `target`.

    RocksDB never changes a table file (`*.sst`) once written, only deletes it,
    so those are hard-linked, as a RocksDB checkpoint does; the rest is copied."""

    def link_or_copy(src: str, dst: str) -> None:
        if src.endswith(".sst"):
            try:
                os.link(src, dst)
                return
            except OSError:
                pass
        shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy)
    return target


_reference_stores: dict[str, Path] = {}


def reference_store(base: str = BASE) -> Path:
    """A store holding only the reference graphs for `base`, built once per test process.

    Storing the 124,000 gazetteer triples costs seconds; a store copied from this one
    starts with them, and ingest skips reference graphs whose source is unchanged."""
    from ingest.pipeline import ensure_reference_graphs

    path = _reference_stores.get(base)
    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="councilgraph-reference-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "store"
        store = LocalStore(path, writable=True)
        try:
            ensure_reference_graphs(store, Settings(store=str(path), base_uri=base))
            store.publish()
        finally:
            store.close()
        _reference_stores[base] = path
    return path


def ingest_into(
    store_path: Path, documents: list[Path] | None = None, base: str = BASE
) -> Settings:
    """Ingest `documents` (default: the samples); a new store starts as a copy of `reference_store(base)`."""
    from ingest.pipeline import ingest_paths

    if not store_path.exists():
        copy_store(reference_store(base), store_path)
    settings = Settings(store=str(store_path), base_uri=base)
    store = LocalStore(store_path, writable=True)
    try:
        outcomes = ingest_paths(documents or [EXAMPLES], store, settings)
    finally:
        store.close()
    failed = [o.error for o in outcomes if not o.ok]
    assert not failed, failed
    return settings


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five sample documents, ingested once per test session (read-only for tests)."""
    path = tmp_path_factory.mktemp("sample") / "store"
    ingest_into(path)
    return path


@pytest.fixture(scope="session")
def sample_quads(sample_store_path: Path) -> frozenset[str]:
    """The sample store's quads, canonical (`canonical_quads`), read once per test process: reading a
    store's 128,000 quads costs a second, and several modules compare their stores with these."""
    return frozenset(canonical_quads(LocalStore(sample_store_path)))


@pytest.fixture(scope="session")
def sample_settings(sample_store_path: Path) -> Settings:
    return Settings(store=str(sample_store_path), base_uri=BASE, query_timeout=5.0)


@pytest.fixture(scope="session")
def sample_store(sample_settings: Settings) -> LocalStore:
    return LocalStore(sample_settings.store)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for an empty, private store."""
    return Settings(store=str(tmp_path / "store"), base_uri=BASE, query_timeout=5.0)


@pytest.fixture(scope="session")
def app(sample_settings: Settings, sample_store: LocalStore) -> Flask:
    from server import create_app

    flask_app = create_app(sample_settings, store=sample_store)
    flask_app.config["TESTING"] = True
    return flask_app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@contextlib.contextmanager
def running_server(
    store_path: Path, log: Path | None = None, env: dict[str, str] | None = None, threads: int | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`councilgraph serve` on a free port, serving the URIs of BASE; yields its URL and process."""
    port = free_port()
    command = [sys.executable, "-m", "councilgraph", "serve", "--store", str(store_path), "--port", str(port)]
    if threads is not None:
        command += ["--threads", str(threads)]
    environment = {**os.environ, "COUNCILGRAPH_BASE_URI": BASE, **(env or {})}
    with open(log or os.devnull, "wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=environment)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_responds(url + "sparql?query=ASK%7B%7D", process=process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def live_server(sample_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`councilgraph serve` on a free port over the sample store; yields its base URL."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    with running_server(sample_store_path, log, env={"COUNCILGRAPH_QUERY_TIMEOUT": "3"}) as (url, _process):
        yield url
