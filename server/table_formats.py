"""Listings as data: which format a listing request wants, and the CSV and JSON it gets.

Pure functions, no Flask: the browse routes call them. A `.csv`/`.json` suffix
wins, then `?format=`, then the best match of `Accept` (HTML for browsers and
for `*/*`); `None` means 406.

CSV: a header row of the table's column names, one row per item; the total
number of items matching the filters travels in the `X-Total-Count` header.
JSON: `{"count", "page", "size", "columns", "rows", "next"}` with one object
per row, keyed by the same column names.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

HTML = "html"
CSV = "csv"
JSON = "json"
MEDIA_TYPES = {HTML: "text/html", CSV: "text/csv", JSON: "application/json"}
_BY_MEDIA_TYPE = {media: key for key, media in MEDIA_TYPES.items()}

Cell = str | int | None


@dataclass
class Table:
    """One page of a listing: named columns, rows of plain values, and the count of all rows."""

    columns: tuple[str, ...]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    count: int = 0
    page: int = 1
    size: int = 50

    @property
    def has_next(self) -> bool:
        return self.page * self.size < self.count


def choose(suffix: str | None, format_param: str | None, accept_header: str | None) -> str | None:
    """`html`, `csv` or `json`; None when the request names only formats a listing does not offer."""
    for named in (suffix, format_param):
        if named:
            key = named.strip().lower()
            key = _BY_MEDIA_TYPE.get(key, key)
            return key if key in MEDIA_TYPES else None
    if not accept_header:
        return HTML
    accept = parse_accept_header(accept_header, MIMEAccept)
    best = accept.best_match(list(MEDIA_TYPES.values()))
    if best is None:
        return HTML if "application/xhtml+xml" in accept else None
    return _BY_MEDIA_TYPE[best]


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table.columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table.rows)
    return buffer.getvalue()


def to_json(table: Table, next_url: str | None) -> str:
    document: dict[str, Any] = {
        "count": table.count,
        "page": table.page,
        "size": table.size,
        "columns": list(table.columns),
        "rows": [{column: row.get(column) for column in table.columns} for row in table.rows],
        "next": next_url,
    }
    return json.dumps(document, ensure_ascii=False)
