"""The decision a minutes extract records on its paper: "Beschluss: einstimmig zugestimmt",
"Abstimmung: Ja: 17, Nein: 0, Enthaltungen: 2", the body that decided, the session's date and
agenda item; and how that decision joins the paper's Beratungsfolge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ingest import actors, language
from ingest.dates import DATE_PATTERN, find_dates
from ingest.genres import consultations, told, votes
from ingest.genres.fields import BODY_WORD, labelled_value
from ingest.language import bodies
from ingest.language.lexicon import alternatives
from ingest.records import Consultation, Spanned
from ingest.text import iter_lines, line_bounds, trim


@cache
def marker_pattern() -> re.Pattern[str]:
    """A label that opens a recorded decision ("Beschluss:", "Abst.Ergebnis:"), from outcomes.toml."""
    labels = alternatives(language.words("outcomes", "marker", "labels"))
    return re.compile(rf"^[ \t*#•\-]*(?:{labels})[ \t]*(?::|$)", re.MULTILINE | re.IGNORECASE)


_BODY_LABELS = ("Gremium", "Sitzung", "Ausschuss")
_DATE_LABELS = ("Datum", "Sitzungsdatum", "Sitzung am")
_INLINE_RESULT = re.compile(r"\b(?:Beschlussart|Beschlussergebnis)[ \t]*:")
_ITEM_LABELS = ("TOP", "Tagesordnungspunkt")
_PUBLIC_LABELS = ("Beratung", "Status", "Öffentlichkeitsstatus")
_WITHDRAWN = re.compile(r"\bzog\b[^.\n]{0,80}\b(?:Antrag|Anfrage|Vorlage)\b[^.\n]{0,20}\bzurück\b|\bzurückgezogen\b")
_AGENDA = re.compile(r"\bTOP\b\s*:?\s*(?P<item>(?:Ö|NÖ|N)?\s*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\b")
_ITEM_VALUE = re.compile(r"^(?:Ö|NÖ|N)?\s*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?$")
_DATE_TEXT = "(?i:" + DATE_PATTERN.pattern[len("(?<![\\d.])") :] + ")"
_ITEM_HEAD = re.compile(
    r"^[ \t*#]*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s+[-–]\s+(?P<item>(?:Ö|NÖ|N)?\s*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\s+\S",
    re.MULTILINE,
)  # the head line of an agenda item's page: "08.11.2021 - 9.16 Flächendeckendes öffentliches W-LAN …"
# read with match() at the value's start
_PUBLIC_VALUE = re.compile(r"(?P<not>nicht\s?öffentlich|nichtöffentlich)|öffentlich", re.IGNORECASE)
_VOTE_LINE = re.compile(
    r"^[ \t*•\-]*(?:Ja|Nein|Enthaltung|Gegenstimme|Dafür|Dagegen)[\w\-]*[ \t]*[:=]?[ \t]*\d", re.I | re.M
)


def _inline_result(text: str, start: int, stop: int) -> Spanned[str] | None:
    """The outcome after a result label inside a header line ("… Beschlussart: vertagt")."""
    label = _INLINE_RESULT.search(text, start, stop)
    return consultations.outcome(text, label.end(), line_bounds(text, label.end())[1]) if label else None


@dataclass
class Decision:
    """A recorded decision and how sure we are of the body that took it."""

    consultation: Consultation
    body_guessed: bool  # the body is only the council the text names most often


def decision(text: str, start: int = 0, end: int | None = None) -> Consultation | None:
    """The decision recorded in `text[start:end]`, or None where no decision marker is printed."""
    found = read(text, start, end)
    return found.consultation if found else None


def read(text: str, start: int = 0, end: int | None = None) -> Decision | None:
    stop = len(text) if end is None else end
    all_markers = list(marker_pattern().finditer(text, start, stop))
    markers = [m for m in all_markers if not _after_amendment_vote(text, m.start())]
    amended = any(_adopted(text, m.end(), min(stop, m.end() + 200)) for m in all_markers if m not in markers)
    on_own_line = not markers  # outcome lines are read whole, labels from their end
    if on_own_line:
        markers = _outcome_lines(text, start, stop)
    if not markers:
        return _recorded(text, start, stop)
    result: Spanned[str] | None = None
    counts: dict[str, Spanned[int]] = {}
    for marker in markers:
        ls, le = line_bounds(text, marker.start())
        window_end = min(stop, le + 1 + 200)
        after = marker.start() if on_own_line else marker.end()
        if result is None:
            result = consultations.outcome(text, after, le) or consultations.outcome(
                text, le, min(stop, _next_line_end(text, le))
            )
        if not counts:
            counts = votes.read(text, after, le if on_own_line else window_end)
    if result is None:  # "Gremium: Haushaltsausschuss Beschlussart: vertagt": a label inside the line
        result = _inline_result(text, start, stop)
    if counts and all(c.value == 0 for c in counts.values()):
        counts = {}  # "Ja: 0, Nein: 0, Enthaltungen: 0": the form's empty template, not a vote
    if not counts:
        counts = _vote_block(text, start, stop)
    if result is None and not counts:  # a paper put to the vote was not withdrawn
        withdrawn = _WITHDRAWN.search(text, start, stop)
        if withdrawn:
            result = Spanned("withdrawn", withdrawn.start(), withdrawn.end())
    if result is None:
        result = _result_of_vote(counts)
    if result is None and not on_own_line:
        result = _manner_alone(text, markers)
    if result is None:
        result = _resolution_after_label(text, markers, stop)
    if amended and result is not None and result.value == "adopted":
        # an amendment was adopted before the paper: the paper passed in its amended form
        result = Spanned("adopted-with-changes", result.start, result.end)
    body = _body(text, start, stop)
    guessed = body is None
    if body is None:
        body = _council(text, start, stop)
    day = _date(text, start, stop)
    if day is None and body is not None and not guessed:
        day = _day_of_the_acting_body(text, body, start, stop)
    if result is None and not counts and body is None:
        return None
    first = markers[0]
    consultation = Consultation(body, first.start(), first.end(), date=day, result=result)
    consultation.votes_for = counts.get("for")
    consultation.votes_against = counts.get("against")
    consultation.abstentions = counts.get("abstentions")
    consultation.agenda_item = _agenda_item(text, start, stop)
    consultation.public = _public(text, start, stop)
    head = _ITEM_HEAD.search(text, start, min(stop, start + 400))
    if head is not None:
        dates = find_dates(text, head.start("date"), head.end("date"))
        if consultation.date is None and dates:
            consultation.date = dates[0]
        if consultation.agenda_item is None:
            consultation.agenda_item = Spanned(
                " ".join(head.group("item").split()), head.start("item"), head.end("item")
            )
    if consultation.public is None and consultation.agenda_item is not None:
        consultation.public = item_public(consultation.agenda_item)
    return Decision(consultation, guessed)


def item_public(item: Spanned[str]) -> Spanned[bool] | None:
    """The public flag an agenda item's number shows: "Ö 7.7" is in the public part of a
    session, "N 3" / "NÖ 3" in the closed part."""
    m = re.match(r"(NÖ|N|Ö)\s*\d", item.value)
    return Spanned(m.group(1) == "Ö", item.start, item.end) if m else None


@cache
def _outcome_line() -> re.Pattern[str]:
    starts = alternatives(language.words("outcomes", "line", "starts"))
    verbs = alternatives(language.words("outcomes", "line", "verbs"))
    manners = alternatives(language.words("outcomes", "line", "manners"))
    return re.compile(
        rf"^[ \t*]*(?:(?:{starts})\b|[^\n]{{0,80}}\b(?:{verbs})[ \t]+(?:{manners})\b)[^\n]{{0,160}}$", re.MULTILINE
    )


def _outcome_lines(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Lines that record an outcome by themselves ("Bei 3 Enthaltungen einstimmig angenommen.")."""
    return [m for m in _outcome_line().finditer(text, start, end) if consultations.outcome(text, m.start(), m.end())]


@cache
def _amendment_vote() -> re.Pattern[str]:
    (entry,) = language.entries("votes", "amendment_vote")
    papers, words = alternatives(tuple(entry["papers"])), alternatives(tuple(entry["words"]))
    return re.compile(rf"(?:{papers})[^\n]{{0,160}}?(?:{words})|(?:{words})[^\n]{{0,40}}?(?:{papers})")


def _after_amendment_vote(text: str, pos: int) -> bool:
    """Does the vote marker at `pos` follow a sentence that puts an amendment to the vote?"""
    window = text[max(0, pos - 300) : pos]
    paragraphs = [p for p in re.split(r"\n[ \t\u00a0]*\n", window) if p.strip()]
    return bool(paragraphs) and bool(_amendment_vote().search(paragraphs[-1]))


def _recorded(text: str, start: int, stop: int) -> Decision | None:
    """A dated decision told in running text: "Der Antrag wurde im Ferienausschuss am 08.09.2022
    einstimmig mit 17:0 beschlossen"."""
    dated = next((c for c in told.decisions(text, start, stop, passive_only=True) if c.date is not None), None)
    return None if dated is None else Decision(dated, False)


@cache
def _resolution_pattern() -> tuple[re.Pattern[str], str]:
    """The resolution under a decision label, and the outcome it records (outcomes.toml)."""
    (entry,) = language.entries("outcomes", "resolution")
    labels, verbs = alternatives(tuple(entry["labels"])), alternatives(tuple(entry["verbs"]))
    pattern = re.compile(
        rf"^[ \t*#•\-]*(?:{labels})[ \t]*:?[ \t]*\n(?:[ \t\u00a0]*\n)*"
        rf"(?P<resolution>[^\n]{{0,400}}?\b(?:{verbs})\b)(?![ \t]*:)",
        re.MULTILINE | re.IGNORECASE,
    )
    return pattern, str(entry["outcome"])


def _resolution_after_label(text: str, markers: list[re.Match[str]], stop: int) -> Spanned[str] | None:
    """ "Beschluss:⏎Die Gemeinde stimmt dem Vertrag zu.": a resolution printed under its label, unless
    the line after it tells the outcome in the passive ("Der Antrag wurde vom Stadtrat abgelehnt."):
    the resolution printed is then the one put to the vote, not the one taken."""
    pattern, outcome = _resolution_pattern()
    for marker in markers:
        m = pattern.match(text, marker.start(), stop)
        if m is not None:
            told_after = _told_after(text, m.end("resolution"), stop)
            return told_after or Spanned(outcome, m.start("resolution"), m.end("resolution"))
    return None


@cache
def _manner_alone_pattern() -> re.Pattern[str]:
    manners = alternatives(language.words("outcomes", "marker", "manners"))
    closings = alternatives(language.words("outcomes", "marker", "closings"))
    return re.compile(rf"[ \t]*(?i:{manners})(?:[ \t]*(?:{closings}))?[ \t.]*$", re.MULTILINE)


def _manner_alone(text: str, markers: list[re.Match[str]]) -> Spanned[str] | None:
    """ "Beschluss: einstimmig": the manner of the vote alone after the label adopts what was put to
    the vote (outcomes.toml [[marker]] `manners`)."""
    for marker in markers:
        m = _manner_alone_pattern().match(text, marker.end())
        if m is not None:
            return Spanned("adopted", m.start(), m.end())
    return None


def _told_after(text: str, resolution_end: int, stop: int) -> Spanned[str] | None:
    """The outcome told in the passive on the line after the resolution's line."""
    _, line_end = line_bounds(text, resolution_end)
    reach = min(stop, _next_line_end(text, line_end))
    found = told.decisions(text, line_end, reach, passive_only=True) or told.paper_passive(text, line_end, reach)
    return found[0].result if found else None


def _result_of_vote(counts: dict[str, Spanned[int]]) -> Spanned[str] | None:
    """A counted vote without outcome words: more yes than no adopts, otherwise (a tie too) the
    paper is rejected."""
    yes, no = counts.get("for"), counts.get("against")
    if yes is None or no is None:
        return None
    return Spanned("adopted" if yes.value > no.value else "rejected", min(yes.start, no.start), max(yes.end, no.end))


def _adopted(text: str, start: int, end: int) -> bool:
    """Was the vote printed in `text[start:end]` carried?"""
    found = consultations.outcome(text, start, end)
    if found is not None:
        return found.value in ("adopted", "adopted-with-changes")
    carried = _result_of_vote(votes.read(text, start, end))
    return carried is not None and carried.value == "adopted"


def _vote_block(text: str, start: int, end: int) -> dict[str, Spanned[int]]:
    """Counts printed as a block of their own ("Ja-Stimmen: 9⏎Nein-Stimmen: 0"), away from the
    decision marker."""
    for ls, le in iter_lines(text, start, end):
        if _VOTE_LINE.match(text, ls, le):
            counts = votes.read(text, ls, min(end, ls + 200))
            if "for" in counts or "against" in counts:
                return counts
    return {}


def _next_line_end(text: str, line_end: int) -> int:
    nxt = text.find("\n", line_end + 1)
    return len(text) if nxt < 0 else nxt


def _body(text: str, start: int, end: int) -> actors.ActorMention | None:
    for label in _BODY_LABELS:  # "Gremium: Stadtrat" names the body; "Sitzung: Sitzung des Stadtrates" only the session
        labelled = labelled_value(text, (label,), start, end, max_lines=1)
        # "Gremium:" names a body whatever its words ("Haushalt, Personal und Rechnungsprüfung")
        if labelled is None or not (label == "Gremium" or BODY_WORD.search(labelled.value)):
            continue
        s, e = trim(text, labelled.start, labelled.end, " \t*•-")
        dated = re.match(rf"(?:{_DATE_TEXT})[ \t,]+", text[s:e])  # "Sitzung: 19.03.2015 Stadtverordnetenversammlung"
        if dated:
            s += dated.end()
        value = re.split(r"\s{2,}|\s+(?:Beschlussart|Status|Datum)\b|\s+\([A-ZÄÖÜ]{1,6}\)", text[s:e])[0]
        return actors.body(value, s, s + len(value))
    acting = bodies.acting_bodies(text, start, end)
    # a committee that acts or recommends is the one whose minutes these are: the council is named
    # in the resolution it recommends ("Der Ausschuss empfiehlt dem Rat: Der Rat beschließt …")
    committees = [a for a in acting if not bodies.is_council(a.name)]
    chosen = committees[0] if committees else (acting[0] if acting else None)
    if chosen is None:
        return None
    return actors.body(chosen.name, chosen.start, chosen.end)


def _council(text: str, start: int, end: int) -> actors.ActorMention | None:
    """Where no body is named as deciding, the council the extract speaks of most often."""
    counts: dict[str, list[re.Match[str]]] = {}
    for m in bodies.council_pattern().finditer(text, start, end):
        counts.setdefault(m.group("body"), []).append(m)
    if not counts:
        return None
    best = max(counts.values(), key=len)[0]
    return actors.body(best.group("body"), best.start("body"), best.end("body"))


_HEADER_REACH = 800
"""How far from its start an extract's header runs ("Gremium:", "Datum:", "TOP:")."""


def header_session(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """The session an extract's header names with labels, whatever came of it ("Gremium:
    Stadtvertretung der Hansestadt Anklam Beschlussart: (offen)⏎Datum: Do, 30.03.2023 … TOP: Ö 4"):
    body, date, agenda item and public flag; only where the header names both a body and a date."""
    stop = min(len(text) if end is None else end, start + _HEADER_REACH)
    labelled = labelled_value(text, ("Gremium",), start, stop, max_lines=1)
    body = _body(text, start, stop) if labelled is not None else None
    day = _date(text, start, stop)
    if day is None:
        return []
    if body is None:
        return _session_line(text, start, stop)
    session = _with_item(Consultation(body, body.start, body.end, date=day), text, start, stop)
    result = _inline_result(text, start, stop)
    if result is not None:  # "Gremium: Gemeindevertretung Ahrensfelde Beschlussart: geändert beschlossen"
        session.result = result
        council = bodies.is_council(body.name)  # a committee's extract records its recommendation
        session.role = Spanned("decision" if council else "preliminary", body.start, body.end)
    return [session]


def _session_line(text: str, start: int, stop: int) -> list[Consultation]:
    """ "Sitzung: 15.01.2020 Stadtrat", "Sitzung:03.12.2019   SR/010/2019": the session an agenda
    item's page names by its date, with the body where its name follows the date."""
    labelled = labelled_value(text, ("Sitzung",), start, stop, max_lines=1)
    dates = find_dates(text, labelled.start, labelled.end) if labelled else []
    if labelled is None or not dates:
        return []
    rs, re_ = trim(text, dates[0].end, labelled.end)
    named = bodies.is_body_name(text[rs:re_])
    body = actors.body(text[rs:re_], rs, re_) if named else None
    return [_with_item(Consultation(body, labelled.start, labelled.end, date=dates[0]), text, start, stop)]


def _with_item(consultation: Consultation, text: str, start: int, stop: int) -> Consultation:
    """The agenda item and public flag a header prints for the session ("TOP Ö 8": the public part)."""
    consultation.agenda_item = _agenda_item(text, start, stop)
    consultation.public = _public(text, start, stop)
    if consultation.public is None and consultation.agenda_item is not None:
        consultation.public = item_public(consultation.agenda_item)
    return consultation


def _date(text: str, start: int, end: int) -> Spanned[date] | None:
    for labels in (_DATE_LABELS, ("Sitzung",)):  # "Datum: Do, 01.11.2012", "Sitzung: 19.03.2015 Stadtrat"
        labelled = labelled_value(text, labels, start, end, max_lines=1)
        dates = find_dates(text, labelled.start, labelled.end) if labelled else []
        if dates:
            return dates[0]
    return None


_IN_SESSION = re.compile(r"\b(?:in[ \t]+(?:seiner|ihrer|der)[ \t]+)?(?:\w+[ \t]+)?Sitzung[ \t]+(?:am|vom)[ \t]+$")


def _day_of_the_acting_body(text: str, body: actors.ActorMention, start: int, stop: int) -> Spanned[date] | None:
    """The session the deciding body's own sentence names ("Der Gemeinderat … beschließt in seiner
    Sitzung am 19.12.2023:"), unless the extract names another session day (a resolution drafted for
    a session that was put off is printed with that session's day)."""
    for day in find_dates(text, body.end, min(stop, body.end + 200)):
        if _SENTENCE_END.search(text, body.end, day.start):
            return None
        if _IN_SESSION.search(text, body.end, day.start):
            return None if _another_session_day(text, start, stop, day.value) else day
    return None


def _another_session_day(text: str, start: int, stop: int, day: date) -> bool:
    """Does the extract name a session on another day ("… aus der Sitzung des Stadtrates vom 30.10.2025")?"""
    for m in _SESSION_WORD.finditer(text, start, stop):
        if any(d.value != day for d in find_dates(text, m.end(), min(stop, m.end() + 60))[:1]):
            return True
    return False


_SESSION_WORD = re.compile(r"Sitzung\b")
_SENTENCE_END = re.compile(r"[.:!?](?:\s|$)")


def _agenda_item(text: str, start: int, end: int) -> Spanned[str] | None:
    labelled = labelled_value(text, _ITEM_LABELS, start, min(end, start + 1500), max_lines=1)
    if labelled is not None:
        s, e = trim(text, labelled.start, labelled.end, " \t*•-")
        if _ITEM_VALUE.match(text[s:e]):
            return Spanned(" ".join(text[s:e].split()), s, e)
    item = _AGENDA.search(text, start, min(end, start + 1500))
    if item:
        return Spanned(" ".join(item.group("item").split()), item.start("item"), item.end("item"))
    return None


def _public(text: str, start: int, end: int) -> Spanned[bool] | None:
    labelled = labelled_value(text, _PUBLIC_LABELS, start, min(end, start + 1500), max_lines=1)
    if labelled is None:
        return None
    s, e = trim(text, labelled.start, labelled.end, " \t*•-")
    m = _PUBLIC_VALUE.match(text, s, e)
    return Spanned(m.group("not") is None, s, e) if m else None


def _loose_key(name: str) -> frozenset[str]:
    """The words that tell one body from another ("Ausschuss Haushalt und Personal" and "Haushalt
    und Personal" are one committee)."""
    words = {w for w in re.findall(r"[^\W\d_]+", name.lower()) if len(w) > 3}
    return frozenset(words - {"ausschuss", "ausschusses", "sowie", "stadt", "gemeinde"})


def _same_body(a: actors.ActorMention, b: actors.ActorMention) -> bool:
    if actors.body_key(a.name) == actors.body_key(b.name):
        return True
    if bodies.is_council(a.name) and bodies.is_council(b.name):
        return False  # "Stadtrat" and "Rat der Stadt": told apart by the words printed
    ka, kb = _loose_key(a.name), _loose_key(b.name)
    return bool(ka and kb) and (ka <= kb or kb <= ka)


def _same_day(a: Spanned[date] | None, b: Spanned[date] | None) -> bool:
    return a is not None and b is not None and a.value == b.value


def attach(known: list[Consultation], found: Decision) -> None:
    """Join a recorded decision to the consultation of the Beratungsfolge it belongs to (same
    body, and same date where both are dated), or add it as a consultation of its own."""
    decided = found.consultation
    candidates = known
    if decided.body is not None and not found.body_guessed:
        # the same body, or a session a header names by its date alone ("Sitzung: 25.06.2020")
        candidates = [
            c
            for c in known
            if (c.body is not None and _same_body(c.body, decided.body))
            or (c.body is None and _same_day(c.date, decided.date))
        ]
    if decided.date is not None:
        candidates = [c for c in candidates if c.date is None or c.date.value == decided.date.value]
    if len(candidates) > 1 and decided.result is not None:
        agreeing = [c for c in candidates if c.result is not None and c.result.value == decided.result.value]
        candidates = agreeing or [c for c in candidates if c.result is None] or candidates
    target: Consultation | None = None
    if len(candidates) == 1:
        target = candidates[0]
    elif candidates and (decided.body is not None and not found.body_guessed):
        target = candidates[-1]  # the latest step of that body
    if target is None:
        known.append(decided)
        return
    for attr in ("body", "date", "result", "votes_for", "votes_against", "abstentions", "agenda_item", "public"):
        if getattr(target, attr) is None and getattr(decided, attr) is not None:
            setattr(target, attr, getattr(decided, attr))
