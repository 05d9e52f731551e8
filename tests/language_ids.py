"""Test ids for the entries of the language files: where each entry stands.

A test that reads an entry's example fails under an id such as `votes.toml:151`, the
line of the entry's `[[table]]` header, so that a failure names the entry to open
(`ingest/language/votes.toml`, line 151) and `-k votes.toml` selects every test of one
file's examples.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ingest import language

_HEADER = re.compile(r"^\[\[(?P<table>[^\]]+)\]\][ \t]*(?:#.*)?$", re.MULTILINE)


def entry_location(entry: Any) -> str | None:
    """`topic.toml:line` of an entry of the shipped language files, or None for any other value."""
    if not isinstance(entry, dict):
        return None
    return _locations().get(_key(entry))


def _key(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str)


@cache
def _locations() -> dict[str, str]:
    """Each entry of each shipped file, by its content, at the line of its table header (the first
    of two identical entries)."""
    found: dict[str, str] = {}
    for path in sorted(Path(language.__file__).parent.glob("*.toml")):
        topic = path.stem
        headers: dict[str, list[int]] = {}
        text = path.read_text(encoding="utf-8")
        for m in _HEADER.finditer(text):
            headers.setdefault(m.group("table"), []).append(text.count("\n", 0, m.start()) + 1)
        for table, entries in language.load(topic).items():
            lines = headers.get(table, [])
            for index, entry in enumerate(entries):
                place = f"{path.name}:{lines[index]}" if index < len(lines) else f"{path.name}[[{table}]]{index}"
                found.setdefault(_key(entry), place)
    return found
