"""Settings: defaults, then the environment (`COUNCILGRAPH_*`), then explicit values."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from councilgraph.errors import ConfigurationError
from councilgraph.uris import UriMinter, normalise_base

ENV_PREFIX = "COUNCILGRAPH_"


def default_query_workers() -> int:
    """One core is left to the web process, which answers pages, dumps and the catalog itself.

    Each worker also holds its own copy of the store's indexes and filters in memory (about
    250 MB at 10^7 triples), so more workers than spare cores cost memory and gain nothing.
    """
    return max(1, (os.cpu_count() or 2) - 1)


@dataclass(frozen=True)
class Settings:
    store: str = "./data/store"
    base_uri: str = "http://localhost:5000/"
    update_url: str | None = None
    gsp_url: str | None = None
    store_user: str | None = None
    store_password: str | None = None
    query_timeout: float = 10.0
    """Seconds a SPARQL query may run before it is stopped (503)."""
    row_limit: int = 10_000
    """Rows a SELECT returns at most; truncation is signalled to the client."""
    max_request_bytes: int = 1_000_000
    """Largest accepted query or request body (413 above)."""
    query_workers: int = field(default_factory=default_query_workers)
    """Processes that run SPARQL queries: one core fewer than the machine has, at least one."""
    query_memory_mb: int = 2048  # address-space limit of each query worker in MiB (503 above); 0: none
    rate_limit: int = 0
    """Requests per minute per client address; 0 switches the limit off."""
    rate_limit_loopback: bool = False
    """Apply the rate limit to loopback clients too."""
    catalog_config: str | None = None
    """A TOML file with publisher metadata for the DCAT catalog."""
    ingest_workers: int = 2
    """Worker processes that extract and validate documents when a run has many files."""
    snapshot_interval: float = 2.0
    """Seconds between snapshots published to readers during a long ingest (at least; more where
    writing and publishing cost more than a tenth of the time, up to ten times as many)."""
    shacl_engine: str = "compiled"
    """How ingest validates: `compiled` (the shapes compiled into fast checks; pyshacl where they
    cannot judge) or `pyshacl` (the reference, several times slower)."""
    ingest_batch: int = 256
    """Documents an ingest writes to the store in one transaction (1: one per document); a batch is
    also written when a snapshot is due, so on a long run this bounds memory rather than latency.
    New documents go through the bulk loader, whose cost per document falls with the batch's size."""
    memory_engine: str = "auto"
    """Query workers answer from an in-memory copy of the snapshot: auto (up to `memory_engine_max_quads`), on, off."""
    memory_engine_max_quads: int = 12_000_000
    """Largest snapshot, in quads, that `memory_engine=auto` copies into each query worker's memory."""
    warm_answers: bool = True
    """`serve` answers the example queries once per store version in the background, for the result cache."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_uri", normalise_base(self.base_uri))
        if self.shacl_engine not in ("compiled", "pyshacl"):
            raise ConfigurationError(
                f"{ENV_PREFIX}SHACL_ENGINE={self.shacl_engine!r}: choose `compiled` (the default) or `pyshacl`"
            )
        if self.ingest_batch < 1:
            raise ConfigurationError(f"{ENV_PREFIX}INGEST_BATCH={self.ingest_batch}: give 1 or more documents")

    @property
    def minter(self) -> UriMinter:
        return UriMinter(self.base_uri)

    @property
    def is_remote(self) -> bool:
        return self.store.startswith(("http://", "https://"))

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults, then `COUNCILGRAPH_<FIELD>` from the environment, then `overrides` (None values ignored)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in fields(cls):
            raw = environ.get(ENV_PREFIX + setting.name.upper())
            if raw is not None and raw != "":
                values[setting.name] = _coerce(setting.name, setting.type, raw)
        for key, value in (overrides or {}).items():
            if value is None:
                continue
            if key not in {f.name for f in fields(cls)}:
                raise ConfigurationError(f"unknown setting {key!r}")
            values[key] = value
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _coerce(name: str, type_name: Any, raw: str) -> Any:
    type_text = str(type_name)
    try:
        if type_text.startswith("int"):
            return int(raw)
        if type_text.startswith("float"):
            return float(raw)
        if type_text.startswith("bool"):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
    except ValueError as error:
        raise ConfigurationError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {type_text.split(' ')[0]}"
        ) from error
    return raw
