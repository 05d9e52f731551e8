"""`councilgraph ingest` of OParl JSON files (a single object or a list page), offline, with the same mapping.

Files are read in the order Body, Organization, Person, Meeting, Paper, so that
links resolve. A paper's city is `--city`, else the city of its body as stored
by an earlier harvest or a Body file of the same run. Links to objects neither
in the files nor in the store are left out with a warning; nothing is fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from councilgraph.errors import CouncilGraphError
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, open_store
from councilgraph.texts import document_graphs
from ingest.oparl.context import MappingContext
from ingest.oparl.identity import CityRef, ids, object_type
from ingest.oparl.refs import References
from ingest.oparl.state import BodyState, load_state, state_graph, stored_states

ORDER = ("Body", "Organization", "Person", "Meeting", "Paper")
_SNIFF_BYTES = 4096


@dataclass
class OfflineOutcome:
    path: Path
    stored: int = 0
    deleted: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_oparl_json(path: Path) -> bool:
    """A `.json` file that holds an OParl object or list page (its `type`s start with schema.oparl.org)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    return b"https://schema.oparl.org/" in head


def split_oparl_json(paths: Iterable[Path]) -> tuple[list[Path], tuple[Path, ...]]:
    """(the OParl JSON files named or inside folders, the other paths as given)."""
    found: list[Path] = []
    rest: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.json")) if not p.name.startswith(".") and is_oparl_json(p))
            rest.append(path)
        elif is_oparl_json(path):
            found.append(path)
        else:
            rest.append(path)
    return found, tuple(rest)


def objects_in(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CouncilGraphError(f"{path}: not readable as JSON ({error})") from None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        return [item for item in data["data"] if isinstance(item, dict)]
    if isinstance(data, dict) and object_type(data):
        return [data]
    raise CouncilGraphError(f"{path}: neither an OParl object nor an OParl list page (no `type`, no `data`)")


def ingest_oparl_files(
    paths: list[Path], store: GraphStore, settings: Settings, city: str | None = None
) -> list[OfflineOutcome]:
    # the mapping (and through it the readers and the extraction) is imported here, not with this
    # module: every `councilgraph ingest` looks for OParl files with `split_oparl_json`
    from ingest.oparl.cities import city_named
    from ingest.oparl.objects import graphs_derived_from, process_object

    outcomes = {path: OfflineOutcome(path) for path in paths}
    queue: list[tuple[int, Path, dict[str, Any]]] = []
    for path in paths:
        try:
            queue.extend((_rank(obj), path, obj) for obj in objects_in(path))
        except CouncilGraphError as error:
            outcomes[path].errors.append(str(error))
    cities = {state.body_id: city_named(state.city_name) for state in stored_states(store) if state.city_name}
    refs = References(store)
    for _, path, obj in sorted(queue, key=lambda entry: entry[0]):
        outcome = outcomes[path]
        if object_type(obj) == "Body":
            cities[obj["id"]] = _remember_body(store, settings, obj)
            outcome.stored += 1
            continue
        home = city_named(city) if city else next((cities[b] for b in ids(obj.get("body")) if b in cities), None)
        if home is None:
            outcome.errors.append(
                f"{path}: {obj.get('id')}: its body's city is unknown; pass --city NAME or ingest the Body first"
            )
            continue
        result = process_object(MappingContext(settings.minter, home, refs), obj, settings.base_uri)
        outcome.warnings.extend(result.warnings)
        if result.error:
            outcome.errors.append(f"{path}: {result.error}")
        elif result.deleted:
            for graph in graphs_derived_from(store, result.oparl_id):
                store.replace_graphs(document_graphs(settings.minter, graph, ""))
            outcome.deleted += 1
        elif result.graph_name is not None:
            store.replace_graphs(document_graphs(settings.minter, result.graph_name, result.ntriples))
            outcome.stored += 1
    store.compact()
    store.publish()
    return list(outcomes.values())


def _rank(obj: dict[str, Any]) -> int:
    kind = object_type(obj)
    return ORDER.index(kind) if kind in ORDER else len(ORDER)


def _remember_body(store: GraphStore, settings: Settings, body: dict[str, Any]) -> CityRef:
    """A Body file: its city is kept in the body's harvest state for later papers."""
    from ingest.oparl.cities import city_of_body

    city = city_of_body(body)
    state: BodyState = load_state(store, settings.minter, body["id"])
    state.city_slug, state.city_name = city.slug, city.name
    graph = state_graph(settings.minter, body["id"])
    store.replace_graphs({str(graph): state.ntriples(graph)})
    return city


def ingest_oparl_json(paths: list[Path], settings: Settings, city: str | None, console: Console) -> int:
    """The `ingest` command's part for OParl JSON files; returns how many files had errors."""
    try:
        store = open_store(settings, writable=True)
    except CouncilGraphError as error:
        console.print(f"[red]✗[/red] {escape(str(error))}")
        return len(paths)
    try:
        outcomes = ingest_oparl_files(paths, store, settings, city)
    finally:
        store.close()
    for outcome in outcomes:
        mark = "[red]✗[/red]" if outcome.errors else "[green]✓[/green]"
        what = f"{outcome.stored} OParl object(s) stored" + (f", {outcome.deleted} deleted" if outcome.deleted else "")
        console.print(f"{mark} {escape(str(outcome.path))} {escape('[oparl]')} {what}")
        for message in outcome.errors:
            console.print(f"    {escape(message)}")
        for warning in outcome.warnings:
            console.print(f"    [yellow]warning[/yellow]: {escape(warning)}")
    return sum(bool(o.errors) for o in outcomes)
