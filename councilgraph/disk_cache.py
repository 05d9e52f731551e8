"""Values that take a second to build from files that rarely change, pickled once per machine.

Every ingest run loads the gazetteer's index of names and its statements by city (~1.1 s of
CPU, ~1 ms a document at a thousand documents); unpickling them takes about a fifth of that.
A value is stored under a key that digests what it is built from (the source files, the code
that builds it, the Python version), so a changed input builds and stores a new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

KEPT_PER_NAME = 4
"""Cached values kept per name (e.g. one per base URI or version of the gazetteer)."""


def cache_folder() -> Path:
    """The user's cache folder for councilgraph (`$XDG_CACHE_HOME/councilgraph`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "councilgraph"


def digest(*parts: bytes | str | Path) -> str:
    """A key for `cached`: the SHA-256 of the parts (a path stands for the file's bytes) and of
    the Python version, whose pickles another version may not read."""
    key = hashlib.sha256(sys.version.encode())
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part.encode() if isinstance(part, str) else part
        key.update(len(data).to_bytes(8, "big"))
        key.update(data)
    return key.hexdigest()[:32]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value `build()` returns, read from the cache folder when stored there under `name`
    and `key`; built and stored otherwise. A cache that cannot be read or written is passed by."""
    try:
        folder = cache_folder() / "values"
    except RuntimeError:  # no home folder
        return build()
    path = folder / f"{name}-{key}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        with path.open("rb") as handle:
            value: T = pickle.load(handle)
        with contextlib.suppress(OSError):
            os.utime(path)
        return value
    value = build()
    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        building = folder / f".{path.name}.{os.getpid()}.tmp"
        with building.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(building, path)  # whole or absent, also when several processes write it
        _prune(folder.glob(f"{name}-*.pickle"), keep=path)
    return value


def _prune(paths: Iterable[Path], keep: Path) -> None:
    """The least recently used values of one name beyond `KEPT_PER_NAME`."""
    with contextlib.suppress(OSError):  # another process may be pruning too
        stored = sorted(paths, key=lambda p: p.stat().st_mtime)
        for old in stored[:-KEPT_PER_NAME]:
            if old != keep:
                old.unlink(missing_ok=True)
        for leftover in keep.parent.glob(".*.tmp"):
            if time.time() - leftover.stat().st_mtime > 86400:
                leftover.unlink(missing_ok=True)
