"""The endpoint of this working tree and of an earlier revision, side by side against the floor.

    python -m bench.endpoints --before HEAD~1                    # the 10^5 store of `python -m bench.run`
    python -m bench.endpoints --before ca085c4 --rounds 11 --store bench/.work/store-1e6

Two `councilgraph serve` processes answer from the same store, one run by the code of
`--before` (exported with `git archive`, as `bench.ingest` does; its dependencies must
be installed in this environment), one by this working tree. Each example query runs,
round after round (the order reversed every other round), in this process on an
in-memory copy of the store (the floor, as `bench.run` measures it) and through both
endpoints (uncached: every request text is new). Medians per query and their sums are
printed and written to `bench/results/endpoints-<time>.json` with the load average and
the CPU calibration, so that a change to the request path is measured against the code
it changes, under the same load.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.ingest import export_revision
from bench.measure import JSON_RESULTS, HttpTarget, free_port, in_process, stop, timed_http, write_results
from bench.run import BENCH, ROOT, cpu_calibration, load_queries, log, unique
from councilgraph.memory_engine import copy_into_memory
from councilgraph.store import LocalStore

TARGETS = ("floor", "before", "after")
ROW_LIMIT = 100_000
"""The row limit of `bench.run`'s endpoint."""


@contextlib.contextmanager
def serving(
    tree: Path, store: Path, log_file: Path, ready_seconds: float, row_limit: int = ROW_LIMIT
) -> Iterator[HttpTarget]:
    """`councilgraph serve` run by the code in `tree`, once its workers answer from memory."""
    port = free_port()
    env = {
        **os.environ,
        "COUNCILGRAPH_BASE_URI": "http://localhost:5000/",
        "COUNCILGRAPH_QUERY_TIMEOUT": "120",
        "COUNCILGRAPH_ROW_LIMIT": str(row_limit),
        "COUNCILGRAPH_MEMORY_ENGINE": "auto",
        "COUNCILGRAPH_WARM_ANSWERS": "false",
    }
    command = [sys.executable, "-m", "councilgraph", "serve", "--store", str(store), "--port", str(port)]
    with open(log_file, "wb") as handle:
        process = subprocess.Popen(
            [*command, "--threads", "4"], stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=tree
        )
    target = HttpTarget(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + ready_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"serve in {tree} exited: {log_file.read_text(errors='replace')[-2000:]}")
            with contextlib.suppress(OSError):
                target.sparql(f"ASK {{}} # ready {time.monotonic_ns()}", JSON_RESULTS)
                if 'desc="memory"' in target.last_headers.get("server-timing", ""):
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve in {tree} did not answer from memory within {ready_seconds:g} s")
            time.sleep(0.5)
        yield target
    finally:
        target.close()
        stop(process)


def server_timing(headers: dict[str, str]) -> dict[str, float]:
    """The durations (ms) an endpoint reports in its `Server-Timing` header, by name (`query`, `app`)."""
    durations: dict[str, float] = {}
    for metric in headers.get("server-timing", "").split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        for param in params:
            key, _, value = param.partition("=")
            if key == "dur":
                with contextlib.suppress(ValueError):
                    durations[name] = float(value)
    return durations


def paired_differences(before: dict[str, list[float]], after: dict[str, list[float]]) -> dict[str, Any]:
    """Per query, `after` − `before` round by round (ms): the two run back to back in each round, so a
    machine that changes speed between rounds weighs on both alike. The median of the differences and
    their quartiles; and the same for the sum over all queries, round by round."""
    per_query = {name: [(a - b) * 1000 for b, a in zip(before[name], after[name], strict=True)] for name in before}
    rounds = zip(*per_query.values(), strict=True)
    figures = {name: _spread(diffs) for name, diffs in per_query.items()}
    figures["(sum)"] = _spread([sum(one_round) for one_round in rounds])
    return figures


def _spread(values: list[float]) -> dict[str, float]:
    low, median, high = statistics.quantiles(values, n=4) if len(values) > 1 else (values[0],) * 3
    return {"median": round(median, 3), "q1": round(low, 3), "q3": round(high, 3)}


def request_path(
    seconds: dict[str, list[float]], reported: dict[str, dict[str, list[float]]]
) -> dict[str, list[float]]:
    """Per query, each request's time at the client less its worker's own (`Server-Timing` `query`):
    what the request path adds, without the engine, whose speed differs between two processes holding
    the same copy (by up to ±20 % on single queries, either way). Empty where an endpoint did not
    report the worker's time for every request."""
    own = reported.get("query", {})
    if any(len(own.get(name, [])) != len(values) for name, values in seconds.items()):
        return {}
    return {
        name: [total - worker for total, worker in zip(values, own[name], strict=True)]
        for name, values in seconds.items()
    }


def print_paired(figures: dict[str, dict[str, float]], what: str) -> None:
    print(f"\n{what}, after − before, round by round (ms): median [quartiles]; a gain shows when the quartiles agree")
    for name, spread in figures.items():
        print(f"{name[:46]:46s} {spread['median']:+8.2f} [{spread['q1']:+.2f}, {spread['q3']:+.2f}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.endpoints", description=__doc__)
    parser.add_argument("--before", required=True, help="git revision whose endpoint is measured beside this tree's")
    parser.add_argument("--store", type=Path, default=BENCH / ".work" / "store-1e5", help="a store made by bench.run")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds per query and target")
    parser.add_argument("--ready", type=float, default=900.0, help="seconds to wait for the in-memory copies")
    parser.add_argument(
        "--row-limit",
        type=int,
        default=ROW_LIMIT,
        help="the endpoints' row limit (a lower one sends larger results through the row cap's path at a smaller size)",
    )
    args = parser.parse_args(argv)

    workdir = BENCH / ".work"
    tree = export_revision(args.before, workdir)
    args.store = args.store.resolve()  # each endpoint runs in its own tree: a relative path would name another store
    store = LocalStore(args.store)
    memory_copy = copy_into_memory(store.current_snapshot()[1])
    if len(memory_copy) == 0:  # every query would answer nothing: the cost of a request, not of a query
        parser.error(f"{args.store} holds no quads; `python -m bench.run --sizes 1e5` makes the bench's store")
    out: dict[str, Any] = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "before": args.before,
        "store": str(args.store),
        "row_limit": args.row_limit,
        "quads": len(memory_copy),
        "python_loop_seconds": cpu_calibration(),
        "load_average": [round(os.getloadavg()[0], 2)],
    }
    queries = load_queries()
    seconds: dict[str, dict[str, list[float]]] = {target: {} for target in TARGETS}
    # what each endpoint says of its own time (`Server-Timing`): the query in the worker, the request in the web process
    reported: dict[str, dict[str, dict[str, list[float]]]] = {t: {"query": {}, "app": {}} for t in TARGETS[1:]}
    endpoints = {}
    with (
        serving(tree, args.store, workdir / "serve-before.log", args.ready, args.row_limit) as before,
        serving(ROOT, args.store, workdir / "serve-after.log", args.ready, args.row_limit) as after,
    ):
        log(f"both endpoints answer from memory; {len(queries)} queries, {args.rounds} rounds")
        endpoints = {"before": before, "after": after}
        runners = {
            "floor": lambda q: in_process(memory_copy, q),
            "before": lambda q: timed_http(before, unique(q)),
            "after": lambda q: timed_http(after, unique(q)),
        }
        for name, query in queries.items():
            for round_number in range(-1, args.rounds):  # round -1 warms up
                order = TARGETS if round_number % 2 == 0 else tuple(reversed(TARGETS))
                for target in order:
                    elapsed = runners[target](query)
                    if round_number < 0:
                        continue
                    seconds[target].setdefault(name, []).append(elapsed)
                    if target in endpoints:
                        for metric, ms in server_timing(endpoints[target].last_headers).items():
                            if metric in reported[target]:
                                reported[target][metric].setdefault(name, []).append(ms / 1000)
    out["load_average"].append(round(os.getloadavg()[0], 2))
    medians = {t: {name: statistics.median(values) for name, values in seconds[t].items()} for t in TARGETS}
    out["medians_ms"] = {t: {name: round(v * 1000, 3) for name, v in medians[t].items()} for t in TARGETS}
    floor_sum = sum(medians["floor"].values())
    out["reported_medians_ms"] = {
        t: {m: {n: round(statistics.median(v) * 1000, 3) for n, v in per.items()} for m, per in metrics.items() if per}
        for t, metrics in reported.items()
    }
    for target in ("before", "after"):
        substantial = [
            (medians[target][name] / medians["floor"][name], name) for name in queries if medians["floor"][name] >= 0.01
        ]
        out[target] = {
            "sum_ratio": round(sum(medians[target].values()) / floor_sum, 3),
            "worst_of_10ms_or_more": [round(max(substantial)[0], 2), max(substantial)[1]] if substantial else None,
        }
    print(f"{'query':46s} {'floor':>8s} {'before':>15s} {'after':>15s}")
    for name in queries:
        floor = medians["floor"][name] * 1000
        cells = [f"{medians[t][name] * 1000:8.1f} ({medians[t][name] * 1000 / floor:4.2f})" for t in TARGETS[1:]]
        print(f"{name[:46]:46s} {floor:8.1f} {cells[0]} {cells[1]}")
    after_reported = out["reported_medians_ms"]["after"]
    if after_reported.get("query") and after_reported.get("app"):
        print("\nwhere the time of `after` goes (medians, ms): its worker's own time (query and result written),")
        print("the web process's time beyond it (reading the request, hand-over to and from the worker), the rest")
        print("(HTTP: waitress, the socket, the client reading the answer)")
        print(f"{'query':46s} {'floor':>8s} {'worker':>15s} {'web':>8s} {'http':>8s} {'client':>8s}")
        for name in queries:
            floor = medians["floor"][name] * 1000
            worker = after_reported["query"].get(name, float("nan"))
            app = after_reported["app"].get(name, float("nan"))
            client = medians["after"][name] * 1000
            print(
                f"{name[:46]:46s} {floor:8.1f} {worker:8.1f} ({worker / floor:4.2f}) {app - worker:8.2f}"
                f" {client - app:8.2f} {client:8.1f}"
            )
    out["paired_ms"] = paired_differences(seconds["before"], seconds["after"])
    print_paired(out["paired_ms"], "the whole request")
    paths = [request_path(seconds[target], reported[target]) for target in ("before", "after")]
    if all(paths):
        out["paired_request_path_ms"] = paired_differences(*paths)
        print_paired(out["paired_request_path_ms"], "the request path (client − the worker's own time)")
    for target in ("before", "after"):
        figures = out[target]
        print(f"{target}: sum ÷ floor {figures['sum_ratio']}, worst query ≥ 10 ms {figures['worst_of_10ms_or_more']}")
    print(f"load average {out['load_average']}, 10^7-addition loop {out['python_loop_seconds']} s")
    path = write_results("endpoints", out)
    log(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
