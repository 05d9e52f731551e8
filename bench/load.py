"""A bounded load test on loopback: N clients for T seconds mixing queries, pages and dumps.

    python -m bench.load --url http://127.0.0.1:5000/ --clients 50 --seconds 60 [--pid PID] [--json out.json]

Prints throughput, p50/p95/p99 latency, status counts and (with --pid) the
server's resident memory sampled over the run. Only loopback URLs are accepted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = [
    "SELECT ?m ?title WHERE { ?m a <https://w3id.org/councilgraph/ontology#Motion> ; "
    "<http://purl.org/dc/terms/title> ?title } LIMIT 50",
    "SELECT ?p (COUNT(?m) AS ?n) WHERE { ?m <https://w3id.org/councilgraph/ontology#principle> ?p } GROUP BY ?p",
    "ASK { ?s ?p ?o }",
]
ACCEPTS = ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


def request_mix(pages: list[str]) -> list[tuple[str, dict[str, str]]]:
    mix: list[tuple[str, dict[str, str]]] = []
    for query in QUERIES:
        for accept in ACCEPTS:
            mix.append(("/sparql?" + urllib.parse.urlencode({"query": query}), {"Accept": accept}))
    for page in pages:
        mix.append((page, {"Accept": "text/html"}))
        mix.append((page, {"Accept": "text/turtle"}))
    mix += [
        ("/", {"Accept": "text/html"}),
        ("/motions", {"Accept": "text/html"}),
        ("/catalog", {"Accept": "text/turtle"}),
        ("/dumps/", {"Accept": "text/html"}),
        ("/search?q=digital", {"Accept": "text/html"}),
    ]
    return mix


def discover_pages(host: str, port: int) -> list[str]:
    query = "SELECT ?m WHERE { ?m a <https://w3id.org/councilgraph/ontology#Motion> } LIMIT 20"
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request(
        "GET",
        "/sparql?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json"},
    )
    rows = json.loads(connection.getresponse().read())["results"]["bindings"]
    connection.close()
    return ["/doc/" + row["m"]["value"].split("/id/", 1)[1] for row in rows]


def discover_dumps(host: str, port: int) -> list[str]:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request("GET", "/catalog", headers={"Accept": "application/n-triples"})
    body = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    urls = {
        line.split()[2].strip("<>") for line in body.splitlines() if "http://www.w3.org/ns/dcat#downloadURL" in line
    }
    return sorted(urllib.parse.urlsplit(u).path for u in urls)


def client_loop(
    host: str,
    port: int,
    mix: list[tuple[str, dict[str, str]]],
    deadline: float,
    tally: Tally,
    seed: int,
) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(host, port, timeout=60)
    while time.monotonic() < deadline:
        path, headers = rng.choice(mix)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={**headers, "Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            tally.record(time.perf_counter() - started, response.status)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
        except (OSError, http.client.HTTPException) as error:
            tally.fail(f"{path}: {error!r}")
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.close()


def resident_mb(pid: int) -> float:
    total = 0.0
    for candidate in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run(url: str, clients: int, seconds: float, pid: int | None) -> dict[str, object]:
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit("the load test only targets loopback addresses")
    mix = request_mix(discover_pages(host, port))
    mix += [(path, {"Accept": "*/*"}) for path in discover_dumps(host, port)]
    tally = Tally()
    deadline = time.monotonic() + seconds
    memory: list[float] = []
    threads = [
        threading.Thread(target=client_loop, args=(host, port, mix, deadline, tally, n), daemon=True)
        for n in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        if pid is not None:
            memory.append(resident_mb(pid))
        time.sleep(1.0)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(tally.latencies) or [0.0]

    def percentile(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(tally.latencies),
        "throughput_rps": round(len(tally.latencies) / elapsed, 1),
        "p50_ms": round(percentile(0.50), 1),
        "p95_ms": round(percentile(0.95), 1),
        "p99_ms": round(percentile(0.99), 1),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "server_errors": sum(v for k, v in tally.statuses.items() if k >= 500),
        "failed_requests": len(tally.failures),
        "failures": tally.failures[:5],
        "rss_mb_first_last_max": [round(memory[0], 1), round(memory[-1], 1), round(max(memory), 1)] if memory else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:5000/")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pid", type=int, help="server process id, to sample its memory")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.url, args.clients, args.seconds, args.pid)
    for key, value in figures.items():
        print(f"{key:<24} {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if figures["server_errors"] == 0 and figures["failed_requests"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
