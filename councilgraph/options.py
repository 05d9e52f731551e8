"""Options shared by several commands, and the settings they make."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from councilgraph.errors import ConfigurationError
from councilgraph.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def store_options(function: F) -> F:
    """`--store` and `--base-uri` (environment COUNCILGRAPH_STORE, COUNCILGRAPH_BASE_URI)."""
    decorators = [
        click.option(
            "--store",
            "store",
            metavar="PATH|URL",
            help="Store folder (default ./data/store) or a SPARQL endpoint URL [env COUNCILGRAPH_STORE].",
        ),
        click.option(
            "--base-uri",
            "base_uri",
            metavar="URI",
            help="Base of every minted URI (default http://localhost:5000/) [env COUNCILGRAPH_BASE_URI].",
        ),
        click.option("--update-url", "update_url", metavar="URL", help="SPARQL Update URL of a remote store."),
        click.option(
            "--gsp-url",
            "gsp_url",
            metavar="URL",
            help="Graph Store Protocol URL of a remote store.",
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def settings_from(**overrides: Any) -> Settings:
    try:
        return Settings.load(overrides)
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from error
