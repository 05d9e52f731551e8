"""The order of the tests when pytest-xdist runs them on several workers (`make test` uses `-n 2`).

With `--dist worksteal` each worker first gets an equal, contiguous share of
the collected tests and later takes tests from the end of a busier worker's
queue. A long test that starts late keeps the whole run waiting, and two long
tests in one share run one after the other. So the test modules with slow
tests are dealt out first, the heaviest first, each to the share with the
least slow work so far; the remaining modules fill the shares up to their
equal sizes in their usual order. Modules stay whole, so that module fixtures
are built once per worker. Only the order changes: every test still runs.

A slow test may give its expected duration as `@pytest.mark.slow(seconds=N)`.
The slow tests of one module that give none count SLOW_SECONDS once together:
they are mostly parametrized checks of one slow module fixture, which is built
once per worker however many tests read it.

Modules whose tests carry `@pytest.mark.shares_work(NAME)` with the same NAME
read one result computed once per test process (such as the corpus's
extractions, `tests.scoring.processed`): they are dealt out as one unit, one
after the other in one share, so that one worker computes that result once.
"""

from __future__ import annotations

import pytest

SLOW_SECONDS = 10.0
"""Assumed duration of the `slow` tests of one module that give none."""


def _module_seconds(tests: list[pytest.Item]) -> float:
    """The given durations of a module's slow tests, plus SLOW_SECONDS once if any gives none."""
    markers = [marker for item in tests if (marker := item.get_closest_marker("slow")) is not None]
    given = sum(float(marker.kwargs["seconds"]) for marker in markers if "seconds" in marker.kwargs)
    unnamed = any("seconds" not in marker.kwargs for marker in markers)
    return given + (SLOW_SECONDS if unnamed else 0.0)


def _by_module(tests: list[pytest.Item]) -> dict[str, list[pytest.Item]]:
    """`tests` parted by module, in collection order (a unit that shares work holds several)."""
    modules: dict[str, list[pytest.Item]] = {}
    for item in tests:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    return modules


def _share_sizes(total: int, workers: int) -> list[int]:
    """How worksteal's first distribution cuts `total` tests: each idle worker takes its part of the rest."""
    sizes = []
    for remaining_workers in range(workers, 0, -1):
        size = (total - sum(sizes)) // remaining_workers
        sizes.append(size)
    return sizes


def _units(items: list[pytest.Item]) -> dict[str, list[pytest.Item]]:
    """The tests by module, in collection order; the modules that share work (`shares_work`) as one
    unit, at the place of the first of them."""
    units: dict[str, list[pytest.Item]] = {}
    for name, tests in _by_module(items).items():
        shared = next((m for item in tests if (m := item.get_closest_marker("shares_work")) is not None), None)
        units.setdefault(name if shared is None else f"shares_work:{shared.args[0]}", []).extend(tests)
    return units


def spread_slow_modules(items: list[pytest.Item], workers: int) -> None:
    """Reorder `items` in place for `workers` parallel workers (see the module's description)."""
    if workers <= 1 or not items:
        return
    modules = _units(items)
    weight = {name: sum(map(_module_seconds, _by_module(unit).values())) for name, unit in modules.items()}
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for name in sorted((n for n in modules if weight[n] > 0), key=lambda n: -weight[n]):
        lightest = loads.index(min(loads))
        shares[lightest].extend(modules[name])
        loads[lightest] += weight[name]
    filler = [item for name, tests in modules.items() if weight[name] == 0 for item in tests]
    ordered: list[pytest.Item] = []
    for share, size in zip(shares, _share_sizes(len(items), workers), strict=True):
        room = max(0, size - len(share))
        ordered.extend(share)
        ordered.extend(filler[:room])
        del filler[:room]
    ordered.extend(filler)
    assert len(ordered) == len(items)
    items[:] = ordered
