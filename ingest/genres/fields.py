"""Field finders shared by the genres: references, labelled fields, kinds, titles, dates,
submitters."""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache

from ingest import actors, language
from ingest.dates import DATE_PATTERN, find_dates
from ingest.first_chars import scanning, skipping
from ingest.genres import concepts
from ingest.language import bodies, groups, lexicon, parties
from ingest.records import ActorMention, Motion, Spanned
from ingest.text import clean, ends_paragraph, first_lines, iter_lines, paragraph_end, trim

# Shapes of official paper references as printed across German council systems.
REFERENCE = (
    r"(?:[IVX]{1,4}/\d{4}/\d{3,6}"  # VII/2021/03290 (ALLRIS, Halle)
    r"|[IVX]{1,4}-[A-Z]{1,4}-\d{3,6}(?:-[A-Z]{1,4}-\d{1,3})*"  # VII-A-01234-NF-01 (Leipzig)
    r"|[A-Z]{1,4}-\d{2,4}/\d{2,4}"  # BA-090/2020
    r"|\d{2}-\d{2}[ \t]?/[ \t]?[A-Z](?:[ \t]?\d{3,6})?"  # 14-20 / A 04783; 14-20 / V unnumbered
    r"|[A-Z]{1,4}/\d{1,5}/[IVX]{1,5}\b"  # DS/1733/VIII, KA/372/XXI (Berlin districts)
    # WP 20-25 SV 01/143, WP 14-20 SV III/020: election period, kind, number
    r"|WP[ \t]?\d{2}-\d{2}(?:[ \t]+[A-Z]{1,4}[ \t]?(?:\d{1,3}|[IVX]{1,5}))?/\d{1,4}"  # WP 16-21/0937 too
    r"|[A-Z]{1,4}[ \t]?\d{1,2}/\d{3,4}/\d{4}"  # FB 1/084/2015: unit, number, year
    r"|\d{3,5}/[IVX]{1,5}\b"  # 0120/XIX: number and election period
    r"|\d{4}/[A-Z]{1,4}/\d{3,6}"  # 2022/BV/3187, 2021/AN/2300: year, kind, number
    # BV-P-ö/07/0130-03: kind, period, number, version
    r"|[A-Z]{1,4}(?:-[A-Za-zÄÖÜäöü]{1,3}){0,3}/\d{2}/\d{3,5}(?:-\d{1,2}){1,2}"
    r"|[A-Z]{1,4}/\d{1,5}/\d{4}/[A-Z][A-Za-z]{1,4}\b"  # FV/002/2017/StR: kind, number, year, body
    r"|[A-Z]{1,4}/\d{2}[A-Z]{1,4}/\d{4}-\d{3,5}"  # VO/06GV/2013-037: kind, period and body, year, number
    r"|[A-Z]{1,4}/[A-Z]{1,4}/\d{2}-\d{3,5}/\d{4}(?:-\d{1,2})?"  # VO/BV/20-023/2022-01: kinds, number, year, version
    r"|[A-Z]{1,4}/\d{4}/\d{1,6}(?:-[A-Z]{0,2}\d{1,2})?"  # VO/2021/4136-R3
    r"|[A-Z]{1,4}(?:-[A-Z]{1,4})?/\d{4}-\d{3,5}"  # BV-GV/2012-0469: kind, body, year, number
    r"|[A-Z]{2,4}/\d{2,5}/\d{4}(?![\d/])"  # AN/015/2016, ANF/2519/2020: kind, number, year
    r"|[A-Z]{1,3}\d{3,5}/\d{2}\b"  # A0554/19, AF1997/22
    r"|\d{1,3}-\d{1,3}/\d{1,4}/\d{4}"  # 13-2/191/2024
    r"|\d{2}-\d{4,5}(?:[.\-]\d{1,2})?(?![\d/])"  # 22-19928, 20-0874.1: period and number, a version after
    r"|\d{2}[ \t]?/[ \t]?\d{1,2}[ \t]\d{3}(?!\d)"  # 18/12 979: period, number with a thousands space
    r"|\d{1,5}/\d{2}/\d{4}"  # 003/01/2021
    r"|\d{4}/\d{3,5}-\d{1,2}(?![\d/])"  # 2015/0288-1: year, number, supplement
    r"|\d{2}/\d{3,5}-\d{1,2}(?![\d/])"  # 22/1261-01: period, number and the version of the paper
    r"|\d{1,5}[a-z]?/\d{4}(?:/\d{1,4})?"  # 0123/2021, 062a/2016
    # 1043/19, 049/13: number and the year's last two digits; not a land parcel's "Plan-Nr. 6725/75"
    r"|(?<!Nr\.[ \t])(?<!Nr\.)\d{3,4}/\d{2}(?![\d/.])"
    r"|(?:19|20)\d\d/\d{2,5}/[IVX]{1,5}\b"  # 2020/026/VII: year, number, election period
    r"|(?:19|20)\d\d/\d{1,5}(?:/\d{1,3})?"  # 2015/177, 2015/177/1: year and number, a supplement after
    r"|\d{2}/\d{3,5}"  # 21/1234 (DS 21/1234)
    r"|[A-Z]{1,3}[ \t]?\d{2,4}/\d{2,5}"  # V 123/2021 (a reference never wraps onto a new line)
    r"|\d{6,10})"  # 20210691 (Bochum)
)
BARE_REFERENCE = re.compile(rf"(?<![\w/.]){REFERENCE}(?![\w/])")
"""A reference printed without its label ("Beschlussvorlage - 2022/BV/3187", "TOP 5 0123/2021")."""
_REF_LABEL = (
    r"(?:Vorlagen?-?\s?Nummer|Vorlagennr\.?|Vorlage(?:n)?\s*-?\s*Nr\.?|Drucksachen?(?:-?\s?Nr\.?|nummer)?"
    r"|DS(?:-Nr\.?)?|Antrags?(?:-?\s?Nr\.?|nummer)|Beschlussantrag\s+Nr\.?|Sitzungsvorlage\s+Nr\.?"
    r"|Beschlussvorlage\s+Nr\.?|Anfrage\s+Nr\.?|Verwaltungsstandpunkt\s+Nr\.?|Stellungnahme\s+Nr\.?"
    r"|Informationsvorlage\s+Nr\.?|(?:Sitzungs|Beschluss|Verwaltungs|Magistrats)?[Vv]orlagen?|Aktenzeichen|Bezug-?\s?Nummer|Bezugsvorlage|Referenzvorlage|Bezüglich|Bezug)"
)
LABELLED_REFERENCE = re.compile(
    rf"(?<![\wäöü])(?:{_REF_LABEL}\s*(?:[:.]|\s[-–])?|Nr\.(?=\s*(?:\d+-|\d{{4}}/[A-Z]|[IVX]{{1,4}}[/-]|[A-Z]{{1,4}}-\d)))\s*(?:\*\*)?\s*(?P<ref>{REFERENCE})(?![\w/])",
    re.IGNORECASE,
)
# Whatever its shape, a number-like token after a reference label is the paper's reference: a
# letter prefix (of up to three groups: "BV-GV/2012-0469"), then a digit, then letters, digits and
# separators ("XY-2024/0815", "12.345/24").
_ANY_REFERENCE = r"(?:[A-ZÄÖÜ]{1,6}-){0,2}[A-ZÄÖÜ]{0,6}(?:[ \t]{1,3}|[\-/])?\d[\w./\-]{0,24}(?<=[\wÄÖÜäöü])"
_DAY_MONTH = r"(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])"
# a day and month no calendar has is a number ("Beschlussnummer 75/11/2025")
_DATE_LIKE = re.compile(rf"{_DAY_MONTH}\.(?:\d{{2}}|\d{{4}})|{_DAY_MONTH}/\d{{4}}")
_NUMBER_SHAPE = re.compile(
    r"(?<![\w/.])(?:[A-ZÄÖÜ]{1,6}[ \t]\d{1,6}[ \t]/[ \t](?:19|20)\d\d"  # "GR 082 / 2020": unit, number, year
    r"|(?:[A-ZÄÖÜ]{1,6}[ \t]?[-/][ \t]?|[A-ZÄÖÜ]{1,6}[ \t])?\d{1,6}[A-Z]{0,4}(?:[-/.][A-Za-z\d]{1,6}){1,4})(?![\w/])"
)


def any_reference_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """A paper's number of any shape at `start` ("I/659/2016", "REF1/013/2020", "101.18.1234"):
    letters, digits and at least one slash or hyphen, or dots between six digits or more; no
    date, no section number ("5.1."), no amount ("520.000")."""
    m = _NUMBER_SHAPE.match(text, start, end)
    if m is None or _DATE_LIKE.fullmatch(m.group(0)):
        return None
    token = m.group(0)
    if not re.search(r"[-/]", token) and sum(c.isdigit() for c in token) < 6:
        return None
    if _THOUSANDS.fullmatch(token):
        return None  # "520.000 Euro werden investiert": an amount
    return m


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
"""A number written with thousands separators ("520.000", "2.500.000"): an amount, no paper's number."""


@cache
def _any_labelled_reference() -> re.Pattern[str]:
    # "Vorlagen-Nr.", "Vorlagen Nr." and "VorlagenNr." are one label: hyphens and spaces are interchangeable
    words = "|".join(
        re.escape(w).replace(r"\ ", r"[\s\-]*").replace(r"\-", r"[\s\-]*")
        for w in sorted(labels("reference"), key=len, reverse=True)
    )
    first = lexicon.first_characters(labels("reference"))
    return re.compile(
        rf"{first}(?<![\wäöüÄÖÜ])(?:{words})(?![\wäöü])\s*[:.]?\s*(?P<ref>{_ANY_REFERENCE})(?![\w/])(?![ \t]+/)", re.I
    )


_YEAR = re.compile(r"(?:19|20)\d\d")


def _looks_like_number(token: str) -> bool:
    digits = sum(c.isdigit() for c in token)
    return not _DATE_LIKE.fullmatch(token) and (digits >= 3 or any(c in "/.-" for c in token))


_LISTED_REFERENCE = re.compile(rf"[ \t]*(?:,|\bund\b|\bsowie\b)[ \t]*(?P<ref>{REFERENCE})(?![\w/])")
# Labels of a document's own reference in a header (not "Bezug", which names another paper).
OWN_REFERENCE_LABEL = re.compile(
    r"(?:Vorlage\s*[-–:]|Vorlagen?-?\s?Nummer|Vorlagennr|Vorlage\s*-?\s*Nr|Drucksachen?|DS|Antrags?\s*-?\s*Nr|Antragsnummer"
    r"|Beschlussantrag\s+Nr|Sitzungsvorlage\s+Nr|Beschlussvorlage\s+Nr|Anfragen?\s*-?\s*Nr|Anfragenummer|Verwaltungsstandpunkt\s+Nr"
    r"|Stellungnahme\s+Nr|Informationsvorlage\s+Nr)",
    re.IGNORECASE,
)
_CITED_LABEL = re.compile(r"^(?:Bezug|Bezugsvorlage|Bezüglich)", re.IGNORECASE)
# a header table's label cell on the line above its value, its colon dropped ("Vorlage⏎eGov/040/2012")
_REFERENCE_CELL = re.compile(r"Vorlage|Drucksache", re.IGNORECASE)


def labels(field: str) -> tuple[str, ...]:
    """The printed labels of one header field, from `ingest/language/labels.toml`."""
    found: list[str] = []
    for entry in language.entries("labels", "label"):
        if entry.get("field") == field:
            found.extend(word for word in entry["words"] if word not in found)
    return tuple(found)


TITLE_LABELS = labels("title")
SUBMITTER_LABELS = labels("submitter")
INITIATOR_LABELS = labels("initiator")
KIND_LABELS = labels("kind")
LEAD_LABELS = labels("lead")
AUTHOR_LABELS = labels("author")
DATE_LABELS = labels("date")
_BARE_LABELS = frozenset(word for entry in language.entries("labels", "label") for word in entry.get("bare", ()))
_EVERY_LABEL_PRINTED = frozenset(word for entry in language.entries("labels", "label") for word in entry["words"])
_EVERY_LABEL = frozenset(word.casefold().rstrip(".") for word in _EVERY_LABEL_PRINTED)


def is_label_line(text: str, start: int, end: int) -> bool:
    """A line that holds nothing but a field label ("Vorlage", "Betreff:"): it ends the value
    above it."""
    return text[start:end].strip(" \t*#•>-:").casefold().rstrip(".") in _EVERY_LABEL


@cache
def _inline_label() -> re.Pattern[str]:
    """A known label with its colon after a value on the same line, where a flattened page runs
    fields together."""
    labels = lexicon.alternatives(tuple(sorted(_EVERY_LABEL_PRINTED, key=len, reverse=True)))
    # no time or count after the colon ("Beginn:18"), but a unit's number and name ("Beteiligt:13 Koordination IT")
    return re.compile(rf"(?<=\S)[ \t]+(?:{labels})[ \t]*:(?:(?!\d)|(?=\d{{1,3}}[ \t]+[A-ZÄÖÜ][a-zäöüß]))")


_LABEL_LINE = re.compile(r"[ \t#*>]*(?P<label>[A-ZÄÖÜ][\wäöüß .\-/]{0,40}?)\s*(?:\*\*)?\s*:(?!\d)")
_ONLY_LABEL = re.compile(r"[ \t#*>]*[A-ZÄÖÜ][\wäöüß .\-/]{0,40}:[\s*]*$")

_PARTY_TOKEN = r"(?:[A-ZÄÖÜ0-9][^\s,;:()]*|&|/)"
FACTION_PHRASE = re.compile(
    rf"(?:{groups.noun(plurals=False)})[ \t]+(?:(?:von|der)[ \t]+)?"  # "Stadtratsfraktion der CSU"
    rf"(?P<party>{_PARTY_TOKEN}(?:[ \t]+{_PARTY_TOKEN}){{0,6}})"
    r"(?P<tail>[ \t]+(?:im|in[ \t]+der)[ \t]+(?:Stadtrat|Rat[ \t]+der[ \t]+Stadt|Gemeinderat"
    r"|Kreistag"
    r"|Stadtverordnetenversammlung)(?:[ \t]+[A-ZÄÖÜ][\wäöüß\-]*(?:[ \t]+\([^)\n]{1,20}\))?)?)?"
)


@lru_cache(maxsize=256)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    """A label at the start of a line, with its colon, alone on its line without one (RIS
    pages flattened to text: "Betreff⏎Offene Daten für alle", "- Betreff:⏎-⏎Offene Daten"), or
    as a table's first column, its value after a tab or a run of spaces ("Datum\t12.03.2019")."""
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    bare = "|".join(re.escape(label) for label in labels if label in _BARE_LABELS)
    bare_label = rf"|(?:{bare})[ ]+(?=[A-ZÄÖÜ\d„\"])" if bare else ""
    return re.compile(
        rf"^[ \t#*>•\-]*(?:\*\*)?[ \t]*(?:(?:{alternatives})"
        rf"(?:[ \t]*(?:\*\*)?[ \t]*(?::|(?=\n))|(?:\t|[ ]{{3,}})[ \t]*(?=\S)){bare_label})",
        re.IGNORECASE | re.MULTILINE,
    )


def labelled_value(
    text: str, labels: tuple[str, ...], start: int = 0, end: int | None = None, max_lines: int = 3
) -> Spanned[str] | None:
    """The value after `Label:` on the same line, or on the next non-empty line if that is not
    a label."""
    stop = len(text) if end is None else end
    pattern = _label_pattern(labels)
    for m in pattern.finditer(text, start, stop):
        line_end = text.find("\n", m.end(), stop)
        line_end = stop if line_end < 0 else line_end
        lines = first_lines(text, text.rfind("\n", 0, m.start()) + 1, min(stop, line_end + 600), 6)
        ls, le = lines[0]
        vs, ve = trim(text, m.end(), le)
        if vs < ve:
            next_label = _inline_label().search(text, vs, ve)  # "Gremium: Rat der Stadt X Beschlussart: abgelehnt"
            if next_label is not None:
                return Spanned(clean(text[vs : next_label.start()]), vs, next_label.start())
            doubled = _half_of_doubled(text, vs, ve)
            if doubled is not None:
                return Spanned(clean(text[vs:doubled]), vs, doubled)
            return _extend(text, lines, 0, vs, ve, max_lines)
        label_line = text[ls:le].strip(" \t*#•-:").casefold()
        for offset, (ns, ne) in enumerate(lines[1:4], start=1):
            if not text[ns:ne].strip(" \t*#•-") or text[ns:ne].strip(" \t*#•-:").casefold() == label_line:
                continue
            if _LABEL_LINE.match(text, ns, ne) or _ONLY_LABEL.match(text, ns, ne) or is_label_line(text, ns, ne):
                break
            vs, ve = trim(text, ns, ne)
            return _extend(text, lines, offset, vs, ve, max_lines)
    return None


def _half_of_doubled(text: str, start: int, end: int) -> int | None:
    """Where the first copy ends of a value printed twice in a row ("Verfasser:Dahl, JohnDahl, John",
    an information system's original and current column run together), or None."""
    length = end - start
    if length >= 6 and length % 2 == 0 and text[start : start + length // 2] == text[start + length // 2 : end]:
        return start + length // 2
    return None


def inline_labelled_value(
    text: str, labels: tuple[str, ...], start: int = 0, end: int | None = None
) -> Spanned[str] | None:
    """ "Status:öffentlichVorlage-Art:Beschlussvorlage": a label with its colon where a flattened
    page runs fields together, the value up to the line's end."""
    stop = len(text) if end is None else end
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    pattern = re.compile(rf"(?:{alternatives})[ \t]*:[ \t]*(?P<value>[^\n]{{1,120}})", re.IGNORECASE)
    m = skipping(pattern).search(text, start, stop)
    if m is None:
        return None
    s, e = trim(text, m.start("value"), m.end("value"))
    e = _half_of_doubled(text, s, e) or e
    return Spanned(clean(text[s:e]), s, e) if s < e else None


_SENTENCE_START = re.compile(r"[ \t]*(?:Der|Die|Das|Den|Dem|Wir|Ich|Es|Sie|Hiermit|Sehr)\s+\S+\s+\S")
"""A capitalised article or pronoun opening a line: a new sentence, since a subject line that
wraps goes on in lower case ("… in⏎der Innenstadt")."""
_JOINING_END = re.compile(
    r"(?:\b(?:und|oder|sowie|für|der|die|das|des|den|dem|von|zur|zum|im|in|an|auf|mit)|[-–,/])\s*\Z"
)


_DATE_EXPECTED = re.compile(r"\b(?:vom|am|bis|ab|zum)\s*\Z")


def _is_date_line(text: str, start: int, end: int) -> bool:
    """Is the line only a date ("29.03.2021")?"""
    s, e = trim(text, start, end)
    dates = find_dates(text, s, e)
    return len(dates) == 1 and dates[0].start == s and dates[0].end == e


def _extend(text: str, lines: list[tuple[int, int]], index: int, vs: int, ve: int, max_lines: int) -> Spanned[str]:
    """Follow a value onto continuation lines (a wrapped subject line), up to `max_lines`."""
    last = lines[index]
    for ns, ne in lines[index + 1 : index + max_lines]:
        if ends_paragraph(text, *last):
            break  # a hard-wrapped value ends with its first short line
        last = (ns, ne)
        line = text[ns:ne]
        if not line.strip() or _LABEL_LINE.match(line) or line.lstrip().startswith(("#", "-", "|", "•")):
            break
        if is_label_line(text, ns, ne):
            break
        if "\t" in line or text[ve - 2 : ve] == "**" or line.lstrip().startswith("**"):
            break
        if _SENTENCE_START.match(line) and not _JOINING_END.search(text, vs, ve):
            break  # "Freies WLAN⏎Die Stadtverordnetenversammlung möge beschließen": the text begins
        if text[lines[index][1] - 2 : lines[index][1]] == "  ":
            break  # markdown hard break: the value ended with its line
        if _is_date_line(text, ns, ne) and not _DATE_EXPECTED.search(text, vs, ve):
            break  # "Einreicher:Fraktion X⏎29.03.2021": the date of the field beside it, not the value's end
        ve = trim(text, ns, ne)[1]
    return Spanned(clean(text[vs:ve]), vs, ve)


@lru_cache(maxsize=16)
def _all_references(text: str) -> tuple[Spanned[str], ...]:
    """Every labelled reference of a text, found once per text (the pattern is costly to run)."""
    found: list[Spanned[str]] = []
    for m in scanning(LABELLED_REFERENCE).finditer(text):
        found.append(Spanned(_normalise_ref(m.group("ref")), m.start("ref"), m.end("ref")))
        position = m.end("ref")
        while (more := _LISTED_REFERENCE.match(text, position)) is not None:
            # "Drucksachen 20-0874 und 20-0874.1": the label names every number of its list
            found.append(Spanned(_normalise_ref(more.group("ref")), more.start("ref"), more.end("ref")))
            position = more.end("ref")
    for m in _any_labelled_reference().finditer(text):
        s, e = m.start("ref"), m.end("ref")
        if _YEAR.fullmatch(m.group("ref")):
            continue  # "… gegen die Vorlage.⏎2025 steht der 80. Jahrestag an": a year, no paper's number
        if _looks_like_number(m.group("ref")) and not any(r.start < e and s < r.end for r in found):
            found.append(Spanned(_normalise_ref(m.group("ref")), s, e))
    found.sort(key=lambda r: r.start)
    return tuple(found)


def references(text: str, start: int = 0, end: int | None = None) -> list[Spanned[str]]:
    """Every labelled paper reference in `text[start:end]`."""
    stop = len(text) if end is None else end
    return [r for r in _all_references(text) if start <= r.start and r.end <= stop]


def _normalise_ref(ref: str) -> str:
    """One space where the print has several; the reference otherwise as printed ("18 / 12 979")."""
    return re.sub(r"\s+", " ", ref.strip())


def own_reference(text: str, start: int = 0, end: int | None = None) -> Spanned[str] | None:
    """The paper's own reference: a labelled reference at the start of a header line, else one
    labelled as a number of its own ("Vorlagen-Nr.: 19/2016") in the head."""
    stop = len(text) if end is None else end
    for ref in references(text, start, end):
        ls = text.rfind("\n", 0, ref.start) + 1
        line_start = trim(text, ls, ref.start)[0]
        if OWN_REFERENCE_LABEL.match(text, line_start, ref.start):
            return ref
        if line_start == ref.start and ls > 0:
            # the label alone on the line above: "Vorlage⏎13-2/191/2024"
            ps = text.rfind("\n", 0, ls - 1) + 1
            above = text[ps : ls - 1].strip(" \t*#•-:")
            if above and (OWN_REFERENCE_LABEL.fullmatch(above) or _REFERENCE_CELL.fullmatch(above)):
                return ref
    for ref in references(text, start, min(stop, start + 3000)):
        # a flattened header: "Kreuzau, 10.03.2016 Vorlagen-Nr.: 19/2016"
        before = text[max(start, ref.start - 60) : ref.start]
        label = _OWN_NUMBER_LABEL.search(before)
        if label is not None and not _CITED_BEFORE_LABEL.search(before, 0, label.start()):
            return ref
    return None


_OWN_NUMBER_LABEL = re.compile(
    r"(?:Vorlagen?-?\s?(?:Nr\.?|Nummer)|Drucksachen-?\s?(?:Nr\.?|nummer)|DS-Nr\.?|Antrags?-?\s?(?:Nr\.?|nummer))"
    r"\s*[:.]?\s*$",
    re.IGNORECASE,
)
# "zur Vorlage Nr. …", and a number in brackets right after the date or the quoted title of the paper it
# cites ("die Anfrage vom 18.12.2022 (Vorlage Nr. 001/2023)"); a paper closes its own text with its own
# ("… zur Abstimmung zu stellen (Antrag Nr. 028/2009).")
_CITED_BEFORE_LABEL = re.compile(
    r"(?:\b(?:zur|zum|zu|Bezug|siehe|gemäß|vgl\.)\s*(?:der\s*|dem\s*)?|(?:\d{4}|[\"“”«»])\s*\(\s*)$", re.IGNORECASE
)


def is_cited_label(text: str, ref_start: int) -> bool:
    line_start = text.rfind("\n", 0, ref_start) + 1
    return bool(_CITED_LABEL.match(text[line_start:ref_start].lstrip(" #*")))


def kind_near(text: str, start: int, end: int) -> Spanned[str] | None:
    """The motion kind named by the first kind word in `text[start:end]` (a heading or subject
    line)."""
    hits = concepts.find("kind", text, start, end)
    if not hits:
        return None
    first = min(hits, key=lambda h: (h.start, -(h.end - h.start)))
    return Spanned(first.slug, first.start, first.end)


def lists_kinds(text: str, start: int, end: int) -> bool:
    """ "Antrag / Anfrage / Rede": a website's menu of kinds, which names no paper's kind."""
    cues = lexicon.kind_cues(text, start, end)
    if len(cues) < 2:
        return False
    rest = text[start:end]
    for cue in reversed(cues):
        rest = rest[: cue.start - start] + rest[cue.end - start :]
    return len(re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", rest)) <= 1


def heading_kind(text: str, start: int = 0, end: int | None = None, lines: int = 25) -> Spanned[str] | None:
    """The kind printed as a heading line of its own ("## Antrag", "Änderungsantrag der
    Fraktion …")."""
    stop = len(text) if end is None else end
    for count, (ls, le) in enumerate(iter_lines(text, start, stop)):
        if count >= lines:
            break
        s, e = trim(text, ls, le)
        if s >= e:
            continue
        if lists_kinds(text, s, e):
            continue
        hits = [h for h in concepts.find("kind", text, s, e) if h.start == s]
        if hits:
            best = max(hits, key=lambda h: h.end - h.start)
            return Spanned(best.slug, best.start, best.end)
    return None


def labelled_date(
    text: str, start: int = 0, end: int | None = None, labels: tuple[str, ...] = DATE_LABELS
) -> Spanned[date] | None:
    value = labelled_value(text, labels, start, end, max_lines=1)
    if value is None:
        return None
    dates = find_dates(text, value.start, value.end)
    return dates[0] if dates else None


_PLACE_DATE = re.compile(r"^[\s*]*[A-ZÄÖÜ][\wäöüß .()\-]{1,40},\s*(?:den\s+)?(?=\d)", re.MULTILINE)
SESSION_WORD = re.compile(r"[Ss]itzung|[Vv]ersammlung")
"""A word that names a council's session ("Gemeinderatssitzung", "Stadtverordnetenversammlung")."""


@cache
def _weekday() -> re.Pattern[str]:
    """A weekday written out (dating.toml [[posted]] `weekdays`; the short forms are ordinary words too)."""
    days = tuple(day for day in language.words("dating", "posted", "weekdays") if len(day) > 3)
    return re.compile(rf"\b(?:{'|'.join(days)})\b")


def place_date(text: str, start: int = 0, end: int | None = None) -> Spanned[date] | None:
    """A letter's date line: "Bochum, den 24.03.2021"."""
    stop = len(text) if end is None else end
    for m in _PLACE_DATE.finditer(text, start, stop):
        if _weekday().search(m.group(0)):
            continue  # "Am Mittwoch, 16.12.2020 soll der Stadtrat …": a day in a sentence, not a place
        if SESSION_WORD.search(m.group(0)):
            continue  # "Gemeinderatssitzung, 26.06.2021": a session's day, not a letter's place
        dm = DATE_PATTERN.match(text, m.end())
        if dm:
            dates = find_dates(text, dm.start(), dm.end())
            if dates:
                return dates[0]
    return None


def date_line(text: str, start: int = 0, end: int | None = None, lines: int = 12) -> Spanned[date] | None:
    """A line that holds nothing but a date ("20. Januar 2022"), as in administration
    letterheads."""
    stop = len(text) if end is None else end
    for count, (ls, le) in enumerate(iter_lines(text, start, stop)):
        if count >= lines:
            break
        s, e = trim(text, ls, le)
        m = DATE_PATTERN.fullmatch(text, s, e)
        if m:
            dates = find_dates(text, s, e)
            if dates:
                return dates[0]
    return None


_HYPHEN_FACTION = re.compile(
    rf"(?<![\wäöü-])(?P<party>[A-ZÄÖÜ][\wÄÖÜäöü/]{{1,20}})(?:-|[ \t]?[-–][ \t]?|[ \t](?=Fraktion\b))"
    rf"(?:{groups.noun(plurals=False)})\b"
)
"""A group named after its party with a hyphen, or a space before "Fraktion" ("SPD Fraktion"):
the party must then be one `parties.toml` knows."""


def factions_in(text: str, start: int, end: int) -> list[ActorMention]:
    """Factions named in `text[start:end]` ("der Fraktion DIE LINKE im Stadtrat Halle (Saale)",
    "SPD-Fraktion")."""
    found: list[ActorMention] = []
    for m in scanning(_HYPHEN_FACTION).finditer(text, start, end):
        party = m.group("party")
        if "-" not in m.group(0) and "–" not in m.group(0) and parties.canonical(party) is None:
            continue  # "Die Fraktion": a space alone joins only a known party to its group
        found.append(ActorMention("faction", f"Fraktion {party}", m.group(0), m.start(), m.end(), party=party))
    for m in scanning(FACTION_PHRASE).finditer(text, start, end):
        s, e = trim(text, m.start(), m.end())
        mention = actors.faction(text[s:e], s, e)
        if mention is None or not mention.party or mention.party.lower() in {"die", "der", "und", "&"}:
            continue
        if bodies.is_council(mention.party):
            continue  # "Eine Fraktion der BVV": a group of the council, which one is not said
        found.append(mention)
    found.sort(key=lambda mention: mention.start)
    return found


def submitter_from_label(text: str, start: int, end: int) -> list[ActorMention]:
    value = labelled_value(text, SUBMITTER_LABELS, start, end, max_lines=2)
    if value is None:
        return []
    return with_the_field_below(mentions_from_value(text, value), text, value, SUBMITTER_LABELS + INITIATOR_LABELS, end)


def with_the_field_below(
    found: list[ActorMention], text: str, value: Spanned[str], labels: tuple[str, ...], end: int
) -> list[ActorMention]:
    """`found` and the actors that a field of `labels` on the line right below `value` names
    ("Antragstellerin: A⏎Partei/Fraktion/Gruppierung: B": both put the paper forward)."""
    newline = text.find("\n", value.end, end)
    below = first_lines(text, newline + 1, end, 2) if newline >= 0 else []
    if not below:
        return found
    field = labelled_value(text, labels, below[0][0], below[-1][1], max_lines=1)
    if field is None or field.start >= below[0][1]:
        return found
    named = {mention.name for mention in found}
    return found + [mention for mention in mentions_from_value(text, field) if mention.name not in named]


def listed_parties(text: str, value: Spanned[str], separators: str) -> list[ActorMention]:
    """The groups of a value that lists two or more parties and nothing else, parted by
    `separators` ("CDU, GRÜNE", "Grüne/SPD"); none where any part is no party."""
    parts = [part.strip() for part in re.split(separators, value.value) if part.strip()]
    if len(parts) < 2 or not all(parties.canonical(part) for part in parts):
        return []
    found: list[ActorMention] = []
    position = value.start
    for part in parts:
        ps = text.find(part, position, value.end)
        position = ps + len(part)
        mention = actors.faction(part, ps, position)
        if mention is not None:
            found.append(mention)
    return found


def mentions_from_value(text: str, value: Spanned[str]) -> list[ActorMention]:
    """Actors named in a submitter value: factions, units, bodies or persons."""
    factions = factions_in(text, value.start, value.end)
    if factions:
        return factions
    raw = clean(text[value.start : value.end])
    listed = listed_parties(text, value, r",|\bund\b")  # "Fraktion/Partei: CDU, GRÜNE"
    if listed:
        return listed
    if parties.find(raw):
        mention = actors.faction(raw, value.start, value.end)
        return [mention] if mention else []
    if UNIT_WORD.search(raw) or OFFICE.fullmatch(raw):
        return [actors.unit(raw, value.start, value.end)]
    names = [n.strip() for n in re.split(r"\s*(?:/|,|;|\bund\b)\s*", raw) if n.strip()]
    found = []
    for name in names:
        pos = text.find(name, value.start, value.end)
        mention = actors.person(name, pos, pos + len(name)) if pos >= 0 else None
        if mention is not None:
            found.append(mention)
    return found


_UNIT_NUMBER = re.compile(r"\s*\d+(?:\.\d+)*\s+(?=[A-ZÄÖÜ])")


def lead_unit(text: str, value: Spanned[str]) -> list[ActorMention]:
    """The department a draft resolution comes from ("Federführend:"): whatever the field prints is
    a unit ("Zentrale Verwaltung und Finanzen", "FB 4 Stadtentwicklung"), named without its number
    in the organisation chart ("1 Amt für Finanzen" is the Amt für Finanzen); an office or a
    faction is taken as such."""
    number = _UNIT_NUMBER.match(text, value.start, value.end)
    start = number.end() if number else value.start
    raw = clean(text[start : value.end])
    if not raw or not raw[0].isupper():
        return []
    if factions_in(text, start, value.end) or OFFICE.fullmatch(raw):
        return mentions_from_value(text, Spanned(raw, start, value.end))
    return [actors.unit(raw, start, value.end)]


OFFICE = re.compile(r"(?:Der\s+|Die\s+)?(?:Ober)?[Bb]ürgermeister(?:in)?|Stadtdirektor(?:in)?|Landrat|Landrätin")
UNIT_WORD = re.compile(
    r"(?:[Rr]eferat\b|[\wäöü]+referat\b|\bAmt\b|[\wäöü]+amt\b|Dezernat|Geschäftsbereich|Fachbereich|Direktorium"
    r"|[Kk]ämmerei|[Pp]ersonalrat|[\wäöü]*[Ss]telle\b|[Bb]eauftragte[rn]?\b|Stadtgüter|Eigenbetrieb|Stabsstelle)"
)
BODY_WORD = bodies.body_word()


_KIND_LINE_CONTINUES = re.compile(r"(?:zur|zum|zu|für|am|TOP|Vorlage|Drucksache|\(|[a-zäöü])")
_SALUTATION = re.compile(r"(?:Sehr\s+geehrte[rns]?|Liebe[rs]?|Hallo|Guten\s+Tag)\b")


# a paragraph whose first line, a kind line, ends with a colon and announces the subject under it
_ANNOUNCED_SUBJECT = re.compile(r"[^\n]{3,120}:[ \t]*\n[ \t]*[„\"“»]?(?P<subject>[^\n„\"“”»«]{3,300}?)[“”\"«]?")


def title_after_kind_line(text: str, start: int, end: int) -> Spanned[str] | None:
    """The subject of a letter: a line of its own under the kind line ("Anfrage zur Sitzung …"),
    or else the paragraph after the kind/consultation lines."""
    para_end = text.find("\n\n", start, end)
    para_end = end if para_end < 0 else para_end
    for ls, le in list(iter_lines(text, start, para_end))[1:]:
        s, e = trim(text, ls, le)
        if s < e and _SALUTATION.match(text, s):
            return None  # the letter's text begins under its kind line: no subject line
        if s < e and not _KIND_LINE_CONTINUES.match(text, s):
            te = trim(text, s, paragraph_end(text, s, para_end))[1]
            return Spanned(clean(text[s:te]), s, te) if _reads_as_subject(text[s:te]) else None
    para_start = para_end
    while 0 <= para_start < end:
        s = para_start + 2
        para_end = text.find("\n\n", s, end)
        para_end = end if para_end < 0 else para_end
        ts, te = trim(text, s, para_end)
        if ts < te:
            if _SALUTATION.match(text, ts):
                return None  # the letter's text begins: it prints no subject line
            announced = _ANNOUNCED_SUBJECT.fullmatch(text, ts, te)
            if announced is not None and lexicon.kind_cues(text, ts, announced.start("subject")):
                ts, te = announced.start("subject"), announced.end("subject")  # "Anfrage gem. § 17 GO:⏎„…“"
            return Spanned(clean(text[ts:te]), ts, te) if _reads_as_subject(text[ts:te]) else None
        para_start = para_end
    return None


_SENTENCE_BREAK = re.compile(r"[.!?][ \t\n]+[A-ZÄÖÜ]")


def _reads_as_subject(value: str) -> bool:
    """A subject line is short and one phrase: not the letter's first paragraph."""
    return len(value.split()) <= 35 and not _SENTENCE_BREAK.search(value)


def section(text: str, heading: re.Pattern[str], start: int, end: int, stop: re.Pattern[str]) -> Spanned[str] | None:
    """The text under a heading ("Beschlussvorschlag:") up to the next stop heading."""
    m = heading.search(text, start, end)
    if not m:
        return None
    body_start = m.end()
    stop_match = stop.search(text, body_start, end)
    body_end = stop_match.start() if stop_match else end
    s, e = trim(text, body_start, body_end)
    return Spanned(text[s:e], s, e) if s < e else None


def fill(target: Motion, other: Motion) -> None:
    """Fill the fields `target` left empty with what `other` found (the generic fallback)."""
    for name in ("kind", "reference", "title", "date", "resolution_text", "justification_text"):
        if getattr(target, name) is None and getattr(other, name) is not None:
            setattr(target, name, getattr(other, name))
    for name in ("submitters", "signatories", "consultations"):
        if not getattr(target, name) and getattr(other, name):
            setattr(target, name, getattr(other, name))
