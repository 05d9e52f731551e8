"""One exception hierarchy; each edge (CLI, HTTP) translates it into its own terms."""

from __future__ import annotations


class CouncilGraphError(Exception):
    """Base of every error councilgraph raises on purpose. The message says what to do."""


class ConfigurationError(CouncilGraphError):
    """A setting is missing or malformed."""


class ReadError(CouncilGraphError):
    """A source file cannot be read as a document (empty, binary, no text layer, …)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class ExtractionError(CouncilGraphError):
    """A document was read, but no motion or statement could be recognised in it."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class ValidationFailed(CouncilGraphError):
    """A graph has SHACL Violations; nothing was stored."""

    def __init__(self, path: str, report_text: str) -> None:
        super().__init__(f"{path}: the extracted graph violates the shapes; nothing was stored.\n{report_text}")
        self.path = path
        self.report_text = report_text


class StoreError(CouncilGraphError):
    """The store cannot be opened, read or written."""


class StoreLocked(StoreError):
    """Another process holds the store for writing."""


class QueryError(CouncilGraphError):
    """A SPARQL query is malformed or not allowed."""


class QueryRefused(QueryError):
    """A query is well-formed but not allowed on the public endpoint (update, SERVICE, remote FROM)."""


class QueryTimeout(CouncilGraphError):
    """A query ran past the time limit and was stopped."""
