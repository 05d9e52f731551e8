"""Ingest writes documents a batch per transaction: the same store, in order, one refusal stops nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BASE, EXAMPLES, canonical_quads

from councilgraph.errors import StoreError
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from ingest import pipeline
from ingest.pipeline import FileOutcome, extract_file, ingest_paths

DOCUMENTS = sorted(EXAMPLES.glob("*.txt"))


def ingest(path: Path, store: LocalStore, **settings: object) -> list[FileOutcome]:
    seen: list[tuple[Path, bool]] = []
    try:
        outcomes = ingest_paths(
            DOCUMENTS,
            store,
            Settings(store=str(path), base_uri=BASE, **settings),  # type: ignore[arg-type]
            on_outcome=lambda o: seen.append((o.path, o.stored)),
        )
    finally:
        store.close()
    assert [path for path, _ in seen] == [o.path for o in outcomes] == DOCUMENTS
    assert [stored for _, stored in seen] == [o.stored for o in outcomes], "an outcome was passed on before its batch"
    return outcomes


def test_the_fast_path_stores_what_todays_path_stores(tmp_path: Path) -> None:
    """Compiled checks and batches of 32 against pyshacl and a transaction per document."""
    quads = []
    for engine, batch in (("pyshacl", 1), ("compiled", 32)):
        path = tmp_path / engine
        outcomes = ingest(path, LocalStore(path, writable=True), shacl_engine=engine, ingest_batch=batch)
        assert all(o.stored for o in outcomes), [o.error for o in outcomes]
        quads.append(canonical_quads(LocalStore(path)))
    assert quads[0] == quads[1]
    assert len(quads[0]) > 500


class RefusingStore(LocalStore):
    """Refuses any write that includes one named document graph."""

    refused = ""

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        if self.refused in graphs:
            raise StoreError(f"the graph <{self.refused}> is refused")
        super().replace_graphs(graphs)


def test_a_graph_the_store_refuses_fails_only_its_own_document(tmp_path: Path) -> None:
    settings = Settings(base_uri=BASE)
    documents = {str(extract_file(path, settings).document): path for path in DOCUMENTS}
    refused_document, refused_path = sorted(documents.items())[1]
    path = tmp_path / "store"
    store = RefusingStore(path, writable=True)
    store.refused = refused_document
    outcomes = ingest(path, store, ingest_batch=32)
    failed = [o for o in outcomes if not o.stored]
    assert [o.path for o in failed] == [refused_path]
    assert failed[0].error is not None and "refused" in failed[0].error
    graphs = set(LocalStore(path).named_graphs())
    assert refused_document not in graphs
    assert set(documents) - {refused_document} <= graphs


def test_the_batch_written_after_the_workers_are_done_is_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch before the last is written while the workers read the last files: what is left
    to write once they are done is at most `LAST_BATCH` documents."""
    written: list[int] = []

    def write(self: pipeline._BatchWriter) -> None:
        written.append(len(self.pending))
        self.pending.clear()

    monkeypatch.setattr(pipeline._BatchWriter, "write", write)
    settings = Settings(base_uri=BASE, ingest_batch=256, snapshot_interval=3600.0)
    writer = pipeline._BatchWriter(LocalStore(tmp_path / "store", writable=True), settings, [], None, expected=100)
    for number in range(100):
        writer.add(FileOutcome(Path(f"{number}.txt")))
    writer.write()
    assert written == [100 - pipeline.LAST_BATCH, pipeline.LAST_BATCH]
