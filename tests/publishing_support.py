"""A small hand-written store for the publishing tests (dumps, catalog, VoID, sitemap, site)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from councilgraph.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TRIG = ROOT / "tests" / "data" / "publishing" / "sample.trig"
BASE = "http://localhost:5000/"


def build_sample_store(root: Path, base: str = BASE) -> LocalStore:
    """Load `sample.trig` (graphs per document, a gazetteer) and the ontology into a new store."""
    graphs: dict[str, list[str]] = defaultdict(list)
    for quad in ox.parse(path=str(SAMPLE_TRIG), format=ox.RdfFormat.TRIG):
        assert isinstance(quad.graph_name, ox.NamedNode)
        graphs[quad.graph_name.value].append(
            f"{ox.Triple(quad.subject, quad.predicate, quad.object)} ."
        )
    for triple in ox.parse(
        path=str(ROOT / "ontology" / "councilgraph.ttl"), format=ox.RdfFormat.TURTLE
    ):
        graphs[f"{base}graph/ontology"].append(f"{triple} .")
    writer = LocalStore(root, writable=True)
    try:
        writer.replace_graphs({name: "\n".join(lines) for name, lines in graphs.items()})
        writer.publish()
    finally:
        writer.close()
    return LocalStore(root)
