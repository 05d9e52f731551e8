"""The fallback for layouts no genre knows: labelled fields, a heading, dates, factions, signatures.

It always runs: when a specialised genre read the document, it fills what
that genre left empty; otherwise it is the reader. It only reports what is
printed with a label or in a recognisable place, so that a missing field
stays missing rather than guessed.
"""

from __future__ import annotations

import re

from ingest.genres import consultations, cues, decisions, fields, paper_dates, papers, people, told
from ingest.genres.allris import read_printout
from ingest.genres.base import Genre
from ingest.records import Motion, Records, Spanned
from ingest.source import SourceText
from ingest.text import clean, first_lines, trim

_HEADING = re.compile(r"^[ \t]*#{1,4}[ \t]+(?P<title>\S[^\n]*)$", re.MULTILINE)


class Generic(Genre):
    name = "generic"

    def detect(self, text: str) -> float:
        return 0.1

    def extract(self, source: SourceText) -> Records:
        text = source.text
        records = read_printout(self.name, text)
        paper = records.main
        if paper is None:
            return records
        if paper.kind is None:
            for ls, le in first_lines(text, 0, None, 40):
                s, e = trim(text, ls, le)
                kind = fields.kind_near(text, s, min(e, s + 40)) if s < e else None
                if kind is not None and kind.start == s and not fields.lists_kinds(text, s, e):
                    paper.kind = kind
                    break
        if paper.title is None:
            # only the document's first heading can be its title; later ones head sections
            m = _HEADING.search(text, 0, min(len(text), 3000))
            if m is not None:
                s, e = trim(text, m.start("title"), m.end("title"))
                value = clean(text[s:e])
                if len(value.split()) >= 3 and not text[s:e].rstrip("*").endswith(":"):
                    paper.title = Spanned(value, s, e)
        if paper.date is None:
            paper.date = paper_dates.paper_date(text, paper.start, paper.end)
        if not paper.submitters and paper.kind is not None:
            ls, le = trim(text, text.rfind("\n", 0, paper.kind.start) + 1, text.find("\n", paper.kind.end))
            paper.submitters = cues.submitters(text, ls, max(le, ls)) or fields.factions_in(text, ls, max(le, ls))[:1]
        _read_unlabelled(paper, text)
        papers.sort_citations(paper, text)
        if paper.signatories:
            papers.sign_and_position(paper, text, paper.start, paper.end, None)
        if re.fullmatch(r"\s*", text[paper.start : paper.end]):
            records.motions.remove(paper)
        return records


def _headed_by_kind(paper: Motion, text: str) -> bool:
    """Does the page open with the paper's kind line ("Antrag der CDU-Fraktion im Stadtrat Gehrden an die
    Verwaltung:")? Then it prints the paper, and a council it names is no session a report tells of."""
    if paper.kind is None:
        return False
    head = cues.head(text, 0, None, limit=2)
    opens = any(s == paper.kind.start and not cues.is_headline(text[s:e]) for s, e in head)
    return opens and not cues.reads_as_report(text)  # the head first: most pages open otherwise


def _read_unlabelled(paper: Motion, text: str) -> None:
    """What the paper's wording says where no labelled header did: kind, title, submitters, the
    sessions it is meant for and a recorded decision."""
    start, end = paper.start, paper.end
    paper.reference = paper.reference or cues.head_reference(text, start, end)
    paper.kind = paper.kind or cues.kind(text, start, end) or cues.letter_kind(text, start, end)
    paper.title = paper.title or cues.title(text, start, end)
    if paper.title is None and paper.kind is not None and start <= paper.kind.start < end:
        # a post that opens with its page's lead and then prints the paper, kind line first
        paper.title = cues.subject_of_its_kind_line(text, paper.kind.start)
    numbered = cues.number_before_subject(text, paper.title) if paper.title is not None else None
    if numbered is not None and paper.reference is None:
        paper.reference, paper.title = numbered
    if paper.reference is None and paper.title is not None:
        paper.reference = cues.number_after_subject(text, paper.title)
    if not paper.submitters:
        paper.submitters = (
            cues.submitters(text, start, end)
            or cues.group_cells(text, start, end)
            or people.signing_groups(text, 0, end)
            or cues.sole_faction(paper, text)
        )
    if not paper.consultations:
        paper.consultations = (
            consultations.flat_table(text, start, end)
            or consultations.column_table(text, start, min(end, start + 4000))
            or consultations.labelled_sessions(text, start, end)
            or consultations.shown_session(text, start, end)
            or decisions.header_session(text, start, end)
            or consultations.dated_bodies(text, start, end)
            or cues.intended_sessions(text, start, min(end, start + 4000))
        )
    voted = consultations.voted_bodies(text, start, min(end, start + 6000))
    consultations.merge(paper.consultations, voted)
    decided = decisions.read(text, start, end)
    # a recorded decision's extract names the next step in its recommendation, not the paper's path
    head = consultations.intended(text, start, min(end, start + 4000), recommended=decided is None)
    consultations.add_intended(paper.consultations, head)
    if decided is None and (paper.kind is None or paper.kind.value != "inquiry"):  # an inquiry is not decided
        written = paper.date.value if paper.date else None
        told.add(paper.consultations, told.decisions(text, start, min(end, start + 4000), written))
        if not paper.consultations:
            reach = min(end, start + 4000)
            subject_told = told.decisions(text, start, reach, written, subject=True)
            told.add(
                paper.consultations,
                subject_told or told.paper_passive(text, start, reach) or told.reported(text, start, reach, written),
            )
        told.date_from_the_session(paper.consultations, text)
        consultations.add_proposed(paper.consultations, text, start, end)
    consultations.add_addressed(paper.consultations, text, start, end)
    consultations.mark_deciding(paper.consultations, text, start, end)
    consultations.item_from_head(paper.consultations, text, start, end)
    if decided is not None:
        decisions.attach(paper.consultations, decided)
    if not paper.consultations:
        treated = consultations.item_page(text, start, end)
        paper.consultations.extend([treated] if treated is not None else [])
    asks = paper.kind is not None and paper.kind.value == "inquiry"
    if not paper.consultations and not asks and not cues.prints_a_paper(text) and not _headed_by_kind(paper, text):
        told.add(paper.consultations, told.named_body(text, start, min(end, start + 4000)))
    if not paper.consultations and not asks and decided is None:
        # "Der SPD-Antrag wurde mit den Stimmen der CDU-Mehrheit abgelehnt", with no body named before it
        told.add(paper.consultations, told.paper_passive(text, start, min(end, start + 4000), unnamed=True))
    consultations.session_from_item_page(paper.consultations, text, start, end)
    consultations.mark_public_from_prose(paper.consultations, text)  # of every session read, the report's too
    consultations.public_from_part_heading(paper.consultations, text, start, end)
    deciding = [c for c in paper.consultations if c.role is None or c.role.value == "decision"]
    if len(deciding) == 1 and deciding[0].result is None:
        deciding[0].result = consultations.status_tag(text, start, end)  # "… des Stadtrats⏎abgelehnt"
        if deciding[0].result is None and not cues.prints_a_paper(text):
            headline = consultations.headline_outcome(text, start, end)  # "Antrag der AfD abgelehnt"
            deciding[0].result = headline or consultations.sole_outcome(text, start, min(end, start + 4000))
        if deciding[0].result is None and not cues.prints_a_paper(text):
            consultations.told_vote(deciding[0], text, start, min(end, start + 4000))
    if len(deciding) == 1 and not cues.prints_a_paper(text):
        consultations.counted_sentence(deciding[0], text, start, min(end, start + 4000))
        consultations.restated_counts(deciding[0], text, start, min(end, start + 4000))
    if asks:
        for consultation in paper.consultations:
            if consultation.role is None:
                consultation.role = Spanned("acknowledgement", consultation.start, consultation.end)
    papers.infer_roles(paper, text)
    paper.kind = paper.kind or papers.administration_kind(paper, text)
