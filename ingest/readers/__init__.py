"""Readers: a source file in any supported format → `SourceText` for the extractors.

The suffix picks the reader, but the content has the last word: a PDF named `.txt` is
read as a PDF, and an image or archive under any name is refused as binary data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from councilgraph.errors import ReadError
from ingest.readers import files
from ingest.readers.decoding import normalise
from ingest.readers.mail import read_mail
from ingest.readers.pdf import read_pdf
from ingest.readers.plaintext import binary_data, read_plain_text
from ingest.readers.sniff import Sniffed, binary_kind, sniff
from ingest.source import SourceText

__all__ = ["DEFAULT_MAX_BYTES", "iter_documents", "read_document", "supported_suffixes"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _read_html(raw: bytes, path: Path) -> tuple[str, str]:
    """A web page's text; its parser (BeautifulSoup, 0.13 s to import) loads with the first page read."""
    from ingest.readers.html import read_html

    return read_html(raw, path)


@dataclass(frozen=True)
class _Format:
    media_type: str
    read: Callable[[bytes, Path], tuple[str, str]]


_PLAIN = _Format("text/plain", read_plain_text)
_MARKDOWN = _Format("text/markdown", read_plain_text)
_PDF = _Format("application/pdf", read_pdf)
_HTML = _Format("text/html", _read_html)
_MAIL = _Format("message/rfc822", read_mail)

_BY_SUFFIX: dict[str, _Format] = {
    ".txt": _PLAIN,
    ".text": _PLAIN,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
    ".pdf": _PDF,
    ".html": _HTML,
    ".htm": _HTML,
    ".eml": _MAIL,
}


def supported_suffixes() -> frozenset[str]:
    """File name suffixes (lower case, with the dot) that `read_document` accepts."""
    return frozenset(_BY_SUFFIX)


def iter_documents(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders into the documents inside them, recursively and in sorted order.

    Files named explicitly are passed on as they are (reading them reports any problem);
    inside folders, hidden files and folders and unsupported suffixes are skipped.
    """
    return files.iter_documents(paths, supported_suffixes())


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one source file. Raises `ReadError` (with what to do about it) when it cannot."""
    path = Path(path)
    by_suffix = _BY_SUFFIX.get(path.suffix.lower())
    if by_suffix is None:
        supported = ", ".join(sorted(_BY_SUFFIX))
        raise ReadError(
            str(path),
            f"unsupported file type {path.suffix or '(no suffix)'!r}; supported are {supported} "
            "(convert the document to one of them, e.g. a Word file to PDF)",
        )
    raw = files.read_bytes(path, max_bytes)
    if not raw:
        raise ReadError(str(path), "the file is empty; export the document again from the council information system")
    chosen = _format_for(raw, by_suffix, path)
    text, encoding = chosen.read(raw, path)
    text = normalise(text)
    if not text.strip():
        raise ReadError(
            str(path),
            "the file contains no text (only white space or markup); "
            "export the document again or check that it is the right file",
        )
    return SourceText(
        path=path,
        text=text,
        media_type=chosen.media_type,
        encoding=encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _format_for(raw: bytes, by_suffix: _Format, path: Path) -> _Format:
    sniffed = sniff(raw)
    if sniffed is Sniffed.PDF:
        return _PDF
    if sniffed is Sniffed.BINARY:
        raise ReadError(str(path), binary_data(binary_kind(raw)))
    if by_suffix is _PDF:
        raise ReadError(
            str(path),
            "the file is named .pdf but holds no PDF data (no %PDF- header); it may be an "
            "error page saved instead of the document, so download it again",
        )
    if sniffed is Sniffed.HTML and by_suffix in (_PLAIN, _MARKDOWN):
        return _HTML
    return by_suffix
