"""The query pool replaces a worker that ended while idle before handing it the next query."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from councilgraph.settings import Settings
from server.query_pool import Job, QueryPool

ASK = Job(query="ASK { ?s ?p ?o }", form="ASK", format_key="json")


def test_a_worker_killed_while_idle_is_replaced_and_the_next_query_answered(sample_store_path: Path) -> None:
    pool = QueryPool(Settings(store=str(sample_store_path), query_workers=1, query_timeout=20.0, memory_engine="off"))
    try:
        assert b"true" in pool.run(ASK).body
        worker = pool._all[0]._process
        assert worker is not None and worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(5)
        time.sleep(0.1)
        assert b"true" in pool.run(ASK).body
        assert pool._all[0]._process is not worker
    finally:
        pool.close()
