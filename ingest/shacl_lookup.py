"""A hashed lookup of SHACL constraint parameters for pyshacl.

For every shape it validates, on every document, pyshacl asks of each predicate
of the shape whether it names a constraint parameter, with `in` on a list of
about forty IRIs: a linear scan by rdflib term equality that took a quarter of
the time of validating a document. pyshacl keeps that list in a cache of its
`shape` module, filled on first use. Filling the cache first with the same list
that answers `in` from a set gives the same answers by hashing. It stays a
list, so pyshacl's own copies of it (for SHACL-AF and SHACL-JS) work as before.
If pyshacl's cache is not what this expects, nothing is changed.
"""

from __future__ import annotations

from typing import Any


class _HashedList(list[Any]):
    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def hash_constraint_parameters() -> bool:
    """Fill pyshacl's parameter cache with a hashed list; True if pyshacl now uses it."""
    try:
        import pyshacl.shape as shape_module
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:
        return False
    cached = getattr(shape_module, "CONSTRAINT_PARAMS", None)
    if isinstance(cached, tuple) and isinstance(cached[0], _HashedList):
        return True
    if cached is not None or not isinstance(ALL_CONSTRAINT_PARAMETERS, list):
        return False
    setattr(shape_module, "CONSTRAINT_PARAMS", (_HashedList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP))  # noqa: B010
    return True
