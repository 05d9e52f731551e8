"""Beschlussantrag forms: "Beschlussantrag Nr. BA-090/2020", Einreicher, Gegenstand,
consultation table.

The form is a header printout like ALLRIS but carries the paper's date only
in the receipt stamp ("Eingegangen im Sekretariat … 15.07.2020") and is
signed "i. A." on the submitting group's behalf.
"""

from __future__ import annotations

import re

from ingest.dates import find_dates
from ingest.genres import papers, statements
from ingest.genres.allris import read_header
from ingest.genres.base import Genre
from ingest.records import Motion, Records
from ingest.source import SourceText
from ingest.text import clean

_FORM = re.compile(r"^[\s#*]*Beschlussantrag\b", re.MULTILINE)
_LABELS = re.compile(
    r"^[\s#*]*(?:Einreicher(?:in)?|Gegenstand|Kostendeckungsvorschlag|Beschlussvorschlag)\s*:",
    re.MULTILINE,
)
_RECEIVED = re.compile(r"Eingegangen\b[^\n]{0,120}?(?=\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})")
_TABLE = re.compile(r"Beratungsfolge[^\n]*(?:Sitzungs|Status|Beratungsergebnis)", re.IGNORECASE)


class Beschlussantrag(Genre):
    name = "beschlussantrag"

    def detect(self, text: str) -> float:
        head = text[:4000]
        score = 0.4 if _FORM.search(head) else 0.0
        score += min(0.4, 0.15 * len(_LABELS.findall(head)))
        score += 0.15 if _TABLE.search(head) else 0.0
        score += 0.05 if _RECEIVED.search(head) else 0.0
        return min(score, 1.0)

    def extract(self, source: SourceText) -> Records:
        text = source.text
        records = Records(self.name)
        blocks = statements.admin_blocks(text, 0, len(text))
        end = blocks[0][0] if blocks else len(text)
        paper = Motion(start=0, end=end)
        records.motions.append(paper)
        read_header(paper, text, 0, end)
        if paper.date is None:
            stamp = _RECEIVED.search(text, 0, end)
            if stamp:
                dates = find_dates(text, stamp.end(), min(end, stamp.end() + 12))
                paper.date = dates[0] if dates else None
        if paper.title is not None:
            paper.title = papers.clean_title(paper.title)
            if not clean(paper.title.value):
                paper.title = None
        paper.refers_to = papers.cited_papers(records, paper, text, 0, end, paper.reference)
        papers.attach_statements(records, text, blocks)
        papers.infer_roles(paper)
        return records
