"""Files on disk: read one within a size limit; expand folders into document files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from councilgraph.errors import ReadError


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; a ReadError that says what to do when they cannot be had."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(str(path), _too_large(size, max_bytes))
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise ReadError(str(path), "the file does not exist; check the path") from exc
    except IsADirectoryError as exc:
        raise ReadError(
            str(path),
            "this is a folder, not a file; pass it to the ingest command, which reads the documents inside",
        ) from exc
    except PermissionError as exc:
        raise ReadError(
            str(path),
            "the file cannot be read (permission denied); check its permissions, e.g. `chmod a+r`",
        ) from exc
    except OSError as exc:
        raise ReadError(str(path), f"the file cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > max_bytes:  # the file grew after stat, or is a device
        raise ReadError(str(path), _too_large(len(raw), max_bytes))
    return raw


def iter_documents(paths: Iterable[Path], suffixes: frozenset[str]) -> Iterator[Path]:
    """Files as given, and the files inside folders (recursively, sorted, hidden ones and
    ones with other suffixes left out); each path once."""
    seen: set[Path] = set()
    for given in paths:
        given = Path(given)
        found = _inside(given, suffixes) if given.is_dir() else [given]
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path


def _inside(folder: Path, suffixes: frozenset[str]) -> list[Path]:
    found: list[Path] = []
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(
            Path(directory) / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes
        )
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"the file is {_megabytes(size)}, more than the limit of {_megabytes(max_bytes)}; "
        "split it, or raise the size limit if it really is one document"
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 100 * 1024 else f"{size:,} bytes"
