"""Bad input through `councilgraph ingest` into a store that already holds the samples.

Each bad file gets a message that names it and says what to do, the command
exits 1, and the store keeps exactly the quads it had. Files that are odd but
readable (another encoding, HTML with scripts, strange names) are stored
correctly, without letting anything hostile through.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from PIL import Image

from bench.large_text import LINEAR_SLACK, Run, ingest_measured, paper_with_filler
from councilgraph.cli import main
from councilgraph.store import LocalStore
from tests.conftest import BASE, EXAMPLES, canonical_quads, copy_store, ingest_into

HALLE = EXAMPLES / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
CHEMNITZ = EXAMPLES / "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DCT = "http://purl.org/dc/terms/"
CG_TEXT = "https://w3id.org/councilgraph/ontology#text"
DOCUMENTS = "SELECT ?d WHERE { ?d a <https://w3id.org/councilgraph/ontology#Document> }"


@pytest.fixture
def store(sample_store_path: Path, tmp_path: Path) -> Path:
    """A private copy of the sample store (the five documents already ingested)."""
    copy = tmp_path / "store"
    return copy_store(sample_store_path, copy)


def ingest(store: Path, *paths: Path | str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--store", str(store), "--base-uri", BASE])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def stored_quads(store: Path) -> set[str]:
    return canonical_quads(LocalStore(store))


def values(store: Path, sparql: str) -> list[str]:
    return sorted(str(row[0].value) for row in LocalStore(store).query(sparql))  # type: ignore[union-attr]


def _pdf_of(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, text.replace("**", "").replace("\t", "  "), align="L")
    return bytes(pdf.output())


def _scan_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 280), "white"), x=10, y=10, w=190)
    return bytes(pdf.output())


def _truncated_pdf() -> bytes:
    whole = _pdf_of(HALLE.read_text(encoding="utf-8"))
    return whole[: len(whole) * 2 // 3]


def _zip_named_txt() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 50)
    return buffer.getvalue()


# name, content, words of the advice the message must give (any one of them, case-insensitive)
BAD_FILES: list[tuple[str, Callable[[], bytes], tuple[str, ...]]] = [
    ("leer.txt", lambda: b"", ("download", "again", "check", "save")),
    ("nur-leerzeichen.txt", lambda: b" \n\t\n \r\n", ("download", "again", "check", "save")),
    ("binaer.txt", lambda: bytes(range(256)) * 40, ("export",)),
    ("archiv.txt", _zip_named_txt, ("export",)),
    ("scan.pdf", _scan_pdf, ("ocr",)),
    ("abgebrochen.pdf", _truncated_pdf, ("again",)),
    ("fehlerseite.pdf", lambda: b"<html><body>404 Not Found</body></html>", ("again",)),
]

READABLE_NON_PAPERS = [
    ("einkaufsliste.txt", "Milch\nBrot\nÄpfel\nKäse\n"),
    ("rundbrief.md", "# Sommerfest\n\nLiebe Kolleginnen und Kollegen,\nwir feiern am Freitag.\n"),
]


@pytest.mark.parametrize(("name", "text"), READABLE_NON_PAPERS, ids=[case[0] for case in READABLE_NON_PAPERS])
def test_a_readable_file_that_is_no_paper_is_kept_as_a_document(
    store: Path, tmp_path: Path, sample_quads: frozenset[str], name: str, text: str
) -> None:
    readable = tmp_path / name
    readable.write_text(text, encoding="utf-8")
    code, output = ingest(store, readable, "--city", "Bochum")
    assert code == 0, output
    assert "no paper" in output and "sidecar" in output, output
    assert sample_quads <= stored_quads(store)
    document = f"{BASE}id/document/{name.rsplit('.', 1)[0]}"
    assert document in values(store, DOCUMENTS)


@pytest.mark.parametrize(("name", "make", "advice"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_file_is_named_with_advice_and_the_store_is_unchanged(
    store: Path,
    tmp_path: Path,
    sample_quads: frozenset[str],
    name: str,
    make: Callable[[], bytes],
    advice: tuple[str, ...],
) -> None:
    bad = tmp_path / name
    bad.write_bytes(make())
    code, output = ingest(store, bad)
    assert code == 1, output
    lines = [line for line in output.splitlines() if name in line]
    assert lines, f"{name} is not named:\n{output}"
    message = " ".join(lines).replace(str(bad), "").lower()
    assert any(word in message for word in advice), f"the message for {name} says nothing about what to do: {message}"
    assert "Traceback" not in output
    assert stored_quads(store) == sample_quads


def test_one_bad_file_among_good_ones_stops_nothing_else(
    store: Path, tmp_path: Path, sample_quads: frozenset[str]
) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    (folder / "a-leer.txt").write_bytes(b"")
    shutil.copy(CHEMNITZ, folder / "b-chemnitz.txt")
    (folder / "c-scan.pdf").write_bytes(_scan_pdf())
    code, output = ingest(store, folder)
    assert code == 1
    assert "a-leer.txt" in output and "c-scan.pdf" in output
    assert "1 of 3" in output
    after = stored_quads(store)
    assert sample_quads - after == set(), "a quad of the samples was lost"
    assert BASE + "id/document/b-chemnitz" in values(store, DOCUMENTS)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("cp1252", b""), ("latin-1", b""), ("utf-16-le", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")],
)
def test_other_encodings_store_the_right_umlauts(store: Path, tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = CHEMNITZ.read_text(encoding="utf-8")
    if encoding == "latin-1":
        text = text.replace("„", '"').replace("“", '"').replace("–", "-").replace("…", "...")
        text = "".join(ch if ord(ch) < 256 else "?" for ch in text)
    document = tmp_path / "chemnitz-ba-090-2020.txt"
    document.write_bytes(prefix + text.encode(encoding))
    code, output = ingest(store, document)
    assert code == 0, output
    graph = f"<{BASE}id/document/chemnitz-ba-090-2020>"
    titles = values(
        store,
        f'SELECT ?t WHERE {{ GRAPH {graph} {{ ?m <{DCT}identifier> "BA-090/2020" ; <{DCT}title> ?t }} }}',
    )
    assert titles == ["Digitalisierungsstrategie für Chemnitz"]


def test_html_with_scripts_keeps_the_text_and_drops_the_scripts(store: Path, tmp_path: Path) -> None:
    paper = CHEMNITZ.read_text(encoding="utf-8").replace("&", "&amp;").replace("<", "&lt;")
    page = (
        "<!doctype html><html><head><title>Vorlage</title><script>alert('kopf')</script>"
        "<style>body{color:red}</style></head><body><pre>"
        f"{paper}</pre><script>document.write('boese')</script>"
        '<img src="x" onerror="alert(\'bild\')"><noscript>ohne Skript</noscript>'
        '<a href="javascript:alert(1)">verweis</a></body></html>'
    )
    document = tmp_path / "chemnitz-seite.html"
    document.write_text(page, encoding="utf-8")
    code, output = ingest(store, document)
    assert code == 0, output
    # the full text is in the document's text graph, not in the default graph
    (text,) = values(store, f"SELECT ?t WHERE {{ GRAPH ?g {{ <{BASE}id/document/chemnitz-seite> <{CG_TEXT}> ?t }} }}")
    assert "Digitalisierungsstrategie für Chemnitz" in text
    for hostile in ("alert", "boese", "document.write", "color:red", "onerror", "javascript:"):
        assert hostile not in text


CONTROL_NAMES = [
    ("esc\x1b[2J\x1b]0;gekapert\x07.txt", "esc", "gekapert"),
    ("steuer\x01zeichen\x7f.txt", "steuer", "zeichen"),
    ("zeilen\n✓ gefaelscht.txt", "zeilen", "gefaelscht"),
]


@pytest.mark.parametrize(("name", "head", "tail"), CONTROL_NAMES, ids=["ansi-escape", "c0-and-del", "newline"])
def test_control_characters_in_file_names_never_reach_the_terminal(
    tmp_path: Path, store: Path, name: str, head: str, tail: str
) -> None:
    document = tmp_path / name
    shutil.copy(HALLE, document)
    code, output = ingest(store, document)
    assert code == 0, output
    raw_controls = [ch for ch in output if (ord(ch) < 32 and ch != "\n") or ord(ch) == 127]
    assert raw_controls == [], f"control characters from the file name were printed raw: {raw_controls!r}"
    named = [line for line in output.splitlines() if tail in line]
    assert named and all(head in line for line in named), f"the file name was split over lines:\n{output}"


@pytest.mark.parametrize(
    "name",
    ["..\\..\\windows\\antrag.txt", "C:\\Users\\rat\\antrag 2021.txt", "a\\b\\c\\..\\..\\antrag.txt"],
)
def test_path_separators_in_names_stay_inside_the_document_uri_space(tmp_path: Path, store: Path, name: str) -> None:
    document = tmp_path / name
    document.write_bytes(HALLE.read_bytes())
    assert document.parent == tmp_path  # on POSIX a backslash is an ordinary character
    before = set(values(store, DOCUMENTS))
    code, output = ingest(store, document)
    assert code == 0, output
    new = sorted(set(values(store, DOCUMENTS)) - before)
    assert len(new) == 1, new
    path = new[0].removeprefix(BASE + "id/document/")
    assert path and "/" not in path and "\\" not in path and ".." not in path, new[0]


def test_a_name_without_letters_or_digits_still_gets_its_own_document_uri(tmp_path: Path, store: Path) -> None:
    first, second = tmp_path / "!!!.txt", tmp_path / "___.txt"
    shutil.copy(HALLE, first)
    shutil.copy(CHEMNITZ, second)
    code, output = ingest(store, first, second)
    documents = values(store, DOCUMENTS)
    assert BASE + "id/document/" not in documents, "a document was minted the bare /id/document/ IRI"
    identifiers = values(store, f"SELECT ?id WHERE {{ ?m <{DCT}identifier> ?id }}")
    if code == 0:
        assert {"VII/2021/03290", "BA-090/2020"} <= set(identifiers)
    else:
        assert "!!!.txt" in output or "___.txt" in output


def test_two_files_with_the_same_name_in_different_folders_lose_nothing(tmp_path: Path, store: Path) -> None:
    """`Antrag.pdf` is what many council portals call every download."""
    (tmp_path / "halle").mkdir()
    (tmp_path / "chemnitz").mkdir()
    shutil.copy(HALLE, tmp_path / "halle" / "antrag.txt")
    shutil.copy(CHEMNITZ, tmp_path / "chemnitz" / "antrag.txt")
    code, output = ingest(store, tmp_path / "halle", tmp_path / "chemnitz")

    def graphs_holding(reference: str) -> list[str]:
        return values(store, f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m <{DCT}identifier> "{reference}" }} }}')

    # the samples' own graphs hold each paper once; the new files must add a graph each, or be refused
    assert len(graphs_holding("VII/2021/03290")) == 2, f"halle/antrag.txt was stored and then lost:\n{output}"
    if code == 0:
        assert len(graphs_holding("BA-090/2020")) == 2
    else:
        assert code == 1 and "chemnitz/antrag.txt" in output


def test_changed_content_replaces_the_graph_without_leftovers(tmp_path: Path, store: Path) -> None:
    document = tmp_path / "antrag.txt"
    shutil.copy(CHEMNITZ, document)
    assert ingest(store, document)[0] == 0
    graph = BASE + "id/document/antrag"
    changed = CHEMNITZ.read_text(encoding="utf-8").replace("BA-090/2020", "BA-091/2020")
    document.write_text(changed, encoding="utf-8")
    code, output = ingest(store, document)
    assert code == 0, output
    in_graph = values(store, f"SELECT ?id WHERE {{ GRAPH <{graph}> {{ ?m <{DCT}identifier> ?id }} }}")
    assert in_graph == ["BA-091/2020"]
    # the sample's own Chemnitz graph still holds the original paper
    everywhere = values(store, f"SELECT DISTINCT ?id WHERE {{ ?m <{DCT}identifier> ?id }}")
    assert "BA-090/2020" in everywhere and "BA-091/2020" in everywhere


def test_a_changed_file_that_now_fails_keeps_its_previous_graph(tmp_path: Path, store: Path) -> None:
    document = tmp_path / "antrag.txt"
    shutil.copy(CHEMNITZ, document)
    assert ingest(store, document)[0] == 0
    before = stored_quads(store)
    document.write_bytes(b"")  # now unreadable: refused, and the earlier graph stays
    code, output = ingest(store, document)
    assert code == 1 and "antrag.txt" in output
    assert stored_quads(store) == before


# ---------------------------------------------------------------- a very large text


EIGHT_MEGABYTES = 8_000_000
"""The test's large text; `python -m bench.large_text` runs the same check at 50 MB (a minute of CPU)."""


def _ingest_measured(document: Path, store: Path, timeout: float) -> Run:
    try:
        return ingest_measured(document, store, timeout)
    except subprocess.TimeoutExpired:
        size = document.stat().st_size
        pytest.fail(f"ingesting {document.name} ({size:,} bytes) was still running after {timeout:.0f} s")


@pytest.mark.slow(seconds=20)
def test_an_eight_megabyte_text_costs_what_the_one_megabyte_run_predicts_with_a_clear_outcome(
    tmp_path: Path, store: Path, sample_store_path: Path, sample_quads: frozenset[str]
) -> None:
    """The 8 MB text costs at most LINEAR_SLACK times what the 1 MB run of the same input predicts.

    Work is CPU time of the ingest and its workers, which the machine's load changes far less than
    wall-clock time. The paper alone gives the fixed cost; the 1 MB run the cost per filler byte.
    Work that grew with the square of the size would cost 8× the prediction here (measured: 1.0–1.2×)."""
    costs: dict[str, float] = {}
    filler: dict[str, int] = {}
    for name, size in (("paper", 0), ("one-megabyte", 1_000_000)):
        document, copy = tmp_path / f"{name}.txt", tmp_path / f"store-{name}"
        filler[name] = paper_with_filler(document, size)
        copy_store(sample_store_path, copy)
        small = _ingest_measured(document, copy, timeout=600)
        costs[name] = small.cpu_seconds
        assert small.returncode in (0, 1) and "Traceback" not in small.stderr, small.stderr
    per_byte = (costs["one-megabyte"] - costs["paper"]) / filler["one-megabyte"]
    assert per_byte > 0, f"the 1 MB run cost no more than the paper alone: {costs}"

    document = tmp_path / "riesig.txt"
    filler["large"] = paper_with_filler(document, EIGHT_MEGABYTES)
    assert document.stat().st_size >= EIGHT_MEGABYTES
    predicted = per_byte * filler["large"]
    # the timeout only stops a hang; the bound on the work is the assertion below
    completed = _ingest_measured(document, store, timeout=600 + 20 * LINEAR_SLACK * predicted)
    cost = completed.cpu_seconds
    assert cost - costs["paper"] <= LINEAR_SLACK * predicted, (
        f"ingesting 8 MB took {cost:.1f} CPU s; the 1 MB run predicts {costs['paper']:.1f} s fixed "
        f"+ {predicted:.1f} s for the filler (allowed: {LINEAR_SLACK:g}× the filler's part)"
    )
    assert "Traceback" not in completed.stderr
    assert "riesig.txt" in completed.stderr
    if completed.returncode == 1:
        assert stored_quads(store) == sample_quads
    else:
        assert completed.returncode == 0, completed.stderr
        assert "VII/2021/03290" in values(store, f"SELECT ?id WHERE {{ ?m <{DCT}identifier> ?id }}")


def test_two_items_under_one_title_are_two_papers_and_the_minutes_are_stored(tmp_path: Path) -> None:
    """Minutes that treat two papers under the same heading ("TOP 3: Bauleitplanung", "TOP 4:
    Bauleitplanung") and print no number: two papers with one consultation each, not one paper whose
    consultation holds two agenda items, which the shapes refuse."""
    minutes = tmp_path / "wittlich_niederschrift.txt"
    minutes.write_text(
        "Niederschrift über die Sitzung des Stadtrates der Stadt Wittlich\n\n"
        "TOP 3: Bauleitplanung\nÄnderung des Bebauungsplanes W-12 „Am Markt“.\n"
        "Der Stadtrat beschließt einstimmig die Änderung.\n\n"
        "TOP 4: Bauleitplanung\nAufstellung des Bebauungsplanes W-40 „Schulstraße“.\n"
        "Der Stadtrat beschließt mit 20 Ja-Stimmen und 3 Nein-Stimmen die Aufstellung.\n",
        encoding="utf-8",
    )
    store_path = tmp_path / "store"
    ingest_into(store_path, [minutes])
    store = LocalStore(store_path)
    rows = store.query(
        "PREFIX cg: <https://w3id.org/councilgraph/ontology#> "
        "SELECT ?motion ?item WHERE { ?motion a cg:Motion ; cg:consultation ?c . ?c cg:agendaItem ?item }"
    )
    items = sorted((row[1].value, row[0].value) for row in rows)
    assert [item for item, _ in items] == ["3", "4"]
    assert items[0][1] != items[1][1]
