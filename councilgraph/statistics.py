"""Figures about the store's content, for `councilgraph stats` and the home page."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from councilgraph.namespaces import CG, RDF
from councilgraph.store import GraphStore

_PER_CLASS = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s <{RDF.type}> ?class .
  FILTER(STRSTARTS(STR(?class), "{CG}"))
}} GROUP BY ?class ORDER BY ?class
"""

_MOTIONS_PER_CITY = f"""
SELECT ?city (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?m a <{CG.Motion}> ; <{CG.city}> ?c . ?c <http://www.w3.org/2000/01/rdf-schema#label> ?city .
  FILTER(LANG(?city) = "de" || LANG(?city) = "")
}} GROUP BY ?city ORDER BY DESC(?n) ?city
"""

_DOCUMENTS = f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{CG.Document}> }}"


def collect_statistics(store: GraphStore) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "triples": store.triple_count(),
        "named graphs": len(store.named_graphs()),
        "documents": store.count_of(_DOCUMENTS),
    }
    figures["resources per class"] = {
        str(row["class"].value).rsplit("#", 1)[-1]: int(row["n"].value) for row in _rows(store, _PER_CLASS)
    }
    figures["motions per city"] = {
        str(row["city"].value): int(row["n"].value) for row in _rows(store, _MOTIONS_PER_CITY)
    }
    return figures


def _rows(store: GraphStore, sparql: str) -> list[ox.QuerySolution]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)
