"""Metadata the user already has about a file: a `NAME.meta.toml` beside it, or a folder's
`manifest.csv`.

```toml
# antrag-17.pdf.meta.toml or antrag-17.meta.toml
reference = "VII/2021/03290"
kind = "motion"            # motion | amendment | inquiry | draft-resolution
date = 2021-11-03
city = "Halle (Saale)"
title = "Beitritt zur Cities Coalition for Digital Rights"
submitters = ["Fraktion DIE LINKE"]
source_url = "https://buergerinfo.halle.de/vo0050.asp?__kvonr=12345"
```

`manifest.csv` has a header row with `file` and any of the same columns (submitters separated
by `;`). Sidecar values win over extraction; the graph marks them as coming from the sidecar.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from councilgraph.errors import ExtractionError
from ingest.records import MOTION_KINDS

MANIFEST_NAME = "manifest.csv"
SIDECAR_SUFFIX = ".meta.toml"
KEYS = ("reference", "kind", "date", "city", "title", "submitters", "source_url")


@dataclass(frozen=True)
class Metadata:
    """What a sidecar says about one file; `origin` names where it was read ("x.meta.toml")."""

    origin: str = ""
    reference: str | None = None
    kind: str | None = None
    date: date | None = None
    city: str | None = None
    title: str | None = None
    submitters: tuple[str, ...] = field(default_factory=tuple)
    source_url: str | None = None

    def given(self) -> list[str]:
        """The names of the fields this sidecar sets."""
        return [f.name for f in fields(self) if f.name != "origin" and getattr(self, f.name)]


NO_METADATA = Metadata()


def is_sidecar(path: Path) -> bool:
    """Sidecar files describe documents; they are not documents themselves."""
    return path.name.endswith(SIDECAR_SUFFIX) or path.name == MANIFEST_NAME


def metadata_for(path: Path) -> Metadata:
    """The sidecar of `path` (`NAME.meta.toml` or `STEM.meta.toml`), else its row in the folder's
    manifest, else nothing. A malformed sidecar raises `ExtractionError` naming file and field."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return _from_toml(candidate)
    manifest = path.with_name(MANIFEST_NAME)
    if manifest.is_file():
        return _from_manifest(manifest, path.name)
    return NO_METADATA


def _from_toml(sidecar: Path) -> Metadata:
    try:
        values = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ExtractionError(str(sidecar), f"not valid TOML ({error}); fix the file or remove it") from error
    return _metadata(values, sidecar.name, str(sidecar))


def _from_manifest(manifest: Path, file_name: str) -> Metadata:
    try:
        with manifest.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "file" not in reader.fieldnames:
                raise ExtractionError(
                    str(manifest),
                    "the header row needs a column 'file' naming each document (and any of " + ", ".join(KEYS) + ")",
                )
            for row in reader:
                if (row.get("file") or "").strip() == file_name:
                    values: dict[str, Any] = {k: v.strip() for k, v in row.items() if k != "file" and k and v}
                    if "submitters" in values:
                        values["submitters"] = [s.strip() for s in values["submitters"].split(";") if s.strip()]
                    where = f"{manifest.name} line {reader.line_num}"
                    return _metadata(values, where, f"{manifest}:{reader.line_num}")
    except UnicodeDecodeError as error:
        raise ExtractionError(str(manifest), "not UTF-8 text; save the manifest as UTF-8 CSV") from error
    return NO_METADATA


def _metadata(values: dict[str, Any], origin: str, where: str) -> Metadata:
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ExtractionError(where, f"unknown field(s) {', '.join(unknown)}; known fields: {', '.join(KEYS)}")
    kind = values.get("kind")
    if kind is not None and kind not in MOTION_KINDS:
        raise ExtractionError(where, f"field 'kind' is {kind!r}; use one of {', '.join(MOTION_KINDS)}")
    submitters = values.get("submitters", ())
    if isinstance(submitters, str):
        submitters = [submitters]
    if not isinstance(submitters, list | tuple) or not all(isinstance(s, str) for s in submitters):
        raise ExtractionError(where, "field 'submitters' is a list of names, e.g. [\"Fraktion DIE LINKE\"]")
    for key in ("reference", "city", "title", "source_url"):
        if key in values and not isinstance(values[key], str):
            raise ExtractionError(where, f"field {key!r} must be text in quotes")
    return Metadata(
        origin=origin,
        reference=values.get("reference"),
        kind=kind,
        date=_date(values.get("date"), where),
        city=values.get("city"),
        title=values.get("title"),
        submitters=tuple(submitters),
        source_url=values.get("source_url"),
    )


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ExtractionError(where, f"field 'date' is {value!r}; write it as YYYY-MM-DD") from error
