"""The listings' tables, computed once per store version and request shape, then kept.

A listing page (`/motions`, `/actors`, `/cities`, `/principles`) costs several
queries on the snapshot (a sorted, grouped page of items, their count, their
labels; for motions also the filter choices). Their results change only with
the store's version, so each table is kept in a byte-bounded cache under the
version and everything that shapes it (language, filters, paging, sorting);
the HTML, CSV and JSON forms are then rendered from the same kept table.
`server.warm_answers` fills the cache for the first pages of a new version
before the first reader asks.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from server.result_cache import ResultCache
from server.state import AppState, state

Value = TypeVar("Value")

ROW_BYTES = 1024
"""What one kept row is counted as (a dozen short strings with their dict), for the cache's byte bound."""
_EXTRAS_KEY = "listing-tables"


def kept(listing: str, shape: Hashable, compute: Callable[[], Value], rows: Callable[[Value], int]) -> Value:
    """The value of `compute()` for this listing and request shape at the store's current version,
    computed on the first request and kept for the next ones. `rows` counts its rows (for the bound)."""
    app_state = state()
    cache = app_state.extras.get(_EXTRAS_KEY)
    if not isinstance(cache, ResultCache):
        cache = app_state.extras.setdefault(_EXTRAS_KEY, ResultCache(max_bytes=32 * 1024 * 1024))
    # the version is read before the queries run: what they see is of this version or a newer one,
    # and an entry of a newer version kept under an older key is never read once the version moves on
    key = (app_state.store.version(), listing, shape)
    found = cache.get(key)
    if found is not None:
        return found
    value = compute()
    cache.put(key, value, ROW_BYTES * (1 + rows(value)))
    return value


def hits_and_misses(app_state: AppState) -> tuple[int, int]:
    """How many listing tables were taken from the cache and how many were computed (for tests and stats)."""
    cache = app_state.extras.get(_EXTRAS_KEY)
    return (cache.hits, cache.misses) if isinstance(cache, ResultCache) else (0, 0)
