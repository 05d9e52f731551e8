"""Decisions a page tells in prose ("Das hat die Stadtverordnetenversammlung am 7. Oktober
einstimmig beschlossen", "Unser Antrag wurde im Saarbrücker Stadtrat beschlossen"), where no
table, label or heading records them. The phrases are in `ingest/language/outcomes.toml`
([[told]]); the outcome words are the outcome labels of the vocabulary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import cache

from ingest import actors, language
from ingest.dates import find_dates
from ingest.first_chars import scanning
from ingest.genres import city, consultations
from ingest.language import bodies, groups, lexicon
from ingest.records import Consultation, Spanned
from ingest.text import line_bounds, sentence_start

# an adjective of the body's town before its name: "der Eppelborner Gemeinderat"
_TOWN_ADJECTIVE = rf"(?:{city.TOWN_ADJECTIVE}\s+)?"
_WORDS_BETWEEN = 12
_WORD = r"(?:\d{1,4}\.(?:\d{1,2}\.(?:\d{2,4})?)?|[^\s.;!?]+)"  # a date's dots do not end the sentence


@cache
def _pattern(passive_only: bool) -> re.Pattern[str]:
    told = [
        e
        for e in language.entries("outcomes", "told")
        if (not passive_only or e["voice"] == "passive") and e["voice"] != "subject"
    ]
    openers = lexicon.alternatives(tuple(opener for entry in told for opener in entry["openers"]))
    adverbs = lexicon.alternatives(language.words("outcomes", "adverb"))
    return re.compile(
        rf"{lexicon.WORD_EDGE_BEFORE}(?P<opener>{openers})\s+(?:(?:{adverbs})\s+)?(?:(?:der|die|das|dem)\s+)?{_TOWN_ADJECTIVE}"
        rf"(?P<body>{bodies.name_pattern()}|{lexicon.alternatives(bodies.anaphor_words())})"
        r"(?:(?<=s)sitzung|(?<=[^s])ssitzung)?"  # "auf der Gemeinderatssitzung": the session of the body
        rf"(?P<rest>(?:[ \t]+{_WORD}){{0,{_WORDS_BETWEEN + 1}}})"
    )


@cache
def _subject_pattern() -> re.Pattern[str]:
    """ "Der Stadtrat hat am Donnerstagabend zugestimmt": the body opens the sentence as its subject."""
    told = [e for e in language.entries("outcomes", "told") if e["voice"] == "subject"]
    openers = lexicon.alternatives(tuple(opener for entry in told for opener in entry["openers"]))
    majorities = lexicon.alternatives(tuple(m for entry in told for m in entry.get("majorities", ())))
    return re.compile(
        # "Gaildorfs Gemeinderat hat …": the town's genitive instead of the article; "Die Mehrheit des Rates"
        rf"{lexicon.WORD_EDGE_BEFORE}(?:(?:(?:{majorities})|[Dd]er|[Dd]ie|[Dd]as)\s+{_TOWN_ADJECTIVE}|[A-ZÄÖÜ][a-zäöüß]+s\s+)"
        rf"(?P<body>{bodies.name_pattern()})"
        rf"\s+(?P<opener>{openers})(?P<rest>(?:[ \t]+{_WORD}){{0,{_WORDS_BETWEEN + 1}}})"
    )


@cache
def _manner_before() -> re.Pattern[str]:
    """The manner of the vote right before a verb-first decision ("Einstimmig verabschiedete der Rat"):
    the manners of outcomes.toml [[line]]."""
    manners = language.words("outcomes", "line", "manners")
    return re.compile(rf"\b(?i:{lexicon.alternatives(manners)})[ \t]+$")


@cache
def _history() -> re.Pattern[str]:
    """ "bereits", "damals": a told decision before the text's own time (outcomes.toml [[history]])."""
    words = lexicon.alternatives(language.words("outcomes", "history"))
    return re.compile(rf"{lexicon.WORD_EDGE_BEFORE}(?i:{words}){lexicon.WORD_EDGE_AFTER}")


@cache
def _inverted_openers() -> frozenset[str]:
    voices = ("inverted", "subject")
    return frozenset(o for e in language.entries("outcomes", "told") if e["voice"] in voices for o in e["openers"])


def decisions(
    text: str, start: int, end: int, written: date | None = None, passive_only: bool = False, subject: bool = False
) -> list[Consultation]:
    """Every decision told in `text[start:end]`: the body, the outcome word that follows within
    a few words, a full date printed between them. A decision dated before the paper was
    `written` is the history it cites ("Bereits am 22. Mai 2012 hat der Rat … beschlossen").
    `subject`: only the sentences the body opens ("Der Rat hat … zugestimmt"), which a paper's
    own text tells as its history as often as a report tells them as news: read where nothing
    else names a consultation."""
    found: list[Consultation] = []
    inverted = _inverted_openers()
    pattern = _subject_pattern() if subject else _pattern(passive_only)
    for m in scanning(pattern).finditer(text, start, end):
        verb_first = m.group("opener") in inverted
        told_from = m.start("opener") if verb_first else m.start("rest")
        manner = _manner_before().search(text, max(start, told_from - 20), told_from) if verb_first else None
        if manner is not None:
            told_from = manner.start()  # "Einstimmig verabschiedete der Rat den Nachtragshaushalt"
        result = consultations.outcome(text, told_from, m.end("rest"))
        if result is None or _history().search(text, m.start(), result.start):
            continue
        bs = m.start("body")
        printed = bodies.nominative(m.group("body").rstrip(","))
        if printed in bodies.anaphor_words():  # "Einstimmig beschloss das Gremium": the body named before
            printed = bodies.named_before(text, bs) or ""
        if not (bodies.is_council(printed) or consultations.BODY_WORD.search(printed)):
            continue
        opening = sentence_start(text, m.start(), start)
        # the verb may open: "Einstimmig beschloss die Stadtverordnetenversammlung am 27.02.2025 …"
        told_to = m.end("rest") if verb_first else result.start
        in_sentence = find_dates(text, opening, told_to)
        dates = [d for d in in_sentence if not bs <= d.start < m.end("body") and _on_the_day(text, d.start, result)]
        consultation = Consultation(actors.body(printed, bs, bs + len(printed)), m.start(), result.end)
        consultation.date = dates[0] if dates else None
        if _dated_before(consultation, written):
            continue
        consultation.result = result
        if result.value in ("adopted", "adopted-with-changes", "rejected"):
            consultation.role = Spanned("decision", m.start(), result.end)  # that body settled the paper
        # the counts may open the sentence: "Mit zwei Gegenstimmen und einer Enthaltung votierte der Rat für …"
        consultations.votes(consultation, text, opening, result.end)
        found.append(consultation)
    return found


def _papers_told(printed: tuple[str, ...]) -> str:
    """The papers of [[paper_passive]] also with an adjective or a party before the noun ("Der
    entsprechende Antrag", "Der CDU-Antrag")."""
    forms = []
    for paper in printed:
        article, _, noun = paper.partition(" ")
        forms.append(rf"{re.escape(article)}(?:[ \t]+[a-zäöüß][\w-]*)?[ \t]+(?:[\w]+-)?{re.escape(noun)}")
    return "|".join(forms)


_ON_A_DAY = re.compile(r"(?:\bam|\bvom)[ \t]+(?:[A-Z][a-z]+,?[ \t]+(?:dem[ \t]+)?)?$")


def _on_the_day(text: str, at: int, outcome: Spanned[str]) -> bool:
    """A date after the outcome word is the session's only after "am" ("beschloss der Rat am 3. Mai"),
    not a date the decision names ("beschloss, die Straße ab dem 1. Juli zu sperren")."""
    return at < outcome.start or _ON_A_DAY.search(text, max(0, at - 30), at) is not None


@cache
def _paper_passive() -> re.Pattern[str]:
    papers = _papers_told(language.words("outcomes", "paper_passive", "papers"))
    verbs = lexicon.alternatives(language.words("outcomes", "paper_passive", "verbs"))
    return re.compile(
        rf"{lexicon.WORD_EDGE_BEFORE}(?:{papers})(?:[ \t]+{_WORD}){{0,{_WORDS_BETWEEN}}}?[ \t]+(?:{verbs})"
        rf"(?P<rest>(?:[ \t]+{_WORD}){{1,{_WORDS_BETWEEN}}})"
    )


@cache
def _paper_passive_inverted() -> re.Pattern[str]:
    """ "Mit 24:1 Stimmen abgelehnt wurde der Antrag von …", "Einstimmig wurde der Antrag beschlossen":
    the verb before the paper, the outcome before the verb or after the paper."""
    printed = language.words("outcomes", "paper_passive", "papers")
    papers = _papers_told(tuple(form for p in printed for form in (p, p[0].lower() + p[1:])))
    verbs = lexicon.alternatives(language.words("outcomes", "paper_passive", "verbs"))
    return re.compile(
        rf"{lexicon.WORD_EDGE_BEFORE}(?:{verbs})[ \t]+(?:{papers}){lexicon.WORD_EDGE_AFTER}"
        rf"(?P<rest>(?:[ \t]+{_WORD}){{0,{_WORDS_BETWEEN}}})"
    )


def _passive_outcomes(text: str, start: int, end: int) -> Iterator[tuple[int, Spanned[str]]]:
    """Where each paper's outcome told in the passive begins, and the outcome."""
    for m in _paper_passive().finditer(text, start, end):
        result = consultations.outcome(text, m.start("rest"), m.end("rest"))
        if result is not None:
            yield m.start(), result
    for m in _paper_passive_inverted().finditer(text, start, end):
        opening = sentence_start(text, m.start(), start)
        result = consultations.outcome(text, opening, m.start()) or consultations.outcome(
            text, m.start("rest"), m.end("rest")
        )
        if result is not None:
            yield opening, result


def paper_passive(text: str, start: int, end: int, unnamed: bool = False) -> list[Consultation]:
    """The paper's outcome told in the passive with no body ("Der Antrag von CSU und SPD wurde mit 58
    zu 8 Stimmen angenommen", "Mit 24:1 Stimmen abgelehnt wurde der Antrag"): decided by the council
    body the report named last before it (outcomes.toml [[paper_passive]]). `unnamed`: also where the
    report named no body before it, by a body it leaves open."""
    for told_at, result in sorted(_passive_outcomes(text, start, end), key=lambda found: found[0]):
        named = bodies.last_named_before(text, told_at)
        if named is None and not unnamed:
            continue
        body = None
        if named is not None:
            name, bs, be = named
            if not (bodies.is_council(name) or consultations.BODY_WORD.search(name)):
                continue
            body = actors.body(name, bs, be)
        consultation = Consultation(body, told_at, result.end)
        consultation.result = result
        if result.value in ("adopted", "adopted-with-changes", "rejected"):
            consultation.role = Spanned("decision", told_at, result.end)
        consultations.votes(consultation, text, told_at, result.end)
        return [consultation]
    return []


@cache
def _reported_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    (entry,) = language.entries("outcomes", "reported")
    places = lexicon.alternatives(tuple(entry["places"]))
    councils = lexicon.alternatives(bodies.council_words())
    body = re.compile(
        rf"{lexicon.WORD_EDGE_BEFORE}(?:{places})\s+(?:(?:der|die|das|des|dem|einer)\s+)?{_TOWN_ADJECTIVE}"
        rf"(?:(?P<body>{bodies.name_pattern()})"
        # "im Rahmen einer Gemeinderatssitzung", "in der jüngsten Stadtratssitzung": the council's session
        rf"|(?:[a-zäöüß]+\s+)?(?P<session>{councils})s?sitzung\w*)"
    )
    treatment = re.compile(
        rf"{lexicon.WORD_EDGE_BEFORE}(?:{lexicon.alternatives(tuple(entry['treatments']))}){lexicon.WORD_EDGE_AFTER}"
    )
    about_a_paper = re.compile(  # also inside a word, in any case: "FDP-Antrag", "die antragstellende Fraktion"
        rf"(?i:{lexicon.alternatives(tuple(entry['paper_words']))})|^\W*(?:{lexicon.alternatives(tuple(entry['pronouns']))})"
        + lexicon.WORD_EDGE_AFTER
    )
    member = re.compile(rf"(?:{lexicon.alternatives(tuple(entry['members']))})\s*$", re.IGNORECASE)
    return body, treatment, about_a_paper, member


# not the full stop of a day before its month ("am 14. Juni"), nor of an ordinal
_SENTENCE_END = re.compile(r"(?<![\s(]\d)(?<![\s(]\d\d)[.!?](?=\s+[A-ZÄÖÜ„\"])|\n\s*\n")


def reported(text: str, start: int, end: int, written: date | None = None) -> list[Consultation]:
    """The bodies a report says treat the paper, one per body, in text order: "Ein Antrag soll
    im April im Ausschuss für Wirtschaft und Tourismus beraten werden"."""
    body_pattern, treatment, about_a_paper, member = _reported_patterns()
    found: list[Consultation] = []
    opening = start
    for stop in [m.end() for m in _SENTENCE_END.finditer(text, start, end)] + [end]:
        sentence = text[opening:stop]
        if treatment.search(sentence) is None or about_a_paper.search(sentence) is None:
            opening = stop
            continue
        dates = find_dates(text, opening, stop)
        day = dates[0] if len(dates) == 1 else None
        result = consultations.outcome(text, opening, stop)
        for m in body_pattern.finditer(text, opening, stop):
            group = "body" if m.group("body") is not None else "session"
            printed = bodies.nominative(m.group(group).rstrip(","))
            if not (bodies.is_council(printed) or consultations.BODY_WORD.search(printed)):
                continue
            sits_in = m.group(0).startswith(("im ", "in der "))
            if sits_in and member.search(text, max(opening, m.start() - 30), m.start()):
                continue
            bs = m.start(group)
            consultation = Consultation(actors.body(printed, bs, bs + len(printed)), m.start(), m.end(), date=day)
            if _dated_before(consultation, written):
                continue
            consultation.result = result
            if not any(consultations.same(c, consultation) for c in found):
                found.append(consultation)
        opening = stop
    return found


_SESSION_REACH = 120
"""How far after the word of a session its date may be printed ("Sitzung des Rates der Stadt X am …")."""


@cache
def _session_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    (entry,) = [e for e in language.entries("dating", "session") if "sessions" in e]
    sessions, links = lexicon.alternatives(tuple(entry["sessions"])), lexicon.alternatives(tuple(entry["links"]))
    # "Sitzung des Gemeinderats am …", "RATSSITZUNG AM …"; the day straight after the word, a town's name
    # between at most: "Stadtratssitzung 28.06.2023", "Stadtratssitzung Pocking 24.11.2021"; or a council named
    # early in a line with its day: "Aus dem Gemeinderat, 26. Juli 2016", "Bericht des Stadtrates vom …"
    named = re.compile(
        rf"(?i:{sessions})(?:\w*(?:[ \t]+[^\s.;:]+){{0,6}}?[ \t]+(?i:{links})[ \t]+"
        rf"|{lexicon.WORD_EDGE_AFTER}(?:[ \t]+[A-ZÄÖÜ][\w-]+)?[ \t]+(?=\d{{1,2}}\.))"
        rf"|^[^\n]{{0,40}}?{bodies.council_pattern().pattern}(?:[ \t]+(?:{links})|,)[ \t]+(?=\d{{1,2}}\.)",
        re.MULTILINE,
    )
    phrases = "|".join(lexicon.gapped(phrase) for phrase in entry["held"])
    held = re.compile(rf"{lexicon.WORD_EDGE_BEFORE}(?:{phrases}){lexicon.WORD_EDGE_AFTER}")  # not "vertagte"
    return named, held


def session_day(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """The one day a report of a session names for it (dating.toml [[session]]), else None."""
    named, held = _session_patterns()
    stop = len(text) if end is None else end
    days: list[Spanned[date]] = []
    for m in named.finditer(text, start, stop):
        dates = find_dates(text, m.end(), min(stop, m.end() + _SESSION_REACH))
        days += [d for d in dates[:1] if d.start - m.end() <= 15]  # "am Donnerstag, 7. März 2024"
    for m in held.finditer(text, start, stop):
        opening = sentence_start(text, m.start(), start)
        days += find_dates(text, opening, _sentence_end(text, m.end(), stop))[:1]
    # "In der Stadtverordnetenversammlung am 16.11.2017 haben wir bereits …": a session the text looks back on
    days = [d for d in days if not _history().search(text, d.end, _sentence_end(text, d.end, stop))]
    if len({d.value for d in days}) > 1:
        # "(Gemäß Entscheidung des Gemeinderates in der Sitzung am 22.03.2006 erfolgt die Berichterstattung
        # erst …)": a session a bracketed remark names is not the one the report is of
        days = [d for d in days if not _in_a_remark(text, d.start)] or days
    return days[0] if days and len({d.value for d in days}) == 1 else None


def _in_a_remark(text: str, at: int) -> bool:
    """Does `at` stand in brackets that open on its line?"""
    before = text[line_bounds(text, at)[0] : at]
    return before.rfind("(") > before.rfind(")")


def _sentence_end(text: str, at: int, stop: int) -> int:
    """The first full stop from `at` (a date's dots are before `at`), else `stop`."""
    full_stop = text.find(".", at, stop)
    return stop if full_stop < 0 else full_stop


def _first_line(name: str) -> str:
    """A body's name as its first line prints it, where that line names a body of its own."""
    first = name.split("\n", 1)[0].strip()
    return bodies.nominative(first) if first != name and bodies.is_body_name(first) else name


def told_session(text: str, start: int, end: int, undated: bool = False) -> list[Consultation]:
    """The session a page of minutes or results tells of in prose, where no header names it
    ("Gemeindevertretung: Die Sitzung vom 29.06. … Am 29.06.2022 tagte die 35. Sitzung der
    Gemeindevertretung"): its one day and the one council the text names, else none. `undated`:
    the council also where no day is told ("II. Sitzung des Gemeinderates")."""
    day = session_day(text, start, end)
    if day is None and not undated:
        return []
    councils: dict[str, int] = {}
    for printed, at in bodies.named_bodies(text, start, end):
        name = _first_line(printed)  # "Gemeinderat⏎Sitzung vom 7. Mai": a heading over the next line
        if bodies.is_council(name):
            councils.setdefault(name, at)
    if not councils and day is not None:
        # "Die wichtigsten Infos aus der vergangenen Ratssitzung⏎Die Sitzung fand am 23.09.25 statt."
        for name, at in bodies.councils_of_sessions(text, start, end):
            councils.setdefault(name, at)
    if len(councils) != 1:
        return []
    ((name, at),) = councils.items()
    if day is None:
        return [Consultation(actors.body(name, at, at + len(name)), at, at + len(name))]
    return [Consultation(actors.body(name, at, at + len(name)), day.start, day.end, date=day)]


def date_from_the_session(known: list[Consultation], text: str) -> None:
    """The council's decisions a report of one session tells without a date were taken that day; a
    session it names ahead of a decision (no outcome told) keeps its own date or none."""
    undated = [
        c
        for c in known
        if c.date is None and c.result is not None and c.body is not None and bodies.is_council(c.body.name)
    ]
    day = session_day(text) if undated else None
    for consultation in undated:
        consultation.date = day


def _dated_before(consultation: Consultation, day: date | None) -> bool:
    """Is the consultation dated before `day`: history the paper cites, not its own session?"""
    return day is not None and consultation.date is not None and consultation.date.value < day


def add(known: list[Consultation], told: list[Consultation]) -> None:
    """Add the told decisions to what the paper lists: a session already listed takes the told
    outcome; a Beratungsfolge lists every step itself; a decision dated before every session the
    paper lists is history it cites."""
    if any(c.in_sequence for c in known):
        return
    first_session = min((c.date.value for c in known if c.date is not None), default=None)
    for consultation in told:
        if _dated_before(consultation, first_session):
            continue
        same = next((c for c in known if consultations.same(c, consultation)), None)
        if same is None:
            known.append(consultation)
        elif same.result is None:
            same.result = consultation.result
    if len(known) == 1 and known[0].role is None and known[0] in told:
        # the one body a report names is the one that settles the paper, committee or council
        known[0].role = Spanned("decision", known[0].start, known[0].end)


@cache
def _council_session() -> re.Pattern[str]:
    """A council's session named by a compound of its name ("in der letzten Ratssitzung")."""
    councils = lexicon.alternatives(bodies.council_words())
    return re.compile(rf"{lexicon.WORD_EDGE_BEFORE}(?P<council>{councils})s?sitzung")


def _council_of(name: str) -> str:
    """ "Stadtrat Neusäß", "Rat der Stadt": the council a report also calls "Stadtrat", "Rat"."""
    first = bodies.nominative(name.split(maxsplit=1)[0])  # "Stadtrates der Stadt Hoyerswerda"
    return first if first != name and bodies.is_council(first) else name


def _member_title(name: str) -> bool:
    """ "Stadtrat Müller", "Stadtrat Heinz Jahnke": a council's word before a name that is no
    municipality's is a member's title, not the council of a place ("Stadtrat Neusäß")."""
    council, _, rest = name.partition(" ")
    return bool(rest) and " " not in rest and bodies.is_council(council) and city.resolve(rest) is None


# "die Einrichtung eines Gestaltungsbeirates", "einen eigenen Ortschaftsrat bekommen": a body named with
# an indefinite article is one to be made or wished for, not one that sits
_INDEFINITE_BEFORE = re.compile(r"\b[Ee]in(?:e[mnrs]?)?[ \t]+(?:[a-zäöüß]+(?:e|em|en|er|es)[ \t]+)*$")


@cache
def _group_of_the_body() -> re.Pattern[str]:
    """ "Die CDU-Fraktion im Gemeinderat", "Gruppe Die PARTEI im Rat": the body a group sits in,
    named as part of the group's name (only the party's name between), not as a session."""
    return re.compile(
        rf"(?:{groups.noun()})(?:[ \t]+[A-ZÄÖÜ][^\s]*){{0,3}}?[ \t]+(?:im|in[ \t]+der|des|der)[ \t]+{_TOWN_ADJECTIVE}$"
    )


def named_body(text: str, start: int, end: int) -> list[Consultation]:
    """The body a report names, where it names one council or committee, one council beside
    committees, or one council in several words ("der Gemeinderat", "im Rat": the one it names
    most, else first; "Stadtrat Müller" is a member's title): a session the report names is the
    paper's consultation (gold guideline 12), dated by the one session day the report names. Read
    only where nothing else names a consultation."""
    names: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for name, at in bodies.named_bodies(text, start, end):
        to_be_made = _INDEFINITE_BEFORE.search(text, max(0, at - 40), at)
        if to_be_made or _group_of_the_body().search(text, max(0, at - 60), at) or _member_title(name):
            continue
        if bodies.is_council(name) or consultations.BODY_WORD.search(name):
            council = _council_of(name)
            names.setdefault(council, at)
            counts[council] += 1
    for m in _council_session().finditer(text, start, end):
        council = _council_of(m.group("council"))
        names.setdefault(council, m.start())
        counts[council] += 1
    if len(names) > 1:
        names = {name: at for name, at in names.items() if bodies.is_council(name)}
    also_named: tuple[str, ...] = ()
    if len(names) > 1:  # one council in several words ("der Gemeinderat", "im Rat"): the one named most, first
        chosen = min(names.items(), key=lambda item: (-counts[item[0]], item[1]))
        also_named = tuple(name for name in names if name != chosen[0])
        names = dict([chosen])
    if not names:
        return []
    ((name, at),) = names.items()
    day = session_day(text, start, end)
    body = replace(actors.body(name, at, at + len(name)), also_printed=also_named)
    consultation = Consultation(body, at, at + len(name), date=day)
    first = min(_passive_outcomes(text, start, end), key=lambda found: found[0], default=None)
    if first is not None:
        told_at, consultation.result = first
        consultations.votes(consultation, text, told_at, first[1].end)
    return [consultation]
