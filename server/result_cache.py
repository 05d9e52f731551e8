"""A small in-memory cache of serialised query results, bounded by bytes (least recently used out).

Keys include the store's version, so a new snapshot makes old entries
unreachable; they age out as new results come in.

With `admit_when_seen_twice`, a result is kept from the second time its key is
put on (the first time, only the key is remembered, among the last
`remembered_keys`). Most query texts an endpoint gets come once (a script that
varies a filter, every request of the bench), and a cache that kept each one
pushes the repeated ones out and holds the memory that the next answer must then
take fresh from the system, on the request's path: on the development machine a
fresh page costs about 3 µs, 0.5 ms for an answer of 700 KB.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class ResultCache(Generic[Value]):
    def __init__(
        self,
        max_bytes: int = 64 * 1024 * 1024,
        max_entry_bytes: int = 8 * 1024 * 1024,
        *,
        admit_when_seen_twice: bool = False,
        remembered_keys: int = 10_000,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self.admit_when_seen_twice = admit_when_seen_twice
        self.remembered_keys = remembered_keys
        self._seen: OrderedDict[Hashable, None] = OrderedDict()
        self._entries: OrderedDict[Hashable, tuple[Value, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self.hits += 1
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: Value, size: int, *, admit: bool = False) -> None:
        """Keep `value` (of `size` bytes) under `key`; with `admit_when_seen_twice`, only when `key`
        was put before or `admit` says it will be asked for again."""
        if size > self.max_entry_bytes:
            return
        with self._lock:
            if self.admit_when_seen_twice and not admit and not self._seen_before(key):
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._entries[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._size -= dropped


    def _seen_before(self, key: Hashable) -> bool:
        """Whether `key` is among the keys remembered; it is remembered (again) from now on."""
        seen = key in self._seen
        self._seen[key] = None
        self._seen.move_to_end(key)
        if len(self._seen) > self.remembered_keys:
            self._seen.popitem(last=False)
        return seen


def cache_key(*parts: object) -> str:
    """A short, stable digest of the parts (used as key and as ETag)."""
    text = "\x1f".join(repr(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]
