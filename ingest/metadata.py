"""Sidecar metadata over extracted records: what the user says wins over what was read.

Values from a sidecar carry the span (-1, -1): they come from no place in the text, and the
builder records them as coming from the sidecar instead of quoting the text.
"""

from __future__ import annotations

from typing import TypeVar

from ingest import actors
from ingest.genres import fields
from ingest.language import groups, parties
from ingest.records import ActorMention, Motion, Records, Spanned
from ingest.sidecar import Metadata

T = TypeVar("T")

FROM_SIDECAR = -1
"""The start and end of a value that the sidecar gave."""


def from_sidecar(value: object) -> bool:
    """Whether a spanned value or mention came from the sidecar."""
    return getattr(value, "start", 0) == FROM_SIDECAR


def apply_metadata(records: Records, metadata: Metadata, text_length: int) -> None:
    """Set the main paper's fields the sidecar gives; make the paper if none was recognised."""
    given = metadata.given()
    paper_fields = {"reference", "kind", "date", "title", "submitters"} & set(given)
    if not paper_fields:
        return
    main = records.main
    if main is None:
        main = Motion(start=0, end=text_length)
        records.motions.insert(0, main)
    if metadata.reference:
        main.reference = _spanned(metadata.reference)
    if metadata.kind:
        main.kind = _spanned(metadata.kind)
    if metadata.date:
        main.date = _spanned(metadata.date)
    if metadata.title:
        main.title = _spanned(metadata.title)
    if metadata.submitters:
        main.submitters = [_submitter(name) for name in metadata.submitters]


def _spanned(value: T) -> Spanned[T]:
    return Spanned(value, FROM_SIDECAR, FROM_SIDECAR)


def _submitter(name: str) -> ActorMention:
    """A submitter as the sidecar names it: a faction, an administrative unit, a body or a person."""
    at = FROM_SIDECAR
    if groups.names_group(name) or parties.find(name):
        mention = actors.faction(name, at, at)
        if mention is not None:
            return mention
    if fields.UNIT_WORD.search(name) or fields.OFFICE.fullmatch(name):
        return actors.unit(name, at, at)
    if fields.BODY_WORD.search(name):
        return actors.body(name, at, at)
    return actors.person(name, at, at) or ActorMention("organization", name, name, at, at)
