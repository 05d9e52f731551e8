"""Plain text and Markdown files: decode the bytes, keep the text as it is."""

from __future__ import annotations

from pathlib import Path

from councilgraph.errors import ReadError
from ingest.readers.decoding import NotText, decode_text

BINARY_DATA = (
    "the file contains binary data, not text; if it is a document in another format "
    "(Word, image, archive), export it as PDF, HTML or plain text and ingest that"
)


def read_plain_text(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding). Markdown stays Markdown: the extractors read its markers."""
    try:
        return decode_text(raw)
    except NotText as exc:
        raise ReadError(str(path), BINARY_DATA) from exc
