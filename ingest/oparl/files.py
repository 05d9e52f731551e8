"""A paper's files: download (PDF, HTML, text), read with the ingest readers, extract.

A file that cannot be downloaded, read or extracted yields a warning, never an
exception: the paper is stored with what the API says.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from councilgraph.errors import CouncilGraphError
from councilgraph.uris import UriMinter
from ingest.extract import Extraction, extract
from ingest.oparl.client import OParlClient
from ingest.oparl.identity import CityRef, object_key, text_of
from ingest.readers import read_document
from ingest.source import SourceText

SUFFIX_BY_MEDIA_TYPE = {
    "application/pdf": ".pdf",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_READABLE = frozenset(SUFFIX_BY_MEDIA_TYPE.values())


@dataclass
class FileResult:
    file: dict[str, Any]
    source: SourceText | None = None
    extraction: Extraction | None = None
    warning: str | None = None


def file_url(file: dict[str, Any]) -> str | None:
    for name in ("downloadUrl", "accessUrl"):
        url = file.get(name)
        if isinstance(url, str) and url:
            return url
    return None


def suffix_of(file: dict[str, Any], content_type: str = "") -> str | None:
    """The reader suffix for a file: by its media type, else its file name; None when unreadable."""
    for media in (file.get("mimeType"), content_type.split(";")[0].strip()):
        if isinstance(media, str) and media.lower() in SUFFIX_BY_MEDIA_TYPE:
            return SUFFIX_BY_MEDIA_TYPE[media.lower()]
    name = text_of(file.get("fileName")) or ""
    suffix = Path(name).suffix.lower()
    return suffix if suffix in _READABLE else None


def file_stem(city: CityRef, file: dict[str, Any]) -> str:
    """The name a file's document takes: `B/id/document/oparl-{city}-file-{key}`."""
    return f"oparl-{city.slug}-file-{object_key(file['id'])}"


def download(client: OParlClient, city: CityRef, file: dict[str, Any]) -> FileResult:
    """Fetch and read one file (safe to run in a worker thread)."""
    result = FileResult(file)
    url = file_url(file)
    label = _label(file)
    if url is None:
        result.warning = f"file {label}: no accessUrl or downloadUrl; its text is left out"
        return result
    declared = suffix_of(file)
    if declared is None and file.get("mimeType"):
        result.warning = f"file {label}: {file.get('mimeType')} cannot be read (PDF, HTML or text only); left out"
        return result
    try:
        fetched = client.get_file(url)
        suffix = suffix_of(file, fetched.content_type) or ".txt"
        with tempfile.TemporaryDirectory(prefix="councilgraph-oparl-") as folder:
            path = Path(folder) / f"{file_stem(city, file)}{suffix}"
            path.write_bytes(fetched.body)
            source = read_document(path, max_bytes=client.settings.max_file_bytes)
        result.source = replace(source, path=Path(path.name))
    except CouncilGraphError as error:
        result.warning = f"file {label}: {error}"
    return result


def extract_text(result: FileResult, minter: UriMinter, city: CityRef) -> None:
    """Run the extraction on a file's text; a failure becomes the result's warning."""
    if result.source is None:
        return
    try:
        result.extraction = extract(result.source, minter, city.name if city.resolved else None)
    except CouncilGraphError as error:
        result.warning = f"file {_label(result.file)}: {error}"
    except Exception as error:  # noqa: BLE001 - one file's extraction must never stop a harvest
        result.warning = f"file {_label(result.file)}: the extraction failed ({type(error).__name__}: {error})"


def _label(file: dict[str, Any]) -> str:
    return text_of(file.get("fileName")) or text_of(file.get("name")) or str(file.get("id", "file"))
