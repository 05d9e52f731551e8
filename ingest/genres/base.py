"""The plug-in base class every document genre implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from ingest.records import Records
from ingest.source import SourceText


class Genre(ABC):
    """One layout of council documents: how to recognise it and how to read it.

    `detect` scores how well a text fits (0 = not at all, 1 = certainly);
    `extract` returns plain records whose every value carries its source span.
    """

    name: ClassVar[str]

    @abstractmethod
    def detect(self, text: str) -> float:
        """How well `text` fits this genre, 0..1."""

    @abstractmethod
    def extract(self, source: SourceText) -> Records:
        """Records for everything this genre recognises in `source`."""

    def __repr__(self) -> str:
        return f"<genre {self.name}>"
