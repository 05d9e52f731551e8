"""Actors: canonical names for persons, factions, bodies and units, and one resource per real actor.

Printed forms vary ("DIE LINKE." / "Fraktion DIE LINKE im Stadtrat Halle (Saale)",
"Dr. Bernd Wiegand" / "Oberbürgermeister Wiegand", a committee's fields in
another order); `ActorResolver` folds them by a normalised key into one
`Actor` per document and city, keeping the other printed forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from councilgraph.uris import slugify
from ingest import language
from ingest.dates import MONTHS
from ingest.language import groups, lexicon, parties
from ingest.records import ActorMention, Spanned
from ingest.text import clean

_UPPER = "A-ZÄÖÜÇŞĞÉÁ"
NAME_WORD = rf"[{_UPPER}][^\W\d_]+(?:-[{_UPPER}][^\W\d_]+)?"
NAME_PARTICLE = r"(?:von der|van der|van den|von|vom|van|de|zu)"
"""The particles inside a surname ("Ursula von der Leyen", "Jürgen van der Horst")."""
PROSE_NAME_PARTICLE = r"(?:von der|van der|van den|von|van)"
"""The particles read between a given name and a surname in running text: not "de", "zu" or "vom",
which after a given name more often begin the sentence's next words ("Hans zu Hause")."""
PERSON_NAME = rf"{NAME_WORD}(?:\s+{NAME_PARTICLE}\s+{NAME_WORD}|\s+{NAME_WORD}){{0,2}}"
ACADEMIC = r"(?:Prof\.|Dr\.(?:\s?(?:rer|phil|med|jur|ing)\.(?:\s?nat\.)?)?|Dipl\.-[\w]+\.?)"
ADDRESS = r"(?:Herrn?|Frau)"
_TITLE_PREFIX = re.compile(rf"^(?:(?:{ACADEMIC}|{ADDRESS})\s*)+")
_ACADEMIC_ONLY = re.compile(rf"(?:{ACADEMIC}\s*)+")

# Words that look like names in signature lines but are not.
NOT_A_NAME = frozenset(language.words("names", "not_a_name")) | frozenset(language.words("names", "opener"))
"""Capitalised words that are never part of a person's name (`ingest/language/names.toml`)."""
_OPENER = re.compile(rf"(?:{'|'.join(map(re.escape, language.words('names', 'opener')))})[ \t]+(?=[A-ZÄÖÜ])")

_FACTION_TAIL = re.compile(
    r"\s*(?:,\s*)?\b(?:im|in\s+der|in\s+dem|der|des)\s+"
    r"(?:Stadtrat|Rat|Gemeinderat|Stadtverordnetenversammlung|Bezirksvertretung|Kreistag|Rates|Stadtrates)"
    r"\b.*$",
    re.IGNORECASE,
)


@dataclass
class Actor:
    """One real actor within a document's city, with every printed form."""

    kind: str
    name: str
    key: str
    slug: str
    printed: list[str] = field(default_factory=list)
    honorific: str | None = None
    positions: list[Spanned[str]] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)  # keys of other actors
    party: str | None = None
    mentions: list[ActorMention] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name

    @property
    def alt_labels(self) -> list[str]:
        seen = {self.label}
        out: list[str] = []
        for form in self.printed:
            if form not in seen:
                seen.add(form)
                out.append(form)
        return out


def split_person(printed: str) -> tuple[str, str | None]:
    """("Dr. Bodo Meerheim") → ("Bodo Meerheim", "Dr."); forms of address are dropped."""
    text = clean(printed)
    m = _TITLE_PREFIX.match(text)
    if not m:
        return text, None
    academic = " ".join(a.strip() for a in _ACADEMIC_ONLY.findall(m.group(0))) or None
    return text[m.end() :].strip(), academic


def looks_like_person(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 4:
        return False
    return all(
        w in {"von", "vom", "van", "de", "zu", "der"}
        or (w == "den" and index > 0 and words[index - 1] == "van")  # "Jan van den Berg"
        or (w[:1].isupper() and w not in NOT_A_NAME and w[1:].replace("-", "").isalpha() and not w.isupper())
        or (index < len(words) - 1 and _INITIAL.fullmatch(w) is not None)  # "M. Kühnl-Mossner"
        for index, w in enumerate(words)
    )


_INITIAL = re.compile(r"[A-ZÄÖÜ]\.")


_NOUN_ENDING = re.compile(r"(?:heit|keit|schaft|tion|tät|ismus|ierung|[a-zäöüß]{6}ung|ungen)$")


def reads_as_noun(word: str) -> bool:
    """A word with an ending that makes German nouns and hardly any surname ("Entlastung",
    "Position", "Gelegenheit")."""
    return _NOUN_ENDING.search(word) is not None


_ACRONYM_PART = re.compile(r"(?:^|-)[A-ZÄÖÜ]{3,}(?:-|$)")


def reads_as_name(line: str) -> bool:
    """A line that is a person's name and nothing else ("Dr. Kurt Duwe"): capitalised words, none
    of them an abstract noun ("Ausstattung von Schulen") or an acronym compound ("WLAN-Versorgung")."""
    name, _ = split_person(line)
    return looks_like_person(name) and not any(reads_as_noun(w) or _ACRONYM_PART.search(w) for w in name.split())


def person(printed: str, start: int, end: int, position: Spanned[str] | None = None) -> ActorMention | None:
    opener = _OPENER.match(printed)  # "Für Elke Staubach, CDU-Fraktionsvorsitzende, unverständlich"
    if opener is not None and len(printed[opener.end() :].split()) >= 2:  # "Die Linke" stays no person
        printed, start = printed[opener.end() :], start + opener.end()
    body = _FROM_ORGANISATION.search(printed)  # "Beyer vom Aktionsbündnis Jüterbog": not "Uwe vom Hagen"
    if body is not None:
        printed, end = printed[: body.start()], end - (len(printed) - body.start())
    tail = _TRAILING_PARTICLES.search(printed)  # "Ipsen von der", "Mönkemeier zu Wort"; not "von der Leyen"
    if tail is not None and (tail.group("word") is None or tail.group("word") in NOT_A_NAME):
        printed, end = printed[: tail.start()], end - (len(printed) - tail.start())
    office = _office_opening(printed)
    if office is not None:  # "Ratsvorsitzender Daether", "Ortsbürgermeisters Matthias Rönneberg"
        printed_office, nominative = office
        cut = printed.index(printed_office) + len(printed_office)
        position = position or Spanned(nominative, start, start + cut)
        cut += len(printed[cut:]) - len(printed[cut:].lstrip())
        printed, start = printed[cut:], start + cut
    name, honorific = split_person(printed)
    leading = _word_before_given_name(name)
    if leading is not None:  # "Amtsinhaber Frank Stiller", "Montagnacht Rudolf Hirz": a noun before the name
        cut = printed.find(name.split()[1])
        name, printed, start = name[len(leading) :].lstrip(), printed[cut:], start + cut
    if not looks_like_person(name) or groups.names_group(name):  # "Fünf Fraktionen"
        return None
    if name.startswith("der ") or any(reads_as_noun(w) for w in name.split()[:-1]):
        return None  # "der Fluglärmkommission", "Pfarreiengemeinschaft Heilig Geist": a body or a group, no person
    if _ORGANISATION_WORD.fullmatch(name.split()[0]):
        return None  # "Arbeitskreis Trinkwasserbrunnen", "Förderverein Schwimmbad": an organisation, no person
    surname = name.split()[-1]
    if "-" in surname and surname.rsplit("-", 1)[1].lower().endswith(_PLACE_ENDINGS):
        return None  # "Willi Brandt-Platz": a place named after a person; not "Hans-Michael Platz"
    return ActorMention("person", name, clean(printed), start, end, honorific=honorific, position=position)


_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _word_before_given_name(name: str) -> str | None:
    """The first word of a name of three words or more where it is a plain capitalised word, no
    given name, and a given name follows it ("Amtsinhaber Frank Stiller", "Denn Egbert Schäpker"):
    the word the text printed before the person's name. An abbreviation or a label ("Stadtv.",
    "Text:") is left to the readers of offices and bylines."""
    words = name.split()
    if len(words) < 3 or not words[0][:1].isupper() or not _PLAIN_WORD.fullmatch(words[0]):
        return None
    if is_given_name(words[0]) or not is_given_name(words[1]) or words[0].lower() in _SURNAME_PARTICLES:
        return None
    return words[0]


_SURNAME_PARTICLES = frozenset({"von", "van", "de", "zu", "vom", "ten", "ter"})


_GIVEN_NAMES_FILE = Path(__file__).resolve().parent / "data" / "given-names.txt"


@cache
def _given_names() -> frozenset[str]:
    """The given names of ingest/data/given-names.txt that are not also words (names.toml)."""
    listed = _GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(n for n in listed if n and not n.startswith("#")) - frozenset(language.words("names", "not_given"))


def is_given_name(word: str) -> bool:
    """A known given name, or a double one ("Hans-Georg") of known parts."""
    given = _given_names()
    return all(part in given for part in word.split("-"))


_PLACE_ENDINGS = tuple(language.words("names", "place_named_after", "endings"))


def _office_opening(printed: str) -> tuple[str, str] | None:
    """A title of office that opens a printed name of two words or more, nominative or genitive
    ("Ortsbürgermeisters Matthias Rönneberg"), or a compound that ends in one (offices.toml
    `endings`: "Ratsvorsitzender Daether", "Ordnungsamtsleiter Marko Burkhardt"): the title as
    printed and in the nominative."""
    words = printed.split()
    if len(words) < 2:
        return None
    first = words[0]
    offices, endings = _offices_and_endings()
    for form in (first, first[:-1]) if first.endswith("s") else (first,):
        if form in offices or (form[:1].isupper() and form.lower().endswith(endings) and form.lower() not in endings):
            return first, form
    return None


@cache
def _offices_and_endings() -> tuple[frozenset[str], tuple[str, ...]]:
    offices = frozenset(w for w in lexicon.office_words(position_only=True) if w[:1].isupper() and not w.endswith("."))
    return offices, lexicon.office_endings()


_PARTICLE = r"(?:von|van|de|zu|der|vom|zur)"
# particles that end a name, or that lead to a word no name holds, are the sentence's, not the name's
_TRAILING_PARTICLES = re.compile(rf"(?<=\S)(?:[ \t]+{_PARTICLE})+(?:[ \t]+(?P<word>[A-ZÄÖÜ]\w*))?[ \t]*$")


_ORGANISATION_ENDINGS = "|".join(map(re.escape, language.words("names", "organisation", "endings")))
_FROM_ORGANISATION = re.compile(
    rf"[ \t]+(?:vom|von der|von)[ \t]+(?=(?:[A-ZÄÖÜ][\w\-]*[ \t]+)?[A-ZÄÖÜ][\w\-]*(?i:{_ORGANISATION_ENDINGS})\b)"
)
"""Where a name ends and the organisation its bearer comes from begins (names.toml [[organisation]])."""
_ORGANISATION_WORD = re.compile(rf"[A-ZÄÖÜ][\w\-]*(?i:{_ORGANISATION_ENDINGS})(?:e?s)?")
"""A word that names an organisation, also in the genitive ("Arbeitskreises"): never a given name."""


def party_of(printed: str) -> tuple[str, str]:
    """("Fraktion DIE LINKE. im Rat der Stadt Bochum") → ("Fraktion", "DIE LINKE")."""
    text = clean(printed)
    head = "Fraktion"
    m = groups.opening().match(text)
    if m:
        head = groups.label(m.group("head"))
        text = text[m.end() :]
    text = _FACTION_TAIL.sub("", text)
    closed = groups.closing(at_end=False).search(text)
    if closed is not None:  # "CSU-Stadtratsfraktion", "CDU – Fraktion": the group noun ends the name
        text = text[: closed.start()]
    text = re.sub(r"\s*\((?!Saale|Westf|Oder|Main)[^)]*\)\s*$", "", text)  # trailing "(Fraktion)" notes
    clause = CLAUSE_AFTER_NAME.search(text)
    if clause is not None:  # "Fraktion CDU/Landgemeinden gestimmt": the sentence goes on
        text = text[: clause.start()]
    return head, text.strip(" .,;:-")  # "CDU- und GRÜNEN-Fraktionen": the hyphen stands for the group noun


_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS if len(m) > 3), key=len, reverse=True))
_JOINING = r"(?:und|für|aus|in|im|am|an|von|vom|zu|der|die|des|den|dem)"
CLAUSE_AFTER_NAME = re.compile(rf"[ \t]+(?!{_JOINING}[ \t]+(?!(?:{_MONTH})\b)[A-ZÄÖÜ])[a-zäöüß]")
"""Where a group's name ends and the sentence goes on: a word in lower case that joins no name
("Fraktion CDU/Landgemeinden gestimmt"; "Bürger für Rudolstadt", "Wir in Hamm" join theirs), or a
date after it ("die CDU im Juni 2020")."""


def faction(printed: str, start: int, end: int) -> ActorMention | None:
    head, party = party_of(printed)
    if not party or len(party) > 60 or party.split()[0] in groups.not_a_name() or not _may_name_a_group(party):
        return None
    return ActorMention("faction", f"{head} {party}", clean(printed), start, end, party=party)


def _may_name_a_group(party: str) -> bool:
    """No group is named by a question ("Tagesordnung? Die CDU"), a body ("Verwaltungsausschuss
    2014", bodies.toml), a word made of a group noun ("Fraktionsmitgliedern", "Mehrheitsfraktionen";
    not "Linksfraktion") or a member with an office ("Grünen-Ratsherr Hans-Otto Meyer-Ott", "Herr
    Jürgen Schmitz")."""
    if "?" in party or "!" in party:
        return False
    body_endings = _body_endings()
    for word in re.findall(r"[^\W\d_]+", party):
        lowered = word.lower()
        if (lowered.startswith("fraktion") and lowered != "fraktion") or lowered.endswith("fraktionen"):
            return False
        if lexicon.is_office_word(word) or lowered.endswith(body_endings):
            return False
    return True


@cache
def _body_endings() -> tuple[str, ...]:
    """The words of councils and committees (bodies.toml) as a compound's head, declined too; the
    short ones ("Rat", "BVV") only stand alone and end many words that are no body ("Heirat")."""
    names = {w.lower() for w in (*language.words("bodies", "council"), *language.words("bodies", "committee"))}
    return tuple(name + ending for name in names if len(name) > 4 and " " not in name for ending in ("", "s", "es"))


_GENITIVE_BODY = [
    (re.compile(r"(.*[Rr]at)e?s"), r"\1"),
    (re.compile(r"(.*[Aa]usschuss)es"), r"\1"),
    (re.compile(r"(.*[Tt]ag)e?s"), r"\1"),
    (re.compile(r"(.*[Ss]enat)e?s"), r"\1"),
]
_LEADING_ARTICLE = re.compile(r"^(?:der|die|das|des|dem|den|im|in der|im)\s+", re.IGNORECASE)


def body_name(printed: str) -> str:
    """Nominative canonical name of a council body ("des IT-Ausschusses" → "IT-Ausschuss").

    Only the head word is declined: "Vollversammlung des Stadtrates" keeps its genitive.
    """
    text = _LEADING_ARTICLE.sub("", clean(printed))
    words = text.split(" ")
    for index, word in enumerate(words):
        if word in {"des", "der", "für"}:
            break  # "Vollversammlung des Stadtrates": only the head word is declined
        for pattern, repl in _GENITIVE_BODY:
            if pattern.fullmatch(word):
                words[index] = pattern.sub(repl, word)  # "Haupt- und Finanzausschusses"
                return " ".join(words).strip()
    return text.strip()


def body_key(name: str) -> str:
    """Order-free key: the same committee with its fields in another order has the same key."""
    words = re.findall(r"[^\W_]+", name.lower())
    stop = {"und", "für", "der", "die", "das", "des", "den", "dem", "sowie"}
    head = words[0] if words else ""
    return head + ":" + " ".join(sorted(w for w in words[1:] if w not in stop))


def body_slug_name(name: str) -> str:
    """Name whose slug is stable under reordering of an enumeration ("für A, B und C")."""
    m = re.match(r"^(?P<head>.*?\bfür)\s+(?P<items>.+)$", name)
    if not m or ("," not in m.group("items") and " und " not in m.group("items")):
        return name
    items = [i.strip() for i in re.split(r",\s*|\s+und\s+", m.group("items")) if i.strip()]
    items.sort(key=lambda s: slugify(s))
    return f"{m.group('head')} {', '.join(items[:-1])} und {items[-1]}" if len(items) > 1 else name


def body(printed: str, start: int, end: int) -> ActorMention:
    return ActorMention("body", body_name(printed), clean(printed), start, end)


_UNIT_GENITIVE = re.compile(r"\b(Geschäftsbereich|Dezernat|Büro|Referat|Amt)\s+des\s+(\w+?)s\b")
_UNIT_HEAD_GENITIVE = re.compile(r"^(Bezirksamt|Senat|Magistrat|Referat|Dezernat|Amt|Fachbereich)e?s\b")


def unit_name(printed: str) -> str:
    """Canonical name of an administrative unit ("Geschäftsbereich des Oberbürgermeisters")."""
    text = _LEADING_ARTICLE.sub("", clean(printed))
    text = _UNIT_GENITIVE.sub(r"\1 \2", text)
    text = _UNIT_HEAD_GENITIVE.sub(r"\1", text)
    text = re.sub(r"\s*\([A-ZÄÖÜ0-9\-]{2,}\)\s*$", "", text)  # trailing abbreviation "(KVR)"
    text = re.sub(r"([Rr]eferat)e?s\b", r"\1", text)
    return text.strip(" ,.")


_UNIT_STOP = frozenset({"fuer", "der", "des", "die", "das", "und", "dem", "den"})


def unit_key(name: str) -> str:
    """The same unit printed with or without "für"/articles has the same key."""
    return " ".join(w for w in slugify(unit_name(name)).split("-") if w not in _UNIT_STOP)


def unit(printed: str, start: int, end: int, kind: str = "unit") -> ActorMention:
    return ActorMention(kind, unit_name(printed), clean(printed), start, end)


def _key(mention: ActorMention) -> str:
    if mention.kind == "body":
        return "body:" + body_key(mention.name)
    if mention.kind == "faction":
        return "faction:" + slugify(_party_group_name(mention))
    if mention.kind == "unit":
        return "unit:" + unit_key(mention.name)
    return f"{mention.kind}:" + slugify(mention.name)


def _party_group_name(mention: ActorMention) -> str:
    """A group's name with its party as parties.toml spells it, so that the forms one text prints
    for one group are one actor ("Fraktion Sozialdemokraten", "SPD-Fraktion": Fraktion SPD)."""
    printed = mention.party
    party = parties.canonical(printed) if printed else None
    if printed is None or party is None or not mention.name.endswith(printed):
        return mention.name
    return mention.name.removesuffix(printed) + party


class ActorResolver:
    """Folds every mention in one document into one `Actor` per real actor."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}

    def add(self, mention: ActorMention) -> Actor:
        key = self._resolve_key(mention)
        actor = self.actors.get(key)
        if actor is None:
            name = mention.name
            slug_source = body_slug_name(name) if mention.kind == "body" else name
            actor = Actor(mention.kind, name, key, slugify(slug_source))
            self.actors[key] = actor
        elif mention.kind == "person" and len(mention.name.split()) > len(actor.name.split()):
            actor.name = mention.name  # a fuller form of a name first seen as surname only
            actor.slug = slugify(mention.name)
        actor.mentions.append(mention)
        for printed in (mention.printed, *mention.also_printed):
            if printed not in actor.printed:
                actor.printed.append(printed)
        if mention.honorific and not actor.honorific:
            actor.honorific = mention.honorific
        if mention.position and all(p.value != mention.position.value for p in actor.positions):
            actor.positions.append(mention.position)
        if mention.party and not actor.party:
            actor.party = mention.party
        if mention.member_of is not None:
            group = self.add(mention.member_of)
            if group.key not in actor.member_of:
                actor.member_of.append(group.key)
        return actor

    def add_printed_form(self, mention: ActorMention) -> None:
        """Another printed form of an actor already known ("SPD-Stadtratsfraktion" for the Fraktion
        SPD that "Die Trierer SPD beantragt" named): a label of it, no actor of its own."""
        actor = self.actors.get(_key(mention))
        if actor is not None and mention.printed not in actor.printed:
            actor.printed.append(mention.printed)

    def _resolve_key(self, mention: ActorMention) -> str:
        key = _key(mention)
        if key in self.actors or mention.kind != "person":
            return key
        surname = mention.name.split()[-1]
        same_surname = [a for a in self.actors.values() if a.kind == "person" and a.name.split()[-1] == surname]
        if len(same_surname) == 1:
            other = same_surname[0]
            words, other_words = mention.name.split(), other.name.split()
            if len(words) == 1 or len(other_words) == 1:
                if len(words) > len(other_words):
                    # re-key the earlier, shorter form under the full name
                    del self.actors[other.key]
                    other.key = key
                    self.actors[key] = other
                    return key
                return other.key
        return key

    def actor_for(self, mention: ActorMention) -> Actor:
        """The actor a mention was folded into (after all mentions were added)."""
        for actor in self.actors.values():
            if any(m is mention for m in actor.mentions):
                return actor
        return self.add(mention)
