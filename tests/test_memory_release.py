"""The web process trims its heap after slow requests, once the answer has been sent."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from councilgraph import memory
from server import memory_release


def _app(seconds: float) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        time.sleep(seconds)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"answer"]

    return app


@pytest.mark.parametrize(("seconds", "trims"), [(0.0, 0), (memory.SLOW_WORK_SECONDS + 0.02, 1)])
def test_trim_after_slow_requests_only_when_the_response_is_closed(
    seconds: float, trims: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "trim", lambda: calls.append(1))
    body = memory_release.trimming_after_slow_requests(_app(seconds))({}, lambda status, headers: None)
    assert b"".join(body) == b"answer"
    assert calls == []  # not while the answer is still being sent
    body.close()  # type: ignore[attr-defined]
    assert len(calls) == trims
