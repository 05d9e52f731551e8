"""Plain records that genre extractors return; the builder turns them into RDF.

Every value carries the span (start, end) of the text it was read from, as
offsets into `SourceText.text`, so that the graph can quote its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")

ACTOR_KINDS = ("person", "faction", "body", "unit", "organization")
MOTION_KINDS = ("motion", "amendment", "inquiry", "draft-resolution")


@dataclass(frozen=True)
class Spanned(Generic[T]):
    """A value and the span of `text` that shows it."""

    value: T
    start: int
    end: int


@dataclass
class ActorMention:
    """One printed mention of a person, faction, body, unit or organisation."""

    kind: str  # one of ACTOR_KINDS
    name: str  # canonical name: persons without titles, factions as "Fraktion X"
    printed: str  # the form as printed, without markup
    start: int
    end: int
    honorific: str | None = None  # "Dr.", "Prof. Dr."
    position: Spanned[str] | None = None  # office or role as printed
    member_of: ActorMention | None = None
    party: str | None = None  # factions only
    also_printed: tuple[str, ...] = ()  # other words the text names the same actor with ("Rat", "Stadtrat")


@dataclass
class CityMention:
    """A city named in the text (`name` as printed)."""

    name: str
    start: int
    end: int


@dataclass
class PrincipleMention:
    """A principle a motion invokes: the concept, the words that show it, the sentence."""

    concept: str  # slug of the principle concept (`https://w3id.org/councilgraph/principle/{slug}`)
    label: str  # the label that matched, or the coalition phrase
    start: int  # the quoted sentence
    end: int
    hit_start: int
    hit_end: int


@dataclass
class Consultation:
    """One step of the Beratungsfolge or one agenda item of a session."""

    body: ActorMention | None
    start: int  # the line or sentence that shows the consultation
    end: int
    date: Spanned[date] | None = None
    role: Spanned[str] | None = None  # role concept slug: preliminary, decision, acknowledgement
    public: Spanned[bool] | None = None
    agenda_item: Spanned[str] | None = None
    result: Spanned[str] | None = None  # outcome slug; span = the outcome as printed
    votes_for: Spanned[int] | None = None
    votes_against: Spanned[int] | None = None
    abstentions: Spanned[int] | None = None
    in_sequence: bool = False  # listed in the Beratungsfolge (numbered first)


@dataclass
class Motion:
    """A council paper: the document's own, or one it cites, amends or answers."""

    start: int  # the region of the text that belongs to this paper
    end: int
    cited: bool = False
    kind: Spanned[str] | None = None  # MOTION_KINDS slug; span = the word that shows it
    reference: Spanned[str] | None = None
    title: Spanned[str] | None = None
    date: Spanned[date] | None = None
    submitters: list[ActorMention] = field(default_factory=list)
    signatories: list[ActorMention] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)
    amends: list[Motion] = field(default_factory=list)
    refers_to: list[Motion] = field(default_factory=list)
    resolution_text: Spanned[str] | None = None
    justification_text: Spanned[str] | None = None
    principles: list[PrincipleMention] = field(default_factory=list)
    mentions: list[ActorMention] = field(default_factory=list)
    cities: list[CityMention] = field(default_factory=list)
    shown_by: Spanned[str] | None = None  # why the text holds this paper (`--explain`); span = what shows it

    def same_paper(self, reference: str) -> bool:
        return self.reference is not None and _ref_key(self.reference.value) == _ref_key(reference)


@dataclass
class Statement:
    """A position taken on one or more motions."""

    start: int
    end: int
    about: list[Motion] = field(default_factory=list)
    author: ActorMention | None = None
    signatories: list[ActorMention] = field(default_factory=list)
    date: Spanned[date] | None = None
    stance: Spanned[str] | None = None  # stance slug; span = the stance sentence
    identifier: Spanned[str] | None = None
    mentions: list[ActorMention] = field(default_factory=list)


@dataclass
class Records:
    """Everything one extractor found in one document."""

    genre: str
    motions: list[Motion] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    city: CityMention | None = None
    named: list[ActorMention] = field(default_factory=list)  # actors named but tied to no paper
    warnings: list[str] = field(default_factory=list)

    @property
    def main(self) -> Motion | None:
        """The document's own paper: the first motion that is not only cited."""
        return next((m for m in self.motions if not m.cited), None)

    def paper(self, reference: str) -> Motion | None:
        return next((m for m in self.motions if m.same_paper(reference)), None)


def _ref_key(reference: str) -> str:
    return "".join(ch for ch in reference.lower() if ch.isalnum())
