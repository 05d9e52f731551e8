"""Administration positions with their own reference that answer one or more motions.

Verwaltungsstandpunkt, Stellungnahme or Beantwortung: a heading near the
top, the position's own number, the motions it answers ("zum Antrag Nr. …",
"zu den Anträgen … und …"), the stance, the author unit and the signature.
"""

from __future__ import annotations

import re

from ingest.genres import fields, papers, statements
from ingest.genres.base import Genre
from ingest.records import Motion, Records, Spanned
from ingest.source import SourceText
from ingest.text import trim

_HEADING = re.compile(
    r"^[\s#*]*(?:Verwaltungsstandpunkt|Stellungnahme\s+der\s+(?:Stadt)?verwaltung|Stellungnahme|Beantwortung"
    r"|Antwort\s+der\s+(?:Stadt)?verwaltung|Standpunkt\s+der\s+Verwaltung)\b",
    re.MULTILINE | re.IGNORECASE,
)
_OWN = re.compile(
    r"^[\s#*]*(?:Verwaltungsstandpunkt|Stellungnahme|Beantwortung)\s*(?:Nr\.?|Nummer)?\s*:?",
    re.MULTILINE | re.IGNORECASE,
)
_ANSWERED = re.compile(r"\b(?:Antrag|Anträge[n]?|Anfrage[n]?|Änderungsantrag|Vorlage[n]?)\b", re.IGNORECASE)


class AdministrationPosition(Genre):
    name = "position"

    def detect(self, text: str) -> float:
        head = text[:1200]
        heading = _HEADING.search(head)
        if heading is None:
            return 0.0
        score = 0.45
        refs = fields.references(text, 0, min(len(text), 3000))
        answered = [r for r in refs if _ANSWERED.search(_line_before(text, r.start))]
        score += min(0.3, 0.15 * len(answered))
        score += 0.15 if _own_reference(text) else 0.0
        score += 0.1 if statements.stance(text, 0, min(len(text), 6000))[0] else 0.0
        if re.search(r"^[\s#*]*Beratungsfolge\b", head, re.MULTILINE):
            score -= 0.2
        return max(0.0, min(score, 1.0))

    def extract(self, source: SourceText) -> Records:
        text = source.text
        records = Records(self.name)
        blocks = statements.admin_blocks(text, 0, len(text))
        if len(blocks) > 1:
            # several answers in one file, each with its own letterhead, session and paper
            papers.attach_statements(records, text, blocks)
            return records
        own = _own_reference(text)
        about: list[Motion] = []
        for ref in fields.references(text, 0, len(text)):
            if own is not None and ref.start == own.start:
                continue
            if not _ANSWERED.search(_line_before(text, ref.start)) or records.paper(ref.value):
                continue
            paper = papers.cited_paper(text, ref)
            records.motions.append(paper)
            about.append(paper)
        if len(about) == 1:
            title = fields.labelled_value(text, fields.TITLE_LABELS, 0, min(len(text), 3000))
            about[0].title = papers.clean_title(title) if title else None
        if not about:
            return records
        statement = statements.build(text, 0, len(text), about, heading=True)
        if statement is not None:
            statement.identifier = own
            statement.date = fields.labelled_date(text, 0, min(len(text), 2000)) or statement.date
            records.statements.append(statement)
        return records


def _line_before(text: str, pos: int) -> str:
    """The words before a reference, back to the paragraph start or 100 characters."""
    start = max(text.rfind("\n\n", 0, pos) + 2, pos - 100)
    return text[start:pos]


def _own_reference(text: str) -> Spanned[str] | None:
    m = _OWN.search(text, 0, min(len(text), 1500))
    if not m:
        return None
    ls, le = m.start(), text.find("\n", m.end())
    refs = fields.references(text, ls, len(text) if le < 0 else le)
    if refs:
        return refs[0]
    s, e = trim(text, m.end(), len(text) if le < 0 else le)
    bare = re.match(fields.REFERENCE, text[s:e])
    return Spanned(bare.group(0), s, s + bare.end()) if bare else None
