"""A small hand-written store (tests/data/pages/hand.trig) for the page and resource tests."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from councilgraph.store import LocalStore

HAND_TRIG = Path(__file__).parent / "data" / "pages" / "hand.trig"


def build_hand_store(path: Path, base: str) -> LocalStore:
    """Load the hand-written graphs against `base`, publish, open."""
    by_graph: dict[str, list[str]] = defaultdict(list)
    for quad in ox.parse(HAND_TRIG.read_bytes(), format=ox.RdfFormat.TRIG, base_iri=base):
        assert isinstance(quad.graph_name, ox.NamedNode)
        by_graph[quad.graph_name.value].append(f"{quad.subject} {quad.predicate} {quad.object} .")
    writer = LocalStore(path, writable=True)
    writer.replace_graphs({name: "\n".join(lines) for name, lines in by_graph.items()})
    writer.publish()
    writer.close()
    return LocalStore(path)
