"""The registry of genres, in one place: which genres exist and which one reads a text."""

from __future__ import annotations

from ingest.genres.allris import AllrisPrintout
from ingest.genres.base import Genre
from ingest.genres.beschlussantrag import Beschlussantrag
from ingest.genres.generic import Generic
from ingest.genres.letter import Letter
from ingest.genres.minutes import Minutes
from ingest.genres.position import AdministrationPosition
from ingest.genres.sitzungsvorlage import Sitzungsvorlage

GENRES: tuple[Genre, ...] = (
    AllrisPrintout(),
    Letter(),
    Beschlussantrag(),
    Sitzungsvorlage(),
    Minutes(),
    AdministrationPosition(),
)
GENERIC: Genre = Generic()
THRESHOLD = 0.35  # below this score no specialised genre fits and the generic reader leads


def scores(text: str) -> dict[str, float]:
    """Every genre's detector score for `text`."""
    return {genre.name: genre.detect(text) for genre in GENRES}


def best_genre(text: str) -> tuple[Genre, float]:
    """The best-scoring genre, or the generic reader when none scores above the threshold."""
    ranked = sorted(
        ((genre.detect(text), index, genre) for index, genre in enumerate(GENRES)),
        key=lambda item: (-item[0], item[1]),
    )
    score, _, genre = ranked[0]
    return (genre, score) if score >= THRESHOLD else (GENERIC, score)


def by_name(name: str) -> Genre:
    for genre in (*GENRES, GENERIC):
        if genre.name == name:
            return genre
    raise KeyError(name)
