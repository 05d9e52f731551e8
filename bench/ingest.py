"""Ingest throughput, today's path and the fast path side by side in one run.

    python -m bench.ingest --documents 1000            # both paths, 1,000 synthetic documents
    python -m bench.ingest --documents 100,1000 --rounds 2 --json out.json

Each run ingests the same synthetic documents (`bench.generate`) into a fresh store
with SHACL on, through `ingest.pipeline.ingest_paths` as `councilgraph ingest` does:

- `pyshacl`: each document validated by pyshacl and written in a transaction of its
  own (`shacl_engine=pyshacl`, `ingest_batch=1`): the path before the compiled checks;
- `compiled`: the shapes compiled into checks (`shacl_engine=compiled`), documents
  written up to 256 to a transaction (the defaults);
- `before`: the `compiled` path as the code of a git revision ran it (`--before REV`,
  default HEAD), exported with `git archive` and measured in a process of its own, so
  that a change to this working tree is measured against the code it changes.

Runs alternate between the paths, so that a machine whose speed changes weighs on
both. Besides wall time each run records the CPU time of the main process (reading
outcomes, writing the store, snapshots) and of the worker processes (extraction,
validation), and the load average: on a shared machine the CPU figures say where
the time goes when the wall time says mostly how busy the machine was.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

from bench import generate
from bench.measure import json_from_child, log
from councilgraph.settings import Settings
from councilgraph.store import LocalStore

BASE = "http://localhost:5000/"
BENCH = Path(__file__).resolve().parent
PATHS: dict[str, dict[str, Any]] = {
    "pyshacl": {"shacl_engine": "pyshacl", "ingest_batch": 1},
    "compiled": {"shacl_engine": "compiled", "ingest_batch": 256},
}
"""The ingest paths compared: settings that differ from the defaults."""
BEFORE = "before"
"""The path `compiled` as the code of another git revision runs it."""
REPOSITORY = BENCH.parent


def documents(workdir: Path, count: int, sample: Path) -> list[Path]:
    """`count` synthetic documents, generated once into `workdir/documents-{count}`."""
    folder = workdir / f"documents-{count}"
    if not folder.exists() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        generate.synthetic_documents(folder, count, generate.sample_people(LocalStore(sample)))
    return sorted(folder.glob("*.txt"))


def measure(files: list[Path], workdir: Path, path: str) -> dict[str, Any]:
    """Ingest `files` into a fresh store along one path; wall and CPU time, load average."""
    from ingest.pipeline import ingest_paths

    store_path = workdir / f"ingest-{path}-{len(files)}"
    shutil.rmtree(store_path, ignore_errors=True)
    settings = Settings(store=str(store_path), base_uri=BASE, snapshot_interval=2.0, **PATHS[path])
    load_before = os.getloadavg()[0]
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    store = LocalStore(store_path, writable=True)
    started = time.perf_counter()
    try:
        outcomes = ingest_paths(files, store, settings)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    own_after, children_after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(store_path, ignore_errors=True)
    failed = [o for o in outcomes if not o.ok]
    main_cpu = _cpu(own_after) - _cpu(own)
    workers_cpu = _cpu(children_after) - _cpu(children)
    count = len(files)
    return {
        "path": path,
        "documents": count,
        "seconds": round(seconds, 2),
        "per_second": count / seconds,
        "failed": len(failed),
        "first_failure": (failed[0].error or "")[:300] if failed else None,
        "main_cpu_ms_per_document": round(main_cpu / count * 1000, 1),
        "workers_cpu_ms_per_document": round(workers_cpu / count * 1000, 1),
        "cpu_bound_per_second": _cpu_bound(count, main_cpu, workers_cpu),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def export_revision(revision: str, workdir: Path) -> Path:
    """The tree of `revision` (code, shapes, ontology) in `workdir/revision-{commit}`, exported once."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = workdir / f"revision-{commit[:12]}"
    if not (folder / "ingest").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit], cwd=REPOSITORY, capture_output=True, check=True
        )
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def measure_revision(files: list[Path], workdir: Path, tree: Path) -> dict[str, Any]:
    """`measure(files, workdir, "compiled")` run by the code of an exported tree, in a process of its own."""
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(tree)!r})\n"
        "from pathlib import Path\n"
        "import ingest, bench.ingest as b\n"
        f"assert Path(ingest.__file__).is_relative_to({str(tree)!r}), ingest.__file__\n"
        "files = [Path(line) for line in sys.stdin.read().splitlines()]\n"
        f"print(json.dumps(b.measure(files, Path({str(workdir)!r}), 'compiled')))\n"
    )
    listing = "\n".join(str(f) for f in files)
    run: dict[str, Any] = json_from_child(
        [script], cwd=tree, what=f"the ingest of revision {tree.name}", stdin=listing
    )
    run["path"] = BEFORE
    run["revision"] = tree.name.removeprefix("revision-")
    return run


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _cpu_bound(count: int, main_cpu: float, workers_cpu: float) -> float:
    """Documents/s this run's CPU time allows on an otherwise idle machine of this many cores:
    the work shared out over the cores, but never faster than the main process alone."""
    cores = os.cpu_count() or 1
    return count / max(main_cpu, (main_cpu + workers_cpu) / cores)


def bench_ingest(
    counts: list[int],
    sample: Path,
    workdir: Path,
    paths: tuple[str, ...] = tuple(PATHS),
    rounds: int = 1,
    before: str = "HEAD",
) -> dict[str, Any]:
    """Every count along every path, alternating; the median run of each. `runs` is the fast path."""
    by_path: dict[str, dict[str, Any]] = {path: {} for path in paths}
    tree = export_revision(before, workdir) if BEFORE in paths else None
    for count in counts:
        files = documents(workdir, count, sample)
        measured: dict[str, list[dict[str, Any]]] = {path: [] for path in paths}
        for round_number in range(rounds):
            order = paths if round_number % 2 == 0 else tuple(reversed(paths))
            for path in order:
                run = (
                    measure_revision(files, workdir, tree) if path == BEFORE and tree else measure(files, workdir, path)
                )
                measured[path].append(run)
                log(
                    f"ingest {count} ({path}): {run['seconds']:.1f} s, {run['per_second']:.1f} documents/s, "
                    f"CPU main {run['main_cpu_ms_per_document']} + workers {run['workers_cpu_ms_per_document']} "
                    f"ms/document, load {run['load_average']}, {run['failed']} failed"
                )
        for path, runs in measured.items():
            median = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
            by_path[path][str(count)] = {**median, "rounds": len(runs)}
    fast = "compiled" if "compiled" in by_path else paths[-1]
    return {
        "runs": by_path[fast],
        "paths": by_path,
        "exponent": growth_exponent(by_path[fast]),
        "cpus": os.cpu_count(),
    }


def growth_exponent(runs: dict[str, Any]) -> float | None:
    """The log-log slope of time against documents (1: linear)."""
    points = [(math.log(r["documents"]), math.log(r["seconds"])) for r in runs.values()]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)


def print_ingest(ingest: dict[str, Any]) -> None:
    print("\nIngest (extraction + SHACL validation + store), paths side by side")
    for path, runs in (ingest.get("paths") or {"compiled": ingest.get("runs", {})}).items():
        for run in runs.values():
            print(
                f"  {path:<9} {run['documents']:>6} documents: {run['seconds']:>8.1f} s  "
                f"{run['per_second']:>6.1f} documents/s  CPU ms/document main {run.get('main_cpu_ms_per_document')} "
                f"workers {run.get('workers_cpu_ms_per_document')}  load {run.get('load_average')}  "
                f"failed {run['failed']}"
            )
    if ingest.get("exponent") is not None:
        print(f"  growth exponent (log-log slope of time vs documents): {ingest['exponent']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", default="1000", help="documents per run, comma-separated (default 1000)")
    parser.add_argument(
        "--paths",
        default=",".join(PATHS),
        help=f"paths to compare among {', '.join((*PATHS, BEFORE))} (default {','.join(PATHS)})",
    )
    parser.add_argument("--before", default="HEAD", help="git revision the path `before` runs (default HEAD)")
    parser.add_argument("--rounds", type=int, default=1, help="runs per path and count; the median is kept")
    parser.add_argument("--workdir", type=Path, default=BENCH / ".work", help="generated documents and stores")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    paths = tuple(p for p in args.paths.split(",") if p)
    unknown = [p for p in paths if p not in PATHS and p != BEFORE]
    if unknown:
        parser.error(f"unknown path(s) {', '.join(unknown)}; choose from {', '.join((*PATHS, BEFORE))}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    sample = generate.sample_store(args.workdir)
    counts = [int(float(c)) for c in args.documents.split(",") if c]
    results = bench_ingest(counts, sample, args.workdir, paths, max(1, args.rounds), args.before)
    print_ingest(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
