"""The example queries and the listings' first pages answered once per store version in the background.

After an ingest the store has a new version and every cached answer is of the
old one. `AnswerWarmer` runs each example query of `/queries` through the
result cache, and asks for the first page of each listing (`/motions`,
`/actors`, `/cities`, `/principles`, in each page language) so that its table
is kept (`server.listing_cache`), once the new version has stayed the newest
for `settle_seconds` (a long ingest publishes a snapshot every few seconds).
The first reader after an ingest then gets a cached answer instead of waiting
for the queries.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask

from councilgraph.errors import CouncilGraphError
from server.conneg import LANGUAGES
from server.examples import load_examples
from server.sparql import cached_answer
from server.state import AppState

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0
LISTING_PAGES = ("/motions", "/actors", "/cities", "/principles")
"""Their first pages are warmed; the HTML, CSV and JSON forms share one kept table per language."""


class AnswerWarmer:
    def __init__(self, app: Flask, settle_seconds: float = 3.0) -> None:
        self.app = app
        self.settle_seconds = settle_seconds
        self.warmed_version: str | None = None
        self._seen: tuple[str, float] | None = None
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def _state(self) -> AppState:
        app_state = self.app.extensions["councilgraph"]
        assert isinstance(app_state, AppState)
        return app_state

    def start(self) -> AnswerWarmer:
        self._thread = threading.Thread(target=self._follow, name="answer-warmer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _follow(self) -> None:
        while not self._stopped.is_set():
            self.warm_if_due()
            self._stopped.wait(POLL_SECONDS)

    def warm_if_due(self) -> int:
        """Warm the examples and listings when the version changed and has settled; returns how many
        were answered (examples, and listing pages in each language)."""
        version = self._state.store.version()
        if version == self.warmed_version:
            return 0
        now = time.monotonic()
        if self._seen is None or self._seen[0] != version:
            self._seen = (version, now)
        if now - self._seen[1] < self.settle_seconds:
            return 0
        return self.warm(version)

    def warm(self, version: str) -> int:
        answered = 0
        with self.app.app_context():
            for example in load_examples():
                if self._stopped.is_set() or self._state.store.version() != version:
                    return answered  # a newer version came meanwhile: start over once it settles
                try:
                    cached_answer(example.text, self._state)
                    answered += 1
                except CouncilGraphError as error:  # a query too slow or too large here: readers see the same
                    log.info("example %s not warmed: %s", example.name, error)
        client = self.app.test_client()  # the listing's own request path: what it keeps is what readers get
        for path in LISTING_PAGES:
            for language in LANGUAGES:
                if self._stopped.is_set() or self._state.store.version() != version:
                    return answered
                response = client.get(path, headers={"Accept": "text/html", "Accept-Language": language})
                if response.status_code == 200:
                    answered += 1
                else:
                    log.info("listing %s (%s) not warmed: HTTP %d", path, language, response.status_code)
        self.warmed_version = version
        return answered
