"""The web process trims its heap after slow requests, once the answer has been sent and no request runs."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from councilgraph import memory
from server import memory_release

IDLE = 0.1


def _app(seconds: float) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        time.sleep(seconds)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"answer"]

    return app


def _wait_for(calls: list[int], count: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while len(calls) < count and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    trims: list[int] = []
    monkeypatch.setattr(memory, "trim", lambda: trims.append(1))
    return trims


@pytest.mark.parametrize(("seconds", "trims"), [(0.0, 0), (memory.SLOW_WORK_SECONDS + 0.02, 1)])
def test_trim_after_slow_requests_only_once_the_response_is_closed_and_idle(
    seconds: float, trims: int, calls: list[int]
) -> None:
    idle = memory_release.IdleTrim(IDLE)
    body = memory_release.trimming_after_slow_requests(_app(seconds), idle)({}, lambda status, headers: None)
    assert b"".join(body) == b"answer"
    if trims:
        time.sleep(2 * IDLE)
        assert calls == []  # not while the answer is still being sent
    body.close()  # type: ignore[attr-defined]
    assert calls == []  # not on the request's own thread as it closes: once the process is idle
    _wait_for(calls, trims, 20 * IDLE)
    time.sleep(2 * IDLE)
    assert len(calls) == trims


def test_no_trim_while_another_request_runs(calls: list[int]) -> None:
    idle = memory_release.IdleTrim(IDLE)
    slow = memory_release.trimming_after_slow_requests(_app(memory.SLOW_WORK_SECONDS + 0.02), idle)
    fast = memory_release.trimming_after_slow_requests(_app(0.0), idle)
    first = slow({}, lambda status, headers: None)
    second = fast({}, lambda status, headers: None)  # begins before the slow one is closed
    first.close()  # type: ignore[attr-defined]
    time.sleep(3 * IDLE)
    assert calls == []
    second.close()  # type: ignore[attr-defined]
    _wait_for(calls, 1, 20 * IDLE)
    assert len(calls) == 1


def test_a_file_the_server_sends_itself_is_passed_on_unwrapped_and_still_counts(calls: list[int]) -> None:
    class ServerFile:
        def __init__(self, data: bytes) -> None:
            self.data = data

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        time.sleep(memory.SLOW_WORK_SECONDS + 0.02)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return environ["wsgi.file_wrapper"](b"answer")

    idle = memory_release.IdleTrim(IDLE)
    body = memory_release.trimming_after_slow_requests(app, idle)({"wsgi.file_wrapper": ServerFile}, lambda *a: None)
    assert isinstance(body, ServerFile) and body.data == b"answer"
    _wait_for(calls, 1, 20 * IDLE)
    assert len(calls) == 1
