"""Statements: administration answers and departmental opinions, cut out of the text block by block.

A block is one letter, one e-mail or one "Stellungnahme der Verwaltung".
Each block yields a statement with its author unit (letterhead, sender line
or signature), its date, the stance sentence and the persons who signed.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import cache

from ingest import actors, language
from ingest.dates import find_dates
from ingest.genres import concepts, people
from ingest.genres.fields import UNIT_WORD, date_line, labelled_value, references
from ingest.language import lexicon
from ingest.language.lexicon import alternatives
from ingest.records import ActorMention, Motion, Spanned, Statement
from ingest.text import clean, first_lines, iter_lines, line_bounds, sentences, trim

STANCE_PRIORITY = (
    "conditional-support",
    "rejection",
    "referral",
    "nothing-to-report",
    "acknowledgement",
    "no-objection",
    "support",
)

MAIL_START = re.compile(r"^[ \t]*Von:?[ \t]+\S[^\n]*\n(?:[ \t]*\n){0,2}[ \t]*(?:Gesendet|Sent|Datum)\s*:", re.MULTILINE)
OUTLOOK_START = re.compile(
    r"^(?:AW|WG|RE|Fwd?|Antwort)\s?:[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*(?:Mo|Di|Mi|Do|Fr|Sa"
    r"|So)\w*\.?,?[ \t]+"
    r"\d{1,2}\.\d{1,2}\.\d{2,4}",
    re.MULTILINE,
)
LETTER_START = re.compile(r"^[ \t*]*Datum\s*:", re.MULTILINE)
ADMIN_HEADING = re.compile(
    r"^[\s*#\-–]*(?:Stellungnahme|Antwort|Beantwortung|Standpunkt)\s+(?:der|des)\s+(?:Stadt)?"
    r"(?:Verwaltung|Oberbürgermeisters?|Oberbürgermeisterin|Bürgermeisters?|Bürgermeisterin|Dezernat\w*"
    r"|Referat\w*|Bezirksamt\w*|Senat\w*|Magistrat\w*|Fachbereich\w*|Geschäftsbereich\w*|Amt\w*)\b",
    re.MULTILINE | re.IGNORECASE,
)
LETTERHEAD = re.compile(
    r"^[ \t*]*(?:Stadt|Landeshauptstadt|Hansestadt|Universitätsstadt|Gemeinde|Stadtverwaltung"
    r"|Der\s+Oberbürgermeister"
    r"|Die\s+Oberbürgermeisterin)\b[^\n]*$",
    re.MULTILINE,
)
_HEADER_LABEL = re.compile(
    r"^(?:Von|An|Cc|Bcc|Gesendet|Betreff|Datum|Telefon|Telefax|Tel|Fax|E-?Mail|AZ|Abteilung|Sachbearbeitung"
    r"|Anlagen?|Internet|Zimmer|Az)\b\s*:",
    re.IGNORECASE,
)
_ADDRESSEE = re.compile(r"^(?:[-–]\s*)?(?:[IVX]{1,4}\.\s+)?(?:An\b|z\.\s?K|per\b|\(vorab)", re.IGNORECASE)
_NOT_AUTHOR = re.compile(r"^(?:Landeshauptstadt|Stadt|Hansestadt|Gemeinde)\s+\S+(?:\s+\([^)]*\))?$")
_EDGE_LINES = 60
_ABBREVIATION = re.compile(r"\b[A-ZÄÖÜ]{2,6}\b")
_SENTENCE_LIKE = re.compile(r"(?:Das|Die|Der|Dem|Den|Zu|Mit|Gegen|Wir|Ich|Sehr|Von\s+Seiten|Hiermit)\s")
_NAME_PARTICLES = frozenset({"für", "und", "der", "des", "die", "das", "von", "im", "in", "am", "an", "zur", "zum"})


def mail_and_letter_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a chain of e-mails and letters into blocks, one per message."""
    cuts = set()
    for pattern in (MAIL_START, OUTLOOK_START, LETTER_START):
        for m in pattern.finditer(text, start, end):
            cuts.add(m.start())
    ordered = sorted(cuts)
    # a letterhead "Datum:" right after a mail header belongs to the same message
    merged: list[int] = []
    for cut in ordered:
        if merged and cut - merged[-1] < 120 and LETTER_START.match(text, cut):
            continue
        merged.append(cut)
    bounds = merged + [end]
    return [(bounds[i], bounds[i + 1]) for i in range(len(merged))]


def admin_blocks(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(block start, heading start, block end) of every "Stellungnahme/Antwort der Verwaltung"."""
    headings = [m.start() for m in ADMIN_HEADING.finditer(text, start, end)]
    blocks: list[tuple[int, int, int]] = []
    previous_end = start
    for index, heading in enumerate(headings):
        block_start = _letterhead_before(text, heading, previous_end)
        next_heading = headings[index + 1] if index + 1 < len(headings) else end
        block_end = _letterhead_before(text, next_heading, heading) if next_heading < end else end
        blocks.append((block_start, heading, block_end))
        previous_end = block_end
    return blocks


def _letterhead_before(text: str, heading: int, floor: int) -> int:
    """The start of the letterhead that opens the block of `heading` (or a blank-line run
    before it)."""
    window_start = max(floor, heading - 1500)
    heads = [m.start() for m in LETTERHEAD.finditer(text, window_start, heading)]
    if heads:
        return heads[0] if len(heads) == 1 else _first_of_last_group(text, heads)
    gap = text.rfind("\n\n\n", window_start, heading)
    return gap + 3 if gap >= 0 else heading


def _first_of_last_group(text: str, heads: list[int]) -> int:
    """Letterheads repeat inside a block ("Stadt Halle (Saale)" in the body); take the last
    head's block."""
    last = heads[-1]
    for head in reversed(heads[:-1]):
        if "\n\n\n" in text[head:last]:
            break
        last = head
    return last


def stance(text: str, start: int, end: int) -> tuple[Spanned[str] | None, list[tuple[int, int]]]:
    """The statement's stance (from the first sentence that shows one) and every stance sentence."""
    chosen: Spanned[str] | None = None
    stance_sentences: list[tuple[int, int]] = []
    # where the block holds no stance word no sentence of it does: a long block is not cut up for nothing
    starts = sorted(h.start for h in concepts.find("stance", text, start, end))
    if not starts:
        return None, []
    for s, e in sentences(text, start, end):
        first = bisect.bisect_left(starts, s)
        if first == len(starts) or starts[first] >= e or _HEADER_LABEL.match(text[s:e]):
            continue
        hit = concepts.best("stance", text, s, e, priority=STANCE_PRIORITY)
        if hit is None:
            continue
        stance_sentences.append((s, e))
        if chosen is None:
            chosen = Spanned(hit.slug, s, e)
    return chosen, stance_sentences


_SENDER = re.compile(r"^Von\s*:?\s+")
_JOINING_START = re.compile(r"(?:und|für|der|des)\s")


def _candidate_lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Short lines that may name the author unit (letterhead, sender, signature), with two-line
    joins."""
    lines = list(iter_lines(text, start, end))
    if len(lines) > 2 * _EDGE_LINES:
        # letterhead and signature sit at the edges of a message; sender lines may be anywhere
        middle = [ln for ln in lines[_EDGE_LINES:-_EDGE_LINES] if text.startswith("Von", ln[0])]
        lines = lines[:_EDGE_LINES] + middle + lines[-_EDGE_LINES:]
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(lines):
        s, e = trim(text, *lines[index])
        raw = text[s:e]
        index += 1
        if s >= e:
            continue
        sender = _SENDER.match(raw)
        if sender:
            s = s + sender.end()
            raw = text[s:e]
        elif _HEADER_LABEL.match(raw) or _ADDRESSEE.match(raw):
            continue
        # a letterhead broken over lines: "**Referat für\nBildung und Sport**", "Referat für
        # Gesundheit\nund Umwelt"
        line_start, line_end = lines[index - 1]
        bold_open = text[line_start:line_end].count("**") == 1 and text[line_start:line_end].lstrip().startswith("**")
        while index < len(lines):
            ns, ne = trim(text, *lines[index])
            if ns >= ne:
                break
            continues = raw.rstrip("*").endswith((" für", " und", " der", " des", "-", ",")) or bold_open
            if not continues and not _JOINING_START.match(text[ns:ne]):
                break
            bold_open = bold_open and "**" not in text[lines[index][0] : lines[index][1]]
            e = ne
            raw = text[s:e]
            index += 1
        value = clean(raw)
        if not value or len(value) > 70 or "@" in value or "REDACTED" in value.upper() or "\t" in raw:
            continue
        if _SENTENCE_LIKE.match(value) or value.endswith((":", "?", "!")) or (value.endswith(".") and len(value) > 30):
            continue
        if len([w for w in value.split() if w[:1].islower() and w not in _NAME_PARTICLES]) > 2:
            continue
        found.append((s, e, value))
    return found


def author(text: str, start: int, end: int, stance_sentences: list[tuple[int, int]]) -> ActorMention | None:
    """The unit that speaks in a block: named in a stance sentence, else the first unit in its
    lines."""
    candidates = [c for c in _candidate_lines(text, start, end) if not _NOT_AUTHOR.match(c[2])]
    by_length = sorted(candidates, key=lambda c: -len(c[2]))
    # the lines that read as a unit, tested once and not again for every sentence
    units_by_length = [
        (cs, ce, value)
        for cs, ce, value in (by_length if stance_sentences else ())
        if UNIT_WORD.search(value) and not people.position_line().match(value) and len(value) >= 4
    ]
    for s, e in stance_sentences:
        sentence = clean(text[s:e])
        for cs, ce, value in units_by_length:
            if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", sentence):
                return _unit_mention(text, cs, ce)
    for s, e in stance_sentences:
        sentence = clean(text[s:e])
        for token in UNIT_WORD.findall(sentence) + re.findall(r"\b\w*(?:referat|stelle|beauftragte)\w*", sentence):
            stem = re.sub(r"(?:es|s|n|en)$", "", token)
            matching = [c for c in candidates if len(stem) >= 5 and stem.lower() in c[2].lower()]
            if matching:
                cs, ce, _ = max(matching, key=lambda c: len(c[2]))
                return _unit_mention(text, cs, ce)
        for token in _ABBREVIATION.findall(sentence):
            for cs, ce, value in candidates:
                if f"({token})" in value:
                    return _unit_mention(text, cs, ce)
    units = [c for c in candidates if UNIT_WORD.search(c[2])]
    if units:
        # the same unit printed twice (sender line, signature): take its fullest form
        key = actors.unit_key(units[0][2])
        cs, ce, _ = max((c for c in units if actors.unit_key(c[2]) == key), key=lambda c: len(c[2]))
        return _unit_mention(text, cs, ce)
    return None


def _unit_mention(text: str, start: int, end: int) -> ActorMention:
    return actors.unit(text[start:end], start, end)


def statement_date(text: str, start: int, end: int) -> Spanned[date] | None:
    header_end = min(end, start + 900)
    for labels in (("Datum",), ("Gesendet", "Sent")):
        value = labelled_value(text, labels, start, header_end, max_lines=1)
        if value is not None:
            dates = find_dates(text, value.start, value.end)
            if dates:
                return dates[0]
    line = date_line(text, start, header_end)
    if line is not None:
        return line
    for ls, le in first_lines(text, start, header_end, 6):
        if re.match(r"^\s*(?:Mo|Di|Mi|Do|Fr|Sa|So)\w*\.?,?\s+\d", text[ls:le]):
            dates = find_dates(text, ls, le)
            if dates:
                return dates[0]
    return None


def build(text: str, start: int, end: int, about: list[Motion], heading: bool = False) -> Statement | None:
    """A statement from one block, or None when the block takes no position and is no answer."""
    chosen, stance_sentences = stance(text, start, end)
    if chosen is None and not heading:
        return None
    result = Statement(start=start, end=end, about=list(about))
    result.stance = chosen
    result.author = author(text, start, end, stance_sentences)
    if result.author is None and heading:
        result.author = heading_author(text, start, min(end, start + 400))
    result.date = statement_date(text, start, end)
    result.signatories = people.signatures(text, start, end)
    signed = {m.start for m in result.signatories}
    result.mentions = [m for m in people.prose_persons(text, start, end) if m.start not in signed]
    for ref in references(text, start, end):
        if re.match(
            r"(?:Stellungnahme|Verwaltungsstandpunkt|Standpunkt)",
            _label_before(text, ref.start),
            re.I,
        ):
            result.identifier = ref
    return result


def _label_before(text: str, pos: int) -> str:
    line_start = text.rfind("\n", 0, pos) + 1
    return clean(text[line_start:pos])


@cache
def _answer_pattern() -> re.Pattern[str]:
    headings = alternatives(language.words("answers", "heading"))
    units = alternatives(language.words("answers", "unit"))
    standpoints = alternatives(language.words("answers", "standpoint"))
    offices = alternatives(lexicon.office_words(position_only=True))
    members = tuple(w for w in lexicon.office_words(position_only=True) if w not in _answer_authors())
    member_offices = alternatives((*language.words("offices", "rank"), *members))
    reported = alternatives(language.words("answers", "reported", "verbs"))
    announced = alternatives(language.words("answers", "announced", "verbs"))
    after_authority = alternatives(language.words("answers", "reported", "after_authority"))
    behalf_openers = alternatives(language.words("answers", "behalf", "openers"))
    behalf_verbs = alternatives(language.words("answers", "behalf", "verbs"))
    recommends = alternatives(language.words("answers", "recommended", "verbs"))
    commissioned = alternatives(language.words("answers", "commissioned", "verbs"))
    return re.compile(
        rf"(?<![\wäöüß])(?:(?:{headings})\s+(?:(?:des|der|durch\s+den|durch\s+die|durch\s+das)\s+)?{_who()}"
        rf"|beantwortet\s+(?:der|die|das)\s+{_who('2')}"
        # "Auf Anfrage der SPD-Fraktion teilte die Verwaltung mit": an inquiry's answer reported
        rf"|(?:{reported})\s+(?:der|die|das)\s+{_who('4')}"
        # "Bürgermeister Babo gibt bekannt", "Dezernent Ulrich Möllmann erklärte": reported as well
        rf"|{_who('6')}(?:\s+{actors.NAME_WORD})?\s+(?:{after_authority})\b"
        # "Herr Galander teilt mit, dass …", "Frau berufsm. StRin Wüstner antwortet": one who answers with no
        # office of the administration printed, as printed
        rf"|(?:Herr|Frau)\s+(?:(?:{member_offices})\s+)*(?P<person>{actors.NAME_WORD})\s+(?:{after_authority})\b"
        rf"|(?:nimmt|nehmen)\s+(?:der|die|das)\s+{_who('3')}"
        r"(?=(?:\s+[\wäöüß]+){0,3}\s+Stellung\b)"  # "nimmt die Verwaltung wie folgt Stellung"
        rf"|(?:{headings})\s+(?:des|der|durch\s+den|durch\s+die|durch\s+das)\s+(?P<unit>(?:{units})(?![\wäöüß])"
        r"[^\n:]{0,80}?)(?=\s+vom\s|\s+(?:auf|zu[rm]?)\s|\s*:|[ \t]*(?:\n|$))"  # "Antwort des Referats für …"
        rf"|(?P<standpoint>{standpoints})"
        # "Im Namen des Senats von Berlin beantworte ich Ihre Schriftliche Anfrage": the government answers
        rf"|(?:{behalf_openers})\s+{_who('7')}(?:\s+von\s+[A-ZÄÖÜ][\wäöüß\-]+)?\s+(?:{behalf_verbs})\b"
        # "Die Verwaltung führt hierzu aus:": the answer announced by its author on a line of its own
        rf"|(?:^|(?<=\n))[ \t]*(?:Die|Der|Das)\s+{_who('5')}\s+(?:{announced})(?=[ \t]*:)"
        # "teile ich Ihnen im Auftrag des Oberbürgermeisters Folgendes mit": a letter answers for the authority
        rf"|(?:{commissioned})\s+Ihnen\s+im\s+Auftrag\s+(?:des|der)\s+{_who('9')}(?=\s+(?:[Ff]olgendes\s+)?mit\b)"
        # "Der Magistrat empfiehlt die Ablehnung des Antrages": a position reported, its stance after it
        rf"|(?:Die|Der|Das)\s+{_who('8')}(?=\s+(?:{recommends})\b)"
        # "Hierzu nimmt Bgm. Uhl wie folgt Stellung": a person who speaks for the office they hold
        rf"|(?:nimmt|nahm)\s+(?:(?:Herr|Frau)\s+)?(?P<office>{offices})\s+(?:(?:Dr\.|Prof\.)\s+)*"
        rf"(?P<speaker>{actors.NAME_WORD}(?:\s+{actors.NAME_WORD})?)(?=(?:\s+[\wäöüß]+){{0,3}}\s+Stellung\b))"
        r"(?![\wäöüß])"
    )


def _who(suffix: str = "") -> str:
    """An answering authority as printed, and the place that may follow it ("Bezirksamt Neukölln"),
    in the groups `who{suffix}` and `place{suffix}` that `_answer_author` reads."""
    forms = alternatives(tuple(_answer_authors()))
    return rf"(?P<who{suffix}>{forms})(?:\s+(?P<place{suffix}>[A-ZÄÖÜ][\wäöüß\-]+))?"


@cache
def _answer_authors() -> dict[str, tuple[str, bool]]:
    """Printed form → (author name, whether a place name may follow)."""
    return {
        form: (entry["name"], bool(entry.get("place")))
        for entry in language.entries("answers", "author")
        for form in entry["forms"]
    }


@cache
def _link_words() -> re.Pattern[str]:
    return re.compile(rf"(?<![\wäöüß])(?:{alternatives(language.words('answers', 'link'))})(?![\wäöüß])")


def _only_linked(text: str, pos: int) -> bool:
    """Is the answer heading at `pos` only the label of a link to another file?"""
    ls, le = line_bounds(text, pos)
    return le - ls < 200 and bool(_link_words().search(text, ls, le))


def heading_author(text: str, start: int, end: int) -> ActorMention | None:
    """The authority an answer's heading names ("Stellungnahme der Verwaltung:")."""
    m = next((m for m in _answer_pattern().finditer(text, start, end) if _answers_here(text, m.start(), False)), None)
    return _answer_author(text, m) if m else None


def _matched(m: re.Match[str], group: str) -> bool:
    return group in m.re.groupindex and m.group(group) is not None


def _answer_author(text: str, m: re.Match[str]) -> ActorMention:
    if _matched(m, "speaker"):
        office = Spanned(m.group("office"), m.start("office"), m.end("office"))
        speaker = actors.person(m.group("speaker"), m.start("speaker"), m.end("speaker"), position=office)
        if speaker is not None:
            return speaker
    if _matched(m, "person"):
        speaker = actors.person(m.group("person"), m.start("person"), m.end("person"))
        if speaker is not None:
            return speaker
    if _matched(m, "unit"):
        return actors.unit(m.group("unit"), m.start("unit"), m.end("unit"))
    if _matched(m, "standpoint"):
        name = next(str(e["author"]) for e in language.entries("answers", "standpoint"))
        return ActorMention("unit", name, m.group("standpoint"), m.start("standpoint"), m.end("standpoint"))
    suffix = next(
        n
        for n in ("", "2", "3", "4", "5", "6", "7", "8", "9")
        if f"who{n}" in m.re.groupindex and m.group(f"who{n}")
    )
    who_group, place_group = f"who{suffix}", f"place{suffix}"
    name, takes_place = _answer_authors()[lexicon.as_listed(m.group(who_group))]
    ws, we = m.start(who_group), m.end(who_group)
    if takes_place and m.group(place_group):
        name, we = f"{name} {m.group(place_group)}", m.end(place_group)
    return ActorMention("unit", name, text[ws:we], ws, we)


def answer(text: str, start: int, end: int, about: Motion, headed: bool = False) -> Statement | None:
    """The answer or position a paper's own print carries ("… und Antwort des Senats",
    "Stellungnahme der Verwaltung:"): a statement on the paper by the answering authority, dated
    where the heading prints a date ("Antwort der Verwaltung vom 04.01.2018"), with the stance its
    sentences take (a position's; an answer informs). `headed`: only a heading at the start of a
    line counts (a motion's text may ask for a "Stellungnahme der Verwaltung" in passing; an
    inquiry's print names its answer in its title line)."""
    found = _answer_pattern().finditer(text, start, end)
    # a reported answer ("teilte die Verwaltung mit") answers an inquiry; beside a motion it reports
    found = (m for m in found if not (headed and any(_matched(m, g) for g in ("who4", "who6", "person"))))
    m = next((m for m in found if _answers_here(text, m.start(), headed and _heading(m))), None)
    if m is None:
        return _requested_report(text, start, end, about) if headed else _unnamed_answer(text, start, end, about)
    author = _answer_author(text, m)
    we = author.end
    statement = Statement(start=m.start(), end=end, about=[about], author=author)
    dated = _HEADING_DATE.match(text, we, min(end, we + 80))  # "… Neukölln: KA/372/XXI vom 26.02.2026"
    if dated:
        dates = find_dates(text, dated.start("date"), min(end, dated.start("date") + 30))
        statement.date = dates[0] if dates else None
    else:
        titled = _ANSWER_DATED_IN_TITLE.search(text, start, min(end, start + _TITLE_REACH))
        dates = find_dates(text, titled.start("date"), titled.end()) if titled else []
        statement.date = dates[0] if dates else _print_date_before(text, max(start, m.start() - 400), m.start())
    if _matched(m, "who9"):  # the letter's signer signs the answer
        statement.signatories = people.signatures(text, m.end(), end)
    if headed or _matched(m, "who8"):  # an answer to an inquiry informs; a position takes a stance (not its heading's)
        statement.stance, _ = stance(text, m.end(), end)
    return statement


_REQUESTED = re.compile(
    r"(?:(?:\bum|\bbitte[nt]?|\bgebeten|\berbitten|\bwünschen|\bfordern|\berwarten)[,\s]+(?:[\wäöüß]+[,\s]+){0,3}"
    r"|\beine?\s+)$",
    re.IGNORECASE,
)


def _heading(m: re.Match[str]) -> bool:
    """Is the answer printed as a heading ("Stellungnahme der Verwaltung"), not as a sentence that
    gives it ("nimmt die Verwaltung wie folgt Stellung")?"""
    return not any(
        _matched(m, group) for group in ("who2", "who3", "who4", "who6", "who7", "who8", "who9", "speaker", "person")
    )


def _answers_here(text: str, pos: int, headed: bool) -> bool:
    """Is the answer heading at `pos` the answer itself, not a link to it or a request for it
    ("wir bitten um eine Stellungnahme der Verwaltung")?"""
    if _only_linked(text, pos) or _REQUESTED.search(text, max(0, pos - 40), pos):
        return False
    return not headed or not text[line_bounds(text, pos)[0] : pos].strip(" \t#*-–•>")


# "Schriftliche Anfrage des Abgeordneten … vom 15. Dezember 2017 … und Antwort vom 04. Januar 2018":
# a parliament's print names its answer's date in its title
_ANSWER_DATED_IN_TITLE = re.compile(r"\bund\s+(?:Antwort|Beantwortung)\s+vom\s+(?P<date>\d[^\n(]{5,20})")
_TITLE_REACH = 600
_HEADING_DATE = re.compile(r"[^\n]{0,50}?\bvom\s+(?P<date>\d)")


def _print_date_before(text: str, start: int, end: int) -> Spanned[date] | None:
    """The date of the print that carries the answer ("Drucksache 21/17509 … 18.06.19 Schriftliche
    Kleine Anfrage … vom 11.06.19 und Antwort des Senats"): the last date before the heading that
    is not introduced by "vom" (that one is the inquiry's), nor the day it was received ("(Eingang
    beim Abgeordnetenhaus am 16. September 2014)")."""
    undated = [
        d for d in find_dates(text, start, end) if not _INQUIRYS_DATE.search(text, max(0, d.start - 60), d.start)
    ]
    return undated[-1] if undated else None


_INQUIRYS_DATE = re.compile(r"\b(?:vom|(?:Eingang|Eingegangen|eingegangen)\b[^()\n]{0,40}?\bam)\s*$")


@cache
def _unnamed_answer_pattern() -> re.Pattern[str]:
    def listed(key: str) -> str:
        return alternatives(language.words("answers", "unnamed", key))

    passive = "|".join(lexicon.gapped(p) for p in language.words("answers", "unnamed", "passive"))
    return re.compile(
        rf"(?<![\wäöüß])(?:(?:(?:{listed('openings')})\s+)?(?:{listed('words')})"
        rf"(?P<dated>\s+vom\s+[^\n:]{{6,25}}?)?(?:\s+auf\s+(?:{listed('targets')})(?![\wäöüß])|\s*:)"
        rf"|(?:{passive})(?![\wäöüß]))",
        re.IGNORECASE,
    )


def _unnamed_answer(text: str, start: int, end: int, about: Motion) -> Statement | None:
    """An answer printed without its author ("Aus der Antwort:", "Antwort vom 28. September 2020
    auf meine Anfrage"): by the one the inquiry is addressed to, else by the administration."""
    m = next(
        (m for m in _unnamed_answer_pattern().finditer(text, start, end) if not _only_linked(text, m.start())), None
    )
    if m is None:
        return None
    author = _addressee(text, start, end) or _default_author(m)
    statement = Statement(start=m.start(), end=end, about=[about], author=author)
    if m.group("dated"):
        dates = find_dates(text, m.start("dated"), m.end("dated") + 4)
        statement.date = dates[0] if dates else None
    return statement


@cache
def _requested_report_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    (entry,) = language.entries("answers", "requested_report")
    heading = re.compile(rf"(?m)^[ \t]*(?:{alternatives(tuple(entry['passive']))})[ \t]*:")
    requested = re.compile(rf"\b(?:Die|Der|Das)\s+{_who()}\s+(?:{alternatives(tuple(entry['requested']))})\b")
    return heading, requested


def _requested_report(text: str, start: int, end: int, about: Motion) -> Statement | None:
    """The report printed under the council's request ("Das Bezirksamt wird ersucht, …" …
    "Hierzu wird Folgendes berichtet:"): a statement on the paper by the authority the request
    names (answers.toml [[requested_report]])."""
    heading, requested = _requested_report_patterns()
    m = heading.search(text, start, end)
    if m is None:
        return None
    asked = requested.search(text, start, m.start())
    if asked is not None:
        author = _answer_author(text, asked)
    else:
        (entry,) = language.entries("answers", "requested_report")
        name = str(entry["default_author"])
        author = ActorMention("unit", name, name, m.start(), m.end())
    statement = Statement(start=m.start(), end=end, about=[about], author=author)
    statement.stance, _ = stance(text, m.start(), end)
    return statement


@cache
def _addressee_pattern() -> re.Pattern[str]:
    offices = alternatives(lexicon.office_words(position_only=True))
    return re.compile(
        rf"\ban\s+(?:das|den|die)\s+{_who()}(?![\wäöüß])"
        rf"|\bSehr\s+geehrte[rs]?\s+(?:Herr|Frau)\s+(?P<office>{offices})(?![\wäöüß])"
    )


def _addressee(text: str, start: int, end: int) -> ActorMention | None:
    """Whom an inquiry is addressed to: an answering authority or an office in the salutation."""
    m = _addressee_pattern().search(text, start, end)
    if m is None:
        return None
    if m.group("office"):
        return ActorMention("unit", m.group("office"), m.group("office"), m.start("office"), m.end("office"))
    return _answer_author(text, m)


def _default_author(heading: re.Match[str]) -> ActorMention:
    name = next(e["default_author"] for e in language.entries("answers", "unnamed") if "default_author" in e)
    return ActorMention("unit", str(name), str(name), heading.start(), heading.end())
