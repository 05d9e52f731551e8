"""The faster write paths of ingest store exactly what the transactional paths they replace store."""

from __future__ import annotations

import pickle
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import BASE, EXAMPLES
from rdflib import XSD, BNode, Graph, Literal, URIRef

from councilgraph.errors import StoreError
from councilgraph.reference import REFERENCE_FILES
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from councilgraph.texts import document_graphs
from ingest.genres import concepts
from ingest.language import lexicon
from ingest.pipeline import (
    _process_in_worker,
    _store_reference_graphs,
    ensure_reference_graphs,
    graph_ntriples,
    process_file,
)

SAMPLES = sorted(EXAMPLES.glob("*.txt"))
SETTINGS = Settings(base_uri=BASE)


class TransactionalOnly(LocalStore):
    """Writes every graph the way ingest wrote before: parsed into quads, one `extend`."""

    def _load_new_graphs(self, graphs: dict[str, str]) -> bool:
        return False


def every_quad(store: LocalStore) -> set[str]:
    """All quads, the default graph (the materialised union) included; blank nodes as a count."""
    quads = set()
    blank = 0
    for quad in store._writer():
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            blank += 1
        else:
            quads.add(str(quad))
    return quads | {f"{blank} quads with blank nodes"}


def document_graphs_of(paths: list[Path]) -> list[dict[str, str]]:
    graphs = []
    for path in paths:
        outcome = process_file(path, SETTINGS)
        assert outcome.ok and outcome.extraction is not None, outcome.error
        graphs.append(document_graphs(SETTINGS.minter, str(outcome.extraction.document), outcome.ntriples))
    return graphs


def test_documents_loaded_as_nquads_equal_documents_extended_quad_by_quad(tmp_path: Path) -> None:
    batches = document_graphs_of(SAMPLES)
    fast, slow = LocalStore(tmp_path / "fast", writable=True), TransactionalOnly(tmp_path / "slow", writable=True)
    for store in (fast, slow):
        for graphs in batches:
            store.replace_graphs(graphs)
    assert every_quad(fast) == every_quad(slow)
    assert len(every_quad(fast)) > 1000
    text_graphs = [g for graphs in batches for g in graphs if "/graph/text/" in g]
    assert text_graphs and all(fast._writer().contains_named_graph(ox.NamedNode(g)) for g in text_graphs)
    # a text graph stays out of the union default graph
    texts = list(
        fast._writer().quads_for_pattern(None, ox.NamedNode("https://w3id.org/councilgraph/ontology#text"), None)
    )
    assert texts and all(q.graph_name != ox.DefaultGraph() for q in texts)


def test_blank_nodes_and_odd_lines_take_the_renaming_path(tmp_path: Path) -> None:
    graphs = {
        "http://example.org/g/blank": '_:a <http://example.org/p> "1" .\n_:a <http://example.org/q> _:b .\n',
        "http://example.org/g/comment": '# a comment\n<http://example.org/s> <http://example.org/p> "2" .\n',
    }
    fast, slow = LocalStore(tmp_path / "fast", writable=True), TransactionalOnly(tmp_path / "slow", writable=True)
    assert not fast._load_new_graphs(graphs)
    for store in (fast, slow):
        store.replace_graphs(graphs)
    assert every_quad(fast) == every_quad(slow)
    assert "4 quads with blank nodes" in every_quad(fast)


def test_a_graph_the_parser_refuses_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", writable=True)
    before = len(store._writer())
    graphs = {
        "http://example.org/g/good": '<http://example.org/s> <http://example.org/p> "1" .\n',
        "http://example.org/g/bad": "<http://example.org/s> <http://example.org/p> <not an iri> .\n",
    }
    with pytest.raises(StoreError, match="g/bad"):
        store.replace_graphs(graphs)
    assert len(store._writer()) == before


@pytest.fixture(scope="module")
def written_reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalStore, list[str], set[str]]]:
    """A new store the reference graphs were written into (`_store_reference_graphs`): the store, what
    the writing returned and every quad it then held, taken before any test reads it. Writing them
    and reading a quarter of a million quads back costs ~5 s, and two tests compare with this store."""
    store = LocalStore(tmp_path_factory.mktemp("written") / "store", writable=True)
    try:
        loaded = _store_reference_graphs(store, SETTINGS, list(REFERENCE_FILES))
        yield store, loaded, every_quad(store)
    finally:
        store.close()


@pytest.mark.slow(seconds=10)
def test_reference_graphs_loaded_as_nquads_equal_reference_graphs_extended_quad_by_quad(
    tmp_path: Path, written_reference: tuple[LocalStore, list[str], set[str]]
) -> None:
    fast, loaded, fast_quads = written_reference
    slow = TransactionalOnly(tmp_path / "slow", writable=True)
    assert loaded == _store_reference_graphs(slow, SETTINGS, list(REFERENCE_FILES))
    assert len(loaded) == 4
    assert fast_quads == every_quad(slow)
    assert ensure_reference_graphs(fast, SETTINGS) == []  # each graph sealed with its digest


@pytest.mark.slow(seconds=16)
def test_a_new_store_copied_from_the_reference_template_holds_what_writing_the_graphs_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written_reference: tuple[LocalStore, list[str], set[str]]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copied = LocalStore(tmp_path / "copied", writable=True)
    loaded = ensure_reference_graphs(copied, SETTINGS)
    assert len(list((tmp_path / "cache" / "councilgraph" / "reference").iterdir())) == 1  # the template
    _written, written_loaded, expected = written_reference  # every quad a new store held after the writing
    assert loaded == written_loaded
    assert every_quad(copied) == expected
    assert ensure_reference_graphs(copied, SETTINGS) == []
    copied.publish()
    assert every_quad(copied) == expected  # and it writes on as any store
    again = LocalStore(tmp_path / "again", writable=True)
    assert ensure_reference_graphs(again, SETTINGS) == loaded  # from the same template
    assert every_quad(again) == expected


@pytest.mark.slow(seconds=12)
def test_a_store_that_holds_a_statement_is_never_replaced_by_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = LocalStore(tmp_path / "store", writable=True)
    store.replace_graph("http://example.org/g/1", '<http://example.org/a> <http://example.org/p> "1" .\n')
    assert not store.start_from(tmp_path / "nowhere")
    assert len(ensure_reference_graphs(store, SETTINGS)) == 4
    assert (
        ox.Quad(
            ox.NamedNode("http://example.org/a"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("1"),
            ox.NamedNode("http://example.org/g/1"),
        )
        in store._writer()
    )


def test_a_worker_sends_the_graph_as_ntriples_and_keeps_the_report() -> None:
    path = SAMPLES[0]
    full = process_file(path, SETTINGS)
    sent = pickle.loads(pickle.dumps(_process_in_worker(path, SETTINGS, None)))
    assert full.extraction is not None and sent.extraction is not None
    assert sent.ntriples == full.ntriples and len(sent.ntriples) > 1000
    assert sent.extraction.document == full.extraction.document
    assert sent.extraction.genre == full.extraction.genre
    assert sent.extraction.summary() == full.extraction.summary()
    assert sent.extraction.facts == full.extraction.facts
    assert sent.warnings == full.warnings
    assert len(sent.extraction.graph) == 0 < len(full.extraction.graph)
    assert len(pickle.dumps(sent)) < len(pickle.dumps(full)) * 0.7


def test_remembered_readings_are_fresh_lists() -> None:
    text = "Änderungsantrag der Fraktion zum Antrag vom 12.03.2021: mit Änderungen beschlossen."
    cues = lexicon.kind_cues(text)
    assert cues
    cues.clear()
    assert lexicon.kind_cues(text) and lexicon.kind_cues(text) is not lexicon.kind_cues(text)
    hits = concepts.find("outcome", text)
    assert hits
    hits.clear()
    assert concepts.find("outcome", text)


def test_a_graph_is_written_as_rdflib_writes_it_as_ntriples() -> None:
    for path in SAMPLES:
        extraction = process_file(path, SETTINGS).extraction
        assert extraction is not None
        assert graph_ntriples(extraction.graph) == extraction.graph.serialize(format="nt")
    graph = Graph()
    tricky = Literal('a "quoted"\\ line\r\nand\ttab é 😀', lang="de")
    graph.add((BNode("b1"), URIRef("http://example.org/p"), tricky))
    graph.add((BNode("b1"), URIRef("http://example.org/p"), Literal("5", datatype=XSD.integer)))
    graph.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), BNode("b1")))
    assert graph_ntriples(graph) == graph.serialize(format="nt")


_WRITER = """
import sys
from councilgraph.store import LocalStore

store = LocalStore(sys.argv[1], writable=True)
run, number = sys.argv[2], 0
while True:
    graphs = {}
    for _ in range(20):
        number += 1
        rows = [f'<http://example.org/s{run}-{number}-{k}> <http://example.org/p> "{k}" .\\n' for k in range(50)]
        rows += [f'<http://example.org/shared> <http://example.org/p> "{k}" .\\n' for k in range(3)]
        graphs[f"http://example.org/g/{run}-{number}"] = "".join(rows)
        graphs[f"http://localhost:5000/graph/text/{run}-{number}"] = (
            f'<http://example.org/d{number}> <https://w3id.org/councilgraph/ontology#text> "{"t" * 4000}" .\\n'
        )
    store.replace_graphs(graphs)
    if number % 200 == 0:
        store.publish()
"""


@pytest.mark.slow(seconds=20)
def test_a_kill_while_new_graphs_are_written_leaves_each_batch_whole_or_absent(tmp_path: Path) -> None:
    """New graphs go to the store through Oxigraph's bulk loader, which must stay atomic: after a
    SIGKILL at any moment, every graph is whole or absent, the union default graph holds exactly
    the triples of the graphs present, and the loader's unfinished files are gone on reopening."""
    root = tmp_path / "store"
    rng = random.Random(20261205)
    for run in range(8):
        process = subprocess.Popen([sys.executable, "-c", _WRITER, str(root), str(run)], cwd=Path(__file__).parents[1])
        time.sleep(rng.uniform(0.6, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        store = LocalStore(root, writable=True)
        try:
            assert not list((root / "primary").glob("bulk-*.sst"))
            sizes: dict[str, int] = {}
            for quad in store._writer():
                name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
                sizes[name] = sizes.get(name, 0) + 1
        finally:
            store.close()
        data = [name for name in sizes if name.startswith("http://example.org/g/")]
        texts = [name for name in sizes if "/graph/text/" in name]
        assert all(sizes[name] == 53 for name in data), "a graph is half written after a kill"
        assert len(data) == len(texts) and len(data) % 20 == 0, "a batch is half written after a kill"
        assert sizes.get("", 0) == (50 * len(data) + 3 if data else 0), "the union default graph is off"
    assert data, "no batch was written before the kills"


class Recording(LocalStore):
    """A local store that records when it is compacted and published."""

    def __init__(self, root: Path, writable: bool = False) -> None:
        self.calls: list[str] = []
        super().__init__(root, writable=writable)

    def compact(self) -> None:
        self.calls.append("compact")
        super().compact()

    def publish(self) -> None:
        self.calls.append("publish")
        super().publish()


def test_an_ingest_merges_the_bulk_loaded_files_before_its_last_snapshot_and_keeps_every_quad(tmp_path: Path) -> None:
    """The bulk loader adds files batch by batch, and every read looks through each of them until
    they are merged; the last snapshot of a run is published from the merged files."""
    from ingest.pipeline import ingest_paths

    store = Recording(tmp_path / "store", writable=True)
    try:
        ingest_paths(SAMPLES, store, SETTINGS)
        assert store.calls[-2:] == ["compact", "publish"]
        before = every_quad(store)
        store.compact()
        assert every_quad(store) == before
    finally:
        store.close()
