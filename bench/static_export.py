"""`publish --static` measured at 10^2 and 10^3 documents: files written, seconds, files per second.

    python -m bench.static_export                       # 100 and 1,000 synthetic documents
    python -m bench.static_export --documents 100 --processes 1

The documents are the synthetic corpus of the ingest benchmark (`bench.generate`:
the five samples in turn, with other references, dates, people and wording).
Each size is ingested once into `WORKDIR/static-store-N` (kept for later runs),
then the site is written into `WORKDIR/static-site-N`. Wall time and the CPU
time of this process and its workers are both reported: on a shared machine
the CPU time says more about the code than the wall time does.
Results go to `bench/results/static-<time>.json`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench import generate
from councilgraph.settings import Settings
from councilgraph.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def log(message: str) -> None:
    print(f"[static] {message}", file=sys.stderr, flush=True)


def ingested(workdir: Path, count: int) -> Path:
    """A store of `count` synthetic documents (ingested once, reused while complete)."""
    from ingest.pipeline import ingest_paths

    store_path = workdir / f"static-store-{count}"
    marker = store_path / "INGESTED"
    if marker.exists():
        return store_path
    folder = workdir / f"documents-{count}"
    if not folder.exists() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        people = generate.sample_people(LocalStore(generate.sample_store(workdir)))
        generate.synthetic_documents(folder, count, people)
    shutil.rmtree(store_path, ignore_errors=True)
    store = LocalStore(store_path, writable=True)
    started = time.perf_counter()
    try:
        settings = Settings(store=str(store_path), base_uri=generate.BASE)
        outcomes = ingest_paths(sorted(folder.glob("*.txt")), store, settings)
    finally:
        store.close()
    failed = sum(1 for o in outcomes if not o.ok)
    log(f"ingested {count} documents in {time.perf_counter() - started:.0f} s ({failed} failed)")
    marker.write_text(f"{count} documents, {failed} failed\n", encoding="utf-8")
    return store_path


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(store_path: Path, site: Path, processes: int | None) -> dict[str, Any]:
    from server.static_site import publish_static

    shutil.rmtree(site, ignore_errors=True)
    settings = Settings(store=str(store_path), base_uri=generate.BASE)
    cpu, started = cpu_seconds(), time.perf_counter()
    files = publish_static(LocalStore(store_path), settings, site, processes=processes)
    seconds, cpu_used = time.perf_counter() - started, cpu_seconds() - cpu
    return {
        "files": files,
        "seconds": round(seconds, 2),
        "files_per_second": round(files / seconds, 1),
        "cpu_seconds": round(cpu_used, 2),
        "files_per_cpu_second": round(files / cpu_used, 1) if cpu_used else None,
        "load_average": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.static_export",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--documents", default="100,1000", help="documents per run (default 100,1000)")
    parser.add_argument("--processes", type=int, default=None, help="rendering processes (default: one per core)")
    parser.add_argument(
        "--workdir", type=Path, default=ROOT / "bench" / ".work", help="where stores and sites go (reused between runs)"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "runs": {},
    }
    for count in (int(float(n)) for n in args.documents.split(",") if n):
        store_path = ingested(args.workdir, count)
        run = measure(store_path, args.workdir / f"static-site-{count}", args.processes)
        results["runs"][str(count)] = {"documents": count, **run}
        log(
            f"{count} documents: {run['files']} files in {run['seconds']} s = {run['files_per_second']} files/s "
            f"({run['cpu_seconds']} CPU s, load {run['load_average']:.1f})"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"static-{datetime.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    log(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
