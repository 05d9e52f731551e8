"""Minutes extracts (Niederschrift, Beschlussauszug, Auszug aus der Niederschrift).

The session header names body, date and whether the session is public; each
agenda item (TOP) names a paper by reference and title, and records the
outcome ("einstimmig beschlossen", "abgelehnt", "Verwiesen in den
Fachausschuss", …) and the votes ("Ja: 25 Nein: 10 Enthaltung: 2").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.dates import find_dates
from ingest.genres import consultations, cues, decisions, fields, papers, told
from ingest.genres.base import Genre
from ingest.language import lexicon
from ingest.records import Consultation, Motion, Records, Spanned
from ingest.source import SourceText
from ingest.text import clean, first_lines, iter_lines, trim

_MINUTES = re.compile(
    r"\b(?:Niederschrift|Beschlussauszug|Auszug\s+aus\s+der\s+Niederschrift|Sitzungsprotokoll"
    r"|Protokoll\s+der|Ergebnisprotokoll)\b",
    re.IGNORECASE,
)
# also a row of a table flattened with bars between its cells: "| TOP 3: | Einführung der … |"
_ITEM = re.compile(
    r"^[\s*#|]*(?:Zu\s+)?(?:TOP|Top|Tagesordnungspunkt|TO-Punkt)\s*(?:Nr\.)?\s*[:.]?\s*"
    r"(?P<item>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\b[.:)]?[ \t]*(?:\|[ \t]*|[–-](?![ \t]*\d)[ \t]+)?"
    r"(?P<rest>[^\n]*?)[ \t|]*$",
    re.MULTILINE,
)
# where no "TOP" is printed, the items are numbered after the heading of the public part: "I. Öffentlicher
# Teil ⏎ 1. Glasfaserausbau", "Öffentlicher Teil: ⏎ Ö 1 ⏎ Fragestunde"
_PUBLIC_PART = re.compile(
    r"^[ \t]*(?:[A-Z]\)|[IVX]{1,3}\.)?[ \t]*Öffentlicher[ \t]+Teil\b.*$", re.MULTILINE | re.IGNORECASE
)
_BARE_ITEM = re.compile(
    r"^[ \t]*(?P<prefix>Zu[ \t]+|Ö[ \t]*)?(?P<item>\d{1,3}(?:\.\d{1,3}){0,2})\.?[ \t]*"
    r"(?P<rest>(?:[A-ZÄÖÜ][^\n]{2,100}?)?)[ \t]*$",
    re.MULTILINE,
)
_TITLE_WORDS_MAX = 12
_DECISION_LINE = re.compile(
    r"[ \t*#]*(?:Beschluss(?:ergebnis)?|Ergebnis|Abstimmungsergebnis|Abstimmung|Votum)\b",
    re.IGNORECASE,
)


class Minutes(Genre):
    name = "minutes"

    def detect(self, text: str) -> float:
        head = text[:2000]
        score = 0.45 if _MINUTES.search(head) else 0.0
        items = len(_items(text)) or len(_bare_items(text))
        score += min(0.3, 0.15 * items)
        score += 0.25 if items and consultations.outcome(text, 0, min(len(text), 20000)) else 0.0
        return min(score, 1.0)

    def extract(self, source: SourceText) -> Records:
        text = source.text
        records = Records(self.name)
        items = _items(text) or _bare_items(text)
        header_end = items[0].start() if items else min(len(text), 2000)
        sessions = (
            consultations.sessions(text, 0, header_end)
            or decisions.header_session(text, 0, header_end)
            or told.told_session(text, 0, header_end, undated=True)
        )
        session = sessions[0] if sessions else None
        public = _public(text, 0, header_end)
        for index, item in enumerate(items):
            end = items[index + 1].start() if index + 1 < len(items) else len(text)
            paper = _paper(text, item, end)
            if paper is None:
                continue
            consultation = Consultation(
                body=session.body if session else None,
                start=item.start("item"),
                end=item.end("item"),
                date=session.date if session else None,
                public=(session.public if session and session.public else public),
                agenda_item=_agenda_item(item),
            )
            if paper.kind is not None and paper.kind.value == "inquiry":  # an inquiry is answered, not decided
                consultation.role = Spanned("acknowledgement", consultation.start, consultation.end)
            consultation.result = _outcome(text, item.end(), end)
            consultations.votes(consultation, text, item.end(), end)
            paper.consultations.append(consultation)
            papers.infer_roles(paper)
            known = records.paper(paper.reference.value) if paper.reference else None
            if known is not None:
                known.consultations.extend(paper.consultations)
            else:
                records.motions.append(paper)
        return records


def _items(text: str) -> list[re.Match[str]]:
    """The agenda items a record heads with "TOP", not a sentence about them ("TOP 14, 15 und 16
    werden zusammen beraten", "TOP 32 wird in den Ausschuss überwiesen"): a subject opens with a
    capital letter, a digit or a quote."""
    return [m for m in _ITEM.finditer(text) if not _SENTENCE_ABOUT_ITEMS.match(m.group("rest"))]


_SENTENCE_ABOUT_ITEMS = re.compile(r"[,;]|(?:und|bis|sowie|[–-])\s*\d|[a-zäöüß]")


def _bare_items(text: str) -> list[re.Match[str]]:
    """Agenda items numbered without "TOP" after the heading of the public part, each a short
    line that reads as a subject, not a sentence."""
    part = _PUBLIC_PART.search(text)
    if part is None:
        return []
    found: list[re.Match[str]] = []
    for m in _BARE_ITEM.finditer(text, part.end()):
        rest = m.group("rest")
        if not rest and not (m.group("prefix") or "").startswith("Ö"):
            continue  # a number alone on its line: a page's, not an item's
        if rest.rstrip().endswith(".") or len(rest.split()) > _TITLE_WORDS_MAX:
            continue  # "1. Der Rat beschließt …": a sentence of the record, no item
        number = _number(m)
        if (found and number <= _number(found[-1])) or (not found and number[0] > _FIRST_BARE_ITEM_MAX):
            break  # the agenda's numbers only rise from its first items: later numbers count a list's lines
        found.append(m)
    return found


_FIRST_BARE_ITEM_MAX = 3
"""The highest number an agenda numbered without "TOP" opens with after the heading of its public
part (the items before may be printed under the heading of the session)."""


def _number(item: re.Match[str]) -> tuple[int, ...]:
    return tuple(int(n) for n in item.group("item").split("."))


def _agenda_item(item: re.Match[str]) -> Spanned[str]:
    """The item's number as printed, with the "Ö" of the public part ("Ö 1.1")."""
    prefix = (item.groupdict().get("prefix") or "").strip()
    if prefix == "Ö":
        return Spanned(f"Ö {item.group('item')}", item.start("prefix"), item.end("item"))
    return Spanned(item.group("item"), item.start("item"), item.end("item"))


def _public(text: str, start: int, end: int) -> Spanned[bool] | None:
    m = re.search(
        r"\b(?P<not>nicht\s?öffentlich\w*|nichtöffentlich\w*)|\böffentlich\w*",
        text[start:end],
        re.IGNORECASE,
    )
    if not m:
        return None
    return Spanned(m.group("not") is None, start + m.start(), start + m.end())


def _paper(text: str, item: re.Match[str], end: int) -> Motion | None:
    refs = fields.references(text, item.start(), end)
    reference = refs[0] if refs else None
    if reference is None:
        bare = fields.BARE_REFERENCE.search(text, item.start("rest"), item.end("rest"))
        if bare:
            reference = Spanned(bare.group(0), bare.start(), bare.end())
    reference = reference or _reference_line(text, item.end(), end)
    paper = Motion(start=item.start(), end=end, reference=reference)
    title = fields.labelled_value(text, fields.TITLE_LABELS, item.start(), end)
    if title is None:
        rs, re_ = trim(text, item.start("rest"), item.end("rest"))
        if reference is not None and rs <= reference.start < re_:
            rs, re_ = trim(text, reference.end, re_, " \t*-–:|")
        if rs >= re_:
            for ls, le in first_lines(text, item.end(), end, 3):
                s, e = trim(text, ls, le)
                if s < e and not fields.LABELLED_REFERENCE.match(text, s, e) and not _DECISION_LINE.match(text, s, e):
                    rs, re_ = s, e
                    break
        title = Spanned(clean(text[rs:re_]), rs, re_) if rs < re_ else None
    named = _paper_line(text, title.start, end) if title else None
    if named is not None and title is not None:
        title = named.title or (None if named.start == title.start else title)
        paper.date, paper.kind = named.date, named.kind
        paper.submitters = cues.submitters(text, named.kind.start, named.date.start)
    paper.title = papers.clean_title(title) if title else None
    if reference is None and paper.title is None:
        return None
    if reference is None and paper.title is not None and lexicon.is_standing_item(paper.title.value):
        return None  # "Eröffnung der Sitzung", "Genehmigung des Protokolls": the session's own business
    if paper.title is not None and named is None:
        paper.kind = fields.kind_near(text, paper.title.start, min(paper.title.end, paper.title.start + 40))
        paper.submitters = fields.factions_in(text, paper.title.start, paper.title.end)[:1]
    if paper.kind is None and reference is not None:
        ls = text.rfind("\n", 0, reference.start) + 1
        paper.kind = fields.kind_near(text, ls, reference.start)
    return paper


def _reference_line(text: str, start: int, end: int) -> Spanned[str] | None:
    """A paper's number alone on a line of the item, as SessionNet prints it under the decision
    ("Beschluss: Zur Kenntnis genommen ⏎ ANF/2519/2020")."""
    for ls, le in iter_lines(text, start, end):
        s, e = trim(text, ls, le)
        m = fields.BARE_REFERENCE.fullmatch(text, s, e) if s < e else None
        if m is not None:
            return Spanned(m.group(0), m.start(), m.end())
    return None


@dataclass
class _PaperLine:
    """An item's line that names its paper: kind, who put it forward and when, perhaps the subject."""

    start: int
    kind: Spanned[str]
    date: Spanned[date]
    title: Spanned[str] | None


_DASHED_SUBJECT = re.compile(r"[ \t]*[-–][ \t]+(?P<subject>[^\n]*?)[ \t]*[-–]?[ \t]*$")
# after the paper's date, clauses that date its receipt, then the subject after a comma: "Antrag der
# SPD-Stadtratsfraktion vom 11.05.2022, eingegangen bei der Stadt am 12.05.2022, Einführung eines Jobtickets"
_COMMA_SUBJECT = re.compile(
    r"(?:,[^,\n]*?\d{1,2}\.[ \t]*\d{1,2}\.[ \t]*\d{2,4}[^,\n]*)*,[ \t]*(?P<subject>[^\n]*?)[ \t]*$"
)


def _paper_line(text: str, start: int, end: int) -> _PaperLine | None:
    """ "Anfrage gem. § 30 GO des Stv. Dr. Preiß vom 26.10.2020 - Raumfilter -", or the line under
    the subject "- Antrag des Magistrats vom 18.03.2020 -": kind, submitter, date and subject."""
    for ls, le in first_lines(text, start, end, 2):
        s, e = trim(text, ls, le, " \t-–")
        kinds = lexicon.kind_cues(text, s, e)
        if not kinds or kinds[0].start != s:
            continue
        dated = _DATED.search(text, kinds[0].end, e)
        day = find_dates(text, dated.start("date"), dated.end("date")) if dated else []
        if not day:
            continue
        kind = Spanned(kinds[0].kind, kinds[0].start, kinds[0].end)
        subject = _DASHED_SUBJECT.match(text, day[0].end, le) or _COMMA_SUBJECT.match(text, day[0].end, le)
        title = None
        if subject is not None and subject.group("subject"):
            title = Spanned(clean(subject.group("subject")), subject.start("subject"), subject.end("subject"))
        return _PaperLine(s, kind, day[0], title)
    return None


_DATED = re.compile(r"\svom\s+(?P<date>\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4})")


def _outcome(text: str, start: int, end: int) -> Spanned[str] | None:
    """The outcome on the item's decision line, else anywhere in the item."""
    for ls, le in iter_lines(text, start, end):
        if _DECISION_LINE.match(text, ls, le):
            found = consultations.outcome(text, ls, le)
            if found is None:
                nxt = text.find("\n", le + 1, end)
                found = consultations.outcome(text, le, end if nxt < 0 else nxt)
            if found is not None:
                return found
    return consultations.outcome(text, start, end)
