"""A query worker gives memory back after a long query only once it is idle, never before the answer goes out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import pytest

from councilgraph import memory
from server import memory_release, query_pool
from server.query_pool import Job, run_in_worker


class _Store:
    def __init__(self) -> None:
        self.store = ox.Store()
        self.store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))

    def version(self) -> str:
        return "v1"

    def query(self, sparql: str, **_: object) -> Any:
        return self.store.query(sparql)


class _Timer:
    """Stands for `threading.Timer`: records what would run later, runs it when told."""

    made: list[_Timer] = []

    def __init__(self, _seconds: float, function: Callable[..., None], args: tuple[Any, ...] = ()) -> None:
        self.function, self.args, self.daemon = function, args, False
        _Timer.made.append(self)

    def start(self) -> None:
        pass

    def fire(self) -> None:
        self.function(*self.args)


@pytest.fixture
def trims(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    done: list[str] = []
    _Timer.made = []
    monkeypatch.setattr(memory, "trim", lambda: done.append("trim"))
    monkeypatch.setattr(memory, "SLOW_WORK_SECONDS", -1.0)  # every query counts as long
    monkeypatch.setattr(memory_release.threading, "Timer", _Timer)
    monkeypatch.setattr(query_pool, "_IDLE", memory_release.IdleTrim(0.0))
    monkeypatch.setattr(query_pool, "_worker_store", _Store())
    return done


JOB = Job(query="SELECT ?s WHERE { ?s ?p ?o }", form="SELECT", format_key="json", row_cap=10)


def test_the_answer_goes_out_before_the_worker_trims(trims: list[str]) -> None:
    answer = run_in_worker(JOB)
    assert b"urn:s" in answer.body
    assert trims == [] and len(_Timer.made) == 1
    _Timer.made[0].fire()
    assert trims == ["trim"]


def test_a_worker_that_got_a_new_query_meanwhile_does_not_trim_until_that_one_ended(trims: list[str]) -> None:
    run_in_worker(JOB)
    started = query_pool._IDLE.begin()  # the next query is running when the timer fires
    _Timer.made[0].fire()
    assert trims == []
    query_pool._IDLE.end(started)
    _Timer.made[-1].fire()
    assert trims == ["trim"]
