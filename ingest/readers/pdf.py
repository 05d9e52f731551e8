"""PDF files: the text layer, read with pypdf, or with pdfminer.six where pypdf fails."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from councilgraph.errors import ReadError

ENCODING = "pdf-text-layer"

NO_TEXT_LAYER = "the PDF has no text layer (it is probably a scan); run OCR (e.g. ocrmypdf) first and ingest the result"
ENCRYPTED = (
    "the PDF is protected by a password; remove the protection (e.g. `qpdf --decrypt "
    "--password=… in.pdf out.pdf`) and ingest the result"
)
TRUNCATED = (
    "the PDF is incomplete (its end marker %%EOF is missing), probably a broken download or copy; fetch the file again"
)
UNREADABLE_TEXT = (
    "the PDF's text layer is unreadable (its fonts do not say which characters they draw); "
    "run OCR (e.g. `ocrmypdf --force-ocr`) and ingest the result"
)

# The end marker must close the file; writers may append a little junk after it.
_EOF_WINDOW = 4096
_GARBAGE_SHARE = 0.1
_SPACE_RUNS = re.compile(r" {2,}")
_BAD_CHARACTERS = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]")

# pypdf and pdfminer report what they repair through `logging`; with no handler configured,
# Python would print those reports to stderr. Collect them instead: they explain a failure.
_diagnostics: ContextVar[list[str] | None] = ContextVar("pdf_diagnostics", default=None)


class _DiagnosticsCollector(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        sink = _diagnostics.get()
        if sink is not None:
            try:
                sink.append(record.getMessage())
            except (TypeError, ValueError):
                sink.append(str(record.msg))


for _library in ("pypdf", "pdfminer"):
    _logger = logging.getLogger(_library)
    _logger.addHandler(_DiagnosticsCollector())
    _logger.propagate = False


@dataclass(frozen=True)
class _Attempt:
    text: str | None
    problem: str | None = None

    @property
    def garbage_share(self) -> float:
        if self.text is None:
            return 1.0
        visible = sum(1 for char in self.text if not char.isspace())
        if visible == 0:
            return 0.0
        bad = sum(len(match.group()) for match in _BAD_CHARACTERS.finditer(self.text))
        return bad / visible

    @property
    def usable(self) -> bool:
        return self.text is not None and self.garbage_share <= _GARBAGE_SHARE


def read_pdf(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, "pdf-text-layer"); pages are separated by a blank line."""
    if b"%%EOF" not in raw[-_EOF_WINDOW:]:
        raise ReadError(str(path), TRUNCATED)
    with _quiet() as diagnostics:
        attempt = _with_pypdf(raw, path)
        if not attempt.usable or not (attempt.text or "").strip():
            fallback = _with_pdfminer(raw, path)
            attempt = _better(attempt, fallback)
    if attempt.text is None:
        details = "; ".join(dict.fromkeys(filter(None, [attempt.problem, *diagnostics[:3]])))
        raise ReadError(
            str(path),
            f"the PDF cannot be parsed, it is probably damaged ({details}); "
            "open it in a PDF viewer and save or print it as a new PDF",
        )
    if not attempt.text.strip():
        raise ReadError(str(path), NO_TEXT_LAYER)
    if not attempt.usable:
        raise ReadError(str(path), UNREADABLE_TEXT)
    return attempt.text, ENCODING


@contextmanager
def _quiet() -> Iterator[list[str]]:
    collected: list[str] = []
    token = _diagnostics.set(collected)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield collected
    finally:
        _diagnostics.reset(token)


def _with_pypdf(raw: bytes, path: Path) -> _Attempt:
    # pypdf and pdfminer are imported with the first PDF, not with the readers: most runs read none,
    # and the two cost a quarter of a second of every process that starts `councilgraph ingest`
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(BytesIO(raw), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ReadError(str(path), ENCRYPTED)
        pages = [page.extract_text() for page in reader.pages]
    except FileNotDecryptedError as exc:
        raise ReadError(str(path), ENCRYPTED) from exc
    except ReadError:
        raise
    # pypdf raises anything from KeyError to RecursionError on damaged files; here, every
    # such failure means the same: pypdf cannot read this PDF, so pdfminer gets a try.
    except Exception as exc:
        return _Attempt(None, f"pypdf: {type(exc).__name__}: {exc}")
    if not pages:
        return _Attempt(None, "pypdf: the PDF has no pages")
    return _Attempt("\n\n".join(_tidy(page) for page in pages))


def _with_pdfminer(raw: bytes, path: Path) -> _Attempt:
    from pdfminer.high_level import extract_text as pdfminer_extract_text
    from pdfminer.pdfdocument import PDFEncryptionError

    try:
        text = pdfminer_extract_text(BytesIO(raw))
    except PDFEncryptionError as exc:
        raise ReadError(str(path), ENCRYPTED) from exc
    # As with pypdf: on a damaged file pdfminer fails in many ways, all meaning "unreadable".
    except Exception as exc:
        return _Attempt(None, f"pdfminer: {type(exc).__name__}: {exc}")
    pages = [_tidy(page) for page in text.split("\f")]
    while pages and not pages[-1].strip():
        pages.pop()  # pdfminer closes every page, the last one included, with a form feed
    return _Attempt("\n\n".join(pages))


def _tidy(page: str) -> str:
    """Justified lines come out with runs of spaces; in a text layer they carry no meaning."""
    lines = (_SPACE_RUNS.sub(" ", line).strip(" ") for line in page.split("\n"))
    return "\n".join(lines).strip("\n")


def _better(first: _Attempt, second: _Attempt) -> _Attempt:
    """The attempt with more readable text; an attempt that read something beats a failure."""
    candidates = [attempt for attempt in (first, second) if attempt.text is not None]
    if not candidates:
        return first
    with_text = [attempt for attempt in candidates if (attempt.text or "").strip()]
    if not with_text:
        return candidates[0]
    return min(with_text, key=lambda attempt: attempt.garbage_share)
