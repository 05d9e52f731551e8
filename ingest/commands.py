"""Commands that put data into the store: ingest, validate, load."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from councilgraph.errors import CouncilGraphError
from councilgraph.options import settings_from, store_options

if TYPE_CHECKING:
    from rdflib import Graph
    from rich.console import Console

    from councilgraph.settings import Settings
    from ingest.pipeline import FileOutcome

# The pipeline, the readers, the validation and rich are imported by the command that runs, not when
# the `councilgraph` command starts: `councilgraph serve` or `query` never needs them, and importing
# them all cost a second of CPU in every process.

RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".nq": "nquads",
    ".trig": "trig",
}


def _printable(text: str) -> str:
    """File names and messages may hold control characters; show them, never send them to the terminal."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def _describe(outcome: FileOutcome) -> str:
    """One line per file (rich markup; everything from the file itself is escaped)."""
    from rich.markup import escape

    path = escape(_printable(str(outcome.path)))
    if outcome.extraction is None:
        error = outcome.error or ""
        prefix = f"{outcome.path}: "
        reason = error[len(prefix) :] if error.startswith(prefix) else error
        first, *rest = reason.splitlines() or [""]
        return f"[red]✗[/red] {path}: {escape(_printable(first))}" + "".join(
            f"\n    {escape(_printable(r))}" for r in rest
        )
    extraction = outcome.extraction
    mark = "[green]✓[/green]" if outcome.ok else "[red]✗[/red]"
    line = f"{mark} {path} {escape(f'[{extraction.genre}]')} {escape(extraction.summary())}"
    if outcome.error:
        line += "".join(f"\n    {escape(_printable(part))}" for part in outcome.error.splitlines())
    for warning in outcome.warnings:
        line += f"\n    [yellow]warning[/yellow]: {escape(_printable(warning))}"
    return line


def _explain(outcome: FileOutcome, console: Console) -> None:
    if outcome.extraction is None:
        return
    for fact in (*outcome.extraction.papers_shown, *outcome.extraction.facts):
        console.print(f"    {fact.subject} —{fact.predicate}→ {fact.object}", markup=False, highlight=False)
        console.print(f"        [{fact.start}:{fact.end}] “{fact.quote}”", markup=False, highlight=False)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--city", metavar="NAME", help="The council's city, for documents that do not name it.")
@click.option("--dry-run", is_flag=True, help="Print the extracted graph (Turtle) instead of storing it.")
@click.option(
    "--explain", is_flag=True, help="Print what shows each paper and each fact next to the text span it came from."
)
@store_options
def ingest(paths: tuple[Path, ...], city: str | None, dry_run: bool, explain: bool, **options: Any) -> None:
    """Read council documents (txt, md, pdf, html, eml) and store one graph per document.

    OParl JSON files (an object or a list page, e.g. saved API answers) are
    mapped as `councilgraph harvest oparl` maps them, without network access.

    Re-ingesting a file replaces its graph. A file that cannot be read, in
    which nothing is recognised, or whose graph violates the shapes is
    reported and leaves the store as it was; the exit code is then 1.

    \b
    Examples:
      councilgraph ingest examples/documents/
      councilgraph ingest --city Leipzig antrag.pdf
      councilgraph ingest --dry-run --explain examples/documents/bochum_*.txt
    """
    from rich.console import Console

    from ingest.oparl.offline import ingest_oparl_json, split_oparl_json
    from ingest.readers import iter_documents

    settings = settings_from(**options)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    oparl_files, paths = split_oparl_json(paths)  # OParl JSON (an object or a list page) takes the OParl mapping
    if dry_run:
        failures = _dry_run(paths, settings, city, explain, console)
    else:
        failures = ingest_oparl_json(oparl_files, settings, city, console) if oparl_files else 0
        if not oparl_files or any(True for _ in iter_documents(paths)):
            failures += _ingest(paths, settings, city, explain, console)
    if failures:
        console.print(f"[red]{failures} file(s) failed[/red]")
        sys.exit(1)


def _dry_run(paths: tuple[Path, ...], settings: Settings, city: str | None, explain: bool, console: Console) -> int:
    from ingest.pipeline import process_file
    from ingest.readers import iter_documents

    failures = 0
    for path in iter_documents(paths):
        outcome = process_file(path, settings, city)
        console.print(_describe(outcome))
        if explain:
            _explain(outcome, console)
        if outcome.extraction is not None:
            click.echo(outcome.extraction.graph.serialize(format="turtle"))
        failures += not outcome.ok
    return failures


def _ingest(paths: tuple[Path, ...], settings: Settings, city: str | None, explain: bool, console: Console) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from councilgraph.store import open_store
    from ingest.pipeline import ingest_paths
    from ingest.readers import iter_documents

    files = list(iter_documents(paths))
    if not files:
        raise click.ClickException("no documents found (supported: .txt .md .pdf .html .htm .eml)")
    try:
        store = open_store(settings, writable=True)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    with Progress(
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=len(files) < 2 or not console.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=len(files))

        def report(outcome: FileOutcome) -> None:
            progress.console.print(_describe(outcome))
            if explain:
                _explain(outcome, progress.console)
            progress.advance(task)

        try:
            outcomes = ingest_paths(files, store, settings, city, on_outcome=report)
        except CouncilGraphError as error:
            raise click.ClickException(str(error)) from error
        finally:
            store.close()
    stored = sum(o.stored for o in outcomes)
    console.print(f"{stored} of {len(outcomes)} document(s) stored in {settings.store}")
    return sum(not o.ok for o in outcomes)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "turtle"]),
    default="text",
    show_default=True,
)
@click.option("--city", metavar="NAME", help="The council's city, for documents that do not name it.")
@click.option(
    "--catalog",
    is_flag=True,
    help="Validate the DCAT catalog against the DCAT-AP.de shapes instead.",
)
@store_options
def validate(paths: tuple[Path, ...], report_format: str, city: str | None, catalog: bool, **options: Any) -> None:
    """Check graphs against the SHACL shapes; exit 1 on any Violation.

    PATH may be documents (extracted, not stored) or RDF files (.ttl, .nt,
    .jsonld) checked as they are. Without PATH the stored document graphs are
    checked.

    \b
    Examples:
      councilgraph validate examples/documents/
      councilgraph validate my-graph.ttl --format turtle
      councilgraph validate --catalog
    """
    from rdflib import Graph

    from ingest.validation import ValidationResult, format_report, validate_graph

    settings = settings_from(**options)
    if catalog:
        from server.catalog_validation import validate_catalog_command

        validate_catalog_command(settings, report_format)
        return
    results: dict[str, ValidationResult] = {}
    errors: list[str] = []
    try:
        for name, graph in _graphs_to_validate(paths, settings, city, errors):
            results[name] = validate_graph(graph, settings.base_uri)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    if report_format == "turtle":
        merged = Graph()
        for result in results.values():
            merged += result.report
        click.echo(merged.serialize(format="turtle"))
    else:
        click.echo(format_report(results))
    for message in errors:
        click.echo(f"error: {message}", err=True)
    if errors or any(not r.conforms for r in results.values()):
        sys.exit(1)


def _graphs_to_validate(
    paths: tuple[Path, ...], settings: Settings, city: str | None, errors: list[str]
) -> Iterator[tuple[str, Graph]]:
    import pyoxigraph as ox
    from rdflib import Graph

    from councilgraph.store import open_store
    from ingest.pipeline import process_file
    from ingest.readers import iter_documents

    if not paths:
        store = open_store(settings)
        for graph_iri in store.named_graphs():
            if "/id/document/" not in graph_iri:
                continue
            result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
            assert isinstance(result, ox.QueryTriples)
            data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
            yield graph_iri, Graph().parse(data=data, format="nt")
        return
    rdf_files = [p for p in paths if p.is_file() and p.suffix.lower() in RDF_SUFFIXES]
    for path in rdf_files:
        try:
            yield str(path), Graph().parse(path, format=RDF_SUFFIXES[path.suffix.lower()])
        except Exception as error:  # noqa: BLE001 - rdflib raises many parser error types
            errors.append(f"{path}: not valid RDF: {error}")
    for path in iter_documents([p for p in paths if p not in rdf_files]):
        outcome = process_file(path, settings, city)
        if outcome.extraction is None:
            errors.append(outcome.error or f"{path}: could not be extracted")
            continue
        yield str(path), outcome.extraction.graph


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--graph",
    "graph",
    metavar="IRI",
    help="Named graph to load triples into (default: one per file, B/graph/{file}).",
)
@store_options
def load(files: tuple[Path, ...], graph: str | None, **options: Any) -> None:
    """Bulk-load existing RDF (reference data, other sources) into the store.

    Triple formats go into --graph (or a graph named after the file); quad
    formats (.nq, .trig) keep their graphs.

    \b
    Examples:
      councilgraph load extra-cities.ttl --graph http://localhost:5000/graph/extra
      councilgraph load other-dataset.nq
    """
    import pyoxigraph as ox
    from rdflib import Graph

    from councilgraph.store import LocalStore, open_store

    settings = settings_from(**options)
    try:
        store = open_store(settings, writable=True)
        try:
            for path in files:
                rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
                if rdf_format is None:
                    raise click.ClickException(
                        f"{path}: unknown RDF format; use .ttl, .nt, .nq, .trig, .jsonld or .rdf"
                    )
                target = None if rdf_format.supports_datasets else (graph or str(settings.minter.graph(path.stem)))
                if isinstance(store, LocalStore):
                    store.bulk_load(path, rdf_format, target)
                else:
                    data = Graph().parse(path).serialize(format="nt")
                    store.replace_graph(target or str(settings.minter.graph(path.stem)), data)
                click.echo(f"loaded {path}" + (f" into <{target}>" if target else ""))
            store.compact()
            store.publish()
        finally:
            store.close()
    except (CouncilGraphError, SyntaxError, OSError) as error:
        raise click.ClickException(f"{error}") from error


COMMANDS = [ingest, validate, load]
