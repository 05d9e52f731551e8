"""What a reader hands to the extractors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceText:
    """The text of one source file, as read.

    `text` is normalised to `\\n` line ends; character offsets used as evidence
    spans (`cg:start`, `cg:end`) index into exactly this string.
    """

    path: Path
    text: str
    media_type: str  # text/plain, text/markdown, application/pdf, text/html, message/rfc822
    encoding: str  # the encoding the bytes were decoded from ("utf-8", "cp1252", "pdf-text-layer", …)
    sha256: str  # hex digest of the file's bytes

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem
