"""Spans of sentences and lines stay within the text, whatever bounds a reader asks for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.text import sentence_bounds

TEXTS = st.text(alphabet=st.sampled_from("Ab. \n,?!"), min_size=1, max_size=80)


@given(text=TEXTS, at=st.floats(0, 1), beyond=st.integers(0, 500))
def test_a_sentence_asked_for_past_the_texts_end_ends_with_the_text(text: str, at: float, beyond: int) -> None:
    """A reader that looks a few hundred characters past a word ("the sentence up to end + 300")
    may ask past the end of a short text; the sentence found stops where the text does."""
    pos = min(int(at * len(text)), len(text) - 1)
    start, end = sentence_bounds(text, pos, 0, len(text) + beyond)
    assert 0 <= start <= end <= len(text)
    assert (start, end) == sentence_bounds(text, pos, 0, len(text))
