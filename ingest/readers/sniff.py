"""Recognise a file's format by its first bytes, whatever its name says."""

from __future__ import annotations

import re
from enum import Enum


class Sniffed(Enum):
    PDF = "pdf"
    HTML = "html"
    BINARY = "binary"
    UNKNOWN = "unknown"


# Formats people save council papers in (or download by mistake) that are not text.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive or an Office document (.docx, .odt, .xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls, .msg)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)

_PDF_MAGIC = b"%PDF-"
# The PDF specification lets readers find the header within the first 1024 bytes.
_PDF_HEADER_WINDOW = 1024
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def sniff(raw: bytes) -> Sniffed:
    """What the content is, judged by signatures only (never by the file name)."""
    if _PDF_MAGIC in raw[:_PDF_HEADER_WINDOW]:
        return Sniffed.PDF
    if binary_kind(raw) is not None:
        return Sniffed.BINARY
    if _HTML_START.match(raw[:4096]):
        return Sniffed.HTML
    return Sniffed.UNKNOWN


def binary_kind(raw: bytes) -> str | None:
    """A description of the binary format `raw` starts with, if it is a known one."""
    if raw.startswith(b"MZ") and b"This program cannot be run in DOS mode" not in raw[:512]:
        return None  # "MZ" alone is too common a start for text ("MZ-Nummer: …")
    for signature, description in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            return description
    return None
