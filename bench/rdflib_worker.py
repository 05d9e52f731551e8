"""rdflib's own SPARQL engine, in memory, in a child process (so a slow query can be stopped).

Protocol: the parent writes one JSON line per query ({"query": …}); the child
answers one JSON line ({"seconds": …} or {"error": …}). The first line the
child writes reports how long loading took.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time
from pathlib import Path


def serve(nquads: str) -> None:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    print(json.dumps({"loaded": time.perf_counter() - started, "quads": len(dataset)}), flush=True)
    for line in sys.stdin:
        query = json.loads(line)["query"]
        started = time.perf_counter()
        try:
            result = dataset.query(query)
            result.serialize(format="json" if result.type in ("SELECT", "ASK") else "nt")
            print(json.dumps({"seconds": time.perf_counter() - started}), flush=True)
        except Exception as error:  # noqa: BLE001 - reported to the parent as the result
            print(json.dumps({"error": f"{type(error).__name__}: {error}"[:300]}), flush=True)


class RdflibEngine:
    """The parent's handle on a child process holding the dataset."""

    def __init__(self, nquads: Path, load_timeout: float) -> None:
        self.nquads = nquads
        self.load_timeout = load_timeout
        self.load_seconds: float | None = None
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.rdflib_worker", str(self.nquads)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        answer = self._read(self.load_timeout)
        if answer is None or "loaded" not in answer:
            self.stop()
            raise TimeoutError(f"rdflib did not load {self.nquads.name} within {self.load_timeout:.0f} s")
        self.load_seconds = float(str(answer["loaded"]))

    def _read(self, timeout: float) -> dict[str, object] | None:
        assert self._process is not None and self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self._process.stdout.readline()
        return json.loads(line) if line else None

    def run(self, query: str, timeout: float) -> float | str:
        """Seconds, or the reason there is no time ("timeout", an error)."""
        if self._process is None:
            self.start()
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.write(json.dumps({"query": query}) + "\n")
        self._process.stdin.flush()
        answer = self._read(timeout)
        if answer is None:
            self.stop()  # the only way to stop rdflib mid-query; the next run reloads
            return "timeout"
        if "error" in answer:
            return str(answer["error"])
        return float(str(answer["seconds"]))

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


if __name__ == "__main__":
    serve(sys.argv[1])
