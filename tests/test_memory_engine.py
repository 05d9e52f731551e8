"""The memory engine: query workers answer from an in-memory copy of the current snapshot.

Same answers as the snapshot on disk; a new snapshot is answered from disk until its copy
is whole; `off` and snapshots above the threshold stay on disk.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from councilgraph import memory_engine
from councilgraph.client import with_prefixes
from councilgraph.errors import ConfigurationError
from councilgraph.memory_engine import MemoryEngine, open_query_store
from councilgraph.query_text import outline
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server.query_pool import Job, QueryPool, run_job
from tests.conftest import BASE, ROOT, copy_store

QUERIES = sorted((ROOT / "queries").glob("*.rq"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NEW_GRAPH = "http://localhost:5000/id/document/memory-engine-test"


def _lines(answer_body: bytes) -> list[str]:
    """The answer's lines, sorted: engines may list unordered rows in another order."""
    return sorted(answer_body.decode("utf-8").splitlines())


def _engine(path: Path, **changes: object) -> MemoryEngine:
    options: dict[str, object] = {"max_quads": 10**9, "settle_seconds": 0.0, "start": False, **changes}
    return MemoryEngine(LocalStore(path), **options)  # type: ignore[arg-type]


@pytest.fixture
def store_copy(sample_store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    return copy_store(sample_store_path, copy)


def _add_graph(path: Path, triples: int) -> None:
    """Publish a snapshot with one more named graph of `triples` statements."""
    ntriples = "".join(f'<{NEW_GRAPH}#s{n}> <{BASE}ontology#p> "{n}" .\n' for n in range(triples))
    writer = LocalStore(path, writable=True)
    try:
        writer.replace_graphs({NEW_GRAPH: ntriples})
        writer.publish()
    finally:
        writer.close()


def _count(result: object) -> int:
    assert isinstance(result, ox.QuerySolutions)
    return int(next(iter(result))["n"].value)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def sample_engine(sample_store_path: Path) -> MemoryEngine:
    """One in-memory copy of the sample snapshot for the read-only query comparisons (a copy costs seconds)."""
    engine = _engine(sample_store_path)
    assert engine.refresh() is not None
    return engine


@pytest.mark.parametrize("query_file", QUERIES, ids=[q.stem for q in QUERIES])
def test_every_example_query_answers_the_same_in_memory_and_on_disk(
    sample_store_path: Path, sample_engine: MemoryEngine, query_file: Path
) -> None:
    text = with_prefixes(query_file.read_text(encoding="utf-8"))
    form = outline(text).form or "SELECT"
    format_key = "ntriples" if form in ("CONSTRUCT", "DESCRIBE") else "tsv"
    engine = sample_engine
    assert engine.engine() == "memory"
    job = Job(query=text, form=form, format_key=format_key)
    in_memory = run_job(job, engine)
    on_disk = run_job(job, LocalStore(sample_store_path))
    assert in_memory.engine == "memory" and on_disk.engine == "disk"
    assert in_memory.version == on_disk.version
    assert _lines(in_memory.body) == _lines(on_disk.body)
    assert _lines(in_memory.body), "the example query returned nothing to compare"


def test_the_copy_holds_every_quad_of_the_snapshot(sample_store_path: Path) -> None:
    engine = _engine(sample_store_path)
    copy = engine.refresh()
    assert copy is not None
    disk = LocalStore(sample_store_path).current_snapshot()[1]
    assert set(copy.store) == set(disk)
    assert copy.quads == len(disk) > 0


def test_a_new_snapshot_is_answered_from_disk_until_its_copy_is_whole(store_copy: Path) -> None:
    engine = _engine(store_copy)
    engine.refresh()
    old_count = _count(engine.query(COUNT))
    old_version = engine.version()
    assert engine.engine() == "memory"

    release = threading.Event()
    loading = threading.Event()
    real_copy = memory_engine.copy_into_memory

    def slow_copy(snapshot: ox.Store) -> ox.Store:
        loading.set()
        release.wait(30)
        return real_copy(snapshot)

    _add_graph(store_copy, 7)
    time.sleep(0.6)  # readers look for a new snapshot twice a second
    seen: list[tuple[int, str, str]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(memory_engine, "copy_into_memory", slow_copy)
        loader = threading.Thread(target=engine.refresh)
        loader.start()
        assert loading.wait(10)
        for _ in range(20):
            result, version, what = engine.query_with_engine(COUNT)
            seen.append((_count(result), version, what))
        release.set()
        loader.join(30)
    assert not loader.is_alive()
    result, version, what = engine.query_with_engine(COUNT)
    seen.append((_count(result), version, what))

    assert version != old_version and what == "memory"
    new_count = old_count + 7
    assert all((n, w) == (new_count, "disk") for n, _v, w in seen[:-1]), seen
    assert seen[-1] == (new_count, version, "memory")


def test_answers_never_mix_versions_while_snapshots_change(store_copy: Path) -> None:
    engine = _engine(store_copy, start=True)  # the engine's own thread follows the snapshots
    base_count = _count(LocalStore(store_copy).query(COUNT))
    counts_by_version: dict[str, set[int]] = {}
    stop = threading.Event()
    errors: list[str] = []

    def ask() -> None:
        while not stop.is_set():
            try:
                result, version, _what = engine.query_with_engine(COUNT)
                counts_by_version.setdefault(version, set()).add(_count(result))
            except Exception as error:  # noqa: BLE001 - recorded, fails the test
                errors.append(repr(error))

    askers = [threading.Thread(target=ask) for _ in range(2)]
    for thread in askers:
        thread.start()
    try:
        for triples in (3, 11, 5):
            _add_graph(store_copy, triples)
            time.sleep(0.8)
        deadline = time.monotonic() + 20
        while engine.engine() != "memory" and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in askers:
            thread.join(10)
        engine.close()
    assert not errors, errors[:3]
    assert all(len(counts) == 1 for counts in counts_by_version.values()), counts_by_version
    seen_counts = {next(iter(c)) for c in counts_by_version.values()}
    assert seen_counts <= {base_count, base_count + 3, base_count + 11, base_count + 5}
    assert base_count + 5 in seen_counts


def test_a_snapshot_above_the_threshold_stays_on_disk(sample_store_path: Path) -> None:
    quads = len(LocalStore(sample_store_path).current_snapshot()[1])
    engine = _engine(sample_store_path, max_quads=quads - 1)
    assert engine.refresh() is None
    assert engine.engine() == "disk"
    assert engine.query_with_engine(COUNT)[2] == "disk"
    assert _engine(sample_store_path, max_quads=quads).refresh() is not None


def test_a_young_snapshot_is_not_copied_until_it_has_settled(sample_store_path: Path) -> None:
    engine = _engine(sample_store_path, settle_seconds=10**9)
    assert engine.refresh() is None and engine.engine() == "disk"


def test_the_setting_chooses_the_engine(sample_store_path: Path) -> None:
    settings = Settings(store=str(sample_store_path), base_uri=BASE)
    off = open_query_store(settings.with_(memory_engine="off"))
    assert isinstance(off, LocalStore)
    auto = open_query_store(settings.with_(memory_engine="auto"))
    on = open_query_store(settings.with_(memory_engine="on", memory_engine_max_quads=0))
    try:
        assert isinstance(auto, MemoryEngine) and isinstance(on, MemoryEngine)
        assert on.max_quads > 10**12  # `on` ignores the threshold
    finally:
        auto.close()
        on.close()
    assert isinstance(open_query_store(settings.with_(memory_engine_max_quads=0)), LocalStore)
    with pytest.raises(ConfigurationError, match="COUNCILGRAPH_MEMORY_ENGINE"):
        open_query_store(settings.with_(memory_engine="fast"))
    loaded = Settings.load(environ={"COUNCILGRAPH_MEMORY_ENGINE": "off", "COUNCILGRAPH_MEMORY_ENGINE_MAX_QUADS": "5"})
    assert (loaded.memory_engine, loaded.memory_engine_max_quads) == ("off", 5)


@pytest.mark.parametrize(("mode", "expected"), [("on", "memory"), ("off", "disk")])
def test_query_workers_answer_from_memory_unless_switched_off(
    sample_store_path: Path, mode: str, expected: str
) -> None:
    settings = Settings(
        store=str(sample_store_path), base_uri=BASE, query_workers=1, query_timeout=20.0, memory_engine=mode
    )
    pool = QueryPool(settings)
    job = Job(query=COUNT, form="SELECT", format_key="tsv")
    try:
        deadline = time.monotonic() + 30
        answer = pool.run(job)
        while answer.engine != expected and time.monotonic() < deadline:
            time.sleep(0.2)
            answer = pool.run(job)
        time.sleep(1.0)  # longer than the engine takes to copy the sample store: `off` must still read disk
        answer = pool.run(job)
    finally:
        pool.close()
    assert answer.engine == expected
    assert answer.body == run_job(job, LocalStore(sample_store_path)).body


def test_a_copy_made_batch_by_batch_keeps_every_quad_and_each_blank_nodes_identity() -> None:
    snapshot = ox.Store()
    graph = ox.NamedNode("http://x.org/graph")
    quads = [
        ox.Quad(ox.BlankNode(f"b{i // 3}"), ox.NamedNode(f"http://x.org/p{i % 3}"), ox.Literal(str(i)), graph)
        for i in range(memory_engine.COPY_BATCH * 2 + 7)  # three batches, the last one short
    ]
    snapshot.extend(quads)
    copy = memory_engine.copy_into_memory(snapshot)
    assert set(copy) == set(snapshot) == set(quads)
