"""German dates as printed: `03.11.2021`, `3.11.21`, `3. November 2021`, `29. MRZ. 2019`,
`2021-11-03`."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ingest.first_chars import scanning
from ingest.records import Spanned

MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
assert all(name.isalpha() for name in MONTHS), "a month name is letters only (DATE_PATTERN's first test)"
_MONTH_LETTERS = rf"[^\W\d_]{{{min(map(len, MONTHS))},{max(map(len, MONTHS))}}}"
DATE_PATTERN = re.compile(
    r"(?<![\d.])"
    # what every alternative begins with, tested first: a digit, or a word that is followed by a
    # digit the way a month name is; the engine passes over every other position at once
    r"(?=\d|(?<![\w])" + _MONTH_LETTERS + r"\.?\s+\d)"
    r"(?:"
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d])"
    r"|(?P<d2>\d{1,2})\.\s*(?P<mn>" + _MONTH_NAMES + r")\.?\s+(?P<y2>\d{4})(?!\d)"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?!\d)"
    # "Nov 3, 2020": council information systems set to English
    r"|(?<![\w])(?P<mn4>" + _MONTH_NAMES + r")\.?\s+(?P<d4>\d{1,2}),\s+(?P<y4>\d{4})(?!\d)"
    r")",
    re.IGNORECASE,
)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if year < 100 else year


def _from_match(m: re.Match[str]) -> date | None:
    try:
        if m.group("d"):
            return date(_year(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("d2"):
            return date(int(m.group("y2")), MONTHS[m.group("mn").lower()], int(m.group("d2")))
        if m.group("d4"):
            return date(int(m.group("y4")), MONTHS[m.group("mn4").lower()], int(m.group("d4")))
        return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    except ValueError:
        return None


_DATE_SEARCH = scanning(DATE_PATTERN)
"""`DATE_PATTERN`, tried only where a date can begin."""


def parse_date(text: str) -> date | None:
    """The first date printed in `text`, or None."""
    for m in DATE_PATTERN.finditer(text):
        found = _from_match(m)
        if found is not None:
            return found
    return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[Spanned[date]]:
    """Every valid date in `text[start:end]` with its span."""
    return list(_find_dates(text, start, len(text) if end is None else end))


@lru_cache(maxsize=1024)
def _find_dates(text: str, start: int, stop: int) -> tuple[Spanned[date], ...]:
    """The readers of one document ask for the same span's dates several times."""
    found: list[Spanned[date]] = []
    for m in _DATE_SEARCH.finditer(text, start, stop):
        value = _from_match(m)
        if value is not None and 1949 <= value.year <= 2100:
            found.append(Spanned(value, m.start(), m.end()))
    return tuple(found)


def first_date(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    dates = find_dates(text, start, end)
    return dates[0] if dates else None
