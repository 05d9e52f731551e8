"""Memory back to the system after slow requests, once their answers are sent.

A slow request (a page over a large store, a big result on its way to the client)
leaves freed memory in the heap of the web process; glibc keeps it for reuse, so
the process stays as large as its largest moment. After a request that took
longer than `memory.SLOW_WORK_SECONDS` (the rule query workers follow too), the
heap is trimmed when the server closes the response, that is after the last byte
went out. Fast requests pay nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wsgi import ClosingIterator

from councilgraph import memory

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def trimming_after_slow_requests(app: WsgiApp) -> WsgiApp:
    def trimming(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.monotonic()
        body = app(environ, start_response)
        return ClosingIterator(body, lambda: memory.trim_after_slow_work(started))

    return trimming
