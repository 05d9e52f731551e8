"""A polite HTTP client for OParl APIs: rate limit, retries with backoff, timeouts, size caps, one host.

It uses only the standard library. Every request carries a `User-Agent` that
names councilgraph; 429 and 5xx answers are retried with exponential backoff,
honouring `Retry-After` (seconds or an HTTP date); redirects and links to
another host are refused unless that host was allowed explicitly.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from councilgraph import __version__
from ingest.oparl.errors import BadResponse, FetchError

PROJECT_URL = "https://w3id.org/councilgraph"
USER_AGENT = f"councilgraph/{__version__} (+{PROJECT_URL})"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 300.0
"""Seconds at most that one `Retry-After` makes the client wait."""


@dataclass
class ClientSettings:
    rate: float = 2.0
    """Requests per second at most, over all threads (0: no limit)."""
    concurrency: int = 2
    """Downloads at once (file texts)."""
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each further one."""
    max_json_bytes: int = 20 * 1024 * 1024
    max_file_bytes: int = 50 * 1024 * 1024
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Download:
    url: str
    body: bytes
    content_type: str


class _RefuseRedirectsElsewhere(urllib.request.HTTPRedirectHandler):
    def __init__(self, allowed: Callable[[str], bool]) -> None:
        self._allowed = allowed

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not self._allowed(newurl):
            raise FetchError(
                req.full_url,
                f"redirects to another host ({urlsplit(newurl).netloc}); pass --allow-host "
                f"{urlsplit(newurl).hostname} if that host belongs to the same system",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class OParlClient:
    """Fetches JSON objects and files from one OParl system (and the hosts allowed besides it)."""

    def __init__(
        self,
        entry_url: str,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or ClientSettings()
        host = urlsplit(entry_url).netloc.lower()
        if not host or urlsplit(entry_url).scheme not in ("http", "https"):
            raise FetchError(
                entry_url, "is not an http(s) URL; give the OParl system URL, e.g. https://ris.example.de/oparl/v1"
            )
        self.hosts = frozenset({host, *(h.lower() for h in self.settings.allowed_hosts)})
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._next_slot = 0.0
        self._opener = urllib.request.build_opener(_RefuseRedirectsElsewhere(self.allows))
        self.requests = 0
        self.waits: list[float] = []
        """Every pause for a retry, in seconds (what the user saw as "waiting")."""

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        return parts.scheme in ("http", "https") and (netloc in self.hosts or (parts.hostname or "") in self.hosts)

    def get_json(self, url: str) -> dict[str, Any]:
        """One OParl object or list page; `BadResponse` when it is not a JSON object."""
        body = self._get(url, self.settings.max_json_bytes).body
        try:
            data = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
            raise BadResponse(
                url,
                f"the answer is not valid JSON{where}: {error}; the server may have cut the answer short — "
                "run the harvest again later, it resumes where it stopped",
            ) from None
        if not isinstance(data, dict):
            raise BadResponse(url, f"the answer is a JSON {type(data).__name__}, not an OParl object")
        return data

    def get_file(self, url: str) -> Download:
        return self._get(url, self.settings.max_file_bytes)

    # -- one request, with retries

    def _get(self, url: str, max_bytes: int) -> Download:
        if not self.allows(url):
            host = urlsplit(url).hostname or url
            raise FetchError(
                url,
                f"is on another host than the OParl system ({', '.join(sorted(self.hosts))}); "
                f"pass --allow-host {host} to follow it",
            )
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(url, max_bytes)
            except _Retry as retry:
                if attempt > self.settings.retries:
                    raise FetchError(url, f"{retry.reason}, still after {attempt} attempts; try again later") from None
                wait = retry.after if retry.after is not None else self.settings.backoff * 2 ** (attempt - 1)
                self.waits.append(wait)
                self._sleep(wait)

    def _once(self, url: str, max_bytes: int) -> Download:
        self._take_slot()
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, */*"})
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.settings.timeout) as response:
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, _too_large(int(declared), max_bytes))
                body = response.read(max_bytes + 1)
                if len(body) > max_bytes:
                    raise FetchError(url, _too_large(len(body), max_bytes))
                return Download(response.geturl(), body, response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            if error.code in RETRY_STATUSES:
                raise _Retry(f"HTTP {error.code}", retry_after(error.headers.get("Retry-After"))) from None
            raise FetchError(url, f"HTTP {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise _Retry(f"no answer within {self.settings.timeout:g} s", None) from None
            raise FetchError(url, f"the host cannot be reached ({reason}); check the URL and the network") from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.settings.timeout:g} s", None) from None
        except (OSError, http.client.HTTPException) as error:  # reset mid-answer, or cut short
            raise _Retry(f"the connection failed ({type(error).__name__}: {error})", None) from None

    def _take_slot(self) -> None:
        """Wait until this request may start, so that all threads together keep to the rate."""
        if self.settings.rate <= 0:
            return
        with self._lock:
            now = self._clock()
            start = max(now, self._next_slot)
            self._next_slot = start + 1.0 / self.settings.rate
        if start > now:
            self._sleep(start - now)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return min(max(0.0, when.timestamp() - current), MAX_RETRY_AFTER)


def _too_large(size: int, limit: int) -> str:
    return (
        f"the answer is larger ({size:,} bytes) than the limit of {limit:,} bytes; "
        "raise the limit (--max-file-mb) if the file really is that large"
    )
