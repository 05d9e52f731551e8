"""The sample documents changed the way other councils and other converters change them.

Sections reordered, labels varied, dates printed differently, markdown lost,
header lines missing: extraction degrades gracefully and never invents a
value that the text does not print.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from councilgraph.errors import ExtractionError
from councilgraph.namespaces import CG, DCTERMS, RDF
from councilgraph.uris import UriMinter
from ingest.extract import extract
from ingest.genres import registry
from ingest.records import Motion, Records
from ingest.source import SourceText

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "documents"
HALLE_ANTRAG = "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
HALLE_ANFRAGE = "halle_VII-2020-01351_anfrage_digitale-agenda.txt"
BOCHUM = "bochum_20210691_aenderungsantrag_smart-city.txt"
CHEMNITZ = "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt"
MUENCHEN = "muenchen_14-20-V_sitzungsvorlage_cities-coalition.txt"
SAMPLES = [HALLE_ANTRAG, HALLE_ANFRAGE, BOCHUM, CHEMNITZ, MUENCHEN]
MINTER = UriMinter("http://localhost:5000/")


def original(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def as_source(text: str, name: str = "variant.txt") -> SourceText:
    return SourceText(Path(name), text, "text/plain", "utf-8", "0" * 64)


def read(text: str) -> Records:
    src = as_source(text)
    genre, _ = registry.best_genre(text)
    return genre.extract(src)


def main(records: Records) -> Motion:
    paper = records.main
    assert paper is not None
    return paper


def strip_markdown(text: str) -> str:
    """What a PDF or HTML conversion leaves: no emphasis, headings, escapes or tags."""
    text = re.sub(r"</?[a-z]+>", "", text)
    text = text.replace("**", "").replace("\\*", "*")
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\*(.*)\*$", r"\1", text, flags=re.MULTILINE)
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)


def key_fields(paper: Motion) -> tuple[object, ...]:
    return (
        paper.reference.value if paper.reference else None,
        paper.kind.value if paper.kind else None,
        paper.date.value if paper.date else None,
        paper.title.value if paper.title else None,
        tuple(s.name for s in paper.submitters),
        tuple(s.name for s in paper.signatories),
        tuple(
            (c.body.name if c.body else None, c.date.value if c.date else None)
            for c in paper.consultations
        ),
    )


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown_lost_in_conversion_changes_nothing(name: str) -> None:
    before = read(original(name))
    after = read(strip_markdown(original(name)))
    assert key_fields(main(after)) == key_fields(main(before))
    assert [
        (s.author.name if s.author else None, s.stance.value if s.stance else None)
        for s in after.statements
    ] == [
        (s.author.name if s.author else None, s.stance.value if s.stance else None)
        for s in before.statements
    ]


@pytest.mark.parametrize(
    "label", ["Drucksache:", "Vorlage Nr.:", "Antrag Nr.:", "Drucksachen-Nr.:"]
)
def test_reference_labels_vary(label: str) -> None:
    text = original(HALLE_ANTRAG).replace("Vorlagen-Nummer:", label)
    paper = main(read(text))
    assert paper.reference is not None and paper.reference.value == "VII/2021/03290"


@pytest.mark.parametrize("label", ["Antragsteller:", "Antragstellerin:", "Einreicherin:"])
def test_submitter_labels_vary(label: str) -> None:
    text = original(CHEMNITZ).replace("Einreicher:", label)
    paper = main(read(text))
    assert [s.name for s in paper.submitters] == ["Fraktionsgemeinschaft DIE LINKE/Die PARTEI"]


@pytest.mark.parametrize("printed", ["3. November 2021", "03.11.21", "2021-11-03", "3.11.2021"])
def test_dates_printed_differently(printed: str) -> None:
    text = original(HALLE_ANTRAG).replace("Datum: 03.11.2021", f"Datum: {printed}")
    paper = main(read(text))
    assert paper.date is not None and paper.date.value == date(2021, 11, 3)


def test_betreff_label_as_gegenstand() -> None:
    text = original(HALLE_ANFRAGE).replace("**Betreff:", "**Gegenstand:")
    paper = main(read(text))
    assert paper.title is not None and paper.title.value.startswith(
        "Anfrage der Fraktion MitBürger & Die PARTEI"
    )


def test_header_lines_in_another_order() -> None:
    text = original(HALLE_ANTRAG)
    header = "Vorlagen-Nummer: **VII/2021/03290**  \nDatum: 03.11.2021  \n"
    assert header in text
    text = text.replace(header, "").replace("Plandatum:\n", "Plandatum:\n" + header)
    paper = main(read(text))
    assert paper.reference is not None and paper.reference.value == "VII/2021/03290"
    assert paper.date is not None and paper.date.value == date(2021, 11, 3)


def test_justification_before_the_proposal() -> None:
    text = original(CHEMNITZ)
    proposal_start = text.index("### Beschlussvorschlag:")
    justification_start = text.index("### **Begründung:**")
    proposal, justification = text[proposal_start:justification_start], text[justification_start:]
    reordered = text[:proposal_start] + justification.rstrip() + "\n\n" + proposal
    paper = main(read(reordered))
    assert paper.reference is not None and paper.reference.value == "BA-090/2020"
    assert paper.title is not None and paper.title.value == "Digitalisierungsstrategie für Chemnitz"
    assert [s.name for s in paper.signatories] == ["Anja Schale"]
    assert (
        paper.justification_text is not None and "Corona-Pandemie" in paper.justification_text.value
    )


def test_table_cells_separated_by_spaces_as_after_pdf_conversion() -> None:
    text = original(CHEMNITZ).replace("\t", " ")
    paper = main(read(text))
    assert [
        (c.body.name if c.body else None, c.public.value if c.public else None)
        for c in paper.consultations
    ] == [("Verwaltungs- und Finanzausschuss", False), ("Stadtrat", True)]


def test_without_the_reference_line_no_identifier_but_the_title() -> None:
    text = original(CHEMNITZ).replace("## Beschlussantrag Nr. BA-090/2020", "## Beschlussantrag")
    graph = extract(as_source(text), MINTER).graph
    motions = set(graph.subjects(RDF.type, CG.Motion))
    assert len(motions) == 1
    (motion,) = motions
    assert graph.value(motion, DCTERMS.identifier) is None
    assert str(graph.value(motion, DCTERMS.title)) == "Digitalisierungsstrategie für Chemnitz"
    assert str(motion).endswith(
        "/id/motion/chemnitz/2020-07-15-digitalisierungsstrategie-fuer-chemnitz"
    )


def test_without_any_reference_lines_the_allris_paper_keeps_its_title() -> None:
    text = "\n".join(
        line for line in original(HALLE_ANTRAG).splitlines() if "Vorlagen-Nummer" not in line
    )
    paper = main(read(text))
    assert paper.reference is None
    assert paper.title is not None and paper.title.value.startswith("Antrag der Fraktion DIE LINKE")


def test_without_a_subject_line_no_title_is_invented() -> None:
    text = "\n".join(line for line in original(HALLE_ANTRAG).splitlines() if "Betreff:" not in line)
    paper = main(read(text))
    assert paper.title is None
    assert paper.reference is not None and paper.reference.value == "VII/2021/03290"


def test_without_a_date_line_no_date_is_invented() -> None:
    text = original(HALLE_ANTRAG).replace("Datum: 03.11.2021", "Datum:")
    paper = main(read(text))
    assert paper.date is None


def test_letter_without_addressee_block_still_reads_the_amendment() -> None:
    text = original(BOCHUM)
    start, end = text.index("An den Oberbürgermeister"), text.index("Rathaus, Zi. 49")
    paper = main(read(text[:start] + text[end:]))
    assert paper.kind is not None and paper.kind.value == "amendment"
    assert [m.reference.value for m in paper.amends if m.reference] == ["20210691"]
    assert paper.date is not None and paper.date.value == date(2021, 3, 24)


def _printed(value: str, text: str) -> bool:
    squeeze = re.compile(r"[\s*\\]+")
    return squeeze.sub(" ", value) in squeeze.sub(" ", text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(SAMPLES),
    dropped=st.sets(st.integers(min_value=0, max_value=120), max_size=25),
)
# found by a fresh clone's run: the receipt stamp "A-078/2020 Eingegangen im Sekretariat …" became a title
@example(name="chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt", dropped={5, 11})
def test_missing_lines_never_invent_values(name: str, dropped: set[int]) -> None:
    lines = original(name).splitlines()
    text = "\n".join(line for index, line in enumerate(lines) if index not in dropped)
    try:
        extraction = extract(
            as_source(text), MINTER, city="München" if "muenchen" in name else None
        )
    except ExtractionError:
        return  # refusing is fine; inventing is not
    graph = extraction.graph
    for value in graph.objects(None, DCTERMS.identifier):
        assert _printed(str(value), text)
    for value in graph.objects(None, DCTERMS.title):
        assert _printed(str(value), text)
    for node in graph.subjects(RDF.type, CG.Evidence):
        start, end = graph.value(node, CG.start).toPython(), graph.value(node, CG.end).toPython()  # type: ignore[union-attr]
        assert text[start:end] == str(graph.value(node, CG.quote))


def test_answers_found_with_no_paper_they_answer_never_refuse_the_file(tmp_path: Path) -> None:
    """Answer headings with no paper anywhere: the document is stored, the answers are left out
    with a warning (a statement is always about a paper), nothing violates a shape."""
    from councilgraph.settings import Settings
    from ingest.pipeline import process_file

    path = tmp_path / "antworten.txt"
    path.write_text(
        "Antwort der Verwaltung\n\nZu 1: Die Stadt Bochum prüft das.\n\nAntwort der Verwaltung\n\nZu 2: Nein.\n",
        encoding="utf-8",
    )
    outcome = process_file(path, Settings(base_uri="http://localhost:5000/"), city="Bochum")
    assert outcome.error is None, outcome.error
    assert any("statement(s) left out" in w for w in outcome.warnings)
