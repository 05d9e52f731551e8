"""Plain text and Markdown files: decode the bytes, keep the text as it is but for the rows of
Markdown tables, which become lines of tab-separated cells as the rows of HTML tables do."""

from __future__ import annotations

import re
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
    """Return (text, encoding). Markdown stays Markdown, the extractors read its markers, but for
    its tables: the row "| Vorl.-Nr.: | SR-056/2024 |" becomes its two cells with a tab between
    them, and the line under a table's head ("|---|---|") is dropped."""
    try:
        text, encoding = decode_text(raw)
    except NotText as exc:
        raise ReadError(str(path), binary_data()) from exc
    return _TABLE_LINE.sub(_table_row, text), encoding


# a line that opens and closes with a pipe and holds a cell between them
_TABLE_LINE = re.compile(r"^[ \t]*\|(?P<cells>[^\n]*[^|\s][^\n]*)\|[ \t]*(?:\n|$)", re.MULTILINE)
_HEAD_RULE = re.compile(r"[\s|:-]*-[\s|:-]*")


def _table_row(m: re.Match[str]) -> str:
    cells = [cell.strip() for cell in m.group("cells").split("|")]
    if _HEAD_RULE.fullmatch(m.group("cells")):
        return ""
    if sum(1 for cell in cells if cell) < 2:
        return m.group(0)  # one cell between pipes is no table row ("| Status |")
    ending = "\n" if m.group(0).endswith("\n") else ""
    return "\t".join(cells).rstrip("\t") + ending
