"""Memory back to the system after slow work, once the process is idle.

A slow request (a page over a large store, a big result on its way to the client)
leaves freed memory in the heap of the web process; glibc keeps it for reuse, so
the process stays as large as its largest moment. After a request that took
longer than `memory.SLOW_WORK_SECONDS` (the rule query workers follow too), the
heap is trimmed once no request has been running for `IDLE_TRIM_SECONDS`, that is
after the last byte went out and no other request came in meanwhile. Trimming
walks the whole heap (about 2 ms of CPU in the web process at 10^5 triples): done
as each slow answer closed, it held up the next request on the same connection
and took a core from the query workers. Fast requests pay nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.wsgi import ClosingIterator

from councilgraph import memory
from server.answer_body import is_server_file

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

IDLE_TRIM_SECONDS = 0.5
"""Slow work is followed by a trim once nothing has run for this long."""


class IdleTrim:
    """Trims the heap once no work has run for `idle_seconds` after a piece of slow work ended."""

    def __init__(self, idle_seconds: float = IDLE_TRIM_SECONDS) -> None:
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._running = 0
        self._last_activity = time.monotonic()
        self._due = False
        self._timer: threading.Timer | None = None

    def begin(self) -> float:
        """Note that work begins; returns its start (`time.monotonic()`) for `end`."""
        started = time.monotonic()
        with self._lock:
            self._running += 1
            self._last_activity = started
        return started

    def end(self, started: float) -> None:
        """Note that work begun at `started` ended; slow work makes a trim due once idle."""
        now = time.monotonic()
        with self._lock:
            self._running -= 1
            self._last_activity = now
            if now - started > memory.SLOW_WORK_SECONDS:
                self._due = True
                self._schedule(self.idle_seconds)

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            return  # the pending timer looks again when it fires
        timer = threading.Timer(delay, self._fire)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _fire(self) -> None:
        with self._lock:
            self._timer = None
            if not self._due:
                return
            quiet = time.monotonic() - self._last_activity
            if self._running or quiet < self.idle_seconds:
                self._schedule(max(self.idle_seconds - quiet, 0.01) if not self._running else self.idle_seconds)
                return
            self._due = False
        memory.trim()


def trimming_after_slow_requests(app: WsgiApp, idle: IdleTrim | None = None) -> WsgiApp:
    idle = idle if idle is not None else IdleTrim()

    def trimming(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = idle.begin()
        try:
            body = app(environ, start_response)
        except BaseException:
            idle.end(started)
            raise
        if is_server_file(environ, body):
            # the server sends it and closes it itself; wrapped, it would be copied piece by piece.
            # The work is done here: what remains is the sending, which a trim does not disturb
            idle.end(started)
            return body
        return ClosingIterator(body, lambda: idle.end(started))

    return trimming
