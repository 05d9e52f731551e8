"""What a paper says about itself when no labelled header does: the kind words of its first
lines, a title line, the factions that put it forward, the sessions it is meant for.

Faction websites, letters and minutes extracts print no `Betreff:`; these readers find the same
facts in the wording councils use ("Antrag der Fraktionen A und B", "stellen … folgende Anfrage",
"auf die Tagesordnung des Rates am 23.05.2019"), from the language files.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest import actors
from ingest.dates import DATE_PATTERN, find_dates
from ingest.genres.fields import BODY_WORD, REFERENCE, labelled_value
from ingest.language import lexicon, parties
from ingest.records import ActorMention, Consultation, Spanned
from ingest.text import clean, iter_lines, trim

HEAD_LINES = 14
"""How many non-chrome lines make a document's head."""

_SALUTATION = re.compile(r"^(?:Sehr\s+geehrte|Liebe[rs]?\b|Hallo\b|Guten\s+Tag|An\s+(?:den|die|Herrn|Frau)\b)")
_LABEL_START = re.compile(r"^[\w\- .()/äöüÄÖÜß]{1,40}:(?!\d)")
_TRAILING_WORD = re.compile(
    r"\b(?:für|der|die|das|des|den|dem|und|oder|von|zu|zur|zum|mit|im|in|an|auf|bei|aus|nach|über|vor)$", re.I
)
_HEAD_STOPPER = re.compile(r"^(?:TOP\b|Beschluss|Abstimmung|Datum|Sitzung|Stadt\s|Gemeinde\s)")
_RIS_PREFIX = re.compile(r"^(?:Auszug|Vorlage|Drucksache|Beschlussvorlage|Mitteilung|Tagesordnungspunkt)\s+[-–]\s+")
_INLINE_LABEL = re.compile(r"\s+[\wäöü]+:\s")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
_STATEMENT_HEAD = re.compile(r"^(?:Antwort|Stellungnahme|Beantwortung|Mitteilung)\b")
_TITLE_CUT = re.compile(
    r"\s+(?:\(\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|\d)[^)]*\)"
    r"|\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b.*"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4}.*)$"
)
_FACTION_NOUN = r"(?:Stadtrats|Rats|Kreistags|Bezirks|Gemeinderats)?[Ff]raktion(?:en|sgemeinschaft)?|Gruppe|Ratsgruppe"
_PLURAL_NOUN = re.compile(r"[Ff]raktionen\b")
_PHRASE_STOP = re.compile(
    r"\s+(?:als|vom|zur|zum|für\s+(?:die|den|das)|im\s+(?:Stadtrat|Rat|Gemeinderat)|in\s+der\s+Sitzung|an\s+den|an\s+die"
    r"|folgenden?|bittet|bitten|beantragt|beantragen|stellt|stellen|hat|haben|wird|werden|möge|mögen|fragt|fragen)\b"
    r"|\s+[-–]\s|[(:;\n\"„“]|(?<!\bDr)(?<!\bProf)(?<!\bstellv)\.(?:\s|$)"
)
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:und\s+)?|\s+(?:und|sowie)\s+")
_LEADING_ARTICLE = re.compile(r"^(?:der|die|den|des|dem|von|unsere|unserer)\s+", re.I)
_SUBMITTER_LABELS = (
    "Initiator",
    "Initiatorin",
    "Antragsteller",
    "Antragstellerin",
    "Antragsteller/in",
    "Antragstellende",
    "Einreicher",
    "Einreicherin",
    "Eingereicht von",
    "Fragesteller",
    "Fragestellerin",
    "Urheber",
)


def head(text: str, start: int = 0, end: int | None = None, limit: int = HEAD_LINES) -> list[tuple[int, int]]:
    """The first `limit` lines of `text[start:end]` that are not empty and not page chrome."""
    stop = len(text) if end is None else end
    lines: list[tuple[int, int]] = []
    for ls, le in iter_lines(text, start, stop):
        s, e = trim(text, ls, le)
        if s >= e or lexicon.is_chrome(text[s:e]):
            continue
        lines.append((s, e))
        if len(lines) >= limit:
            break
    return lines


def kind(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The kind of paper: the first kind word of the head, else the strongest cue of the body."""
    lines = head(text, start, end)
    if lines:
        cues = lexicon.kind_cues(text, lines[0][0], lines[-1][1])
        if cues:
            first = cues[0]
            return Spanned(first.kind, first.start, first.end)
    stop = len(text) if end is None else end
    cues = [c for c in lexicon.kind_cues(text, start, stop) if c.words >= 2 or _strong(text[c.start : c.end])]
    if not cues:
        return None
    strongest = max(cues, key=lambda c: (c.words, -c.start))
    return Spanned(strongest.kind, strongest.start, strongest.end)


_STRONG_SINGLE = frozenset(
    {"beantragt", "beantragen", "antragsteller", "antragstellerin", "fragesteller", "fragestellerin"}
)


def _strong(word: str) -> bool:
    """A single word that names the paper's kind wherever it stands (not just "Antrag")."""
    return word.casefold() in _STRONG_SINGLE


def title(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """A web page's or letter's subject: its first line, where that reads as a title.

    A title is a short line that is no label, salutation, kind line ("Antrag der …"),
    statement heading, person's name or sentence; a kind word inside it ("… Kleine Anfrage vom …")
    and a trailing date end it.
    """
    for s, e in head(text, start, end, limit=6):
        line = text[s:e]
        if _SALUTATION.match(line) or _STATEMENT_HEAD.match(line):
            return None
        if _LABEL_START.match(line) or line.rstrip().endswith(":") or _HEAD_STOPPER.match(line):
            if _HEAD_STOPPER.match(line) and not line.rstrip().endswith(":") and len(line.split()) > 12:
                return None  # the text begins: a sentence, no title line
            continue
        if actors.looks_like_person(clean(line)) or _is_party_line(line):
            continue
        cues = lexicon.kind_cues(text, s, e)
        if cues and cues[0].start == s:
            continue  # "Antrag der Fraktion …": the kind line, not the subject
        prefix = _RIS_PREFIX.match(text, s, e)
        if prefix:
            s = prefix.end()
        te = cues[0].start if cues else e
        inline = _INLINE_LABEL.search(text, s, te)
        te = inline.start() if inline else te
        value = clean(text[s:te])
        cut = _TITLE_CUT.search(value)
        if cut:
            value = value[: cut.start()]
        value = value.strip(" -–:,;")
        words = value.split()
        if len(_WORD.findall(value)) < 2:
            continue  # "85 kB", "DS 062a/2016", "003/01/2021 (DIE LINKE)"
        if not 2 <= len(words) <= 20 or value.endswith(".") or _TRAILING_WORD.search(value):
            if len(words) > 20 or value.endswith("."):
                return None
            continue
        te = text.find(value[-min(len(value), 8) :], s, e) + min(len(value), 8)
        return Spanned(value, s, max(te, s + 1))
    return None


def _is_party_line(line: str) -> bool:
    """ "CDU Stadtverband Ratingen": an organisation's name as a letterhead."""
    hits = parties.find(line)
    return bool(hits) and hits[0].start == 0 and len(line.split()) <= 5


def submitters(text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
    """Who puts the paper forward: a labelled initiator, else the factions named with the kind
    word ("Antrag der Fraktionen A, B und C") or with the verb ("stellen A und B folgenden Antrag",
    "die Ratsfraktion X beantragt")."""
    stop = len(text) if end is None else end
    value = labelled_value(text, _SUBMITTER_LABELS, start, stop, max_lines=1)
    if value is not None:
        found = _items(text, value.start, value.end, labelled=True)
        if found:
            return found
    for pattern in (_AFTER_KIND, _BEFORE_VERB, _AFTER_VERB):
        for m in pattern.finditer(text, start, stop):
            group = "who" if m.group("who") is not None else "asker"
            found = _items(text, m.start(group), _phrase_end(text, m.start(group), m.end(group)))
            if found:
                return found
    return []


_AFTER_KIND = re.compile(  # "who" is the only group
    r"(?:Antrag|Anfrage|Änderungsantrag|Ergänzungsantrag|Dringlichkeitsantrag|Prüfauftrag|Prüfantrag|Anträge)"
    r"(?:\s+Nr\.\s*\S+|\s+[A-Z]{1,4}[-/]?\d[\w/\-]*)?\s+(?:der|des|von)\s+(?P<who>[^\n]{3,160})"
)
_BEFORE_VERB = re.compile(
    rf"(?P<who>(?:(?:die|der|unsere|Unsere|Die|Der)\s+)?[^\n,.;:]{{0,60}}?(?:{_FACTION_NOUN})[^\n.;:]{{0,80}}?)"
    r"\s+(?:beantragt|beantragen|stellt|stellen|bittet|bitten)\b"
)
_AFTER_VERB = re.compile(
    r"\b(?:stellt|stellen|stellte|stellten)\s+(?:daher\s+|deshalb\s+)?(?P<who>[^\n]{2,120}?)\s+"
    r"(?:folgenden?|den\s+folgenden|nachstehenden?)\s+(?:Antrag|Anfrage|Änderungsantrag|Ergänzungsantrag|Prüfauftrag)"
    r"|\bEs\s+(?:fragte|fragten|fragt)\s+(?P<asker>[^\n:]{3,80}?)\s*:"
)


def _phrase_end(text: str, start: int, end: int) -> int:
    m = _PHRASE_STOP.search(text, start, end)
    return m.start() if m else end


def _items(text: str, start: int, end: int, labelled: bool = False) -> list[ActorMention]:
    """The submitters of one phrase: one joint faction ("Fraktion MitBürger & Die PARTEI"), or
    several ("Fraktionen A, B und C", "der SPD-Fraktion und der FDP-Fraktion", "Abgeordneten
    Dr. Kurt Duwe und Michael Kruse")."""
    s, e = trim(text, start, end)
    phrase = text[s:e]
    if not phrase.strip():
        return []
    head_noun = re.match(
        rf"\s*(?:der\s+|die\s+|den\s+|des\s+)?(?P<noun>{_FACTION_NOUN})\b\s*(?:der\s+|von\s+|des\s+)?", phrase
    )
    plural = head_noun is not None and bool(_PLURAL_NOUN.search(head_noun.group("noun")))
    if head_noun is not None and not plural:
        named = phrase[head_noun.end() :].strip(" ,")
        if not named or re.fullmatch(_FACTION_NOUN, named):
            return []
        ps = s + (re.match(r"\s*(?:der|die|den|des)\s+", phrase) or re.match(r"\s*", phrase)).end()  # type: ignore[union-attr]
        mention = actors.faction(text[ps:e].strip(" ,"), ps, e)
        return [_printed(mention, text, ps, e)] if mention is not None else []
    body_start = s + (head_noun.end() if head_noun is not None else 0)
    found: list[ActorMention] = []
    position = body_start
    for part in _ITEM_SPLIT.split(text[body_start:e]):
        ps = text.find(part, position, e)
        if ps < 0 or not part.strip():
            continue
        position = ps + len(part)
        m = _LEADING_ARTICLE.match(part)
        if m and parties.canonical(part.strip()) is None:
            ps += m.end()
        ps, pe = trim(text, ps, ps + len(part) - (m.end() if m and parties.canonical(part.strip()) is None else 0))
        item = text[ps:pe].strip(" ,")
        pe = ps + len(item)
        if not item or not item[0].isupper():
            break
        if _is_group(item) and not _office_person(item):
            mention = actors.faction(item, ps, pe)
            if mention is not None:
                found.append(_printed(mention, text, ps, pe))
                continue
        person = person_with_office(text, ps, pe)
        if person is not None:
            found.append(person)
            continue
        if plural:
            mention = actors.faction(item, ps, pe)
            if mention is not None:
                found.append(_printed(mention, text, ps, pe))
                continue
        break
    return found


@lru_cache(maxsize=1)
def _office_prefix() -> re.Pattern[str]:
    forms = lexicon.alternatives(lexicon.office_words())
    return re.compile(rf"^(?:(?:{forms})(?:n|en|r)?\s+)+")


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
        words = [w for w in office.split() if w not in {"Herr", "Herrn", "Frau", "Herren"}]
        if words:
            position = Spanned(
                " ".join(words), start + item.find(words[0]), start + item.find(words[-1]) + len(words[-1])
            )
        name_start = start + m.end()
    mention = actors.person(text[name_start:end], name_start, end, position=position)
    if mention is None or (m is None and len(mention.name.split()) < 2):
        return None
    return mention


def _printed(mention: ActorMention | None, text: str, s: int, e: int) -> ActorMention:
    assert mention is not None
    mention.printed = clean(text[s:e]).strip(" ,.")
    return mention


def _is_group(phrase: str) -> bool:
    return bool(parties.find(phrase)) or bool(re.search(_FACTION_NOUN, phrase))


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
    for pattern in (_SESSION_FOR, _LIST_SESSION):
        for m in pattern.finditer(text, start, stop):
            body_text = m.group("body")
            session_word = _SESSION_WORD.fullmatch(body_text)
            if session_word is not None:
                body_text = session_word.group("body")
                bs, be = m.start("body"), m.start("body") + len(body_text)
            else:
                bs, be = m.start("body"), m.end("body")
            if not (BODY_WORD.search(body_text) or body_text.isupper() or session_word is not None):
                continue
            dates = find_dates(text, m.start("date"), m.end("date"))
            if not dates:
                continue
            body = actors.body(text[bs:be], bs, be)
            consultation = Consultation(body, m.start(), m.end(), date=dates[0])
            if not any(
                c.date and c.date.value == dates[0].value and c.body and c.body.name == body.name for c in found
            ):
                found.append(consultation)
    found.sort(key=lambda c: c.start)
    return found


_BARE_REFERENCE = re.compile(rf"(?<![\w/.]){REFERENCE}(?![\w/])")
_REFERENCE_WORD = re.compile(
    r"(?:Drucksache|Drucksachen-Nr\.?|DS|Vorlage|Vorlagen-Nr\.?|Antrag|Anfrage|Nr\.|Vorlagennummer)\s*[:\-–]?\s*$", re.I
)
_CITED_BEFORE = re.compile(
    r"(?:\bzur|\bzum|\bzu|\bvom|\bBezug|\bsiehe|\bgemäß|\baus|\bdurch|\bersetzt|\bmit)\s+(?:der\s+|dem\s+)?"
    r"(?:Drucksache|Vorlage|Antrag|Anfrage|Beschluss|DS)?\s*(?:Nr\.)?\s*$",
    re.I,
)


def head_reference(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The paper's own reference as web pages and letters print it in their first lines:
    "Antrag der Ratsfraktion DIE LINKE - 0890/2020", "Gemeinsamer Dringlichkeitsantrag RV-113/2019
    der …", "DS 062a/2016 Änderungsantrag zur Drucksache 062/2016" (the second is the amended one)."""
    for s, e in head(text, start, end, limit=6):
        for m in _BARE_REFERENCE.finditer(text, s, e):
            before = text[max(s, m.start() - 40) : m.start()]
            if _CITED_BEFORE.search(before):
                continue
            kind_on_line = bool(lexicon.kind_cues(text, s, m.start()))
            if kind_on_line or _REFERENCE_WORD.search(before):
                return Spanned(" ".join(m.group(0).split()), m.start(), m.end())
    return None


_TABLE_HEAD = re.compile(r"^[ \t#*|\-]*Beratungsfolge\b[^\n]*$", re.MULTILINE)
_TABLE_END = re.compile(
    r"^[ \t#*]*(?:Sachverhalt|Begründung|Beschlussvorschlag|Antrag|Anlagen?|Sachverhalt/Begründung|Finanzielle"
    r"|Beschluss|Inhalt|Text)\b",
    re.MULTILINE,
)
_CELL = " \t|●•*#-"
_SESSION_LINE = re.compile(r"\bSitzung\b")


def flat_table(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """A Beratungsfolge whose table the page-to-text conversion flattened into one cell a line:
    the body (with its role), then the date, then the session and its outcome."""
    from ingest.genres import concepts, consultations  # the consultation readers import this module's users

    stop = len(text) if end is None else end
    head_match = _TABLE_HEAD.search(text, start, stop)
    if head_match is None:
        return []
    end_match = _TABLE_END.search(text, head_match.end(), min(stop, head_match.end() + 3000))
    block_end = end_match.start() if end_match else min(stop, head_match.end() + 3000)
    rows: list[Consultation] = []
    for ls, le in iter_lines(text, head_match.end(), block_end):
        s, e = trim(text, ls, le)
        while s < e and text[s] in _CELL:
            s += 1
        while e > s and text[e - 1] in _CELL:
            e -= 1
        line = text[s:e]
        if not line or lexicon.is_chrome(line) or line.count("|") >= 2:
            continue
        dates = find_dates(text, s, e)
        role = concepts.best("role", text, s, e)
        current = rows[-1] if rows else None
        if _SESSION_LINE.search(line) or (dates and dates[0].start == s):
            if current is not None:
                if current.date is None and dates:
                    current.date = dates[0]
                if current.result is None and len(line.split()) > 1:
                    current.result = consultations.outcome(text, s, e)
            continue
        body_end = role.start if role is not None else e
        body_text = text[s:body_end].strip(" ,")
        if body_text and body_text[0].isupper() and len(_WORD.findall(body_text)) >= 1 and not dates:
            bs = s
            be = bs + len(body_text)
            consultation = Consultation(actors.body(body_text, bs, be), s, e, in_sequence=True)
            if role is not None:
                consultation.role = Spanned(role.slug, role.start, role.end)
            rows.append(consultation)
        elif role is not None and current is not None and current.role is None:
            current.role = Spanned(role.slug, role.start, role.end)
    return [row for row in rows if row.date is not None or row.role is not None]
