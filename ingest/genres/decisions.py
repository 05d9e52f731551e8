"""The decision a minutes extract records on its paper: "Beschluss: einstimmig zugestimmt",
"Abstimmung: Ja: 17, Nein: 0, Enthaltungen: 2", the body that decided and the session's date."""

from __future__ import annotations

import re
from datetime import date

from ingest import actors
from ingest.dates import find_dates
from ingest.genres import consultations, votes
from ingest.genres.fields import BODY_WORD, labelled_value
from ingest.records import Consultation, Spanned
from ingest.text import line_bounds, trim

MARKER = re.compile(
    r"^[ \t*#]*(?:Beschluss(?:art|ergebnis|fassung)?|Abstimmung(?:sergebnis)?|Ergebnis|Votum|Entscheidung)"
    r"[ \t]*(?::|$)",
    re.MULTILINE | re.IGNORECASE,
)
_ACTING_BODY = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:Der|Die|Das)\s+(?P<body>(?:[A-ZÄÖÜ][\w\-äöüß]*\s+){0,3}?"
    r"(?:Rat|Stadtrat|Gemeinderat|Kreistag|Ratsversammlung|Gemeindevertretung|Stadtverordnetenversammlung"
    r"|Bürgerschaft|Stadtbürgerschaft|Bezirksversammlung|Bezirksverordnetenversammlung|Hauptausschuss"
    r"|[\w\-äöüß]*[Aa]usschuss|Vollversammlung|Magistrat))"
    r"(?:\s+der\s+(?:Stadt|Gemeinde|Landeshauptstadt|Hansestadt)\s+[A-ZÄÖÜ][\w\-äöüß]*)?"
    r"\s+(?:beschließt|beschloss|stimmt|stimmte|lehnt|lehnte|begrüßt|nimmt|nahm|beauftragt|empfiehlt|verweist|hat)\b"
)
_BODY_LABELS = ("Gremium", "Sitzung", "Ausschuss")
_DATE_LABELS = ("Datum", "Sitzungsdatum", "Sitzung am")
_WITHDRAWN = re.compile(r"\bzog\b[^.\n]{0,80}\b(?:Antrag|Anfrage|Vorlage)\b[^.\n]{0,20}\bzurück\b|\bzurückgezogen\b")
_AGENDA = re.compile(r"\bTOP\b\s*:?\s*(?P<item>(?:Ö|NÖ|N)?\s*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\b")


def decision(text: str, start: int = 0, end: int | None = None) -> Consultation | None:
    """The decision recorded in `text[start:end]`, or None where no decision marker is printed."""
    stop = len(text) if end is None else end
    markers = list(MARKER.finditer(text, start, stop))
    if not markers:
        return None
    result: Spanned[str] | None = None
    counts: dict[str, Spanned[int]] = {}
    for marker in markers:
        ls, le = line_bounds(text, marker.start())
        window_end = min(stop, le + 1 + 200)
        if result is None:
            result = consultations.outcome(text, marker.end(), le) or consultations.outcome(
                text, le, min(stop, _next_line_end(text, le))
            )
        if not counts:
            counts = votes.read(text, marker.end(), window_end)
    if result is None:
        withdrawn = _WITHDRAWN.search(text, start, stop)
        if withdrawn:
            result = Spanned("withdrawn", withdrawn.start(), withdrawn.end())
    body = _body(text, start, stop) or _council(text, start, stop)
    day = _date(text, start, stop)
    if result is None and not counts and body is None:
        return None
    first = markers[0]
    consultation = Consultation(body, first.start(), first.end(), date=day, result=result)
    consultation.votes_for = counts.get("for")
    consultation.votes_against = counts.get("against")
    consultation.abstentions = counts.get("abstentions")
    item = _AGENDA.search(text, start, min(stop, start + 1500))
    if item:
        consultation.agenda_item = Spanned(" ".join(item.group("item").split()), item.start("item"), item.end("item"))
    return consultation


def _next_line_end(text: str, line_end: int) -> int:
    nxt = text.find("\n", line_end + 1)
    return len(text) if nxt < 0 else nxt


def _body(text: str, start: int, end: int) -> actors.ActorMention | None:
    labelled = labelled_value(text, _BODY_LABELS, start, end, max_lines=1)
    if labelled is not None and BODY_WORD.search(labelled.value):
        value = re.split(r"\s{2,}|\s+(?:Beschlussart|Status|Datum)\b", labelled.value)[0]
        s = labelled.start
        return actors.body(value, s, s + len(value))
    m = _ACTING_BODY.search(text, start, end)
    if m:
        bs, be = trim(text, m.start("body"), m.end("body"))
        return actors.body(text[bs:be], bs, be)
    return None


_COUNCIL_WORD = re.compile(
    r"\b(?P<body>Stadtrat|Gemeinderat|Ratsversammlung|Gemeindevertretung|Stadtverordnetenversammlung|Kreistag"
    r"|Stadtbürgerschaft|Bezirksversammlung|Bezirksverordnetenversammlung|Rat)(?:es|s)?\b"
)


def _council(text: str, start: int, end: int) -> actors.ActorMention | None:
    """Where no body is named as deciding, the council the extract speaks of most often."""
    counts: dict[str, list[re.Match[str]]] = {}
    for m in _COUNCIL_WORD.finditer(text, start, end):
        counts.setdefault(m.group("body"), []).append(m)
    if not counts:
        return None
    best = max(counts.values(), key=len)[0]
    return actors.body(best.group("body"), best.start("body"), best.end("body"))


def _date(text: str, start: int, end: int) -> Spanned[date] | None:
    labelled = labelled_value(text, _DATE_LABELS, start, end, max_lines=1)
    if labelled is None:
        return None
    dates = find_dates(text, labelled.start, labelled.end)
    return dates[0] if dates else None
