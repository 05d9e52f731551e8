"""The Flask application: SPARQL endpoint, linked-data pages, dumps and catalog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from councilgraph.settings import Settings
from councilgraph.store import GraphStore, open_store
from server.state import AppState

BLUEPRINT_MODULES = (
    "server.sparql",
    "server.resources",
    "server.vocabulary",
    "server.browse",
    "server.publishing",
    "server.oparl",
)


def create_app(settings: Settings | Mapping[str, Any] | None = None, store: GraphStore | None = None) -> Flask:
    """Build the app: defaults, then `COUNCILGRAPH_*` from the environment, then `settings`."""
    if not isinstance(settings, Settings):
        settings = Settings.load(settings)
    app = Flask(__name__)
    app.config["JSON_SORT_KEYS"] = False
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    state = AppState(settings=settings, store=store if store is not None else open_store(settings))
    app.extensions["councilgraph"] = state

    import importlib

    for module_name in BLUEPRINT_MODULES:
        module = importlib.import_module(module_name)
        app.register_blueprint(module.blueprint)

    from server import errors, security

    errors.register(app)
    security.register(app)
    return app
