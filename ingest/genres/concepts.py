"""Printed words → SKOS concepts (stances, roles, outcomes, kinds), read from
`ontology/vocabularies.ttl`.

The labels live in the Turtle file; Python only decides which of several
matching concepts wins. A small fallback keeps extraction usable when the
file is absent (an installation without data files).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from councilgraph import reference
from councilgraph.namespaces import CGKIND, CGOUTCOME, CGROLE, CGSTANCE
from ingest.first_chars import skipping
from ingest.text import label_pattern

SCHEMES = {"stance": CGSTANCE, "role": CGROLE, "outcome": CGOUTCOME, "kind": CGKIND}

# Used only when ontology/vocabularies.ttl cannot be found.
_FALLBACK: dict[str, dict[str, tuple[str, ...]]] = {
    "stance": {
        "support": (
            "begrüßt",
            "unterstützt",
            "befürwortet",
            "zeichnet mit",
            "stimmen zu",
            "stimmt zu",
        ),
        "conditional-support": ("unter der Bedingung", "unter der Voraussetzung"),
        "no-objection": (
            "keine Einwände",
            "keine Einwendungen",
            "Einverständnis",
            "keine Bedenken",
        ),
        "nothing-to-report": ("Fehlanzeige", "keine Stellungnahme erforderlich"),
        "rejection": ("abzulehnen", "lehnt ab", "Ablehnung"),
        "referral": ("verweist", "Verweisung"),
        "acknowledgement": ("zur Kenntnis", "nehmen zur Kenntnis"),
    },
    "role": {
        "preliminary": ("Vorberatung", "VB"),
        "decision": ("Entscheidung", "Beschlussfassung"),
        "acknowledgement": ("Kenntnisnahme",),
    },
    "outcome": {
        "adopted": ("beschlossen", "angenommen", "zugestimmt"),
        "adopted-with-changes": ("mit Änderungen beschlossen", "geändert beschlossen"),
        "rejected": ("abgelehnt",),
        "referred": ("verwiesen",),
        "noted": ("zur Kenntnis genommen", "Kenntnisnahme"),
        "settled": ("erledigt",),
        "postponed": ("vertagt", "zurückgestellt"),
        "withdrawn": ("zurückgezogen",),
    },
    "kind": {
        "motion": ("Antrag",),
        "amendment": ("Änderungsantrag",),
        "inquiry": ("Anfrage",),
        "draft-resolution": ("Beschlussvorlage", "Sitzungsvorlage"),
    },
}


def data_dir(name: str) -> Path | None:
    """`ontology/` from the checkout or the installed package data; None when it is missing."""
    try:
        return reference.data_dir(name)
    except reference.DataFolderMissing:
        return None


@dataclass(frozen=True)
class ConceptHit:
    scheme: str
    slug: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class _Label:
    slug: str
    text: str
    pattern: re.Pattern[str]
    separable: re.Pattern[str] | None  # "zeichnet … mit" with the particle at the clause end
    needle: str  # a word every match contains, lower-cased


_PARTICLES = (" mit", " zu", " ab", " an", " vor", " aus", " zur Kenntnis")


def _separable(label: str) -> re.Pattern[str] | None:
    """Separable verbs put their particle at the clause end: "zeichnet die Vorlage … mit"."""
    words = label.split()
    if len(words) < 2 or not label.endswith(_PARTICLES):
        return None
    first, rest = re.escape(words[0]), r"\s+".join(re.escape(w) for w in words[1:])
    return re.compile(
        rf"(?<![\wäöüß]){first}(?:\s+\S+){{1,30}}?\s+{rest}(?=\s*[\"“”„)]*\s*(?:[.!?;,]|$))",
        re.IGNORECASE,
    )


@cache
def _labels() -> dict[str, tuple[_Label, ...]]:
    by_scheme: dict[str, dict[str, set[str]]] = {}
    folder = data_dir("ontology")
    path = folder / "vocabularies.ttl" if folder else None
    if path is not None and path.is_file():
        graph = Graph().parse(path, format="turtle")
        for scheme, namespace in SCHEMES.items():
            slots: dict[str, set[str]] = {}
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for concept, label in graph.subject_objects(prop):
                    if isinstance(concept, URIRef) and str(concept).startswith(str(namespace)):
                        lang = getattr(label, "language", None)
                        if lang in (None, "de"):
                            slots.setdefault(str(concept)[len(str(namespace)) :], set()).add(str(label))
            if slots:
                by_scheme[scheme] = slots
    for scheme, fallback in _FALLBACK.items():
        if scheme not in by_scheme:
            by_scheme[scheme] = {slug: set(words) for slug, words in fallback.items()}
    return {
        scheme: tuple(
            _Label(
                slug,
                text,
                label_pattern(text),
                _separable(text) if scheme == "stance" else None,
                max(re.split(r"[\s\-]+", text.lower()), key=len),
            )
            for slug, texts in sorted(slots.items())
            for text in sorted(texts)
        )
        for scheme, slots in by_scheme.items()
    }


def find(scheme: str, text: str, start: int = 0, end: int | None = None) -> list[ConceptHit]:
    """Every label of `scheme` found in `text[start:end]`, longest first at each position."""
    return list(_find(scheme, text, start, len(text) if end is None else end))


@lru_cache(maxsize=4096)
def _find(scheme: str, text: str, start: int, stop: int) -> tuple[ConceptHit, ...]:
    """The readers of one document ask for the same span's concepts several times."""
    hits: list[ConceptHit] = []
    for label in _candidates(scheme, text, start, stop):
        for m in label.pattern.finditer(text, start, stop):
            hits.append(ConceptHit(scheme, label.slug, label.text, m.start(), m.end()))
        if label.separable is not None:
            for m in skipping(label.separable).finditer(text, start, stop):
                hits.append(ConceptHit(scheme, label.slug, label.text, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return tuple(hits)


def _candidates(scheme: str, text: str, start: int, stop: int) -> list[_Label]:
    """The labels whose needle (a word every match holds) occurs in `text[start:stop]`, in label order."""
    present = _present_labels(scheme, text)
    if present is None:
        lowered = text[start:stop].lower()
        return [label for label in _labels()[scheme] if label.needle in lowered]
    return [
        label
        for label, offsets in present
        if offsets is None or _occurs_within(offsets, len(label.needle), start, stop)
    ]


@lru_cache(maxsize=8)
def _present_labels(scheme: str, text: str) -> list[tuple[_Label, list[int] | None]] | None:
    """The labels whose needle occurs anywhere in the lowered text, with its offsets (None for an
    empty needle, which occurs everywhere), found once per text and scheme; None where lowering
    does not keep every offset, so that a span must be lowered on its own."""
    lowered = text.lower()
    if len(lowered) != len(text) or "\u03a3" in text:  # a capital sigma lowers by its context
        return None
    offsets: dict[str, list[int] | None] = {}
    present: list[tuple[_Label, list[int] | None]] = []
    for label in _labels()[scheme]:
        needle = label.needle
        if needle not in offsets:
            offsets[needle] = _offsets(lowered, needle) if needle else None
        found = offsets[needle]
        if found is None or found:
            present.append((label, found))
    return present


def _offsets(lowered: str, needle: str) -> list[int]:
    found: list[int] = []
    position = lowered.find(needle)
    while position >= 0:
        found.append(position)
        position = lowered.find(needle, position + 1)
    return found


def _occurs_within(offsets: list[int], length: int, start: int, stop: int) -> bool:
    """Does a needle found at `offsets` (ascending) lie wholly within `start:stop`?"""
    first = bisect_left(offsets, start)
    return first < len(offsets) and offsets[first] + length <= stop


def best(
    scheme: str, text: str, start: int = 0, end: int | None = None, priority: tuple[str, ...] = ()
) -> ConceptHit | None:
    """The winning concept in a span: by `priority` order, else the longest label."""
    hits = find(scheme, text, start, end)
    if not hits:
        return None
    rank = {slug: i for i, slug in enumerate(priority)}
    return min(hits, key=lambda h: (rank.get(h.slug, len(rank)), -(h.end - h.start), h.start))


def concept(scheme: str, slug: str) -> URIRef:
    return SCHEMES[scheme][slug]
