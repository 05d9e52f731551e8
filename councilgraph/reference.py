"""The reference data every deployment loads: ontology, vocabularies, principles, gazetteer.

The data folders (`ontology`, `shapes`, `queries`) sit next to the packages in a
checkout and inside the package (`councilgraph/data/<name>`) after a
non-editable install; `data_dir` finds them in both places.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from councilgraph.errors import CouncilGraphError
from councilgraph.turtle import read_turtle
from councilgraph.uris import normalise_base

DATA_FOLDERS = ("ontology", "shapes", "queries")

# name → (file in ontology/, whether its IRIs are relative to the deployment's base)
REFERENCE_FILES: dict[str, tuple[str, bool]] = {
    "ontology": ("councilgraph.ttl", False),
    "vocabularies": ("vocabularies.ttl", False),
    "principles": ("principles.ttl", False),
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
    return read_turtle(_source(name), base or None)


def _source(name: str) -> Path:
    if name not in REFERENCE_FILES:
        known = ", ".join(REFERENCE_FILES)
        raise ValueError(f"unknown reference graph {name!r}; expected one of {known}")
    return data_dir("ontology") / REFERENCE_FILES[name][0]


def _base_for(name: str, base: str) -> str:
    """The base its relative IRIs resolve against: the deployment's, or none for absolute-only files."""
    return normalise_base(base) if REFERENCE_FILES[name][1] else ""


def reference_graph(name: str, base: str) -> Graph:
    """One reference graph ("ontology", "vocabularies", "principles", "gazetteer"), parsed once.

    The graph is shared between callers: copy it before changing it.
    """
    _source(name)
    return _parsed(name, _base_for(name, base))


def reference_ntriples(name: str, base: str) -> bytes:
    """One reference graph as N-Triples, read by Oxigraph: what the store needs, without an rdflib graph."""
    resolved = _base_for(name, base)
    statements = ox.parse(path=_source(name), format=ox.RdfFormat.TURTLE, base_iri=resolved or None)
    ntriples = ox.serialize(statements, format=ox.RdfFormat.N_TRIPLES)
    assert ntriples is not None, "serialize returns the bytes when given no output"
    return ntriples


def reference_digest(name: str, base: str) -> str:
    """Changes when the graph's file or the base its IRIs resolve against changes."""
    digest = hashlib.sha256(f"{name}\n{_base_for(name, base)}\n".encode())
    digest.update(_source(name).read_bytes())
    return digest.hexdigest()


def reference_graphs(base: str) -> dict[str, Graph]:
    """The four reference graphs, relative IRIs resolved against `base`."""
    return {name: reference_graph(name, base) for name in REFERENCE_FILES}
