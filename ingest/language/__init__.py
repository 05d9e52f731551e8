"""What councils print, as data: field labels, parties, offices, bodies, outcomes, votes, page
chrome. Each topic is a TOML file in this folder, every entry with an example that a test runs.

A user adds their city's wording without changing code: a folder named by
`COUNCILGRAPH_LANGUAGE_DIR` may hold files of the same names whose entries are added to
(list tables) those shipped here.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
USER_DIR_VARIABLE = "COUNCILGRAPH_LANGUAGE_DIR"


class LanguageDataError(ValueError):
    """A language file that cannot be read; the message names the file and the entry."""


@cache
def load(topic: str) -> dict[str, list[dict[str, Any]]]:
    """The entries of one topic: the shipped file, then the user's file of the same name."""
    merged: dict[str, list[dict[str, Any]]] = {}
    for folder in _folders():
        path = folder / f"{topic}.toml"
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise LanguageDataError(f"{path}: {error}") from error
        for table, entries in data.items():
            if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
                raise LanguageDataError(f"{path}: [{table}] must be a list of tables ([[{table}]])")
            merged.setdefault(table, []).extend(entries)
    return merged


def entries(topic: str, table: str) -> list[dict[str, Any]]:
    return load(topic).get(table, [])


def words(topic: str, table: str, key: str = "words") -> tuple[str, ...]:
    """Every word listed under `key` in the entries of one table, longest first."""
    found = {word for entry in entries(topic, table) for word in entry.get(key, ())}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


def _folders() -> list[Path]:
    folders = [HERE]
    user = os.environ.get(USER_DIR_VARIABLE)
    if user:
        folders.append(Path(user))
    return folders
