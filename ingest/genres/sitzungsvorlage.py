"""Draft resolutions of the administration, with the departments' opinions collected for
co-signature.

The Sitzungsvorlage ("Sitzungsvorlage Nr. 14-20 / V", the motion it answers,
"Beschluss des IT-Ausschusses vom 29.05.2019 (VB)", "Vortrag des
Referenten", "Antrag des Referenten", signature) sits among letters and
e-mails in which each department states its position: one statement per
message, with its author unit, date and stance sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest import actors
from ingest.genres import consultations, fields, paper_dates, papers, people, statements
from ingest.genres.base import Genre
from ingest.records import ActorMention, Motion, Records, Spanned
from ingest.source import SourceText
from ingest.text import clean, paragraph_start, trim, wrap_width

_VORLAGE_LINE = re.compile(r"^[\s*#]*(?:Sitzungsvorlage|Beschlussvorlage|Vorlage)\s+Nr\.", re.MULTILINE)
_LECTURE = re.compile(
    r"Vortrag\s+de[rs]\s+Referent(?:en|in)|Antrag\s+de[rs]\s+Referent(?:en|in)"
    r"|^[\s*]*I\.\s+Vortrag|^[\s*#]*(?:Beschlussvorschlag|Sachverhalt|Problemstellung)\b",
    re.MULTILINE,
)
_SUBMITTING_UNIT = re.compile(r"(?:Beschluss|Sitzungs)vorlage\s+des\s+(?P<unit>[\wÄÖÜäöüß\-]*(?:Referat|referat)e?s)\b")
_UNIT_IN_TEXT = re.compile(r"\b[\wÄÖÜäöüß]*(?:-Referat|referat)\b|\bReferat\s+für\s+[^\n,.;()]{3,60}")
_CC_PERSON = re.compile(
    rf"^[ \t]*(?:Von|An|Cc"
    rf"|Bcc)\s*:[^\n]*?(?P<name>{actors.NAME_WORD}[ \t]+{actors.NAME_WORD})[ \t]*<[^>\n]*@",
    re.MULTILINE,
)


class Sitzungsvorlage(Genre):
    name = "sitzungsvorlage"

    def detect(self, text: str) -> float:
        score = 0.3 if _VORLAGE_LINE.search(text) else 0.0
        score += 0.25 if _LECTURE.search(text) else 0.0
        blocks = len(statements.MAIL_START.findall(text)) + len(statements.LETTER_START.findall(text))
        score += min(0.35, 0.07 * blocks)
        score += 0.1 if re.search(r"Mitzeichnung|zeichnet\b[^.]{0,200}\bmit\b|Stellungnahme\s+zu", text) else 0.0
        return min(score, 1.0)

    def extract(self, source: SourceText) -> Records:
        text = source.text
        records = Records(self.name)
        start, end = _vorlage_region(text)
        paper = Motion(start=start, end=end)
        records.motions.append(paper)
        own = next(
            (
                r
                for r in fields.references(text, start, end)
                if _VORLAGE_LINE.match(text, text.rfind("\n", 0, r.start) + 1)
            ),
            None,
        )
        paper.reference = own
        line_start = text.rfind("\n", 0, own.start) + 1 if own else start
        paper.kind = fields.kind_near(text, line_start, own.end) if own else fields.heading_kind(text, start, end)
        title_end = line_start if own else start
        ts, te = trim(text, start, title_end)
        # the title is a short paragraph of its own; a longer block above is something else
        is_title = ts < te and text.count("\n", ts, te) <= 2 and te - ts <= 300
        paper.title = Spanned(clean(text[ts:te]), ts, te) if is_title else None
        paper.date = paper_dates.labelled(text, start, min(end, start + 1500))
        submitter = _submitter(text, start, end)
        paper.submitters = [submitter] if submitter else []
        paper.signatories = people.signatures(text, start, end)
        paper.consultations = consultations.sessions(text, start, end)
        paper.resolution_text, paper.justification_text = papers.resolution_and_justification(text, start, end)
        paper.refers_to = papers.cited_papers(records, paper, text, start, end, own)
        paper.mentions = [
            m for m in people.prose_persons(text, start, end) if all(m.name != s.name for s in paper.signatories)
        ]
        for block_start, block_end in statements.mail_and_letter_blocks(text, 0, len(text)):
            if block_start < end and block_end > start:
                if block_start >= start:
                    continue  # inside the Vorlage itself
                block_end = start
            statement = statements.build(text, block_start, block_end, [paper])
            if statement is not None:
                records.statements.append(statement)
        records.named.extend(_mail_persons(text))
        papers.infer_roles(paper)
        return records


def _vorlage_region(text: str) -> tuple[int, int]:
    """The Vorlage inside the chain: from its title over "Sitzungsvorlage Nr." to the next
    message."""
    for m in _VORLAGE_LINE.finditer(text):
        lecture = _LECTURE.search(text, m.end(), m.end() + 3000)
        if lecture is None:
            continue
        title_start = text.rfind("\n\n", 0, m.start())
        title_start = 0 if title_start < 0 else title_start + 2
        # the title may stand one blank line above the Vorlage line
        if not text[title_start : m.start()].strip():
            before = text.rfind("\n\n", 0, max(0, title_start - 2))
            title_start = 0 if before < 0 else before + 2
        if wrap_width(text) is not None:
            # a PDF's text layer has no blank lines: the title is the paragraph above
            title_start = max(title_start, paragraph_start(text, m.start()))
        following = [s for s, _ in statements.mail_and_letter_blocks(text, lecture.end(), len(text))]
        return title_start, (following[0] if following else len(text))
    return 0, len(text)


def _submitter(text: str, start: int, end: int) -> ActorMention | None:
    """The Referat whose Vorlage it is: "Beschlussvorlage des IT-Referats", else the Referat it
    names most."""
    m = _SUBMITTING_UNIT.search(text)
    if m:
        return actors.unit(m.group("unit"), m.start("unit"), m.end("unit"))
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for hit in _UNIT_IN_TEXT.finditer(text, start, end):
        name = actors.unit_name(hit.group(0))
        counts[name] += 1
        first.setdefault(name, (hit.start(), hit.end()))
    if not counts:
        return None
    name, _ = counts.most_common(1)[0]
    s, e = first[name]
    return actors.unit(text[s:e], s, e)


def _mail_persons(text: str) -> list[ActorMention]:
    """Persons named with their address in mail headers ("Cc: Stephan Schindler <…@…>")."""
    found = []
    for m in _CC_PERSON.finditer(text):
        mention = actors.person(m.group("name"), m.start("name"), m.end("name"))
        if mention is not None:
            found.append(mention)
    return found
