"""The entry point of extraction: source text → genre → records → one document graph.

```python
extraction = extract(read_document(path), UriMinter(base), city=None)
extraction.graph      # the document's named graph
extraction.facts      # every key fact with the quote that shows it
```
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from rdflib import Graph, URIRef
from rdflib.term import Node

from councilgraph.errors import ExtractionError
from councilgraph.namespaces import CG, RDF
from councilgraph.uris import UriMinter
from ingest import actors, language, principles
from ingest.builder import UNKNOWN_CITY, CityRef, DocumentMentions, DocumentTriples, ExplainedFact, GraphBuilder
from ingest.dates import find_dates
from ingest.genres import city as cities
from ingest.genres import cues, decisions, papers, people, questions, registry, statements
from ingest.genres.fields import fill
from ingest.language import bodies, lexicon
from ingest.metadata import apply_metadata
from ingest.records import (
    ActorMention,
    CityMention,
    Consultation,
    Motion,
    PrincipleMention,
    Records,
    Spanned,
    Statement,
)
from ingest.sidecar import NO_METADATA, Metadata
from ingest.source import SourceText
from ingest.text import line_bounds

__all__ = ["ExplainedFact", "Extraction", "extract"]


@dataclass
class Extraction:
    """What one document yielded: its graph, the genre that read it, warnings and explained
    facts."""

    source: SourceText
    document: URIRef
    triples: DocumentTriples
    """The document's statements; `graph` is them as an rdflib graph, built when first asked for."""
    genre: str
    warnings: list[str] = field(default_factory=list)
    facts: list[ExplainedFact] = field(default_factory=list)
    city_cue: cities.CityDecision | None = None
    papers_shown: list[ExplainedFact] = field(default_factory=list)
    """Why each of the document's own papers is one, with the span that shows it (`--explain`)."""
    summary_text: str | None = field(default=None, repr=False)
    """`summary()` as counted before the graph was left behind (`without_graph`)."""

    @property
    def graph(self) -> Graph:
        """The document's named graph."""
        return self.triples.graph()

    def without_graph(self) -> Extraction:
        """A copy for another process: what a file's report needs (genre, summary, warnings, facts)
        without the graph, whose thousands of terms cost more to pickle and rebuild than to write as
        N-Triples. Its `graph` is empty."""
        return replace(self, triples=DocumentTriples(), summary_text=self.summary())

    def summary(self) -> str:
        """E.g. "1 motion (2 cited), 3 consultations, 2 statements, 5 principles, 4 persons"."""
        if self.summary_text is not None:
            return self.summary_text
        statements = self.triples
        typed: dict[Node, set[Node]] = {CG.Motion: set(), CG.Consultation: set(), CG.Statement: set(), CG.Person: set()}
        for subject, kind in statements.subject_objects(RDF.type):
            if kind in typed:
                typed[kind].add(subject)
        motions = typed[CG.Motion]
        cited = {o for link in (CG.refersTo, CG.amends) for _, o in statements.subject_objects(link)} & motions
        counts = Counter(
            consultations=len(typed[CG.Consultation]),
            statements=len(typed[CG.Statement]),
            principles=len({o for _, o in statements.subject_objects(CG.principle)}),
            persons=len(typed[CG.Person]),
        )
        own = len(motions - cited)
        parts = [_plural(own, "motion") + (f" ({len(cited)} cited)" if cited else "")]
        parts += [_plural(counts[name], name[:-1]) for name in ("consultations", "statements", "principles", "persons")]
        return ", ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def extract(
    source: SourceText, minter: UriMinter, city: str | None = None, metadata: Metadata = NO_METADATA
) -> Extraction:
    """Read one document into its graph; never refuses a readable text.

    `city` is the council's city when the document does not name it (the
    `--city` option); it must be a city the gazetteer knows. `metadata` (a
    sidecar) wins over what the text says. A text in which no paper is
    recognised is still stored as a document with its city and mentions.
    """
    text = source.text
    genre, _ = registry.best_genre(text)
    records = genre.extract(source)
    if genre is not registry.GENERIC:
        _fill_from_generic(records, registry.GENERIC.extract(source))
    _drop_empty_papers(records, text)
    _drop_session_dates(records)
    apply_metadata(records, metadata, len(text))
    _merge_same_papers(records)
    _add_printed_answer(records, text)
    _number_from_answer_heading(records, text)
    _add_oral_question(records, text)
    _reported_positions(records, text)
    _untitle_report(records, text)
    _undate_post(records, text)
    _untitle_non_subjects(records)
    _title_from_quotes(records, text)
    _asking_letter(records, text)
    _recorded_without_a_group(records, text)
    _listed_members(records, text)
    _decided_matter(records)
    _administrations_motion(records)
    decision = _home_city(source, city or metadata.city, bool(city), metadata.source_url)
    home = (
        CityRef(decision.city.slug, decision.city.name)
        if decision.city is not None
        else CityRef(UNKNOWN_CITY, "", known=False)
    )
    if not records.motions and not records.statements:
        records.warnings.append(
            "no paper (motion, inquiry, draft resolution) or statement recognised: stored as a document"
            " with its city, mentions and principles; a sidecar NAME.meta.toml can name the paper"
        )
    if decision.city is None:
        records.warnings.append(
            "no city could be determined (no letterhead, postal address, city domain or council words"
            " naming one): pass --city NAME or give city in a sidecar"
        )
    others = cities.namesakes(decision, text)
    if decision.city is not None and others:
        listed = "; ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        records.warnings.append(
            f"the city {decision.city.name} was read from its name ({decision.cue}), which may also mean"
            f" {listed}: if so, pass --city NAME or give city or source_url in a sidecar"
        )
    named = people.prose_persons(text, 0, len(text))
    for motion in records.motions:
        if not motion.cited:
            motion.principles = _own_principles(motion, records.statements, text)
            _add_named_persons(motion, named)
    credited = [*people.bylines(text, 0, len(text)), *people.credits(text)]
    members = people.signatures(text, members=True)
    _add_document_persons(records, [*members, *named, *credited, *people.attendance(text), *people.staff(text)])
    _position_from_member_list(records, members)
    _unnumbered_positions(records, text)
    places = cities.named_places(text, 0, len(text), home.slug)  # read once, taken apart for each paper
    mentioned: dict[int, list[str]] = {}
    for motion in records.motions:
        if not motion.cited:
            mentioned[id(motion)] = _city_slugs(places, motion.start, motion.end)
    for statement in records.statements:
        mentioned[id(statement)] = _city_slugs(places, statement.start, statement.end)
    # the places the whole document names, also outside every paper's text ("in Thüringen gilt das für
    # Erfurt, Jena und Arnstadt" in a report's lead); a paper keeps those of its own text
    named_places = _city_slugs(places, 0, len(text))
    document_mentions = DocumentMentions(cities=named_places)
    if records.main is None:
        document_mentions = DocumentMentions(principles.detect(text, 0, len(text)), named_places)
    builder = GraphBuilder(source, minter, home, records.genre, metadata)
    triples = builder.build(records, mentioned, document_mentions)
    extraction = Extraction(source, builder.document, triples, records.genre, _warnings(records), builder.facts)
    extraction.city_cue = decision
    extraction.papers_shown = _papers_shown(records, builder, text)
    return extraction


def _papers_shown(records: Records, builder: GraphBuilder, text: str) -> list[ExplainedFact]:
    """Why each of the document's own papers is one (`--explain`): what showed it when the papers
    without evidence were dropped, or, for a paper a later reader or the sidecar added, what shows
    it now."""
    shown: list[ExplainedFact] = []
    for motion in records.motions:
        evidence = None if motion.cited else motion.shown_by or paper_evidence(motion, text)
        if evidence is None:
            continue
        spanned = 0 <= evidence.start < evidence.end <= len(text)
        quote = text[evidence.start : evidence.end] if spanned else "(given by the sidecar)"
        start, end = (evidence.start, evidence.end) if spanned else (-1, -1)
        iri = str(builder.motion_iri(motion))
        shown.append(ExplainedFact(iri, "is a paper, shown by", evidence.value, quote, start, end))
    return shown


def _unnumbered_positions(records: Records, text: str) -> None:
    """Positions without the numbers of a list of those present run into one line."""
    for mention in _actor_mentions(records):
        if mention.position is not None and mention.position.start >= 0:
            mention.position = people.without_list_number(mention.position, text)


def _administrations_motion(records: Records) -> None:
    """A motion that only the administration's officers put forward ("ein Antrag von Bürgermeister
    Axel Clauß") is the administration's draft resolution."""
    offices = {word.casefold() for word in language.words("speech", "administration", "offices")}
    for motion in records.motions:
        if motion.cited or motion.kind is None or motion.kind.value != "motion" or not motion.submitters:
            continue
        if all(_of_the_administration(submitter, offices) for submitter in motion.submitters):
            motion.kind = Spanned("draft-resolution", motion.kind.start, motion.kind.end)


def _of_the_administration(submitter: ActorMention, offices: set[str]) -> bool:
    """Does `submitter` hold an office of the administration (speech.toml [[administration]] `offices`)?
    A department a header names as in charge ("Federführend: Fachdienst Innere Verwaltung") may
    handle a citizens' or a faction's paper, so a unit alone tells nothing."""
    position = submitter.position.value.split() if submitter.position and submitter.position.value else []
    return submitter.kind == "person" and bool(position) and position[-1].casefold() in offices


def _decided_matter(records: Records) -> None:
    """A paper of no kind that a council group puts forward is the group's motion; one that no one
    is named to have put forward and that a body treats is the matter the administration put before
    it: a draft resolution ("Der Gemeinderat hat die Haushaltssperre beschlossen" reports no one's
    motion)."""
    for motion in records.motions:
        if motion.cited or motion.kind is not None:
            continue
        group = _group_submitter(motion)
        if group is not None:
            motion.kind = Spanned("motion", group.start, group.end)
            continue
        if motion.submitters or not motion.consultations:
            continue
        treated = motion.consultations[0]
        motion.kind = Spanned("draft-resolution", treated.start, treated.end)


def _drop_session_dates(records: Records) -> None:
    """A paper's date is its own, never the date of a session it was treated in: a date that a
    reader took from where a consultation's date is printed goes."""
    for motion in records.motions:
        if motion.date is None:
            continue
        if any(c.date is not None and c.date.start == motion.date.start for c in motion.consultations):
            motion.date = None


def _add_named_persons(motion: Motion, named: list[ActorMention]) -> None:
    """Persons the paper names in passing ("Herr Stadtrat Progl") become mentions."""
    known = {m.start for m in (*motion.signatories, *motion.mentions)}
    for person in named:
        if motion.start <= person.start and person.end <= motion.end and person.start not in known:
            motion.mentions.append(person)


def _position_from_member_list(records: Records, listed: list[ActorMention]) -> None:
    """A person a faction's member list prints over its office holds that office, whatever another
    reader took for the same name ("Fokko Böden⏎Stellv. Fraktionsvorsitzender")."""
    offices = {m.start: m.position for m in listed if m.position is not None}
    mentions = [*records.named, *(m for motion in records.motions for m in motion.mentions)]
    for mention in mentions:
        if mention.kind == "person" and mention.start in offices:
            mention.position = offices[mention.start]


def _add_document_persons(records: Records, named: list[ActorMention]) -> None:
    """Persons named anywhere else in the text (the speakers of a minutes extract, a press
    release's quoted councillor) are named by the document too."""
    known = {m.start for m in _actor_mentions(records)}
    for person in named:
        if person.start not in known:
            records.named.append(person)


def _actor_mentions(records: Records) -> list[ActorMention]:
    """Every actor the records name: the papers' submitters, signatories and mentions, the
    statements' authors, signatories and mentions, and the persons named elsewhere."""
    return [
        *(m for motion in records.motions for m in (*motion.submitters, *motion.signatories, *motion.mentions)),
        *(m for s in records.statements for m in (*s.signatories, *s.mentions, *([s.author] if s.author else []))),
        *records.named,
    ]


def paper_evidence(motion: Motion, text: str) -> Spanned[str] | None:
    """What shows that the text holds a paper, the strongest first, with the span that shows it: its
    reference, its subject or, in a text of its own, its kind, a session that treats it (a report of
    what the council decides or will decide, gold guideline 12), a council group's demand or a
    report's headline on it; None where nothing does."""
    if motion.reference is not None:
        return Spanned("its reference", motion.reference.start, motion.reference.end)
    if motion.title is not None:
        return Spanned("its subject", motion.title.start, motion.title.end)
    if motion.cited:
        return None
    if motion.kind is not None:
        return Spanned("its kind", motion.kind.start, motion.kind.end)
    if motion.consultations:
        session = motion.consultations[0]
        return Spanned("a session that treats it", session.start, session.end)
    group = _demanding_group(motion)
    if group is not None:
        return Spanned("a council group's demand", group.start, group.end)
    headline = cues.reported_headline(text, motion.start, motion.end)
    return Spanned("a report's headline on it", headline.start, headline.end) if headline is not None else None


def _demanding_group(motion: Motion) -> ActorMention | None:
    """The council group whose demand a paper is, where nothing else shows it: "Die Wolfratshauser
    FDP fordert eine Live-Übertragung …" is the FDP's motion."""
    if motion.cited or motion.reference or motion.title or motion.kind:
        return None
    if any(c.result or c.votes_for for c in motion.consultations):
        return None
    return _group_submitter(motion)


def _group_submitter(motion: Motion) -> ActorMention | None:
    """The first council group among the paper's submitters."""
    return next((a for a in motion.submitters if a.kind == "faction"), None)


_HEADLINE_LINES = 5
"""In how many printed lines from the top a page's headline may stand (after a date, a category, a logo)."""
_POSTED_LINES = 8
"""How many lines from the top a post date may stand (after a headline, an author, a byline)."""


def _in_head(text: str, position: int, lines: int) -> bool:
    """Does `position` stand no lower than the page's first `lines` printed lines (empty lines and
    page chrome, a date alone among it, not counted: a news page spreads its headline, author and
    photo caption apart)?"""
    printed = cues.head(text, 0, None, limit=lines)
    return bool(printed) and position < printed[-1][1]


def _untitle_report(records: Records, text: str) -> None:
    """A report's headline is the report's, not its paper's title (guideline 12): a paper titled
    from the head of a page that reads as a report, by a headline over a lead or standing alone where
    nothing under it shows a paper, or by a question or exclamation on a page that holds none of a
    paper's own wording ("Freies WLAN im Rathaus?"), keeps no title, nor the date line beside it."""
    main = records.main
    if main is None or main.title is None or main.reference is not None or _names_its_kind(main.title, text):
        return
    head = _in_head(text, main.title.start, _HEADLINE_LINES)
    exclaimed = main.title.value.endswith(("?", "!")) and not cues.prints_a_paper(text)  # "Freies WLAN im Rathaus?"
    tagged = cues.place_tagged(main.title.value)  # "Gaildorf Die digitale Stadtbücherei": a news site's place tag
    headline = cues.headline_over_lead(text, main.title) or cues.bare_headline(text, main.title)
    if head and (exclaimed or tagged or headline or cues.reads_as_report(text)):
        main.title = None
        if main.date is not None and _in_head(text, main.date.start, _HEADLINE_LINES):
            main.date = None


def _names_its_kind(title: Spanned[str], text: str) -> bool:
    """Does the title open with its paper's kind ("Anfrage zu Bearbeitungszeiten im Bauordnungsamt")?
    Then a report prints the paper's own title (guideline 12), unless it tells what became of it
    ("Antrag der AfD abgelehnt", `cues.is_headline`)."""
    cues_at_start = lexicon.kind_cues(text, title.start, title.end)
    opens = bool(cues_at_start) and cues_at_start[0].start == title.start and text[title.start].isupper()
    return opens and not cues.is_headline(title.value)


_NUMBERED_QUESTION = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]+[^\n]*\?[ \t]*$", re.MULTILINE)


def _asking_letter(records: Records, text: str) -> None:
    """A paper whose kind only a verb showed ("online können Bürger Meldebescheinigungen beantragen") and that
    asks a numbered list of questions is an inquiry (kinds.toml [[questions_over_verb]])."""
    main = records.main
    if main is None or main.kind is None or not _kind_by_verb_only(main.kind, text):
        return
    if len(_NUMBERED_QUESTION.findall(text, main.start, main.end)) >= 2:
        main.kind = Spanned("inquiry", main.kind.start, main.kind.end)
        return
    # "Die Verwaltung wird beauftragt, … Fördermittel zu beantragen" under a Vorlage's sections
    section = papers.vorlage_section(main, text)
    if section is not None and all(submitter.kind == "unit" for submitter in main.submitters):
        main.kind = Spanned("draft-resolution", section.start, section.end)


def _listed_members(records: Records, text: str) -> None:
    """A head that lists the members who put the paper forward and their groups ("Antrag
    Stadtrats-Mitglieder A, B (Fraktion X) vom 15.4.2025"): the members sign it, the groups submit
    it, on the date it prints."""
    main = records.main
    if main is None:
        return
    listed = cues.member_list(text, main.start, main.end)
    if listed.signatories and not main.signatories:
        main.signatories = listed.signatories
    if listed.submitters:
        main.submitters = listed.submitters
    if listed.date and not main.date:
        main.date = listed.date


def _recorded_without_a_group(records: Records, text: str) -> None:
    """A paper of no printed kind whose decision the text records under a label ("Beschluss:",
    "Beratungsergebnis: einstimmig beschlossen") and that no council group or member put forward
    is the administration's draft resolution: minutes record decisions on what the administration
    laid before the body. Where the text names no paper at all, the recorded decision is one on such
    a draft resolution, untitled."""
    main = records.main
    if main is None and not records.statements:
        recorded = decisions.read(text, 0, len(text))
        if recorded is not None:  # "Beschluss: Die Verwaltung wird beauftragt, …": the decision on a paper
            span = recorded.consultation
            paper = Motion(0, len(text), kind=Spanned("draft-resolution", span.start, span.end))
            paper.consultations.append(recorded.consultation)
            records.motions.insert(0, paper)
        return
    if main is None or main.kind is not None or main.submitters:
        return
    recorded = decisions.read(text, main.start, main.end)
    if recorded is not None:
        span = recorded.consultation
        main.kind = Spanned("draft-resolution", span.start, span.end)


def _kind_by_verb_only(kind: Spanned[str], text: str) -> bool:
    """Did only a verb ("beantragt") show the paper to be a motion (kinds.toml [[questions_over_verb]])?"""
    verbs = {v.lower() for v in language.words("kinds", "questions_over_verb", "verbs")}
    return kind.value == "motion" and text[kind.start : kind.end].lower() in verbs


def _title_from_quotes(records: Records, text: str) -> None:
    """A paper no heading or label titles takes the quoted subject a sentence names it with
    ("unseren Antrag „Beitritt Gigabitregion FrankfurtRheinMain“"), also where its number is printed
    beside the quote ("„…“ (A0554/19)"). A title a sentence gives in words ("Unter dem Titel „…“ haben
    die Grünen folgenden Antrag gestellt") wins over a title read above it, a page's headline."""
    main = records.main
    if main is None:
        return
    titled = cues.titled(text, main.start, main.end)
    if titled is not None and (main.title is None or main.title.start < titled.start):
        main.title = titled  # the paper's title in words wins over a page's headline
    elif main.title is None:
        main.title = cues.quoted_title(text, main.start, main.end, main.kind.value if main.kind else None)


def _undate_post(records: Records, text: str) -> None:
    """A date alone on a line at the head of a page, with no addressee or greeting after it, is the
    date a website posted the page, not its paper's (guideline 12; dating.toml [[posted]]); a
    letter's date line stands above its addressee ("23. Mai 2019⏎⏎An Herrn Oberbürgermeister …")."""
    main = records.main
    if main is None or main.date is None or main.reference is not None:
        return
    ls, le = line_bounds(text, main.date.start)
    before = text[ls : main.date.start].strip(" \t–-•,.")
    weekday = before in language.words("dating", "posted", "weekdays")  # "Do, 27. Juli 2017"
    alone = (not before or weekday) and not text[main.date.end : le].strip(" \t–-•")
    if text.count("\n", 0, ls) > _POSTED_LINES:
        return
    dateline = _DATELINE.fullmatch(text, ls, main.date.start) and _AFTER_DATELINE.match(text, main.date.end)
    if not (alone or dateline):
        return
    following = text[le:].lstrip()
    if cues.opens_a_letter(following) or cues.opens_a_letter(_after_kind_line(following)):
        return  # "18. November 2022⏎⏎Anfrage der Grünen Fraktion zur …⏎⏎Sehr geehrte Frau Hein,": the letter's date
    if _dates_a_paper_elsewhere(text, main.date):
        return
    main.date = None


def _after_kind_line(text: str) -> str:
    """`text` after its first line, where that line opens with a kind of paper ("Anfrage der …")."""
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    named = lexicon.kind_cues(text, 0, first_end)
    return text[first_end:].lstrip() if named and named[0].start == 0 else ""


# a report's dateline, its place (or weekday) and date before a dash and the first sentence on the same
# line: "Bonn, 30. Januar 2026 - Vor der kommenden Ratssitzung …", "Donnerstag, 21.03.2024 - Jahrgang 16"
_DATELINE = re.compile(r"[ \t]*[A-ZÄÖÜ][\wäöüß.()/ -]{1,40},[ \t]*")
_AFTER_DATELINE = re.compile(r"[ \t]+[-–][ \t]+\S")


def _dates_a_paper_elsewhere(text: str, day: Spanned[date]) -> bool:
    """Is the same day printed again where it dates a paper by its kind word ("26.06.2023: Antrag
    des BG Mittag …")? Then the date at the head is the paper's, as a faction's list prints it."""
    for other in find_dates(text, 0, len(text)):
        if other.value != day.value or other.start == day.start:
            continue
        after = _KIND_AFTER_DATE.match(text, other.end)
        if after is None:
            continue
        kinds = lexicon.kind_cues(text, after.end(), min(len(text), after.end() + 40))
        if kinds and kinds[0].start == after.end():
            return True
    return False


_KIND_AFTER_DATE = re.compile(r"[ \t]*:[ \t]*")


def _untitle_non_subjects(records: Records) -> None:
    """A council's or an administration's name with its place is no paper's subject, though a line
    under a label may print it ("Gremium: Gemeindevertretung Warnow", "Amt Bornhöved"); nor is a
    section's, a column's or a page's heading or a signature (`cues.is_no_subject`), nor the heading
    of question time."""
    for motion in records.motions:
        if motion.title is None:
            continue
        title = motion.title.value
        if bodies.is_a_body_or_administration(title) or cues.is_no_subject(title) or lexicon.is_question_time(title):
            motion.title = None


def _own_principles(motion: Motion, statements: list[Statement], text: str) -> list[PrincipleMention]:
    """The principles a paper's own text asks for: not those of the answers given on it inside its
    span (a question asked aloud and the reply the minutes record after it)."""
    answers = sorted(
        (max(s.start, motion.start), min(s.end, motion.end))
        for s in statements
        if any(about is motion for about in s.about) and s.start < motion.end and s.end > motion.start
    )
    found: dict[str, PrincipleMention] = {}
    if motion.title is not None and motion.title.end <= len(text):  # the subject is the paper's own words
        for mention in principles.detect(text, motion.title.start, motion.title.end):
            found.setdefault(mention.concept, mention)
    position = motion.start
    for answer_start, answer_end in [*answers, (motion.end, motion.end)]:
        if answer_start > position:
            for mention in principles.detect(text, position, answer_start):
                found.setdefault(mention.concept, mention)
        position = max(position, answer_end)
    return list(found.values())


def _drop_empty_papers(records: Records, text: str) -> None:
    """Papers with neither reference nor subject go, and with them what pointed to them; each paper
    kept records what showed it (`Motion.shown_by`, printed by `--explain`)."""
    for motion in records.motions:
        motion.shown_by = paper_evidence(motion, text)
    kept = [m for m in records.motions if m.cited or m.shown_by is not None]
    for motion in kept:
        group = _demanding_group(motion)
        if group is not None:
            motion.kind = Spanned("motion", group.start, group.end)
    ids = {id(m) for m in kept}
    for motion in kept:
        motion.amends = [m for m in motion.amends if id(m) in ids]
        motion.refers_to = [m for m in motion.refers_to if id(m) in ids]
    for statement in records.statements:
        statement.about = [m for m in statement.about if id(m) in ids]
    orphans = [s for s in records.statements if not s.about]
    if orphans:  # also those a reader found with no paper at all: a statement is always about one
        records.warnings.append(
            f"{len(orphans)} statement(s) left out: the paper they answer has no reference or subject"
        )
    records.statements = [s for s in records.statements if s.about]
    records.motions = kept


_ANSWERED_KINDS = frozenset({"inquiry", "motion", "amendment"})


def _add_printed_answer(records: Records, text: str) -> None:
    """An inquiry printed with its answer ("… und Antwort des Senats"), a motion printed with the
    administration's position on it ("Stellungnahme der Verwaltung:"), carries a statement on it; so
    does a paper of no known kind that prints the position as a heading ("Die Verwaltung⏎nimmt wie
    folgt Stellung:")."""
    main = records.main
    if main is None or (main.kind is not None and main.kind.value not in _ANSWERED_KINDS):
        return
    if any(main in s.about for s in records.statements):
        return
    answer = statements.answer(text, 0, len(text), main, headed=main.kind is None or main.kind.value != "inquiry")
    if answer is not None:
        records.statements.append(answer)
        signed = {(m.start, m.end) for m in answer.signatories}
        main.signatories = [m for m in main.signatories if (m.start, m.end) not in signed]


_NUMBER_AND_DATE = re.compile(r":[ \t]*(?P<number>\S+)[ \t]+vom[ \t]+(?P<date>[^\n]{6,20})")


def _number_from_answer_heading(records: Records, text: str) -> None:
    """An answer headed with the number of what it answers and its own date ("Antwort des
    Bezirksamts Neukölln: KA/372/XXI vom 26.02.2026"): the number is the inquiry's, where nothing
    else numbered it, and the date the answer's."""
    for statement in records.statements:
        ls, le = line_bounds(text, statement.start)
        m = _NUMBER_AND_DATE.search(text, ls, le)
        number = cues.BARE_REFERENCE.fullmatch(m.group("number")) if m is not None else None
        if m is None or number is None:
            continue
        paper = statement.about[0] if len(statement.about) == 1 else None
        if paper is not None and paper.reference is None:
            paper.reference = Spanned(m.group("number"), m.start("number"), m.end("number"))
        dates = find_dates(text, m.start("date"), m.end("date"))
        if statement.date is None and dates and dates[0].start == m.start("date"):
            statement.date = dates[0]


def _add_asker(main: Motion | None, answers: list[Statement], text: str) -> None:
    """An inquiry of no submitter whose answers a reader found already: the one the minutes record
    asking it before the first answer ("Herr StR Winkler fragt an, ob …") submitted it."""
    if main is None or main.submitters:
        return
    # a record of no kind that only took note ("Beschluss: zur Kenntnis genommen" over the members'
    # questions and the answers to them) is the first question's
    noted = main.kind is None and all(c.result is None or c.result.value == "noted" for c in main.consultations)
    if not noted and (main.kind is None or main.kind.value != "inquiry"):
        return
    found = questions.oral_question(text, main.start, main.end)
    if found is not None and found.question.speaker is not None and found.question.end <= min(s.start for s in answers):
        main.submitters = [found.question.speaker]
        if noted:
            main.kind = questions.asking_word(found)
            for consultation in main.consultations:  # a question is answered, not decided
                consultation.role = Spanned("acknowledgement", consultation.start, consultation.end)


def _add_oral_question(records: Records, text: str) -> None:
    """Minutes that record a question asked aloud and its answer, and no paper: the question is
    an inquiry by the asker, the answer a statement on it by the one who answered."""
    main = records.main
    if records.statements:
        _add_asker(main, records.statements, text)  # the answers read already: who asked is the inquiry's submitter
        return
    if main is not None and (main.reference or (main.title and main.submitters)):
        return  # a paper of its own; an agenda item's subject alone may head the question asked on it
    found = questions.oral_question(text, main.start, main.end) if main is not None else questions.oral_question(text)
    if found is None:
        return
    kind = main.kind if main is not None else None
    if kind is not None and kind.start < found.question.start and kind.value != "inquiry":
        return  # a kind word before the question heads a paper; one after it is in what was said
    if main is not None and main.title is not None and kind is not None and kind.value == "draft-resolution":
        return  # a question asked in the debate on the administration's titled paper: the paper stays its
    if main is None:
        main = Motion(0, len(text))
        main.consultations = decisions.header_session(text)  # the session the extract's header names
        records.motions.insert(0, main)
    elif main.kind is None:
        for consultation in main.consultations:  # a question is not decided: a role only inferred goes
            if consultation.role is not None and consultation.role.value == "decision" and consultation.result is None:
                consultation.role = None
    main.kind = questions.asking_word(found)
    if found.question.speaker is not None and not main.submitters:
        main.submitters = [found.question.speaker]
    main.title = main.title or cues.asked_topic(text, found.question.start, min(len(text), found.question.end + 300))
    for answer in (found.answer, *found.further_answers):
        if answer is not None and answer.speaker is not None:
            records.statements.append(Statement(start=answer.start, end=len(text), about=[main], author=answer.speaker))


@cache
def _administration_speaking() -> re.Pattern[str]:
    """An office or the administration, perhaps its holder's name, then a verb of answering or
    explaining (speech.toml [[administration]]), at a sentence's start or after an article, a
    town's adjective or "laut" ("laut Heringens Bürgermeister Maik Schröter")."""
    offices = lexicon.alternatives(language.words("speech", "administration", "offices"))
    verbs = lexicon.alternatives(language.words("speech", "administration", "verbs"))
    lead = r"\b(?:[Dd]er|[Dd]ie|[Ll]aut)[ \t]+(?:[A-ZÄÖÜ]\w+(?:er|s)[ \t]+)?|^|(?<=[.!?:][ \t])"
    holder = r"(?:[ \t]+(?:Dr\.[ \t]+)?[A-ZÄÖÜ][\w-]+){0,3}"
    return re.compile(
        rf"(?:{lead})(?P<office>{offices}){holder}[ \t]+(?:{verbs}){lexicon.WORD_EDGE_AFTER}", re.MULTILINE
    )


def _reported_positions(records: Records, text: str) -> None:
    """A report that tells the administration answering or explaining on its paper ("Bürgermeister
    Schäfer erklärt zur Rettungswache, dass …") records a statement by that office, one per office,
    where nothing else records one (gold guideline 7: the author is the office as printed)."""
    main = records.main
    if main is None or any(main in s.about for s in records.statements) or cues.prints_a_paper(text):
        return
    seen: set[str] = set()
    for m in _administration_speaking().finditer(text, main.start, main.end):
        office = m.group("office")
        if office not in seen:
            seen.add(office)
            author = actors.unit(office, m.start("office"), m.end("office"))
            records.statements.append(Statement(start=m.start(), end=m.end(), about=[main], author=author))


def _merge_same_papers(records: Records) -> None:
    """A cited paper with the reference of the document's own paper is that paper."""
    main = records.main
    if main is None or main.reference is None:
        return
    same = [m for m in records.motions if m is not main and m.same_paper(main.reference.value)]
    if not same:
        return
    ids = {id(m) for m in same}
    records.motions = [m for m in records.motions if id(m) not in ids]
    for motion in records.motions:
        motion.amends = [main if id(m) in ids else m for m in motion.amends if m is not main or motion is not main]
        motion.refers_to = [m for m in motion.refers_to if id(m) not in ids and m is not motion]
    for statement in records.statements:
        statement.about = [main if id(m) in ids else m for m in statement.about]


def _fill_from_generic(records: Records, generic: Records) -> None:
    """The generic reader fills what the genre left empty, from the same part of the text only."""
    main, other = records.main, generic.main
    if main is None or other is None:
        if not records.motions and not records.statements:
            records.motions, records.statements = generic.motions, generic.statements
            records.genre = generic.genre
        return
    inside = Motion(start=main.start, end=main.end)
    for name in ("kind", "reference", "title", "date", "resolution_text", "justification_text"):
        value = getattr(other, name)
        if value is not None and main.start <= value.start < main.end:
            setattr(inside, name, value)
    for name in ("submitters", "signatories"):
        setattr(inside, name, [m for m in getattr(other, name) if main.start <= m.start < main.end])
    inside.consultations = [c for c in other.consultations if main.start <= c.start < main.end]
    if _dated(inside.consultations) > _dated(main.consultations):
        main.consultations = inside.consultations  # a flattened table read better than the genre's
    fill(main, inside)


def _dated(consultations: list[Consultation]) -> int:
    return sum(c.date is not None and c.body is not None for c in consultations)


def _home_city(
    source: SourceText, given: str | None, from_option: bool, source_url: str | None = None
) -> cities.CityDecision:
    decision = cities.decide(source.text, given, source.path.parent.name, source_url)
    if given and decision.city is None:
        where = "--city" if from_option else "the sidecar's field 'city'"
        raise ExtractionError(
            str(source.path),
            f"the city {given!r} ({where}) is not in the gazetteer; give a German municipality's name"
            " as spelled in ontology/gazetteer.ttl (e.g. 'Halle (Saale)', 'München').",
        )
    return decision


def _city_slugs(places: list[tuple[str, CityMention]], start: int, end: int) -> list[str]:
    slugs = []
    for mention in cities.once_each(places, start, end):
        slug = cities.slug_of(mention)
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def _warnings(records: Records) -> list[str]:
    warnings = list(records.warnings)
    main = records.main
    if main is not None:
        for name, what in (
            ("reference", "reference"),
            ("date", "date"),
            ("title", "subject line"),
            ("kind", "kind of paper"),
        ):
            if getattr(main, name) is None:
                warnings.append(f"no {what} found for the paper")
        if not main.submitters:
            warnings.append("no submitter found for the paper")
    for statement in records.statements:
        if statement.author is None:
            warnings.append(f"a statement at offset {statement.start} has no recognisable author")
    return warnings
