"""Letter-style motions, amendments and inquiries addressed to the mayor.

Sender line ("DIE LINKE. im Rat der Stadt Bochum, 44777 Bochum"), addressee
block ("An den Oberbürgermeister … Herr Thomas Eiskirch"), place and date
("Bochum, den 24.03.2021"), a line naming kind, submitter, session and the
amended paper ("Änderungsantrag der Fraktion … zur 5. Sitzung des Rates am
25. März 2021, TOP 1.16 (Vorlage 20210691)"), the subject line, the text,
"Begründung:" and the signatures.
"""

from __future__ import annotations

import re

from ingest import actors
from ingest.first_chars import skipping
from ingest.genres import consultations, cues, fields, paper_dates, papers, people
from ingest.genres.base import Genre
from ingest.language import groups, parties
from ingest.records import ActorMention, Motion, Records, Spanned
from ingest.source import SourceText
from ingest.text import clean, iter_lines, trim

_ADDRESSEE = re.compile(
    r"^[ \t]*(?:An\s+(?:den|die|das)\s+|Herrn\s+|Frau\s+)(?:Herrn\s+"
    r"|Frau\s+)?(?:Ober)?[Bb]ürgermeister",
    re.MULTILINE,
)
_MOVE = re.compile(
    r"\b(?:möge\s+beschließen|möge\s+\w+\s+(?:wie\s+folgt\s+)?(?:beschließen|ändern)|wird\s+beauftragt"
    r"|beantragt|fragen\s+wir|bitten\s+wir)",
    re.IGNORECASE,
)
_POSTAL = re.compile(r",?\s*(?:D-)?\d{5}\s+\S.*$")
_SALUTATION = re.compile(r"^[ \t]*Sehr\s+geehrte", re.MULTILINE)
_POSITION_IN_ADDRESS = re.compile(r"(?:Ober)?[Bb]ürgermeister(?:in)?")


class Letter(Genre):
    name = "letter"

    def detect(self, text: str) -> float:
        head = text[:3000]
        score = 0.35 if _ADDRESSEE.search(head) else 0.0
        score += 0.25 if fields.place_date(head) else 0.0
        kind = fields.heading_kind(text, 0, min(len(text), 4000), lines=60)
        score += 0.25 if kind else 0.0
        score += 0.15 if skipping(_MOVE).search(text[:6000]) else 0.0
        if re.search(r"^[\s#*]*(?:Vorlagen-?Nummer|Beratungsfolge|Einreicher)\b", head, re.MULTILINE):
            score -= 0.3
        if not (_ADDRESSEE.search(head) or _SALUTATION.search(head) or fields.place_date(head)):
            score = min(score, 0.3)  # a letter is addressed, greeted or dated from a place
        return max(0.0, min(score, 1.0))

    def extract(self, source: SourceText) -> Records:
        text = source.text
        records = Records(self.name)
        paper = Motion(start=0, end=len(text))
        records.motions.append(paper)
        sender = _sender(text)
        paper.date = fields.place_date(text) or paper_dates.paper_date(text)
        kind_line = fields.heading_kind(text, 0, len(text), lines=60)
        paper.kind = kind_line
        body_start = 0
        if kind_line is not None:
            para_end = text.find("\n\n", kind_line.start)
            para_end = len(text) if para_end < 0 else para_end
            factions = fields.factions_in(text, kind_line.start, para_end)
            paper.submitters = factions[:1]
            paper.consultations = consultations.sessions(text, kind_line.start, para_end)
            for ref in fields.references(text, kind_line.start, para_end):
                cited = papers.cited_paper(text, ref)
                label = re.search(r"Vorlage\s*(?:Nr\.?)?\s*$", text[max(0, ref.start - 20) : ref.start])
                if cited.kind is None and label is not None:
                    # "(Vorlage 20210691)": a Vorlage is the administration's paper
                    cited.kind = Spanned("draft-resolution", ref.start - len(label.group(0)), ref.end)
                records.motions.append(cited)
                (paper.amends if paper.kind and paper.kind.value == "amendment" else paper.refers_to).append(cited)
            line_end = text.find("\n", kind_line.end)
            paper.title = cues.subject_of_kind_line(  # "Anfrage: Digitalisierung der Schulen"
                text, kind_line.start, len(text) if line_end < 0 else line_end, kind_line.end, leading=False
            ) or fields.title_after_kind_line(text, kind_line.start, len(text))
            if paper.title is not None:
                body_start = paper.title.end
                for cited in paper.amends:
                    if cited.title is None:
                        cited.title = paper.title  # the amended paper's subject is the amendment's
        labelled = fields.labelled_value(text, fields.TITLE_LABELS, 0, min(len(text), 4000))
        if labelled is not None:
            paper.title = papers.clean_title(labelled)
        if sender is not None:
            if paper.submitters:
                records.named.append(sender)  # the same group as printed in the sender line
            else:
                paper.submitters = [sender]
        paper.resolution_text, paper.justification_text = papers.resolution_and_justification(
            text, body_start, len(text)
        )
        if paper.resolution_text is None and body_start:
            end = paper.justification_text.start if paper.justification_text else len(text)
            s, e = trim(text, body_start, end)
            heading = re.search(r"^[\s#*]*Begründung[\s*:]*$", text[s:e], re.MULTILINE)
            if heading:
                e = trim(text, s, s + heading.start())[1]
            paper.resolution_text = Spanned(text[s:e], s, e) if s < e else None
        papers.sign_and_position(paper, text, body_start, len(text), None)
        records.named.extend(addressees(text))
        paper.refers_to.extend(
            m for m in papers.cited_papers(records, paper, text, body_start, len(text), None) if m not in paper.amends
        )
        papers.infer_roles(paper)
        return records


def _sender(text: str) -> ActorMention | None:
    """The first line of a letter, when it names a council group."""
    for ls, le in iter_lines(text):
        s, e = trim(text, ls, le)
        if s >= e:
            continue
        line = text[s:e]
        if not (parties.find(line) or groups.names_group(line)) or _reads_as_sentence(line):
            return None
        cut = _POSTAL.search(line)
        e = s + cut.start() if cut else e
        return actors.faction(text[s:e], s, e)
    return None


_PARTICLES = frozenset({"im", "in", "der", "des", "dem", "den", "die", "und", "für", "von", "am", "zu", "an"})


def _reads_as_sentence(line: str) -> bool:
    """A line of running text names a group in passing ("Am Mittwoch soll der Stadtrat … Das sind
    die Anträge der SPD zum Haushalt:"); a sender line is the group's name and address."""
    lowercase = [w for w in re.findall(r"\b[a-zäöüß][\wäöüß]*", line) if w not in _PARTICLES]
    return len(lowercase) > 2


def addressees(text: str) -> list[ActorMention]:
    """The person in the addressee block, with the office it names ("An den Oberbürgermeister …
    Herr X")."""
    m = _ADDRESSEE.search(text)
    if not m:
        return []
    block_end = text.find("\n\n", m.end())
    block_end = len(text) if block_end < 0 else block_end
    office = _POSITION_IN_ADDRESS.search(text, m.start(), block_end)
    found = people.prose_persons(text, m.start(), block_end)
    if not found:
        # the name on a line of its own under the office: "Herrn Oberbürgermeister / Thomas
        # Westphal"
        for ls, le in iter_lines(text, m.end(), block_end):
            s, e = trim(text, ls, le)
            person = actors.person(text[s:e], s, e) if s < e else None
            if person is not None and len(person.name.split()) >= 2:
                found.append(person)
                break
    for person in found:
        if person.position is None and office is not None:
            person.position = Spanned(clean(office.group(0)), office.start(), office.end())
    return found
