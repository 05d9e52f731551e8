"""Questions asked and answered aloud, as minutes record them in reported speech: "Ratsherr
Lembeck fragte, ob …" and "Bürgermeister Niehues antwortete, dass …", or a speaker's name alone on
a line ("Ratsfrau Haake:") before what was said. The wording is in `questions.toml`.

A recorded question is an inquiry (untitled, unless the record gives it a subject) put by the
one who asked it; the answer is a statement on it by the one who answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ingest import actors, language
from ingest.genres import cues, people, statements
from ingest.language import lexicon, parties
from ingest.language.lexicon import WORD_EDGE_AFTER, WORD_EDGE_BEFORE, alternatives, gapped
from ingest.records import ActorMention, Spanned
from ingest.text import iter_lines, trim

_SPEAKER_MAX = 60
"""How far before its verb a speaker's name may begin (an office, a form of address, a name)."""


@dataclass
class Turn:
    """One speaker's turn: who spoke (None: nobody named) and where the verb or the speaker line is."""

    speaker: ActorMention | None
    start: int
    end: int


@dataclass
class OralQuestion:
    question: Turn
    answer: Turn | None
    further_answers: list[Turn] = field(default_factory=list)
    """Other offices of the administration that answered the same question, one turn each."""


@cache
def _verbs(table: str) -> re.Pattern[str]:
    # "teilt mit" also reads "teilt hierzu mit": a separable verb's particle after a few words
    forms = "|".join(
        gapped(word.replace(" ", " … ", 1)) if len(word.split()) == 2 and word.split()[1].islower() else re.escape(word)
        for word in language.words("questions", table)
    )
    return re.compile(rf"{WORD_EDGE_BEFORE}(?:{forms}){WORD_EDGE_AFTER}")


@cache
def _anonymous() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternatives(language.words('questions', 'anonymous'))})\s*$")


# not "Die 1. Bürgermeisterin", "Herr J. Peters"
_SENTENCE_START = re.compile(r"(?:^|(?<![\d\s]\d)(?<!\s\d)(?<!\b[A-ZÄÖÜ])[.!?:]\s+|\n)(?=[^\n!?:]*$)")
_GROUP_AFTER_NAME = re.compile(r"[ \t]*\([^()\n]{2,40}\)[ \t]*$")
_HOME_AFTER_NAME = re.compile(r"[ \t]+aus[ \t]+[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]+[A-ZÄÖÜ][\wäöüß\-]+)?[ \t]*,?[ \t]*$")
_ENUMERATOR = re.compile(r"(?:(?:[a-z]|\d{1,2})[).]|[-–•])[ \t]+")  # "a) ", "1. ", "- "
_DATELINE = re.compile(r"[A-ZÄÖÜ][\w.\-]*(?:[ \t]+[A-ZÄÖÜ][\w.\-]*){0,2}[ \t]+[—–-][ \t]+")  # "Kronach — "
# "Ratsfrau Haake:", "1.    GR Geck Reinhold:": a numbered question's asker too
_SPEAKER_LINE = re.compile(r"[ \t]*(?:\d{1,2}\.[ \t]+)?(?P<who>[A-ZÄÖÜ][^\n:]{2,60}?)[ \t]*:[ \t]*$")


def _sentence_opening(text: str, verb: int, reach: int) -> int | None:
    """Where the sentence of the verb at `verb` opens, within `reach` characters before it; the full
    stop of an abbreviated office or title ends none ("Abg. Rudolph hinterfragt …")."""
    floor = max(0, verb - reach)
    stop = verb
    while True:
        opening = max((m.end() for m in _SENTENCE_START.finditer(text[floor:stop])), default=None)
        if opening is None:
            return None
        abbreviation = _abbreviation_before().search(text, max(floor, floor + opening - 16), floor + opening)
        if abbreviation is None:
            return floor + opening
        stop = abbreviation.start()


@cache
def _abbreviation_before() -> re.Pattern[str]:
    words = (*lexicon.office_words(), *language.words("offices", "rank"))
    dotted = tuple(w for w in words if w.endswith(".") and not w[0].isdigit())
    return re.compile(rf"{WORD_EDGE_BEFORE}(?:{alternatives(dotted)}|{actors.ACADEMIC})\s+$")


def _speaker_before(text: str, verb: int) -> Turn | None:
    """The subject of the sentence whose verb begins at `verb`, read as a person with an office."""
    opening = _sentence_opening(text, verb, _SPEAKER_MAX)
    s, e = trim(text, max(0, verb - _SPEAKER_MAX) if opening is None else opening, verb)
    enumerator = _ENUMERATOR.match(text, s, e) or _DATELINE.match(text, s, e)  # "a) Stadtverordnete Hensen …"
    s = enumerator.end() if enumerator else s
    group = _GROUP_AFTER_NAME.search(text, s, e)  # "Herr Schröder (Fraktion DIE LINKE) fragt"
    e = group.start() if group else e
    home = _HOME_AFTER_NAME.search(text, s, e)  # "Berthold Jonas aus Bardel wollte wissen": a resident
    e = home.start() if home else e
    if s >= e:
        return None
    if _anonymous().search(text, s, e):
        return Turn(None, s, e)
    person = _member(text, s, e) or cues.person_with_office(text, s, e)
    if person is None:
        office = _office_alone().fullmatch(text, s, e)  # "Der Vorsitzende berichtet, …"
        if office is None:
            return None
        return Turn(ActorMention("unit", office.group("office"), office.group("office"), *office.span("office")), s, e)
    if text[person.end : e].strip():
        return None
    return Turn(person, s, e)


@cache
def _office_alone() -> re.Pattern[str]:
    offices = alternatives((*language.words("questions", "office"), *language.words("questions", "office_alone")))
    return re.compile(rf"(?:Der|Die|der|die)\s+(?P<office>(?:(?:\d\.|Erste[r]?)\s+)?(?:{offices}))")


_COORDINATED_REACH = 400
"""How far before a second verb ("… verwies auf … und fragte, ob …") its subject may open the sentence."""
_AND_BEFORE = re.compile(r"\bund[ \t]+$")
_SUBJECT = re.compile(r"(?:(?:[A-ZÄÖÜ][\wäöüß.\-]*)[ \t]+){1,5}?(?=[a-zäöüß])")


def _coordinated_speaker(text: str, verb: int) -> Turn | None:
    """The subject that opens the sentence of a second verb: "Ratsmitglied Kreutzfeldt verwies auf
    die Möglichkeiten … und fragte, ob …"."""
    if _AND_BEFORE.search(text, max(0, verb - 8), verb) is None:
        return None
    opening = _sentence_opening(text, verb, _COORDINATED_REACH)
    if opening is None:
        return None
    s = trim(text, opening, verb)[0]
    subject = _SUBJECT.match(text, s, verb)
    if subject is None:
        return None
    person = cues.person_with_office(text, s, trim(text, s, subject.end())[1])
    return Turn(person, s, subject.end()) if person is not None and person.position is not None else None


# the words of a name after the verb, up to the first word in lower case or a mark: "antwortete der Erste
# Stadtrat Heinz-Gerd Jürriens.", "fragte CDU-Fraktionschef Wilfred Nikolay kritisch, wie …"
_NAMED_AFTER = re.compile(
    r"[ \t]+(?:(?:der|die)[ \t]+)?(?P<who>(?:Dr\.|\d\.|[A-ZÄÖÜ][\wäöüß\-]*)(?:[ \t]+(?:Dr\.|[A-ZÄÖÜ][\wäöüß\-]*)){1,5})"
    r"(?=[ \t]*(?:[,.;:!?(\n]|$)|[ \t]+[a-zäöüß])"
)


def _speaker_after(text: str, verb_end: int, end: int) -> Turn | None:
    """The office holder named right after the verb, as a report inverts the order after a quote or an
    adverb ("„…“, antwortete Oberbürgermeister Rudolf Michl", "Dazu erklärte Bürgermeister Wiese, …")."""
    m = _NAMED_AFTER.match(text, verb_end, end)
    if m is None:
        return None
    person = cues.person_with_office(text, *m.span("who"))
    if person is None or person.position is None:
        return None
    return Turn(person, m.start("who"), m.end("who"))


def _said(text: str, table: str, start: int, end: int) -> list[Turn]:
    turns = []
    for m in _verbs(table).finditer(text, start, end):
        turn = _speaker_before(text, m.start()) or _coordinated_speaker(text, m.start())
        if turn is None:
            after = _speaker_after(text, m.end(), end)
            if after is not None:
                turns.append(Turn(after.speaker, m.start(), after.end))
            continue
        turns.append(Turn(turn.speaker, turn.start, m.end()))
    return turns


def _speaker_lines(text: str, start: int, end: int) -> list[tuple[Turn, bool]]:
    """ "Ratsfrau Haake:" alone on a line: a turn, and whether what follows asks a question."""
    found: list[tuple[Turn, bool]] = []
    lines = [trim(text, ls, le) for ls, le in iter_lines(text, start, end)]
    lines = [(s, e) for s, e in lines if s < e]
    for index, (s, e) in enumerate(lines):
        m = _SPEAKER_LINE.fullmatch(text, s, e)
        if m is None:
            continue
        person = cues.person_with_office(text, m.start("who"), m.end("who"))
        if person is None:
            # "Antwort des Vorsitzenden:" over the answer: the office answers (answers.toml [[author]])
            author = statements.heading_author(text, m.start("who"), m.end("who"))
            if author is not None and author.kind == "unit":
                found.append((Turn(author, s, e), False))
            continue
        said_end = lines[index + 1][1] if index + 1 < len(lines) else e
        found.append((Turn(person, s, e), "?" in text[e:said_end]))
    return found


def oral_question(text: str, start: int = 0, end: int | None = None) -> OralQuestion | None:
    """The first question the text records as asked aloud, with the answer that follows it."""
    stop = len(text) if end is None else end
    said = _said(text, "asking", start, stop)
    # the administration's offices answer, whatever the verb ("Beigeordnete Busch weist hierzu … hin")
    asked = [t for t in said if t.speaker is None or (t.speaker.kind == "person" and not _holds_office(t.speaker))]
    answered = _said(text, "answering", start, stop) + [t for t in said if t.speaker and _holds_office(t.speaker)]
    lines = _speaker_lines(text, start, stop)
    asked += [turn for turn, asks in lines if asks]
    if not asked:
        return _question_inside_the_answer(text, start, stop, answered)
    named = [t for t in asked if t.speaker is not None]
    question = min(named or asked, key=lambda t: t.start)  # "Er erkundigte sich" may be the chair going on
    later = [t for t in answered if t.start > question.end and t.speaker is not None]
    later += _office_openings(text, question.end, stop)
    later += [turn for turn, asks in lines if turn.start > question.end and not asks]
    answer = min(later, key=lambda t: t.start) if later else None
    speakers = (question.speaker, answer.speaker if answer is not None else None)
    if speakers[0] is not None and speakers[1] is not None and speakers[0].name == speakers[1].name:
        answer = None  # the asker going on: no answer recorded
    if answer is not None and answer.speaker is not None:
        answer.speaker = _answering_office(answer.speaker)
    return OralQuestion(question, answer, _further_answers(answer, later, named, question))


@cache
def _asked_by() -> re.Pattern[str]:
    """ "auf Herrn Pagels Nachfrage", "Auf RH Krallmanns Anfrage": the asker named, in the genitive,
    inside the sentence that gives the answer (questions.toml [[asked_inside]])."""
    (entry,) = language.entries("questions", "asked_inside")
    nouns = alternatives(tuple(entry["nouns"]))
    offices = alternatives(lexicon.office_words())
    return re.compile(
        rf"{WORD_EDGE_BEFORE}[Aa]uf[ \t]+(?:(?:Herrn|Frau|{offices})[ \t]+)?(?P<name>[A-ZÄÖÜ][\wäöüß\-]+)"
        rf"[ \t]+(?:[\wäöüß]+[ \t]+){{0,5}}?(?:{nouns}){WORD_EDGE_AFTER}"
    )


def _question_inside_the_answer(text: str, start: int, stop: int, answered: list[Turn]) -> OralQuestion | None:
    """ "SGL Schöbel teilt auf Herrn Pagels Nachfrage mit, …": the answer's sentence names who
    asked; the question is that member's, the answer the speaker's."""
    return _asked_in_genitive(text, stop, answered) or _asked_of(text, start, stop, answered)


def _asked_in_genitive(text: str, stop: int, answered: list[Turn]) -> OralQuestion | None:
    for answer in sorted(answered, key=lambda t: t.start):
        if answer.speaker is None:
            continue
        sentence_end = _SENTENCE_CLOSE.search(text, answer.end, stop)
        m = _asked_by().search(text, answer.start, sentence_end.start() if sentence_end else stop)
        if m is None:
            continue
        name_end = m.end("name")
        if m.group("name").endswith("s") and re.search(rf"\b{re.escape(m.group('name')[:-1])}\b", text):
            name_end -= 1  # the genitive of a name printed elsewhere without it ("Krallmanns")
        asker = actors.person(text[m.start("name") : name_end], m.start("name"), name_end)
        if asker is None:
            continue
        answer.speaker = _answering_office(answer.speaker)
        return OralQuestion(Turn(asker, m.start(), m.end()), answer)
    return None


_SENTENCE_CLOSE = re.compile(r"[.!?](?:\s|$)")


@cache
def _question_of() -> str:
    """ "Auf Nachfrage von Mitglied Peschel", "zur Anfrage der AfD Fraktion" (questions.toml
    [[asked_of]]): the question's noun, then its asker, up to the next verb or comma."""
    (entry,) = [e for e in language.entries("questions", "asked_of") if "nouns" in e]
    openers, nouns, links = (alternatives(tuple(entry[key])) for key in ("openers", "nouns", "links"))
    return (
        rf"{WORD_EDGE_BEFORE}(?:{openers})[ \t]+(?:(?:die|den|der)[ \t]+)?(?:{nouns})[ \t]+(?:{links})[ \t]+"
        r"(?P<asker>[A-ZÄÖÜ][^,;:\n]{1,60}?)"
    )


@cache
def _asked_after_the_speaker() -> re.Pattern[str]:
    """ "BMin Leonhardt berichtete zur Anfrage der AfD Fraktion, dass …": read from the answer's verb on."""
    return re.compile(_question_of() + r"[ \t]*(?=[,;:])")


@cache
def _asked_before_the_speaker() -> re.Pattern[str]:
    """The question named first, the speaker after the verb: "Auf Nachfrage von Mitglied Peschel teilt
    Erster Beigeordneter Dr. Wachs mit, …", "Zu den Fragen von Herrn Schiffer führte BM Bertram aus:"."""
    words = language.words("questions", "answering")
    verbs = alternatives(tuple({w.split()[0] for w in words}))
    particles = alternatives(tuple({w.split()[1] for w in words if len(w.split()) == 2 and w.split()[1].islower()}))
    (entry,) = [e for e in language.entries("questions", "asked_of") if "interrogatives" in e]
    asking = alternatives(tuple(entry["interrogatives"]))
    return re.compile(
        _question_of()
        # the question itself between commas: "…, ob es eine Karte gibt, antwortet der Bürgermeister"
        + rf"(?:,[ \t]+(?:{asking}){WORD_EDGE_AFTER}[^;:\n]{{1,240}}?,)?"
        + rf"[ \t]+(?:{verbs})[ \t]+(?P<who>(?:(?:der|die)[ \t]+)?[A-ZÄÖÜ][^,;:\n]{{1,60}}?)"
        + rf"(?:[ \t]+(?:{particles}))?[ \t]*(?=[,;:])"
    )


_MEMBER = re.compile(r"(?P<member>Mitglied)s?[ \t]+")


def _member(text: str, start: int, end: int) -> ActorMention | None:
    """ "Mitglied Spiertz fragt an, …": a member of the body named by that word, which is the position."""
    m = _MEMBER.match(text, start, end)
    if m is None:
        return None
    position = Spanned(m.group("member"), *m.span("member"))
    return actors.person(text[m.end() : end], m.end(), end, position=position)


def _asker(text: str, start: int, end: int) -> ActorMention | None:
    """A member who asked ("Mitglied Peschel", "Herrn Schiffer": the form of address is read as an
    office's is); None for a faction, whose question is the paper that names it."""
    if parties.find(text, start, end):
        return None
    return _member(text, start, end) or cues.person_with_office(text, start, end)


def _asked_of(text: str, start: int, stop: int, answered: list[Turn]) -> OralQuestion | None:
    """The answer's sentence names the question and its asker after the noun: before the speaker
    ("Auf Nachfrage von Mitglied Peschel teilt Erster Beigeordneter Dr. Wachs mit, …") or after
    ("BMin Leonhardt berichtete zur Anfrage der AfD Fraktion, dass …")."""
    m = _asked_before_the_speaker().search(text, start, stop)
    if m is not None:
        speaker = cues.person_with_office(text, *m.span("who"))
        office = _office_alone().fullmatch(text, *m.span("who")) if speaker is None else None
        if office is not None:  # "antwortet der Bürgermeister": the office answers
            speaker = ActorMention("unit", office.group("office"), office.group("office"), *office.span("office"))
        if speaker is not None:
            answer = Turn(_answering_office(speaker), m.start("who"), m.end("who"))
            return OralQuestion(Turn(_asker(text, *m.span("asker")), m.start(), m.end("asker")), answer)
    for answer in sorted(answered, key=lambda t: t.start):
        if answer.speaker is None:
            continue
        sentence_end = _SENTENCE_CLOSE.search(text, answer.end, stop)
        sentence_stop = sentence_end.start() if sentence_end else stop
        m = _asked_after_the_speaker().match(text, trim(text, answer.end, stop)[0], sentence_stop)
        if m is not None:
            answer.speaker = _answering_office(answer.speaker)
            return OralQuestion(Turn(_asker(text, *m.span("asker")), m.start(), m.end()), answer)
    return None


def _further_answers(answer: Turn | None, later: list[Turn], asked: list[Turn], question: Turn) -> list[Turn]:
    """The other offices that answered before the next question was asked ("Fachbereichsleiter
    Gentner führt aus, …" and then "Oberbürgermeister Pelgrim führt aus, …"), one turn each."""
    if answer is None or answer.speaker is None:
        return []
    following = min((t.start for t in asked if t.start > question.end), default=None)
    names = {answer.speaker.name}
    found = []
    for turn in sorted(later, key=lambda t: t.start):
        if turn.start <= answer.start or (following is not None and turn.start > following):
            continue
        if turn.speaker is None or not _holds_office(turn.speaker):
            continue
        turn.speaker = _answering_office(turn.speaker)
        if turn.speaker.name not in names:
            names.add(turn.speaker.name)
            found.append(turn)
    return found


_OPENING = re.compile(r"(?:^|(?<=[.!?])[ \t]+|\n)[ \t]*(?=[A-ZÄÖÜ])")
_OPENING_REACH = 1500
"""How far after a question its answer by an office may open a sentence."""


def _office_openings(text: str, start: int, stop: int) -> list[Turn]:
    """Sentences an office of the administration opens with its holder's name, whatever it goes on
    to say ("Beigeordnete Busch weist hierzu auf die Schwierigkeiten … hin"): an answer."""
    reach = min(stop, start + _OPENING_REACH)
    # the persons of the reach once, by where their office is printed
    by_office = {p.position.start: p for p in people.prose_persons(text, start, reach + _SPEAKER_MAX) if p.position}
    found = []
    for m in _OPENING.finditer(text, start, reach):
        person = by_office.get(m.end())
        if person is not None and person.end <= min(stop, m.end() + _SPEAKER_MAX) and _holds_office(person):
            found.append(Turn(person, m.end(), person.end))
    return found


def _holds_office(speaker: ActorMention) -> bool:
    """Does the speaker hold an office of the administration ("Bürgermeister Niehues")?"""
    return speaker.position is not None and speaker.position.value in language.words("questions", "office")


def _answering_office(speaker: ActorMention) -> ActorMention:
    """The office of the administration the speaker answers in, where printed in full."""
    position = speaker.position
    if position is None or position.value not in language.words("questions", "office"):
        return speaker
    return ActorMention("unit", position.value, position.value, position.start, position.end)


def asking_word(question: OralQuestion) -> Spanned[str]:
    """The inquiry's kind, shown by the words that record the asking."""
    return Spanned("inquiry", question.question.start, question.question.end)
