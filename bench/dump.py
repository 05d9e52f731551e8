"""N-Triples dump throughput alone, this tree and a git revision side by side in one run.

    python -m bench.dump --sizes 1e6,1e7                      # this tree only
    python -m bench.dump --sizes 1e6,1e7 --before ff88a3d --rounds 3 --digest

The stores are the ones `python -m bench.run` generates and loads (`bench.generate`,
reused from `--workdir`); the dump is `bench.run.dump_throughput`, the figure of the
README's "N-Triples dump" row: `LocalStore.dump(sink, "nt")` of the store's current
snapshot into a sink that counts bytes and lines. Every run is a fresh process
(`--before REV`: one running the code of that revision, exported with `git archive`),
and the sides alternate round by round, so that a machine whose speed changes weighs
on both. Each run records the load average before and after it and the CPU time of
its process and of the processes it started: on a shared machine the CPU per triple
says what the code costs when the wall time says mostly how busy the machine was.
`--digest` also takes the SHA-256 of the bytes and a digest of the lines that does
not depend on their order (the sum of each line's BLAKE2b; one more pass per side
and size): the same lines with the same digest, whatever order each side writes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from bench import generate
from bench.ingest import export_revision
from bench.measure import json_from_child, log

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
THIS = "this"

_RUN = """
import hashlib, io, json, os, resource, sys, time
sys.path.insert(0, {tree!r})
from pathlib import Path
import councilgraph
assert Path(councilgraph.__file__).is_relative_to({tree!r}), councilgraph.__file__
from councilgraph.store import LocalStore

def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime

store = LocalStore(Path({store!r}))
store.query("ASK {{ ?s ?p ?o }}")  # opens the current snapshot
if {digest!r}:
    digest, lines, rest, total = hashlib.sha256(), 0, b"", 0
    class Hashing(io.RawIOBase):
        def writable(self): return True
        def write(self, data):
            global lines, rest, total
            digest.update(data)
            *whole, rest = (rest + bytes(data)).split(b"\\n")
            for line in whole:
                total += int.from_bytes(hashlib.blake2b(line, digest_size=16).digest(), "big")
            lines += len(whole)
            return len(data)
    store.dump(Hashing(), "nt")
    assert not rest, "the dump ends with a newline"
    print(json.dumps({{"sha256": digest.hexdigest(), "lines": lines, "lines_digest": f"{{total % 2**128:032x}}"}}))
    sys.exit(0)
from bench.run import dump_throughput
load = os.getloadavg()[0]
own, children = cpu()
run = dump_throughput(store)
own_after, children_after = cpu()
run["cpu_seconds"] = {{"main": round(own_after - own, 2), "workers": round(children_after - children, 2)}}
run["load_average"] = [round(load, 2), round(os.getloadavg()[0], 2)]
print(json.dumps(run))
"""


def run_side(tree: Path, store: Path, *, digest: bool = False) -> dict[str, Any]:
    """One dump of `store` by the code in `tree`, in a fresh process."""
    script = _RUN.format(tree=str(tree), store=str(store.resolve()), digest=digest)
    result: dict[str, Any] = json_from_child([script], cwd=tree, what=f"the dump by {tree}")
    return result


def bench_dumps(
    sizes: list[int], workdir: Path, before: str | None, rounds: int, digest: bool
) -> dict[str, Any]:
    sample = generate.sample_store(workdir)
    corpus = generate.load_corpus(sample)
    trees = {THIS: ROOT}
    if before is not None:
        tree = export_revision(before, workdir)
        trees[f"before {tree.name.removeprefix('revision-')}"] = tree
    out: dict[str, Any] = {}
    for size in sizes:
        store, _, quads = generate.loaded_store(workdir, corpus, size)
        label = f"{size:.0e}".replace("+0", "").replace("+", "")
        runs: dict[str, list[dict[str, Any]]] = {side: [] for side in trees}
        for round_number in range(rounds):
            order = list(trees) if round_number % 2 == 0 else list(reversed(trees))
            for side in order:
                run = run_side(trees[side], store)
                runs[side].append(run)
                log(
                    f"{label} {side}: {run['triples']:,} triples in {run['seconds']:.1f} s = "
                    f"{run['triples_per_second']:,.0f} triples/s, CPU main {run['cpu_seconds']['main']} s "
                    f"+ workers {run['cpu_seconds']['workers']} s, load {run['load_average']}"
                )
        summary: dict[str, Any] = {"quads": quads, "store": str(store)}
        for side, side_runs in runs.items():
            rates = [r["triples_per_second"] for r in side_runs]
            cpu = [(r["cpu_seconds"]["main"] + r["cpu_seconds"]["workers"]) / r["triples"] * 1e6 for r in side_runs]
            summary[side] = {
                "runs": side_runs,
                "median_triples_per_second": statistics.median(rates),
                "best_triples_per_second": max(rates),
                "median_cpu_microseconds_per_triple": round(statistics.median(cpu), 3),
            }
            if digest:
                summary[side].update(run_side(trees[side], store, digest=True))
        out[label] = summary
    return out


def print_dumps(results: dict[str, Any]) -> None:
    print("\nN-Triples dump (LocalStore.dump of the current snapshot)")
    for label, summary in results.items():
        for side, figures in summary.items():
            if not isinstance(figures, dict):
                continue
            loads = [r["load_average"] for r in figures["runs"]]
            print(
                f"  {label} {side:<22} median {figures['median_triples_per_second']:>9,.0f} triples/s, "
                f"best {figures['best_triples_per_second']:>9,.0f}, "
                f"CPU {figures['median_cpu_microseconds_per_triple']} µs/triple, load {loads}"
                + (
                    f", sha256 {figures['sha256'][:16]}, {figures['lines']:,} lines, "
                    f"lines in any order {figures['lines_digest'][:16]}"
                    if "sha256" in figures
                    else ""
                )
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.dump", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1e6", help="dataset sizes in triples, comma-separated (default 1e6)")
    parser.add_argument("--before", help="git revision to measure beside this tree, in the same run")
    parser.add_argument("--rounds", type=int, default=3, help="runs per side and size (default 3)")
    parser.add_argument("--digest", action="store_true", help="also compare the SHA-256 of both sides' dumps")
    parser.add_argument("--workdir", type=Path, default=BENCH / ".work", help="generated data and stores (reused)")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(float(s)) for s in args.sizes.split(",") if s]
    started = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    results = bench_dumps(sizes, args.workdir, args.before, max(1, args.rounds), args.digest)
    print_dumps(results)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"dump-{datetime.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"started": started, "sizes": results}, indent=2), encoding="utf-8")
    log(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
