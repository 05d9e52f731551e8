"""Consultations: the Beratungsfolge table, "Sitzung des Rates am …, TOP …" lines, outcomes and
votes."""

from __future__ import annotations

import re

from ingest import actors
from ingest.dates import DATE_PATTERN, find_dates
from ingest.genres import concepts
from ingest.genres.fields import BODY_WORD
from ingest.records import Consultation, Spanned
from ingest.text import iter_lines, trim

_TABLE_HEADER = re.compile(r"[ \t#*|]*Beratungsfolge\b", re.IGNORECASE)
_PUBLIC = re.compile(r"\b(?:(?P<not>nicht[\s\-]?öffentlich|nichtöffentlich|nö)|öffentlich|ö)\b", re.IGNORECASE)
_ROLE_ABBREVIATION = re.compile(r"\((?P<abbr>VB|SB|BA|KE|E|K)\)")
_ABBREVIATED_ROLE = {
    "VB": "preliminary",
    "SB": "decision",
    "E": "decision",
    "KE": "acknowledgement",
    "K": "acknowledgement",
}

_BODY = r"(?P<body>[A-ZÄÖÜ][^\n()]{1,140}?)"
SESSION = re.compile(
    r"(?:(?P<ordinal>\d{1,3})\.\s*)?(?P<public>(?:nicht\s?)?öffentliche[n]?\s+)?Sitzung\s+(?:des|der)\s+"
    + _BODY
    + r"\s+(?:am|vom)\s+(?P<date>"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + ")",
    re.IGNORECASE,
)
DECISION = re.compile(
    r"Beschluss\s+(?:des|der)\s+"
    + _BODY
    + r"\s+(?:am|vom)\s+(?P<date>"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + r")(?:\s*\((?P<abbr>[A-Z]{1,3})\))?",
    re.IGNORECASE,
)
FINAL_BODY = re.compile(
    r"(?:durch|von)\s+(?:die|den|der|dem)\s+(?P<body>Vollversammlung(?:\s+des\s+Stadtrates)?|Stadtrat|Rat)\s+"
    r"(?:endgültig\s+)?(?:beschlossen|entschieden)",
)
AGENDA_ITEM = re.compile(
    r"\b(?:TOP|Tagesordnungspunkt|TO-Punkt)\s*(?:Nr\.)?\s*[:.]?\s*(?:\*\*)?\s*"
    r"(?P<item>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)(?![\d.]\d)"
)
PUBLIC_SESSION = re.compile(r"^[\s*]*(?P<not>Nicht\s?ö|Nichtö|nicht\s?ö)?(?:Ö|ö)ffentliche\s+Sitzung", re.MULTILINE)

VOTES = re.compile(
    r"(?:Ja(?:-Stimmen)?\s*[:=]?\s*(?P<yes>\d{1,3})\W+Nein(?:-Stimmen)?\s*[:=]?\s*(?P<no>\d{1,3})"
    r"(?:\W+Enthaltung(?:en)?\s*[:=]?\s*(?P<abst>\d{1,3}))?)"
    r"|(?:(?P<yes2>\d{1,3})\s*Ja-Stimmen?\W+(?P<no2>\d{1,3})\s*Nein-Stimmen?"
    r"(?:\W+(?:und\s+)?(?P<abst2>\d{1,3})\s*Enthaltung(?:en)?)?)"
    r"|(?:(?P<yes3>\d{1,3})\s*:\s*(?P<no3>\d{1,3})\s*:\s*(?P<abst3>\d{1,3}))",
    re.IGNORECASE,
)


def _public(text: str, start: int, end: int) -> Spanned[bool] | None:
    m = _PUBLIC.search(text, start, end)
    if not m:
        return None
    return Spanned(m.group("not") is None, m.start(), m.end())


def _role(text: str, start: int, end: int) -> Spanned[str] | None:
    hit = concepts.best("role", text, start, end)
    if hit is not None:
        return Spanned(hit.slug, hit.start, hit.end)
    m = _ROLE_ABBREVIATION.search(text, start, end)
    if m and m.group("abbr") in _ABBREVIATED_ROLE:
        return Spanned(_ABBREVIATED_ROLE[m.group("abbr")], m.start(), m.end())
    return None


def table(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """The rows of a Beratungsfolge table: body, date, public/non-public, role."""
    stop = len(text) if end is None else end
    rows: list[Consultation] = []
    lines = list(iter_lines(text, start, stop))
    for index, (ls, le) in enumerate(lines):
        if not _TABLE_HEADER.match(text, ls, le):
            continue
        blanks = 0
        for rs, re_ in lines[index + 1 : index + 30]:
            row = text[rs:re_]
            if not row.strip():
                blanks += 1
                if rows or blanks > 2:
                    break
                continue
            consultation = _row(text, rs, re_)
            if consultation is not None:
                rows.append(consultation)
            elif rows:
                break
        if rows:
            break
    for consultation in rows:
        consultation.in_sequence = True
    return rows


_CELL = re.compile(r"[^\t|]+?(?=\s*(?:\t|\s{3,}|\||$))")
_SEPARATED = re.compile(r"\t|\||\S {3,}\S")


def _row(text: str, start: int, end: int) -> Consultation | None:
    """One row: the body before the date ("Stadtrat 24.11.2021 öffentlich Entscheidung") or after it
    ("24.11.2021 Stadtrat Entscheidung"), then status words."""
    row = text[start:end]
    if not row.strip() or row[:1] in "\t|":
        return None  # a continuation of the header (sub-headings under empty first cells)
    dm = DATE_PATTERN.search(text, start, end)
    bs, be = trim(text, start, dm.start() if dm else end, " \t*|")
    if dm is not None and bs >= be:
        # date first: the body is the first cell after the date that names one
        for cell in _CELL.finditer(text, dm.end(), end):
            cs, ce = trim(text, cell.start(), cell.end(), " \t*|")
            if cs < ce and BODY_WORD.search(text, cs, ce):
                bs, be = cs, ce
                break
    elif dm is None:
        first_cell = _CELL.match(text, bs, end)
        be = trim(text, bs, first_cell.end() if first_cell else be, " \t*|")[1]
    body_text = text[bs:be]
    if bs >= be or not BODY_WORD.search(body_text) or len(body_text) > 150:
        return None
    if dm is None and not _SEPARATED.search(row):
        # Without cell separators (a PDF's text layer), only the date tells a row from a
        # wrapped header cell or the subject line under the table.
        return None
    if dm is not None and not (be <= dm.start() or bs >= dm.end()):
        return None
    date = find_dates(text, dm.start(), dm.end())[0] if dm else None
    status_start = max(be, dm.end()) if dm else be
    role = _role(text, status_start, end)
    result = outcome(text, status_start, end)
    if result is not None and role is not None and result.start < role.end and role.start < result.end:
        result = None  # "Kenntnisnahme" names the role here, not a recorded outcome
    return Consultation(
        body=actors.body(body_text, bs, be),
        start=min(bs, dm.start()) if dm else bs,
        end=trim(text, start, end)[1],
        date=date,
        role=role,
        public=_public(text, status_start, end),
        result=result,
    )


def sessions(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """Consultations named in running text or statement headers."""
    stop = len(text) if end is None else end
    found: list[Consultation] = []
    for pattern in (SESSION, DECISION):
        for m in pattern.finditer(text, start, stop):
            body_text = m.group("body")
            if not BODY_WORD.search(body_text):
                continue
            bs, be = trim(text, m.start("body"), m.end("body"))
            dates = find_dates(text, m.start("date"), m.end("date"))
            line_start = text.rfind("\n", 0, m.start()) + 1
            consultation = Consultation(
                body=actors.body(text[bs:be], bs, be),
                start=line_start,
                end=m.end(),
                date=dates[0] if dates else None,
            )
            groups = m.groupdict()
            if groups.get("public"):
                consultation.public = Spanned(
                    "nicht" not in groups["public"].lower(), m.start("public"), m.end("public")
                )
            if groups.get("abbr") in _ABBREVIATED_ROLE:
                consultation.role = Spanned(_ABBREVIATED_ROLE[groups["abbr"]], m.start("abbr"), m.end("abbr"))
            # agenda item on the same line or within the next lines of a header
            window_end = min(stop, m.end() + 400)
            blank = text.find("\n\n\n", m.end(), window_end)
            item = AGENDA_ITEM.search(text, line_start, window_end if blank < 0 else blank)
            if item:
                consultation.agenda_item = Spanned(item.group("item"), item.start("item"), item.end("item"))
            public = PUBLIC_SESSION.search(text, m.end(), min(stop, m.end() + 80))
            if consultation.public is None and public:
                consultation.public = Spanned(public.group("not") is None, public.start(), public.end())
            found.append(consultation)
    for m in FINAL_BODY.finditer(text, start, stop):
        bs, be = m.start("body"), m.end("body")
        found.append(
            Consultation(
                body=actors.body(text[bs:be], bs, be),
                start=m.start(),
                end=m.end(),
                role=Spanned("decision", m.start(), m.end()),
            )
        )
    found.sort(key=lambda c: c.start)
    return found


def votes(consultation: Consultation, text: str, start: int, end: int) -> None:
    """Fill vote counts from "Ja: 25 Nein: 10 Enthaltung: 2", "mit 30 Ja-Stimmen, …" or
    "einstimmig"."""
    m = VOTES.search(text, start, end)
    if m:
        g = m.groupdict()
        for attr, names in (
            ("votes_for", ("yes", "yes2", "yes3")),
            ("votes_against", ("no", "no2", "no3")),
            ("abstentions", ("abst", "abst2", "abst3")),
        ):
            for name in names:
                if g.get(name):
                    setattr(consultation, attr, Spanned(int(g[name]), m.start(name), m.end(name)))
                    break
        return


def outcome(text: str, start: int, end: int) -> Spanned[str] | None:
    """The outcome concept of a decision line; the span is the outcome as printed."""
    priority = (
        "withdrawn",
        "postponed",
        "referred",
        "adopted-with-changes",
        "rejected",
        "settled",
        "noted",
        "adopted",
    )
    hit = concepts.best("outcome", text, start, end, priority=priority)
    if hit is None:
        return None
    return Spanned(hit.slug, hit.start, hit.end)


def same(a: Consultation, b: Consultation) -> bool:
    """Do two consultations describe the same session (same body, same date or either undated)?"""
    if a.body is None or b.body is None:
        return False
    if actors.body_key(a.body.name) != actors.body_key(b.body.name):
        return False
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    return a.date.value == b.date.value


def merge(into: list[Consultation], more: list[Consultation]) -> None:
    """Add `more` to `into`, folding repeats of the same session into the first."""
    for consultation in more:
        known = next((c for c in into if same(c, consultation)), None)
        if known is None:
            into.append(consultation)
            continue
        for attr in (
            "role",
            "public",
            "agenda_item",
            "result",
            "votes_for",
            "votes_against",
            "abstentions",
        ):
            if getattr(known, attr) is None and getattr(consultation, attr) is not None:
                setattr(known, attr, getattr(consultation, attr))
