"""Council information system printouts (ALLRIS, SessionNet and alike), with the
administration's answers.

A header of labelled fields (Vorlagen-Nummer / Drucksache / Vorlage Nr.,
Datum, Verfasser / Einreicher, Betreff), a Beratungsfolge table, the
Beschlussvorschlag and Begründung; then, in the same printout, any number of
"Stellungnahme / Antwort der Verwaltung" with their own letterhead, date,
session and agenda item.
"""

from __future__ import annotations

import pickle
import re
from functools import lru_cache

from ingest.genres import consultations, cues, fields, paper_dates, papers, statements
from ingest.genres.base import Genre
from ingest.language import lexicon
from ingest.records import Motion, Records, Spanned
from ingest.source import SourceText

_OWN_REF_LINE = re.compile(
    r"^[\s#*]*(?:Vorlagen?-?\s?Nummer|Vorlage\s*-?\s*Nr\.?|Drucksachen?(?:-?\s?Nr\.?|nummer)?|DS-Nr\.?"
    r"|Antrags?\s*-?\s*Nr\.?|Antragsnummer)\s*:",
    re.MULTILINE | re.IGNORECASE,
)
_TABLE = re.compile(r"^[\s#*]*Beratungsfolge\b", re.MULTILINE)
_SUBJECT = re.compile(r"^[\s#*]*(?:Betreff|Gegenstand)\s*:", re.MULTILINE)
_PROPOSAL = re.compile(r"^[\s#*]*Beschlussvorschlag", re.MULTILINE)
_HEADER_FIELDS = re.compile(
    r"^[\s#*]*(?:TOP|Datum|Verfasser|Einreicher|Antragsteller|PSP-Element|Plandatum|"
    r"Bezug-?\s?Nummer|Federführung|Status)\s*[:.]",
    re.MULTILINE,
)


_INLINE_KIND_LABELS = tuple(label for label in fields.KIND_LABELS if len(label) > 3)  # not the bare "Art"


class AllrisPrintout(Genre):
    name = "allris"

    def detect(self, text: str) -> float:
        head = text[:4000]
        score = 0.0
        score += 0.3 if _OWN_REF_LINE.search(head) else 0.0
        score += 0.25 if _TABLE.search(head) else 0.0
        score += 0.15 if _SUBJECT.search(head) else 0.0
        score += min(0.2, 0.05 * len(_HEADER_FIELDS.findall(head)))
        score += 0.1 if _PROPOSAL.search(text) or statements.ADMIN_HEADING.search(text) else 0.0
        return min(score, 1.0)

    def extract(self, source: SourceText) -> Records:
        return read_printout(self.name, source.text)


def read_printout(genre: str, text: str) -> Records:
    """A header printout and the administration's answers that follow it. Read once per text:
    the generic reader reads the same printout after this genre's reader (each gets its copy)."""
    found: Records = pickle.loads(_printout(text))
    found.genre = genre
    return found


@lru_cache(maxsize=1)
def _printout(text: str) -> bytes:
    """The records pickled: each reader unpickles a copy of its own (a third of a deep copy's cost)."""
    return pickle.dumps(_read_printout(text), pickle.HIGHEST_PROTOCOL)


def _read_printout(text: str) -> Records:
    records = Records("")
    blocks = statements.admin_blocks(text, 0, len(text))
    region_end = blocks[0][0] if blocks else len(text)
    paper = Motion(start=0, end=region_end)
    records.motions.append(paper)
    read_header(paper, text, 0, region_end)
    if paper.reference is None and blocks:
        # a printout whose own header is missing: the answer still names the paper
        for block_start, heading, _ in blocks:
            refs = [
                r for r in fields.references(text, block_start, heading) if not fields.is_cited_label(text, r.start)
            ]
            if refs:
                paper.reference = refs[0]
                break
        else:  # "- Stellungnahme der Verwaltung -⏎Referenzvorlage: 2015/177": the paper named under the heading
            _, first_heading, _ = blocks[0]
            under = fields.references(text, first_heading, min(len(text), first_heading + 300))
            paper.reference = under[0] if under else None
    paper.refers_to = papers.cited_papers(records, paper, text, 0, region_end, paper.reference)
    papers.sort_citations(paper, text)
    papers.attach_statements(records, text, blocks)
    papers.infer_roles(paper)
    return records


def _may_be_the_administrations(paper: Motion, text: str, kind_value: Spanned[str] | None) -> bool:
    """A draft resolution, or a paper whose kind field names no other kind ("Vorlage öffentlich",
    not "Anträge Ratsfraktionen"): its lead department ("Federführend") is who puts it forward."""
    if paper.kind is not None:
        return paper.kind.value == "draft-resolution"
    if kind_value is None:
        return True
    return all(cue.kind == "draft-resolution" for cue in lexicon.kind_cues(text, kind_value.start, kind_value.end))


def read_header(paper: Motion, text: str, start: int, end: int) -> None:
    """The labelled header, the table and the sections of one printed paper."""
    paper.reference = fields.own_reference(text, start, end)
    paper.date = paper_dates.labelled(text, start, end)
    title = fields.labelled_value(text, fields.TITLE_LABELS, start, end)
    paper.title, kind_line = papers.without_kind_line(text, papers.clean_title(title)) if title else (None, None)
    kind_value = fields.labelled_value(text, fields.KIND_LABELS, start, end, max_lines=1) or (
        fields.inline_labelled_value(text, _INLINE_KIND_LABELS, start, min(end, start + 3000))
    )
    paper.kind = (
        (fields.kind_near(text, kind_value.start, kind_value.end) if kind_value else None)
        or fields.heading_kind(text, start, end)
        or (fields.kind_near(text, kind_line.start, kind_line.end) if kind_line else None)
        or (
            fields.kind_near(text, paper.title.start, min(paper.title.end, paper.title.start + 40))
            if paper.title
            else None
        )
    )
    initiators = cues.labelled_initiators(text, start, min(end, start + 3000))
    paper.submitters = (
        fields.submitter_from_label(text, start, end)
        or initiators
        or (cues.submitters(text, kind_line.start, kind_line.end) if kind_line else [])
        or papers.title_factions(paper, text)
    )
    author = fields.labelled_value(text, fields.AUTHOR_LABELS, start, end, max_lines=1)
    if initiators and author is not None:
        # "Initiator:Grüne/SPD⏎Verfasser:Dr.Vandrey/Wapler": the groups put the paper forward, its drafters are named
        paper.mentions.extend(m for m in fields.mentions_from_value(text, author) if m.kind == "person")
        author = None
    if not paper.submitters and _may_be_the_administrations(paper, text, kind_value):
        lead = fields.labelled_value(text, fields.LEAD_LABELS, start, end, max_lines=1)
        paper.submitters = fields.lead_unit(text, lead) if lead else []
    if not paper.submitters and author is not None:
        paper.submitters = fields.mentions_from_value(text, author)
    paper.consultations = consultations.table(text, start, end) or consultations.column_table(
        text, start, min(end, start + 4000)
    )
    consultations.merge(paper.consultations, consultations.sessions(text, start, min(end, start + 3000)))
    paper.resolution_text, paper.justification_text = papers.resolution_and_justification(text, start, end)
    papers.sign_and_position(paper, text, start, end, author)
