"""A bounded load test over real HTTP: many clients, no 5xx, no failed request, flat memory."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.load import run
from tests.conftest import running_server

CLIENTS = int(os.environ.get("COUNCILGRAPH_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("COUNCILGRAPH_LOAD_SECONDS", "20"))


def _dumps_built(url: str, timeout: float = 180) -> None:
    """A fresh server builds its dump files in the background and answers 503 with Retry-After for
    them meanwhile, as documented; the load starts once they are built, so that a 5xx below is
    an error and not the build still running. Bounded: a build that never ends fails here."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "dumps/manifest.json") as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            assert error.code == 503, f"the dump manifest answered {error.code} while building"
        assert time.monotonic() < deadline, "the dump files were not built in time"
        time.sleep(0.2)


@pytest.mark.slow(seconds=25)
def test_fifty_clients_get_no_server_error(sample_store_path: Path) -> None:
    with running_server(sample_store_path, threads=16) as (url, server):
        _dumps_built(url)
        figures = run(url, CLIENTS, SECONDS, server.pid)
    assert figures["requests"] > CLIENTS  # type: ignore[operator]
    assert figures["server_errors"] == 0, (figures["statuses"], figures["failures"])
    assert figures["failed_requests"] == 0, figures
    first, last, _peak = figures["rss_mb_first_last_max"]  # type: ignore[misc]
    assert last <= first * 1.5 + 50, f"server memory grew from {first} MB to {last} MB"
