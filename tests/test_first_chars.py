"""`skipping` and `scanning`: the same matches as the pattern they are given, only found faster."""

from __future__ import annotations

import random
import re

import pytest

from ingest import dates, principles
from ingest.first_chars import Finder, Scanner, scanning, skipping
from ingest.genres import city, consultations, fields, letter, people

TEXTS = (
    "Antrag der SPD-Fraktion im Stadtrat Halle (Saale) zur Sitzung des Rates am 12.03.2019",
    "Die Fraktion DIE LINKE im Stadtrat Halle beantragt; Drucksache Nr. 20-0874 und 20-0874.1",
    "Der Rat der Stadt Remscheid möge beschließen. Stadtverwaltung Bochum, Rathaus Coburg",
    "gez. Dr. Bodo Meerheim / Vorsitzender der Fraktion\nMit freundlichen Grüßen\nVorlage: VO/2021/4136",
    "",
    "ÄÖÜ äöü ß ẞ ſ K İ ı Fraktionsgemeinschaft fraktion Ratsgruppe Gruppe Volt",
    "12. Sitzung des Rates am 3. März 2020; nicht öffentliche Sitzung der Stadtverordnetenversammlung"
    " am 04.05.2021\n١٢. Sitzung  Rat",
    "Die ſtädtekoalition: CITIES COALITION FOR DIGITAL RIGHTS; der Rat möge beschließen, wir beantragen",
)


def _matches(pattern: re.Pattern[str] | Finder, text: str, start: int, end: int) -> list[object]:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text, start, end)]


@pytest.mark.parametrize(
    "pattern",
    [
        fields.FACTION_PHRASE,
        fields._HYPHEN_FACTION,
        fields.LABELLED_REFERENCE,
        *(p for p, _ in city.self_references()),
        principles.COALITION,
        consultations.SESSION,
        dates.DATE_PATTERN,
        re.compile(r"(?:\d{1,3}\.\s*)?(?:nicht\s)?Sitzung|\s+Rat\b"),
        letter._MOVE,
        re.compile(r"(?:Stadtrats|Rats)?[Ff]raktion|(?<!\w)Gruppe\b"),
        re.compile(r"(?=Fra|Gru)\w+"),
        re.compile(r"\b(?:der|die)\s+(?P<x>[A-Z]\w+)", re.IGNORECASE),
        re.compile(r"^[ \t]*(?:Vorlage|Drucksache)\b", re.MULTILINE | re.IGNORECASE),
    ],
)
def test_the_same_matches_in_every_span(pattern: re.Pattern[str]) -> None:
    fast = skipping(pattern)
    assert fast.groups == pattern.groups and fast.groupindex == pattern.groupindex
    rng = random.Random(17)
    for text in (*TEXTS, "\n".join(TEXTS)):
        for _ in range(30):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert _matches(fast, text, start, end) == _matches(pattern, text, start, end)
        for position in range(len(text)):
            assert bool(fast.match(text, position)) == bool(pattern.match(text, position))


@pytest.mark.parametrize(
    "source",
    [
        r"Fraktion\w*",  # the engine finds a literal start itself
        r"[A-Z]\w+",  # a character class too
        r"\w+Fraktion",  # any word character
        r"(?:SPD)?",  # may match nothing: at any position
        r"(?:der\s+)?(?i:fraktion)",  # ignores case where the whole pattern does not
        r"(?x) Fraktion  # comment",
        r"^[ \t]*(?:Vorlage|Drucksache)",  # fails at once where no line starts
        r"(a)\1",
        r"(?a:\d+)?Sitzung",  # a digit of other flags than the whole pattern's
    ],
)
def test_left_as_it_is_where_the_first_character_cannot_be_told(source: str) -> None:
    pattern = re.compile(source)
    assert skipping(pattern) is pattern


def test_a_lookahead_is_put_in_front() -> None:
    fast = skipping(re.compile(r"(?<![\w-])(?:Stadtrats|Rats)?[Ff]raktion"))
    assert fast.pattern.startswith("(?=[")


def test_a_first_character_beyond_the_basic_plane_is_written_as_the_engine_reads_it() -> None:
    """A pictograph as a possible first character ("🏆 Sportlerehrung") enters the lookahead as
    itself, not as a four-digit escape and a stray digit."""
    pattern = re.compile(r"(?<!\w)(?:🏆|⚽)[ \t]+\w+")
    fast = skipping(pattern)
    assert fast is not pattern
    text = "Ehrungen: 🏆 Sportlerehrung, ⚽ Jugend, 1 und 2"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)] != []


_SCANNED = [
    fields.FACTION_PHRASE,
    fields._HYPHEN_FACTION,
    fields.LABELLED_REFERENCE,
    fields._any_labelled_reference(),
    *(p for p, _ in city.self_references()),
    *(p for _, p in consultations._intended_patterns()),
    consultations.SESSION,
    principles.COALITION,
    dates.DATE_PATTERN,
    letter._MOVE,
    people._office_comma_address_pattern(),
    people._speaker_pattern(),
    people._surname_first(),
    people._name_with_group_pattern(),
    re.compile(r"(?:Stadtrats|Rats)?[Ff]raktion|(?<!\w)Gruppe\b"),
    re.compile(r"\b(?:der|die)\s+(?P<x>[A-Z]\w+)", re.IGNORECASE),
    re.compile(r"(?<!\w)(?:stadt|kelvin|ſache|Kilo|ijs)\w*", re.IGNORECASE),  # "ſ" and "K" fold to ASCII letters
    re.compile(r"^[ \t]*(?:Vorlage|Drucksache)\b", re.MULTILINE | re.IGNORECASE),
    re.compile(r"(?<=\d)(?:\.|[ \t]+)(?P<rest>Sitzung)"),
    re.compile(r"(?P<a>der|die)[ \t]+(?P=a)\w*"),
]


@pytest.mark.parametrize("pattern", _SCANNED)
def test_a_scanner_finds_the_same_matches_in_every_span(pattern: re.Pattern[str]) -> None:
    fast = scanning(pattern)
    rng = random.Random(23)
    texts = (
        *TEXTS,
        "\n".join(TEXTS),
        "STADT ſtadt Stadt KELVIN ſache SACHE kilo İJS ijs ıjs",
        "ǅer dŽie der der",
        "Der Bürgermeister, Herr Beyer, dankt. „Gut“, sagte Hans-Georg Hansen (SPD). Berg, Patrick Conzen, Tim",
    )
    for text in texts:
        for _ in range(30):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert _matches(fast, text, start, end) == _matches(pattern, text, start, end)
            plain = pattern.search(text, start, end)
            found = fast.search(text, start, end)
            assert (found and (found.span(), found.groups())) == (plain and (plain.span(), plain.groups()))


def test_a_scanner_jumps_to_the_first_characters_and_takes_the_pattern_s_matches() -> None:
    pattern = re.compile(r"(?<!\w)(?:stadt|ſache)\w*", re.IGNORECASE)
    fast = scanning(pattern)
    assert isinstance(fast, Scanner) and fast.pattern is pattern
    assert [m.group(0) for m in fast.finditer("Stadtrat, ſtadt und SACHE; Kelvin")] == ["Stadtrat", "ſtadt", "SACHE"]
    assert all(m.re is pattern for m in fast.finditer("Stadtrat, SACHE"))


@pytest.mark.parametrize("source", [r"Fraktion\w*", r"[A-Z]\w+", r"\w+Fraktion", r"(?:SPD)?", r"(?x) Fraktion  # c"])
def test_a_pattern_the_engine_already_skips_through_or_whose_start_is_unknown_is_kept(source: str) -> None:
    pattern = re.compile(source)
    assert scanning(pattern) is pattern
