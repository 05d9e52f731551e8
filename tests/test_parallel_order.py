"""The order in which parallel workers receive the tests: every test kept, slow modules spread out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.parallel_order import spread_slow_modules


@dataclass
class FakeItem:
    nodeid: str
    markers: dict[str, Any] = field(default_factory=dict)

    def get_closest_marker(self, name: str) -> Any:
        return self.markers.get(name)


def _slow(seconds: float | None = None) -> dict[str, Any]:
    kwargs = {} if seconds is None else {"seconds": seconds}
    return {"slow": pytest.mark.slow(**kwargs).mark}


def _collection() -> list[FakeItem]:
    items = [FakeItem(f"tests/test_a.py::fast_{n}") for n in range(40)]
    items += [FakeItem("tests/test_big_one.py::huge", _slow(60)), FakeItem("tests/test_big_one.py::small")]
    items += [FakeItem(f"tests/test_b.py::fast_{n}") for n in range(40)]
    items += [FakeItem("tests/test_big_two.py::huge", _slow(60))]
    items += [FakeItem("tests/test_medium.py::slow", _slow())]
    return items


def test_one_worker_keeps_the_collection_order() -> None:
    items = _collection()
    ordered = list(items)
    spread_slow_modules(ordered, 1)  # type: ignore[arg-type]
    assert ordered == items


def test_two_workers_start_with_one_long_test_each_and_every_test_is_kept() -> None:
    items = _collection()
    ordered = list(items)
    spread_slow_modules(ordered, 2)  # type: ignore[arg-type]
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)
    half = len(ordered) // 2
    first, second = ordered[:half], ordered[half:]
    assert first[0].nodeid.endswith("huge") and second[0].nodeid.endswith("huge")
    assert {first[0].nodeid, second[0].nodeid} == {"tests/test_big_one.py::huge", "tests/test_big_two.py::huge"}


def test_a_module_stays_together() -> None:
    ordered = _collection()
    spread_slow_modules(ordered, 2)  # type: ignore[arg-type]
    positions = [n for n, item in enumerate(ordered) if item.nodeid.startswith("tests/test_big_one.py")]
    assert positions == list(range(positions[0], positions[0] + len(positions)))


def test_many_slow_checks_of_one_fixture_weigh_as_one_slow_module() -> None:
    items = [FakeItem(f"tests/test_checks.py::check_{n}", _slow()) for n in range(30)]
    items += [FakeItem(f"tests/test_a.py::fast_{n}") for n in range(40)]
    items += [FakeItem("tests/test_big_one.py::huge", _slow(60)), FakeItem("tests/test_big_one.py::small")]
    items += [FakeItem("tests/test_big_two.py::huge", _slow(40))]
    ordered = list(items)
    spread_slow_modules(ordered, 2)  # type: ignore[arg-type]
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)
    half = len(ordered) // 2
    first, second = ordered[:half], ordered[half:]
    # the 60 s test alone on one worker; the 40 s test and the 30 checks (10 s together) on the other
    assert first[0].nodeid == "tests/test_big_one.py::huge"
    assert not any(i.nodeid.startswith(("tests/test_checks.py", "tests/test_big_two.py")) for i in first)
    assert second[0].nodeid == "tests/test_big_two.py::huge"


def test_modules_that_share_work_go_to_one_worker_one_after_the_other() -> None:
    shared = {"shares_work": pytest.mark.shares_work("extraction").mark}
    items = [FakeItem(f"tests/test_a.py::fast_{n}") for n in range(40)]
    items += [FakeItem("tests/test_floors.py::floor", {**_slow(30), **shared})]
    items += [FakeItem(f"tests/test_b.py::fast_{n}") for n in range(40)]
    items += [FakeItem("tests/test_big_one.py::huge", _slow(60))]
    items += [FakeItem(f"tests/test_shacl.py::batch_{n}", shared) for n in range(5)]
    ordered = list(items)
    spread_slow_modules(ordered, 2)  # type: ignore[arg-type]
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)
    names = [i.nodeid.split("::")[0] for i in ordered]
    positions = [n for n, name in enumerate(names) if name in ("tests/test_floors.py", "tests/test_shacl.py")]
    assert positions == list(range(positions[0], positions[0] + 6))
    assert ordered[0].nodeid == "tests/test_big_one.py::huge"
    assert positions[0] >= len(ordered) // 2  # the other share, beside the 60 s test
