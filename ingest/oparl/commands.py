"""`councilgraph harvest oparl URL`: harvest an OParl API into the store."""

from __future__ import annotations

import re
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

import click

from councilgraph.errors import CouncilGraphError
from councilgraph.options import settings_from, store_options

if TYPE_CHECKING:
    from rich.console import Console

    from ingest.oparl.harvest import HarvestReport
    from ingest.oparl.objects import ObjectOutcome

# the harvester (and the whole extraction it drives) is imported when `harvest oparl` runs, not
# whenever the `councilgraph` command starts

COUNT_ORDER = ("Organization", "Person", "Meeting", "Paper", "deleted", "files", "files failed", "failed")
SHOWN_WARNINGS = 20
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$")


def counts_line(counts: Counter[str]) -> str:
    """ "Organization 12 · Person 80 · Paper 120 · deleted 2 · files 95"."""
    names = [n for n in COUNT_ORDER if counts.get(n)] + sorted(n for n in counts if n not in COUNT_ORDER and counts[n])
    return " · ".join(f"{name} {counts[name]}" for name in names) or "nothing yet"


def since_value(value: str | None) -> str | None:
    """`--since`: a date (taken as midnight UTC) or an ISO 8601 date-time."""
    if value is None:
        return None
    if not _DATE.match(value):
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD or 2024-01-31T12:00:00+01:00", param_hint="--since"
        )
    return f"{value}T00:00:00+00:00" if len(value) == 10 else value


@click.group()
def harvest() -> None:
    """Harvest council information systems through their APIs."""


@harvest.command("oparl")
@click.argument("url")
@click.option("--body", metavar="ID", help="Only this body: its id URL, the id's last part, or its name.")
@click.option("--since", metavar="DATE", help="Only objects modified since DATE (default: since the last run).")
@click.option("--papers-only", is_flag=True, help="Only papers (and their consultations and files).")
@click.option(
    "--max", "max_objects", type=click.IntRange(min=1), metavar="N", help="Stop after N objects; the next run resumes."
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0),
    default=2.0,
    show_default=True,
    help="Requests per second at most (0: no limit).",
)
@click.option("--concurrency", type=click.IntRange(1, 16), default=2, show_default=True, help="File downloads at once.")
@click.option(
    "--allow-host", "allow_hosts", multiple=True, metavar="HOST", help="Also follow links to HOST (repeatable)."
)
@click.option("--no-files", is_flag=True, help="Do not download the papers' files (structure only, no text).")
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True, help="Seconds to wait for an answer."
)
@click.option(
    "--max-file-mb", type=click.FloatRange(min=0.1), default=50.0, show_default=True, help="Largest file to download."
)
@click.option("--explain", is_flag=True, help="Show where the API and a file's text disagree, with both values.")
@store_options
def oparl(
    url: str,
    body: str | None,
    since: str | None,
    papers_only: bool,
    max_objects: int | None,
    rate: float,
    concurrency: int,
    allow_hosts: tuple[str, ...],
    no_files: bool,
    timeout: float,
    max_file_mb: float,
    explain: bool,
    **options: Any,
) -> None:
    """Harvest an OParl 1.0/1.1 API: System → bodies → papers, meetings, organizations, persons.

    One named graph per paper (with its consultations and the text of its
    files), meeting, organization and person. A second run asks only for what
    changed since the last successful one and removes deleted objects; an
    interrupted run resumes where it stopped.

    \b
    Examples:
      councilgraph harvest oparl https://ris.example.de/oparl/v1/system
      councilgraph harvest oparl https://ris.example.de/oparl/v1/system --body 1 --since 2024-01-01
      councilgraph harvest oparl URL --papers-only --max 100 --explain
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from councilgraph.store import open_store
    from ingest.oparl.client import ClientSettings, OParlClient
    from ingest.oparl.harvest import Harvester, HarvestOptions

    settings = settings_from(**options)
    client_settings = ClientSettings(
        rate=rate,
        concurrency=concurrency,
        timeout=timeout,
        max_file_bytes=int(max_file_mb * 1024 * 1024),
        allowed_hosts=frozenset(allow_hosts),
    )
    harvest_options = HarvestOptions(body, since_value(since), papers_only, max_objects, not no_files, explain)
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        client = OParlClient(url, client_settings)
        store = open_store(settings, writable=True)
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    report: HarvestReport | None = None
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]harvest[/bold] {task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("starting")
        counts: Counter[str] = Counter()

        def show(kind: str, outcome: ObjectOutcome) -> None:
            counts["deleted" if outcome.deleted else kind if outcome.stored else "failed"] += 1
            counts["files"] += outcome.files_read
            progress.update(task, description=escape(counts_line(counts)))
            if outcome.error:
                progress.console.print(f"[red]✗[/red] {escape(outcome.error)}")

        harvester = Harvester(client, store, settings, harvest_options, on_outcome=show)
        try:
            report = harvester.run(url)
        except CouncilGraphError as error:
            report = harvester.report
            if not sum(report.counts.values()):
                raise click.ClickException(str(error)) from error
            _print_report(console, report, explain, settings.store)
            raise click.ClickException(
                f"{error}\nThe objects read so far are stored; run the command again to resume."
            ) from error
        finally:
            store.close()
    _print_report(console, report, explain, settings.store)
    if report.errors:
        sys.exit(1)


def _print_report(console: Console, report: HarvestReport, explain: bool, store: str) -> None:
    from rich.markup import escape

    for body in report.bodies:
        console.print(f"body {escape(body)}")
    console.print(f"stored in {escape(store)}: {escape(counts_line(report.counts))}")
    if not report.complete:
        console.print("stopped at --max; run the command again to continue")
    for warning in report.warnings[:SHOWN_WARNINGS]:
        console.print(f"[yellow]warning[/yellow]: {escape(warning)}")
    if len(report.warnings) > SHOWN_WARNINGS:
        console.print(f"… and {len(report.warnings) - SHOWN_WARNINGS} more warnings")
    if report.disagreements and not explain:
        console.print(f"{report.disagreements} field(s) where a file's text disagrees with the API (see --explain)")
    if explain:
        for d in report.discrepancies:
            field = d.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            console.print(
                f"  {escape(d.motion)} {field}: API {escape(d.api_value)!s} (kept) ≠ text "
                f"{escape(d.extracted_value)} in {escape(d.file)}: “{escape(d.quote)}”",
            )
    if report.errors:
        console.print(f"[red]{len(report.errors)} object(s) not stored[/red]")


COMMANDS = [harvest]
