"""The query pool replaces a worker that ended while idle before handing it the next query, and passes
answers on whole, through shared memory or the pipe."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from councilgraph.settings import Settings
from councilgraph.store import open_store
from server import shared_answers
from server.query_pool import Job, QueryPool, run_job

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


ROWS = Job(
    query="SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 400",
    form="SELECT",
    format_key="json",
    row_cap=300,
)


@pytest.mark.parametrize("region_bytes", [shared_answers.ANSWER_BYTES, 64])
def test_answers_cross_whole_through_shared_memory_or_the_pipe(
    region_bytes: int, sample_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bodies that fit the shared region and bodies that do not arrive as the store wrote them."""
    monkeypatch.setattr(shared_answers, "ANSWER_BYTES", region_bytes)
    taken: list[int] = []
    take = shared_answers.SharedAnswers.take
    monkeypatch.setattr(shared_answers.SharedAnswers, "take", lambda self, n: taken.append(n) or take(self, n))
    settings = Settings(store=str(sample_store_path), query_workers=1, query_timeout=20.0, memory_engine="off")
    store = open_store(settings)
    expected = run_job(ROWS, store)
    assert len(expected.body) > 64 and expected.truncated
    pool = QueryPool(settings)
    try:
        for _ in range(2):  # the region is used again for the next answer
            answer = pool.run(ROWS)
            assert answer == expected
            assert b"true" in pool.run(ASK).body
        assert (len(expected.body) in taken) == (len(expected.body) <= region_bytes)
        assert taken  # the short ASK answers fit either region
    finally:
        pool.close()
        store.close()


def test_a_region_takes_what_fits_and_refuses_the_rest() -> None:
    region = shared_answers.SharedAnswers.create(16)
    if region is None:
        pytest.skip("no memfd_create on this system")
    try:
        assert region.put(b"0123456789") and region.take(10) == b"0123456789"
        assert not region.put(b"x" * 17)
        with pytest.raises(ValueError):
            region.take(17)
    finally:
        region.close()
