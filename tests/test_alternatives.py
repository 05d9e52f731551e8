"""`lexicon.alternatives` groups forms by their first character: the same matches as the plain
alternation of the forms, longest first, with and without ignoring case."""

from __future__ import annotations

import random
import re

import pytest

from ingest.language import lexicon


def _plain(forms: tuple[str, ...]) -> str:
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


def _matches(alternation: str, text: str, flags: int) -> list[tuple[int, int, int, int]]:
    # a longer pattern around the alternation, so that the engine backtracks into it
    pattern = re.compile(rf"(?<!\w)(?P<form>{alternation})(?P<rest>\w*)\s", flags)
    return [(m.start(), m.end(), m.end("form"), m.end("rest")) for m in pattern.finditer(text)]


_LETTERS = "aAbBsSßäÄöÖüÜ .1-"


def _form(rng: random.Random) -> str:
    first = rng.choice("aAbBsSäÄßÖ1.")
    return first + "".join(rng.choice(_LETTERS) for _ in range(rng.randrange(0, 5)))


@pytest.mark.parametrize("seed", range(40))
def test_the_grouped_alternation_matches_as_the_plain_one(seed: int) -> None:
    rng = random.Random(seed)
    forms = tuple(_form(rng) for _ in range(rng.randrange(1, 25)))
    words = (rng.choice([*forms, _form(rng)]) + "".join(rng.choice(_LETTERS) for _ in range(3)) for _ in range(300))
    text = " ".join(words)
    for flags in (0, re.IGNORECASE):
        assert _matches(lexicon.alternatives(forms), text, flags) == _matches(_plain(forms), text, flags)


def test_forms_with_a_first_character_the_engine_folds_otherwise_are_not_grouped() -> None:
    forms = ("ſtadt", "ſache", "Stadt")
    assert lexicon.alternatives(forms) == _plain(forms)


def test_the_offices_of_the_language_files_match_as_before() -> None:
    forms = lexicon.office_words(position_only=True)
    assert len(lexicon.alternatives(forms)) < len(_plain(forms))  # grouped
    text = "Herr Stadtrat Müller, stellv. Fraktionsvorsitzende Meier, OB Dr. Janik, BM Babo, GRin Stein. " * 3
    for flags in (0, re.IGNORECASE):
        assert _matches(lexicon.alternatives(forms), text, flags) == _matches(_plain(forms), text, flags)
