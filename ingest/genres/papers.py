"""Building blocks for papers that several genres share: header printouts, cited papers, text
sections."""

from __future__ import annotations

import re
from functools import cache

from ingest import actors, language
from ingest.dates import find_dates
from ingest.first_chars import skipping
from ingest.genres import consultations, cues, fields, people, questions, statements
from ingest.language import bodies, lexicon
from ingest.records import ActorMention, Motion, Records, Spanned
from ingest.text import clean, line_bounds, trim

RESOLUTION_HEADING = re.compile(
    r"^[\s#*]*(?:Beschlussvorschlag|Beschlusstext|Beschlussentwurf|Antragstext|Der\s+Rat\s+möge\s+beschließen"
    r"|Antrag\s+der\s+Referent(?:en|in))[\s*]*:?[\s*]*$",
    re.MULTILINE | re.IGNORECASE,
)
JUSTIFICATION_HEADING = re.compile(
    r"^[\s#*]*(?:Begründung|Sachverhalt|Erläuterung(?:en)?|Problembeschreibung)[\s*]*:?[\s*]*$",
    re.MULTILINE | re.IGNORECASE,
)
_SECTION_END = re.compile(
    r"^[\s#*]*(?:Begründung|Sachverhalt|Anlagen?|Finanzielle Auswirkungen|Verweis"
    r"|Beratungsfolge)[\s*]*:?[\s*]*$"
    r"|^[\s*]*(?:gez\.|Gez\.|i\.\s?A\.)",
    re.MULTILINE,
)
_CITED_KIND = (
    (re.compile(r"Änderungsantrag", re.I), "amendment"),
    (re.compile(r"Anfrage", re.I), "inquiry"),
    (
        re.compile(
            r"(?:Sitzungs|Beschluss|Verwaltungs)vorlage|Beschluss\b|Vorlage\s+der\s+Verwaltung",
            re.I,
        ),
        "draft-resolution",
    ),
    (re.compile(r"Antrag|Antrages|Antrags|Anträge", re.I), "motion"),
)


def resolution_and_justification(text: str, start: int, end: int) -> tuple[Spanned[str] | None, Spanned[str] | None]:
    resolution = fields.section(text, RESOLUTION_HEADING, start, end, _SECTION_END)
    justification = None
    m = JUSTIFICATION_HEADING.search(text, start, end)
    if m:
        s, e = trim(text, m.end(), end)
        signature = re.search(r"^[\s*]*(?:gez\.|Gez\.|Mit freundlichen)", text[s:e], re.MULTILINE)
        if signature:
            e = trim(text, s, s + signature.start())[1]
        justification = Spanned(text[s:e], s, e) if s < e else None
    return resolution, justification


def cited_papers(
    records: Records, main: Motion | None, text: str, start: int, end: int, own: Spanned[str] | None
) -> list[Motion]:
    """Papers the text cites by labelled reference (other than its own), each once."""
    cited: list[Motion] = []
    for ref in fields.references(text, start, end):
        if own is not None and _same(ref.value, own.value):
            continue
        if main is not None and main.reference is not None and _same(ref.value, main.reference.value):
            continue
        known = records.paper(ref.value)
        if known is not None:
            if known not in cited and known is not main:
                cited.append(known)
            continue
        paper = cited_paper(text, ref)
        records.motions.append(paper)
        cited.append(paper)
    return cited


_AMENDED_BEFORE = re.compile(
    r"(?:(?:Änderungs|Ergänzungs|Abänderungs)antrag\w*|Änderung|Ergänzung)\s+(?:zu[rm]?|für)\s+(?:der\s+|dem\s+|den\s+)?"
    r"(?:[\w\-]+\s+){0,2}?(?:Nr\.\s*)?$",
    re.IGNORECASE,
)


def sort_citations(paper: Motion, text: str) -> None:
    """Of the papers the text cites, the one an amendment names as amended ("Änderungsantrag zur
    Drucksache 062/2016", "Änderung zu Antrag Nr. 59/2005") is amended, not referred to; a paper
    heading its own line in the same way as the document's paper ("DS 117/2016 Wilhelm-Ernst-Denkmal"
    below "DS 062a/2016 …") is the next paper of a list, not one this paper refers to."""
    own_label = _line_label(text, paper.reference) if paper.reference is not None else None
    kept: list[Motion] = []
    for cited in paper.refers_to:
        ref = cited.reference
        if ref is None:
            kept.append(cited)
            continue
        if own_label and _line_label(text, ref) == own_label:
            continue
        before = text[max(0, ref.start - 60) : ref.start]
        if paper.kind is not None and paper.kind.value == "amendment" and _AMENDED_BEFORE.search(before):
            if cited not in paper.amends:
                paper.amends.append(cited)
            continue
        kept.append(cited)
    paper.refers_to = kept


def _line_label(text: str, ref: Spanned[str]) -> str | None:
    """The words before a reference at the start of its line ("DS" of "DS 062a/2016 …")."""
    line_start = text.rfind("\n", 0, ref.start) + 1
    label = text[line_start : ref.start].strip(" \t*#•-:")
    return label if 0 < len(label) <= 30 else None


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a).lower() == re.sub(r"\W", "", b).lower()


def cited_paper(text: str, ref: Spanned[str]) -> Motion:
    """A paper only cited: its reference, and the kind, date and submitter printed around it."""
    ls, le = line_bounds(text, ref.start)
    context_start = max(ls, ref.start - 120)
    before = text[context_start : ref.start]
    paper = Motion(start=ref.start, end=ref.end, cited=True, reference=ref)
    for pattern, kind in _CITED_KIND:
        hits = list(pattern.finditer(before))
        if hits:
            last = hits[-1]
            paper.kind = Spanned(kind, context_start + last.start(), context_start + last.end())
            break
    after_end = min(le, ref.end + 160)
    nxt = text.find("\n", le + 1)
    if nxt > 0 and le + 1 < len(text) and text[le + 1 : nxt].lstrip().startswith("vom "):
        after_end = nxt  # "von der Fraktion …\nvom 13.12.2018"
    dates = [d for d in find_dates(text, ref.end, after_end + 40) if text[ref.end : d.start].count("(") == 0]
    if dates and re.search(r"\bvom\s*$", text[max(ref.end, dates[0].start - 6) : dates[0].start]):
        paper.date = dates[0]
    factions = fields.factions_in(text, ref.end, after_end)
    if factions:
        paper.submitters = factions[:1]
    return paper


DECIDING_OUTCOMES = frozenset({"adopted", "adopted-with-changes", "rejected"})
"""Outcomes by which a body settles a paper itself (not "referred", "postponed", "noted")."""


def infer_roles(paper: Motion, text: str | None = None) -> None:
    """Where the Beratungsfolge prints no role: the council decides, committees consult
    beforehand; the last body to treat the paper settled it, unless the text (where given) says it
    only recommends."""
    recommends = text is not None and skipping(_recommendation_word()).search(text, paper.start, paper.end) is not None
    for index, consultation in enumerate(paper.consultations):
        if consultation.role is not None:
            continue
        settled = consultation.result is not None and consultation.result.value in DECIDING_OUTCOMES
        last = index == len(paper.consultations) - 1
        if settled and last and consultation.body is not None and text is not None and not recommends:
            # the last body to treat the paper settled it: a committee with powers of its own decided
            consultation.role = Spanned("decision", consultation.start, consultation.end)
            continue
        if consultation.body is None:
            if consultation.result is not None and consultation.result.value in DECIDING_OUTCOMES:
                # minutes that record "beschlossen" without naming the body: the body there decided
                consultation.role = Spanned("decision", consultation.start, consultation.end)
            continue
        council = bodies.is_council(consultation.body.name)  # the council words of bodies.toml
        consultation.role = Spanned("decision" if council else "preliminary", consultation.start, consultation.end)


@cache
def _recommendation_word() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lexicon.alternatives(language.words('outcomes', 'recommendation'))})", re.IGNORECASE)


@cache
def _section_heading() -> re.Pattern[str]:
    words = lexicon.alternatives(language.words("kinds", "section"))
    # "Sachverhalt:", "Sachverhalt", "Sachverhalt Bürger" (a tab of the page that prints it for citizens)
    return re.compile(rf"^[ \t*#]*(?:{words})(?:[ \t]+[A-ZÄÖÜ][a-zäöüß]+)?[ \t]*(?::|$)", re.MULTILINE | re.IGNORECASE)


def vorlage_section(paper: Motion, text: str) -> Spanned[str] | None:
    """A section heading of the administration's Vorlage in the paper ("Sachverhalt:",
    "Beschlussvorschlag:"; kinds.toml [[section]])."""
    section = _section_heading().search(text, paper.start, paper.end)
    if section is None:
        return None
    s, e = trim(text, section.start(), section.end())
    return Spanned(text[s:e], s, e)


def administration_kind(paper: Motion, text: str) -> Spanned[str] | None:
    """The kind of a paper that names none and that no faction or member puts forward (none, or
    only a department): a draft resolution of the administration where it carries a Vorlage's
    sections ("Sachverhalt", "Beschlussvorschlag") or where minutes record the decision on it (an
    agenda item is the administration's proposal unless a motion is named)."""
    if paper.kind is not None or any(submitter.kind != "unit" for submitter in paper.submitters):
        return None
    section = vorlage_section(paper, text)
    if section is not None:
        return Spanned("draft-resolution", section.start, section.end)
    asked_aloud: bool | None = None  # read once, where a noted result asks for it
    for consultation in paper.consultations:
        result = consultation.result
        # a settled paper, or one put to the vote whatever came of it ("Zurückgestellt, Ja: 14")
        # or an information the body took note of, unless it was an answer to questions asked aloud
        noted = result is not None and result.value == "noted"
        if noted and asked_aloud is None:
            asked_aloud = questions.oral_question(text, paper.start, paper.end) is not None
        noted = noted and not asked_aloud
        if result is not None and (result.value in DECIDING_OUTCOMES or consultation.votes_for is not None or noted):
            named = _THE_MOTION.search(text, paper.start, paper.end)  # "Damit ist der Antrag … beschlossen"
            if named is not None:
                return Spanned("motion", named.start("noun"), named.end("noun"))
            return Spanned("draft-resolution", result.start, result.end)
    tabled = next((c for c in paper.consultations if c.in_sequence), None)
    if tabled is None and questions.oral_question(text, paper.start, paper.end) is None:
        tabled = next((c for c in paper.consultations if c.agenda_item is not None), None)  # not a Fragestunde's
    if tabled is not None and _THE_MOTION.search(text, paper.start, paper.end) is None:
        # an agenda item that a Beratungsfolge or the page's head tables and no one puts forward: the administration's
        return Spanned("draft-resolution", tabled.start, tabled.end)
    return None


_THE_MOTION = re.compile(
    r"\b(?:der|dieser|den|dem|des|dieses)\s+(?:(?:so\s+)?geänderten?\s+)?(?P<noun>Antrag|Antrags)\b"
)


def attach_statements(records: Records, text: str, blocks: list[tuple[int, int, int]]) -> None:
    """Turn each "Stellungnahme/Antwort der Verwaltung" block into a statement on the paper it
    names."""
    main = records.main
    for block_start, heading, block_end in blocks:
        refs = fields.references(text, block_start, heading)
        about: list[Motion] = []
        for ref in refs:
            paper = records.paper(ref.value)
            if paper is None and main is not None and main.reference is None:
                paper = main
            if paper is None:
                paper = cited_paper(text, ref)
                _title_from_header(paper, text, block_start, heading)
                records.motions.append(paper)
            if paper not in about:
                about.append(paper)
        if not about and main is not None:
            about = [main]
        statement = statements.build(text, block_start, block_end, about, heading=True)
        if statement is None:
            continue
        if statement.author is None:
            statement.author = _heading_author(text, heading)
        records.statements.append(statement)
        sessions = consultations.sessions(text, block_start, heading)
        for paper in about[:1]:
            consultations.merge(paper.consultations, sessions)


_HEADING_ACTOR = re.compile(
    r"\b(?:der|des)\s+(?P<who>(?:Stadt)?[Vv]erwaltung|Oberbürgermeister(?:in|s)?"
    r"|(?:Referat|Bezirksamt|Senat|Magistrat|Fachbereich|Amt)(?:e?s)?(?:\s+(?:für\s+)?[A-ZÄÖÜ][\w\-äöüß,]*(?:\s+(?:und|,)?\s*[A-ZÄÖÜ][\w\-äöüß,]*){0,5})?)"
    r"(?=\s*(?::|vom\b|$|\n))"
)


def _heading_author(text: str, heading: int) -> ActorMention | None:
    """Without letterhead, "Stellungnahme der Verwaltung" names the author itself."""
    m = _HEADING_ACTOR.search(text, heading, line_bounds(text, heading)[1])
    if m is None:
        return None
    who = m.group("who")
    if who.lower().endswith("verwaltung"):
        name = "Stadtverwaltung"
    elif who.lower().startswith("oberbürgermeister"):
        name = "Oberbürgermeister"
    else:
        return actors.unit(who, m.start("who"), m.end("who"))
    return ActorMention("unit", name, who, m.start("who"), m.end("who"))


def _title_from_header(paper: Motion, text: str, start: int, end: int) -> None:
    """An answer's header repeats the paper's subject ("Antrag der Fraktion … zur …") as a line
    of its own."""
    kind = fields.heading_kind(text, start, end, lines=20)
    if kind is None:
        return
    ls, le = trim(text, text.rfind("\n", 0, kind.start) + 1, line_bounds(text, kind.start)[1])
    if le - ls < 20:
        return
    paper.kind = paper.kind or kind
    paper.title = Spanned(clean(text[ls:le]), ls, le)
    paper.submitters = paper.submitters or fields.factions_in(text, ls, le)[:1]


def _reports_on(paper: Motion, text: str) -> bool:
    """Does the page report on the paper: it reads as a report, or it tells what became of the paper
    ("… bedauert die mit breiter Mehrheit erfolgte Ablehnung unseres Antrags") and prints none of a
    paper's own wording?"""
    if cues.reads_as_report(text):
        return True
    return any(c.result is not None for c in paper.consultations) and not cues.prints_a_paper(text)


def sign_and_position(paper: Motion, text: str, start: int, end: int, author_value: Spanned[str] | None) -> None:
    """Signatories from the signature block; the `Verfasser:` field names one when nothing else
    does."""
    signed = people.signatures(text, start, end)
    if signed and paper.reference is None and _reports_on(paper, text):
        # a report on the paper is signed by whoever wrote the report: persons it names, no signatories;
        # a paper that prints its own number is the paper itself, whatever a dateline seems to say
        paper.mentions.extend(signed)
        signed = []
    if author_value is not None:
        for mention in fields.mentions_from_value(text, author_value):
            if mention.kind == "person" and not any(s.name == mention.name for s in signed):
                signed.insert(0, mention)
    paper.signatories = signed
    for signatory in signed:
        if signatory.position and "fraktion" in signatory.position.value.lower():
            faction = next((s for s in paper.submitters if s.kind == "faction"), None)
            if faction is not None:
                signatory.member_of = faction


def title_factions(paper: Motion, text: str) -> list[ActorMention]:
    if paper.title is None:
        return []
    return fields.factions_in(text, paper.title.start, paper.title.end)


_SUBJECT_FOLLOWS = re.compile(r"\s(?:zur|zum|zu|für|über|betreffend|betr\.|bezüglich|wegen|auf|[-–:])\s")


def without_kind_line(text: str, title: Spanned[str]) -> tuple[Spanned[str], Spanned[str] | None]:
    """A subject printed under a line that names the paper and who puts it forward ("Betreff:⏎
    Antrag des Stadtvertreters M. Muster⏎Transparenz der Protokolle"): the subject, and that line."""
    first_end = text.find("\n", title.start, title.end)
    if first_end < 0:
        return title, None
    ls, le = trim(text, title.start, first_end)
    kinds = lexicon.kind_cues(text, ls, le)
    if not kinds or kinds[0].start != ls or not re.match(r"\s+(?:der|des|von)\s", text[kinds[0].end : le]):
        return title, None
    if _SUBJECT_FOLLOWS.search(text, kinds[0].end, le):
        return title, None  # "Anfrage der Fraktion X zur Erarbeitung …⏎Halle (Saale)": one subject, wrapped
    s, e = trim(text, first_end, title.end)
    if s >= e:
        return title, None
    return Spanned(clean(text[s:e]), s, e), Spanned(text[ls:le], ls, le)


def clean_title(value: Spanned[str]) -> Spanned[str]:
    return Spanned(re.sub(r"^(?:Betreff|Gegenstand)\s*:\s*", "", clean(value.value)), value.start, value.end)
