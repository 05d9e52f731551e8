"""Which digital-rights principles a text invokes, each with the sentence that shows it.

The detector's words are the `skos:prefLabel`, `skos:altLabel` and
`skos:hiddenLabel` of `ontology/principles.ttl`; nothing here lists them.
Matching is whole-word (German inflection endings allowed), case-insensitive,
sees gender forms as their base word ("Einwohner*innenschaft" as
"Einwohnerschaft", "BürgerInnen" as "Bürger", markdown escapes ignored) and
skips boilerplate lines (mail headers, addresses, footers). A text that
invokes the declaration of the Cities Coalition for Digital Rights or its
principles as a whole invokes each of the coalition's top principles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from councilgraph.namespaces import CG, PRINCIPLE_IRI
from ingest import language
from ingest.first_chars import scanning
from ingest.genres.concepts import data_dir
from ingest.language import lexicon
from ingest.language.lexicon import alternatives
from ingest.records import PrincipleMention
from ingest.text import Folded, line_bounds, sentence_bounds

_PLACEHOLDER_BASE = "https://placeholder.invalid/"
_INFLECTION = r"(?:e|en|em|er|es|n|s)?"

COALITION = re.compile(
    r"Cities\s+(?:Coalition\s+)?for\s+Digital\s+Rights|Städtekoalition|Städte-Koalition|"
    r"Koalition\s+(?:der\s+Städte\s+)?für\s+digitale\s+(?:Rechte|Grundrechte)",
    re.IGNORECASE,
)
_AS_A_WHOLE = re.compile(
    r"\b(?:Prinzipien|Grundsätze|Ziele|Deklaration|Declaration|Erklärung|principles)\b",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"@|https?://|www\.|^\s*(?:Von|An|Cc|Gesendet|Betreff|Telefon|Telefax|Fax|Tel|E-?Mail|AZ)\b[.:]?"
    r"|\b\d{5}\s+[A-ZÄÖÜ]\w+|\bZi\.\s*\d|Sachbearbeitung",
    re.IGNORECASE,
)


# the same without the tests that only hold at the start of a line
_BOILERPLATE_INLINE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)


@dataclass(frozen=True)
class PrincipleLabel:
    slug: str
    label: str
    pattern: re.Pattern[str]
    needle: str  # a word every match contains (lower case): a cheap test before the pattern runs


@dataclass(frozen=True)
class PrincipleVocabulary:
    labels: tuple[PrincipleLabel, ...]
    top: tuple[str, ...]  # slugs of the coalition's principles, by notation
    # lower-cased first word → labels, longest first
    by_first_word: dict[str, tuple[PrincipleLabel, ...]]
    # every first word with every inflection ending: one cheap test per token
    start_words: frozenset[str]
    # lower-cased one-word labels long enough to stand as the first part of a German compound
    # ("Breitband" in "Breitbandförderprogramm", "Transparenz" in "Transparenzsatzung")
    compound_heads: dict[str, PrincipleLabel] = field(default_factory=dict)
    longest_head: int = 0
    # what `_candidates` and `_compound_head` gave for a word, kept: a text's words repeat
    known_candidates: dict[str, tuple[PrincipleLabel, ...]] = field(default_factory=dict, compare=False)
    known_heads: dict[str, PrincipleLabel | None] = field(default_factory=dict, compare=False)


_TOKEN = re.compile(r"[\wäöüÄÖÜß]+")
_ENDINGS = ("", "e", "n", "s", "en", "em", "er", "es")


def _first_word(label: str) -> str:
    m = _TOKEN.search(label)
    return m.group(0).lower() if m else ""


def _slug(concept: URIRef) -> str | None:
    iri = str(concept)
    if not iri.startswith(PRINCIPLE_IRI):
        return None
    return iri[len(PRINCIPLE_IRI) :].strip("/")


def needle(label: str) -> str:
    """The longest word of a label, lower-cased: any text that matches the label contains it."""
    return max(re.split(r"[\s\-]+", label.strip().lower()), key=len)


def _pattern(label: str) -> re.Pattern[str]:
    words = [w for w in re.split(r"[\s\-]+", label.strip()) if w]
    body = r"[\s\-]*".join(re.escape(w) + (_INFLECTION if w.isalpha() and len(w) >= 4 else "") for w in words)
    return re.compile(rf"(?<![\wäöüÄÖÜß]){body}(?![\wäöüÄÖÜß])", re.IGNORECASE)


@cache
def vocabulary() -> PrincipleVocabulary:
    """The principle labels of `ontology/principles.ttl` (empty when the file is missing)."""
    folder = data_dir("ontology")
    path = folder / "principles.ttl" if folder else None
    if path is None or not path.is_file():
        return PrincipleVocabulary((), (), {}, frozenset())
    graph = Graph().parse(path, format="turtle", publicID=_PLACEHOLDER_BASE)
    labels: list[PrincipleLabel] = []
    notations: dict[str, str] = {}
    for concept in set(graph.subjects(RDF.type, CG.Principle)) | set(graph.subjects(RDF.type, SKOS.Concept)):
        if not isinstance(concept, URIRef):
            continue
        slug = _slug(concept)
        if slug is None:
            continue
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(concept, prop):
                text = str(label).strip()
                if len(text) >= 3:
                    labels.append(PrincipleLabel(slug, text, _pattern(text), needle(text)))
        notation = graph.value(concept, SKOS.notation)
        if notation is not None and graph.value(concept, SKOS.broader) is None:
            notations[slug] = str(notation)
    labels.sort(key=lambda lab: (-len(lab.label), lab.slug, lab.label))
    top = tuple(sorted(notations, key=lambda s: (notations[s].zfill(4), s)))
    index: dict[str, list[PrincipleLabel]] = {}
    for entry in labels:
        index.setdefault(_first_word(entry.label), []).append(entry)
    starts = frozenset(word + ending for word in index for ending in _ENDINGS)
    groups = {word: tuple(group) for word, group in index.items()}
    heads = {lab.label.lower(): lab for lab in labels if lab.label.isalpha() and len(lab.label) >= COMPOUND_HEAD_MIN}
    return PrincipleVocabulary(tuple(labels), top, groups, starts, heads, max(map(len, heads), default=0))


COMPOUND_HEAD_MIN = 8
"""Shorter words begin too many unrelated compounds to be read as a head."""
_COMPOUND_TAIL_MIN = 4


_KNOWN_WORDS_MAX = 100_000
"""Words whose candidates a process keeps; beyond, it starts again (a long run meets many numbers)."""


def _compound_head(vocab: PrincipleVocabulary, word: str) -> PrincipleLabel | None:
    """The longest one-word label that begins the compound `word`, with a tail of its own."""
    known = vocab.known_heads
    if word in known:
        return known[word]
    found = None
    for cut in range(min(len(word) - _COMPOUND_TAIL_MIN, vocab.longest_head), COMPOUND_HEAD_MIN - 1, -1):
        head = vocab.compound_heads.get(word[:cut])
        if head is not None:
            found = head
            break
    if len(known) >= _KNOWN_WORDS_MAX:
        known.clear()
    known[word] = found
    return found


def _candidates(vocab: PrincipleVocabulary, token: str) -> tuple[PrincipleLabel, ...]:
    """Labels whose first word is `token`, with or without an inflection ending."""
    known = vocab.known_candidates.get(token)
    if known is not None:
        return known
    found: list[PrincipleLabel] = []
    for ending in _ENDINGS:
        if ending and not token.endswith(ending):
            continue
        stem = token[: len(token) - len(ending)] if ending else token
        found.extend(vocab.by_first_word.get(stem, ()))
    if len(vocab.known_candidates) >= _KNOWN_WORDS_MAX:
        vocab.known_candidates.clear()
    known = vocab.known_candidates[token] = tuple(sorted(found, key=lambda lab: -len(lab.label)))
    return known


DIGITAL_REACH = 400
"""How far around a principle's word that also names a building's property (mentions.toml
[[digital_only]]) the text must name the digital service it is asked for: the paper's subject is
often said a sentence or two before ("Mängelmelder-App … Datenschutz und Barrierefreiheit")."""
BOILERPLATE_REACH = 60
"""In a long line (a page flattened into one line), how far around a hit the boilerplate test looks."""


def _is_boilerplate(text: str, pos: int) -> bool:
    start, end = line_bounds(text, pos)
    if end - start > 4 * BOILERPLATE_REACH:
        start, end = max(start, pos - BOILERPLATE_REACH), min(end, pos + BOILERPLATE_REACH)
        return bool(_BOILERPLATE_INLINE.search(text, start, end))
    return bool(_BOILERPLATE_LINE.search(text, start, end)) or lexicon.is_chrome(text[start:end])


@cache
def _context_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = alternatives(language.words("mentions", "name", "before"))
    limits = alternatives(language.words("mentions", "limit", "before"))
    inside = alternatives(language.words("mentions", "name", "inside"))
    return (
        re.compile(rf"(?<![\wäöüß])(?:{names})(?![\wäöüß])[^.;:!?\n]{{0,60}}$"),
        re.compile(rf"(?<![\wäöüß])(?:{limits})\s+(?:[\wäöüß]+\s+)?$"),
        re.compile(rf"[\wäöüß]*?(?:{inside})(?![\wäöüß])", re.IGNORECASE),
    )


@cache
def _internal_patterns() -> dict[str, re.Pattern[str]]:
    """Principle slug → the words that make a sentence's access the council's own, or its participation
    the one a planning law prescribes (mentions.toml [[internal]], [[statutory]])."""
    return _words_by_principle("internal", "statutory")


@cache
def _digital_only_patterns() -> dict[str, re.Pattern[str]]:
    """Principle slug → the words of a digital service that must stand near its word (mentions.toml
    [[digital_only]], `DIGITAL_REACH`)."""
    return _words_by_principle("digital_only")


def _words_by_principle(*tables: str) -> dict[str, re.Pattern[str]]:
    """Principle slug → one pattern of the `words` that the entries of mentions.toml's `tables` list for it."""
    found: dict[str, list[str]] = {}
    for table in tables:
        for entry in language.entries("mentions", table):
            found.setdefault(str(entry["principle"]), []).extend(entry["words"])
    return {
        slug: re.compile(rf"(?<![\wäöüß])(?:{alternatives(tuple(words))})(?![\wäöüß])", re.IGNORECASE)
        for slug, words in found.items()
    }


def _named_or_limited(text: str, start: int, end: int) -> bool:
    """Is the principle's word at `start` part of a name ("Ausschuss für … Bürgerbeteiligung",
    "Datenschutzbeauftragter") or a limit the paper observes ("aus Gründen des Datenschutzes")?
    See ingest/language/mentions.toml."""
    name, limit, inside = _context_patterns()
    before = text[max(0, start - 80) : start]
    in_office = inside.match(text, end) or inside.fullmatch(text, start, end)
    return bool(name.search(before) or limit.search(before) or in_office)


def detect(text: str, start: int = 0, end: int | None = None) -> list[PrincipleMention]:
    """One mention per principle found in `text[start:end]`, at its first convincing hit."""
    stop = len(text) if end is None else end
    vocab = vocabulary()
    found: dict[str, PrincipleMention] = {}
    blocked: set[str] = set()
    starts = vocab.start_words
    view = Folded(text, start, stop)
    def hit(label: PrincipleLabel, begin: int, finish: int) -> None:
        hit_start, hit_end = view.span(begin, finish)
        if _is_boilerplate(text, hit_start) or _named_or_limited(text, hit_start, hit_end):
            return
        digital = _digital_only_patterns().get(label.slug)
        around = (max(start, hit_start - DIGITAL_REACH), min(stop, hit_end + DIGITAL_REACH))
        if digital is not None and not digital.search(text, *around):
            return  # "der barrierefreie Ausbau der Haltestelle": a building's access, not a digital service's
        s, e = sentence_bounds(text, hit_start, start, stop)
        if s > hit_start or e < hit_end:
            s, e = min(s, hit_start), max(e, hit_end)
        internal = _internal_patterns().get(label.slug)
        if internal is not None and internal.search(text, s, e):
            blocked.add(label.slug)  # "WLAN für Ratsmitglieder im Rathaus": the council's own access, throughout
            return
        found[label.slug] = PrincipleMention(label.slug, label.label, s, e, hit_start, hit_end)

    for token in _TOKEN.finditer(view.text):
        word = token.group(0).lower()
        if word not in starts:
            head = _compound_head(vocab, word) if len(word) >= COMPOUND_HEAD_MIN + _COMPOUND_TAIL_MIN else None
            if head is not None and head.slug not in found and head.slug not in blocked:
                hit(head, token.start(), token.end())
            continue
        for label in _candidates(vocab, word):
            if label.slug in found or label.slug in blocked:
                continue
            m = label.pattern.match(view.text, token.start())
            if m is not None:
                hit(label, m.start(), m.end())
    if vocab.top:
        for m in scanning(COALITION).finditer(text, start, stop):
            if _is_boilerplate(text, m.start()):
                continue
            s, e = sentence_bounds(text, m.start(), start, stop)
            if _AS_A_WHOLE.search(text, s, e):
                for slug in vocab.top:
                    if slug not in found:
                        found[slug] = PrincipleMention(slug, m.group(0), s, e, m.start(), m.end())
                break
    return sorted(found.values(), key=lambda p: (p.hit_start, p.concept))
