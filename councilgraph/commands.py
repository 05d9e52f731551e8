"""Commands that read the store: query, export, stats."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from councilgraph.errors import CouncilGraphError
from councilgraph.options import settings_from, store_options
from councilgraph.store import RDF_FORMATS, open_store


@click.command()
@click.argument("query_or_file")
@click.option(
    "--endpoint",
    metavar="URL",
    help="Any SPARQL endpoint; default: the embedded store named by --store.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_options
def query(query_or_file: str, endpoint: str | None, output_format: str, **options: Any) -> None:
    """Run a SPARQL query (text or a .rq file) and print the results.

    The project's prefixes (cg:, dcterms:, skos:, …) are predeclared.

    \b
    Examples:
      councilgraph query queries/motions-per-principle.rq
      councilgraph query 'SELECT ?m WHERE { ?m a cg:Motion }' --format csv
      councilgraph query --endpoint https://query.wikidata.org/sparql 'SELECT * { ?s ?p ?o } LIMIT 3'
    """
    from councilgraph.client import print_results, run_query

    text = Path(query_or_file).read_text(encoding="utf-8") if query_or_file.endswith(".rq") else query_or_file
    settings = settings_from(**options)
    try:
        result = run_query(text, settings, endpoint)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    print_results(result, output_format, sys.stdout)


@click.command()
@click.option(
    "--format",
    "dump_format",
    type=click.Choice(sorted(set(RDF_FORMATS) - {"rdf"})),
    help="Default: from the file suffix.",
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="File; gzip when it ends in .gz; - for stdout.",
)
@store_options
def export(dump_format: str | None, output: str, **options: Any) -> None:
    """Write the whole dataset to a file.

    nq and trig keep one graph per document (provenance); nt and ttl hold the
    union of all graphs.

    \b
    Examples:
      councilgraph export -o dump.nq.gz
      councilgraph export --format ttl -o - | less
    """
    fmt = dump_format or _format_from_suffix(output)
    settings = settings_from(**options)
    try:
        store = open_store(settings)
        with _open_output(output) as handle:
            store.dump(handle, fmt)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    if output != "-":
        click.echo(f"wrote {output} ({fmt})", err=True)


def _format_from_suffix(output: str) -> str:
    name = output[:-3] if output.endswith(".gz") else output
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "json" or suffix == "jsonld":
        return "jsonld"
    if suffix in RDF_FORMATS and suffix != "rdf":
        return suffix
    raise click.BadParameter(
        f"cannot tell the format from {output!r}; use --format nt|nq|ttl|trig|jsonld",
        param_hint="--output",
    )


class _open_output:
    def __init__(self, output: str) -> None:
        self.output = output
        self.handle: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        if self.output == "-":
            self.handle = sys.stdout.buffer
        elif self.output.endswith(".gz"):
            self.handle = gzip.open(self.output, "wb")  # type: ignore[assignment]
        else:
            self.handle = open(self.output, "wb")  # noqa: SIM115
        assert self.handle is not None
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None and self.output != "-":
            self.handle.close()


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@store_options
def stats(as_json: bool, **options: Any) -> None:
    """Print what the store holds: triples, graphs, motions per city and kind.

    \b
    Example:
      councilgraph stats --store ./data/store
    """
    from councilgraph.statistics import collect_statistics

    settings = settings_from(**options)
    try:
        figures = collect_statistics(open_store(settings))
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    for key, value in figures.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for name, count in value.items():
                click.echo(f"  {name:<40} {count:>8}")
        else:
            click.echo(f"{key:<42} {value:>8}")


COMMANDS = [query, export, stats]
