"""The benchmark: query mix, pages, dumps, memory and ingest, against the targets.

    python -m bench.run                      # 10^5 and 10^6 triples, ingest 100 and 1,000 documents
    python -m bench.run --full               # adds 10^7 triples and 10,000 documents
    python -m bench.run --sizes 1e5 --ingest 100 --save-baseline

Everything in one run is measured on the same machine and data, side by side:
pyoxigraph in this process (the floor), `councilgraph serve` over HTTP,
rdflib's own SPARQL engine in memory, Virtuoso over HTTP (when installed) and
`councilgraph serve` on the Virtuoso backend. Results go to
`bench/results/<time>.json`; a run is compared with `bench/baseline.json`.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import math
import os
import platform
import random
import shutil
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench import generate
from bench.measure import (
    HttpTarget,
    RssSampler,
    Timing,
    councilgraph_server,
    descendant_peaks,
    in_memory_copy,
    in_process,
    log,
    peak_rss_bytes,
    timed_http,
    wait_for_engine,
)
from councilgraph.client import with_prefixes
from councilgraph.settings import Settings
from councilgraph.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
BASELINE = BENCH / "baseline.json"
QUERIES = ROOT / "queries"
BASE = generate.BASE
PAGE_SAMPLE = 100
SUBSTANTIAL_SECONDS = 0.01
"""Queries shorter than this in memory are dominated by the HTTP round trip, not by the engine."""
RDFLIB_MAX_TRIPLES = 1_000_000
RDFLIB_TOO_LARGE = (
    "skipped above 10^6 triples, where its target is measured "
    "(its pure-Python in-memory store is the slow, memory-hungry part of a run); --rdflib-all runs it"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="1e5,1e6", help="dataset sizes in triples (default 1e5,1e6)")
    parser.add_argument("--ingest", default="100,1000", help="documents per ingest run (default 100,1000)")
    parser.add_argument("--full", action="store_true", help="add 1e7 triples and 10,000 documents")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per query and target")
    parser.add_argument("--rdflib-timeout", type=float, default=30.0, help="seconds per rdflib query")
    parser.add_argument(
        "--slow-query",
        type=float,
        default=2.0,
        help="a query slower than this (s, in-process) is left out of larger sizes",
    )
    parser.add_argument("--no-virtuoso", action="store_true", help="skip Virtuoso even when installed")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib")
    parser.add_argument("--rdflib-all", action="store_true", help="run rdflib above 10^6 triples too")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=BENCH / ".work",
        help="generated data and stores (reused between runs)",
    )
    parser.add_argument(
        "--reuse-sizes",
        type=Path,
        metavar="JSON",
        help="take the per-size results from an earlier (partial) results file "
        "(and its ingest figures, with --ingest '')",
    )
    parser.add_argument(
        "--memory-engine",
        choices=("auto", "on", "off"),
        default="auto",
        help="COUNCILGRAPH_MEMORY_ENGINE for the server under test (default auto, as deployed)",
    )
    parser.add_argument(
        "--engine-wait",
        type=float,
        default=900.0,
        help="seconds to wait for the query workers' in-memory copy before measuring",
    )
    parser.add_argument("--save-baseline", action="store_true", help="write this run to bench/baseline.json")
    parser.add_argument("--oparl", default="", help="papers per OParl harvest run (e.g. 1000,10000; bench/oparl.py)")
    args = parser.parse_args(argv)

    sizes = [int(float(s)) for s in args.sizes.split(",") if s]
    ingest_counts = [int(float(s)) for s in args.ingest.split(",") if s]
    if args.full:
        sizes = sorted({*sizes, 10_000_000})
        ingest_counts = sorted({*ingest_counts, 10_000})
    args.workdir.mkdir(parents=True, exist_ok=True)

    results: dict[str, Any] = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "pyoxigraph": ox.__version__,
            "python_loop_seconds": cpu_calibration(),
        },
        "sizes": {},
        "ingest": {},
    }
    log(f"sample corpus → {args.workdir}")
    sample = generate.sample_store(args.workdir)
    corpus = generate.load_corpus(sample)
    results["corpus"] = {
        "classes": generate.class_profile(LocalStore(sample)),
        "triples_per_document": round(corpus.triples_per_document, 1),
        "reference_triples": len(corpus.reference),
    }
    log(f"sample classes: {generate.profile_table(sample)}")
    queries = load_queries()
    log(f"query mix: {len(queries)} queries from {QUERIES}")

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    partial = RESULTS / f"{stamp}.partial.json"
    RESULTS.mkdir(exist_ok=True)
    reused_ingest: dict[str, Any] | None = None
    if args.reuse_sizes is not None:
        earlier = json.loads(args.reuse_sizes.read_text(encoding="utf-8"))
        results["sizes"] = earlier["sizes"]
        results["reused_sizes_from"] = str(args.reuse_sizes)
        sizes = [s for s in sizes if size_label(s) not in results["sizes"]]
        if not ingest_counts and earlier.get("ingest"):
            reused_ingest = earlier["ingest"]  # --ingest "": keep the earlier run's ingest figures
    excluded: dict[str, str] = {}
    for size in sizes:
        label = size_label(size)
        log(f"== {label} triples")
        mix = {name: query for name, query in queries.items() if name not in excluded}
        results["sizes"][label] = bench_size(size, corpus, mix, args)
        results["sizes"][label]["excluded"] = dict(excluded)
        for name, timing in results["sizes"][label]["pyoxigraph"].items():
            if (timing.get("median") or 0) > args.slow_query and name not in excluded:
                excluded[name] = (
                    f"took {timing['median']:.1f} s in-process at {label}; "
                    "left out of larger sizes (it grows faster than the data)"
                )
                log(f"{name}: {excluded[name]}")
        partial.write_text(json.dumps(results, indent=2), encoding="utf-8")
    try:
        results["ingest"] = reused_ingest or bench_ingest(ingest_counts, sample, args.workdir)
    except Exception as error:  # noqa: BLE001 - keep the measured sizes; report what broke
        results["ingest"] = {"error": f"{type(error).__name__}: {error}"}
        log(f"ingest failed: {results['ingest']['error']}")
    if args.oparl:
        from bench import oparl

        results["oparl"] = [
            oparl.measure(int(float(n)), files) for n in args.oparl.split(",") for files in (False, True)
        ]
    results["targets"] = evaluate(results)

    print_report(results)
    out = RESULTS / f"{stamp}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    partial.unlink(missing_ok=True)
    log(f"wrote {out.relative_to(ROOT)}")
    compare_with_baseline(results)
    if args.save_baseline:
        BASELINE.write_text(json.dumps(results, indent=2), encoding="utf-8")
        log(f"wrote {BASELINE.relative_to(ROOT)}")
    return 0


def cpu_calibration() -> float:
    """Seconds for 10^7 additions in a Python loop: tells runs on a busy or slowed machine apart."""
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return round(time.perf_counter() - started, 3)


def size_label(size: int) -> str:
    exponent = round(math.log10(size))
    return f"1e{exponent}" if 10**exponent == size else str(size)


def load_queries() -> dict[str, str]:
    return {path.stem: with_prefixes(path.read_text(encoding="utf-8")) for path in sorted(QUERIES.glob("*.rq"))}


def unique(query: str) -> str:
    """The same query with a fresh comment: a cache miss for any result cache keyed by the text."""
    return f"{query}\n# bench {uuid.uuid4().hex}\n"


# --------------------------------------------------------------------------- one dataset size


def bench_size(size: int, corpus: generate.Corpus, queries: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    store_path, nquads, quads = generate.loaded_store(args.workdir, corpus, size)
    out: dict[str, Any] = {
        "quads": quads,
        "prepare_seconds": round(time.perf_counter() - started, 1),
    }
    repeats = args.repeats if size <= 1_000_000 else max(2, args.repeats // 2)
    log(f"{quads} quads in {store_path.name} ({out['prepare_seconds']} s to generate and load)")

    local = LocalStore(store_path)
    memory_copy, out["memory_copy"] = in_memory_copy(local)
    log(
        f"in-memory copy: {out['memory_copy']['copy_seconds']} s, "
        f"{out['memory_copy'].get('bytes_per_quad', '(not measured)')} resident bytes per quad"
    )
    out["dump_nt"] = dump_throughput(local)
    log(f"N-Triples dump: {out['dump_nt']['triples_per_second']:,.0f} triples/s")
    pages = sample_pages(local, PAGE_SAMPLE)

    from server.dumps import dumps_folder

    # the server builds its dump files on the first /dumps/ request: start without any
    shutil.rmtree(dumps_folder(Settings(store=str(store_path))), ignore_errors=True)
    log_file = args.workdir / f"serve-{size_label(size)}.log"
    # the example queries are what the bench runs: no warming of them beside the measurements
    engine_env = {"COUNCILGRAPH_MEMORY_ENGINE": args.memory_engine, "COUNCILGRAPH_WARM_ANSWERS": "false"}
    with councilgraph_server(str(store_path), log_file, engine_env) as (base, pid), RssSampler(pid) as sampler:
        target = HttpTarget(base)
        wanted = "disk" if args.memory_engine == "off" else "memory"
        engine, waited = wait_for_engine(target, wanted, timeout=args.engine_wait)
        out["endpoint_engine"] = {"mode": args.memory_engine, "engine": engine, "ready_seconds": round(waited, 1)}
        log(f"endpoint answers from {engine} (after {waited:.1f} s)")
        fresh = side_by_side(
            queries,
            {
                "pyoxigraph": lambda q: in_process(local, q),
                "pyoxigraph_memory": lambda q: in_process(memory_copy, q),
                "endpoint": lambda q: timed_http(target, unique(q)),
            },
            repeats,
            warm=True,
        )
        out.update(fresh)
        log("pyoxigraph on disk, pyoxigraph in memory and endpoint done")
        out["endpoint_cached"] = per_query(queries, lambda q: timed_http(target, q), repeats, warm=True)
        out["pages"] = page_latency(target, pages).as_json()
        if size <= 1_000_000:
            out["dump_http"] = dump_over_http(target)
        own, total = peak_rss_bytes(pid)
        out["server_rss"] = {
            "process_bytes": own,
            "sum_of_peaks_bytes": total,
            "peak_together_bytes": sampler.peak,
            "worker_peaks_bytes": sorted(descendant_peaks(pid).values(), reverse=True),
        }
        target.close()
    log(f"councilgraph endpoint done; pages p95 {fmt_ms(out['pages']['p95'])}")

    if not args.no_rdflib and size > RDFLIB_MAX_TRIPLES and not args.rdflib_all:
        out["rdflib"] = {"note": RDFLIB_TOO_LARGE, "queries": {}}
        log(f"rdflib skipped at {size_label(size)}: {RDFLIB_TOO_LARGE}")
    elif not args.no_rdflib:
        out["rdflib"] = bench_rdflib(nquads, queries, size, repeats, args.rdflib_timeout)
    if not args.no_virtuoso:
        try:
            out.update(bench_virtuoso(args.workdir, nquads, queries, pages, repeats, size))
        except Exception as error:  # noqa: BLE001 - keep what was measured; report what broke
            out["virtuoso_note"] = f"Virtuoso part failed: {type(error).__name__}: {str(error)[:300]}"
            log(out["virtuoso_note"])
    local.close()
    return out


def per_query(queries: dict[str, str], run: Callable[[str], float], repeats: int, warm: bool) -> dict[str, Any]:
    return side_by_side(queries, {"only": run}, repeats, warm)["only"]


def side_by_side(
    queries: dict[str, str], runners: dict[str, Callable[[str], float]], repeats: int, warm: bool
) -> dict[str, dict[str, Any]]:
    """Each query on every target in turn, round after round (the order reversed every other
    round), so that a machine or a store that slows down or speeds up meanwhile weighs on all
    targets alike. Returns target → query → timing."""
    timings: dict[str, dict[str, Any]] = {label: {} for label in runners}
    for name, query in queries.items():
        measured = {label: Timing() for label in runners}
        order = list(runners)
        for round_number in range(-1 if warm else 0, repeats):
            for label in order if round_number % 2 == 0 else reversed(order):
                timing = measured[label]
                if timing.error is not None:
                    continue
                try:
                    seconds = runners[label](query)
                except Exception as error:  # noqa: BLE001 - a failing query is a result, reported as such
                    timing.error = f"{type(error).__name__}: {error}"[:300]
                    continue
                if round_number >= 0:  # round -1 warms up
                    timing.seconds.append(seconds)
        for label, timing in measured.items():
            timings[label][name] = timing.as_json()
    return timings


def dump_throughput(store: LocalStore) -> dict[str, float]:
    class Counting(io.RawIOBase):
        bytes = 0
        lines = 0

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            view = bytes(data)
            self.bytes += len(view)
            self.lines += view.count(b"\n")
            return len(view)

    sink = Counting()
    started = time.perf_counter()
    store.dump(sink, "nt")  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    return {
        "triples": sink.lines,
        "seconds": round(seconds, 3),
        "triples_per_second": sink.lines / seconds,
        "bytes": sink.bytes,
    }


def dump_over_http(target: HttpTarget) -> dict[str, Any]:
    """The server's N-Triples dump: the first /dumps/ request starts the build (503 until ready); then a download."""
    started = time.perf_counter()
    deadline = started + 1800
    while True:
        try:
            status, body = target.get("/dumps/", "application/json")
        except OSError as error:
            return {"error": f"/dumps/ did not answer: {error}"}
        if status != 503 or time.perf_counter() > deadline:
            break
        time.sleep(2)
    built = time.perf_counter() - started
    if status != 200:
        return {"error": f"/dumps/: HTTP {status}", "seconds": built}
    files = [f for f in json.loads(body)["files"] if f["format"] == "nt" and f["kind"] == "dataset"]
    if not files:
        return {"error": "no N-Triples dataset dump listed", "build_seconds": built}
    entry = files[0]
    started = time.perf_counter()
    status, data = target.get(entry["url"], entry["mediaType"])
    seconds = time.perf_counter() - started
    return {
        "build_seconds": round(built, 2),
        "file": entry["name"],
        "bytes": len(data),
        "status": status,
        "download_seconds": round(seconds, 4),
        "statements": entry["statements"],
        "download_triples_per_second": entry["statements"] / seconds if seconds else None,
    }


def sample_pages(store: LocalStore, count: int) -> list[str]:
    """Page paths of random motions, actors, statements and documents (each visited once: cold)."""
    classes = " ".join(f"<{generate.CG}{name}>" for name in ("Motion", "Actor", "Statement", "Document"))
    result = store.query(f"SELECT ?s WHERE {{ VALUES ?c {{ {classes} }} ?s a ?c }}")
    assert isinstance(result, ox.QuerySolutions)
    iris = sorted({row["s"].value for row in result if isinstance(row["s"], ox.NamedNode)})
    chosen = random.Random(3).sample(iris, min(count, len(iris)))
    return ["/doc/" + iri[len(BASE) + 3 :] for iri in chosen if iri.startswith(BASE + "id/")]


def page_latency(target: HttpTarget, pages: list[str]) -> Timing:
    timing = Timing()
    for path in pages:
        started = time.perf_counter()
        status, body = target.get(path, "text/html")
        elapsed = time.perf_counter() - started
        if status != 200:
            timing.error = f"{path}: HTTP {status} {body[:200].decode('utf-8', 'replace')}"
            continue
        timing.seconds.append(elapsed)
    return timing


def bench_rdflib(nquads: Path, queries: dict[str, str], size: int, repeats: int, timeout: float) -> dict[str, Any]:
    from bench.rdflib_worker import RdflibEngine

    engine = RdflibEngine(nquads, load_timeout=1800)
    out: dict[str, Any] = {"note": "", "queries": {}}
    try:
        engine.start()
    except TimeoutError as error:
        out["note"] = str(error)
        return out
    out["load_seconds"] = engine.load_seconds
    log(f"rdflib loaded {nquads.name} in {engine.load_seconds:.0f} s")
    runs = repeats if size <= 100_000 else 1
    timeouts = 0
    for name, query in queries.items():
        timing = Timing()
        if timeouts >= 2:
            timing.error = "skipped after two timeouts at this size"
        else:
            for _ in range(runs):
                answer = engine.run(query, timeout)
                if isinstance(answer, str):
                    timing.error = answer
                    timeouts += answer == "timeout"
                    break
                timing.seconds.append(answer)
        out["queries"][name] = timing.as_json()
    engine.stop()
    out["note"] = f"rdflib Dataset (memory), {runs} run(s) per query, {timeout:.0f} s limit per query" + (
        "; after two timeouts the remaining queries were skipped" if timeouts >= 2 else ""
    )
    log("rdflib done")
    return out


def bench_virtuoso(
    workdir: Path, nquads: Path, queries: dict[str, str], pages: list[str], repeats: int, size: int
) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    from virtuoso import VirtuosoServer, virtuoso_unavailable

    reason = virtuoso_unavailable()
    if reason is not None:
        log(f"Virtuoso skipped: {reason}")
        return {"virtuoso_note": f"not measured: {reason}"}
    folder = workdir / f"virtuoso-{size_label(size)}"
    shutil.rmtree(folder, ignore_errors=True)
    out: dict[str, Any] = {}
    memory = 1.0 if size <= 1_000_000 else 4.0
    with VirtuosoServer(folder, memory_gb=memory, dirs_allowed=(nquads.parent,)) as server:
        started = time.perf_counter()
        server.bulk_load(nquads.parent, nquads.name)
        out["virtuoso_load_seconds"] = round(time.perf_counter() - started, 1)
        log(f"Virtuoso loaded {nquads.name} in {out['virtuoso_load_seconds']} s")
        direct = HttpTarget(server.base)
        log_file = workdir / f"serve-virtuoso-{size_label(size)}.log"
        with councilgraph_server(server.query_url, log_file) as (base, pid):
            target = HttpTarget(base)
            fresh = {
                "virtuoso": lambda q: timed_http(direct, unique(q)),
                "endpoint_on_virtuoso": lambda q: timed_http(target, unique(q)),
            }
            out.update(side_by_side(queries, fresh, repeats, warm=True))
            repeated = {
                "virtuoso_repeated": lambda q: timed_http(direct, q),
                "endpoint_on_virtuoso_cached": lambda q: timed_http(target, q),
            }
            out.update(side_by_side(queries, repeated, repeats, warm=True))
            log("Virtuoso direct and councilgraph on Virtuoso done")
            out["pages_on_virtuoso"] = page_latency(target, pages[:30]).as_json()
            own, total = peak_rss_bytes(pid)
            out["server_on_virtuoso_rss"] = {"process_bytes": own, "sum_of_peaks_bytes": total}
            target.close()
        direct.close()
    shutil.rmtree(folder, ignore_errors=True)
    return out


# --------------------------------------------------------------------------- ingest


def bench_ingest(counts: list[int], sample: Path, workdir: Path) -> dict[str, Any]:
    """Ingest along today's path (pyshacl) and the compiled path, side by side (`bench/ingest.py`)."""
    from bench import ingest

    return ingest.bench_ingest(counts, sample, workdir)


# --------------------------------------------------------------------------- targets and report


def ratios(numerator: dict[str, Any] | None, denominator: dict[str, Any] | None) -> list[float]:
    """Per-query ratios of medians, for the queries both sides answered."""
    if not numerator or not denominator:
        return []
    values = []
    for name, top in numerator.items():
        bottom = denominator.get(name) or {}
        if top.get("median") and bottom.get("median"):
            values.append(top["median"] / bottom["median"])
    return values


def sum_ratio(numerator: dict[str, Any] | None, denominator: dict[str, Any] | None) -> float | None:
    """Sum of the numerator's medians ÷ sum of the denominator's, over the queries both answered."""
    top, bottom = _timings(numerator or {}), _timings(denominator or {})
    both = [n for n in top if (top[n] or {}).get("median") and (bottom.get(n) or {}).get("median")]
    if not both:
        return None
    return sum(top[n]["median"] for n in both) / sum(bottom[n]["median"] for n in both)


def rdflib_ratios(rdflib: dict[str, Any] | None, endpoint: dict[str, Any], timeout: float) -> list[float]:
    """rdflib time / endpoint time; a timeout counts as the limit (the ratio is a lower bound)."""
    if not rdflib:
        return []
    values = []
    for name, timing in rdflib.get("queries", {}).items():
        ours = (endpoint.get(name) or {}).get("median")
        if not ours:
            continue
        if timing.get("median"):
            values.append(timing["median"] / ours)
        elif timing.get("error") == "timeout":
            values.append(timeout / ours)
    return values


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    sizes = results["sizes"]
    targets: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, better: str, where: str, note: str = "") -> None:
        passed = None if value is None else (value <= limit if better == "lower" else value >= limit)
        targets.append(
            {
                "target": name,
                "value": value,
                "limit": limit,
                "better": better,
                "where": where,
                "status": "n/a" if passed is None else ("PASS" if passed else "MISS"),
                "note": note,
            }
        )

    def median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    main = "1e6" if "1e6" in sizes else (max(sizes, key=lambda k: sizes[k]["quads"]) if sizes else None)
    largest = max(sizes, key=lambda k: sizes[k]["quads"]) if sizes else None
    if main:
        data = sizes[main]
        add(
            "endpoint ÷ pyoxigraph in-process (median per query)",
            median(ratios(data.get("endpoint"), data.get("pyoxigraph"))),
            1.3,
            "lower",
            main,
        )
        rdflib = data.get("rdflib")
        add(
            "rdflib ÷ endpoint (median per query)",
            median(rdflib_ratios(rdflib, data.get("endpoint", {}), 30.0)),
            10.0,
            "higher",
            main,
            (rdflib or {}).get("note", "not measured"),
        )
        add(
            "endpoint cached ÷ Virtuoso repeated (median per query)",
            median(ratios(data.get("endpoint_cached"), data.get("virtuoso_repeated"))),
            1.0,
            "lower",
            main,
            data.get("virtuoso_note", ""),
        )
        add(
            "endpoint on Virtuoso ÷ Virtuoso direct (median per query)",
            median(ratios(data.get("endpoint_on_virtuoso"), data.get("virtuoso"))),
            1.2,
            "lower",
            main,
            data.get("virtuoso_note", ""),
        )
    for label, data in sizes.items():
        if "pyoxigraph_memory" not in data:
            continue
        floor = _timings(data["pyoxigraph_memory"])
        substantial = {n: t for n, t in floor.items() if ((t or {}).get("median") or 0) >= SUBSTANTIAL_SECONDS}
        per_query = ratios(data.get("endpoint"), substantial)
        engine = (data.get("endpoint_engine") or {}).get("engine", "?")
        add(
            f"endpoint ÷ pyoxigraph in memory (largest per query of ≥ {SUBSTANTIAL_SECONDS * 1000:g} ms)",
            max(per_query) if per_query else None,
            1.3,
            "lower",
            label,
            f"endpoint answered from {engine}; {len(floor) - len(substantial)} shorter queries pay the HTTP "
            "round trip of 1–3 ms on top",
        )
        add(
            "endpoint ÷ pyoxigraph in memory (sum of medians)",
            sum_ratio(data.get("endpoint"), data.get("pyoxigraph_memory")),
            1.3,
            "lower",
            label,
            f"endpoint answered from {engine}",
        )
    if largest:
        data = sizes[largest]
        note = "" if largest == "1e7" else "target is for 1e7; run --full"
        p95 = (data.get("pages") or {}).get("p95")
        add("page p95 (ms)", None if p95 is None else p95 * 1000, 50.0, "lower", largest, note)
        server_rss = data.get("server_rss") or {}
        rss = server_rss.get("peak_together_bytes")
        add(
            "server RSS, web process and query workers together, peak (MB)",
            None if rss is None else rss / 2**20,
            1024.0,
            "lower",
            largest,
            note
            or (
                f"sum of each process's own peak: {server_rss.get('sum_of_peaks_bytes', 0) / 2**20:,.0f} MB"
                if rss is not None
                else "not sampled by this run"
            ),
        )
        add(
            "N-Triples dump (triples/s)",
            (data.get("dump_nt") or {}).get("triples_per_second"),
            300_000.0,
            "higher",
            largest,
        )
    runs = results["ingest"].get("runs", {})
    if runs:
        slowest = min(r["per_second"] for r in runs.values())
        add("ingest (documents/s, slowest run)", slowest, 20.0, "higher", ",".join(runs))
        if "1000" in runs:
            add("ingest of 10^3 documents, SHACL on (documents/s)", runs["1000"]["per_second"], 50.0, "higher", "1000")
        add(
            "ingest growth exponent",
            results["ingest"].get("exponent"),
            1.1,
            "lower",
            ",".join(runs),
        )
    return targets


def fmt_ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.1f}"


def print_report(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print(
        f"\nMachine: {machine['cpus']} CPUs, {machine['platform']}, Python {machine['python']}, "
        f"pyoxigraph {machine['pyoxigraph']}; 10^7-addition loop {machine.get('python_loop_seconds', '?')} s"
    )
    columns = [
        ("pyoxigraph", "oxigraph in-proc"),
        ("pyoxigraph_memory", "oxigraph in memory"),
        ("endpoint", "endpoint"),
        ("endpoint_cached", "endpoint cached"),
        ("rdflib", "rdflib"),
        ("virtuoso", "virtuoso"),
        ("virtuoso_repeated", "virtuoso rep."),
        ("endpoint_on_virtuoso", "cg on virtuoso"),
        ("endpoint_on_virtuoso_cached", "cg on virt. cached"),
    ]
    for label, data in results["sizes"].items():
        print(f"\nQuery mix at {label} triples ({data['quads']:,} quads) — median ms per query")
        present = [(key, title) for key, title in columns if key in data]
        names = sorted({name for key, _ in present for name in _timings(data[key])})
        width = max([len(n) for n in names] + [10])
        print(" " * width + "  " + "  ".join(f"{title:>18}" for _, title in present))
        for name in names:
            cells = []
            for key, _ in present:
                timing = _timings(data[key]).get(name) or {}
                cells.append(
                    fmt_ms(timing.get("median")) if timing.get("median") else (timing.get("error") or "—")[:18]
                )
            print(f"{name:<{width}}  " + "  ".join(f"{c:>18}" for c in cells))
        pages = data.get("pages") or {}
        print(
            f"pages (/doc/…, HTML, first visit): p50 {fmt_ms(pages.get('median'))} ms, "
            f"p95 {fmt_ms(pages.get('p95'))} ms over {pages.get('n')}"
        )
        if "pages_on_virtuoso" in data:
            pv = data["pages_on_virtuoso"]
            print(f"pages on Virtuoso backend: p50 {fmt_ms(pv.get('median'))} ms, p95 {fmt_ms(pv.get('p95'))} ms")
        copy = data.get("memory_copy") or {}
        engine = data.get("endpoint_engine") or {}
        if copy:
            footprint = (
                f"{copy['resident_bytes'] / 2**20:,.0f} MB resident = {copy['bytes_per_quad']:.0f} bytes per quad"
                if "bytes_per_quad" in copy
                else "footprint not measured at this size"
            )
            print(f"in-memory copy: {copy['quads']:,} quads in {copy['copy_seconds']} s, {footprint}")
        if engine:
            print(
                f"endpoint (COUNCILGRAPH_MEMORY_ENGINE={engine['mode']}) answered from {engine['engine']}, "
                f"ready {engine['ready_seconds']} s after start"
            )
        rss = data.get("server_rss") or {}
        if rss.get("worker_peaks_bytes"):
            peaks = ", ".join(f"{peak / 2**20:,.0f}" for peak in rss["worker_peaks_bytes"])
            print(f"peak RSS of the processes under the web process (query workers first): {peaks} MB")
        print(
            f"server RSS: web process peak {rss.get('process_bytes', 0) / 2**20:.0f} MB; "
            f"with query workers, peak together {rss.get('peak_together_bytes', 0) / 2**20:.0f} MB "
            f"(sum of each one's peak {rss.get('sum_of_peaks_bytes', rss.get('with_workers_bytes', 0)) / 2**20:.0f} MB)"
        )
        served = data.get("dump_http") or {}
        if served.get("error"):
            print(f"dumps over HTTP: {served['error']}")
        elif served:
            print(
                f"dumps over HTTP: the first /dumps/ request built the files in "
                f"{served['build_seconds']} s; {served['file']} then downloads at "
                f"{served['download_triples_per_second']:,.0f} triples/s"
            )
        if data.get("excluded"):
            for name, why in data["excluded"].items():
                print(f"left out: {name}: {why}")
        dump = data.get("dump_nt") or {}
        print(
            f"N-Triples dump: {dump.get('triples', 0):,} triples in {dump.get('seconds')} s "
            f"= {dump.get('triples_per_second', 0):,.0f} triples/s"
        )
        if "rdflib" in data:
            print(f"rdflib: loaded in {data['rdflib'].get('load_seconds') or 0:.0f} s; {data['rdflib'].get('note')}")
        if "virtuoso_load_seconds" in data:
            print(f"Virtuoso bulk load: {data['virtuoso_load_seconds']} s")
    ingest = results["ingest"]
    if ingest.get("error"):
        print(f"\nIngest failed: {ingest['error']}")
    if ingest.get("runs"):
        from bench.ingest import print_ingest

        print_ingest(ingest)
    print("\nTargets")
    for target in results["targets"]:
        value = target["value"]
        shown = "—" if value is None else (f"{value:,.0f}" if value >= 1000 else f"{value:.2f}")
        sign = "≤" if target["better"] == "lower" else "≥"
        note = f"  ({target['note']})" if target["note"] else ""
        print(
            f"  {target['status']:<4} {target['target']}: {shown} {sign} {target['limit']:g} [{target['where']}]{note}"
        )


def _timings(section: dict[str, Any]) -> dict[str, Any]:
    return section.get("queries", section) if isinstance(section, dict) else {}


def compare_with_baseline(results: dict[str, Any]) -> None:
    if not BASELINE.exists():
        log("no bench/baseline.json to compare with (write one with --save-baseline)")
        return
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    before = {t["target"] + t["where"]: t for t in baseline.get("targets", [])}
    print("\nAgainst bench/baseline.json (" + str(baseline.get("started")) + ")")
    for target in results["targets"]:
        old = before.get(target["target"] + target["where"])
        if old is None or old["value"] is None or target["value"] is None:
            continue
        change = target["value"] / old["value"] if old["value"] else float("nan")
        print(f"  {target['target']} [{target['where']}]: {old['value']:.3g} → {target['value']:.3g} (×{change:.2f})")


if __name__ == "__main__":
    sys.exit(main())
