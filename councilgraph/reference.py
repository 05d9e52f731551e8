"""The reference data every deployment loads: ontology, vocabularies, principles, gazetteer.

The data folders (`ontology`, `shapes`, `queries`) sit next to the packages in a
checkout and inside the package (`councilgraph/data/<name>`) after a
non-editable install; `data_dir` finds them in both places.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

from councilgraph.errors import CouncilGraphError
from councilgraph.uris import normalise_base

DATA_FOLDERS = ("ontology", "shapes", "queries")

# name → (file in ontology/, whether its IRIs are relative to the deployment's base)
REFERENCE_FILES: dict[str, tuple[str, bool]] = {
    "ontology": ("councilgraph.ttl", False),
    "vocabularies": ("vocabularies.ttl", False),
    "principles": ("principles.ttl", True),
    "gazetteer": ("gazetteer.ttl", True),
}

_PACKAGE_DIR = Path(__file__).resolve().parent


class DataFolderMissing(CouncilGraphError):
    """A data folder (ontology, shapes, queries) is neither in the checkout nor in the package."""


def data_dir(name: str) -> Path:
    """The folder `ontology`, `shapes` or `queries`, from the install or the checkout."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r}; expected one of {', '.join(DATA_FOLDERS)}")
    for candidate in (_PACKAGE_DIR / "data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise DataFolderMissing(
        f"data folder {name!r} not found next to {_PACKAGE_DIR}; reinstall councilgraph "
        "or run from a checkout of the repository"
    )


@cache
def _parsed(name: str, base: str) -> Graph:
    filename, relative = REFERENCE_FILES[name]
    path = data_dir("ontology") / filename
    graph = Graph()
    graph.parse(path, format="turtle", publicID=base if relative else None)
    return graph


def reference_graph(name: str, base: str) -> Graph:
    """One reference graph ("ontology", "vocabularies", "principles", "gazetteer"), parsed once.

    The graph is shared between callers: copy it before changing it.
    """
    if name not in REFERENCE_FILES:
        known = ", ".join(REFERENCE_FILES)
        raise ValueError(f"unknown reference graph {name!r}; expected one of {known}")
    return _parsed(name, normalise_base(base) if REFERENCE_FILES[name][1] else "")


def reference_graphs(base: str) -> dict[str, Graph]:
    """The four reference graphs, relative IRIs resolved against `base`."""
    return {name: reference_graph(name, base) for name in REFERENCE_FILES}
