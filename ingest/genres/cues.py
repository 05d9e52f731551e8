"""What a paper says about itself when no labelled header does: the kind words of its first
lines, a title line, the factions that put it forward, the sessions it is meant for.

Faction websites, letters and minutes extracts print no `Betreff:`; these readers find the same
facts in the wording councils use ("Antrag der Fraktionen A und B", "stellen … folgende Anfrage",
"auf die Tagesordnung des Rates am 23.05.2019"), from the language files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache, lru_cache
from itertools import islice

from ingest import actors, language
from ingest.dates import DATE_PATTERN, MONTHS, find_dates
from ingest.genres import city, people
from ingest.genres.fields import (
    BARE_REFERENCE,
    BODY_WORD,
    INITIATOR_LABELS,
    SUBMITTER_LABELS,
    any_reference_at,
    factions_in,
    is_label_line,
    labelled_value,
    labels,
    listed_parties,
    lists_kinds,
    with_the_field_below,
)
from ingest.language import bodies, groups, lexicon, parties
from ingest.language import words as listed_words
from ingest.language.lexicon import KindCue
from ingest.records import ActorMention, Consultation, Motion, Spanned
from ingest.text import cells, clean, first_lines, iter_lines, line_bounds, sentence_bounds, trim

HEAD_LINES = 14
"""How many non-chrome lines make a document's head."""

_SALUTATION = re.compile(r"^(?:Sehr\s+geehrte|Liebe[rs]?\b|Hallo\b|Guten\s+Tag|An\s+(?:den|die|Herrn|Frau)\b)")
_LABEL_START = re.compile(r"^[\w\- .()/äöüÄÖÜß]{1,40}:(?!\d)")
_DATE_OF_THE_TITLE = re.compile(r"\bvom$")
_OPENING_SUBJECT_WORDS = 6  # "papierlose Sitzungsunterlagen": a page's first line may open in lower case
_TRAILING_WORD = re.compile(
    r"\b(?:für|der|die|das|des|den|dem|und|oder|von|vom|zu|zur|zum|mit|im|in|an|am|auf|bei|beim|aus|nach|über|vor)$",
    re.I,
)
_HEAD_STOPPER = re.compile(
    r"^(?:TOP\b|Beschluss|Abstimmung|Datum|(?:(?:Nicht\s?)?[Öö]ffentliche\s+)?Sitzung|Stadt\s|Gemeinde\s)"
)
_RIS_PREFIX = re.compile(r"(?:Auszug|Vorlage|Drucksache|Beschlussvorlage|Mitteilung|Tagesordnungspunkt)\s+[-–]\s+")
_INLINE_LABEL = re.compile(r"\s+[\wäöü]+:\s")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
_STATEMENT_HEAD = re.compile(r"^(?:Antwort|Stellungnahme|Beantwortung|Mitteilung)\b")
_TITLE_CUT = re.compile(
    r"\s+(?:\(\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|\d)[^)]*\)"
    r"|\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b.*"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4}.*)$"
)
_FACTION_NOUN = groups.noun()
_FACTION_NOUN_PATTERN = re.compile(_FACTION_NOUN)
_PHRASE_STOP = re.compile(
    r"\s+am\s+\d|\s+(?:Nr\.?|Nummer)\s*(?=\d)|\s+(?:als|vom|per|zur|zum|zu|betreffend|bezüglich|hinsichtlich|wegen|für\s+(?:die|den|das)|im\s+(?:[A-ZÄÖÜ]\w+\s+)?(?:[A-ZÄÖÜ][\w\-]*(?:ausschuss|rat)|Rat)\b|in\s+der\s+Sitzung|an\s+den|an\s+die"
    r"|folgenden?|bittet|bitten|beantragt|beantragen|stellt|stellen|hat|haben|wird|werden|wurde|wurden|möge|mögen|fragt|fragen)\b"
    r"|\s+[-–]\s(?!Fraktion)|[(\[:;\"„“]|(?<!,)(?<!, )\n|(?<!\bDr)(?<!\bProf)(?<!\bstellv)(?<!\b[A-ZÄÖÜ])\.(?:\s|$)"
)
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:und\s+)?|\s+(?:und|sowie)\s+")
_LEADING_ARTICLE = re.compile(r"^(?:der|die|den|des|dem|von|unsere|unserer)\s+", re.I)


def head(text: str, start: int = 0, end: int | None = None, limit: int = HEAD_LINES) -> list[tuple[int, int]]:
    """The first `limit` lines of `text[start:end]` that are not empty and not page chrome."""
    return list(islice(shown_lines(text, start, end), limit))


def shown_lines(
    text: str, start: int = 0, end: int | None = None, chars: str | None = None
) -> Iterator[tuple[int, int]]:
    """The lines of `text[start:end]` that are not empty and not page chrome, one at a time, each
    trimmed (of `chars`, where given, else of white space and markup)."""
    for ls, le in iter_lines(text, start, len(text) if end is None else end):
        s, e = trim(text, ls, le) if chars is None else trim(text, ls, le, chars)
        if s < e and not lexicon.is_chrome(text[s:e]):
            yield s, e


def kind(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The kind of paper: the first kind word of the head, else the strongest cue of the body,
    else a plural of the head ("Anträge" as a post's category)."""
    lines = [(s, e) for s, e in head(text, start, end) if not lists_kinds(text, s, e)]
    plural = None
    moved_aloud = False
    for s, e in lines:
        for cue in lexicon.kind_cues(text, s, e):
            if _applies_for_funds(text, cue.start, cue.end) or _denied(text, cue.start):
                continue
            if _aloud(text, cue):
                moved_aloud = True
                continue
            if moved_aloud and _ARTICLE_BEFORE_NOUN.search(text, max(s, cue.start - 12), cue.start):
                continue  # "Der Antrag wird mit 5 gegen 40 Stimmen abgelehnt": the one moved aloud
            if text[cue.start : cue.end].casefold() not in _LIST_HEADINGS:
                return Spanned(cue.kind, cue.start, cue.end)
            if not text[s : cue.start].strip(" \t•*·–-"):  # "• Anträge, Bär": a post's category
                plural = plural or Spanned(cue.kind, cue.start, cue.end)
    stop = len(text) if end is None else end
    cues = [
        c
        for c in lexicon.kind_cues(text, start, stop)
        if (c.words >= 2 or _strong(text[c.start : c.end]))
        and not _applies_for_funds(text, c.start, c.end)
        and not _aloud(text, c)
        and not _denied(text, c.start)
    ]
    if not cues:
        return plural
    strongest = max(cues, key=lambda c: (c.words, -c.start))
    return Spanned(strongest.kind, strongest.start, strongest.end)


_DENIAL = re.compile(r"\b[Kk]ein(?:e[nmrs]?)?\s+(?:[a-zäöüß]+\s+)?\Z")


def _denied(text: str, start: int) -> bool:
    """ "Sie stellte keinen Antrag, sie fragte …": the kind word the sentence denies names no paper."""
    return _DENIAL.search(text, max(0, start - 30), start) is not None


def letter_kind(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """A letter to an office holder ("Sehr geehrter Herr Bürgermeister,") that asks for a
    resolution ("Die Verwaltung wird beauftragt …") is a motion, one that asks questions and for no
    resolution an inquiry, though it names no kind."""
    stop = min(len(text) if end is None else end, start + _LETTER_REACH)
    lines = [text[s:e] for s, e in iter_lines(text, start, stop)]
    addressed = any(_SALUTATION.match(line.strip()) and _addresses_an_office(line) for line in lines)
    if not addressed:
        return None
    asked = _RESOLUTION_OPENING.search(text, start, stop)
    if asked is not None:
        return Spanned("motion", asked.start(), asked.end())
    questions = list(_QUESTION.finditer(text, start, stop))
    if len(questions) >= _QUESTIONS_OF_AN_INQUIRY:
        return Spanned("inquiry", questions[0].start(), questions[0].end())
    return None


_QUESTION = re.compile(r"[^\n.?!]{12,}\?")
_QUESTIONS_OF_AN_INQUIRY = 2


_LETTER_REACH = 1500


def _addresses_an_office(line: str) -> bool:
    return any(word.strip(",") in lexicon.office_words(position_only=True) for word in line.split())


_LIST_HEADINGS = frozenset({"anträge", "anfragen"})
""" "Anträge zur 17. Stadtratssitzung": a plural heads a list of papers, it is no paper's kind."""
_STRONG_SINGLE = frozenset(
    {"beantragt", "beantragen", "antragsteller", "antragstellerin", "fragesteller", "fragestellerin"}
)


@cache
def _application() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    funds = lexicon.alternatives(language.words("kinds", "application"))
    applicants = lexicon.alternatives(language.words("kinds", "application", "applicants"))
    return (
        re.compile(rf"(?:\s+\S+){{0,8}}?\s+(?:{funds})\b"),
        re.compile(r"\bzu\s+$"),
        re.compile(rf"^\s*(?:Der|Die|Das)\s+(?:{applicants})\s"),
    )


def _applies_for_funds(text: str, start: int, end: int) -> bool:
    """ "Fördermittel des Bundes zu beantragen", "einen Antrag auf Gewährung einer Zuwendung":
    an application to an authority, not a council paper (kinds.toml [[application]])."""
    funds, infinitive, applicant = _application()
    before = text[max(0, start - 80) : start]
    sentence_before = before[max(before.rfind("."), before.rfind("\n")) + 1 :]
    return bool(funds.match(text, end) or infinitive.search(text, max(0, start - 4), start)) or bool(
        funds.search(sentence_before) or applicant.match(sentence_before) or _PASSIVE_AFTER.match(text, end)
    )


@cache
def _answered_aloud() -> re.Pattern[str]:
    verbs = lexicon.alternatives(language.words("kinds", "answered_aloud", "verbs"))
    return re.compile(rf"(?<![\wäöüß])(?:{verbs})[ \t]+(?:\w+[ \t]+)?$")


def _aloud(text: str, cue: KindCue) -> bool:
    """A motion moved or a question answered in the session the minutes record, not the kind of
    the paper the record is about (kinds.toml [[moved_aloud]], [[answered_aloud]])."""
    if cue.kind == "motion":
        return _moved_aloud(text, cue.start, cue.end)
    if cue.kind == "inquiry" and text[cue.start : cue.end].casefold().startswith("auf "):
        return _answered_aloud().search(text, max(0, cue.start - 30), cue.start) is not None
    return False


@cache
def _moved_aloud_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    persons = lexicon.alternatives(lexicon.office_words())
    before = lexicon.alternatives(language.words("kinds", "moved_aloud", "before"))
    return (
        re.compile(rf"(?<![\wäöüß])(?:{persons})(?![\wäöüß])"),
        re.compile(rf"(?:{before})[ \t]+$"),
    )


def _moved_aloud(text: str, start: int, end: int) -> bool:
    """ "Herr StR Dr. Moll beantragt, …", "Stadträtin Bezold stellt den Antrag, …": a member's motion
    in the session the minutes record, not the kind of the paper (kinds.toml [[moved_aloud]])."""
    if not re.match(r"[ \t]*,", text[end : end + 4]):
        return False
    person, verb_before = _moved_aloud_patterns()
    s, _ = sentence_bounds(text, start, max(0, start - 200), end)
    subject = text[s:start]
    if text[start].isupper() and verb_before.search(subject) is None:
        return False  # the kind word itself, not "stellt den Antrag"
    return person.search(subject) is not None and _FACTION_NOUN_PATTERN.search(subject) is None


# "Dabei sollen die Mittel für … beantragt werden": what the administration is to apply for
_PASSIVE_AFTER = re.compile(r"[ \t]+(?:werden|worden)\b")


_ARTICLE_BEFORE_NOUN = re.compile(r"\b(?:[Dd]er|[Dd]en|[Dd]em|[Dd]iese[mnr]?|[Ee]ine[mn]?(?:[ \t]+\w+)?)[ \t]+$")


def _strong(word: str) -> bool:
    """A single word that names the paper's kind wherever it stands (not just "Antrag")."""
    return word.casefold() in _STRONG_SINGLE


@cache
def _own_text() -> re.Pattern[str]:
    (entry,) = language.entries("chrome", "report")
    phrases = lexicon.alternatives(tuple(entry["own_text"]))
    labels = lexicon.alternatives(tuple(entry["own_labels"]))
    return re.compile(rf"(?:{phrases})|^[ \t*#]*(?:{labels})[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)


def opens_a_letter(text: str) -> bool:
    """Does `text` open with a letter's addressee or greeting ("An Herrn Oberbürgermeister", "Sehr geehrte")?"""
    return _SALUTATION.match(text) is not None


_PLACE_TAG = re.compile(r"(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)[ \t]+(?=[A-ZÄÖÜ„\"])")


def place_tagged(line: str) -> bool:
    """A news site's headline after the town it files from ("Gaildorf Die digitale Stadtbücherei",
    "Kevelaer „Geheimsache Glasfaser“ wird öffentlich"): a municipality's name, then a capital or a quote."""
    m = _PLACE_TAG.match(line.strip())
    return m is not None and city.resolve(m.group("place")) is not None and not parties.find(line, 0, m.end())


@lru_cache(maxsize=4)
def prints_a_paper(text: str) -> bool:
    """Does the page hold a paper's own wording (chrome.toml [[report]] `own_text`)? Asked of one
    text by several readers; read once."""
    return _own_text().search(text) is not None


def reads_as_report(text: str) -> bool:
    """Does the page report on a paper rather than print it: it quotes people, opens with a
    dateline, names its author or credits a photo, and holds none of a paper's own wording
    (chrome.toml [[report]])?"""
    if prints_a_paper(text):
        return False
    if _byline_or_credit().search(text, 0, _REPORT_MARK_REACH):
        return True
    return bool(people.speakers(text)) or city.dateline_city(text) is not None


_REPORT_MARK_REACH = 1500
"""How far into a page its byline or first photo credit is printed."""


@cache
def _byline_or_credit() -> re.Pattern[str]:
    (entry,) = language.entries("chrome", "report")
    bylines = lexicon.alternatives(tuple(entry["bylines"]))
    credits = lexicon.alternatives(listed_words("names", "credit", "labels"))
    name = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?:[ \t]+[A-ZÄÖÜ][a-zäöüß\-]+){1,2}"
    return re.compile(rf"^[ \t]*(?:{bylines})[ \t]+{name}[ \t]*$|(?<!\w)(?:{credits})[ \t]*:[ \t]*\S", re.MULTILINE)


def headline_over_lead(text: str, title: Spanned[str]) -> bool:
    """Is `title` the page's first line, naming no kind of paper, with a paragraph of running text
    under it ("Keine Internet-Hotspots in Mendener Schulen⏎Die Stadtverwaltung lehnt … ab.")? A
    paper's own subject is followed by its kind, a salutation, a label or its request."""
    lines = head(text, 0, None, limit=2)
    if len(lines) < 2 or not lines[0][0] <= title.start < lines[0][1]:
        return False
    if lexicon.kind_cues(text, *lines[0]) or _AGENDA_ITEM.fullmatch(text, *lines[0]):
        return False  # "TOP 1: Projektstart – Glasfaser für Telgte": an agenda item's subject
    return _is_prose(text[slice(*lines[1])]) and not prints_a_paper(text)


_UNDER_HEADLINE_LINES = 3
"""How many lines under a page's first line its paper shows itself: a kind line, a request, a resolution."""
_HEADER_LINES = 20
"""How many lines from the top an information system prints its header fields."""


def bare_headline(text: str, title: Spanned[str]) -> bool:
    """Is `title` a line of a page's head standing alone, on a page that prints none of a paper's
    own wording (`prints_a_paper`), no kind of paper from the top to the lines under it, no request,
    resolution or addressee under it and no header field of an information system ("Beratungsfolge")?
    Then it is the page's headline ("Stadträte treffen aufeinander"), no paper's subject (guideline 12)."""
    line_start, _ = line_bounds(text, title.start)
    if text[line_start : title.start].strip() or prints_a_paper(text):
        return False
    under = head(text, title.end, None, limit=_UNDER_HEADLINE_LINES)
    reach = under[-1][1] if under else title.end
    lines = [(s, e) for s, e in shown_lines(text, 0, reach) if not _is_prose(text[s:e])]
    if any(lexicon.kind_cues(text, s, e) for s, e in lines):
        return False  # "Antrag der CSU-Fraktion": a kind line; a sentence of a report naming the motion is none
    if any(
        _RESOLUTION_OPENING.search(text, s, e) or _opens_with_a_resolution(text, s, e) or _SALUTATION.match(text[s:e])
        for s, e in under
    ):
        return False
    return not any(is_label_line(text, s, e) for s, e in head(text, 0, None, limit=_HEADER_LINES))


def reported_headline(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The first headline of a report (`is_headline`), where nothing else names its paper."""
    for s, e in head(text, start, end, limit=6):
        line = text[s:e]
        if _SALUTATION.match(line) or _STATEMENT_HEAD.match(line):
            return None
        if is_headline(line) and not _is_prose(line) and not line.rstrip().endswith("."):
            value = clean(line).strip(" -–:,;")
            return Spanned(value, s, s + len(value)) if value else None
    return None


def shown_item_heading(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The heading of an agenda item's page, whole as printed, where the page names next the session it
    is shown from ("Antrag Bündnis 90/ Die Grünen: Aufstellen eines Bücherschrankes⏎⏎Daten angezeigt aus
    Sitzung: …", labels.toml field "session"): the item's title, its kind and submitter with it."""
    lines = [(s, e) for s, e in first_lines(text, start, end, 4) if text[s:e].strip()]
    if len(lines) < 2 or not _shown_from().match(text, *lines[1]):
        return None
    s, e = trim(text, *lines[0])
    value = clean(text[s:e]).rstrip(";, ")
    return Spanned(value, s, s + len(value)) if len(value.split()) >= 2 and not _shown_from().match(value) else None


@cache
def _shown_from() -> re.Pattern[str]:
    return re.compile(rf"[ \t]*(?:{lexicon.alternatives(labels('session'))})[ \t]*:")


def title(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """A web page's or letter's subject: its first line, where that reads as a title.

    A title is a short line that is no label, salutation, kind line ("Antrag der …"),
    statement heading, person's name or sentence; a kind word inside it ("… Kleine Anfrage vom …")
    and a trailing date end it. A subject quoted after the reference ("0120/XIX \"OpenData für die
    BVV\"") comes first.
    """
    mirrored = file_heading(text, start, end) or shown_item_heading(text, start, end)
    if mirrored is not None:
        return mirrored
    numbered = reference_line(text, start, end)
    if numbered is not None and numbered[1] is not None:
        return numbered[1]
    labelled_inline = inline_subject(text, start, end)
    if labelled_inline is not None:
        return labelled_inline
    lines = head(text, start, end, limit=6)
    verdicts: dict[int, Spanned[str] | _Verdict] = {}

    def verdict(index: int) -> Spanned[str] | _Verdict:
        """Each head line judged once, whichever reading asks first."""
        if index not in verdicts:
            verdicts[index] = _head_line_title(text, *lines[index], index)
        return verdicts[index]

    anchored = _above_the_kind_line(text, lines, verdict)
    if anchored is not None:
        return anchored
    for index in range(len(lines)):
        found = verdict(index)
        if found is _STOP:
            return None
        if isinstance(found, Spanned):
            return found
    return None


class _Verdict(Enum):
    SKIP = "no subject: the next line may be one"
    STOP = "the text has begun: no later line is a subject"


_SKIP, _STOP = _Verdict.SKIP, _Verdict.STOP


def _above_the_kind_line(
    text: str, lines: list[tuple[int, int]], verdict: Callable[[int], Spanned[str] | _Verdict]
) -> Spanned[str] | None:
    """The subject printed right above the head's kind line that names no subject ("Einführung einer
    Katzenschutzverordnung ⏎ Antrag der Fraktion von BÜNDNIS 90/DIE GRÜNEN"): the lines above it are
    the page's banner ("Ortsverband Oberursel"), not the paper's subject."""
    for index, (s, e) in enumerate(lines):
        cues = lexicon.kind_cues(text, s, e)
        kind_line = bool(cues) and _KIND_LEAD.fullmatch(text, s, cues[0].start) is not None
        if not kind_line:
            continue
        heads_a_list = text[cues[0].start : cues[0].end].casefold() in _LIST_HEADINGS
        if heads_a_list or lists_kinds(text, s, e) or text[s:e].endswith(":"):
            continue  # "Anträge der CDU-Fraktion": the heading of a page that lists papers
        if index == 0 or subject_of_kind_line(text, s, e, cues[0].end) is not None:
            return None
        if lexicon.kind_cues(text, *lines[index - 1]):
            return None  # the line above names a paper itself
        if any(verdict(i) is _STOP for i in range(index)):
            return None
        above = verdict(index - 1)
        if above is _SKIP:
            above = _after_its_date(text, *lines[index - 1], index - 1)
        return above if isinstance(above, Spanned) else None
    return None


def _after_its_date(text: str, s: int, e: int, index: int) -> Spanned[str] | _Verdict:
    """The subject of a line that a date opens, as a page lists its papers ("15.09.2014 Einführung des
    papierlosen Sitzungsdienstes")."""
    dates = find_dates(text, s, e)
    if not dates or text[s : dates[0].start].strip(" \t-–:,"):
        return _SKIP
    rest, end = trim(text, dates[0].end, e, " \t-–:,")
    return _head_line_title(text, rest, end, index) if rest < end else _SKIP


def _head_line_title(text: str, s: int, e: int, index: int) -> Spanned[str] | _Verdict:
    """The subject one head line (the `index`th) prints, or whether the next line may print it."""
    line = text[s:e]
    if _SALUTATION.match(line) or _STATEMENT_HEAD.match(line):
        return _STOP
    agenda = _AGENDA_PAGE.fullmatch(text, s, e) or _AGENDA_ITEM.fullmatch(text, s, e)
    if agenda is not None and lexicon.is_standing_item(agenda.group("title")):
        return _SKIP  # "TOP Ö 30: Anfragen": an item every session has, no paper's subject
    if agenda is not None:
        value = _without_trailing_note(clean(agenda.group("title")))
        return Spanned(value, agenda.start("title"), agenda.start("title") + len(value))
    numbered_kind = _NUMBERED_KIND.match(text, s, e) or _TO_KIND.match(text, s, e)
    if numbered_kind is not None:
        s = numbered_kind.end()  # "DS 062a/2016 Änderungsantrag zur …", "Zum Antrag: …"
    cues = lexicon.kind_cues(text, s, e)
    if cues and _opens_with_its_kind(text, s, cues[0].start):
        subject = subject_of_kind_line(text, s, e, cues[0].end)
        if subject is not None:
            return subject
        return _SKIP  # "Antrag der Fraktion …": the kind line, not the subject
    line = text[s:e]
    if _names_bodies_only(line):
        return _SKIP  # "Rat und Stadtbezirksräte": the information system's banner
    opening_subject = (
        index == 0
        and line[:1].islower()
        and len(line.split()) <= _OPENING_SUBJECT_WORDS
        and not _TRAILING_WORD.fullmatch(line.split()[0])  # "zur nächsten Sitzung des …" runs on
        and not any(c.isdigit() for c in line)
    )
    if line.rstrip().endswith(",") or (line[:1].islower() and not opening_subject):
        return _SKIP  # "Von der CDU-,", "zur nächsten Sitzung des …": a sentence running over lines
    if lexicon.is_standing_item(_RIS_PREFIX.sub("", line, count=1)) or _SESSION_LINE.match(line):
        return _SKIP  # "Mitteilungen des Bürgermeisters", "22. Sitzung des Stadtrates": no paper's subject
    if _is_prose(line) or city.opens_with_dateline(text, s, e) or _opens_with_a_resolution(text, s, e):
        return _STOP  # "FW Karben und FDP wird ein Änderungsantrag … eingebracht.": the text has begun
    if _runs_into_a_sentence(text, line_bounds(text, s)[1]):
        return _STOP  # "Gestern hat sich nun endlich der neue Stadtrat⏎konstituiert. Die …": a paragraph
    if is_headline(line):
        return _SKIP  # "SPD setzt sich für … ein": a report's headline, not the paper's subject
    if _WEB_ADDRESS.search(line) or _opens_with_date(line):
        return _SKIP  # "1. www.westfalen-blatt.de", "09. September 2020, 05:00 Uhr": the page's furniture
    if _LABEL_START.match(line) or line.rstrip().endswith(":") or _HEAD_STOPPER.match(line):
        if _HEAD_STOPPER.match(line) and not line.rstrip().endswith(":") and len(line.split()) > 12:
            return _STOP  # the text begins: a sentence, no title line
        return _SKIP
    if (actors.reads_as_name(clean(line)) and not _reads_as_subject(clean(line))) or _is_party_line(line):
        return _SKIP
    if _names_a_party_branch(line):
        return _SKIP  # "Ortsverband Bodenwöhr": the page's banner, no subject
    if _RESOLUTION_OPENING.search(text, s, e):
        return _STOP  # "Der Oberbürgermeister wird beauftragt, …": the text has begun
    if _NUMBERED_QUESTION.match(line):
        return _STOP  # "1. Welche Maßnahmen wurden ergriffen …?": the questions have begun
    prefix = _RIS_PREFIX.match(text, s, e)
    if prefix:
        s = prefix.end()
    te = cues[0].start if cues else e
    if cues and _KIND_AFTER_SEPARATOR.search(text, s, cues[0].start):
        te = e  # "Digitale Ratssitzungen; Antrag der Fraktionen FDP, SPD vom 11.02.2021": all printed
    inline = _INLINE_LABEL.search(text, s, te)
    te = inline.start() if inline else te
    value = clean(text[s:te])
    cut = _TITLE_CUT.search(value)
    # a date the title prints as its paper's ("… Antrag der Fraktionen FDP, SPD vom 11.02.2021") stays
    if cut and not _DATE_OF_THE_TITLE.search(value, 0, cut.start()):
        value = value[: cut.start()]
    value = _without_trailing_note(value.strip(" -–:,;"))
    words = value.split()
    if len(_WORD.findall(value)) < 2:
        return _SKIP  # "85 kB", "DS 062a/2016", "003/01/2021 (DIE LINKE)"
    one_word = index == 0 and len(words) == 1 and "-" in value and city.resolve(value) is None  # "WLAN-Hotspots"
    if not (2 <= len(words) <= 20 or one_word) or value.endswith(".") or _TRAILING_WORD.search(value):
        if len(words) > 20 or value.endswith("."):
            return _STOP
        return _SKIP
    te = text.find(value[-min(len(value), 8) :], s, e) + min(len(value), 8)
    return Spanned(value, s, max(te, s + 1))


_NUMBERED_QUESTION = re.compile(r"\s*\d{1,2}\.(?:\s+\S|[A-ZÄÖÜ]).*\?\s*$")
_TRAILING_NOTE = re.compile(r"\s*\((?P<note>[^()]{2,120})\)\s*$")
_STATUS_NOTE = re.compile(r"(?:nicht)?öffentlich|nö|ö", re.IGNORECASE)


def _without_trailing_note(value: str) -> str:
    """A subject line without the note in brackets after it that names who puts the paper
    forward or its status: "OpenData Osnabrück (Zählgemeinschaft SPD-Fraktion/…)", "… (öffentlich)"."""
    m = _TRAILING_NOTE.search(value)
    if m is None:
        return value
    note = m.group("note")
    if _STATUS_NOTE.fullmatch(note.strip()) or groups.names_group(note) or parties.find(note):
        return value[: m.start()].rstrip(" -–:,;")
    return value


_AGENDA_PAGE = re.compile(
    rf"(?P<day>(?i:{DATE_PATTERN.pattern}))[ \t]+[-–][ \t]+(?:TOP[ \t]*)?(?:Ö[ \t]*)?"
    r"(?P<item>\d{1,3}(?:\.\d{1,3})*)[ \t]+(?P<title>\S.*?\S)(?:[ \t]*(?:\.\.\.|…))?"
)
"""A session's agenda page: "21.02.2022 - 9.14 Zugriff auf die Verwaltungsnetze …"."""


def agenda_page(text: str, start: int = 0, end: int | None = None) -> tuple[Spanned[date], Spanned[str]] | None:
    """The session day and agenda item of a page headed by them ("21.02.2022 - 9.14 Zugriff auf …",
    an information system's page of one item): where the first line is such a head."""
    lines = head(text, start, end, limit=1)
    m = _AGENDA_PAGE.fullmatch(text, *lines[0]) if lines else None
    days = find_dates(text, m.start("day"), m.end("day")) if m is not None else []
    if m is None or not days:
        return None
    return days[0], Spanned(m.group("item"), m.start("item"), m.end("item"))


_AGENDA_ITEM = re.compile(
    r"(?:TOP|Tagesordnungspunkt)[ \t]*(?:Ö|NÖ|N)?[ \t]*\d{1,3}(?:\.\d{1,3})*[a-z]?[ \t]*[:.)\-–][ \t]*(?P<title>\S.*\S)"
)
"""An agenda item's heading: "TOP Ö 2.2: Bürger WLAN (Antrag der CDU-Fraktion)"."""
_NUMBERED_KIND = re.compile(
    rf"(?:(?:DS|Drucksache|Vorlage)[ \t]*(?:Nr\.)?[ \t]*)?{BARE_REFERENCE.pattern}[ \t]+(?=[A-ZÄÖÜ])"
)
_TO_KIND = re.compile(r"Zu[mr]?[ \t]+(?=[A-ZÄÖÜ])")
_LINKING_WORDS = frozenset({"und", "der", "die", "des", "den", "dem", "sowie", "&"})


def _names_bodies_only(line: str) -> bool:
    words = [w for w in re.split(r"[\s,;/]+", line) if w and w.casefold() not in _LINKING_WORDS]
    return bool(words) and all(_BODY_NOUN.search(w) for w in words)


_BODY_NOUN = re.compile(
    r"(?:[Rr]at|[Rr]äte|[Aa]usschu(?:ss|ß)|[Aa]usschüsse|[Vv]ersammlung|[Vv]ertretung|[Kk]reistag|[Bb]ürgerschaft"
    r"|[Ss]enat|[Mm]agistrat)$"
)


_RESOLUTION_OPENING = re.compile(
    r"\b(?:wird|werden)\s+(?:beauftragt|gebeten|aufgefordert|ersucht)\b"
    r"|\b(?:möge|mögen)\s+(?:beschließen|folgendes|folgenden)\b|\bbeschließt\s*:"  # "Der Rat möge beschließen"
)
_DASHED = re.compile(r"[ \t]*[-–:\]][ \t]*(?P<subject>\S.*)")  # "Antrag – Einsetzung …", "[Anfrage] Breitband"
# what may stand before a kind word that opens its line: a bracket, an adjective ("Neue Beschlussvorlage:")
_KIND_LEAD = re.compile(r"[ \t]*(?:\[|[A-ZÄÖÜ][a-zäöüß]+(?:e|er|es)[ \t]+)?")
_TAG = re.compile(r"[ \t]*(?P<tag>[A-ZÄÖÜ][^:\n]{1,40}?):[ \t]+")


def _opens_with_its_kind(text: str, line_start: int, kind_start: int) -> bool:
    """Does the line open with its kind word, perhaps after a bracket or an adjective ("Neue
    Beschlussvorlage:") or a web page's place or party tag ("Buxtehude: Antrag: …")?"""
    return _KIND_LEAD.fullmatch(text, line_start, kind_start) is not None or _place_or_party_tag(
        text, line_start, kind_start
    )


def _place_or_party_tag(text: str, start: int, end: int) -> bool:
    """ "Buxtehude: Antrag: Übertragung der Ratssitzungen im Livestream", "SPD Kaarst: Anfrage – …":
    a web page's headline tagged with its place or party before the kind line."""
    m = _TAG.fullmatch(text, start, end)
    if m is None:
        return False
    tag = m.group("tag")
    return city.resolve(tag) is not None or bool(parties.find(tag))
_KIND_SUBJECT = (
    # "Anfrage für die Stadtverordnetenversammlung vom 19. Mai 2022 betreffend Onlinezugangsgesetz"
    re.compile(r"[^\n]{0,120}?(?<![\w.])(?:betreffend|betr\.|bezüglich)[ \t]*:?[ \t]+(?P<subject>\S.*)"),
    _DASHED,
    re.compile(r"[ \t]*\((?P<subject>[^()]+)\)[ \t]*"),  # "Allgemeine Vorlage (Einführung eines …)"
    re.compile(r"[^:\n]{1,80}?:[ \t]*(?P<subject>\S.*)"),  # "Anfrage der SPD-Fraktion: WLAN-Zugang in …"
    # "Antrag der SPD Fraktion – „Wiedereinführung der Straßenbeleuchtung“": a spaced dash after who asks
    re.compile(r"[ \t]+(?:der|des|von)[ \t][^\n]{1,80}?[ \t][-–][ \t]+(?![Ff]raktion)(?P<subject>\S.*)"),
)
_WHOLLY_QUOTED = re.compile(r"[„\"“»](?P<subject>[^„\"“”»«\n]{3,200})[“”\"«][ \t]*")
_KIND_ABOUT = re.compile(
    r"(?:[ \t]+(?:der|des|von)[ \t]+[^\n]{1,80}?)?[ \t]+(?:zur|zum|zu|auf|für|über|betreffend|betr\.)[ \t]+"
    r"(?P<subject>\S.*)"
)
_SESSION_WORDS = re.compile(r"[Ss]itzung\b|\bam[ \t]+\d")


_ASKER_WORDS = frozenset(
    {"fragesteller", "fragestellerin", "antragsteller", "antragstellerin", "beantragt", "beantragen"}
)


def subject_of_kind_line(text: str, s: int, e: int, kind_end: int, leading: bool = True) -> Spanned[str] | None:
    """The subject a kind line carries: after a dash or colon, in brackets ("Antrag – X",
    "Anfrage der SPD-Fraktion: X", "Allgemeine Vorlage (X)"), or the whole line where the kind
    word leads into it ("Änderungsantrag zu TOP 27 (Transparenz von Beschlüssen)", "Anfrage der
    WIK zum Thema Freifunk-Förderung", unless not `leading`); none where the line names a session or a date, or the
    kind word is a label of who asks ("Fragesteller: Julian Potthast")."""
    if text[s:kind_end].casefold() in _ASKER_WORDS:
        return None
    for pattern in _KIND_SUBJECT:
        m = pattern.fullmatch(text, kind_end, e)
        if m is not None:  # after a dash one word is subject enough: "Anfrage - Breitbandausbau"
            return _subject(text, m.start("subject"), m.end("subject"), min_words=1 if pattern is _DASHED else 2)
    m = _KIND_ABOUT.fullmatch(text, kind_end, e) if leading else None
    if m is not None and not _SESSION_WORDS.search(text, kind_end, e):
        quoted = _WHOLLY_QUOTED.fullmatch(text, m.start("subject"), e)
        if quoted is not None:  # 'Antrag der Fraktion zu "Mehr Breitband für Wülfrath"': the quote is the subject
            return _subject(text, quoted.start("subject"), quoted.end("subject"))
        return _subject(text, s, e)
    noun = _KIND_NOUN.match(text, kind_end, e)
    if noun is not None and _names_a_subject(noun.group("noun")) and not _SESSION_WORDS.search(text, kind_end, e):
        return _subject(text, s, e)  # "Antrag Videoüberwachung zum Schutz gegen Vandalismus"
    return None


def subject_of_its_kind_line(text: str, kind_start: int) -> Spanned[str] | None:
    """The subject on the line of the kind word that gave the paper its kind, where that line stands
    below the page's head ("Aus dem Stadtrat⏎Unsere Themen … sind.⏎Antrag: Freies WLAN am Marktplatz⏎Sehr
    geehrter …"): `title` reads the head's lines only, and stops where running text begins above it."""
    s, e = line_bounds(text, kind_start)
    s, e = trim(text, s, e)
    line = text[s:e]
    if _is_prose(line) or is_headline(line):
        return None
    found = [c for c in lexicon.kind_cues(text, s, e) if c.start == kind_start]
    if not found or not _opens_with_its_kind(text, s, found[0].start):
        return None
    return subject_of_kind_line(text, s, e, found[0].end)


_KIND_NOUN = re.compile(r"[ \t]+(?P<noun>[A-ZÄÖÜ][a-zäöüß][\w\-]+)")


def _names_a_subject(noun: str) -> bool:
    """A noun after the kind word that opens the paper's subject, not who puts it forward."""
    return not (parties.find(noun) or groups.names_group(noun) or BODY_WORD.search(noun) or actors.reads_as_name(noun))


def _subject(text: str, s: int, e: int, min_words: int = 2) -> Spanned[str] | None:
    s, e = trim(text, s, e)
    if e - s > 2 and text[s] in _QUOTES and text[e - 1] in _QUOTES:
        s, e = s + 1, e - 1  # "„Wiedereinführung der nächtlich durchgehenden Straßenbeleuchtung“"
    value = clean(text[s:e]).strip(" -–:,;")
    if len(_WORD.findall(value)) < min_words or len(value.split()) > 30 or value.endswith("."):
        return None
    if find_dates(text, s, e) or lexicon.kind_cues(text, s, e) and text[s:e].lstrip().startswith("("):
        return None
    return Spanned(value, s, e)


_QUOTES = "\"„“”»«‚‘’"


_INLINE_SUBJECT = re.compile(
    r"(?<![\w.])(?:(?:Betreff|Betr\.|[Zz]um\s+Thema)[ \t]*:[ \t]*"
    # "Schriftliche Anfrage des Abgeordneten … und Antwort Freies WLAN in Berlin: Stand und Fortgang? Die …":
    # a parliament's print titles the inquiry after the words that name the print
    r"|(?<=\)[ \t]und[ \t]Antwort[ \t])(?!(?:des|der|vom|auf)\b))"
)
_INLINE_SUBJECT_END = re.compile(
    r"\s+(?:und\s+Antwort\b|(?:Der|Die|Das|Wir|Ich|Im|In|Mit|Am|Es|Seit|Nach|Berichten|Laut)\s)|\n|\s{3,}"
    r"|(?<=\?)\s"  # "Betr.: Digitalisierung an Schulen – Wie weit ist Hamburg? Wie das Institut …": a question ends it
)


def inline_subject(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """ "… Antwort des Senats Betr.: Breitbandausbau in Hamburg Der Senat …": a subject label in
    the running text of a print whose lines the conversion joined, up to where the text begins."""
    stop = min(len(text) if end is None else end, start + 3000)
    for m in _INLINE_SUBJECT.finditer(text, start, stop):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not text[line_start : m.start()].strip():
            continue  # a label at the start of its line: the labelled reader's
        close = _INLINE_SUBJECT_END.search(text, m.end(), min(len(text), m.end() + 300))
        value_end = close.start() if close else min(len(text), m.end() + 300)
        found = _subject(text, m.end(), value_end)
        if found is not None and len(found.value.split()) <= 25:
            return found
    return None


_ADJECTIVE = re.compile(r"(?:isch|lich|ig|al|iv)(?:er|e|es|en)$")


def _reads_as_subject(line: str) -> bool:
    """Capitalised words that are no one's name: an adjective first ("Städtischer Mängelmelder",
    "Digitaler Rat"), or a town's name last ("Smart City Pfungstadt", "OpenData Osnabrück")."""
    words = line.split()
    if len(words) < 2:
        return False
    return bool(_ADJECTIVE.search(words[0])) or city.resolve(words[-1]) is not None


def _is_party_line(line: str) -> bool:
    """ "CDU Stadtverband Ratingen": an organisation's name as a letterhead."""
    hits = parties.find(line)
    return bool(hits) and hits[0].start == 0 and len(line.split()) <= 5


def labelled_initiators(text: str, start: int, end: int) -> list[ActorMention]:
    """Who a header's "Initiator:" label names, with the group a field right below it names
    ("Antragstellerin: A⏎Partei/Fraktion/Gruppierung: B": both put the paper forward). Parties only
    joined by slashes, with no group word ("Initiator:Grüne/SPD"), are that many groups (a joint
    group prints its noun: "SPD/Volt-Fraktion")."""
    value = labelled_value(text, INITIATOR_LABELS, start, end, max_lines=1)
    if value is None:
        return []
    found = listed_parties(text, value, "/") or _items(text, value.start, value.end, labelled=True)
    return with_the_field_below(found, text, value, SUBMITTER_LABELS, end)


def submitters(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Who puts the paper forward: a labelled initiator or the groups of a listed members' head
    ("Antrag Stadtrats-Mitglieder A (Fraktion X) vom …"), else the factions named with the kind
    word ("Antrag der Fraktionen A, B und C") or with the verb ("stellen A und B folgenden Antrag",
    "die Ratsfraktion X beantragt")."""
    stop = len(text) if end is None else end
    labelled = labelled_initiators(text, start, stop) or member_list(text, start, stop).submitters
    if labelled:
        return labelled
    kind_of, behalf, group_verb, verb_first, party_verb, passive = _submission_patterns()
    named = _FACTION_NOUN_PATTERN.search(text, start, stop) is not None
    for pattern in (kind_of, behalf, group_verb, verb_first, party_verb, passive):
        if not named and pattern in (behalf, group_verb):
            continue  # these read a council group's noun: a span without one holds no match
        found_by = _group_verb_matches if pattern is group_verb else _matches
        for m in found_by(pattern, text, start, stop):
            group = next(name for name, value in m.groupdict().items() if value is not None)
            phrase_start = m.start(group)
            if pattern is group_verb:
                # "Vor diesem Hintergrund hat die CDU-Stadtratsfraktion nunmehr beantragt": from the article
                article = _ARTICLE.search(text, phrase_start, m.end(group))
                if article is not None and not _is_group(text[phrase_start : article.start()]):
                    phrase_start = article.start()
            phrase_end = _phrase_end(text, phrase_start, m.end(group))
            if group in ("who", "had", "by"):
                member_of = _MEMBER_OF.search(text, phrase_start, phrase_end)  # "Rudolf Grieb von der UBI"
                phrase_end = member_of.start() if member_of is not None else phrase_end
            if pattern is kind_of and _cause_before().search(text, max(start, m.start() - 24), m.start()):
                continue  # "Aufgrund des Antrags der WLH-Fraktion …": the paper answered
            if group in ("person", "requester") and _names_a_council(text[phrase_start:phrase_end]):
                continue  # "Die SPD-Fraktion im Gemeinderat Molbergen hat einen Antrag … eingebracht"
            if group == "party":
                if _only_a_party(text, m.start(), phrase_end):
                    phrase_start = m.start()  # the article belongs to "Die Linke"
                elif not _only_a_party(text, phrase_start, phrase_end):
                    continue
            if _OWN_GROUP.fullmatch(text[phrase_start:phrase_end].strip()):
                found = _named_group(text, start, stop)  # "Unsere Fraktion stellt daher folgenden Antrag"
            else:
                found = _items(text, phrase_start, phrase_end, local_lists=pattern is kind_of)
            if found:
                return found
    return []


_ARTICLE = re.compile(r"(?<![\wäöüß])(?:[Dd]ie|[Dd]er)\s+")
# a member's group after the name: "Rudolf Grieb von der UBI", "Wolfgang Karl (CSU)"
_MEMBER_OF = re.compile(r"(?<=[a-zäöüß])\s+(?:von\s+der\s+[^\s,]+(?:[ \t]+[^\s,]+)?|\([^()\n]{1,40}\))\s*$")


def _names_a_council(phrase: str) -> bool:
    """ "Gemeinderat Molbergen": a council and its town, not a councillor and their name."""
    words = phrase.split()
    town = city.resolve(words[-1]) if len(words) == 2 else None
    return town is not None and town.name == words[-1]


def _only_a_party(text: str, start: int, end: int) -> bool:
    """Does `text[start:end]` name parties and nothing else ("FDP", "Grüne und SPD")?"""
    named = parties.find(text, start, end)
    if not named or (named[0].start, named[-1].end) != (start, end):
        return False
    return all(_PARTY_JOINER.fullmatch(text, a.end, b.start) for a, b in zip(named, named[1:], strict=False))


_PARTY_JOINER = re.compile(r"\s*(?:,|und|sowie|&)\s*|\s*,\s*")


_BAR = re.compile(r"\|")


def group_cells(text: str, start: int, end: int) -> list[ActorMention]:
    """The groups a table's row names, one a cell, where a print flattens its signature table to
    lines parted by "|" ("Fraktion Die Grünen – Rosa Liste | SPD/Volt |"): they put the paper forward."""
    for ls, le in iter_lines(text, start, end):
        line = text[ls:le]
        if line.count("|") < 1:
            continue
        found: list[ActorMention] = []
        for cs, ce in cells(text, ls, le, _BAR):
            s, e = trim(text, cs, ce)
            if s >= e:
                continue
            named = parties.find(text, s, e)
            group = actors.faction(text[s:e], s, e) if named and (named[0].start == s or _is_group(text[s:e])) else None
            if group is None:
                found = []
                break
            found.append(_printed(group, text, s, e))
        if len(found) >= 1:
            return found
    return []


def sole_faction(paper: Motion, text: str) -> list[ActorMention]:
    """The one faction a motion, amendment or inquiry names anywhere, where no wording says who
    puts it forward: a faction's web page names itself ("Wir als CDU-Fraktion begrüßen …", "Nach
    Auffassung der FDP-Ratsfraktion …") and no other; where no faction is named, the one party
    named with a paper or a verb of asking (submission.toml `[[sole_party]]`)."""
    if paper.kind is None or paper.kind.value not in {"motion", "amendment", "inquiry"}:
        return []
    named = factions_in(text, 0, len(text))
    if named:
        distinct = {parties.canonical(m.party or "") or m.name for m in named}
        return named[:1] if len(distinct) == 1 else []
    return sole_party(text) or party_of_paper_compounds(text)


def party_of_paper_compounds(text: str) -> list[ActorMention]:
    """The one party a report joins to its paper ("dem SPD-Antrag folgten", "die CDU-Anfrage"),
    however many parties it names otherwise (submission.toml [[kind_of]] `words`): where two
    parties' papers are named ("der SPD-Antrag … der FDP-Antrag"), none."""
    hits = [(m, parties.canonical(m.group("party"))) for m in _paper_compound().finditer(text)]
    if len({party for _, party in hits}) != 1:
        return []
    m = hits[0][0]
    return _items(text, m.start("party"), m.end("party"))[:1]


@cache
def _paper_compound() -> re.Pattern[str]:
    party = parties.printed_forms()
    kinds = lexicon.alternatives(listed_words("submission", "kind_of"))
    return re.compile(rf"(?<![\w\-])(?P<party>{party})-(?:{kinds})(?![\w\-])")


@cache
def _member_list_pattern() -> re.Pattern[str]:
    (entry,) = language.entries("submission", "member_list")
    kinds = lexicon.alternatives(tuple(entry["kinds"]))
    members = lexicon.alternatives(tuple(entry["members"]))
    return re.compile(
        rf"^[ \t]*(?:{kinds})[ \t]+(?:{members})[ \t]+(?P<list>[^\n]+?)(?:[ \t]+vom[ \t]+(?P<date>\d[^\n]*))?[ \t]*$",
        re.MULTILINE,
    )


_MEMBER_SEPARATOR = re.compile(r"\s*(?:,|\bund\b)\s*")


@dataclass
class MemberList:
    """Who a paper's head lists as putting it forward, and the date it prints for the paper."""

    signatories: list[ActorMention] = field(default_factory=list)
    submitters: list[ActorMention] = field(default_factory=list)
    date: Spanned[date] | None = None


def member_list(text: str, start: int, end: int) -> MemberList:
    """The members a paper's head lists as putting it forward, the groups in brackets after them,
    and the paper's date ("Antrag Stadtrats-Mitglieder A, B (Fraktion X) und C (Y-Fraktion) vom
    15.4.2025"; submission.toml [[member_list]])."""
    m = _member_list_pattern().search(text, start, min(end, start + _HEAD_REACH))
    if m is None:
        return MemberList()
    signed: list[ActorMention] = []
    put_forward: list[ActorMention] = []
    position = m.start("list")
    for bracket in re.finditer(r"\((?P<group>[^()\n]+)\)", text[: m.end("list")]):
        if bracket.start() < position:
            continue
        signed.extend(_listed_members(text, position, bracket.start()))
        put_forward.extend(_items(text, bracket.start("group"), bracket.end("group"), labelled=True))
        position = bracket.end()
    signed.extend(_listed_members(text, position, m.end("list")))
    dates = find_dates(text, m.start("date"), m.end("date")) if m.group("date") else []
    return MemberList(signed, put_forward, dates[0] if dates else None)


_HEAD_REACH = 2000


def _listed_members(text: str, start: int, end: int) -> list[ActorMention]:
    found: list[ActorMention] = []
    for ps, pe in cells(text, start, end, _MEMBER_SEPARATOR):
        part = text[ps:pe]
        if not part.strip():
            continue
        mention = actors.person(part.strip(), ps, pe)
        if mention is not None:
            found.append(mention)
    return found


def sole_party(text: str) -> list[ActorMention]:
    """The party a text names alone, in a sentence that asks or names a paper (see `sole_faction`)."""
    hits = parties.find(text)
    if len({hit.name for hit in hits}) != 1:
        return []
    asks = _sole_party_words()
    for hit in hits:
        if text[hit.start - 1 : hit.start] == "(":
            continue  # "Gemeinderätin Gerlinde Kraus (SPD) stellte …": the person's party
        if asks.search(text, *sentence_bounds(text, hit.start)):
            return _items(text, hit.start, hit.end)[:1]
    return []


@lru_cache(maxsize=1)
def _sole_party_words() -> re.Pattern[str]:
    return re.compile(_words("sole_party", "words"), re.IGNORECASE)


_OWN_GROUP = re.compile(rf"(?:[Uu]nsere|[Dd]ie|[Mm]eine)\s+(?:{_FACTION_NOUN})|wir")


def _named_group(text: str, start: int, stop: int) -> list[ActorMention]:
    """The first faction the text names with its party: whom "our group" means."""
    for m in re.finditer(rf"(?:{_FACTION_NOUN})\s+(?:der\s+|von\s+)?[^\n,.;:]{{2,40}}", text[start:stop]):
        s = start + m.start()
        e = _phrase_end(text, s, start + m.end())
        named = parties.find(text[s:e])
        if not named:
            continue
        e = s + named[0].end  # the group's name ends with its party
        found = _items(text, s, e)
        if found and found[0].party:
            return found[:1]
    return []


def _words(table: str, key: str) -> str:
    """The forms listed under `key` in every [[table]] entry of submission.toml, as one alternation."""
    return lexicon.alternatives(listed_words("submission", table, key))


@cache
def _cause_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_words('kind_of', 'causes')})\s+(?:des|der|dem|eines|einer)\s+$")


@lru_cache(maxsize=1)
def _submission_patterns() -> tuple[re.Pattern[str], ...]:
    """The readings of submission.toml, strongest first; each names its phrase group `who`,
    `asker`, `group` or `behalf`."""
    noun = _FACTION_NOUN
    kind_of = re.compile(  # "who" is the only group; the kind word also in capitals ("ANFRAGE der …")
        rf"(?:{_words('kind_of', 'words')}|{_words('kind_of', 'words').upper()})"
        r"(?:\s+Nr\.\s*\S+|\s+[A-Z]{1,4}[-/]?\d[\w/\-]*)?"
        # the rule it is put under: "Anfrage gem. § 30 GO des Stv. Dr. Preiß"
        r"(?:\s+(?:gem\.|gemäß|nach)\s+§+\s*\d+\w*(?:\s+Abs(?:\.|atz)\s*\d+)?(?:\s+[A-Z][A-Za-z]{1,6}){0,2})?"
        # a list of members may go on over a line that ends with its comma
        r"\s+(?:der|des|von)\s+(?P<who>(?:[^\n]|(?<=,)\n|(?<=, )\n){3,160})"
    )
    group_verb = re.compile(
        rf"(?P<who>(?:(?:{'|'.join(_GROUP_ARTICLES)})\s+)?[^{_GROUP_BREAKS}]{{0,{_GROUP_REACH}}}?(?:{noun})[^\n.;:]{{0,80}}?)"
        rf"\s+(?:{_words('group_verb', 'verbs')}"
        rf"|(?:{_words('group_verb', 'past_verbs')})(?![ \t]+[A-ZÄÖÜ][a-zäöüß])"
        rf"|(?:{_words('group_verb', 'auxiliaries')})"
        rf"(?=(?:[^\n.]|\.(?=\d)){{0,60}}\b(?:{_words('group_verb', 'papers')})\b"  # a date's dots between
        rf"[^\n.]{{0,40}}\b(?:{_words('group_verb', 'participles')})))\b"
    )
    behalf = re.compile(  # "stellen wir, stellvertretend für die Stadtratsfraktion X, den folgenden Antrag"
        rf"\b(?i:{_words('behalf', 'words')})\s+(?P<behalf>(?:die|der|des)\s+[^\n,]{{0,40}}?(?:{noun})"
        rf"[^\n,]{{0,60}}?)(?:\s*,|\s+(?=(?:{_words('behalf', 'verbs')})\s+(?:wir|ich)\b))"
        rf"|\b(?i:{_words('behalf', 'before_verb')})\s+(?P<for>(?:die|der|des)\s+[^\n,]{{0,40}}?(?:{noun})"
        rf"[^\n,]{{0,60}}?)\s+(?=(?:{_words('behalf', 'verbs')})\s+(?:wir|ich)\b)"
    )
    fillers = _words("verb_first", "fillers")
    # "Frau Fenger-Schwindack", "Ratsfrau Katrin Porsch", "Herr GR Kübert", "des Stv. Dr. Preiß"
    addressed = rf"(?:(?:Herr|Frau|{lexicon.alternatives(lexicon.office_words(position_only=True))})\s+)+"
    person = rf"{addressed}(?:(?:Dr\.|Prof\.)\s*)*{actors.NAME_WORD}(?:\s+{actors.NAME_WORD})?"
    verb_first = re.compile(
        rf"\b(?:{_words('verb_first', 'verbs')})\s+(?:(?:{fillers})\s+)?(?P<who>[^\n]{{2,120}}?)\s+"
        rf"(?:{_words('verb_first', 'determiners')})\s+(?:{_words('verb_first', 'papers')})"
        # the auxiliary first, the participle after the paper: "Noch davor hatte Rudolf Grieb von der UBI einen
        # Antrag gestellt"
        rf"|\b(?:{_words('verb_first', 'auxiliaries')})\s+(?:(?:{fillers})\s+)?(?P<had>[^\n]{{2,120}}?)\s+"
        rf"(?:{_words('verb_first', 'determiners')})\s+(?:{_words('verb_first', 'papers')})\b"
        rf"(?=[^\n.]{{0,60}}\b(?:{_words('verb_first', 'participles')})\b)"
        rf"|\bEs\s+(?:{_words('verb_first', 'asking')})\s+(?P<asker>[^\n:]{{3,80}}?)\s*:"
        rf"|\b(?:{_words('request', 'verbs')})\s+(?P<group>(?:die|der)\s+[^\n]{{0,60}}?"
        rf"(?:{noun})[^\n]{{0,60}}?)\s+(?:um\s+(?:die\s+)?(?:{_words('request', 'requests')})"
        rf"|(?:{_words('request', 'determiners')})\s+(?:{_words('request', 'papers')}))"
        rf"|\b(?P<person>{person})"
        # the person's group in brackets after the name: "Stv. Beck (CDU) stellt den Antrag"
        r"(?:\s+\([^()\n]{1,40}\))?"
        # an adjective before the paper: "stellte einen interfraktionellen Antrag"
        rf"\s+(?:(?:{_words('person_verb', 'verbs')})\s+(?:{_words('person_verb', 'determiners')})"
        r"(?:\s+[a-zäöüß]+e[nrs]?)?"
        rf"|(?:{_words('person_verb', 'auxiliaries')})\s+(?:{_words('person_verb', 'determiners')})"
        r"(?:\s+[^\s.]+){0,5}?)"
        rf"\s+(?:{_words('person_verb', 'papers')})\b(?![^\n]{{0,60}}?\bzur\s+Abstimmung)"  # not the chair's vote
        rf"|\b(?:{_words('person_verb', 'requesting')})\s+(?P<requester>{person})(?=[\s,])"
        rf"|\b(?:{_words('verb_group', 'verbs')})\s+(?:(?:{_words('verb_group', 'fillers')})\s+)?"
        rf"(?P<named>(?:die|der)\s+[^\n,.;:]{{0,60}}?(?:{noun})[^\n,.;:]{{0,60}}?)"
        rf"(?:\s+(?:{_words('verb_group', 'fillers')}))?\s*(?:{_words('verb_group', 'ends')})"
    )
    party_verb = re.compile(
        rf"(?:\b(?:[Dd]ie|[Dd]er)\s+|(?<=[.!?]\s)|(?<=\n)|\A)(?:[A-ZÄÖÜ][a-zäöüß]+er\s+)?"
        rf"(?P<party>[A-ZÄÖÜ][^\n,.;:]{{0,40}}?)\s+"
        rf"(?:(?:{_words('party_verb', 'verbs')})|(?:{_words('party_verb', 'paper_verbs')})\s+"
        rf"(?:{_words('party_verb', 'determiners')})\s+(?:{_words('party_verb', 'papers')})"
        rf"|(?:{_words('party_verb', 'auxiliaries')})"
        rf"(?=(?:[^\n.]|\.(?=\d)){{0,60}}\b(?:{_words('party_verb', 'papers')})\b"
        rf"[^\n.]{{0,40}}\b(?:{_words('party_verb', 'participles')}))"
        # "Die Linke zog daraufhin ihren Antrag zurück": the paper the party owns
        rf"|(?:[a-zäöüß]+\s+){{1,3}}?(?:{_words('party_verb', 'possessives')})\s+"
        rf"(?:{_words('party_verb', 'papers')}))\b"
    )
    participles = _words("passive", "participles")
    opening = lexicon.alternatives(tuple(p.capitalize() for p in listed_words("submission", "passive", "participles")))
    passive = re.compile(  # "Der Antrag wurde von der SPD-Fraktion eingereicht", "Eingereicht wurde dieser von …"
        rf"\b(?:{_words('passive', 'determiners')})\s+(?:[a-zäöüß]+e[nrs]?\s+)?(?:{_words('passive', 'papers')})\s+"
        rf"(?:{_words('passive', 'auxiliaries')})\s+(?:[^\n.]{{0,40}}?\s+)?von\s+(?P<who>[^\n.;:]{{2,120}}?)"
        rf"\s+(?:{participles})\b"
        rf"|\b(?:{opening})\s+(?:{_words('passive', 'auxiliaries')})\s+(?:(?:{_words('passive', 'pronouns')})\s+)?"
        r"von\s+(?P<by>[^\n.;:]{2,120}?)(?=\s*[.;:\n])"
    )
    return kind_of, behalf, group_verb, verb_first, party_verb, passive


_GROUP_ARTICLES = ("die", "der", "unsere", "Unsere", "Die", "Der")
_GROUP_BREAKS = "\\n,.;:"  # as a character class writes them
_GROUP_REACH = 60
"""`group_verb` reads a group's phrase from an article or from at most this many characters
before its noun, none of them one of `_GROUP_BREAKS`."""


def _matches(pattern: re.Pattern[str], text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    return pattern.finditer(text, start, stop)


def _group_verb_matches(pattern: re.Pattern[str], text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, stop)` for `group_verb`, tried only where one of its matches
    can begin: within `_GROUP_REACH` characters before a group noun on its line, or at an article
    whose white space reaches there. Tried everywhere, the pattern cost ~3 ms per 1,000 characters
    (sixty lengths of phrase at every position)."""
    breaks = _GROUP_BREAKS.replace("\\n", "\n")
    longest_article = max(len(a) for a in _GROUP_ARTICLES)
    position = tried = start  # the next match begins at `position` or later; positions before `tried` failed
    noun = _FACTION_NOUN_PATTERN.search(text, start, stop)
    while noun is not None:
        at = noun.start()
        lo = max(at - _GROUP_REACH, start)
        lo = max([lo] + [text.rfind(c, lo, at) + 1 for c in breaks])
        while lo > start and text[lo - 1].isspace():
            lo -= 1
        p = max(lo - longest_article, position, tried)
        while p <= at:
            m = pattern.match(text, p, stop)
            if m is None:
                p += 1
                continue
            yield m
            position = p = m.end()
        tried = max(tried, at + 1)
        noun = _FACTION_NOUN_PATTERN.search(text, max(at + 1, position), stop)


def _phrase_end(text: str, start: int, end: int) -> int:
    position = start
    while (m := _PHRASE_STOP.search(text, position, end)) is not None:
        if m.group(0).startswith(".") and _abbreviated_office(text, m.start()):
            position = m.end()  # "der BAbg. Beispiel": the period of an abbreviation ends nothing
            continue
        return m.start()
    return end


def _abbreviated_office(text: str, period: int) -> bool:
    word = re.search(r"[\wÄÖÜäöüß']+$", text[max(0, period - 20) : period])
    return word is not None and f"{word.group(0)}." in lexicon.office_words()


def _names_its_article(part: str) -> bool:
    """Does `part` open with a party whose name begins with its article ("Die Linke fand …")?"""
    opening = part.lstrip()
    return parties.canonical(opening.strip()) is not None or any(
        hit.start == 0 and opening[: hit.end].split()[0].lower() in {"die", "der"} for hit in parties.find(opening)
    )


@cache
def _on_behalf_of() -> re.Pattern[str]:
    """ "im Namen der", "namens der" inside a phrase of submitters (submission.toml [[behalf]] words)."""
    return re.compile(rf"\s+(?:{_words('behalf', 'words')})\s+(?:der|des|von)?\s*(?=[A-ZÄÖÜ])")


def _items(text: str, start: int, end: int, labelled: bool = False, local_lists: bool = False) -> list[ActorMention]:
    """The submitters of one phrase: one joint faction ("Fraktion MitBürger & Die PARTEI"), or
    several ("Fraktionen A, B und C", "der SPD-Fraktion und der FDP-Fraktion", "Abgeordneten
    Dr. Kurt Duwe und Michael Kruse")."""
    s, e = trim(text, start, end)
    e = _lost_cell_boundary(text, s, e)
    phrase = text[s:e]
    if not phrase.strip():
        return []
    head_noun = re.match(
        rf"\s*(?:[Dd](?:er|ie|en|es)\s+)?(?P<noun>{_FACTION_NOUN})\b\s*(?:der\s+|von\s+|des\s+|aus\s+)?", phrase
    )
    plural = head_noun is not None and groups.is_plural(head_noun.group("noun"))
    coalition = _coalition().match(phrase) if head_noun is None else None
    if coalition is not None:  # "der Koalition aus CDU, Bündnis 90/Die Grünen und FWE": each party
        head_noun, plural = coalition, True
    if head_noun is not None and not plural:
        named = phrase[head_noun.end() :].strip(" ,")
        if not named or groups.is_noun(named) or named[0].islower():  # "fordert die Gruppe ihre Kollegen auf"
            return []
        ps = s + (re.match(r"\s*(?:der|die|den|des)\s+", phrase) or re.match(r"\s*", phrase)).end()  # type: ignore[union-attr]
        e = _party_clause_end(text, s + head_noun.end(), _group_name_end(text, ps, e))  # "… Grünen behandelt"
        mention = actors.faction(text[ps:e].strip(" ,"), ps, e)
        return [_printed(mention, text, ps, e)] if mention is not None else []
    body_start = s + (head_noun.end() if head_noun is not None else 0)
    if plural:  # "der Fraktionen CDU/SPD/DIE LINKE": parties parted by slashes, each a group of its own
        bs, be = trim(text, body_start, e)
        slashed = listed_parties(text, Spanned(text[bs:be], bs, be), "/")
        if slashed:
            return slashed
    found: list[ActorMention] = []
    office: Spanned[str] | None = None  # "der BAbg. Omniczynski, Mohrenberg und …": one office, several names
    position = body_start
    for part in _ITEM_SPLIT.split(text[body_start:e]):
        ps = text.find(part, position, e)
        if ps < 0 or not part.strip():
            continue
        position = ps + len(part)
        m = _LEADING_ARTICLE.match(part)
        if m and _names_its_article(part):
            m = None  # "Die Linke", "Die PARTEI": the article is the party's
        if m:
            ps += m.end()
        ps, pe = trim(text, ps, ps + len(part) - (m.end() if m else 0))
        item = text[ps:pe].strip(" ,")
        pe = ps + len(item)
        behalf = _on_behalf_of().search(item)
        if behalf is not None:  # "Stuhler im Namen der Sozialdemokraten": the group he speaks for
            ps, item = ps + behalf.end(), item[behalf.end() :]
        if not item or not item[0].isupper():
            break
        if groups.is_noun(item):
            break
        if _is_group(item) and not _office_person(item):
            item_end = pe
            pe = _party_clause_end(text, ps, _group_name_end(text, ps, pe))
            mention = actors.faction(text[ps:pe], ps, pe)
            if mention is not None:
                found.append(_printed(mention, text, ps, pe))
                if actors.CLAUSE_AFTER_NAME.search(text, pe, item_end):
                    break  # "… und SPD waren der Ausschuss für Umwelt, Planung …": the sentence went on
                continue
        local = _LOCAL_LIST.fullmatch(item) if local_lists else None
        if local is not None and not _office_person(item):
            # "Anfrage der LMU im Gemeinderat": a local list known by its initials after the kind word
            mention = actors.faction(local.group(0), ps, ps + local.end())
            if mention is not None:
                found.append(_printed(mention, text, ps, ps + local.end()))
                continue
        if _members_of_a_body().fullmatch(item):
            office = Spanned(item, ps, pe)  # "der Mitglieder der Bezirksversammlung Eimsbüttel, A, B und C"
            continue
        person = person_with_office(text, ps, pe)
        if person is None and office is not None and re.fullmatch(actors.NAME_WORD, item):
            person = actors.person(item, ps, pe, position=office)
        if plural and person is not None and person.position is None and office is None:
            person = None  # "die Fraktionen von CSU und Landsberger Mitte": a group the plural lists, no one's name
        if person is not None:
            if person.position is None and office is not None:
                person.position = office  # "der Abgeordneten A, B und C": each an Abgeordnete
            office = person.position or office
            found.append(person)
            continue
        if plural:
            mention = actors.faction(item, ps, pe)
            if mention is not None:
                found.append(_printed(mention, text, ps, pe))
                continue
        break
    return found


@cache
def _members_of_a_body() -> re.Pattern[str]:
    """ "Mitglieder der Bezirksversammlung Eimsbüttel": the position of the names that follow."""
    return re.compile(rf"Mitglied(?:er)?\s+(?:der|des)\s+(?:{bodies.name_pattern()})")


@cache
def _coalition() -> re.Pattern[str]:
    words = lexicon.alternatives(listed_words("groups", "coalition", "words"))
    joiners = lexicon.alternatives(listed_words("groups", "coalition", "joiners"))
    return re.compile(rf"\s*(?:[Dd](?:er|ie)\s+)?(?:{words})\s+(?:(?:{joiners})\s+)?(?=[A-ZÄÖÜ])")


def _party_clause_end(text: str, start: int, end: int) -> int:
    """A group's name ends with its party where the sentence goes on in lower case: "der CDU ist
    bewusst offen formuliert" is the CDU, "der Gruppierung Bündnis90/Die Grünen behandelt" the
    group ("Bürger für Rudolstadt" keeps its "für")."""
    named = parties.find(text, start, end)
    if not named:
        return end
    return named[0].end if actors.CLAUSE_AFTER_NAME.match(text, named[0].end, end) else end


_INITIALS = r"[A-ZÄÖÜ][A-ZÄÖÜa-zäöü]{0,3}[A-ZÄÖÜ][A-ZÄÖÜ]?"
_LOCAL_LIST = re.compile(rf"{_INITIALS}(?:/{_INITIALS})?(?![\wäöüß\-])")  # "LMU", "ULI", "FlitZ", "BFS/SWG"


def _group_name_end(text: str, start: int, end: int) -> int:
    """A group noun after a hyphen ends the group's name: "der FDP-Fraktion im Wortlaut"."""
    closed = groups.closing(at_end=False).search(text, start, end)
    if closed is None:
        return end
    town = _TOWN_AFTER_GROUP.match(text, closed.end(), end)  # "Die CDU-Fraktion Bad Homburg hat …"
    if town is not None:
        for name in (town.group(0).strip(), town.group(0).split()[0]):
            if city.resolve(name) is not None:
                return closed.end() + town.group(0).find(name) + len(name)
    return closed.end()


_TOWN_AFTER_GROUP = re.compile(r"[ \t]+[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]+[A-ZÄÖÜ][\wäöüß\-]+)?")


# "Die LinkeHaushalt und Personal", "Die Fraktion PIRATENBezirksamt": a word runs into the next cell's
_JOINED_CELLS = re.compile(
    r"(?<=[a-zäöüß])(?!In(?:nen)?\b)(?=[A-ZÄÖÜ][a-zäöüß])|(?<=[A-ZÄÖÜ]{3})(?=[A-ZÄÖÜ][a-zäöüß]{2})"
)


def _lost_cell_boundary(text: str, start: int, end: int) -> int:
    """Where a flattened table glued the next cell onto a name ("Die LinkeHaushalt und Personal")."""
    m = _JOINED_CELLS.search(text, start, end)
    return m.start() if m else end


@lru_cache(maxsize=1)
def _office_prefix() -> re.Pattern[str]:
    forms = lexicon.alternatives(lexicon.office_words())
    ranks = lexicon.alternatives(language.words("offices", "rank"))  # "Erster Beigeordneter Dr. Wachs"
    # a rank stands before its title, after a form of address too ("Herr berufsm. StR Beugel")
    return re.compile(rf"^(?:(?:(?:{ranks})\s+)?(?:{forms})(?:n|en|r|s|es)?\s+)+")


def _office_person(item: str) -> bool:
    return bool(_office_prefix().match(item)) and not parties.find(item)


def person_with_office(text: str, start: int, end: int) -> ActorMention | None:
    """ "Stadträtin Sabine Wolfinger", "Abgeordneten Dr. Kurt Duwe": the office becomes the position."""
    item = text[start:end]
    m = _office_prefix().match(item)
    position = None
    name_start = start
    if m:
        office = m.group(0).strip()
        words = [_nominative(w) for w in office.split() if w not in lexicon.address_words()]
        if words:
            first, last = item.find(words[0]), item.find(words[-1]) + len(words[-1])
            position = Spanned(" ".join(words), start + first, start + last)
        name_start = start + m.end()
    mention = actors.person(text[name_start:end], name_start, end, position=position)
    if mention is None or (m is None and len(mention.name.split()) < 2):
        return None
    return mention


def _nominative(office: str) -> str:
    """ "des Stadtvertreters" → "Stadtvertreter": an office word with its genitive ending dropped."""
    if lexicon.is_office_word(office):
        return office
    stems = (office[: -len(end)] for end in ("es", "s") if office.endswith(end))
    return next((stem for stem in stems if lexicon.is_office_word(stem)), office)


def _printed(mention: ActorMention | None, text: str, s: int, e: int) -> ActorMention:
    assert mention is not None
    mention.printed = clean(text[s:e]).strip(" ,.")
    return mention


def _is_group(phrase: str) -> bool:
    return bool(parties.find(phrase)) or groups.names_group(phrase)


_SESSION_FOR = re.compile(
    r"(?:Sitzung|Tagesordnung|Beratung|Antrag|Anfrage|eingereicht|Sitzungen)\s+(?:zur\s+|für\s+|an\s+)?"
    r"(?:(?:der|des|den|die|dem)\s+)?(?:nächsten\s+|kommenden\s+)?(?:Sitzung\s+(?:des|der)\s+)?"
    r"(?P<body>[A-ZÄÖÜ][\w\-ÄÖÜäöüß]*(?:\s+(?:für|der|des|und)\s+[\w\-ÄÖÜäöüß,]+){0,6}?)\s+am\s+(?P<date>"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + ")"
)
_SESSION_WORD = re.compile(r"(?P<body>[A-ZÄÖÜ][\wäöüß]+?)sitzung\b")
_LIST_SESSION = re.compile(
    r"(?:,|\bund)\s+(?:an\s+)?(?:den|die|das|dem|der)\s+(?P<body>[A-ZÄÖÜ][^\n,]{2,80}?)\s+am\s+(?P<date>"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + ")"
)


def intended_sessions(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """Sessions a letter asks to treat the paper in: "Antrag zur Sitzung des HWFA am 2. Juni
    2016", "auf die Tagesordnung des Rates am 23.05.2019", "eingereicht zur Stadtratssitzung am
    08.12.2021", "an den Ausschuss A am …, den Ausschuss B am … und an den Rat am …"."""
    stop = len(text) if end is None else min(end, len(text))
    found: list[Consultation] = []
    # then the same with lines in capitals read as words ("ANTRAG ZUR SITZUNG DER GEMEINDEVERTRETUNG AM …")
    for view in dict.fromkeys((text, city.uncapitalised(text))):
        for pattern in (_SESSION_FOR, _LIST_SESSION):
            for m in pattern.finditer(view, start, stop):
                body_text = m.group("body")
                session_word = _SESSION_WORD.fullmatch(body_text)
                if session_word is not None:
                    body_text = session_word.group("body")
                    bs, be = m.start("body"), m.start("body") + len(body_text)
                else:
                    bs, be = m.start("body"), m.end("body")
                abbreviated_body = body_text.isupper() and not parties.find(body_text)  # "HWFA", not "CSU"
                if not (BODY_WORD.search(body_text) or abbreviated_body or session_word is not None):
                    continue
                dates = find_dates(text, m.start("date"), m.end("date"))
                if not dates:
                    continue
                body = actors.body(view[bs:be], bs, be)
                consultation = Consultation(body, m.start(), m.end(), date=dates[0])
                same_day = [c for c in found if c.date and c.date.value == dates[0].value]
                if not any(c.start == consultation.start or (c.body and c.body.name == body.name) for c in same_day):
                    found.append(consultation)
    found.sort(key=lambda c: c.start)
    return found


_REFERENCE_WORD = re.compile(
    r"(?:Drucksache|Drucksachen-Nr\.?|DS|Vorlage|Vorlagen-Nr\.?|Antrag|Anfrage|Nr\.|Vorlagennummer)\s*[:\-–]?\s*$", re.I
)
_CITED_BEFORE = re.compile(
    r"(?:\bzur|\bzum|\bzu|\bvom|\bBezug|\bsiehe|\bsh\.|\bvgl\.|\bgemäß|\baus|\bdurch|\bersetzt|\bmit|\bder|\bdes|\bdem|\bden)\s+"
    r"(?:der\s+|dem\s+)?"
    r"(?:Drucksache|(?:Sitzungs|Beschluss|Verwaltungs|Magistrats)?[Vv]orlage|Antrag|Anfrage|Beschluss|DS)?\s*(?:Nr\.)?\s*$",
    re.I,
)


def head_reference(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The paper's own reference as web pages and letters print it in their first lines:
    "Antrag der Ratsfraktion DIE LINKE - 0890/2020", "Gemeinsamer Dringlichkeitsantrag RV-113/2019
    der …", "DS 062a/2016 Änderungsantrag zur Drucksache 062/2016" (the second is the amended one)."""
    for s, e in head(text, start, end, limit=6):
        titled = _kind_dash_reference(text, s, e) or _print_dash_reference(text, s, e)
        if titled is not None:  # "Antrag - 00SV/22/025", "Drucksache - 1338/4": an information system's page title
            return titled
        if _is_prose(text[s:e]) and prints_a_paper(text):
            continue  # the sentences of a printed paper cite others: "… will (Vorlage 21-15880)."
        for m in BARE_REFERENCE.finditer(text, s, e):
            before = text[max(s, m.start() - 40) : m.start()]
            if _CITED_BEFORE.search(before) or _MONTH_YEAR.fullmatch(m.group(0)) or _is_year_range(m.group(0)):
                continue
            if m.group(0).isdigit() and _MONTH_BEFORE.search(before):
                continue  # "30. Juni 201925. Oktober 2022": two dates run together, no number
            kind_on_line = bool(lexicon.kind_cues(text, s, m.start()))
            if kind_on_line or _REFERENCE_WORD.search(before):
                return Spanned(" ".join(m.group(0).split()), m.start(), m.end())
    found = reference_line(text, start, end)
    return found[0] if found is not None else None


_DASH = re.compile(r"[ \t]*[-–][ \t]*")


def _kind_dash_reference(text: str, s: int, e: int) -> Spanned[str] | None:
    kinds = lexicon.kind_cues(text, s, e)
    if not kinds or kinds[0].start != s:
        return None
    dash = _DASH.match(text, kinds[0].end, e)
    return _number_ending_the_line(text, dash.end(), e) if dash else None


def _number_ending_the_line(text: str, at: int, e: int) -> Spanned[str] | None:
    """A reference of any shape from `at` to the line's end `e`, and nothing after it."""
    number = any_reference_at(text, at, e)
    if number is None or trim(text, number.end(), e)[0] < e:
        return None
    return Spanned(number.group(0), number.start(), number.end())


_PRINT_DASH = re.compile(r"(?:Drucksache|Vorlage)[ \t]*[-–][ \t]*")


def _print_dash_reference(text: str, s: int, e: int) -> Spanned[str] | None:
    """ "Drucksache - 1338/4": a print's page title in an information system, the number alone after the dash."""
    dash = _PRINT_DASH.match(text, s, e)
    return _number_ending_the_line(text, dash.end(), e) if dash else None


_ASKED_TOPIC = re.compile(
    r"\b(?:Anfrage|Anfragen|Frage|Antrag)\b[^\n.]{0,40}?\bzum\s+Thema\s+[„\"“»](?P<topic>[^„\"“”»«\n]{3,120})[“”\"«]"
)


def asked_topic(text: str, start: int, end: int) -> Spanned[str] | None:
    """The quoted subject of a paper named in a sentence: "stellt eine Anfrage zum Thema
    „Barrierefreiheit“"."""
    m = _ASKED_TOPIC.search(text, start, end)
    return Spanned(clean(m.group("topic")), m.start("topic"), m.end("topic")) if m else None


def quoted_title(text: str, start: int, end: int, kind: str | None = None) -> Spanned[str] | None:
    """The quoted subject of a paper the text names: "unseren Antrag „Beitritt Gigabitregion
    FrankfurtRheinMain“" (kinds.toml [[quoted_title]]); of a paper of `kind`, where given."""
    for m in _quote_patterns()[0].finditer(text, start, end):
        title = m.group("title")
        if len(title.split()) < 2 or not title[:1].isupper() or title.rstrip().endswith("."):
            continue
        named = lexicon.kind_cues(text, m.start(), m.start("title"))
        if kind is not None and named and named[0].kind != kind:
            continue  # "in der Beschlussvorlage „…“": another paper than the motion
        if _quotes_a_group(text, m.start("title") - 1, title):
            continue
        return Spanned(clean(title), m.start("title"), m.end("title"))
    return _quoted_paper_name(text, start, end, kind)


def titled(text: str, start: int, end: int) -> Spanned[str] | None:
    """The title a sentence that names a paper gives it in words: "Unter dem Titel „…“ haben die
    Grünen folgenden Antrag gestellt", "einen Antrag mit dem Titel „…“" (kinds.toml [[titled]])."""
    for m in _titled_pattern().finditer(text, start, end):
        sentence_start, sentence_end = sentence_bounds(text, m.start(), start, end)
        if len(m.group("title").split()) < 2 or not lexicon.kind_cues(text, sentence_start, sentence_end):
            continue
        if m.group("topic") is not None and not _topic_of_the_paper(text, sentence_start, m.start()):
            continue
        return Spanned(clean(m.group("title")), m.start("title"), m.end("title"))
    return None


_TOPIC_REACH = 60
"""How far before "zum Thema" the paper's noun may stand ("Anfrage der Erlanger Linken zum Thema")."""
_PAPER_CITED_BEFORE = re.compile(r"(?:\bzu[mr]|\bauf[ \t]+(?:den|die|das))[ \t]+(?:[a-zäöüß]+[ \t]+)?$")


def _topic_of_the_paper(text: str, sentence_start: int, opener: int) -> bool:
    """Does a paper's noun stand right before "zum Thema" (kinds.toml [[titled]] `topic_openers`),
    not a paper that another one answers or adds to ("Zusatzfrage zur schriftlichen Anfrage …")?"""
    reach = max(sentence_start, opener - _TOPIC_REACH)
    named = lexicon.kind_cues(text, reach, opener)
    return bool(named) and _PAPER_CITED_BEFORE.search(text, reach, named[-1].start) is None


@cache
def _titled_pattern() -> re.Pattern[str]:
    openers = lexicon.alternatives(listed_words("kinds", "titled", "openers"))
    topics = lexicon.alternatives(listed_words("kinds", "titled", "topic_openers"))
    return re.compile(
        rf"(?:(?i:{openers})|(?P<topic>(?i:{topics})))[ \t]*[„\"“»](?P<title>[^„\"“”»«\n]{{3,200}}?)[“”\"«]"
    )


def _quotes_a_group(text: str, opening: int, quoted: str) -> bool:
    """Does the quote at `opening` name a group, not a paper ("der Fraktion „Die Linke“", "des
    „Bündnisses für Moers“"; kinds.toml [[quoted_title]] `group_words`)?"""
    before = text[max(0, opening - 40) : opening].split()
    if before and groups.is_noun(before[-1].strip(",")):
        return True
    first = quoted.split()[0] if quoted.split() else ""
    if first in listed_words("kinds", "quoted_title", "group_words"):
        return True
    named = parties.find(quoted)
    return any(hit.start == 0 and hit.end == len(quoted.rstrip()) for hit in named)


def _quoted_paper_name(text: str, start: int, end: int, kind: str | None) -> Spanned[str] | None:
    """A quote that names a paper by its kind word: „Anfrage zur Nutzbarkeit des Mobilfunknetzes in
    Raesfeld“ (kinds.toml [[quoted_paper_name]]); of a paper of `kind`, where given."""
    for m in _quote_patterns()[1].finditer(text, start, end):
        if len(m.group("subject").split()) < 2:
            continue  # „Antrag für nichts“
        named = lexicon.kind_cues(text, m.start("title"), m.start("subject"))
        if kind is not None and named and named[0].kind != kind:
            continue
        return Spanned(clean(m.group("title")), m.start("title"), m.end("title"))
    return None


@cache
def _quote_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """kinds.toml [[quoted_title]] (a kind word, then the quoted subject) and [[quoted_paper_name]]
    (a quote that begins with its kind word and a preposition)."""

    def listed(table: str, key: str) -> str:
        return lexicon.alternatives(listed_words("kinds", table, key))

    opening, inside, closing = r"[„\"“»]", r"[^„\"“”»«\n]", r"[“”\"«]"
    # the group that puts the paper forward may stand between ("dem Antrag der SPD-Fraktion „…“")
    group = rf"[\w/-]*(?:{groups.noun()})[\w/-]*|{lexicon.alternatives(listed_words('parties', 'party', 'variants'))}"
    between = rf"(?:[ \t]+(?:{listed('quoted_title', 'between')}|\d[\d./]*|{group}))*"
    after_kind = rf"(?:{listed('quoted_title', 'papers')})\b{between}"
    named = rf"(?:{listed('quoted_paper_name', 'papers')})[ \t]+(?:{listed('quoted_paper_name', 'prepositions')})"
    return (
        re.compile(rf"{after_kind}[ \t]+{opening}(?P<title>{inside}{{3,200}}?){closing}"),
        re.compile(rf"{opening}(?P<title>{named}[ \t]+(?P<subject>{inside}{{3,200}}?)){closing}"),
    )


_MONTH_YEAR = re.compile(r"(?:0?[1-9]|1[0-2])/(?:19|20)\d\d")
""""UPDATE 01/2024": a month and year, not a paper's number, where no label says otherwise."""
_KIND_AFTER_SEPARATOR = re.compile(r"\S(?:[ \t]*;|[ \t]+[-–]|[ \t]*\()[ \t]*$")
_MONTH_BEFORE = re.compile(rf"(?i:\b(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?)[ \t]*$")
_YEAR_RANGE = re.compile(r"(?P<first>(?:19|20)\d\d)/(?P<second>(?:19|20)?\d\d)")


def _is_year_range(token: str) -> bool:
    """ "Haushalt 2019/2020", "Schuljahr 2023/24": two consecutive years, not a paper's number."""
    m = _YEAR_RANGE.fullmatch(token)
    return m is not None and int(m.group("second")[-2:]) == (int(m.group("first")) + 1) % 100


_QUOTED = re.compile(r"[\"„“”»«']\s*(?P<title>[^\"„“”»«\n]{3,200}?)\s*[\"„“”»«']")


def reference_line(
    text: str, start: int = 0, end: int | None = None
) -> tuple[Spanned[str], Spanned[str] | None] | None:
    """A head line that begins with the paper's reference and holds nothing else but its quoted
    subject: "20-1950", "0120/XIX \"OpenData für die BVV\"" (RIS printouts and agenda pages)."""
    for s, e in head(text, start, end):
        if _is_prose(text[s:e]) and not _LABEL_START.match(text[s:e]):
            return None  # the text has begun: a later number heads another paper
        m = BARE_REFERENCE.match(text, s, e) or any_reference_at(text, s, e)
        if m is None or _MONTH_YEAR.fullmatch(m.group(0)):
            continue
        rest_start, rest_end = trim(text, m.end(), e)
        abbreviation = _printout_abbreviation().match(text, rest_start, rest_end)
        if abbreviation is not None:
            rest_start = abbreviation.end()  # "GHE/2023/002 MV Vorstellung …": the kind's short form
        reference = Spanned(" ".join(m.group(0).split()), m.start(), m.end())
        if rest_start >= rest_end:
            return reference, None
        quoted = _QUOTED.fullmatch(text, rest_start, rest_end)
        if quoted is not None:
            return reference, Spanned(clean(quoted.group("title")), quoted.start("title"), quoted.end("title"))
        heading = _subject(text, rest_start, rest_end) if _reads_as_heading(text, rest_start, rest_end) else None
        if heading is not None:
            return reference, heading  # "SG/2017/006 Erlass einer Haushaltssatzung"
        kinds = lexicon.kind_cues(text, rest_start, rest_end)
        if kinds and kinds[0].start == rest_start:
            return reference, None  # "FV-2021/872 Antrag der Fraktion … vom 28.03.2021 - Einführung …": its kind line
    return None


@cache
def _printout_abbreviation() -> re.Pattern[str]:
    forms = lexicon.alternatives(listed_words("kinds", "printout_abbreviation", "words"))
    return re.compile(rf"(?:{forms})[ \t]+(?=[A-ZÄÖÜ])")


_FILE_HEADING_LINES = 10


def file_heading(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The subject a mirror of the information system heads a file with: "Beschlusstext
    (Veröffentlichungen im Webauftritt …)" (kinds.toml [[file_heading]])."""
    stop = len(text) if end is None else end
    for ls, le in first_lines(text, start, stop, _FILE_HEADING_LINES):
        m = _file_heading().fullmatch(text, *trim(text, ls, le))
        if m is None:
            continue
        subject = m.group("subject")
        kinds = lexicon.kind_cues(subject)
        if kinds and kinds[0].start == 0:
            return None  # "(Antrag der Fraktion Linke&Piraten vom 08.10.2014)": a paper named, no subject
        return Spanned(clean(subject), m.start("subject"), m.end("subject"))
    return None


_NUMBER_BEFORE_SUBJECT = re.compile(r"[•·*\-–]?[ \t]*(?P<ref>[^:\n]{3,30}?)[ \t]*:[ \t]+(?=\S)")


def number_before_subject(text: str, subject: Spanned[str]) -> tuple[Spanned[str], Spanned[str]] | None:
    """A subject line that opens with the paper's number and a colon ("• RA 547/2019: Zustand der
    Arbeitsräume im Rathaus", as a faction's list of its inquiries prints them): the number, and
    the subject after it."""
    m = _NUMBER_BEFORE_SUBJECT.match(text, subject.start, subject.end)
    if m is None or not BARE_REFERENCE.fullmatch(m.group("ref")) or _MONTH_YEAR.fullmatch(m.group("ref")):
        return None
    s, e = trim(text, m.end(), subject.end)
    return Spanned(m.group("ref"), m.start("ref"), m.end("ref")), Spanned(clean(text[s:e]), s, e)


def number_after_subject(text: str, subject: Spanned[str]) -> Spanned[str] | None:
    """The paper's number printed right after its subject where the file's text repeats it, as a
    flattened print does ("… hier: Antrag der fw/bVb-Fraktion vom 01.Juli 2013 235/2013 …"), or
    right before it, as an information system's agenda item heads its paper ("1265/II Sanierung …")."""
    words = subject.value.split()
    repeated = re.compile(r"\s+".join(re.escape(w) for w in words) + r"(?:\s+|$)")
    for m in repeated.finditer(text, subject.end):
        number = BARE_REFERENCE.match(text, m.end())
        if number is not None and not _MONTH_YEAR.fullmatch(number.group(0)):
            return Spanned(number.group(0), number.start(), number.end())
        line_start = text.rfind("\n", 0, m.start()) + 1
        s, e = trim(text, line_start, m.start())
        number = BARE_REFERENCE.fullmatch(text, s, e) if s < e else None
        if number is not None and not _MONTH_YEAR.fullmatch(number.group(0)):
            return Spanned(number.group(0), s, e)  # "1265/II Sanierung des …": an agenda item's paper line
    return None


@cache
def _file_heading() -> re.Pattern[str]:
    labels = lexicon.alternatives(listed_words("kinds", "file_heading", "labels"))
    return re.compile(rf"(?:{labels})[ \t]+\((?P<subject>[^\n]{{3,300}})\)")


def _reads_as_heading(text: str, s: int, e: int) -> bool:
    """A capitalised phrase of a few words, no sentence and no kind line."""
    value = text[s:e]
    cues = lexicon.kind_cues(text, s, e)
    return (
        value[:1].isupper()
        and len(value.split()) <= 25
        and not _SENTENCE_END.search(value)
        and not (cues and cues[0].start == s)
    )


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@cache
def _headline_words(key: str) -> frozenset[str]:
    return frozenset(language.words("chrome", "headline", key))


_WEB_ADDRESS = re.compile(r"\bwww\.|https?://")


def _opens_with_date(line: str) -> bool:
    dates = find_dates(line, 0, len(line))
    return bool(dates) and not line[: dates[0].start].strip(" \t-–:,")


_TOWN_ADJECTIVE_OPENING = re.compile(rf"^{city.TOWN_ADJECTIVE}[ \t]+(?=[A-ZÄÖÜ])")
_LIST_NUMBER = re.compile(r"^\d{1,2}\.[ \t]+")
_HEADLINE_WORDS_MAX = 16  # a longer line is text, not a headline
_HEADLINE_WORD = re.compile(r"(?<![\w-])[a-zäöüß]+(?![\w-])")
_GROUP_AFTER_ACTOR = re.compile(rf"[ \t-]*(?:{_FACTION_NOUN})\b")
_FIRST_WORD = re.compile(r"[A-ZÄÖÜ][\wäöüßÄÖÜ\-]*")


def is_no_subject(line: str) -> bool:
    """A section's, a column's or a page's heading, a council's or an answering authority's name or
    a signature: never a paper's subject (chrome.toml [[not_a_subject]])."""
    value = _LIST_NUMBER.sub("", " ".join(line.split())).strip(" .:")
    value = re.sub(r"^[A-H]\.\s+", "", value)  # "A. Einleitung": a lettered section
    if not value:
        return False
    if value.lower() in _section_headings() or any(mark in line for mark in _not_a_subject("marks")):
        return True
    if _column_heading().match(value):
        return True
    if _SESSION_OF_A_MONTH.fullmatch(value) or _PLACE_AND_MONTH.fullmatch(value) or _PICTURE_FILE.fullmatch(value):
        return True
    if value.rsplit(" ", 1)[-1] in _broken_off() and " " in value:
        return True  # "Herr Stadtverordneter Kempff begründet seinen": a sentence broken off
    if _reads_as_text(line.strip()) or _BREADCRUMB.fullmatch(value) or _is_faction_banner(value):
        return True
    if _names_a_group_alone(value) or value.count(")") > value.count("("):
        return True  # "Die UDW-Fraktion", "Ortsverband Langenzenn"; "4 Stimmen abgelehnt)": a bracket's tail
    if _PICTOGRAPH.search(value):
        return True
    plain = city.uncapitalised(value)
    council = re.sub(r"^(?:[Dd]ie|[Dd]er|[Dd]as|[Ii]m|[Ii]n der)\s+", "", plain)
    named_alone = council in bodies.council_words() or bodies.is_a_body_or_administration(council)
    if named_alone and bodies.is_council(council):
        return True
    if council in _answering_authorities():
        return True  # "Die Verwaltung⏎nimmt wie folgt Stellung:": who answers, no subject
    if _street_address().fullmatch(value) or _person_alone(value):
        return True  # "Friedrich-Ebert-Straße 28", "Andreas Triffo": a letterhead's or a byline's line
    return _is_signature(value)


@cache
def _street_address() -> re.Pattern[str]:
    """A street and house number (mentions.toml [[street]] words end the street's name); four digits
    are a year ("Ausbau Haltestelle Marktplatz 2025")."""
    streets = lexicon.alternatives(listed_words("mentions", "street", "words"))
    number = r"\d{1,3}[a-z]?(?:[ \t]*[-–/][ \t]*\d{1,3})?"
    return re.compile(rf"(?:[\w\-.]+[ \t]+){{0,3}}[\w\-]*(?i:{streets})[ \t]*{number}")


def _person_alone(value: str) -> bool:
    """A given name (ingest/data/given-names.txt) and a surname, nothing else."""
    words = value.split()
    return (
        2 <= len(words) <= 4
        and people.is_given_name(words[0])
        and actors.looks_like_person(value)
        and not _reads_as_subject(value)
    )


@cache
def _answering_authorities() -> frozenset[str]:
    """The printed forms of who answers a paper (answers.toml [[author]]: "Verwaltung", "Magistrat")."""
    return frozenset(form for entry in language.entries("answers", "author") for form in entry["forms"])


_SESSION_OF_A_MONTH = re.compile(
    rf"\w*(?:sitzung|rat|ausschuss|versammlung)\w*\s*(?:[-–,]?\s*(?:{'|'.join(MONTHS)})\s+\d{{4}}"
    rf"|(?:vom|am)\s+{DATE_PATTERN.pattern})",
    re.IGNORECASE,
)
"""A session named by its month or day ("Gemeinderatsitzung - März 2021", "Gemeinderatssitzung vom
07.07.2021"): the column or post it heads, no paper's subject."""
_PLACE_AND_MONTH = re.compile(rf"[A-ZÄÖÜ][\w\-. ]{{1,40}},\s+im\s+(?i:{'|'.join(MONTHS)})\s+\d{{4}}")
"""A letter's place and month ("Hagen, im Dezember 2020")."""
_PICTURE_FILE = re.compile(r"(?:DSC|DSCN|IMG)[ _\-]?\d{3,6}(?:[ _\-]\w+)*")
"""A camera's name for a picture ("DSC 0006 Kopie", "IMG_2041"): a caption left on a web page."""


def _is_signature(value: str) -> bool:
    """ "André Grote Stv. Fraktionsvorsitzender": a full name, then an office."""
    words = value.split()
    if len(words) < 3 or len(words) > 6 or not people.is_given_name(words[0]):
        return False
    return lexicon.is_office_word(words[-1]) and all(w[:1].isupper() for w in words[:-1])


@cache
def _column_heading() -> re.Pattern[str]:
    return re.compile(rf"(?:{lexicon.alternatives(_not_a_subject('columns'))})(?![\w\-])")


_BREADCRUMB = re.compile(r"[^\s/>»]+(?: [^\s/>»]+)?(?: [/>»] [^\s/>»]+(?: [^\s/>»]+)?){2,}")
_IN_A_COUNCIL = re.compile(r"\s+(?:im|in der)\s+")
_PICTOGRAPH = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _is_faction_banner(value: str) -> bool:
    """ "DIE LINKE im Rat der Stadt Warstein": a party, then the council it sits in."""
    hits = parties.find(value)
    if not hits or hits[0].start != 0:
        return False
    rest = _IN_A_COUNCIL.match(value, hits[0].end)
    return rest is not None and bodies.is_council(value[rest.end() :])


_OPENING_ARTICLE = re.compile(r"^(?:[Dd]ie|[Dd]er|DIE|DER)\s+")
_FACTION_SUFFIX = re.compile(r"[ \t-]*(?:Fraktion|Ratsfraktion|Stadtratsfraktion|Gemeinderatsfraktion)\b")
_LIST_FACTION = re.compile(r"[A-ZÄÖÜ][\wÄÖÜäöü/]{1,10}-Fraktion")


def _names_a_party_branch(line: str) -> bool:
    """A party's local branch with its town, whose page it is ("Ortsverband Bodenwöhr"; mentions.toml
    [[home]] `branches` that are no council group's noun)."""
    words = _OPENING_ARTICLE.sub("", " ".join(line.split())).split()
    branch = bool(words) and words[0] in listed_words("mentions", "home", "branches")
    return branch and 1 < len(words) <= 4 and not groups.is_noun(words[0])


def _names_a_group_alone(value: str) -> bool:
    """A party, a faction or a party's local branch, alone or with its town: "Die Linke", "Die
    UDW-Fraktion", "Ortsverband Langenzenn", "Die GRÜNEN Neustadt an der Weinstraße", "Fraktion im
    Stadtrat" — whose page it is, never a paper's subject."""
    bare = _OPENING_ARTICLE.sub("", value)
    words = bare.split()
    if not words:
        return False
    if words[0] in listed_words("mentions", "home", "branches") and len(words) <= 4:
        return True
    if _LIST_FACTION.fullmatch(bare):
        return True
    if words[0] == "Fraktion" and (held := _IN_A_COUNCIL.match(bare, len(words[0]))) is not None:
        return bodies.is_council(bare[held.end() :])
    hits = parties.find(bare)
    if not hits or hits[0].start != 0:
        return False
    rest = bare[hits[0].end :]
    suffix = _FACTION_SUFFIX.match(rest)
    place = (rest[suffix.end() :] if suffix else rest).strip()
    return not place or city.resolve(place) is not None


_QUOTE_OPENING = re.compile(r"[„\"“»]")
_FULL_STOP_QUOTED = re.compile(r"[.!][“”\"«]$")
_LETTERED_WORD = re.compile(r"[^\W\d_]{2}")


def _reads_as_text(line: str) -> bool:
    """A sentence of reported speech, a quoted resolution, a byline or a line without a word:
    what a paper or a report says, never its subject."""
    words = re.findall(r"[\w\-]+", line)
    if not _LETTERED_WORD.search(line) or not set(_not_a_subject("reported")).isdisjoint(words):
        return True
    if _QUOTE_OPENING.match(line) and (
        _FULL_STOP_QUOTED.search(line) or not set(_not_a_subject("quoted_verbs")).isdisjoint(words)
    ):
        return True
    if _FULL_STOP_QUOTED.search(line) and not _QUOTE_OPENING.search(line[:-1]):
        return True  # the end of a quoted resolution whose opening mark is on an earlier line
    if not (words and words[0] in _not_a_subject("byline") and len(words) > 2):
        return False
    names = [name.split() for name in line.split(" ", 1)[1].split(",")]
    return all(parts and people.is_given_name(parts[0]) for parts in names)


@cache
def _broken_off() -> frozenset[str]:
    return frozenset(_not_a_subject("broken_off"))


@cache
def _section_headings() -> frozenset[str]:
    return frozenset(w.lower() for w in _not_a_subject("sections"))


@cache
def _not_a_subject(key: str) -> tuple[str, ...]:
    return tuple(listed_words("chrome", "not_a_subject", key))


def is_headline(line: str) -> bool:
    """A headline that tells what someone did ("SPD setzt sich für … ein", "Hauptausschuß lehnt
    Prüfantrag ab"): who acts first, then a word in lower case that joins no nouns (chrome.toml)."""
    value = _LIST_NUMBER.sub("", line.strip())  # "7. Rat stimmt für kommunales Netz" in a page's breadcrumb
    last = value.rstrip(" !.").rsplit(" ", 1)[-1]
    if last in _headline_words("outcomes") and len(value.split()) >= 2:
        return True  # "Weitere Mittel für die Schulen beschlossen"
    words = _HEADLINE_WORD.findall(value)
    if len(value.split()) <= _HEADLINE_WORDS_MAX and not _headline_words("verbs").isdisjoint(words):
        return True  # "WLAN-Hotspots lassen auf sich warten"
    if value.endswith("?") and any(w.lower() in _headline_words("verbs") for w in value.split()[:2]):
        return True  # "Bekommt Wunstorf freies WLAN?", "Wunstorf Bekommt Wunstorf freies WLAN?"
    value = _TOWN_ADJECTIVE_OPENING.sub("", value)  # "Meitinger Gemeinderat lehnt … ab"
    named = parties.find(value, 0, min(len(value), 40))
    if named and named[0].start == 0:
        rest = value[named[0].end :]
    else:
        first = _FIRST_WORD.match(value)
        if first is None:
            return False
        actor = first.group(0).replace("ß", "ss")  # "Hauptausschuß" in the old spelling
        if not (bodies.is_council(actor) or BODY_WORD.search(actor)):
            return False
        rest = value[first.end() :]
    group = _GROUP_AFTER_ACTOR.match(rest)
    rest = rest[group.end() :] if group else rest
    following = re.match(r"[ \t]+(?P<word>\S+)", rest)
    if following is None:
        return False
    word = following.group("word")
    return word[:1].islower() and word not in _headline_words("joiners")


_SESSION_LINE = re.compile(r"\s*\d{1,3}\.\s*(?:(?:öffentliche|ordentliche|außerordentliche)n?\s+)?Sitzung\b")


def _opens_with_a_resolution(text: str, start: int, end: int) -> bool:
    """ "Die Gemeindevertretung beauftragt die Gemeindeverwaltung": a body acting opens the text."""
    acting = bodies.acting_bodies(text, start, end)
    return bool(acting) and not text[start : acting[0].start].strip(" \t*").removeprefix("Der").removeprefix(
        "Die"
    ).strip()


_SENTENCE_END_INSIDE = re.compile(r"[a-zäöüß][.!?][ \t]+[A-ZÄÖÜ]")


def _runs_into_a_sentence(text: str, line_end: int) -> bool:
    """Does the line ending at `line_end` (its newline) run on, without a break, into a line that opens with a
    small letter and ends a sentence inside ("… der neue Großenhainer Stadtrat⏎konstituiert. Die
    Besetzung …")? A subject printed over two lines goes on with a subject, not a sentence."""
    if not text.startswith("\n", line_end) or text.startswith("\n", line_end + 1):
        return False
    next_end = text.find("\n", line_end + 1)
    following = text[line_end + 1 : len(text) if next_end < 0 else next_end].strip()
    return following[:1].islower() and _SENTENCE_END_INSIDE.search(following) is not None


def _is_prose(line: str) -> bool:
    """A sentence of running text: several words ending with a full stop, perhaps inside a quotation
    („Die Anträge sind sofort zu behandeln.“)."""
    return len(line.split()) > 8 and line.rstrip().rstrip("“”\"«»'’").endswith(".")
