"""Large dumps written by several processes: the same statements as one process writes, each once."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import councilgraph.store
from councilgraph import parallel_dump
from councilgraph.parallel_dump import plan
from councilgraph.store import LocalStore

EX = "http://example.org/"
DOCS = [f"{EX}id/document/{n}" for n in range(5)]


def _graph(n: int) -> str:
    """A document graph; every graph states the shared city, blank nodes and a multi-line literal."""
    return (
        f'<{EX}m{n}> <{EX}title> "Antrag {n}\\nzweite Zeile"@de .\n'
        f"<{EX}m{n}> <{EX}evidence> _:e .\n"
        f'_:e <{EX}quote> "Zitat {n}" .\n'
        f'<{EX}m{n}> <{EX}number> "{n}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        f'<{EX}city> <{EX}label> "Halle (Saale)"@de .\n'
    )


@pytest.fixture()
def store(tmp_path: Path) -> LocalStore:
    writer = LocalStore(tmp_path / "store", writable=True)
    writer.replace_graphs({doc: _graph(n) for n, doc in enumerate(DOCS)})
    writer.publish()
    writer.close()
    return LocalStore(tmp_path / "store")


def _lines(store: LocalStore, fmt: str) -> list[bytes]:
    sink = io.BytesIO()
    store.dump(sink, fmt)
    return sink.getvalue().splitlines()


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_processes_write_what_one_process_writes(store: LocalStore, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    one = _lines(store, fmt)
    monkeypatch.setattr(parallel_dump, "PARALLEL_FROM_STATEMENTS", 0)
    monkeypatch.setattr(parallel_dump, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(parallel_dump, "processes", lambda: 2)
    taken: list[bool] = []

    def spying(*args: Any) -> bool:
        taken.append(parallel_dump.dump_in_parallel(*args))
        return taken[-1]

    monkeypatch.setattr(councilgraph.store, "dump_in_parallel", spying)
    several = _lines(store, fmt)
    assert taken == [True]
    assert sorted(several) == sorted(one)
    assert len(set(several)) == len(several)
    # 5 graphs × 4 own statements + the city: once in the union, once per graph in the quads
    assert len(several) == (21 if fmt == "nt" else 25)
    assert _lines(store, fmt) == several  # the same snapshot gives the same bytes


def test_plan_puts_each_key_once_longest_first_onto_the_lightest_part() -> None:
    assert plan({"a": 5, "b": 3, "c": 3, "d": 1}, 2) == [["a", "d"], ["b", "c"]]
    assert plan({"a": 5}, 3) == [["a"]]


def test_predicates_written_first_are_written_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = {
        doc: _graph(n)
        + f"<{EX}m{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{EX}Motion> .\n"
        + f'<{EX}m{n}> <http://www.w3.org/2000/01/rdf-schema#label> "Antrag {n}"@de .\n'
        for n, doc in enumerate(DOCS)
    }
    writer = LocalStore(tmp_path / "store", writable=True)
    writer.replace_graphs(typed)
    writer.publish()
    writer.close()
    store = LocalStore(tmp_path / "store")
    one = _lines(store, "nt")
    monkeypatch.setattr(parallel_dump, "PARALLEL_FROM_STATEMENTS", 0)
    monkeypatch.setattr(parallel_dump, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(parallel_dump, "processes", lambda: 2)
    several = _lines(store, "nt")
    assert sorted(several) == sorted(one)
    assert len(set(several)) == len(several) == 31
    assert [b"22-rdf-syntax-ns#type" in line for line in several[:5]] == [True] * 5
    assert [b"rdf-schema#label" in line for line in several[5:10]] == [True] * 5
