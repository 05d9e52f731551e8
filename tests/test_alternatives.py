"""Patterns arranged so that the engine skips to where a match can begin find what their plain
forms find: `lexicon.alternatives` groups forms by their first character (with and without
ignoring case), the full-name pattern tests the word edge after the capital."""

from __future__ import annotations

import random
import re

import pytest
from conftest import EXAMPLES

from ingest.genres import people
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
    assert _matches(lexicon.alternatives(forms, case_sensitive=True), text, 0) == _matches(_plain(forms), text, 0)


def test_forms_whose_first_characters_differ_in_case_are_two_branches_for_a_pattern_that_heeds_case() -> None:
    forms = ("Stellv.", "stellv.", "Stv.", "stv.", "ſtadt", " Rat")
    assert lexicon.alternatives(forms[:4]) == _plain(forms[:4])  # one branch, for a pattern that ignores case
    assert lexicon.alternatives(forms[:4], case_sensitive=True) == r"S(?:tellv\.|tv\.)|s(?:tellv\.|tv\.)"
    assert lexicon.alternatives(forms[:5], case_sensitive=True).endswith(r"|ſtadt")
    assert lexicon.alternatives(forms, case_sensitive=True) == _plain(forms)  # white space first: not grouped


def test_forms_with_a_first_character_the_engine_folds_otherwise_are_not_grouped() -> None:
    forms = ("ſtadt", "ſache", "Stadt")
    assert lexicon.alternatives(forms) == _plain(forms)


def test_the_offices_of_the_language_files_match_as_before() -> None:
    forms = lexicon.office_words(position_only=True)
    assert len(lexicon.alternatives(forms)) < len(_plain(forms))  # grouped
    text = "Herr Stadtrat Müller, stellv. Fraktionsvorsitzende Meier, OB Dr. Janik, BM Babo, GRin Stein. " * 3
    for flags in (0, re.IGNORECASE):
        assert _matches(lexicon.alternatives(forms), text, flags) == _matches(_plain(forms), text, flags)
    assert _matches(lexicon.alternatives(forms, case_sensitive=True), text, 0) == _matches(_plain(forms), text, 0)


def test_full_names_find_what_the_word_edge_before_them_finds() -> None:
    moved, before = "(?P<given>[A-ZÄÖÜ](?<![\\w\\-./].)", "(?<![\\w\\-./])(?P<given>[A-ZÄÖÜ]"
    plain = re.compile(people._FULL_NAME.pattern.replace(moved, before))
    assert plain.pattern != people._FULL_NAME.pattern
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    texts.append("Anna Maria Schmidt, x-Hans Meier, /Eva Bär, .Jan Erik Bohling und Hans-Georg Hansen\nKlaus Lorenz")
    for text in texts:
        for start in (0, 1, 7, len(text) // 2):
            found = [(m.span(), m.groupdict()) for m in people._FULL_NAME.finditer(text, start)]
            assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text, start)]


def test_the_office_held_in_finds_what_it_finds_without_the_word_edge_tested_first() -> None:
    fast = people._office_held_in_pattern()
    plain = re.compile(fast.pattern.removeprefix(lexicon.WORD_EDGE_BEFORE))
    assert plain.pattern.startswith("(?P<article>")
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    texts.append(
        "der Vorsitzende, Burkhard Schultz, sagt; xder Stadtrat, Hans Meier, und die Fraktionsvorsitzende der CDU - "
        "Lars Wedekind; (Fraktionsvorsitzender der Grünen, Eva Bär) Die Bürgermeisterin, Anna Maria Schmidt, dankt."
    )
    for text in texts:
        for start in (0, 1, 5, len(text) // 3, len(text) // 2):
            found = [(m.span(), m.groupdict()) for m in fast.finditer(text, start)]
            assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text, start)]
    assert fast.search(texts[-1]) is not None
