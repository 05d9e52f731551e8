"""The local store's writes: new graphs, replaced graphs and the set-union default graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from councilgraph.store import LocalStore

DOC_A = "http://example.org/id/document/a"
DOC_B = "http://example.org/id/document/b"
P = "http://example.org/p"
SHARED = f'<http://example.org/city> <{P}> "Halle (Saale)"@de .\n'


def _default_graph(store: LocalStore) -> list[ox.Quad]:
    return list(store._current().quads_for_pattern(None, None, None, ox.DefaultGraph()))


def _objects(store: LocalStore) -> set[str]:
    return {str(q.object.value) for q in _default_graph(store) if isinstance(q.object, ox.Literal)}


def test_new_graphs_keep_their_blank_nodes_apart_and_fill_the_union(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", writable=True)
    # both documents label a blank node "b0": they are two different nodes
    store.replace_graphs({DOC_A: f'_:b0 <{P}> "A" .\n' + SHARED})
    store.replace_graphs({DOC_B: f'_:b0 <{P}> "B" .\n' + SHARED})
    store.publish()
    rows = store.query(f'SELECT ?x WHERE {{ ?x <{P}> ?v FILTER(?v IN ("A", "B")) }}')
    assert isinstance(rows, ox.QuerySolutions)
    nodes = [row["x"] for row in rows]
    assert len(nodes) == 2 and all(isinstance(n, ox.BlankNode) for n in nodes)
    assert nodes[0] != nodes[1]
    # the shared triple is once in the default graph, though two documents state it
    default = _default_graph(store)
    assert len(default) == 3
    assert store.count_of(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{P}> \"Halle (Saale)\"@de }}") == 1


def test_replacing_a_graph_keeps_what_another_graph_states(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", writable=True)
    store.replace_graphs({DOC_A: f'<http://example.org/m> <{P}> "old" .\n' + SHARED, DOC_B: SHARED})
    store.replace_graphs({DOC_A: f'<http://example.org/m> <{P}> "new" .\n'})
    store.publish()
    assert _objects(store) == {"new", "Halle (Saale)"}  # "old" left with A; the city stays, B states it
    store.replace_graphs({DOC_B: ""})
    store.publish()
    assert _objects(store) == {"new"}


def test_reference_graphs_are_stored_once_and_skipped_while_unchanged(tmp_path: Path) -> None:
    from councilgraph.reference import reference_graph
    from councilgraph.settings import Settings
    from ingest.pipeline import ensure_reference_graphs

    settings = Settings(store=str(tmp_path / "store"), base_uri="http://example.org/")
    store = LocalStore(tmp_path / "store", writable=True)
    first = ensure_reference_graphs(store, settings)
    names = ("gazetteer", "ontology", "principles", "vocabularies")
    assert first == [f"http://example.org/graph/{name}" for name in names]
    assert ensure_reference_graphs(store, settings) == []
    gazetteer = "http://example.org/graph/gazetteer"
    stored = store.count_of(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{gazetteer}> {{ ?s ?p ?o }} }}")
    assert stored == len(reference_graph("gazetteer", "http://example.org/")) + 1  # and the digest
