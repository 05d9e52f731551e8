"""A bounded load test over real HTTP: many clients, no 5xx, no failed request, flat memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.load import run
from tests.conftest import BASE, free_port, wait_until_responds

CLIENTS = int(os.environ.get("COUNCILGRAPH_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("COUNCILGRAPH_LOAD_SECONDS", "20"))


@pytest.mark.slow
def test_fifty_clients_get_no_server_error(sample_store_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "councilgraph",
            "serve",
            "--store",
            str(sample_store_path),
            "--port",
            str(port),
            "--threads",
            "16",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "COUNCILGRAPH_BASE_URI": BASE},
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_responds(url + "sparql?query=ASK%7B%7D")
        figures = run(url, CLIENTS, SECONDS, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert figures["requests"] > CLIENTS  # type: ignore[operator]
    assert figures["server_errors"] == 0, figures
    assert figures["failed_requests"] == 0, figures
    first, last, _peak = figures["rss_mb_first_last_max"]  # type: ignore[misc]
    assert last <= first * 1.5 + 50, f"server memory grew from {first} MB to {last} MB"
