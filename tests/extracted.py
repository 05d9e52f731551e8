"""The graph that extraction builds of one text, for tests that read a rule's examples the whole way
through `ingest.extract.extract`."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from councilgraph.uris import UriMinter
from ingest.extract import extract
from ingest.source import SourceText


def graph_of(text: str, city: str | None = None, name: str = "paper.txt") -> Graph:
    """The graph of `text` read as a plain-text file `name`, for the council of `city`."""
    source = SourceText(Path(name), text, "text/plain", "utf-8", "0")
    return extract(source, UriMinter("http://x.org/"), city=city).graph
