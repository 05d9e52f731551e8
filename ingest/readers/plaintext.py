"""Plain text and Markdown files: decode the bytes, keep the text as it is."""

from __future__ import annotations

from pathlib import Path

from councilgraph.errors import ReadError
from ingest.readers.decoding import NotText, decode_text


def binary_data(looks_like: str | None = None) -> str:
    """The message for bytes that are not text, naming the format when it is known."""
    kind = f" (it looks like {looks_like})" if looks_like else ""
    return (
        f"the file contains binary data, not text{kind}; if it is a document in another "
        "format (Word, image, archive), export it as PDF, HTML or plain text and ingest that"
    )


def read_plain_text(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding). Markdown stays Markdown: the extractors read its markers."""
    try:
        return decode_text(raw)
    except NotText as exc:
        raise ReadError(str(path), binary_data()) from exc
