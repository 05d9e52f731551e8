"""Fuzzing the extractors and the per-file pipeline with mutated council papers.

The sample texts are cut, shuffled, duplicated, truncated and sprinkled with
arbitrary Unicode. Whatever comes out, extraction either yields a graph the
store accepts or raises one of the project's own errors; `process_file` never
raises at all and names the file in any error it reports.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from councilgraph.errors import CouncilGraphError
from councilgraph.settings import Settings
from councilgraph.uris import UriMinter
from ingest import language
from ingest.extract import extract
from ingest.pipeline import process_file
from ingest.source import SourceText
from tests.conftest import BASE, EXAMPLES

SAMPLES = {path.name: path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))}
MINTER = UriMinter(BASE)
CITIES = [None, None, None, "Halle (Saale)", "Bochum", "München", "Chemnitz"]

# Any character a reader can hand on: no lone surrogates (not encodable), but controls,
# combining marks, right-to-left text, emoji and private-use characters are all fair game.
UNICODE = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)
COUNCIL_WORDS = st.sampled_from(
    [
        "Betreff:", "Vorlagen-Nummer:", "Datum:", "Beschlussvorschlag:", "Begründung:",
        "Stellungnahme", "Fehlanzeige", "Gez.", "Stadtrat", "Beratungsfolge", "\t", "**", "##",
        "Antrag Nr. 1/", "31.02.2021", "00.00.0000", "Fraktion", "Oberbürgermeister", "Anlage",
    ]
)  # fmt: skip


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    lines = SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))].split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        span = draw(st.integers(1, 12))
        action = draw(st.sampled_from(["delete", "duplicate", "shuffle", "unicode", "word", "splice", "swap-case"]))
        if action == "delete":
            del lines[at : at + span]
        elif action == "duplicate":
            lines[at:at] = lines[at : at + span] * draw(st.integers(1, 3))
        elif action == "shuffle":
            block = lines[at : at + span]
            lines[at : at + span] = draw(st.permutations(block))
        elif action == "unicode":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(UNICODE) + lines[at][column:]
        elif action == "word":
            lines.insert(at, draw(COUNCIL_WORDS) + " " + draw(st.one_of(UNICODE, COUNCIL_WORDS)))
        elif action == "splice":  # a stretch of another paper pasted in
            other = SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))].split("\n")
            start = draw(st.integers(0, len(other) - 1))
            lines[at:at] = other[start : start + span * 3]
        else:
            lines[at] = lines[at].swapcase()
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


def _source(text: str) -> SourceText:
    return SourceText(Path("fuzz_antrag.txt"), text, "text/plain", "utf-8", "0" * 64)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_text(), city=st.sampled_from(CITIES))
def test_extract_yields_a_storable_graph_or_a_project_error(text: str, city: str | None) -> None:
    try:
        extraction = extract(_source(text), MINTER, city)
    except CouncilGraphError as error:
        event(f"refused: {type(error).__name__}")
        assert "fuzz_antrag.txt" in str(error)
        return
    event(f"extracted: {extraction.genre}")
    # the store takes the graph as N-Triples: it must parse strictly, and every IRI the
    # extraction minted must stay inside the base
    ntriples = extraction.graph.serialize(format="nt", encoding="utf-8")
    triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    assert triples
    assert str(extraction.document).startswith(BASE + "id/document/")
    for triple in triples:
        if isinstance(triple.subject, ox.NamedNode):
            assert triple.subject.value.startswith(BASE), triple.subject


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"])
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".eml"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(text=mutated_text(), encoding=ENCODINGS, suffix=SUFFIXES, city=st.sampled_from(CITIES))
def test_process_file_never_raises_and_names_the_file(
    folder: Path, text: str, encoding: str, suffix: str, city: str | None
) -> None:
    path = folder / f"fuzz_vorlage{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    settings_ = Settings(store=str(folder / "unused-store"), base_uri=BASE)
    outcome = process_file(path, settings_, city)  # any exception here fails the test
    event("stored" if outcome.ok else "refused")
    if outcome.ok:
        assert outcome.extraction is not None and outcome.validation is not None
        assert outcome.validation.conforms
    else:
        assert outcome.error and "fuzz_vorlage" in outcome.error


# words of a data file's forms that a flattened table prints apart ("Stimmen⏎⏎   dagegen"): the patterns
# read any white space between them, and whatever looks the printed form up must find it
_NOT_FORMS = {"example", "examples", "also", "not_example", "member_example", "text", "title", "expect"}


def _multi_word_forms(value: object) -> Iterator[str]:
    if isinstance(value, str):
        if " " in value.strip() and "\n" not in value:
            yield value.strip()
    elif isinstance(value, list):
        for item in value:
            yield from _multi_word_forms(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_FORMS:
                yield from _multi_word_forms(item)


FORMS = sorted({form for path in language.HERE.glob("*.toml") for form in _multi_word_forms(language.load(path.stem))})


@pytest.mark.parametrize("first", range(0, len(FORMS), 60))
def test_forms_printed_over_several_lines_are_read_without_an_internal_error(first: int) -> None:
    lines = []
    for form in FORMS[first : first + 60]:
        broken = form.replace(" ", "\n\n          ")
        lines += [f"{broken}: 3", f"12 {broken}", f"Der {broken} beschließt einstimmig.", f"Antrag der {broken}", ""]
    try:
        extract(_source("\n".join(lines)), MINTER, "Bochum")
    except CouncilGraphError as error:  # a refusal is a clear outcome; any other exception fails the test
        assert "fuzz_antrag.txt" in str(error)
