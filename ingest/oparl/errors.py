"""Errors of the OParl harvester; each message names the URL and what to do."""

from __future__ import annotations

from councilgraph.errors import CouncilGraphError


class HarvestError(CouncilGraphError):
    """An OParl API cannot be harvested (or one of its answers cannot be used)."""


class FetchError(HarvestError):
    """A URL could not be fetched: unreachable host, HTTP error after retries, too large, refused host."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message


class BadResponse(HarvestError):
    """A response arrived but is not the OParl JSON it should be (invalid JSON, wrong `type`, a paging loop)."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message
