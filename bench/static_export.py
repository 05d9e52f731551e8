"""`publish --static` measured at 10^2 and 10^3 documents: files written, seconds, files per second.

    python -m bench.static_export                       # 100 and 1,000 synthetic documents
    python -m bench.static_export --documents 100 --processes 1
    python -m bench.static_export --documents 100 --ways direct,routes   # side by side with the old way

The documents are the synthetic corpus of the ingest benchmark (`bench.generate`:
the five samples in turn, with other references, dates, people and wording).
Each size is ingested once into `WORKDIR/static-store-N` (kept for later runs),
then the site is written into `WORKDIR/static-site-N`. Wall time and the CPU
time of this process and its workers are both reported: on a shared machine
the CPU time says more about the code than the wall time does; the load
average is sampled every few seconds during each run and reported with it.
The dump files are built before the clock starts (their build is reported
apart: it is the same for both ways and `serve` needs it as well).

Ways: `direct` (the default) renders resource pages from one description each;
`routes` renders every page through the app's routes, as earlier versions did.
Results go to `bench/results/static-<time>.json`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench import generate
from bench.measure import write_results
from councilgraph.settings import Settings
from councilgraph.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent


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


class LoadSampler:
    """The 1-minute load average, read every few seconds while a run lasts."""

    def __init__(self, every: float = 5.0) -> None:
        self.every = every
        self.samples = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def summary(self) -> dict[str, float]:
        return {
            "mean": round(sum(self.samples) / len(self.samples), 2),
            "min": round(min(self.samples), 2),
            "max": round(max(self.samples), 2),
        }


def build_dumps(store_path: Path) -> float:
    """The dump files of the store, built (or found up to date); returns the seconds it took."""
    from server import create_app
    from server.publishing import dumps

    settings = Settings(store=str(store_path), base_uri=generate.BASE)
    started = time.perf_counter()
    with create_app(settings, store=LocalStore(store_path)).app_context():
        dumps()
    return time.perf_counter() - started


def measure(store_path: Path, site: Path, processes: int | None, way: str) -> dict[str, Any]:
    from server.static_site import publish_static

    shutil.rmtree(site, ignore_errors=True)
    settings = Settings(store=str(store_path), base_uri=generate.BASE)
    with LoadSampler() as load:
        cpu, started = cpu_seconds(), time.perf_counter()
        files = publish_static(LocalStore(store_path), settings, site, processes=processes, direct=way == "direct")
        seconds, cpu_used = time.perf_counter() - started, cpu_seconds() - cpu
    return {
        "way": way,
        "processes": processes or os.cpu_count(),
        "files": files,
        "seconds": round(seconds, 2),
        "files_per_second": round(files / seconds, 1),
        "cpu_seconds": round(cpu_used, 2),
        "files_per_cpu_second": round(files / cpu_used, 1) if cpu_used else None,
        "load_average": load.summary(),
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
        "--ways", default="direct", help="direct (resource pages from one description), routes (the old way), or both"
    )
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
    ways = [way.strip() for way in args.ways.split(",") if way.strip()]
    unknown = sorted(set(ways) - {"direct", "routes"})
    if unknown:
        parser.error(f"--ways: {', '.join(unknown)} is not direct or routes")
    for count in (int(float(n)) for n in args.documents.split(",") if n):
        store_path = ingested(args.workdir, count)
        dumps_seconds = build_dumps(store_path)
        log(f"{count} documents: dump files ready in {dumps_seconds:.0f} s (before the clock starts)")
        for way in ways:
            run = measure(store_path, args.workdir / f"static-site-{count}", args.processes, way)
            key = str(count) if len(ways) == 1 else f"{count}-{way}"
            results["runs"][key] = {"documents": count, "dumps_seconds": round(dumps_seconds, 1), **run}
            load = run["load_average"]
            log(
                f"{count} documents, {way}: {run['files']} files in {run['seconds']} s = "
                f"{run['files_per_second']} files/s ({run['cpu_seconds']} CPU s = {run['files_per_cpu_second']} "
                f"files per CPU second; load average {load['mean']} mean, {load['min']}–{load['max']})"
            )
    out = write_results("static", results)
    log(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
