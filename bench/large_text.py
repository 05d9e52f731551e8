"""A very large text through `councilgraph ingest`: its cost against a straight line from 1 MB.

    python -m bench.large_text                      # a 50 MB text, as the README's bad-input row says
    python -m bench.large_text --megabytes 50,8 --repeats 3

The document is the Halle sample paper followed by one very long statement (as
an export of a whole session's papers may look). Each size is ingested by
`councilgraph ingest` in a child process into a fresh copy of the sample store;
the paper alone gives the fixed cost, the 1 MB run the cost per filler byte, and
every larger size must cost at most LINEAR_SLACK times what that straight line
predicts for its filler. Cost is the CPU time of the ingest and its workers,
which the machine's load changes far less than the wall time (reported beside
it, with the peak resident memory of the ingest process tree's largest process).
The outcome must be clear: exit status 0 or 1, no traceback, the file named.
Exits 1 when a size misses. Results go to `bench/results/large-text-<time>.json`.

`tests/test_bad_input.py` runs the same check at 8 MB on every `make test`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.generate import BASE, EXAMPLES, sample_store

HALLE = EXAMPLES / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
FILLER = "Die Stadtverwaltung wird gebeten, die Digitalisierung voranzutreiben und Datenschutz zu beachten.\n"
LINEAR_SLACK = 3.0
"""How far a large text's filler may cost more than the 1 MB run predicts (measured: 1.0–1.2×)."""


@dataclass
class Run:
    """One `councilgraph ingest` of one document."""

    returncode: int
    stderr: str
    cpu_seconds: float
    wall_seconds: float
    max_rss_mb: float


def paper_with_filler(path: Path, filler_bytes: int) -> int:
    """The Halle paper followed by at least `filler_bytes` of one long statement; returns the filler's size."""
    chunk = FILLER * 1000
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HALLE.read_text(encoding="utf-8"))
        while written < filler_bytes:
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
    return written


def ingest_measured(document: Path, store: Path, timeout: float) -> Run:
    """`councilgraph ingest` in a child process, with the CPU time it and its workers used.

    Raises `subprocess.TimeoutExpired` (after killing the child) when it runs past `timeout`."""
    command = [sys.executable, "-m", "councilgraph", "ingest", str(document), "--store", str(store), "--base-uri", BASE]
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        # wait4 gives this child's own resource usage (its waited-for workers included), whatever
        # else the calling process runs meanwhile
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                raise subprocess.TimeoutExpired(command, timeout)
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
    return Run(
        returncode=process.returncode,
        stderr=stderr,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        wall_seconds=time.monotonic() - started,
        max_rss_mb=usage.ru_maxrss / 1024,
    )


def clear_outcome(run: Run, name: str) -> str | None:
    """What is unclear about a run's outcome, or None."""
    if run.returncode not in (0, 1):
        return f"exit status {run.returncode}"
    if "Traceback" in run.stderr:
        return "a traceback"
    if name not in run.stderr:
        return f"no message names {name}"
    return None


def measure(workdir: Path, megabytes: list[float]) -> dict[str, Any]:
    """Ingest the paper alone, with 1 MB of filler and with each of `megabytes`; checks each size's cost."""
    sample = sample_store(workdir)
    runs: dict[str, dict[str, Any]] = {}
    per_byte = fixed = 0.0
    misses: list[str] = []
    sizes = [("paper", 0), ("1 MB", 1_000_000)] + [(f"{size:g} MB", int(size * 1_000_000)) for size in megabytes]
    for label, size in sizes:
        folder = Path(tempfile.mkdtemp(prefix="large-text-", dir=workdir))
        try:
            document = folder / "riesig.txt"
            filler = paper_with_filler(document, size)
            store = shutil.copytree(sample, folder / "store")
            run = ingest_measured(document, store, timeout=3600)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        figures: dict[str, Any] = {
            "bytes": HALLE.stat().st_size + filler,
            "filler_bytes": filler,
            "returncode": run.returncode,
            "cpu_seconds": round(run.cpu_seconds, 2),
            "wall_seconds": round(run.wall_seconds, 2),
            "max_rss_mb": round(run.max_rss_mb, 1),
            "unclear": clear_outcome(run, document.name),
        }
        if figures["unclear"]:
            misses.append(f"{label}: {figures['unclear']}")
        if label == "paper":
            fixed = run.cpu_seconds
        elif label == "1 MB":
            per_byte = (run.cpu_seconds - fixed) / filler
        else:
            predicted = per_byte * filler
            figures["predicted_filler_cpu_seconds"] = round(predicted, 2)
            figures["ratio_to_prediction"] = round((run.cpu_seconds - fixed) / predicted, 2) if predicted > 0 else None
            if predicted <= 0 or run.cpu_seconds - fixed > LINEAR_SLACK * predicted:
                misses.append(f"{label}: {figures['ratio_to_prediction']}× the 1 MB line (allowed {LINEAR_SLACK:g}×)")
        runs[label] = figures
        print(f"{label:>8}: {figures}", file=sys.stderr, flush=True)
    return {"runs": runs, "linear_slack": LINEAR_SLACK, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    from bench.measure import write_results

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", default="50", help="sizes of the filler in MB, comma-separated (default 50)")
    parser.add_argument("--repeats", type=int, default=1, help="measurements of the whole series")
    parser.add_argument(
        "--workdir", type=Path, default=Path(__file__).resolve().parent / ".work", help="where the stores go"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    megabytes = [float(size) for size in args.megabytes.split(",")]
    series = []
    for _ in range(args.repeats):
        started_load = os.getloadavg()[0]
        figures = measure(args.workdir, megabytes)
        figures["load_average_start_end"] = [started_load, os.getloadavg()[0]]
        series.append(figures)
    path = write_results("large-text", {"series": series})
    misses = [miss for figures in series for miss in figures["misses"]]
    print(f"results: {path}", file=sys.stderr)
    for miss in misses:
        print(f"miss: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
