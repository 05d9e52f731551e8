"""Parties and local lists as councils print them (from `parties.toml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.language import words
from ingest.language.lexicon import alternatives


@dataclass(frozen=True)
class PartyHit:
    """A party named in a text: its canonical name and where it is printed."""

    name: str
    printed: str
    start: int
    end: int


@cache
def _canonical() -> dict[str, str]:
    from ingest.language import entries

    return {variant: entry["name"] for entry in entries("parties", "party") for variant in entry["variants"]}


@cache
def _pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(v) for v in words("parties", "party", "variants"))
    return re.compile(rf"(?<![\wÄÖÜäöüß])(?:{alternatives})(?![\wÄÖÜäöüß])")


@cache
def printed_forms() -> str:
    """Every printed form of a party (`parties.toml` variants) as one regex alternation without groups,
    for the patterns that read a party beside an office, a branch or a paper's kind."""
    return alternatives(words("parties", "party", "variants"), case_sensitive=True)


def find(text: str, start: int = 0, end: int | None = None) -> list[PartyHit]:
    """Every party named in `text[start:end]`, in order, longest form first at each place."""
    stop = len(text) if end is None else end
    canonical = _canonical()
    return [
        PartyHit(canonical[m.group(0)], m.group(0), m.start(), m.end()) for m in _pattern().finditer(text, start, stop)
    ]


def canonical(printed: str) -> str | None:
    """The canonical name of a printed party form ("Bündnis 90/Die Grünen" → "BÜNDNIS 90/DIE GRÜNEN")."""
    return _canonical().get(printed.strip())
