"""Commands that publish: serve, publish."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from councilgraph.errors import CouncilGraphError
from councilgraph.options import settings_from, store_options

RESPONSE_IN_MEMORY_BYTES = 64 * 1024 * 1024
"""Responses up to this size are sent from memory, larger ones through a temporary file."""


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET request in process, print it and exit.",
)
@click.option("--accept", default="text/html", show_default=True, help="Accept header for --get.")
@store_options
def serve(host: str, port: int, threads: int, get_path: str | None, accept: str, **options: Any) -> None:
    """Serve the SPARQL endpoint, pages, dumps and catalog (waitress WSGI server).

    Serves the URIs of --base-uri; set it to the public address in production.
    Ingesting while serving is safe: new data shows within a few seconds.

    \b
    Examples:
      councilgraph serve
      councilgraph serve --host 0.0.0.0 --port 8080 --base-uri https://council.example.org/
      councilgraph serve --get /id/motion/halle-saale/vii-2021-03290 --accept text/turtle
    """
    from councilgraph import memory
    from server import create_app

    memory.return_large_blocks()  # a large result, once sent, goes back to the system
    settings = settings_from(**options)
    try:
        app = create_app(settings)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    if get_path is not None:
        response = app.test_client().get(get_path, headers={"Accept": accept})
        click.echo(f"HTTP {response.status}", err=True)
        for name, value in response.headers.items():
            click.echo(f"{name}: {value}", err=True)
        sys.stdout.buffer.write(response.get_data())
        sys.exit(0 if response.status_code < 400 else 1)

    from waitress import serve as waitress_serve

    from server.memory_release import trimming_after_slow_requests

    if settings.warm_answers:
        from server.warm_answers import AnswerWarmer

        AnswerWarmer(app, settle_seconds=1.5 * settings.snapshot_interval).start()
    click.echo(f"councilgraph serving {settings.store} at http://{host}:{port}/ (URIs under {settings.base_uri})")
    waitress_serve(
        trimming_after_slow_requests(app),
        host=host,
        port=port,
        threads=threads,
        ident="councilgraph",
        clear_untrusted_proxy_headers=True,
        max_request_header_size=settings.max_request_bytes + 65536,
        # the app answers oversized bodies itself (413 with its headers); waitress only cuts off the absurd
        max_request_body_size=max(16 * 1024 * 1024, settings.max_request_bytes * 16),
        # a response above this is first written to a temporary file and read back (waitress's
        # default is 1 MB): query results of a few MB are already in memory, so keep them there
        outbuf_overflow=RESPONSE_IN_MEMORY_BYTES,
    )


@click.command()
@click.option(
    "--static",
    "static_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site into.",
)
@store_options
def publish(static_dir: Path, **options: Any) -> None:
    """Write a complete static site: pages, per-resource RDF, dumps, catalog, VoID, sitemap.

    \b
    Example:
      councilgraph publish --static site/ --base-uri https://council.example.org/
    """
    from councilgraph.store import open_store
    from server.static_site import publish_static

    settings = settings_from(**options)
    try:
        count = publish_static(open_store(settings), settings, static_dir)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"wrote {count} files to {static_dir}")


COMMANDS = [serve, publish]
