"""Council bodies from `bodies.toml`: which names are the full council, which end a committee's
name, and the sentence in which a body acts ("Der Haupt- und Finanzausschuss empfiehlt …",
"Die Mitglieder des Bauausschusses stimmten … zu")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ingest.first_chars import scanning
from ingest.language import entries, words
from ingest.language.lexicon import WORD_EDGE_AFTER, WORD_EDGE_BEFORE, alternatives

_GENITIVE = r"(?:es|s)?"
_NAME_WORD = r"[A-ZÄÖÜ][\w\-äöüß]*,?"
_JOINER = r"(?:und|für|der|des|,)"


@cache
def council_words() -> tuple[str, ...]:
    return words("bodies", "council")


@cache
def council_pattern() -> re.Pattern[str]:
    """A council name as a word of its own ("Stadtrat", "des Rates", "BVV")."""
    return re.compile(WORD_EDGE_BEFORE + rf"(?P<body>{alternatives(council_words())}){_GENITIVE}" + WORD_EDGE_AFTER)


_SHORT = 4  # "Rat", "BVV": only as words of their own, not inside "Beratung" or "Rathaus"


@cache
def body_word() -> re.Pattern[str]:
    """A council's or committee's word anywhere in a phrase, also inside a compound
    ("Ortsgemeinderates", "Fachausschuss", "des Rates"): the test that a phrase names a body."""
    names = (*council_words(), *words("bodies", "committee"))
    inside = [rf"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" for w in names if len(w) > _SHORT]
    alone = [re.escape(w) + _GENITIVE for w in names if len(w) <= _SHORT]
    return re.compile(rf"(?:{'|'.join(sorted(inside, key=len, reverse=True))}|\b(?:{'|'.join(alone)})\b)")


@cache
def _council_start() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternatives(council_words())}){_GENITIVE}" + WORD_EDGE_AFTER)


def is_council(name: str) -> bool:
    """Is the body named `name` the full council ("Stadtrat", "Rat der Stadt X", "BVV Spandau")?"""
    return bool(_council_start().match(name.strip()))


@cache
def _committee_name() -> str:
    endings = alternatives(words("bodies", "committee"))
    # "Haupt- und Finanzausschuss", "Ausschuss für Umwelt und Verkehr", "Planungs-, Umwelt- und Bauausschuss"
    not_a_name = alternatives(words("bodies", "not_a_name"))
    lead = rf"(?:(?!(?:{not_a_name})\b){_NAME_WORD}\s+(?:{_JOINER}\s+)?){{0,4}}?"
    own = rf"[\w\-äöüß]*(?:{endings}){_GENITIVE}"
    # a name wraps onto the next line, never across a blank one ("… Liegenschaften⏎⏎Sehr geehrte …")
    space = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
    tail = rf"(?:{space}(?:(?:für|des|der){space})?{_NAME_WORD}(?:{space}(?:{_JOINER}{space})?{_NAME_WORD}){{0,5}})?"
    return lead + own + tail


@cache
def anaphor_words() -> tuple[str, ...]:
    """Words that name again the body named before them (bodies.toml [[anaphor]])."""
    return words("bodies", "anaphor")


def named_before(text: str, position: int) -> str | None:
    """The last body's name printed before `position` that a council or committee word names."""
    last = last_named_before(text, position)
    return last[0] if last else None


def last_named_before(text: str, position: int) -> tuple[str, int, int] | None:
    """The last body's name printed before `position` (in the nominative) and where it is printed."""
    last = None
    for m in _named_body().finditer(text, 0, position):
        last = m
    if last is None:
        return None
    printed = last.group(0).rstrip(",")
    return nominative(printed), last.start(), last.start() + len(printed)


def named_bodies(text: str, start: int, end: int) -> Iterator[tuple[str, int]]:
    """Each body's name printed as a word of its own in `text[start:end]`, in the nominative, and
    where it is printed."""
    for m in _named_body().finditer(text, start, end):
        yield nominative(m.group(0).rstrip(",")), m.start()


def councils_of_sessions(text: str, start: int, end: int) -> Iterator[tuple[str, int]]:
    """Each council a compound of its session names ("Ratssitzung", "Gemeinderatssitzung"), and where."""
    for m in _session_compound().finditer(text, start, end):
        yield m.group("body"), m.start()


@cache
def _session_compound() -> re.Pattern[str]:
    single = alternatives(tuple(w for w in council_words() if " " not in w and len(w) > 2))
    return re.compile(rf"{WORD_EDGE_BEFORE}(?P<body>{single})(?:e?s)?sitzung(?:en)?{WORD_EDGE_AFTER}")


@cache
def _column_word_after() -> re.Pattern[str]:
    return re.compile(rf"[ \t]+(?:{alternatives(words('bodies', 'column_word'))})$")


def without_column_word(cell: str) -> str:
    """A flattened table's body cell without the word of the role's column that names no role
    ("… Verwaltungsreform Beratung"; bodies.toml [[column_word]])."""
    return _column_word_after().sub("", cell)


def is_body_name(value: str) -> bool:
    """Is `value` a body's name and nothing else ("Stadtrat", "Haupt- und Finanzausschuss")?"""
    return _named_body().fullmatch(value.strip()) is not None


@cache
def _named_body() -> re.Pattern[str]:
    return re.compile(rf"{WORD_EDGE_BEFORE}(?:{name_pattern()}){WORD_EDGE_AFTER}")


@cache
def name_regex() -> re.Pattern[str]:
    """`name_pattern()` compiled: a body's name, also inside a longer word ("Stadtratssitzung")."""
    return re.compile(name_pattern())


def name_pattern() -> str:
    """A regex (no groups) for a body's printed name: a committee's, or the council's with its
    place ("Rat der Stadt Wuppertal", "Bezirksversammlung Wandsbek")."""
    return rf"(?:{_committee_name()}|(?:{alternatives(council_words())}){_GENITIVE}(?:{_own_place()})?)"


@cache
def _body_or_administration() -> re.Pattern[str]:
    municipality = alternatives((*words("bodies", "municipality"), "Amt", "Amtes"))
    council = rf"(?:{alternatives(council_words())}){_GENITIVE}{_own_place()}"
    return re.compile(rf"(?:{council}|(?:{municipality})\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)")


def is_a_body_or_administration(value: str) -> bool:
    """Is `value` only a council's or an administration's name with its place ("Gemeindevertretung
    Warnow", "Amt Bornhöved"), which a line may print for the session or the sender, never as a
    subject? (A committee's name may be one: "Fachausschuss Digitales", the committee a motion asks for.)"""
    return _body_or_administration().fullmatch(value.strip(" .:,")) is not None


def council_word_of(name: str) -> str | None:
    """ "Gemeinderat Allershausen", "Stadtrat der Großen Kreisstadt Radebeul" → "Gemeinderat",
    "Stadtrat": the council's name without its place, which councils print as often (None where
    `name` is no council's name with its place)."""
    m = _council_with_place().fullmatch(name.strip())
    return m.group("word") if m else None


@cache
def _council_with_place() -> re.Pattern[str]:
    single = alternatives(tuple(w for w in council_words() if " " not in w))
    return re.compile(rf"(?P<word>{single}){_own_place()}")


@cache
def _own_place() -> str:
    """A council's place after its name: " der Stadt Wuppertal", or the town alone (" Wandsbek")."""
    return rf"(?:{_place_of_council()}|\s+{_NAME_WORD})"


@cache
def _place_of_council() -> str:
    """ " der Gemeinde Bad Rothenfelde", " der Stadt Frankfurt am Main": the council's municipality."""
    municipality = alternatives(words("bodies", "municipality"))
    town = rf"{_NAME_WORD}(?:\s+(?:(?:am|an\s+der|im|in|ob\s+der|bei)\s+)?{_NAME_WORD}){{0,2}}"
    return rf"\s+der\s+(?:{municipality})\s+{town}"


@dataclass(frozen=True)
class ActingBody:
    name: str
    start: int
    end: int
    recommends: bool  # the body hands the paper on to another (a preliminary consultation)
    past: bool = False  # what the body did ("beschloss"), not what a paper asks of it


@cache
def _verbs() -> dict[str, bool]:
    return {word: bool(entry.get("recommends")) for entry in entries("bodies", "verb") for word in entry["words"]}


@cache
def _past_verbs() -> frozenset[str]:
    return frozenset(word for entry in entries("bodies", "verb") if entry.get("past") for word in entry["words"])


@cache
def verb_pattern(recommends: bool = False) -> str:
    """A regex (no groups) for what an acting body does: deciding verbs, or with `recommends` those
    that hand the paper on."""
    return rf"(?:{alternatives(tuple(w for w, r in _verbs().items() if r == recommends))})" + WORD_EDGE_AFTER


@cache
def _acting() -> re.Pattern[str]:
    body = rf"(?:{alternatives(council_words())}){_GENITIVE}(?:{_own_place()})?"
    return re.compile(
        r"(?:^|(?<=[.!?:])\s+|(?<=\n))[ \t*]*(?:(?:Der|Die|Das)\s+(?:Mitglieder\s+(?:des|der)\s+)?)"
        rf"(?P<body>{_committee_name()}|{body})"
        rf"\s+(?P<verb>{alternatives(tuple(_verbs()))})" + WORD_EDGE_AFTER,
        re.MULTILINE,
    )


@cache
def _addressed() -> re.Pattern[str]:
    articles = alternatives(words("bodies", "recommended_to", "articles"))
    return re.compile(rf"\s+(?:[a-zäöüß,]+\s+){{0,3}}?(?:{articles})\s+(?P<body>{name_pattern()})" + WORD_EDGE_AFTER)


def recommended_to(text: str, recommending: ActingBody, end: int) -> tuple[str, int, int] | None:
    """The body a recommending body's sentence addresses ("… empfiehlt der Stadtverordnetenversammlung
    …", bodies.toml [[recommended_to]]): its name, start and end."""
    verb = re.match(r"\s+\S+", text[recommending.end : end])
    if verb is None:
        return None
    m = _addressed().match(text, recommending.end + verb.end(), end)
    if m is None:
        return None
    name = nominative(m.group("body").rstrip(","))
    return name, m.start("body"), m.start("body") + len(name)


_GENITIVE_END = re.compile(r"(ausschuss|Ausschuss|rat|Rat|senat|Senat|tag)(?:es|s)$")
_OWNER_TAIL = re.compile(r"^(?P<name>[A-ZÄÖÜ][\w\-äöüß]*ausschuss)\s+(?:des|der)\s+\S+$")


def nominative(name: str) -> str:
    """A committee's name in the nominative, without the council it belongs to ("… und
    Bauausschusses" → "… und Bauausschuss", "Ferienausschuss des Stadtrates" → "Ferienausschuss")."""
    owned = _OWNER_TAIL.match(name)
    if owned is not None:
        name = owned.group("name")
    return _GENITIVE_END.sub(r"\1", name)


def acting_bodies(text: str, start: int, end: int) -> list[ActingBody]:
    """Every sentence in `text[start:end]` that opens with a body doing something, in text order."""
    found = []
    for m in scanning(_acting()).finditer(text, start, end):
        name = nominative(m.group("body").rstrip(","))
        verb = m.group("verb")
        past = verb in _past_verbs()
        found.append(ActingBody(name, m.start("body"), m.start("body") + len(name), _verbs()[verb], past))
    return found
