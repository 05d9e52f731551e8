"""Headers every response carries, and a per-client rate limit (429 with Retry-After)."""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import TooManyRequests

from server.state import state

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class RateLimiter:
    """A token bucket per client address: `per_minute` requests, refilled continuously."""

    def __init__(self, per_minute: int, max_clients: int = 100_000) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, client: str) -> float:
        """0 when the request may pass, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1 - tokens) / self.rate
            if len(self._buckets) > self.max_clients:
                self._buckets.clear()
        return wait


class RateLimited(TooManyRequests):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many requests from your address; try again in {retry_after} s.")
        self.retry_after = retry_after

    def get_headers(self, environ: Any = None, scope: Any = None) -> list[tuple[str, str]]:
        return [*super().get_headers(environ, scope), ("Retry-After", str(self.retry_after))]


def _is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def client_key(address: str) -> str:
    """The unit a rate limit counts: one IPv4 address, or one IPv6 /64 (what a single subscriber gets)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _check_rate_limit() -> None:
    app_state = state()
    settings = app_state.settings
    if settings.rate_limit <= 0 or request.path.startswith("/static/"):
        return
    client = request.remote_addr or "unknown"
    if _is_loopback(client) and not settings.rate_limit_loopback:
        return
    limiter = app_state.extras.get("rate_limiter")
    if limiter is None:
        limiter = app_state.extras.setdefault("rate_limiter", RateLimiter(settings.rate_limit))
    wait = limiter.acquire(client_key(client))
    if wait > 0:
        raise RateLimited(max(1, math.ceil(wait)))


def _secure_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def register(app: Flask) -> None:
    app.before_request(_check_rate_limit)
    app.after_request(_secure_headers)
