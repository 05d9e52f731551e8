"""The paper's own date, told apart from the dates of sessions and of the papers it cites.

A paper prints its date in a few conventional places: a labelled field ("Datum:"), the kind
line ("Antrag der Fraktion X vom 12.03.2019", "Kleine Anfrage vom 02.10.2025"), a letter's
place and date ("Bochum, den 24.03.2021", also inside a flattened header) or a line holding
nothing but a date. Council pages print session dates in the same shapes: "Datum: Do,
18.02.2016" beside "Gremium:" and "Raum:", "18.06.2020⏎42. Sitzung", "21.02.2022 - 9.14 …"
(a session's agenda item), "Ratssitzung am 03.11.2014". A date the text shows as a session's is
never taken as the paper's from a weak cue (a bare date line, a labelled field).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache

from ingest import language
from ingest.dates import DATE_PATTERN, find_dates
from ingest.genres import city as cities
from ingest.genres import cues
from ingest.genres.fields import BODY_WORD, DATE_LABELS, SESSION_WORD, TITLE_LABELS, labelled_value, place_date
from ingest.language import lexicon
from ingest.language.lexicon import alternatives
from ingest.records import Spanned
from ingest.text import SENTENCE_BREAK, iter_lines, sentence_start, trim

_DATE = "(?i:" + DATE_PATTERN.pattern[len("(?<![\\d.])") :] + ")"
_WEEKDAY = re.compile(
    r"(?<![\wäöü])(?:Mo|Di|Mi|Do|Fr|Sa|So|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\.?,?[ \t]+$"
)
_SESSION_AFTER = re.compile(r"[ \t]*\n?[ \t]*(?:\d{1,3}\.[ \t]*)?(?:öffentliche[ \t]+)?Sitzung\b", re.IGNORECASE)
_AGENDA_AFTER = re.compile(r"[ \t]+[-–][ \t]+(?:TOP[ \t]*)?(?:Ö[ \t]*)?\d{1,3}(?:\.\d{1,3})*[ \t]")
_SESSION_BEFORE = re.compile(
    rf"(?:[Ss]itzung\w*[ \t]+(?:\w+[ \t]+){{0,2}}?(?:am|vom)|(?:[Vv]ersammlung|{BODY_WORD.pattern})[ \t]+(?:am|vom)"
    r"|[Ss]itzung\w*(?:[ \t]+[\wäöüÄÖÜß\-]+){0,5}[ \t]*,)[ \t]+$"  # "Sitzung des Stadtrates, 24.07.2018"
)
_CITED_BETWEEN = re.compile(
    r"\b(?:zur|zum|zu|auf)\s+(?:der\s+|dem\s+|den\s+|die\s+)?(?:Drucksache|Vorlage|Antrag|Anfrage|Beschluss\w*|DS)\b"
    r"|(?<=[a-zäöüß]{2})(?<!\bProf)(?<!\bvgl)[.!?]\s+[A-ZÄÖÜ]",  # a sentence ends: not "Dr. Kurt", "18. Wahlperiode"
)
_MENTIONED = re.compile(
    r"(?<!\bauf\s)(?<!\büber\s)\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|eines)\s+$", re.IGNORECASE
)
"""An article before the kind word: the sentence mentions a paper ("Der Antrag Nr. 10 … vom …
ist erledigt"); "auf die Kleine Anfrage … vom …" is the paper an answer answers."""
_KIND_VOM = re.compile(rf"\bvom[ \t]+(?P<date>{_DATE})")
_DATE_CELL = re.compile(rf"(?:[ \t]{{3,}}|\t)(?P<date>{_DATE})[ \t]*(?=\n|$)")
"""The kind line's date in a cell of its own at the line's end ("Antrag Sanierung Lokschuppen   30. Mai 2017")."""
_VOM_LINE = re.compile(rf"\n[ \t]*vom[ \t]+(?P<date>{_DATE})[ \t]*(?=\n|$)")
"""The kind line's date alone on the next line: only for the head's first kind word, since a
paper's list of the papers it cites prints them the same way."""
_PLACE_DATE = re.compile(
    rf"(?<![\w\-])(?P<place>[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]*\([^)\n]{{2,20}}\))?),[ \t]*(?:den[ \t]+)?(?P<date>{_DATE})"
)
_DATE_ONLY_LINE = re.compile(rf"[ \t]*(?P<date>{_DATE})[ \t]*[-–:,]?[ \t]*")
# a page's headline dated before a dash or in brackets at its end: "31.10.2023 - Antrag Gewerbegebiet",
# "Digitalisierung der Ratsarbeit (07.01.2021)"
_DATED_HEADLINES = (
    re.compile(rf"[ \t]*(?P<date>{_DATE})[ \t]+[-–][ \t]+[^\n]{{3,120}}"),
    re.compile(rf"[^\n(]{{3,120}}[ \t]\((?P<date>{_DATE})\)[ \t]*"),
)
_HEADLINE_LINES = 6
"""How far down a page a dated headline stands."""
_SESSION_WORDS = re.compile(rf"{SESSION_WORD.pattern}|\bTOP\b|Tagesordnung")  # a session or its agenda
_RELEASE_HEADING = re.compile(
    r"(?:Presse(?:mitteilung|meldung|erklärung|information)|Pressestatement|Mitteilung\s+an\s+die\s+Presse)",
    re.IGNORECASE,
)
HEAD_CHARACTERS = 3000
_CLOCK_AFTER = re.compile(r"[ \t]*[,|–-]?[ \t]*(?:um[ \t]+)?\d{1,2}:\d{2}(?![\d:])")


@lru_cache(maxsize=16)
def session_dates(text: str) -> frozenset[date]:
    """Dates the text prints as a session's: after a weekday ("Do, 18.02.2016"), above a
    "Sitzung" line, before an agenda item number ("21.02.2022 - 9.14"), or after a session or
    body ("Ratssitzung am 03.11.2014", "Stadtverordnetenversammlung vom 28. Oktober 2008")."""
    found: set[date] = set()
    for d in find_dates(text):
        before = text[max(0, d.start - 60) : d.start]
        if (
            _WEEKDAY.search(before)
            or _SESSION_AFTER.match(text, d.end)
            or _AGENDA_AFTER.match(text, d.end)
            or _SESSION_BEFORE.search(before)
        ):
            found.add(d.value)
    return frozenset(found)


def is_session_date(text: str, value: Spanned[date]) -> bool:
    """The date is a session's somewhere in the text (a labelled field is then no paper date)."""
    return value.value in session_dates(text)


def _heads_a_session(text: str, value: Spanned[date]) -> bool:
    """This printed date is a session's: a weekday before it, "Sitzung" just above or below it,
    an agenda item number after it."""
    before = text[max(0, value.start - 60) : value.start]
    above = text[max(0, value.start - 80) : value.start]
    return bool(
        _WEEKDAY.search(before)
        or _SESSION_AFTER.match(text, value.end)
        or _AGENDA_AFTER.match(text, value.end)
        or re.search(r"\bSitzung\b", above, re.IGNORECASE)
    )


def labelled(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """ "Datum: 12.03.2019", "vom: 12.03.2019", or a line of a label and a date alone ("Datum
    12.03.2019"), unless the field is a session's ("Datum: Do, 01.11.2012")."""
    value = labelled_value(text, DATE_LABELS, start, end, max_lines=1)
    if value is None:
        stop = min(len(text) if end is None else end, start + HEAD_CHARACTERS)
        line = _label_and_date_line().search(text, start, stop)
        if line is None:
            return None
        value = Spanned(line.group("date"), line.start("date"), line.end("date"))
    dates = find_dates(text, value.start, value.end) or _compact_date(text, value)
    if not dates or is_session_date(text, dates[0]) or _page_metadata(text, value.end):
        return None
    return dates[0]


# a date as a database prints it, perhaps with its time: "Datum: 20090805", "Datum: 2009080510000028"
_COMPACT_DATE = re.compile(r"(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?:\d{6,8})?")


def _compact_date(text: str, value: Spanned[str]) -> list[Spanned[date]]:
    s, e = trim(text, value.start, value.end)
    m = _COMPACT_DATE.fullmatch(text, s, e)
    if m is None:
        return []
    try:
        day = date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    except ValueError:
        return []
    return [Spanned(day, m.start(), m.start("day") + 2)]


@lru_cache(maxsize=1)
def _label_and_date_line() -> re.Pattern[str]:
    labels = lexicon.alternatives(tuple(label for label in DATE_LABELS if label != "vom"))  # see of_kind_line
    return re.compile(rf"^[ \t*#]*(?i:{labels})[ \t]+(?P<date>{_DATE})[ \t]*$", re.MULTILINE)


def _page_metadata(text: str, value_end: int) -> bool:
    """A portal's metadata block ("Datum⏎03.11.2014⏎Erstellt⏎28.10.14"): the next line is page
    chrome, and the date there is the page's, not the paper's."""
    for ls, le in iter_lines(text, value_end, min(len(text), value_end + 200)):
        s, e = trim(text, ls, le)
        if s < e:
            return s > value_end and lexicon.is_chrome(text[s:e])
    return False


def of_kind_line(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """ "Antrag der Fraktion X vom 12.03.2019", "Kleine Anfrage vom 02.10.2025": the date the
    kind line gives; none when that line cites another paper first ("Änderungsantrag zum Antrag
    der SPD vom …")."""
    stop = min(len(text) if end is None else end, start + HEAD_CHARACTERS)
    subject = labelled_value(text, TITLE_LABELS, start, stop)
    lines = cues.head(text, start, stop)
    if not lines:
        return None
    for number, cue in enumerate(lexicon.kind_cues(text, lines[0][0], lines[-1][1])):
        if subject is not None and subject.start <= cue.start < subject.end:
            continue  # "Betreff: Antrag Nr. 10 der Bürgerversammlung vom …" names another paper
        if _MENTIONED.search(text, max(0, cue.start - 30), cue.start):
            continue  # "anhand der Sitzungsvorlage vom …": a paper the running text mentions
        line_end = text.find("\n", cue.end, stop)
        line_end = stop if line_end < 0 else line_end
        reach = min(line_end, cue.end + 200)
        m = _KIND_VOM.search(text, cue.end, reach) or _DATE_CELL.search(text, cue.end, reach)
        if m is None and number == 0:
            m = _VOM_LINE.match(text, line_end, stop)  # "Antrag der CDU-Fraktion⏎vom 04.05.2020"
        if m is None:
            continue
        if _CITED_BETWEEN.search(text, cue.end, m.start()):
            return None
        if lexicon.kind_cues(text, cue.end, m.start()):
            continue  # a later kind word stands nearer the date
        dates = find_dates(text, m.start("date"), m.end("date"))
        return dates[0] if dates else None
    return None


def of_place(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """A letter's "Ingolstadt, 17. Dezember 2024", also where a flattened header runs it into
    other fields: the place must be a municipality the gazetteer knows."""
    stop = min(len(text) if end is None else end, start + HEAD_CHARACTERS)
    for m in _PLACE_DATE.finditer(text, start, stop):
        if cities.resolve(m.group("place")) is None:
            continue
        dates = find_dates(text, m.start("date"), m.end("date"))
        if dates:
            return dates[0]
    return None


def of_date_line(text: str, start: int = 0, end: int | None = None, lines: int = 20) -> Spanned[date] | None:
    """A line holding nothing but a date ("20. Januar 2022", "24.11.21 –") that is no session's."""
    stop = len(text) if end is None else end
    above = ""
    for count, (ls, le) in enumerate(iter_lines(text, start, stop)):
        if count >= lines:
            break
        s, e = trim(text, ls, le)
        m = _DATE_ONLY_LINE.fullmatch(text, s, e)
        headline = m is None and count < _HEADLINE_LINES and not _SESSION_WORDS.search(text, s, e)
        dated = next((d for p in _DATED_HEADLINES if (d := p.fullmatch(text, s, e))), None) if headline else None
        if dated is not None:
            found = find_dates(text, dated.start("date"), dated.end("date"))
            if found and not _page_metadata(text, e):
                return found[0]
        if m is None:
            above = text[s:e] if s < e else above
            continue
        if _RELEASE_HEADING.fullmatch(above.strip(" \t*#:")):
            continue  # "PRESSEMITTEILUNG⏎20. Februar 2020": the release's date, not the paper's
        dates = find_dates(text, m.start("date"), m.end("date"))
        if dates and not _heads_a_session(text, dates[0]) and not _page_metadata(text, e):
            return dates[0]
    return None


def paper_date(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """The paper's date from the strongest cue its text prints that does not print it as a
    session's ("für die Stadtverordnetenversammlung vom 19. Mai 2022"), or None."""
    stop = len(text) if end is None else end
    for cue in (
        lambda: labelled(text, start, end),
        lambda: of_kind_line(text, start, end),
        lambda: place_date(text, start, min(stop, start + HEAD_CHARACTERS)),
        lambda: of_place(text, start, end),
        lambda: of_date_line(text, start, end),
        lambda: of_letter(text, start, min(stop, start + HEAD_CHARACTERS)),
        lambda: of_opening_sentence(text, start, stop),
        lambda: of_submission(text, start, min(stop, start + HEAD_CHARACTERS)),
    ):
        found = cue()
        if found is None or _CLOCK_AFTER.match(text, found.end):
            continue  # "Donnerstag, 08. März 2018, 09:38 Uhr": the page's time stamp, not the paper's date
        if not _SESSION_BEFORE.search(text, max(0, found.start - 60), found.start):
            return found
    return None


@cache
def _letter_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    sent = alternatives(language.words("dating", "letter"))
    verbs = alternatives(language.words("dating", "letter", "verbs"))
    return (
        re.compile(rf"\b(?:[Mm]it|[Pp]er)[ \t]+(?:{sent})[ \t]+vom[ \t]+(?P<date>{_DATE})"),
        re.compile(rf"(?<![\wäöüß])(?:{verbs})(?![\wäöüß])"),
    )


def of_letter(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """The date of the letter or mail a paper was handed in with, in a sentence that says so:
    "Mit Schreiben vom 29.06.2020 beantragt die CSU-Fraktion …" (ingest/language/dating.toml)."""
    stop = len(text) if end is None else end
    letter, verb = _letter_pattern()
    for m in letter.finditer(text, start, stop):
        sentence_start = max(text.rfind(". ", start, m.start()) + 1, text.rfind("\n", start, m.start()) + 1, start)
        sentence_end = min(e for e in (text.find(". ", m.end(), stop), text.find("\n", m.end(), stop), stop) if e >= 0)
        if verb.search(text, sentence_start, sentence_end):
            dates = find_dates(text, m.start("date"), m.end("date"))
            if dates:
                return dates[0]
    return None


_OPENING_PAPER = re.compile(
    rf"(?:Der|Den|Dem|Die|Mit\s+dem|Mit\s+der|Laut|Gemäß)\s+(?:Antrag|Anfrage|Änderungsantrag|Ergänzungsantrag)\s+"
    rf"(?:der|des|von)\s+[^.\n]{{2,80}}?\s+vom\s+(?P<date>{_DATE})"
)


_SENTENCE_END = re.compile(r"[.!?][ \t]+[A-ZÄÖÜ]")


def of_opening_sentence(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """An agenda item's text that opens with its paper: "Den Antrag der SPD/Aktives Bürgerforum
    vom 22.11.2017 hat der Marktgemeinderat bereits erhalten." Only the first sentences count: a
    paper named later is cited."""
    stop = min(len(text) if end is None else end, start + 400)
    m = _OPENING_PAPER.search(text, start, stop)
    if m is None or _SENTENCE_END.search(text, start, m.start() + 1):
        return None
    dates = find_dates(text, m.start("date"), m.end("date"))
    return dates[0] if dates else None


@cache
def _submission_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    papers = alternatives(language.words("dating", "submitted", "papers"))
    participles = alternatives(language.words("dating", "submitted", "participles"))
    phrases = alternatives(language.words("dating", "submitted", "phrases"))
    told = rf"\b(?:{papers})\b[^.\n]{{0,120}}?\b(?:{participles})\b|\b(?:{phrases})\b"
    return re.compile(rf"\bam[ \t]+(?P<date>{_DATE})"), re.compile(told)


def of_submission(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """The day a faction's post says it handed its paper in: "Wir haben am 26.05.2020 den
    folgenden Antrag im Gemeinderat gestellt" (ingest/language/dating.toml [[submitted]])."""
    stop = len(text) if end is None else end
    day, told = _submission_pattern()
    for m in day.finditer(text, start, stop):
        opening = sentence_start(text, m.start(), start, reach=200)
        closing = SENTENCE_BREAK.search(text, m.end(), stop)
        if told.search(text, opening, closing.start() + 1 if closing else stop):
            dates = find_dates(text, m.start("date"), m.end("date"))
            if dates:
                return dates[0]
    return None


