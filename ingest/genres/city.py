"""The document's own city and the other cities it names, resolved through the gazetteer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from councilgraph.city_index import CITY_STATES, MENTION_MIN_POPULATION
from ingest import language
from ingest.dates import MONTHS
from ingest.first_chars import scanning, skipping
from ingest.genres import people
from ingest.language import bodies, parties, words
from ingest.language.lexicon import alternatives
from ingest.records import CityMention
from ingest.text import line_bounds, sentence_bounds

# A place name of one word, or of two ("Bad Rothenfelde", "Bergisch Gladbach", "Neustadt in
# Holstein", "Neustadt b. Coburg", "Elmenhorst/Lichtenhagen"): the longest prefix the gazetteer knows is taken.
_NAME = (
    r"(?P<name>[A-ZÄÖÜ][\wäöüß\-]+(?:/[A-ZÄÖÜ][\wäöüß\-]+)?(?:[ \t]*\([^)\n]{2,20}\))?"
    r"(?:[ \t]+(?:(?:am|an[ \t]+der|in[ \t]+der|im|in|bei|ob[ \t]+der)[ \t]+|(?:b\.|a\.[ \t]?d\.)[ \t]*)?"
    r"[A-ZÄÖÜ][\wäöüß\-]+)?)"
)


@cache
def self_references() -> tuple[tuple[re.Pattern[str], int], ...]:
    """Phrases in which a document names its own city, with their weight (own_city.toml)."""
    (office,) = language.entries("own_city", "office_of_the_town")
    (designation,) = language.entries("own_city", "designation")
    (municipality,) = language.entries("own_city", "own_municipality")
    (council,) = language.entries("own_city", "council_by_place")
    (system,) = language.entries("own_city", "system_title")

    def phrases(listed: list[str]) -> str:  # the phrases on one line, as printed
        return alternatives(tuple(listed), case_sensitive=True, gap=r"[ \t]+")

    return (
        (
            re.compile(
                rf"\b(?:{phrases(office['offices'])})[ \t]+der[ \t]+"
                rf"(?:{phrases(office['municipalities'])})[ \t\n]+" + _NAME
            ),
            office["weight"],
        ),
        (re.compile(rf"\b(?:{phrases(designation['words'])})[ \t]+" + _NAME), designation["weight"]),
        (
            re.compile(
                r"(?:^[ \t]*|\([ \t]*|\b(?:[Dd]er|[Dd]es|[Dd]ie|[Dd]em)[ \t]+)"
                rf"(?:{phrases(municipality['words'])})[ \t]+" + _NAME,
                re.MULTILINE,
            ),
            municipality["weight"],
        ),
        (
            re.compile(
                rf"\b(?:{phrases(council['genitives'])}"
                rf"|(?:[Dd]er|[Dd]en|[Dd]em)[ \t]+(?:{phrases(council['after_article'])})"
                rf"|{phrases(council['bare'])})[ \t]+" + _NAME
            ),
            council["weight"],
        ),
        (
            re.compile(
                rf"^[ \t]*(?:{phrases(system['words'])}|(?:{phrases(system['labels'])})[ \t]*:?[ \t]*\n?)[ \t]*"
                + _NAME
                + r"[ \t]*$",
                re.MULTILINE,
            ),
            system["weight"],
        ),
        (re.compile(r"(?=D-|\d)(?:\bD-)?\b\d{5}[ \t]+" + _NAME), 1),  # the look-ahead only skips faster
    )


_NOT_A_CITY = {"Halle GmbH", "Stadt", "Rat", "Verwaltung"}
_COMPANY_AFTER = re.compile(r"[ \t]*(?:GmbH|mbH|AG\b|KG\b|e\.[ \t]?V\.)")
# "IHK Regensburg", "IK-T Regensburg": a place after an organisation's initials belongs to its name.
_INITIALS_BEFORE = re.compile(r"\b[A-ZÄÖÜ][A-ZÄÖÜ\-]+[ \t]+$")
_HELD_UP = r"Vorbild|Beispiel|Partnerstadt|Partnerstädte|Nachbarstadt|Nachbarstädte|Nachbargemeinden?|Nachbarkommunen?"
"""Words that name another town as an example or a partner (`_COMPARED`, `_EXAMPLE_OR_PARTNER`)."""
# "nach dem Vorbild der Stadt Pirna", "wie die Stadt Ulm": another council held up as an example.
_COMPARED = re.compile(
    rf"\b(?:{_HELD_UP}|Beispiele|Vorbildern|wie|ähnlich|anders\s+als"
    r"|etwa|z\.\s?B\.|beispielsweise|auch|andere[nr]?|benachbarten?)\s+(?:(?:der|die|dem|des|von|in\s+der|bei\s+der)\s+)?"
    r"(?:(?:Stadt|Gemeinde)\s+)?$"
    r"|\b(?:wie|etwa|z\.\s?B\.|ähnlich|beispielsweise)\s+(?:in|bei)\s+$",  # "wie z.B. in Rendsburg", not "auch in"
    re.IGNORECASE,
)


# the names before a place in the same list: "z. B. in Rheurdt, Emmerich und Goch"
_LIST_ITEM = r"(?:[A-ZÄÖÜ][\w\-]+(?:[ \t]+[A-ZÄÖÜ][\w\-]+)?[ \t]*(?:,|und|oder)[ \t]*)"  # "Rheurdt, "
_LISTED_BEFORE = re.compile(_LIST_ITEM + "{1,6}$")


def _compared(text: str, start: int) -> bool:
    """Is the place at `start` held up as an example, alone or in a list ("wie z.B. in Rendsburg",
    "z. B. in Rheurdt, Emmerich und Goch")?"""
    window = max(0, start - 120)
    listed = _LISTED_BEFORE.search(text, window, start)
    before = listed.start() if listed is not None else start
    if listed is not None and _HELD_UP_WORD.match(text, before):
        return True  # "Unsere Nachbargemeinden Igensdorf und Eckental": the noun read as the list's first name
    return _COMPARED.search(text, max(0, before - 40), before) is not None


_HELD_UP_WORD = re.compile(rf"(?:{_HELD_UP})\b")


@dataclass(frozen=True)
class City:
    name: str
    slug: str


class _Index(Protocol):
    def find(self, name: str) -> Any: ...

    def mentions(self, text: str, min_population: int | None = None) -> list[tuple[Any, int, int]]: ...

    def by_slug(self, slug: str) -> Any: ...


@cache
def _index() -> _Index | None:
    try:
        from councilgraph.gazetteer import city_index
    except ImportError:
        return None
    return city_index()


@lru_cache(maxsize=4096)
def resolve(name: str) -> City | None:
    """The gazetteer city of a printed name ("Halle (Saale)", "München", "Muenchen")."""
    index = _index()
    if index is None:
        return None
    entry = index.find(name)
    if entry is None:
        bare = re.sub(r"\s*\(.*\)$", "", name).strip()
        entry = index.find(bare) if bare != name else None
    return City(entry.name, entry.slug) if entry is not None else None


@lru_cache(maxsize=4096)
def resolve_council(name: str) -> City | None:
    """The municipality a council's name means ("Gemeindevertretung Britz" is Britz in Barnim, not
    the Berlin quarter): of the places so named, the first that is a municipality of its own."""
    index = _index()
    if index is None or not hasattr(index, "candidates"):
        return resolve(name)
    for candidate in index.candidates(name):
        if getattr(candidate, "municipality_key", None):
            return City(candidate.name, candidate.slug)
    return resolve(name)


def _longest_known_prefix(name: str, known: Callable[[str], City | None] = resolve_council) -> tuple[City, int] | None:
    """The city and the printed length of the longest prefix of `name` that names a municipality
    (`known`: a council's municipality unless told otherwise): "Bad Rothenfelde" whole, "Bonn
    Anträge" as Bonn, "Elmenhorst/Lichtenhagen" whole, "Ahrensfelde/Blumberg" as Ahrensfelde."""
    for m in reversed(list(re.finditer(r"[^\s/]+", name))):
        city = known(name[: m.end()])
        if city is not None:
            return city, m.end()
    return None


def own_city(text: str, min_weight: int = 1, min_score: int = 0) -> tuple[City, CityMention] | None:
    """The city the document belongs to: the most weighty self-reference that the gazetteer
    knows (only phrases of at least `min_weight`, a city only with `min_score` in all)."""
    scores: Counter[str] = Counter()
    first: dict[str, tuple[City, CityMention]] = {}
    for pattern, weight in self_references():
        if weight < min_weight:
            continue
        for m in scanning(pattern).finditer(text):
            name = m.group("name")
            if name in _NOT_A_CITY or _COMPARED.search(text, max(0, m.start() - 40), m.start()):
                continue
            if _POSSESSIVE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "die in unserer Stadt Schutz suchen": the town as such, then a noun
            if _EXAMPLE_OR_PARTNER.search(text, max(0, m.start() - 80), m.start()):
                continue  # "Ein Beispiel ist die Freie Hansestadt Bremen": another town, named on purpose
            known = _longest_known_prefix(name)
            if known is None:
                continue
            city, length = known
            if _COMPANY_AFTER.match(text, m.start("name") + length):
                continue  # "Wohnbau Stadt Coburg GmbH": a company, maybe of a neighbour
            # a phrase that opens a line or the head is the letterhead's; in running text it may name a neighbour
            opens = m.start() < _HEAD_OF_LETTER or not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
            bonus = 2 if opens else 1
            scores[city.slug] += weight * bonus
            if city.slug not in first or m.start() < first[city.slug][1].start:
                first[city.slug] = (city, CityMention(city.name, m.start("name"), m.start("name") + length))
    if not scores:
        return None
    best = max(scores, key=lambda slug: (scores[slug], -first[slug][1].start))
    if sum(1 for score in scores.values() if score == scores[best]) > 1:
        return None  # "die Satzungen der Gemeinde A oder der Gemeinde B": towns named alike, none the own
    return first[best] if scores[best] >= min_score else None


_HEAD_OF_LETTER = 300
# a town given as an example or a partner a few words after the word that says so: "Ein Beispiel ist die
# Freie Hansestadt Bremen", "gemeinsam mit den Landkreisen, der Landeshauptstadt Stuttgart"
_EXAMPLE_OR_PARTNER = re.compile(
    rf"\b(?:{_HELD_UP}|gemeinsam\s+mit|zusammen\s+mit)\b"
    r"(?:[ \t,]+[^\s.;:!?]+){0,3}[ \t]+$"
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:[Uu]nser|[Ii]hr|[Ss]ein|[Ee]ur)e[mnrs]?[ \t]+$")


_BOILERPLATE = re.compile(
    r"@|^\s*(?:Von|An|Cc|Gesendet)\s*:|\b\d{5}\s+[A-ZÄÖÜ]|str(?:\.|aße)\s*\d|platz\s+\d",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:das|dem|des|ein|eine|einem|einen|einer|eines|zum|beim)\s+)$", re.IGNORECASE)
_ADDRESS_LINE = 200
"""The longest line read whole for the address or mail header that makes its names no mentions."""


def mentioned(text: str, start: int, end: int, own_slug: str | None) -> list[CityMention]:
    """Cities named in `text[start:end]` other than the document's own, once each, in order."""
    return once_each(named_places(text, start, end, own_slug), start, end)


def once_each(places: list[tuple[str, CityMention]], start: int, end: int) -> list[CityMention]:
    """Of the places `named_places` found, those named in `text[start:end]`, each at its first naming."""
    found: dict[str, CityMention] = {}
    for slug, mention in places:
        if start <= mention.start < end and slug not in found:
            found[slug] = mention
    return list(found.values())


def named_places(text: str, start: int, end: int, own_slug: str | None) -> list[tuple[str, CityMention]]:
    """Every naming of a city in `text[start:end]` other than the document's own, with its slug, in
    order: read once for a whole document, then taken apart by `once_each` for each paper's text."""
    index = _index()
    if index is None:
        return []
    found: list[tuple[str, CityMention]] = []
    own = index.by_slug(own_slug) if own_slug else None
    for entry, s, e in _mentions_with_small_municipalities(index, text, start, end, own):
        if entry.slug == own_slug or (own is not None and entry.name == own.name):
            continue  # the council's own place, whichever of its namesakes the name looked up
        if own is not None and text[s:e] in _short_names(own.name):
            continue  # "Dessau" in Dessau-Roßlau, "Neustadt" in Neustadt b. Coburg: the own place, shortened
        home = _city_state_of(City(entry.name, entry.slug))
        if home is not None and home.slug == own_slug:
            continue  # a district of the document's own city-state
        ls, le = line_bounds(text, s)
        if le - ls > _ADDRESS_LINE:  # a paragraph run into one line: an address in it stands in its own sentence
            ls, le = sentence_bounds(text, s, ls, le)
        if _BOILERPLATE.search(text, ls, le) or _ARTICLE_BEFORE.search(text[max(0, s - 12) : s]):
            continue
        if _district_before().search(text, max(0, s - 16), s):
            continue  # "des Landkreises Freising" names a district
        if _ADJECTIVE_AFTER_ARTICLE.search(text, max(0, s - 30), s):
            continue
        if _in_a_name(text, s, e):
            continue  # "Universität Oldenburg", "Frau Oldenburg-Schmidt", "Peter Kassel"
        found.append((entry.slug, CityMention(entry.name, s, e)))
    return found


def _short_names(name: str) -> frozenset[str]:
    """The shorter names a municipality goes by in its own papers: the parts of a double name
    ("Dessau", "Roßlau") and the first word of a name with an addition ("Neustadt b. Coburg")."""
    head = re.split(r"[ ,(]", name, maxsplit=1)[0]
    return frozenset({head, *head.split("-")} - {name})


@cache
def _name_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    organisations = alternatives(words("mentions", "organisation"))
    endings = alternatives(words("mentions", "organisation_ending"))
    alone = alternatives(tuple(ending.capitalize() for ending in words("mentions", "organisation_ending")))
    addresses = alternatives(words("mentions", "person_before"))
    # an organisation word, or a capitalised compound ending like one ("Diözesanverband", "Anna-Grundschule")
    named = rf"(?:(?<![\wäöüß])(?:{organisations}|{alone})|[A-ZÄÖÜ][\wäöüß\-]*(?:{endings}))"
    return (
        re.compile(rf"{named}(?:[ \t]+[A-ZÄÖÜ][\wäöüß\-]*){{0,3}}[ \t]+$"),
        re.compile(rf"(?<![\wäöüß])(?:{addresses})[ \t]+$"),
    )


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is the place at `text[start:end]` part of an organisation's or a person's name?"""
    organisation, address = _name_patterns()
    before = text[max(0, start - 80) : start]
    if organisation.search(before) or address.search(before):
        return True
    joined = re.match(r"-([A-ZÄÖÜ][a-zäöüß]+)", text[end : end + 40])
    if joined is not None and resolve(joined.group(1)) is None:
        return True  # "Oldenburg-Schmidt": a double surname, not "Kopenhagen-Hamburg"
    previous = re.search(r"([A-ZÄÖÜ][a-zäöüß]+)[ \t]+$", before)
    return previous is not None and people.is_given_name(previous.group(1))


_MUNICIPALITY_WORDS = (
    r"\b(?:Gemeinde|Gemeinden|Stadt|Städte|Samtgemeinde|Ortsgemeinde|Verbandsgemeinde|Marktgemeinde|Markt"
    r"|Nachbargemeinde|Nachbarstadt)[ \t]+"
)
# a municipality word, then perhaps the names before this one in its list: "die Gemeinden Kötz, Pöttmes und …"
_MUNICIPALITY_LIST = re.compile(_MUNICIPALITY_WORDS + _LIST_ITEM + "{0,6}$")


# "Amt Bornhöved", "Verbandsgemeinde Wallmerod": the administration the council belongs to, named
# after its seat, not a neighbour
_ASSOCIATION_BEFORE = re.compile(r"\b(?:Amt(?:es|s)?|Verbandsgemeinde|Samtgemeinde|VG|Verwaltungsgemeinschaft)[ \t]+$")


def _mentions_with_small_municipalities(
    index: Any, text: str, start: int, end: int, own: Any = None
) -> list[tuple[Any, int, int]]:
    """The cities `index.mentions` finds in `text[start:end]` (offsets in `text`), and the smaller
    German municipalities that a municipality word names as one, alone or in a list ("Gemeinde
    Köhn", "die Gemeinden Kötz, Pöttmes und Sauerlach"), or that lie in the district of the
    council's own town (`own`): bare, a small town's name is as often a surname or a common word."""
    found = [(entry, s + start, e + start) for entry, s, e in index.mentions(text[start:end])]
    taken = {s for _, s, _ in found}
    own_district = getattr(own, "district", None)
    for entry, s, e in index.mentions(text[start:end], min_population=0):
        s, e = s + start, e + start
        if s in taken or getattr(entry, "country", "DE") != "DE":
            continue
        listed = _MUNICIPALITY_LIST.search(text, max(0, s - 140), s)
        # "in unserer Stadt Schutz suchen": the town as such, then a noun
        named = listed is not None and not _POSSESSIVE_BEFORE.search(text, max(0, listed.start() - 12), listed.start())
        neighbour = (
            own_district is not None
            and getattr(entry, "district", None) == own_district
            and not _ASSOCIATION_BEFORE.search(text, max(0, s - 30), s)
        )
        if named or neighbour:
            found.append((entry, s, e))
    found.sort(key=lambda hit: hit[1])
    return found


def slug_of(mention: CityMention) -> str | None:
    city = resolve(mention.name)
    return city.slug if city else None


@dataclass(frozen=True)
class CityDecision:
    """The council's city and the cue that decided it (for `--explain`)."""

    city: City | None
    cue: str
    start: int = -1
    end: int = -1


POSTAL_CODE_CUE = "postal code"
_SINGLING_OUT_CUES = ("given", "source address", POSTAL_CODE_CUE, "district of a city-state")
"""Cues that name one municipality whatever its name: the user's, the address the file was published
at, a postal code's municipality, a city-state's district."""
_LIKELIEST_BY_FAR = 10
"""How many times as many inhabitants as each namesake make a city the one its name means ("Essen",
not Essen (Oldenburg))."""


def namesakes(decision: CityDecision, text: str) -> list[str]:
    """The other German municipalities the words that decided the city may stand for ("Coswig" is
    Coswig in Saxony and Coswig (Anhalt)), a namesake of the same name with its district: where the
    cue does not single one out and the city chosen is not the likeliest by far."""
    index = _index()
    if decision.city is None or index is None or not hasattr(index, "namesakes"):
        return []
    if decision.cue.startswith(_SINGLING_OUT_CUES):
        return []
    chosen = index.by_slug(decision.city.slug)
    printed = text[decision.start : decision.end] if 0 <= decision.start < decision.end else ""
    found = index.namesakes(printed) if printed else []
    if chosen is None or chosen not in found:  # an adjective ("Lauinger"), or the name in other words
        found = index.namesakes(re.sub(r"\s*\(.*\)$", "", decision.city.name))
    others = [e for e in found if e.slug != decision.city.slug]
    if chosen is None or not others or chosen.population >= _LIKELIEST_BY_FAR * max(e.population for e in others):
        return []
    return [f"{e.name} ({e.district or e.state})" if e.name == chosen.name else f"{e.name}" for e in others]


_DOMAIN = re.compile(r"(?:https?://|www\.|@)(?P<host>[a-z0-9][a-z0-9.\-]*\.de)\b", re.IGNORECASE)


@cache
def _council_word() -> re.Pattern[str]:
    """Words of a council's business (bodies.toml [[council_word]]): with them, the city a text names
    most often is the council's."""
    return re.compile(rf"\b(?:{alternatives(words('bodies', 'council_word'))})\b")


def decide(
    text: str, explicit: str | None = None, folder: str | None = None, source_url: str | None = None
) -> CityDecision:
    """The council's city (see `_decide`); a district of Berlin, Hamburg or Bremen that the
    gazetteer lists as a place of its own ("Rathaus Spandau") is its city-state's council.
    The address the file was published at (a sidecar's or the harvester's `source_url`:
    "ris.stadt-bramsche.de", "ris.komuna.net/ebersberg") comes right after the letterhead: a
    page may be published by a neighbour's news site."""
    decision = _decide(uncapitalised(text), explicit, folder, source_url, printed=text)
    if decision.city is None or explicit:
        return decision
    state = _city_state_of(decision.city)
    if state is None:
        return decision
    return CityDecision(state, f"{decision.cue} (a district of {state.name})", decision.start, decision.end)


_CAPITALS = re.compile(r"\b[A-ZÄÖÜ]{2}[A-ZÄÖÜ\-]*\b")
_SMALL_WORDS = frozenset({"DER", "DIE", "DAS", "DES", "DEM", "DEN", "UND", "VON", "IM", "AM", "AN", "IN"})


@lru_cache(maxsize=4)
def uncapitalised(text: str) -> str:
    """ "BÜRGERSCHAFT DER FREIEN UND HANSESTADT HAMBURG" read as "Bürgerschaft der Freien und
    Hansestadt Hamburg": letterheads in capitals hold the same cues; every offset stays."""

    def word(m: re.Match[str]) -> str:
        value = m.group(0)
        lowered = value.lower()
        if len(lowered) != len(value):
            return value
        return lowered if value in _SMALL_WORDS else value[0] + lowered[1:]

    return skipping(_CAPITALS).sub(word, text)


def _entry_of(city: City) -> Any:
    """The gazetteer's entry of `city`, where a gazetteer is loaded."""
    index = _index()
    return index.by_slug(city.slug) if index is not None and hasattr(index, "by_slug") else None


def _city_state_of(city: City) -> City | None:
    index = _index()
    entry = _entry_of(city)
    state = getattr(entry, "state", None)
    if entry is None or state not in CITY_STATES or CITY_STATES[state] == city.slug:
        return None
    if getattr(entry, "municipality_key", None):
        return None  # Bremerhaven: a municipality of its own
    home = index.by_slug(CITY_STATES[state]) if index is not None else None
    return _entry_city(home) if home is not None else None


def _decide(
    text: str,
    explicit: str | None = None,
    folder: str | None = None,
    source_url: str | None = None,
    printed: str | None = None,
) -> CityDecision:
    """The council's city from every cue, strongest first: the user's `--city` or sidecar, the
    letterhead and signature block, the address the file was published at, postal addresses and
    the other cues of the text's place, the town named as a council's own, the city's web and mail
    domains, council words together with the city most often named, the folder's name."""
    if explicit:
        city = resolve(explicit)
        return CityDecision(city, f"given: {explicit}")
    found = own_city(text, min_weight=2, min_score=4)
    if found is not None:
        return CityDecision(found[0], "letterhead or signature", found[1].start, found[1].end)
    published = city_of_address(source_url) if source_url else None
    if published is not None:
        return CityDecision(published, f"source address {source_url}")
    for cue, finder in (
        ("date line of a letter", _place_of_date_line),
        ("district of a city-state", _city_state_district),
        (POSTAL_CODE_CUE, _postcode_city),
        ("inhabitants' adjective", _demonym_city),
        ("a town's adjective before its council or a party ('der Bad Füssinger Gemeinderat')", _council_demonym_city),
        ("a report's dateline ('Nordhausen (psv)', 'Lingen. Der Ausschuss …')", dateline_city),
        ("a report's place line ('Tirschenreuth' over its date, 'Tangerhütte: Neue Gesichter')", place_line_city),
    ):
        hit = finder(text)
        if hit is not None:
            return CityDecision(hit[0], cue, hit[1], hit[2])
    found = own_city(text, min_weight=1)
    if found is not None:
        return CityDecision(
            found[0], "the town named in the text as a council's own ('der Gemeinde X')", found[1].start, found[1].end
        )
    for m in _DOMAIN.finditer(text):
        city = _city_of_host(m.group("host"))
        if city is not None:
            return CityDecision(city, f"web or mail domain {m.group('host')}", m.start("host"), m.end("host"))
    home = home_institution_city(printed or text)
    if home is not None:
        cue = "a town's institution or a party's local branch ('Stadtbücherei Adelsheim')"
        return CityDecision(home[0], cue, home[1], home[2])
    if _council_word().search(text):
        most = _most_named_german_city(text, printed or text)
        if most is not None:
            return CityDecision(most[0], "council words and the city most often named", most[1], most[2])
    repeated = _repeated_demonym_city(text)
    if repeated is not None:
        return CityDecision(repeated[0], "inhabitants' adjective, repeated in the text", repeated[1], repeated[2])
    place = _place_named_after_preposition(text)
    if place is not None:
        return CityDecision(place[0], "a municipality named as a place ('in Bubenreuth')", place[1], place[2])
    if folder:
        city = resolve(folder.replace("_", " ").replace("-", " ")) or resolve(folder)
        if city is not None:
            return CityDecision(city, f"folder name {folder}")
    return CityDecision(None, "no cue")


_DATE_LINE = re.compile(
    r"(?:^|\s)(?P<name>[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]*\([^)\n]{2,20}\))?),[ \t]*(?:den[ \t]+)?"
    r"\d{1,2}\.[ \t]*(?:\d{1,2}\.|(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b)",
    re.MULTILINE,
)
_DISTRICT_BODY = re.compile(
    r"\b(?:Bezirksamt(?:es|s)?|Bezirksversammlung|Bezirksverordnetenversammlung|Bezirk)[ \t]+"
    r"(?P<name>[A-ZÄÖÜ][\wäöüß\-]+)"
)
_POSTCODE = re.compile(
    r"(?<![\d/.,-])(?:D-)?(?P<plz>\d{5})[ \t]+(?P<name>[A-ZÄÖÜ][\wäöüß\-]+(?:[ \t]+[\wäöüß.()\-]+){0,3})"
)
# a town's adjective, of a name in one word or after "Bad", "Sankt": "Kaarster", "Bad Homburger"
TOWN_ADJECTIVE = r"(?:Bad[ \t]+|Sankt[ \t]+|St\.[ \t]*)?[A-ZÄÖÜ][a-zäöüß]{2,}er"
"""A town's adjective: "Kulmbacher", "Bad Homburger", "St. Ingberter"."""
# an adjective before a noun, not before a newspaper's or a company's name ("Saarbrücker Zeitung")
# a region named after its town ("Augsburger Land", "Kölner Raum") is not the town
_NOT_AFTER_DEMONYM = (
    r"(?:Zeitung|Nachrichten|Rundschau|Anzeiger|Tageblatt|Morgenpost|Allgemeine|Volksbank|Sparkasse"
    r"|Land|Umland|Raum|Region)"
)


@cache
def _demonym() -> re.Pattern[str]:
    """A town's adjective before a noun: not before a newspaper's or a company's name ("Saarbrücker
    Zeitung"), nor in a street's name ("Alter Warendorfer Weg", mentions.toml [[street]])."""
    streets = alternatives(words("mentions", "street"))
    return re.compile(
        rf"\b(?P<word>{TOWN_ADJECTIVE})(?=[ \t]+[A-ZÄÖÜ])(?![ \t]+(?:{_NOT_AFTER_DEMONYM}|{streets})(?![\wäöüß]))"
    )


def _demonyms(text: str, start: int = 0, end: int | None = None) -> Iterable[re.Match[str]]:
    """Towns' adjectives in `text`, not given names that end alike ("Wilhelm Rainer Häusler")."""
    for m in _demonym().finditer(text, start, len(text) if end is None else end):
        if not people.is_given_name(m.group("word")):
            yield m


HEAD_CHARACTERS = 800


def _entry_city(entry: Any) -> City:
    return City(entry.name, entry.slug)


def _place_of_date_line(text: str) -> tuple[City, int, int] | None:
    """ "Kreuzau, 10.03.2016", "Bochum, den 24. März 2021": a letter's place and date."""
    for m in _DATE_LINE.finditer(text):
        city = resolve(m.group("name"))
        if city is not None:
            return city, m.start("name"), m.end("name")
    return None


def _city_state_district(text: str) -> tuple[City, int, int] | None:
    """ "Bezirksamt Neukölln", "Bezirksversammlung Wandsbek": districts of Berlin and Hamburg."""
    index = _index()
    if index is None:
        return None
    for m in _DISTRICT_BODY.finditer(text):
        name = m.group("name")
        # "Charlottenburg-Wilmersdorf", "Tempelhof-Schöneberg": a district merged from two, named by both
        entry = index.find(name) or (index.find(name.split("-")[0]) if "-" in name else None)
        state = getattr(entry, "state", None)
        if state in CITY_STATES:
            city_state = index.by_slug(CITY_STATES[state])
            if city_state is not None:
                return _entry_city(city_state), m.start("name"), m.end("name")
    return None


def _postcode_city(text: str) -> tuple[City, int, int] | None:
    """ "13437 Berlin", "06108 Halle (Saale)": the municipality of the postcode that the printed
    name confirms, else the postcode's only municipality."""
    index = _index()
    if index is None or not hasattr(index, "by_postcode"):
        return None
    for m in _POSTCODE.finditer(text):
        entries = index.by_postcode(m.group("plz"))
        if not entries:
            continue
        named = resolve(m.group("name")) or resolve(m.group("name").split()[0])
        for entry in entries:
            if named is not None and entry.slug == named.slug:
                return _entry_city(entry), m.start("name"), m.end("name")
        if len(entries) == 1:
            return _entry_city(entries[0]), m.start("plz"), m.end("plz")
    return None


def _demonym_city(text: str) -> tuple[City, int, int] | None:
    """ "der Kaarster Grünen", "Flensburger Ratsfraktionen": a city's adjective in the head."""
    for m in _demonyms(text, 0, min(len(text), HEAD_CHARACTERS)):
        city = _city_of_demonym(m.group("word"))
        if city is not None:
            return city, m.start(), m.end()
    return None


def _council_demonym_city(text: str) -> tuple[City, int, int] | None:
    """ "der Bad Füssinger Gemeinderat", "die Steinbacher FDP", "im Klever Stadtrat": a town's
    adjective before its council or a party names the council's town, however small."""
    for m in _council_demonym().finditer(text):
        word = m.group("word")
        for stem in _demonym_stems(word) + ([word[:-1]] if len(word) >= 6 else []):  # "Klever" → Kleve
            city = _clearly_one(stem)
            if city is not None:
                return city, m.start("word"), m.end("word")
    return None


_OPENING_QUOTES = frozenset('„“"‚»«')


@cache
def _home_institution() -> re.Pattern[str]:
    institutions = alternatives(words("mentions", "home"))
    party = parties.printed_forms()
    branches = alternatives(words("mentions", "home", "branches"))
    return re.compile(rf"(?<![\w\-])(?:{institutions}|(?:{party})(?:[ \t\-](?:{branches}))?)[ \t]+" + _NAME)


def home_institution_city(text: str) -> tuple[City, int, int] | None:
    """The town whose institution or local party branch the text names most often ("Die
    Stadtbücherei Adelsheim", "Die GRÜNEN Neustadt an der Weinstraße"): the place must clearly be
    one municipality, not a given name ("SPD Rosa Müller") nor the Land ("Die GRÜNEN Brandenburg")."""
    hits: list[tuple[Any, int, int]] = []
    for m in _home_institution().finditer(text):
        name = m.group("name")
        if people.is_given_name(name.split()[0]) or text[max(0, m.start() - 1) : m.start()] in _OPENING_QUOTES:
            continue  # "SPD Rosa Müller" is a person, "„Grüne Welle“" a phrase
        known = _longest_known_prefix(name, _branch_town)
        if known is not None:
            hits.append((known[0], m.start("name"), m.start("name") + known[1]))
    return _most_often(hits)


def _branch_town(name: str) -> City | None:
    """The municipality a party branch's place clearly names, not its Land ("Die GRÜNEN
    Brandenburg": a party's Land association, not Brandenburg an der Havel's branch)."""
    city = _clearly_one(name)
    if city is None:
        return None
    state = getattr(_entry_of(city), "state", None)
    return None if name == state and state not in CITY_STATES else city


_CLEARLY_LARGER = 5
# the place a report is filed from, at a line's start: "Nordhausen", "Bad Aibling", "Neumarkt-St. Veit"
_REPORT_PLACE = (
    r"^[ \t]*(?P<name>(?:(?:Bad|St\.|Sankt)[ \t]+)?[A-ZÄÖÜ][a-zäöüß]{3,}(?:[ \t\-](?:St\.[ \t]*)?[A-ZÄÖÜ][a-zäöüß]+)?)"
)
# a report's first words: "Nordhausen (psv) In der gestrigen …", "Lingen. Der Ausschuss …"
_DATELINE = re.compile(
    _REPORT_PLACE
    + r"(?:[ \t]*\([a-zA-Z/]{2,10}\)[ \t]*[-–:]?|[.·][ \t]+(?=[A-ZÄÖÜ][a-zäöüß])"
    + r"|[ \t]+[-–][ \t]+(?=[A-ZÄÖÜ][a-zäöüß]))",
    re.MULTILINE,
)
_DATELINE_REACH = 2000


def opens_with_dateline(text: str, start: int, end: int) -> bool:
    """Does the line `text[start:end]` open a news report with its dateline ("Pforzheim. Mit …")?"""
    m = _DATELINE.match(text, start, end)
    return m is not None and _clearly_one(m.group("name")) is not None


def dateline_city(text: str) -> tuple[City, int, int] | None:
    """The place a news report is filed from, at the start of its text."""
    return _first_clear_place(_DATELINE, text, _DATELINE_REACH)


# a report's place on a line of its own over its headline or date, or before a colon that opens the headline
_PLACE_LINE = re.compile(_REPORT_PLACE + r"(?:[ \t]*$|:[ \t]+(?=[A-ZÄÖÜ][a-zäöüß]))", re.MULTILINE)
_PLACE_LINE_REACH = 400


def place_line_city(text: str) -> tuple[City, int, int] | None:
    """The place a news page prints on a line of its own at its head ("Tirschenreuth" over
    "05.10.2018 - 17:24 Uhr"), or before the colon of its headline ("Tangerhütte: Neue Gesichter")."""
    return _first_clear_place(_PLACE_LINE, text, _PLACE_LINE_REACH)


def _first_clear_place(pattern: re.Pattern[str], text: str, reach: int) -> tuple[City, int, int] | None:
    """The first place `pattern` reads in the text's first `reach` characters that clearly names one
    municipality."""
    for m in pattern.finditer(text, 0, min(len(text), reach)):
        city = _clearly_one(m.group("name"))
        if city is not None:
            return city, m.start("name"), m.end("name")
    return None


def _clearly_one(name: str) -> City | None:
    """The municipality a bare name means where one is clearly meant: the only one so named, or one
    five times as large as the next ("Kleve", not one of the small Steinbachs)."""
    index = _index()
    if index is None or not hasattr(index, "candidates"):
        return resolve(name)
    places = sorted(
        (c for c in index.candidates(name) if getattr(c, "municipality_key", None)),
        key=lambda c: -(getattr(c, "population", 0) or 0),
    )
    if not places:
        return None
    if len(places) > 1 and (places[0].population or 0) < _CLEARLY_LARGER * (places[1].population or 0):
        return None
    return City(places[0].name, places[0].slug)


@lru_cache(maxsize=1)
def _council_demonym() -> re.Pattern[str]:
    councils = "|".join(sorted((re.escape(w) for w in bodies.council_words()), key=len, reverse=True))
    party_forms = "|".join(sorted((re.escape(w) for w in words("parties", "party", "variants")), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<word>{TOWN_ADJECTIVE})[ \t]+"
        rf"(?:{councils}|{party_forms}|Stadtverwaltung|Gemeindeverwaltung)(?![\wäöüß])"
    )


def _repeated_demonym_city(text: str) -> tuple[City, int, int] | None:
    """ "die 42 Koblenzer Schulen … der Koblenzer Schulträger": a city's adjective anywhere in the
    text, printed at least twice and no other city's twice ("Kölner Modell" once is a citation)."""
    counts: dict[str, list[tuple[City, int, int]]] = {}
    for m in _demonyms(text):
        city = _city_of_demonym(m.group("word"))
        if city is not None:
            counts.setdefault(city.slug, []).append((city, m.start(), m.end()))
    repeated = [hits for hits in counts.values() if len(hits) >= 2]
    return repeated[0][0] if len(repeated) == 1 else None


def _city_of_demonym(word: str) -> City | None:
    """The German town of 5,000 inhabitants or more an adjective in -er names, if any."""
    index = _index()
    if index is None:
        return None
    for stem in _demonym_stems(word):
        entry = index.find(stem)
        if entry is not None and getattr(entry, "country", "") == "DE" and getattr(entry, "population", 0) >= 5000:
            return _entry_city(entry)
    return None


def _demonym_stems(word: str) -> list[str]:
    """The place names an adjective in -er can come from: "Kaarster" → Kaarst, "Bremer" → Bremen,
    "Dresdner" → Dresden, "Lippstädter" → Lippstadt, "Ueckermünder" → Ueckermünde; stems of at
    least four letters, so that "Bürger" names no place."""
    stems = [word[:-2], word[:-2] + "en"]
    if word.endswith("ner"):
        stems.append(word[:-3] + "en")
    if word.endswith("städter"):
        stems.append(word[: -len("städter")] + "stadt")  # "Lippstädter" → Lippstadt
    if word.endswith("er") and len(word) >= 7:
        stems.append(word[:-1])  # "Ueckermünder" → Ueckermünde; not "Lehrer" → Lehre
    return [stem for stem in stems if len(stem) >= 4]


def city_of_address(url: str) -> City | None:
    """The municipality a web address names in its host or its first path segment (council
    information systems hosted for many towns: "sessionnet.krz.de/edewecht/bi")."""
    m = re.match(r"(?:[a-z]+://)?(?P<host>[^/?#:]+)(?::\d+)?(?:/(?P<segment>[^/?#]+))?", url.strip(), re.IGNORECASE)
    if m is None:
        return None
    host = m.group("host").lower()
    segment = (m.group("segment") or "").lower()
    return _city_of_host(host) or (_city_of_labels([segment]) if re.fullmatch(r"[a-z\-]{4,}", segment) else None)


def _city_of_host(host: str) -> City | None:
    return _city_of_labels(host.lower().split(".")[:-1])  # the top-level domain names no place


def _city_of_labels(labels: list[str]) -> City | None:
    """The municipality named by a host's labels (the last first) or a path segment."""
    for label in reversed(labels):
        parts = [p for p in label.split("-") if p and p not in _host_noise()]
        for candidate in ("-".join(parts), *parts):
            if len(candidate) < 3:
                continue
            index = _index()
            entry = index.by_slug(candidate) if index is not None and hasattr(index, "by_slug") else None
            if entry is not None and getattr(entry, "country", "DE") == "DE":
                return City(entry.name, entry.slug)
            if len(candidate) >= 4 and "-" not in candidate:
                named = resolve(candidate) or _compact_slug(candidate)  # "laubach-online.de", "schwaebischhall.de"
                if named is not None:
                    return named
    return None


@cache
def _host_noise() -> frozenset[str]:
    return frozenset(language.words("hosts", "noise"))


@cache
def _glued_prefix() -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(language.words('hosts', 'prefix'))})(?=[a-z]{{4}})")


@cache
def _compact_slugs() -> dict[str, City]:
    index = _index()
    if index is None or not hasattr(index, "__iter__"):
        return {}
    found: dict[str, City] = {}
    for entry in index:
        if getattr(entry, "country", "DE") == "DE":
            found.setdefault(entry.slug.replace("-", ""), City(entry.name, entry.slug))
    return found


def _compact_slug(label: str) -> City | None:
    """A host that writes the name without hyphens or glues a prefix on ("schwaebischhall",
    "gemeindekleinmachnow", "sgfintel")."""
    slugs = _compact_slugs()
    return slugs.get(label) or slugs.get(_glued_prefix().sub("", label))


@cache
def _district_before() -> re.Pattern[str]:
    """A district's or a part of the own town's word right before a place (mentions.toml [[district_before]])."""
    return re.compile(rf"\b(?:{alternatives(words('mentions', 'district_before'))})[ \t]+$")


_PLACE_PREPOSITION = re.compile(r"\b(?:in|für|aus|(?:Stadt|Gemeinde)gebiet(?:es)?\s+von)\s+$")


def _place_named_after_preposition(text: str) -> tuple[City, int, int] | None:
    """The German municipality of any size most often named after "in", "für" or "aus" ("die Zahl der
    in Bubenreuth nicht versorgten Haushalte", "Open Data für Troisdorf"): small towns are not
    taken from bare names, where they are as often surnames or words."""
    index = _index()
    if index is None:
        return None
    return _most_often(
        (entry, s, e)
        for entry, s, e in index.mentions(text, min_population=0)
        if getattr(entry, "country", "DE") == "DE"
        and _PLACE_PREPOSITION.search(text, max(0, s - 24), s)
        and not _compared(text, s)
    )


def _most_often(hits: Iterable[tuple[Any, int, int]]) -> tuple[City, int, int] | None:
    """Of the named cities, the one named most often, the first named among equals."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[City, int, int]] = {}
    for entry, s, e in hits:
        counts[entry.slug] += 1
        first.setdefault(entry.slug, (City(entry.name, entry.slug), s, e))
    if not counts:
        return None
    best = max(counts, key=lambda slug: (counts[slug], -first[slug][1]))
    return first[best]


_COUNTED_TOWN = 5_000
"""The smallest town counted among the cities a text names most often (with a council word): a
town's name of fewer inhabitants is as often a surname or a word."""
_DETERMINER = re.compile(
    r"\b(?:der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines|im|am|zum|zur|vom|beim|ins|diese[mnrs]?|"
    r"jede[mnrs]?|keine[mnrs]?|unsere?[mnrs]?|euer|eure[mnrs]?|ihre?[mnrs]?|seine?[mnrs]?|selbe[mnrs]?)[ \t]+$",
    re.IGNORECASE,
)


def _used_as_a_noun(text: str, name: str, matched_at: int) -> bool:
    """Is a small town's name a word or a person's name in this text: used as a noun anywhere ("an
    dieser Stelle", "ohne euer Wissen", "die Oberbacher Wehr") or part of a name ("Herr Eschenburg",
    "die Stadtvertreter G. Stein")? Where it was matched counts too: "des Bundes" is no genitive of Bunde."""
    return _word_at(text, name, matched_at) or _a_word_anywhere(text, name)


@lru_cache(maxsize=32)
def _a_word_anywhere(text: str, name: str) -> bool:
    """Is the name, printed as a word of its own, anywhere a noun or part of a person's name? Read
    once a text and name, whichever of its mentions asks."""
    pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
    return any(_word_at(text, name, m.start()) for m in re.finditer(pattern, text))


def _word_at(text: str, name: str, at: int) -> bool:
    return bool(
        _DETERMINER.search(text, max(0, at - 12), at)
        or _ADJECTIVE_BEFORE.search(text, max(0, at - 30), at)
        or _in_a_name(text, at, at + len(name))
        or _INITIAL_BEFORE.search(text, max(0, at - 6), at)
    )


_ADJECTIVE_BEFORE = re.compile(rf"\b{TOWN_ADJECTIVE}[ \t]+$")
_JOINED_AFTER = re.compile(r"-[A-ZÄÖÜ]")
_INITIAL_BEFORE = re.compile(r"\b[A-ZÄÖÜ][a-z]?\.[ \t]*$")


def _most_named_german_city(text: str, printed: str) -> tuple[City, int, int] | None:
    """The German city named most often in `text` (`printed`: the same text with its capitals as
    printed, where an organisation's initials are still initials)."""
    index = _index()
    if index is None:
        return None
    return _most_often(
        (entry, s, e)
        for entry, s, e in index.mentions(text, min_population=_COUNTED_TOWN)
        if getattr(entry, "country", "DE") == "DE"
        and not (entry.population < MENTION_MIN_POPULATION and _used_as_a_noun(text, entry.name, s))
        and (entry.is_mentionable or entry.is_municipality)  # "neue Mitte": no quarter of a city-state
        and not _JOINED_AFTER.match(text, e)  # "Schleswig-Holstein": a state's name, not the town's
        and not _compared(text, s)
        # "des Landkreises Freising": the district, not its town; "IK-T Regensburg": a firm's
        and not _district_before().search(text, max(0, s - 16), s)
        and not _INITIALS_BEFORE.search(printed, max(0, s - 12), s)
        and not _ADJECTIVE_AFTER_ARTICLE.search(text, max(0, s - 30), s)
    )


# "beim Sommerfest der neuen Mitte", "eine neue Halle": an article and an adjective make the word a noun,
# not a place's name
_ADJECTIVE_AFTER_ARTICLE = re.compile(
    r"\b(?:der|die|das|dem|den|des|ein|eine|einer|einem|einen|eines)[ \t]+[„\"»]?[a-zäöüß]+(?:e|en|er|es|em)[ \t]+$"
)
