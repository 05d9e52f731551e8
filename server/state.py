"""What every request handler needs: the settings and the store of the running app."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from councilgraph.settings import Settings
from councilgraph.store import GraphStore
from councilgraph.uris import UriMinter


@dataclass
class AppState:
    settings: Settings
    store: GraphStore
    extras: dict[str, Any] = field(default_factory=dict)
    """Per-app objects that blueprints create lazily (query worker pool, caches)."""

    @property
    def minter(self) -> UriMinter:
        return self.settings.minter


def state() -> AppState:
    app_state = current_app.extensions["councilgraph"]
    assert isinstance(app_state, AppState)
    return app_state
