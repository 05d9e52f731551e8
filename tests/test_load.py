"""A bounded load test over real HTTP: many clients, no 5xx, no failed request, flat memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.load import run
from tests.conftest import running_server

CLIENTS = int(os.environ.get("COUNCILGRAPH_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("COUNCILGRAPH_LOAD_SECONDS", "20"))


@pytest.mark.slow(seconds=25)
def test_fifty_clients_get_no_server_error(sample_store_path: Path) -> None:
    with running_server(sample_store_path, threads=16) as (url, server):
        figures = run(url, CLIENTS, SECONDS, server.pid)
    assert figures["requests"] > CLIENTS  # type: ignore[operator]
    assert figures["server_errors"] == 0, figures
    assert figures["failed_requests"] == 0, figures
    first, last, _peak = figures["rss_mb_first_last_max"]  # type: ignore[misc]
    assert last <= first * 1.5 + 50, f"server memory grew from {first} MB to {last} MB"
