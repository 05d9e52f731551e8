"""Readers: every format and encoding; every kind of bad input ends in text or a ReadError."""

from __future__ import annotations

import hashlib
import io
import random
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter

from councilgraph.errors import ReadError
from ingest.readers import iter_documents, read_document, supported_suffixes

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "documents"
HALLE_ANTRAG = EXAMPLES / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
CHEMNITZ = EXAMPLES / "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian: fonts-dejavu-core

HALLE_BETREFF = (
    "Betreff: Antrag der Fraktion DIE LINKE im Stadtrat Halle (Saale) zur Mitgliedschaft "
    'der Stadt Halle (Saale) in der Städtekoalition "Cities for Digital Rights"'
)


def flat(text: str) -> str:
    """Text with every run of white space made one space (PDF lines wrap anywhere)."""
    return " ".join(text.split())


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def pdf_bytes(*pages: str) -> bytes:
    """A PDF with one page per argument, in a TrueType font so umlauts are real characters."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 5, page, align="L")
    return bytes(pdf.output())


def halle_as_printed() -> str:
    """The Halle motion as a PDF would print it: no Markdown markers, no tabs."""
    text = HALLE_ANTRAG.read_text(encoding="utf-8")
    text = text.replace("**", "").replace("\t", "  ")
    return re.sub(r"^#+ ", "", text, flags=re.MULTILINE)


# --- plain text and Markdown -------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda path: path.name[:20])
def test_sample_documents_are_read_as_utf8_text(path: Path) -> None:
    document = read_document(path)
    raw = path.read_bytes()
    assert document.media_type == "text/plain"
    assert document.encoding == "utf-8"
    assert document.sha256 == hashlib.sha256(raw).hexdigest()
    assert document.text == raw.decode("utf-8").replace("\r\n", "\n")
    assert document.path == path


def test_halle_sample_keeps_its_markdown_and_tab_separated_rows() -> None:
    text = read_document(HALLE_ANTRAG).text
    assert "Vorlagen-Nummer: **VII/2021/03290**" in text
    assert "## Antrag" in text
    assert "\nStadtrat\t24.11.2021\töffentlich Entscheidung\n" in text
    assert "Verfasser: Dr. Bodo Meerheim" in text


def test_markdown_suffix_gives_markdown_media_type(tmp_path: Path) -> None:
    path = write(tmp_path, "antrag.md", CHEMNITZ.read_bytes())
    document = read_document(path)
    assert document.media_type == "text/markdown"
    assert "## Beschlussantrag Nr. BA-090/2020" in document.text
    assert "\nStadtrat\t23.09.2020\töffentlich\t" in document.text


@pytest.mark.parametrize(
    ("encode", "expected_encoding"),
    [
        (lambda text: text.encode("cp1252"), "cp1252"),
        (lambda text: text.encode("utf-16"), "utf-16"),
        (lambda text: text.encode("utf-16-le"), "utf-16-le"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8"),
    ],
    ids=["cp1252", "utf-16-with-bom", "utf-16-le-without-bom", "utf-8-with-bom"],
)
def test_other_encodings_give_the_same_text(
    tmp_path: Path, encode: Callable[[str], bytes], expected_encoding: str
) -> None:
    original = HALLE_ANTRAG.read_text(encoding="utf-8")
    path = write(tmp_path, "antrag.txt", encode(original))
    document = read_document(path)
    assert document.encoding == expected_encoding
    assert document.text == original
    assert "Städtekoalition „Cities for Digital Rights“" in document.text


def test_latin1_bytes_that_cp1252_cannot_decode_still_give_text(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252: the deterministic rule fails and the fallback guesses.
    raw = "Der Stadtrat möge beschließen: Gebühren für Bürger senken.\x81\n".encode("latin-1")
    document = read_document(write(tmp_path, "antrag.txt", raw))
    assert "Stadtrat" in document.text
    assert "\r" not in document.text


def test_mixed_utf8_and_cp1252_bytes_do_not_crash(tmp_path: Path) -> None:
    raw = "Städtekoalition\n".encode() + "Bürgerbeteiligung\n".encode("cp1252")
    document = read_document(write(tmp_path, "antrag.txt", raw))
    assert "Bürgerbeteiligung" in document.text
    assert document.encoding == "cp1252"


def test_line_ends_are_normalised_and_nul_dropped(tmp_path: Path) -> None:
    raw = b"Antrag\r\nDatum: 03.11.2021\rBetreff: Test\x00 Ende\r\n"
    document = read_document(write(tmp_path, "antrag.txt", raw))
    assert document.text == "Antrag\nDatum: 03.11.2021\nBetreff: Test Ende\n"
    assert document.sha256 == hashlib.sha256(raw).hexdigest()


# --- PDF -----------------------------------------------------------------------------------


def test_fpdf_requirements_are_present() -> None:
    assert FONT.is_file(), "install the Debian package fonts-dejavu-core"


@pytest.fixture(scope="module")
def halle_pdf() -> bytes:
    printed = halle_as_printed()
    middle = printed.index("Städte sind die demokratischen Institutionen")
    return pdf_bytes(printed[:middle], printed[middle:])


def test_pdf_text_layer_keeps_key_lines_and_umlauts(tmp_path: Path, halle_pdf: bytes) -> None:
    document = read_document(write(tmp_path, "antrag.pdf", halle_pdf))
    assert document.media_type == "application/pdf"
    assert document.encoding == "pdf-text-layer"
    assert document.sha256 == hashlib.sha256(halle_pdf).hexdigest()
    assert "Vorlagen-Nummer: VII/2021/03290" in document.text
    assert "Datum: 03.11.2021" in document.text
    assert HALLE_BETREFF in flat(document.text)
    assert "Oberbürgermeister" in document.text


def test_pdf_pages_are_separated_by_a_blank_line(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "zwei.pdf", pdf_bytes("Seite eins", "Seite zwei")))
    assert document.text == "Seite eins\n\nSeite zwei"


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path, halle_pdf: bytes) -> None:
    document = read_document(write(tmp_path, "antrag.txt", halle_pdf))
    assert document.media_type == "application/pdf"
    assert "Vorlagen-Nummer: VII/2021/03290" in document.text


def _image_only_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (60, 40), "gray"), x=10, y=10, w=60)
    return bytes(pdf.output())


def _empty_page_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


@pytest.mark.parametrize("make", [_image_only_pdf, _empty_page_pdf], ids=["image", "empty"])
def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path, make: Callable[[], bytes]) -> None:
    with pytest.raises(ReadError, match="no text layer") as caught:
        read_document(write(tmp_path, "scan.pdf", make()))
    assert "ocrmypdf" in str(caught.value)


def test_truncated_pdf_is_a_read_error(tmp_path: Path, halle_pdf: bytes) -> None:
    with pytest.raises(ReadError, match="incomplete"):
        read_document(write(tmp_path, "halb.pdf", halle_pdf[: len(halle_pdf) // 2]))


def test_pdf_with_broken_cross_reference_is_repaired_silently(
    tmp_path: Path, halle_pdf: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999", halle_pdf)
    assert broken != halle_pdf
    document = read_document(write(tmp_path, "kaputt.pdf", broken))
    assert "Vorlagen-Nummer: VII/2021/03290" in document.text
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_file_named_pdf_without_pdf_data_is_a_read_error(tmp_path: Path) -> None:
    page = b"<html><body>404 Not Found</body></html>"
    with pytest.raises(ReadError, match="no PDF data"):
        read_document(write(tmp_path, "antrag.pdf", page))


def _encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="verwaltung", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_a_read_error(tmp_path: Path) -> None:
    data = _encrypted(pdf_bytes("Vertraulich"), user_password="geheim")
    with pytest.raises(ReadError, match="password"):
        read_document(write(tmp_path, "geheim.pdf", data))


def test_pdf_encrypted_without_user_password_is_read(tmp_path: Path) -> None:
    data = _encrypted(pdf_bytes("Öffentliche Vorlage"), user_password="")
    assert read_document(write(tmp_path, "offen.pdf", data)).text == "Öffentliche Vorlage"


# --- HTML ----------------------------------------------------------------------------------

ALLRIS_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>ALLRIS - Vorlage</title>
<script>var tracking = "nicht ausgeben";</script><style>td { color: red }</style></head>
<body><nav><a href="/">Startseite</a> | <a href="/si">Sitzungskalender</a></nav>
<!-- Kommentar des Systems -->
<h1>Antrag</h1>
<table class="risdeco"><tr><td><table>
<tr><td class="kb1">Vorlagen-Nummer:</td><td><b>VII/2021/03290</b></td></tr>
<tr><td class="kb1">Datum:</td><td>03.11.2021</td></tr>
</table></td></tr></table>
<h3>Beratungsfolge</h3>
<table>
<thead><tr><th>Gremium</th><th>Termin</th><th>Status</th></tr></thead>
<tbody>
<tr><td>Stadtrat</td><td>24.11.2021</td><td>&ouml;ffentlich<br>Entscheidung</td></tr>
<tr><td>Ausschuss f\xfcr Wirtschaft, Wissenschaft,
    Stadtentwicklung und Digitalisierung</td><td>21.12.2021</td>
    <td>\xf6ffentlich Vorberatung</td></tr>
</tbody></table>
<p><b>Betreff:</b> Antrag der Fraktion DIE LINKE zur Mitgliedschaft in der St\xe4dtekoalition</p>
<p>1. Die Oberb\xfcrgermeisterin wird beauftragt,<br>die Mitgliedschaft zu beantragen.</p>
<ul><li>Datenschutz</li><li>Transparenz</li></ul>
<div style="display: none">versteckter Text</div>
<script type="text/javascript">document.write("auch nicht");</script>
</body></html>
"""


@pytest.fixture
def allris_document(tmp_path: Path) -> str:
    path = write(tmp_path, "vorlage.html", ALLRIS_PAGE.encode("cp1252"))
    document = read_document(path)
    assert document.media_type == "text/html"
    assert document.encoding == "cp1252"
    return document.text


def test_html_table_rows_become_tab_separated_lines(allris_document: str) -> None:
    lines = allris_document.split("\n")
    assert "Gremium\tTermin\tStatus" in lines
    assert "Stadtrat\t24.11.2021\töffentlich Entscheidung" in lines
    assert (
        "Ausschuss für Wirtschaft, Wissenschaft, Stadtentwicklung und Digitalisierung"
        "\t21.12.2021\töffentlich Vorberatung"
    ) in lines
    assert "Vorlagen-Nummer:\tVII/2021/03290" in lines


def test_markdown_table_rows_become_tab_separated_lines_as_html_rows_do(tmp_path: Path) -> None:
    raw = (
        "Abstimmungsergebnis:\n| Gremium | Termin |\n|---|:---:|\n| Vorl.-Nr.: | SR-056/2024 | |\n"
        "| Ja-Stimmen: | 11 |\n| Status |\n||||\nDer Stadtrat | beschließt\n"
    )
    for name in ("beschluesse.md", "beschluesse.txt"):
        lines = read_document(write(tmp_path, name, raw.encode())).text.split("\n")
        assert lines[:4] == ["Abstimmungsergebnis:", "Gremium\tTermin", "Vorl.-Nr.:\tSR-056/2024", "Ja-Stimmen:\t11"]
        # one cell between pipes, pipes alone, a pipe inside a line: no table row
        assert lines[4:7] == ["| Status |", "||||", "Der Stadtrat | beschließt"]


def test_html_drops_scripts_styles_navigation_comments_and_hidden_text(
    allris_document: str,
) -> None:
    for absent in ("tracking", "auch nicht", "color", "Startseite", "Kommentar", "versteckter"):
        assert absent not in allris_document
    assert "ALLRIS - Vorlage" not in allris_document


def test_html_keeps_block_structure(allris_document: str) -> None:
    lines = allris_document.split("\n")
    assert "# Antrag" in lines
    assert "### Beratungsfolge" in lines
    assert (
        "**Betreff:** Antrag der Fraktion DIE LINKE zur Mitgliedschaft in der Städtekoalition"
        in lines
    )
    assert "1. Die Oberbürgermeisterin wird beauftragt," in lines
    assert "die Mitgliedschaft zu beantragen." in lines
    assert "- Datenschutz" in lines
    assert "- Transparenz" in lines


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    page = "<!doctype html><html><body><p>Antrag</p><script>x()</script></body></html>"
    document = read_document(write(tmp_path, "seite.txt", page.encode()))
    assert document.media_type == "text/html"
    assert document.text == "Antrag"


def test_html_declaring_latin1_but_holding_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Bürger</p></body></html>'
    document = read_document(write(tmp_path, "seite.htm", page.encode("utf-8")))
    assert document.text == "Bürger"
    assert document.encoding == "utf-8"


def test_html_with_only_markup_has_no_text(tmp_path: Path) -> None:
    page = b"<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>"
    with pytest.raises(ReadError, match="no text"):
        read_document(write(tmp_path, "leer.html", page))


# --- e-mail --------------------------------------------------------------------------------


def _forwarded_request() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "ITM Beschlusswesen <beschlusswesen@example.org>"
    message["To"] = "Stadtkämmerei <kaemmerei@example.org>"
    moment = datetime(2019, 3, 6, 14, 22, 24, tzinfo=timezone(timedelta(hours=1)))
    message["Date"] = format_datetime(moment)
    message["Subject"] = (
        'Beschluss: Mitgliedschaft im Verbund "Cities Coalition for Digital Rights"'
    )
    message.set_content(
        "Sehr geehrte Damen und Herren,\n\nbeigefügt übermitteln wir Ihnen die Beschlussvorlage.\n",
        charset="iso-8859-1",
        cte="quoted-printable",
    )
    message.add_alternative(
        "<html><body><p>HTML-Fassung der Nachricht</p></body></html>", subtype="html"
    )
    return message


def _reply_chain() -> bytes:
    message = EmailMessage()
    message["From"] = "Stadtkämmerei <kaemmerei@example.org>"
    message["To"] = "ITM Beschlusswesen <beschlusswesen@example.org>"
    message["Cc"] = "Stephan Schindler <stephan.schindler@example.org>"
    message["Date"] = "Fri, 12 Apr 2019 09:28:00 +0200"
    message["Subject"] = "AW: Beschluss: Mitgliedschaft im Verbund"
    message.set_content(
        "Sehr geehrte Kolleginnen und Kollegen,\ndie Stadtkämmerei meldet Fehlanzeige.\n"
    )
    message.add_attachment(_forwarded_request())
    statement = pdf_bytes("Das Referat für Stadtplanung zeichnet die Beschlussvorlage mit.")
    message.add_attachment(
        statement, maintype="application", subtype="pdf", filename="stellungnahme.pdf"
    )
    message.add_attachment(
        _empty_page_pdf(), maintype="application", subtype="pdf", filename="scan.pdf"
    )
    appendix = "Anlage 4: Beschlussvorlage im Änderungsmodus\r\n".encode("cp1252")
    message.add_attachment(
        appendix, maintype="application", subtype="octet-stream", filename="anlage4.txt"
    )
    return message.as_bytes()


@pytest.fixture(scope="module")
def mail_chain() -> str:
    with tempfile.TemporaryDirectory() as folder:
        document = read_document(write(Path(folder), "antwort.eml", _reply_chain()))
    assert document.media_type == "message/rfc822"
    return document.text


def test_eml_chain_has_german_header_blocks_in_order(mail_chain: str) -> None:
    outer = mail_chain.index("Von: Stadtkämmerei <kaemmerei@example.org>")
    inner = mail_chain.index("Von: ITM Beschlusswesen <beschlusswesen@example.org>")
    assert outer < inner
    assert "Gesendet: Freitag, 12. April 2019 09:28:00" in mail_chain
    assert "Gesendet: Mittwoch, 6. März 2019 14:22:24" in mail_chain
    assert "Cc: Stephan Schindler <stephan.schindler@example.org>" in mail_chain
    assert (
        "An: ITM Beschlusswesen <beschlusswesen@example.org>\n"
        "Cc: Stephan Schindler <stephan.schindler@example.org>\n"
        "Betreff: AW: Beschluss: Mitgliedschaft im Verbund\n\n"
        "Sehr geehrte Kolleginnen und Kollegen,\ndie Stadtkämmerei meldet Fehlanzeige."
    ) in mail_chain
    assert (
        'Betreff: Beschluss: Mitgliedschaft im Verbund "Cities Coalition for Digital Rights"'
        in mail_chain
    )


def test_eml_attached_message_body_is_decoded_and_plain_text_preferred(mail_chain: str) -> None:
    assert "beigefügt übermitteln wir Ihnen die Beschlussvorlage." in mail_chain
    assert "HTML-Fassung" not in mail_chain


def test_eml_pdf_attachment_text_is_appended(mail_chain: str) -> None:
    assert "Anhang: stellungnahme.pdf" in mail_chain
    assert "Das Referat für Stadtplanung zeichnet die Beschlussvorlage mit." in mail_chain
    assert mail_chain.index("Fehlanzeige") < mail_chain.index("Das Referat für Stadtplanung")


def test_eml_text_attachment_is_decoded_and_appended(mail_chain: str) -> None:
    assert "Anhang: anlage4.txt\n\nAnlage 4: Beschlussvorlage im Änderungsmodus" in mail_chain


def test_eml_unreadable_attachment_is_noted_not_fatal(mail_chain: str) -> None:
    assert "Anhang: scan.pdf (nicht lesbar: the PDF has no text layer" in mail_chain


def test_eml_with_html_body_only_goes_through_the_html_reader(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "Referat <referat@example.org>"
    message["Subject"] = "Stellungnahme"
    message.set_content(
        "<html><body><p>Keine Einwände.</p><table><tr><td>Stadtrat</td><td>24.11.2021</td></tr>"
        "</table><script>nicht()</script></body></html>",
        subtype="html",
    )
    text = read_document(write(tmp_path, "html.eml", message.as_bytes())).text
    assert text == (
        "Von: Referat <referat@example.org>\nBetreff: Stellungnahme\n\n"
        "Keine Einwände.\n\nStadtrat\t24.11.2021"
    )


def test_eml_with_raw_8bit_latin1_headers_is_decoded(tmp_path: Path) -> None:
    raw = (
        "From: Stadtkämmerei <k@example.org>\nSubject: Gebühren\n"
        "Content-Type: text/plain; charset=iso-8859-1\n\nDie Bürger zahlen.\n"
    ).encode("latin-1")
    text = read_document(write(tmp_path, "alt.eml", raw)).text
    assert text == "Von: Stadtkämmerei <k@example.org>\nBetreff: Gebühren\n\nDie Bürger zahlen."


def test_eml_whose_sender_the_header_parser_cannot_read_keeps_the_raw_header(tmp_path: Path) -> None:
    raw = (
        b"From:.=?utf-8?q?Stadtk=C3=A4mmerei?= <kaemmerei@example.org>\nSubject: Fehlanzeige\n"
        b"Content-Type: text/plain; charset=utf-8\n\nDie Stadtk\xc3\xa4mmerei meldet Fehlanzeige.\n"
    )
    text = read_document(write(tmp_path, "kaputt.eml", raw)).text
    assert "kaemmerei@example.org" in text and "meldet Fehlanzeige" in text


# --- bad input -----------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="the file is empty"):
        read_document(write(tmp_path, "leer.txt", b""))


def test_whitespace_only_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no text"):
        read_document(write(tmp_path, "leer.md", b" \r\n\t\n"))


def test_random_binary_named_txt(tmp_path: Path) -> None:
    noise = random.Random(20211103).randbytes(4096)
    with pytest.raises(ReadError, match="contains binary data, not text"):
        read_document(write(tmp_path, "antrag.txt", noise))


@pytest.mark.parametrize(
    ("name", "data", "looks_like"),
    [
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("antrag.md", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "Office document"),
        ("antrag.eml", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "Microsoft Office"),
        ("seite.html", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
    ],
)
def test_known_binary_formats_are_named(
    tmp_path: Path, name: str, data: bytes, looks_like: str
) -> None:
    with pytest.raises(ReadError, match="binary data") as caught:
        read_document(write(tmp_path, name, data))
    assert looks_like in caught.value.reason


def test_file_larger_than_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "gross.txt", b"Antrag\n" * 200)
    with pytest.raises(ReadError, match="more than the limit"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=1400).text.count("Antrag") == 200


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "gesperrt.txt", b"Antrag")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ReadError, match="permission denied"):
        read_document(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="does not exist"):
        read_document(tmp_path / "fehlt.txt")
    (tmp_path / "ordner.txt").mkdir()
    with pytest.raises(ReadError, match="folder"):
        read_document(tmp_path / "ordner.txt")


def test_unknown_suffix_lists_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="unsupported file type '.docx'") as caught:
        read_document(write(tmp_path, "antrag.docx", b"PK\x03\x04"))
    for suffix in (".txt", ".md", ".pdf", ".html", ".htm", ".eml"):
        assert suffix in caught.value.reason


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".text", ".pdf", ".html", ".htm", ".eml"} <= supported_suffixes()
    assert ".docx" not in supported_suffixes()


def test_upper_case_suffix_is_accepted(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "ANTRAG.TXT", b"Antrag")).text == "Antrag"


# --- folders -------------------------------------------------------------------------------


def test_iter_documents_expands_folders_sorted_and_skips_hidden_and_unsupported(
    tmp_path: Path,
) -> None:
    for name in (
        "b/zwei.md", "b/a/eins.pdf", "a.txt", "c.docx", ".versteckt.txt", ".git/objekt.txt",
        "b/.cache/alt.html", "b/drei.EML", "b/bild.png",
    ):  # fmt: skip
        write(tmp_path, name, b"x")
    explicit = write(tmp_path.parent / f"{tmp_path.name}-einzeln", "notiz.docx", b"x")
    found = list(iter_documents([tmp_path, explicit, tmp_path / "a.txt"]))
    relative = [path.relative_to(tmp_path).as_posix() for path in found[:-1]]
    assert relative == ["a.txt", "b/a/eins.pdf", "b/drei.EML", "b/zwei.md"]
    assert found[-1] == explicit  # named explicitly: reading it will say why it is not supported


# --- fuzzing: only ReadError may escape ----------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _samples() -> list[bytes]:
    page = ALLRIS_PAGE.encode("cp1252")
    return [
        HALLE_ANTRAG.read_bytes()[:3000],
        pdf_bytes("Antrag über Gebühren"),
        page,
        _reply_chain(),
    ]


SAMPLES = _samples()
SUFFIXES = sorted(supported_suffixes())


def _read_or_refuse(folder: Path, suffix: str, data: bytes) -> None:
    path = write(folder, f"fuzz{suffix}", data)
    try:
        document = read_document(path)
    except ReadError as error:
        assert error.reason
        return
    assert document.text.strip()
    assert "\r" not in document.text and "\x00" not in document.text
    document.text.encode("utf-8")  # no lone surrogates


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=2048))
def test_fuzz_random_bytes(fuzz_folder: Path, suffix: str, data: bytes) -> None:
    _read_or_refuse(fuzz_folder, suffix, data)


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif action == "truncate":
            del data[position:]
    return bytes(data)


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(suffix=st.sampled_from(SUFFIXES), data=mutated_samples())
def test_fuzz_mutated_documents(fuzz_folder: Path, suffix: str, data: bytes) -> None:
    _read_or_refuse(fuzz_folder, suffix, data)
