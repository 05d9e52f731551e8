"""Consultations: the Beratungsfolge table, "Sitzung des Rates am …, TOP …" lines, outcomes and
votes."""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from ingest import actors, language
from ingest.dates import DATE_PATTERN, find_dates
from ingest.first_chars import scanning
from ingest.genres import concepts, cues
from ingest.genres import votes as vote_counts
from ingest.genres.fields import BODY_WORD, labelled_value, labels
from ingest.language import bodies, lexicon
from ingest.records import Consultation, Spanned
from ingest.text import first_lines, iter_lines, sentence_bounds, sentences, trim

SESSION_LABELS = labels("session")

_TABLE_HEADER = re.compile(r"[ \t#*|]*Beratungs(?:folge|reihenfolge)\b", re.IGNORECASE)
# the cells that follow a body's name in one-space rows: "Gemeinderat (Gemeinde X) Sitzung des Gemeinderates"
_BODY_CELL_END = re.compile(
    r"\s+(?:\((?:Gemeinde|Stadt|Markt|Landkreis|Kreis)\b[^)]*\)|Sitzung\s+(?:des|der)\b|\d{1,3}\.\s+[A-ZÄÖÜ])"
)  # "… Sitzung des Gemeinderates", "Gemeinderatssitzung 50. Gemeinderatssitzung 25.01.2024": the next cell
# a Gremium cell that names the session, not the body: "Gemeinderatssitzung", "Bauausschusssitzung"
_SESSION_OF_BODY = re.compile(r"(?:rat|ausschuss|tag|versammlung|vertretung)(?P<session>s?sitzung)$")
_ITEM_CELL = re.compile(r"(?:^|\s)(?P<item>(?:Ö|NÖ|N)?\s?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\s*$")
_PUBLIC = re.compile(
    r"\b(?:(?P<not>nicht[\s\-]?öffentlich(?:e[nrs]?)?|nichtöffentlich(?:e[nrs]?)?|nö)|öffentlich(?:e[nrs]?)?|ö)\b",
    re.IGNORECASE,
)  # "33. öffentliche Sitzung des Ausschusses …" as well as a cell "öffentlich"
_ROLE_ABBREVIATION = re.compile(r"\((?P<abbr>VB|SB|BA|KE|E|K)\)")
_ABBREVIATED_ROLE = {
    "VB": "preliminary",
    "SB": "decision",
    "E": "decision",
    "KE": "acknowledgement",
    "K": "acknowledgement",
}

_BODY = r"(?P<body>[A-ZÄÖÜ][^\n()]{1,140}?)"
SESSION = re.compile(
    r"(?:(?P<ordinal>\d{1,3})\.\s*)?(?P<public>(?:nicht\s?)?öffentliche[n]?\s+)?Sitzung\s+(?:des|der)\s+"
    + _BODY
    + r"\s+(?:am|vom)\s+(?P<date>"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + ")",
    re.IGNORECASE,
)
DECISION = re.compile(
    r"Beschluss\s+(?:des|der)\s+"
    + _BODY
    + r"\s+(?:am|vom)\s+(?P<date>"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + r")(?:\s*\((?P<abbr>[A-Z]{1,3})\))?",
    re.IGNORECASE,
)
_SESSION_WORD = re.compile("Sitzung", re.IGNORECASE)
_DECISION_WORD = re.compile("Beschluss", re.IGNORECASE)
FINAL_BODY = re.compile(
    r"(?:durch|von)\s+(?:die|den|der|dem)\s+(?P<body>Vollversammlung(?:\s+des\s+Stadtrates)?|Stadtrat|Rat)\s+"
    r"(?:endgültig\s+)?(?:beschlossen|entschieden)",
)
AGENDA_ITEM = re.compile(
    r"\b(?:TOP|Tagesordnungspunkt|TO-Punkt)\s*(?:Nr\.)?\s*[:.]?\s*(?:\*\*)?\s*"
    r"(?P<item>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)(?![\d.]\d)"
)
PUBLIC_SESSION = re.compile(r"^[\s*]*(?P<not>Nicht\s?ö|Nichtö|nicht\s?ö)?(?:Ö|ö)ffentliche\s+Sitzung", re.MULTILINE)


def _public(text: str, start: int, end: int) -> Spanned[bool] | None:
    """Whether the cell or line says the session is public; None where it says both
    ("öffentliche/nichtöffentliche Sitzung des Hauptausschusses")."""
    m = _PUBLIC.search(text, start, end)
    if not m:
        return None
    public = m.group("not") is None
    if any((other.group("not") is None) != public for other in _PUBLIC.finditer(text, m.end(), end)):
        return None
    return Spanned(public, m.start(), m.end())


def _role(text: str, start: int, end: int) -> Spanned[str] | None:
    hit = concepts.best("role", text, start, end)
    if hit is not None:
        return Spanned(hit.slug, hit.start, hit.end)
    m = _ROLE_ABBREVIATION.search(text, start, end)
    if m and m.group("abbr") in _ABBREVIATED_ROLE:
        return Spanned(_ABBREVIATED_ROLE[m.group("abbr")], m.start(), m.end())
    return None


def table(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """The rows of a Beratungsfolge table: body, date, public/non-public, role."""
    stop = len(text) if end is None else end
    rows: list[Consultation] = []
    lines = list(iter_lines(text, start, stop))
    for index, (ls, le) in enumerate(lines):
        if not _TABLE_HEADER.match(text, ls, le):
            continue
        blanks = 0
        for rs, re_ in lines[index + 1 : index + 30]:
            row = text[rs:re_]
            if not row.strip():
                blanks += 1
                if rows or blanks > 2:
                    break
                continue
            consultation = _row(text, rs, re_)
            if consultation is not None:
                if "TOP" in text[ls : lines[index + 1][1]] + text[rs - 200 : rs] and consultation.agenda_item is None:
                    item = _ITEM_CELL.search(text, rs, re_)  # the last column "TOP-Nr."
                    if item is not None and (consultation.date is None or item.start() > consultation.date.end):
                        consultation.agenda_item = Spanned(" ".join(item.group("item").split()), *item.span("item"))
                rows.append(consultation)
            elif rows:
                break
        if rows:
            break
    for consultation in rows:
        consultation.in_sequence = True
    return rows


_ROW_LENGTH = 160
_LOWER_WORD = re.compile(
    r"(?<![\w\-])(?!(?:und|für|der|des|die|dem|den|von|im|in|am|zur|zum|sowie|nö|ö)\b)[a-zäöüß][\wäöüß]+"
)
_CELL = re.compile(r"[^\t|]+?(?=\s*(?:\t|\s{3,}|\||$))")
_SEPARATED = re.compile(r"\t|\||\S {3,}\S")


def _row(text: str, start: int, end: int) -> Consultation | None:
    """One row: the body before the date ("Stadtrat 24.11.2021 öffentlich Entscheidung") or after it
    ("24.11.2021 Stadtrat Entscheidung"), then status words."""
    row = text[start:end]
    if not row.strip() or row[:1] in "\t|":
        return None  # a continuation of the header (sub-headings under empty first cells)
    if len(row) > _ROW_LENGTH and not _SEPARATED.search(row):
        return None  # a paragraph of running text under an empty table: "Der Stadtrat hat in seiner Sitzung am …"
    dm = DATE_PATTERN.search(text, start, end)
    bs, be = trim(text, start, dm.start() if dm else end, " \t*|")
    if dm is not None and bs >= be:
        # date first: the body is the first cell after the date that names one
        for cell in _CELL.finditer(text, dm.end(), end):
            cs, ce = trim(text, cell.start(), cell.end(), " \t*|")
            if cs < ce and BODY_WORD.search(text, cs, ce):
                bs, be = cs, ce
                break
    elif dm is None:
        first_cell = _CELL.match(text, bs, end)
        be = trim(text, bs, first_cell.end() if first_cell else be, " \t*|")[1]
    cut = _BODY_CELL_END.search(text, bs, be)
    if cut is not None:
        be = cut.start()
    body_text = text[bs:be]
    if bs >= be or not BODY_WORD.search(body_text) or len(body_text) > 150:
        return None
    if len(_LOWER_WORD.findall(body_text)) > 2:
        return None  # "Der Gemeinderat genehmigt das Protokoll der … vom 26.02.2019": a sentence, no cell
    if dm is None and not _SEPARATED.search(row):
        # Without cell separators (a PDF's text layer), only the date tells a row from a
        # wrapped header cell or the subject line under the table.
        return None
    if dm is not None and not (be <= dm.start() or bs >= dm.end()):
        return None
    date = find_dates(text, dm.start(), dm.end())[0] if dm else None
    status_start = max(be, dm.end()) if dm else be
    role = _role(text, status_start, end)
    result = outcome(text, status_start, end)
    if result is not None and role is not None and result.start < role.end and role.start < result.end:
        result = None  # "Kenntnisnahme" names the role here, not a recorded outcome
    session_of_body = _SESSION_OF_BODY.search(body_text)
    if session_of_body is not None:
        body_text, be = body_text[: session_of_body.start("session")], bs + session_of_body.start("session")
    return Consultation(
        body=actors.body(body_text, bs, be),
        start=min(bs, dm.start()) if dm else bs,
        end=trim(text, start, end)[1],
        date=date,
        role=role,
        public=_public(text, status_start, end),
        result=result,
    )


def sessions(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """Consultations named in running text or statement headers."""
    stop = len(text) if end is None else end
    found: list[Consultation] = []
    for pattern, word in ((SESSION, _SESSION_WORD), (DECISION, _DECISION_WORD)):
        if word.search(text, start, stop) is None:
            continue  # every match holds the word: a span without it holds none
        for m in scanning(pattern).finditer(text, start, stop):
            body_text = m.group("body")
            if not BODY_WORD.search(body_text) or len(_LOWER_WORD.findall(body_text)) > 2:
                continue  # "Gemeinderat genehmigt das Protokoll der …": a sentence, no body's name
            bs, be = trim(text, m.start("body"), m.end("body"))
            dates = find_dates(text, m.start("date"), m.end("date"))
            line_start = text.rfind("\n", 0, m.start()) + 1
            consultation = Consultation(
                body=actors.body(text[bs:be], bs, be),
                start=line_start,
                end=m.end(),
                date=dates[0] if dates else None,
            )
            groups = m.groupdict()
            if groups.get("public"):
                consultation.public = Spanned(
                    "nicht" not in groups["public"].lower(), m.start("public"), m.end("public")
                )
            if groups.get("abbr") in _ABBREVIATED_ROLE:
                consultation.role = Spanned(_ABBREVIATED_ROLE[groups["abbr"]], m.start("abbr"), m.end("abbr"))
            # agenda item on the same line or within the next lines of a header
            window_end = min(stop, m.end() + 400)
            blank = text.find("\n\n\n", m.end(), window_end)
            item = AGENDA_ITEM.search(text, line_start, window_end if blank < 0 else blank)
            if item:
                consultation.agenda_item = Spanned(item.group("item"), item.start("item"), item.end("item"))
            public = PUBLIC_SESSION.search(text, m.end(), min(stop, m.end() + 80))
            if consultation.public is None and public:
                consultation.public = Spanned(public.group("not") is None, public.start(), public.end())
            found.append(consultation)
    for m in FINAL_BODY.finditer(text, start, stop):
        bs, be = m.start("body"), m.end("body")
        found.append(
            Consultation(
                body=actors.body(text[bs:be], bs, be),
                start=m.start(),
                end=m.end(),
                role=Spanned("decision", m.start(), m.end()),
            )
        )
    found.sort(key=lambda c: c.start)
    return found


def votes(consultation: Consultation, text: str, start: int, end: int) -> None:
    """Fill vote counts from "Ja: 25 Nein: 10 Enthaltung: 2", "mit 30 Ja-Stimmen, …" or "24:3:1"
    (read by `votes.read`, from the words of `ingest/language/votes.toml`)."""
    counts = vote_counts.read(text, start, end)
    consultation.votes_for = counts.get("for", consultation.votes_for)
    consultation.votes_against = counts.get("against", consultation.votes_against)
    consultation.abstentions = counts.get("abstentions", consultation.abstentions)
    if _majority_first(consultation, text):
        consultation.votes_for, consultation.votes_against = consultation.votes_against, consultation.votes_for


def _majority_first(consultation: Consultation, text: str) -> bool:
    """Is a ratio printed with the deciding majority first ("mit 24:1 Stimmen abgelehnt")? A
    rejection cannot have more votes for than against, an adoption not fewer."""
    yes, no, result = consultation.votes_for, consultation.votes_against, consultation.result
    if yes is None or no is None or result is None or not yes.end <= no.start:
        return False
    if text[yes.end : no.start].strip() not in (":", "zu"):
        return False
    return (result.value == "rejected" and yes.value > no.value) or (result.value == "adopted" and yes.value < no.value)


OUTCOME_PRIORITY = (
    "withdrawn",
    "postponed",
    "referred",
    "adopted-with-changes",
    "rejected",
    "settled",
    "noted",
    "adopted",
)


@cache
def _split_phrases() -> tuple[tuple[str, bool, tuple[str, ...], re.Pattern[str]], ...]:
    """The outcome phrases of `outcomes.toml` whose words may stand apart ("mit Änderungen … beschlossen"),
    each with whether it as often tells how some members voted (`members`) and its words casefolded:
    a text without one of them cannot hold the phrase."""
    found = []
    for entry in language.entries("outcomes", "outcome"):
        members = bool(entry.get("members", False))
        for phrase in entry["phrases"]:
            pattern = re.compile(r"(?<![\wäöüß])" + lexicon.gapped(phrase) + r"(?![\wäöüß])", re.I)
            needles = tuple(word.casefold() for word in phrase.replace("…", " ").split())
            found.append((entry["outcome"], members, needles, pattern))
    return tuple(found)


def _outcome_words(text: str, start: int, end: int, bodies_only: bool = False) -> list[tuple[str, int, int]]:
    """Every outcome `text[start:end]` prints, as (concept, start, end): the vocabulary's labels
    ("abgelehnt") and the phrases of `outcomes.toml` ("lehnten … ab", "fand … keine Mehrheit");
    `bodies_only`: a phrase that as often tells how some members voted only with the counts
    of the vote inside it ("stimmten mit 23:17 Stimmen gegen")."""
    hits: list[tuple[str, int, int]] = [(h.slug, h.start, h.end) for h in concepts.find("outcome", text, start, end)]
    folded = text[start:end].casefold()
    for slug, members, needles, pattern in _split_phrases():
        if all(needle in folded for needle in needles):
            hits += [
                (slug, m.start(), m.end())
                for m in pattern.finditer(text, start, end)
                if not (bodies_only and members) or vote_counts.read(text, m.start(), m.end())
            ]
    return hits


def outcome(text: str, start: int, end: int) -> Spanned[str] | None:
    """The outcome concept of a decision line; the span is the outcome as printed."""
    hits = _outcome_words(text, start, end)
    if not hits:
        return None
    rank = {slug: i for i, slug in enumerate(OUTCOME_PRIORITY)}
    slug, s, e = min(hits, key=lambda h: (rank.get(h[0], len(rank)), -(h[2] - h[1]), h[1]))
    return Spanned(slug, s, e)


_PUBLIC_BEFORE_BODY = re.compile(
    r"(?<![\wäöüß-])(?P<not>nicht[ \t-]?)?öffentliche[nrs]?[ \t]+(?:Sitzung|Sitzungsteil|Teil)[ \t]+(?:des|der)[ \t]+"
    r"(?:[A-ZÄÖÜ][a-zäöüß]+er[ \t]+)?$",
    re.IGNORECASE,
)


@cache
def _public_session() -> re.Pattern[str]:
    """How a report calls its session public (bodies.toml [[public_session]])."""
    nouns = lexicon.alternatives(language.words("bodies", "public_session", "nouns"))
    verbs = lexicon.alternatives(language.words("bodies", "public_session", "verbs"))
    return re.compile(
        rf"(?<![\wäöüß-])(?:öffentliche[nr]?[ \t]+(?:[\w-]*sitzung|{nouns})|öffentlich[ \t]+(?:{verbs}))\b",
        re.IGNORECASE,
    )


_CLOSED_SESSION = re.compile(r"nicht[ \t-]?öffentlich|\bnö\b", re.IGNORECASE)


def mark_public_from_prose(known: list[Consultation], text: str) -> None:
    """ "im öffentlichen Teil des Stadtrates", "in der nächsten öffentlichen Sitzung des Ausschusses":
    the words before a body's name say whether its session is public; a page that tells of one
    session and calls it public and no part of it closed ("trifft sich heute zur öffentlichen
    Sitzung", "Am Ende des öffentlichen Teils") says so of that one."""
    if len(known) == 1 and known[0].public is None and known[0].body is not None:
        said = _public_session().search(text)
        if said is not None and _CLOSED_SESSION.search(text) is None:
            known[0].public = Spanned(True, said.start(), said.end())
    for consultation in known:
        if consultation.public is not None or consultation.body is None:
            continue
        start = consultation.body.start
        m = _PUBLIC_BEFORE_BODY.search(text, max(0, start - 60), start)
        if m is not None:
            consultation.public = Spanned(m.group("not") is None, m.start(), m.end())


def same(a: Consultation, b: Consultation) -> bool:
    """Do two consultations describe the same session (same body, same date or either undated)?"""
    if a.body is None or b.body is None:
        return False
    if actors.body_key(a.body.name) != actors.body_key(b.body.name):
        return False
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    return a.date.value == b.date.value


def merge(into: list[Consultation], more: list[Consultation]) -> None:
    """Add `more` to `into`, folding repeats of the same session into the first."""
    for consultation in more:
        known = next((c for c in into if same(c, consultation)), None)
        if known is None:
            into.append(consultation)
            continue
        for attr in (
            "role",
            "public",
            "agenda_item",
            "result",
            "votes_for",
            "votes_against",
            "abstentions",
        ):
            if getattr(known, attr) is None and getattr(consultation, attr) is not None:
                setattr(known, attr, getattr(consultation, attr))


# the table's title, or its header cells one a line: "Gremium⏎TOP⏎ö. Sitzung⏎nö. Sitzung⏎Termin"
_FLAT_HEAD = re.compile(
    r"^[ \t#*|\-]*(?:Beratungsfolge|Beratungsverlauf"
    r"|Gremium(?=[ \t]*\n(?:[^\n]{0,20}\n){0,4}[ \t]*(?:Termin|Sitzungstermin|Sitzungsdatum)[ \t]*\n))\b[^\n]*$",
    re.MULTILINE,
)
_FLAT_END = re.compile(
    r"^[ \t#*]*(?:Sachverhalt|Begründung|Beschlussvorschlag|Antrag|Anlagen?|Sachverhalt/Begründung|Finanzielle"
    r"|Beschluss|Inhalt|Text|Betreff)\b",
    re.MULTILINE,
)
_FLAT_CELL = " \t|●•*#-"
_SESSION_LINE = re.compile(r"\bSitzung\b|^(?:des|der)\s")  # "des Rates der Stadt zurückgezogen": the cell cut
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")


_ARTICLE = re.compile(r"^(?:Der|Die|Das|Dem|Den|Des)\s")


def _names_body(cell: str, with_role: bool) -> bool:
    """Is a table cell a body's name ("Haushalt und Personal Entscheidung"), not a sentence
    ("Der Finanzsenat empfiehlt der Vollsitzung …")?"""
    if not cell or not cell[0].isupper() or _ARTICLE.match(cell) or len(cell.split()) > 10:
        return False
    abbreviation = cell.isupper() and len(cell) >= 2  # "HFA"; a lone "X" ticks a column
    return with_role or bool(BODY_WORD.search(cell) or bodies.council_pattern().search(cell) or abbreviation)


def flat_table(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """A Beratungsfolge whose table the page-to-text conversion flattened into one cell a line:
    the body (with its role), then the date on a line of its own, then the session and its
    outcome ("42. Sitzung … überwiesen")."""
    stop = len(text) if end is None else end
    head_match = _FLAT_HEAD.search(text, start, stop)
    if head_match is None:
        return []
    end_match = _FLAT_END.search(text, head_match.end(), min(stop, head_match.end() + 3000))
    block_end = end_match.start() if end_match else min(stop, head_match.end() + 3000)
    rows: list[Consultation] = []
    for ls, le in iter_lines(text, head_match.end(), block_end):
        s, e = trim(text, ls, le, _FLAT_CELL)
        line = text[s:e]
        if not line or line.count("|") >= 2 or line.count("\t") >= 2:
            continue  # a row of cells ("Status⇥Datum⇥Gremium⇥Beschluss"), not a cell of the flattened table
        dates = find_dates(text, s, e)
        current = rows[-1] if rows else None
        if _SESSION_LINE.search(line) or (dates and dates[0].start == s):
            # a date alone on its line is a cell of the row above, not page chrome
            if current is not None and current.date is not None and dates and dates[0].start == s:
                # the body's next session: "19.08.2019⏎33. … vertagt⏎20.08.2019⏎34. …" under one body
                current = Consultation(current.body, s, e, in_sequence=True, role=current.role)
                rows.append(current)
            if current is not None:
                if current.date is None and dates:
                    current.date = dates[0]
                if current.result is None and len(line.split()) > 1:
                    current.result = outcome(text, s, e)
                if current.public is None:
                    current.public = _public(text, s, e)
            continue
        if lexicon.is_chrome(line):
            continue
        role = concepts.best("role", text, s, e)
        body_end = role.start if role is not None else e
        body_text = text[s:body_end].strip(" ,")
        body_text = body_text if role is not None else bodies.without_column_word(body_text)
        if _names_body(body_text, role is not None) and not dates:
            consultation = Consultation(actors.body(body_text, s, s + len(body_text)), s, e, in_sequence=True)
            if role is not None:
                consultation.role = Spanned(role.slug, role.start, role.end)
            rows.append(consultation)
        elif role is not None and current is not None and current.role is None:
            current.role = Spanned(role.slug, role.start, role.end)
    return [row for row in rows if row.date is not None or row.role is not None]


_DATE_RUN = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?:[ \t]+\d{1,2}\.\d{1,2}\.\d{4}){1,9}(?![\d.])")
_COLUMN_LEAD = re.compile(r"(?:\b(?:für|an)\s+(?:den|die|das)|Beratungsfolge\s*:?)\s+(?=[A-ZÄÖÜ])")


def column_table(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """A Beratungsfolge whose columns the page-to-text conversion laid one after the other on one
    line: the bodies, then as many dates ("Sitzungsvorlage für den Haupt- und Finanzausschuss
    Sanierungs- und Entwicklungsausschuss Rat 14.04.2016 11.05.2016 29.06.2016"). Each body ends
    with its body word; the rows are read only where bodies and dates are equally many."""
    stop = len(text) if end is None else end
    for run in _DATE_RUN.finditer(text, start, stop):
        leads = list(_COLUMN_LEAD.finditer(text, max(start, run.start() - 300), run.start()))
        if not leads:
            continue
        lead = leads[-1]
        names = _bodies_in_a_row(text, lead.end(), run.start())
        dates = find_dates(text, run.start(), run.end())
        if names and len(names) == len(dates):
            return [
                Consultation(body, body.start, body.end, date=day, in_sequence=True)
                for body, day in zip(names, dates, strict=True)
            ]
    return []


def _bodies_in_a_row(text: str, start: int, end: int) -> list[actors.ActorMention]:
    """ "Haupt- und Finanzausschuss Sanierungs- und Entwicklungsausschuss Rat": names cut after
    each body word ("Haupt-" only opens one); none where words are left over."""
    found: list[actors.ActorMention] = []
    name_start = None
    for word in re.finditer(r"\S+", text[start:end]):
        s, e = start + word.start(), start + word.end()
        name_start = s if name_start is None else name_start
        if BODY_WORD.search(word.group(0)) and not word.group(0).endswith("-"):
            found.append(actors.body(text[name_start:e], name_start, e))
            name_start = None
    return found if name_start is None else []


_VOTED_BODY_LINE = re.compile(
    r"^[ \t]*(?P<body>[A-ZÄÖÜ][^\n:\t]{2,80}?)(?:[ \t]*:[ \t]*|[ \t]{2,}|\t)(?P<votes>\d[^\n]{4,80})$", re.M
)


def voted_bodies(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """Committees listed with their votes, one a line ("Kulturausschuss     7 Ja-Stimmen und 1
    Enthaltung"): how the paper fared before it came to the council."""
    stop = len(text) if end is None else end
    found: list[Consultation] = []
    for m in _VOTED_BODY_LINE.finditer(text, start, stop):
        name = m.group("body").strip()
        counts = vote_counts.read(text, m.start("votes"), m.end("votes"))
        if not _names_body(name, False) or not ("for" in counts or "against" in counts):
            continue
        bs = m.start("body")
        consultation = Consultation(actors.body(name, bs, bs + len(name)), m.start(), m.end(), in_sequence=True)
        consultation.votes_for = counts.get("for")
        consultation.votes_against = counts.get("against")
        consultation.abstentions = counts.get("abstentions")
        found.append(consultation)
    return found


_LAST_SESSION = re.compile(
    r"^[ \t*#]*(?:Letzte\s+|Nächste\s+)?Beratung(?:\s+am)?[ \t]*:[ \t]*(?P<date>(?i:"
    + DATE_PATTERN.pattern[len("(?<![\\d.])") :]
    + r"))[ \t]+(?P<body>[A-ZÄÖÜ][^\n]{2,120}?)"
    + r"(?:[ \t]+(?P<item>(?:Ö|NÖ|N)[ \t]*\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?))?[ \t]*$",
    re.MULTILINE,
)


def labelled_sessions(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """A session printed on one labelled line: "Letzte Beratung: 15.05.2025 Bezirksversammlung
    Wandsbek Ö 7.7" (date, body and agenda item; "Ö" marks the public part)."""
    stop = len(text) if end is None else end
    found: list[Consultation] = []
    for m in _LAST_SESSION.finditer(text, start, stop):
        if not (BODY_WORD.search(m.group("body")) or bodies.council_pattern().search(m.group("body"))):
            continue
        bs, be = trim(text, m.start("body"), m.end("body"))
        consultation = Consultation(actors.body(text[bs:be], bs, be), m.start(), m.end())
        consultation.date = find_dates(text, m.start("date"), m.end("date"))[0]
        if m.group("item"):
            item = " ".join(m.group("item").split())
            consultation.agenda_item = Spanned(item, m.start("item"), m.end("item"))
            consultation.public = Spanned(not item.startswith("N"), m.start("item"), m.end("item"))
        found.append(consultation)
    return found


_BODY_COMMA_DATE = re.compile(
    r"(?:\d{1,3}\.[ \t]*)?(?:(?:öffentliche|ordentliche|außerordentliche)n?[ \t]+)?(?:Sitzung\s+(?:des|der)\s+)?"
    r"(?P<body>[A-ZÄÖÜ][^\n,]{1,100}?)(?:s?sitzung)?,[ \t]*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})[ \t]*$"
)  # "10. Sitzung des Gemeinderates, 09.03.2021", "50. Gemeinderatssitzung, 25.01.2024"


def shown_session(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """The session an agenda item's page is shown from ("Daten angezeigt aus Sitzung:⏎Bau- und
    Umweltausschuss, 30.06.2021", "… Sitzung des Stadtrates, 25.05.2021"): body and date."""
    stop = len(text) if end is None else end
    value = labelled_value(text, SESSION_LABELS, start, min(stop, start + 1500), max_lines=1)
    m = _BODY_COMMA_DATE.match(text, value.start, value.end) if value is not None else None
    if m is None or not (BODY_WORD.search(m.group("body")) or bodies.council_pattern().search(m.group("body"))):
        return []
    bs, be = trim(text, m.start("body"), m.end("body"))
    consultation = Consultation(actors.body(text[bs:be], bs, be), m.start(), m.end())  # "Stadtrates" declined there
    consultation.date = find_dates(text, m.start("date"), m.end("date"))[0]
    return [consultation]


def dated_bodies(text: str, start: int = 0, end: int | None = None) -> list[Consultation]:
    """The sessions a faction's paper is meant for, one body and its date per line:
    "Ausschuss für Feuerwehr und Ordnung: 29.08.2023⏎Hauptausschuss: 06.09.2023⏎Rat: 13.09.2023"."""
    stop = min(len(text) if end is None else end, start + 2000)
    found: list[Consultation] = []
    for m in _BODY_DATE_LINE.finditer(text, start, stop):
        bs, be = trim(text, m.start("body"), m.end("body"))
        name = text[bs:be]
        if not (BODY_WORD.search(name) or bodies.council_pattern().search(name)) or len(name.split()) > 10:
            continue
        dates = find_dates(text, m.start("date"), m.end("date"))
        if not dates:
            continue
        consultation = Consultation(actors.body(name, bs, be), m.start(), m.end())
        consultation.date = dates[0]
        found.append(consultation)
    return found if len(found) >= 2 else []  # one such line may be any dated note


_BODY_DATE_LINE = re.compile(
    r"^[ \t*•\-]*(?P<body>[A-ZÄÖÜ][^\n:]{1,80}?)[ \t]*:[ \t]*(?P<date>\d{1,2}\.\d{1,2}\.\d{2,4})[ \t]*$", re.M
)


_DATE_TEXT = "(?i:" + DATE_PATTERN.pattern[len("(?<![\\d.])") :] + ")"  # month names in any case


@cache
def _intended_patterns() -> tuple[tuple[str | None, re.Pattern[str]], ...]:
    """(role, pattern) for the ways a paper names the session it is meant for."""
    name = bodies.name_pattern()
    body = rf"(?P<body>{name})"
    dated = rf"\s+(?:am|vom)\s+(?P<date>{_DATE_TEXT})"
    ordinal = r"(?:\d{1,3}\.\s*)?"
    session_of = rf"{ordinal}(?:(?:öffentliche|nächste|kommende)n?\s+)*Sitzung\s+(?:(?:des|der)\s+)?"
    # what tables a paper for a session ("zur", "für die", "an den", a list "…, den X am …"); a
    # narrative "im Ausschuss am …" tells the history of some paper, not this paper's session
    cue = (
        r"(?:\b(?i:zur|zum|für\s+die|für\s+den|an\s+den|an\s+die|auf\s+die)\s+|^[ \t*#]*"
        r"|,\s+(?:an\s+)?(?:den|die)\s+|\bund\s+(?:an\s+)?(?:den|die)\s+)"
    )
    session_cue = cue[:-1] + r"|\b(?i:in\s+der)\s+)"  # "In der Gemeinderatsitzung vom …"
    return (
        # "Antrag zur Sitzung des HWFA am 2. Juni 2016", "für die Ratsversammlung am 22.08.2019"
        (None, re.compile(rf"{cue}{ordinal}(?:{session_of})?(?P<body>{name}|[A-ZÄÖÜ]{{2,8}}){dated}", re.M)),
        # "In der Gemeinderatsitzung vom 13.12.18", "zur 17. Stadtratssitzung am 15.06.2016"
        (None, re.compile(rf"{session_cue}{ordinal}(?P<body>[A-ZÄÖÜ][a-zäöüß]+?)s?sitzung{dated}", re.M)),
        # "Der Rat der Stadt möge beschließen:", "Die Stadtverordnetenversammlung wolle beschließen"
        # also lower case after "beantragen, der Rat möge beschließen"
        (
            "decision",
            re.compile(
                rf"\b(?:[Dd]er|[Dd]ie|[Dd]as)\s+{body}\s+(?:möge|mögen|wolle|wollen|möchte)\s+(?:\w+\s+)?beschließen\b"
            ),
        ),
        # "folgenden Antrag für den nächsten Hauptausschuss": the session, not yet dated
        ("decision", re.compile(rf"\b(?:für|in)\s+(?:den|die|das)\s+(?:nächsten|kommenden)\s+{body}\b")),
        # "für die kommende Sitzung des Gemeinderates", "in der nächsten Sitzung der Stadtverordnetenversammlung"
        ("decision", re.compile(rf"\b(?:nächste|kommende)n?\s+Sitzung\s+(?:des|der)\s+{body}(?!\s+(?:am|vom)\s+\d)")),
        # "Abschließende Beschlussfassung in der Stadtverordnetenversammlung am 07.12.2017 vorgesehen"
        (
            "decision",
            re.compile(rf"\b(?:Beschlussfassung|Entscheidung)\s+(?:in\s+der|im|in\s+dem)\s+{body}{dated}"),
        ),
        # "beantragt daher in der nächsten Stadtratssitzung", "spätestens zur übernächsten Gemeinderatssitzung"
        (
            "decision",
            re.compile(
                r"\b(?:in\s+der|zur|für\s+die)\s+(?:über)?(?:nächsten|kommenden)\s+"
                r"(?P<body>[A-ZÄÖÜ][a-zäöüß]+?)s?sitzung\b(?!\s+(?:am|vom)\s+\d)"
            ),
        ),
        # "Antrag für den Digitalausschuss"
        (
            "decision",
            re.compile(
                rf"^[ \t*#]*(?:Antrag|Anfrage)\s+(?:für\s+den|für\s+die|an\s+den|an\s+die)\s+{body}[ \t]*$", re.M
            ),
        ),
        # "zur weiteren Beratung im Ausschuss für Schule, Sport, Kultur und Heimatpflege"
        (
            "preliminary",
            re.compile(
                rf"\bzur\s+(?:weiteren\s+)?(?:Beratung|Vorberatung)\s+(?:im|in\s+den|in\s+die|in\s+der)\s+{body}"
            ),
        ),
    )


@cache
def _recommendation() -> re.Pattern[str]:
    name = bodies.name_pattern()
    return re.compile(
        rf"\b(?:Der|Die|Das)\s+(?P<body>{name})\s+{bodies.verb_pattern(recommends=True)}\s+(?:dem|der|den)\s+"
        rf"(?P<next>{name})"
    )


def _recommended(text: str, start: int, stop: int) -> list[Consultation]:
    """ "Der Finanzsenat empfiehlt der Vollsitzung folgenden Beschluss": the recommending body
    consults, the body it recommends to decides."""
    found: list[Consultation] = []
    for m in _recommendation().finditer(text, start, stop):
        for group, role in (("body", "preliminary"), ("next", "decision")):
            bs, be = m.start(group), m.start(group) + len(bodies.nominative(m.group(group)))
            consultation = Consultation(actors.body(text[bs:be], bs, be), m.start(), m.end())
            consultation.role = Spanned(role, m.start(group), m.end(group))
            found.append(consultation)
        break
    return found


def intended(text: str, start: int = 0, end: int | None = None, recommended: bool = True) -> list[Consultation]:
    """The sessions a paper names for itself, in its head: the body asked to decide ("Der Rat
    möge beschließen"), the session it is tabled for ("Antrag zur Sitzung des HWFA am 2. Juni
    2016", "für die Ratsversammlung am 22.08.2019", "zur 17. Stadtratssitzung am 15.06.2016"),
    the committee it is referred to for consultation; with `recommended`, the bodies of a
    recommendation ("Der Finanzsenat empfiehlt der Vollsitzung …")."""
    stop = len(text) if end is None else end
    found: list[Consultation] = []
    for role, pattern in _intended_patterns():
        for m in scanning(pattern).finditer(text, start, stop):
            bs, be = trim(text, m.start("body"), m.end("body"), " \t,")
            printed = bodies.nominative(text[bs:be])
            be = bs + len(printed)
            if "date" not in m.groupdict() or m.group("date") is None:
                day = None
            else:
                dates = find_dates(text, m.start("date"), m.end("date"))
                if not dates:
                    continue
                day = dates[0]
            if not (bodies.is_council(printed) or BODY_WORD.search(printed) or printed.isupper()):
                continue
            consultation = Consultation(actors.body(printed, bs, be), m.start(), m.end(), date=day)
            if role is not None:
                consultation.role = Spanned(role, m.start(), m.end())
            same = next(
                (c for c in found if _same_session(c, consultation) or _one_council_session(c, consultation)), None
            )
            if same is None:
                found.append(consultation)
            else:
                _merge_session(same, consultation)
    for consultation in _recommended(text, start, stop) if recommended else []:
        if not any(_same_session(c, consultation) for c in found):
            found.append(consultation)
    found.sort(key=lambda c: c.start)
    return found


def _one_council_session(a: Consultation, b: Consultation) -> bool:
    """ "Antrag zur Sitzung des Rates am 26. März 2015" and "Der Rat der Stadt Remscheid möge
    beschließen": the council named twice in a paper's head, dated once, is one session."""
    if a.body is None or b.body is None or (a.date is not None and b.date is not None):
        return False
    return bodies.is_council(a.body.name) and bodies.is_council(b.body.name)


def _merge_session(kept: Consultation, other: Consultation) -> None:
    """What a second mention of the same session adds: its date, its role, a fuller body name."""
    kept.date = kept.date or other.date
    kept.role = kept.role or other.role
    if kept.body is not None and other.body is not None and len(other.body.name) > len(kept.body.name):
        kept.body = other.body


def _same_session(a: Consultation, b: Consultation) -> bool:
    if a.body is None or b.body is None:
        return False
    if actors.body_key(a.body.name) != actors.body_key(b.body.name):
        return False
    return a.date is None or b.date is None or a.date.value == b.date.value


def mark_deciding(known: list[Consultation], text: str, start: int, end: int) -> None:
    """The body a paper's resolution makes act ("Der HWFA beauftragt die Verwaltung …") decides
    it: its sessions without a printed role take the role decision."""
    acting = [a for a in bodies.acting_bodies(text, start, end) if not a.recommends]
    for consultation in known:
        if consultation.role is not None or consultation.body is None:
            continue
        key = actors.body_key(consultation.body.name)
        hit = next(((a.start, a.end) for a in acting if actors.body_key(actors.body_name(a.name)) == key), None)
        if hit is None and consultation.body.name.isupper():  # "Der HWFA beauftragt …"
            m = re.search(rf"\b(?:Der|Die|Das)\s+{re.escape(consultation.body.name)}\s+{bodies.verb_pattern()}", text)
            hit = (m.start(), m.end()) if m and start <= m.start() < end else None
        if hit is not None:
            consultation.role = Spanned("decision", *hit)


_TAKES_NOTE = re.compile(r"\bzur\s+Kenntnis\b")


def add_proposed(known: list[Consultation], text: str, start: int, end: int) -> None:
    """The body a paper's own proposal makes act ("Der Rat der Stadt Löhne beauftragt die
    Verwaltung …", "Beschlussvorschlag: Die Stadtvertretung beschließt …") is the one it asks to
    decide: an undated decision, unless a Beratungsfolge lists the steps or the body is listed."""
    if any(c.in_sequence for c in known):
        return
    acting = next((a for a in bodies.acting_bodies(text, start, end) if not a.recommends and not a.past), None)
    if acting is None:
        return
    consultation = Consultation(actors.body(acting.name, acting.start, acting.end), acting.start, acting.end)
    sentence_end = re.search(r"[.!?\n]|$", text[acting.end : min(end, acting.end + 400)])
    sentence = text[acting.end : acting.end + (sentence_end.start() if sentence_end else 0)]
    role = "acknowledgement" if _TAKES_NOTE.search(sentence) else "decision"  # "nimmt … zur Kenntnis"
    consultation.role = Spanned(role, acting.start, acting.end)
    _add_unless_known(known, consultation)


def _add_unless_known(known: list[Consultation], consultation: Consultation) -> None:
    """An undated step of a body, unless a session of that body is known already."""
    if not any(_same_session(c, consultation) or _one_council_session(c, consultation) for c in known):
        known.append(consultation)


def add_addressed(known: list[Consultation], text: str, start: int, end: int) -> None:
    """ "Der Haupt- und Finanzausschuss empfiehlt der Stadtverordnetenversammlung, … zu beschließen":
    the body a recommendation addresses is to decide the paper (undated), unless a Beratungsfolge
    lists the steps or that body's session is known."""
    if any(c.in_sequence for c in known):
        return
    for body in bodies.acting_bodies(text, start, end):
        if not body.recommends or body.past:
            continue
        addressed = bodies.recommended_to(text, body, end)
        if addressed is None:
            continue
        consultation = Consultation(actors.body(*addressed), addressed[1], addressed[2])
        consultation.role = Spanned("decision", addressed[1], addressed[2])
        _add_unless_known(known, consultation)
        return


def add_intended(known: list[Consultation], more: list[Consultation]) -> None:
    """Add sessions the paper names for itself that the other readers did not find: a session of
    a date already known, or an undated mention of a body already listed, is not a new one."""
    tabled = any(c.in_sequence for c in known)  # a Beratungsfolge lists every step itself
    for consultation in more:
        if consultation.date is None and tabled:
            continue
        if consultation.date is not None and any(c.date and c.date.value == consultation.date.value for c in known):
            continue
        if any(_same_session(c, consultation) for c in known):
            continue
        known.append(consultation)


_HEAD_ITEM = re.compile(
    r"\b(?:zu[mr]?\s+)?(?:TOP|Tagesordnungspunkt)\s*(?:Nr\.)?\s*(?P<item>(?:Ö|NÖ|N)?\s?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\b"
)


_ITEM_PAGE_HEAD = re.compile(
    r"[ \t]*(?:TOP|Tagesordnungspunkt)[ \t]*(?P<item>(?P<part>Ö|NÖ)?[ \t]?\d{1,3}(?:\.\d{1,3}){0,3})[ \t]*[:.\-–][ \t]+"
    r"(?P<subject>[^\n]+)"
)
_PART_IN_BRACKETS = re.compile(r"\((?P<not>nicht[ \t]?)?öffentlich\)[ \t]*$")


# the heading of a session's part, alone on its line ("Öffentliche Sitzung", "Nicht öffentlicher Teil"),
# not the head of a session page that lists both parts with their times ("Öffentliche Sitzung, 18:00 Uhr …")
_PART_HEADING = re.compile(
    r"^[ \t#*]*(?P<not>nicht[ \t-]?)?öffentliche[rn]?[ \t]+(?:Sitzung|Sitzungsteil|Teil)[ \t*:]*$",
    re.IGNORECASE | re.MULTILINE,
)


def public_from_part_heading(known: list[Consultation], text: str, start: int, end: int) -> None:
    """A consultation that stands under a heading of the session's public or closed part ("Öffentliche
    Sitzung⏎…⏎1 Genehmigung der Sitzungsniederschrift") was treated in that part."""
    for consultation in known:
        if consultation.public is not None or not start <= consultation.start < end:
            continue
        heading = None
        for m in _PART_HEADING.finditer(text, start, consultation.start):
            heading = m
        if heading is not None:
            consultation.public = Spanned(heading.group("not") is None, heading.start(), heading.end())


_STATUS_LINES = 4
"""How far down a page's head a status tag may stand (under the headline, a date, a category)."""


def status_tag(text: str, start: int, end: int) -> Spanned[str] | None:
    """An outcome printed alone on a line of a page's head, as a faction's list of motions tags
    each with its fate ("Livestream-Sitzungen des Stadtrats⏎abgelehnt")."""
    for ls, le in first_lines(text, start, end, _STATUS_LINES):
        s, e = trim(text, ls, le, " \t*•-–:")
        found = outcome(text, s, e) if s < e else None
        if found is not None and (found.start, found.end) == (s, e):
            return found
    return None


def headline_outcome(text: str, start: int, end: int) -> Spanned[str] | None:
    """What became of the paper, as a report's headline tells it ("Antrag der AfD zum
    Bürokratieabbau abgelehnt", "Entscheidung vertagt"): an outcome in one of the first lines
    that are not page chrome, each a headline's length."""
    for s, e in islice(cues.shown_lines(text, start, end, chars=" \t*•-–:"), _HEADLINE_LINES):
        found = outcome(text, s, e) if e - s <= _HEADLINE_LENGTH else None
        if found is not None:
            return found
    return None


_HEADLINE_LINES = 2
_HEADLINE_LENGTH = 160


def sole_outcome(text: str, start: int, end: int) -> Spanned[str] | None:
    """How a report's one decision ended, where every word of its text that tells a paper adopted or
    rejected tells the same ("… einstimmig beschlossen. … fand die Zustimmung aller Fraktionen", "CDU und
    SPD lehnten den Antrag ab"): the first such word. A report that tells both, or neither, leaves the
    outcome open."""
    told = _outcome_words(text, start, end, bodies_only=True)
    hits = sorted((h for h in told if h[0] in _SETTLING), key=lambda h: h[1])
    if not hits or len({h[0] for h in hits}) != 1:
        return None
    slug, s, e = hits[0]
    return Spanned(slug, s, e)


def told_vote(consultation: Consultation, text: str, start: int, end: int) -> None:
    """A report's one decision whose outcome no word tells, where the report tells how many voted for
    and against ("23 Ratsmitglieder votierten für den Antrag. 25 stimmten dagegen."): the counts,
    and the outcome they make (more for than against adopts)."""
    counts = vote_counts.told(text, start, end)
    yes, no = counts.get("for"), counts.get("against")
    if yes is None or no is None:
        return
    consultation.votes_for, consultation.votes_against = yes, no
    consultation.abstentions = counts.get("abstentions", consultation.abstentions)
    adopted = yes.value > no.value
    consultation.result = Spanned("adopted" if adopted else "rejected", min(yes.start, no.start), max(yes.end, no.end))


def counted_sentence(consultation: Consultation, text: str, start: int, end: int) -> None:
    """A report's one decision whose outcome the report tells without counts, where the sentence
    of the outcome or the next one prints them ("… wurde der Antrag abgelehnt. 16 Stadträte waren
    dafür, 20 dagegen."): that sentence's counts are the decision's."""
    result = consultation.result
    if result is None or not start <= result.start < end:
        return
    if any(c is not None for c in (consultation.votes_for, consultation.votes_against, consultation.abstentions)):
        return
    first = sentence_bounds(text, result.start, start, end)
    candidates = [first]
    following = first[1]
    while following < end and text[following].isspace():  # across a paragraph break
        following += 1
    if following < end:
        candidates.append(sentence_bounds(text, following, start, end))
    for s, e in candidates:
        if vote_counts.read(text, s, e):
            votes(consultation, text, s, e)
            return


def restated_counts(consultation: Consultation, text: str, start: int, end: int) -> None:
    """A report's one decision told without counts, whose outcome the report tells again further on
    with them ("Das hat der Stadtrat mehrheitlich beschlossen. … wurde das Papier diesmal mit 14 Ja-
    gegen 10 Nein-Stimmen angenommen."): where that is the report's only sentence that prints counts
    for and against, they are the decision's."""
    result = consultation.result
    if result is None or any(c is not None for c in (consultation.votes_for, consultation.votes_against)):
        return
    counted: list[tuple[int, int]] = []
    for s, e in sentences(text, start, end):
        counts = vote_counts.read(text, s, e)
        if "for" in counts or "against" in counts:
            counted.append((s, e))
            if len(counted) > 1:
                return  # two counted sentences: which is the decision's the report does not tell
    if len(counted) != 1 or counted[0][0] < result.end:
        return
    restated = outcome(text, *counted[0])
    if restated is not None and restated.value == result.value:
        votes(consultation, text, *counted[0])


_SETTLING = frozenset({"adopted", "rejected"})
"""The outcomes that settle a paper one way or the other; a report's other outcome words ("vertagt",
"zur Kenntnis genommen") as often tell of the session's other items."""


def item_page(text: str, start: int, end: int) -> Consultation | None:
    """A page headed by its agenda item ("TOP 12 - Livestream-Übertragungen …: Antrag der FWV
    (öffentlich)", "TOP Ö 4: BayernWLAN …"): the paper was treated under that item, in the public
    part where the item or the heading says so, by a body and on a day the page may not print."""
    first = trim(text, start, end)[0]
    m = _ITEM_PAGE_HEAD.match(text, first, end)
    if m is None or lexicon.is_standing_item(m.group("subject")):
        return None  # "TOP Ö 2: Feststellung der Tagesordnung": the session's own business
    consultation = Consultation(None, m.start("item"), m.end("item"))
    consultation.agenda_item = Spanned(" ".join(m.group("item").split()), m.start("item"), m.end("item"))
    bracketed = _PART_IN_BRACKETS.search(m.group("subject"))
    if bracketed is not None:
        consultation.public = Spanned(bracketed.group("not") is None, m.start("subject"), m.end("subject"))
    elif m.group("part"):
        consultation.public = Spanned(m.group("part") == "Ö", m.start("part"), m.end("part"))
    return consultation


def session_from_item_page(known: list[Consultation], text: str, start: int, end: int) -> None:
    """A page headed by its session's day and its agenda item ("05.06.2023 - 4 Fragen, Vorschläge und
    Anregungen der Einwohner…"): the paper's one consultation is that session's, under that item."""
    head = cues.agenda_page(text, start, end)
    if head is None or len(known) != 1:
        return
    day, item = head
    known[0].date = known[0].date or day
    known[0].agenda_item = known[0].agenda_item or item


def item_from_head(known: list[Consultation], text: str, start: int, end: int) -> None:
    """A paper headed "Änderungsantrag zu TOP 27" is tabled as item 27 of its one session."""
    if len(known) != 1 or known[0].agenda_item is not None:
        return
    head_end = start
    for _ in range(3):  # the first three lines
        nxt = text.find("\n", head_end + 1, end)
        head_end = end if nxt < 0 else nxt
    m = _HEAD_ITEM.search(text, start, head_end)
    if m is not None:
        item = " ".join(m.group("item").split())
        known[0].agenda_item = Spanned(item, m.start("item"), m.end("item"))
