"""The patterns and look-ups written for speed find exactly what their plain forms find, on the
sample documents: a look-ahead or a moved word-edge test may only skip positions faster."""

from __future__ import annotations

import random
import re

import pytest
from conftest import EXAMPLES

from ingest.dates import DATE_PATTERN
from ingest.genres import concepts
from ingest.language import entries, lexicon
from ingest.text import _FOLDED, label_pattern

TEXTS = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
EDGE = r"[\wäöüÄÖÜß]"
# lowering changes the length of "İ" and the final sigma depends on what follows it
ODD = "Die STADT İstanbul und ΟΔΟΣ Antrag: Keine Einwände; Zustimmung. Der Rat möge beschließen."


def spans(pattern: re.Pattern[str], text: str, start: int = 0, stop: int | None = None) -> list[tuple[object, ...]]:
    end = len(text) if stop is None else stop
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text, start, end)]


def random_spans(text: str, count: int = 12) -> list[tuple[int, int]]:
    chance = random.Random(len(text))
    pairs = []
    for _ in range(count):
        a = chance.randrange(len(text) + 1)
        pairs.append((a, chance.randrange(a, len(text) + 1)))
    return [(0, len(text)), *pairs]


def plain_label_pattern(label: str) -> re.Pattern[str]:
    body = r"[\s\-]*".join(re.escape(w) for w in re.split(r"[\s\-]+", label.strip()) if w)
    return re.compile(rf"(?<!{EDGE}){body}(?!{EDGE})", re.IGNORECASE)


def all_labels() -> list[str]:
    return sorted({label.text for labels in concepts._labels().values() for label in labels})


@pytest.mark.parametrize("text", [*TEXTS, ODD])
def test_label_patterns_find_what_the_word_edge_before_them_finds(text: str) -> None:
    for label in [*all_labels(), "Open Source", "(Ober)bürgermeister", "E-Mail", "ab"]:
        fast, plain = label_pattern(label), plain_label_pattern(label)
        for start, stop in random_spans(text, 3):
            assert spans(fast, text, start, stop) == spans(plain, text, start, stop), label


@pytest.mark.parametrize("text", [*TEXTS, ODD])
def test_concepts_found_by_where_their_words_occur_equal_concepts_found_by_lowering_each_span(text: str) -> None:
    for scheme in concepts._labels():
        for start, stop in random_spans(text):
            lowered = text[start:stop].lower()
            plain = sorted(
                (
                    (m.start(), -(m.end() - m.start()), label.slug, label.text)
                    for label in concepts._labels()[scheme]
                    if label.needle in lowered
                    for pattern in (label.pattern, label.separable)
                    if pattern is not None
                    for m in pattern.finditer(text, start, stop)
                ),
                key=lambda hit: hit[:2],
            )
            fast = concepts.find(scheme, text, start, stop)
            assert [(h.start, h.start - h.end, h.slug, h.label) for h in fast] == plain


def test_a_text_whose_lowering_moves_offsets_is_lowered_span_by_span() -> None:
    assert concepts._present_labels("stance", ODD) is None
    assert concepts.find("stance", ODD)  # "Keine Einwände", "Zustimmung" are still found


@pytest.mark.parametrize("text", [*TEXTS, ODD, "am 3. Nov. 2021, Nov 3, 2020 und 2021-11-03; 29. MRZ. 2019"])
def test_dates_found_with_the_first_character_test_equal_dates_found_without_it(text: str) -> None:
    source = DATE_PATTERN.pattern
    ahead = source.index("(?=")
    plain = re.compile(source[:ahead] + source[source.index(r"\d)(?:", ahead) + len(r"\d)") :], DATE_PATTERN.flags)
    assert plain.pattern.startswith(r"(?<![\d.])(?:(?P<d>")
    for start, stop in random_spans(text):
        assert spans(DATE_PATTERN, text, start, stop) == spans(plain, text, start, stop)


@pytest.mark.parametrize("text", TEXTS)
def test_kind_cues_found_with_the_first_character_test_equal_kind_cues_found_without_it(text: str) -> None:
    # one pattern for each [[cue]] entry, in order (a kind may have several entries)
    for entry, (kind, fast) in zip(entries("kinds", "cue"), lexicon._kind_patterns(), strict=True):
        assert kind == entry["kind"]
        first = lexicon.first_characters(tuple(entry["words"]))
        assert first and fast.pattern.startswith(first)
        plain = re.compile(fast.pattern.removeprefix(first), fast.flags)
        assert spans(fast, text) == spans(plain, text)


def test_first_characters_gives_way_to_forms_that_begin_with_white_space() -> None:
    assert lexicon.first_characters(("Antrag", "anfrage")) == "(?=[Aa])"
    assert lexicon.first_characters((" Antrag", "Antrag")) == ""
    assert lexicon.first_characters(()) == ""


@pytest.mark.parametrize("text", [*TEXTS, "Bürger*innen, Bürger:innen, BürgerInnen, Bürger\\*innen, \\[1\\]"])
def test_gender_forms_folded_with_the_first_character_test_equal_those_folded_without_it(text: str) -> None:
    plain = re.compile(_FOLDED.pattern[_FOLDED.pattern.index(")") + 1 :])
    assert plain.pattern.startswith("(?:(?<=[a-zäöüß])")
    assert spans(_FOLDED, text) == spans(plain, text)
