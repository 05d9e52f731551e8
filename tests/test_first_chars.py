"""`skipping`: the same matches as the pattern it is given, only found faster."""

from __future__ import annotations

import random
import re

import pytest

from ingest import dates, principles
from ingest.first_chars import skipping
from ingest.genres import city, consultations, fields, letter

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


def _matches(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[object]:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text, start, end)]


@pytest.mark.parametrize(
    "pattern",
    [
        fields.FACTION_PHRASE,
        fields._HYPHEN_FACTION,
        fields.LABELLED_REFERENCE,
        *(p for p, _ in city.SELF_REFERENCES),
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
