"""`group_verb` tried only near a group noun: the same matches as the pattern tried everywhere."""

from __future__ import annotations

import random
import re
from pathlib import Path

from ingest.genres import cues

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "documents"
PIECES = (
    "die", "Die", "der", "Der", "unsere", "Unsere", " ", "  ", "\n", "\t", "\u00a0", "\u2028", ",", ".", ";", ":",
    "Fraktion", "SPD-Fraktion", "Stadtratsfraktion", "Fraktionen", "Gruppe", "Ratsgruppe", "Xgruppe", "beantragt",
    "stellt", "stellen", "hat", "haben", "bitten", "Antrag", "gestellt", "den", "folgenden", "CDU", "a", "x" * 30,
)  # fmt: skip


def _group_verb() -> re.Pattern[str]:
    return cues._submission_patterns()[2]


def _both(text: str, start: int, stop: int) -> tuple[list[object], list[object]]:
    pattern = _group_verb()
    everywhere = [(m.span(), m.groupdict()) for m in pattern.finditer(text, start, stop)]
    near = [(m.span(), m.groupdict()) for m in cues._group_verb_matches(pattern, text, start, stop)]
    return everywhere, near


def test_same_matches_in_the_sample_documents_and_their_parts() -> None:
    rng = random.Random(3)
    found = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cuts = [sorted((rng.randrange(len(text) + 1), rng.randrange(len(text) + 1))) for _ in range(5)]
        for start, stop in [(0, len(text)), *cuts]:
            everywhere, near = _both(text, start, stop)
            assert near == everywhere, (path.name, start, stop)
            found += len(everywhere)
    assert found


def test_same_matches_in_random_phrases() -> None:
    rng = random.Random(17)
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 120)))
        start = rng.randrange(len(text) + 1)
        stop = rng.randrange(start, len(text) + 1)
        everywhere, near = _both(text, start, stop)
        assert near == everywhere, (text, start, stop)
        found += len(everywhere)
    assert found > 30  # the phrases are made to hold matches, articles, breaks and white space
