"""A store behind SPARQL 1.1 endpoints: Virtuoso, Fuseki, GraphDB, Oxigraph, QLever (read-only).

`RemoteStore` speaks SPARQL 1.1 Query and Update through SPARQLWrapper, and
the Graph Store HTTP Protocol (GSP) where the store offers it. It keeps no
data of its own, so any number of councilgraph servers can share one store
behind a load balancer.

Results come back as pyoxigraph objects, like `LocalStore`'s: SELECT and ASK
are fetched as SPARQL JSON and parsed with `pyoxigraph.parse_query_results`,
CONSTRUCT and DESCRIBE as N-Triples and parsed with `pyoxigraph.parse`.

The default graph. Councilgraph queries expect the union of all named graphs
as the default graph. Virtuoso and GraphDB do this without being asked.
Fuseki (TDB2) needs `tdb2:unionDefaultGraph true` in its dataset
configuration; Oxigraph server needs `--union-default-graph`. When a caller
passes `default_graphs`/`named_graphs` they are sent as the protocol's
`default-graph-uri`/`named-graph-uri` parameters.

Versions. `version()` must change whenever the data changes (it keys ETags and
caches) and must be cheap. Every write through this class therefore also
replaces a marker in the graph `B/graph/meta`: `<B/graph/meta>
owl:versionInfo "…"`, a fresh value per write. The marker is inserted before
the older ones are deleted, so there is always at least one. The version is
"<time of the newest marker>+<hash of all markers>" (one small query, cached
for a second), so every server behind a load balancer computes the same ETags
and Last-Modified. Writes that bypass councilgraph (a store's own bulk
loader) do not change the version; run any councilgraph write (e.g.
`councilgraph load` of a small file) after such a load. The
marker graph is left out of `named_graphs()` and of dumps, as are Virtuoso's
own system graphs; it does add one triple to the union default graph.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import hashlib
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import pyoxigraph as ox
from SPARQLWrapper import BASIC, DIGEST, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from councilgraph.errors import QueryError, QueryTimeout, StoreError
from councilgraph.query_text import outline
from councilgraph.settings import Settings
from councilgraph.store import QUAD_FORMATS, RDF_FORMATS, GraphStore, QueryResult
from councilgraph.uris import TEXT_GRAPH_PATH, is_text_graph

OWL_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"

# Graphs a store keeps for itself; they are in Virtuoso's union default graph
# but are not data, so listings and dumps leave them out.
SYSTEM_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
    "http://www.openlinksw.com/schemas/",
)

JSON_RESULTS = "application/sparql-results+json"
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
N_TRIPLES = "application/n-triples"
# Accept for CONSTRUCT/DESCRIBE: N-Triples first; Turtle is what every store can fall back to.
GRAPH_ACCEPT = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"

VERSION_CACHE_SECONDS = 1.0
DUMP_PAGE_TRIPLES = 10_000
"""Triples fetched per dump request; Virtuoso's default `ResultSetMaxRows` is 10,000."""
UPDATE_BATCH_TRIPLES = 500
"""Triples per INSERT DATA once a store has refused one big update (Virtuoso's SPARQL compiler
stops near 5,000 triples per operation and a few thousand per request)."""
_SIZE_REFUSALS = ("SP030", "SP031", "SQ199", "memory exhausted", "code vector", "too large", "413")


class _QuietSPARQLWrapper(SPARQLWrapper):
    """SPARQLWrapper warns when its regular expressions miss the query type; the store decides."""

    def setQuery(self, query: str | bytes) -> None:  # noqa: N802 - SPARQLWrapper's name
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            super().setQuery(query)


@dataclass(frozen=True)
class RemoteAnswer:
    """A store's answer as it sent it."""

    body: bytes
    media_type: str
    truncated: bool = False
    """Whether a line-capped answer had more lines than were read."""


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str | None = None
    gsp: str | None = None


def _auth_scheme(url: str) -> str:
    """Virtuoso's authenticated endpoints (`/sparql-auth`, `/sparql-graph-crud-auth`): digest."""
    return DIGEST if urllib.parse.urlsplit(url).path.rstrip("/").endswith("-auth") else BASIC


def _is_system_graph(name: str) -> bool:
    return name.startswith(SYSTEM_GRAPH_PREFIXES)


class RemoteStore(GraphStore):
    """A `GraphStore` on SPARQL endpoints; stateless apart from a one-second version cache.

    Writing (`replace_graphs`) and its atomicity:

    - one graph, with a GSP URL: one `PUT` of the graph's N-Triples. Virtuoso,
      Fuseki and GraphDB replace the graph in one transaction; GSP has no
      size limit in the query language, and on Virtuoso it is about fifty
      times faster than INSERT DATA.
    - several graphs, or no GSP URL: one SPARQL Update request with
      `DROP SILENT GRAPH` + `INSERT DATA` for each graph. Fuseki, GraphDB and
      Oxigraph run an update request as one transaction, so all graphs change
      together or not at all.
    - Virtuoso is different in two ways, both checked against 7.2: its HTTP
      endpoint commits each operation of an update request on its own (a
      failing third operation leaves the first two done), and its SPARQL
      compiler refuses INSERT DATA above a few thousand triples per request
      (errors SP030/SP031/SQ199). When a store refuses an update for its
      size, the graphs are written one by one — GSP `PUT`s where there is a
      GSP URL, else requests of at most `UPDATE_BATCH_TRIPLES` triples — and
      the store remembers to do so from then on. Each graph is then replaced
      on its own; a failure part way through (a store fault: the data was
      validated before) can leave that graph empty or partial until the
      document is ingested again, which is idempotent and repairs it.

    The version marker is written after the data, so a reader never sees new
    data under an old version for longer than the version cache (1 s).
    """

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        base_uri: str,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.endpoints = endpoints
        self.user = user
        self.password = password
        self.timeout = timeout
        self.meta_graph = base_uri + "graph/meta"
        self._lock = threading.Lock()
        self._version: tuple[float, str] | None = None
        self._batched_updates = False
        self._virtuoso: bool | None = None
        """Whether the store is Virtuoso (its `Server` header); None until the first answer."""

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        return cls(
            Endpoints(settings.store, settings.update_url, settings.gsp_url),
            base_uri=settings.base_uri,
            user=settings.store_user,
            password=settings.store_password,
            timeout=settings.query_timeout,
        )

    # -- HTTP plumbing

    def _client(self, url: str) -> SPARQLWrapper:
        client = _QuietSPARQLWrapper(url)
        client.setMethod(POST)
        client.setOnlyConneg(True)
        client.setTimeout(max(1, round(self.timeout)))
        if self.user and self.password:
            client.setHTTPAuth(_auth_scheme(url))
            client.setCredentials(self.user, self.password)
        return client

    def _authorize(self, request: urllib.request.Request) -> None:
        """Add credentials to a request that carries a body, before it is sent.

        Letting urllib answer the 401 challenge would send a large body twice,
        and the store may close the connection while the first copy is still
        being sent. Basic credentials go along at once; for digest, a bodiless
        HEAD fetches the challenge first.
        """
        if not (self.user and self.password):
            return
        url = request.full_url
        if _auth_scheme(url) == BASIC:
            token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")
            return
        challenge = ""
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10):
                return  # no authentication asked for
        except urllib.error.HTTPError as error:
            challenge = error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        if not challenge.lower().startswith("digest "):
            return
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, self.user, self.password)
        handler = urllib.request.HTTPDigestAuthHandler(passwords)
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(challenge[7:]))
        authorization = handler.get_authorization(request, fields)
        if authorization:
            request.add_unredirected_header("Authorization", f"Digest {authorization}")

    def _send(self, client: SPARQLWrapper, url: str, what: str, max_lines: int | None = None) -> RemoteAnswer:
        """Run a request: the body and its media type, or an error that says who failed.
        With `max_lines`, a line-based (N-Triples) body is read up to that many lines."""
        try:
            response = client.query().response
            if self._virtuoso is None:
                self._virtuoso = "virtuoso" in response.headers.get("Server", "").lower()
            media_type = response.headers.get("Content-Type", "")
            if max_lines is None or _rdf_format(media_type) != ox.RdfFormat.N_TRIPLES:
                return RemoteAnswer(response.read(), media_type, False)
            lines: list[bytes] = []
            for line in response:
                if len(lines) == max_lines:
                    response.close()  # the store stops writing; the rest is not read
                    return RemoteAnswer(b"".join(lines), media_type, True)
                lines.append(line)
            return RemoteAnswer(b"".join(lines), media_type, False)
        except QueryBadFormed as error:
            raise QueryError(f"{url} rejected the {what}: {_store_message(error)}") from error
        except Unauthorized as error:
            raise StoreError(
                f"{url} refused the credentials for the {what} (set COUNCILGRAPH_STORE_USER and "
                f"COUNCILGRAPH_STORE_PASSWORD): {_store_message(error)}"
            ) from error
        except EndPointNotFound as error:
            raise StoreError(f"{url} is not a SPARQL endpoint (404)") from error
        except EndPointInternalError as error:
            raise StoreError(f"{url} failed on the {what}: {_store_message(error)}") from error
        except SPARQLWrapperException as error:
            raise StoreError(f"{url} refused the {what}: {_store_message(error)}") from error
        except urllib.error.HTTPError as error:
            raise StoreError(f"{url} answered {error.code} to the {what}: {_http_body(error)}") from error
        except TimeoutError as error:
            raise QueryTimeout(f"{url} did not answer the {what} within {self.timeout:g} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise QueryTimeout(f"{url} did not answer the {what} within {self.timeout:g} s") from error
            raise StoreError(f"cannot reach the store at {url}: {error.reason}") from error
        except OSError as error:
            raise StoreError(f"cannot reach the store at {url}: {error}") from error

    # -- reading

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        form = outline(sparql).form or "SELECT"
        answer = self.answer(sparql, form=form, default_graphs=default_graphs, named_graphs=named_graphs)
        try:
            if form in GRAPH_FORMS:
                return _as_query_triples(answer.body, answer.media_type)
            return ox.parse_query_results(portable_blank_nodes(answer.body), results_format(answer.media_type))
        except (SyntaxError, ValueError) as error:
            raise StoreError(
                f"{self.endpoints.query} answered with results that do not parse ({answer.media_type}): {error}"
            ) from error

    def answer(
        self,
        sparql: str,
        *,
        form: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        max_triples: int | None = None,
    ) -> RemoteAnswer:
        """The store's own answer to a query of the given form, undecoded: SPARQL JSON for SELECT
        and ASK, N-Triples for CONSTRUCT and DESCRIBE (a store without them answers in Turtle,
        which is rewritten as N-Triples).
        With `max_triples`, an N-Triples answer is read up to that many triples (`truncated`
        tells whether it had more). Blank nodes in Virtuoso's JSON are left as it writes them
        (see `portable_blank_nodes`)."""
        url = self.endpoints.query
        client = self._client(url)
        client.setRequestMethod(URLENCODED)
        if form == "DESCRIBE" and self._virtuoso:
            # Virtuoso's default DESCRIBE finds nothing in the union graph; CBD is what others do
            sparql = f'DEFINE sql:describe-mode "CBD"\n{sparql}'
        client.setQuery(sparql)
        for graph in default_graphs or ():
            client.addDefaultGraph(graph)
        for graph in named_graphs or ():
            client.addNamedGraph(graph)
        if form not in GRAPH_FORMS:
            client.addCustomHttpHeader("Accept", JSON_RESULTS)
            return self._send(client, url, "query")
        client.addCustomHttpHeader("Accept", GRAPH_ACCEPT)
        answer = self._send(client, url, "query", max_triples)
        if _rdf_format(answer.media_type) == ox.RdfFormat.N_TRIPLES:
            return answer
        # a store without N-Triples: its Turtle, read and written as N-Triples, then capped
        try:
            triples = ox.parse(answer.body, _rdf_format(answer.media_type))
            lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"{url} answered with triples that do not parse ({answer.media_type}): {error}") from error
        kept = lines.splitlines(keepends=True)
        truncated = max_triples is not None and len(kept) > max_triples
        return RemoteAnswer(b"".join(kept[:max_triples]), N_TRIPLES, truncated)

    def _select(self, sparql: str) -> ox.QuerySolutions:
        result = self.query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError(f"{self.endpoints.query} did not answer a SELECT with solutions")
        return result

    def version(self) -> str:
        now = time.monotonic()
        cached = self._version
        if cached is not None and now - cached[0] < VERSION_CACHE_SECONDS:
            return cached[1]
        result = self._select(
            f"SELECT ?v WHERE {{ GRAPH <{self.meta_graph}> {{ <{self.meta_graph}> <{OWL_VERSION_INFO}> ?v }} }}"
        )
        markers = sorted(str(row["v"].value) for row in result)
        digest = hashlib.sha256("\n".join(markers).encode("utf-8")).hexdigest()[:16]
        # "<ns time of the newest write>+<digest>": the server takes Last-Modified from the stamp
        stamp = markers[-1].split("-", 1)[0] if markers else "0"
        value = f"{stamp}+{digest}"
        self._version = (now, value)
        return value

    def named_graphs(self) -> list[str]:
        result = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = {str(row["g"].value) for row in result}
        return sorted(name for name in names if self._is_data_graph(name))

    def _is_data_graph(self, name: str) -> bool:
        """Graphs of the data dumps: not the store's own, not the marker, not the full texts."""
        return name != self.meta_graph and not _is_system_graph(name) and not is_text_graph(name)

    def graph_sizes(self) -> dict[str, int]:
        """Triples per data graph (one aggregate query)."""
        result = self.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        sizes: dict[str, int] = {}
        for row in result:  # type: ignore[union-attr]
            name = str(row["g"].value)
            if self._is_data_graph(name):
                sizes[name] = int(row["n"].value)
        return sizes

    def triple_count(self) -> int:
        """Distinct triples in the union of the data graphs (store and marker graphs left out)."""
        return self.count_of(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
            f"{{ GRAPH ?g {{ ?s ?p ?o }} {self._data_graph_filter()} }} }}"
        )

    def quad_count(self) -> int:
        return self.count_of(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._data_graph_filter()} }}")

    def _data_graph_filter(self) -> str:
        prefixes = " && ".join(f'!STRSTARTS(STR(?g), "{p}")' for p in SYSTEM_GRAPH_PREFIXES)
        return f'FILTER (?g != <{self.meta_graph}> && {prefixes} && !CONTAINS(STR(?g), "/{TEXT_GRAPH_PATH}"))'


    # -- dumping

    def dump(self, output: IO[bytes], fmt: str) -> None:
        """Stream the data graphs page by page (`DUMP_PAGE_TRIPLES` per request).

        Small graphs are fetched together (`VALUES ?g { … }`), large ones in
        LIMIT/OFFSET pages (consistent while nobody writes to that graph).
        Triple formats (nt, ttl) hold the union: a triple stated in several
        graphs may be written more than once, which denotes the same RDF graph.
        Quad formats (nq, trig, jsonld) keep each triple's graph.
        """
        rdf_format = RDF_FORMATS[fmt]
        if fmt in QUAD_FORMATS:
            self._dump_quads(output, rdf_format)
        elif rdf_format == ox.RdfFormat.N_TRIPLES:
            for triples in self._triple_pages():
                ox.serialize(triples, output, rdf_format)
        else:
            ox.serialize((t for page in self._triple_pages() for t in page), output, rdf_format)

    def _dump_quads(self, output: IO[bytes], rdf_format: ox.RdfFormat) -> None:
        if rdf_format == ox.RdfFormat.N_QUADS:
            for page in self._quad_pages():
                ox.serialize(page, output, rdf_format)
        else:
            ox.serialize((quad for page in self._quad_pages() for quad in page), output, rdf_format)

    def _pages(self) -> Iterator[tuple[list[str], int | None]]:
        """(graphs, None): small graphs fetched whole; ([graph], offset): a page of a big one."""
        group: list[str] = []
        group_size = 0
        for name, size in sorted(self.graph_sizes().items()):
            if size > DUMP_PAGE_TRIPLES:
                for offset in range(0, size, DUMP_PAGE_TRIPLES):
                    yield [name], offset
                continue
            if group and group_size + size > DUMP_PAGE_TRIPLES:
                yield group, None
                group, group_size = [], 0
            group.append(name)
            group_size += size
        if group:
            yield group, None

    @staticmethod
    def _page_pattern(graphs: list[str], offset: int | None) -> str:
        values = " ".join(f"<{g}>" for g in graphs)
        if offset is None:
            return f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}"
        # No ORDER BY: Virtuoso refuses sorted pages past 10,000 rows (MaxSortedTopRows); an
        # unchanged store returns an index scan in the same order each time.
        return (
            f"{{ SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
            f"LIMIT {DUMP_PAGE_TRIPLES} OFFSET {offset} }}"
        )

    def _triple_pages(self) -> Iterator[list[ox.Triple]]:
        for graphs, offset in self._pages():
            result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {self._page_pattern(graphs, offset)} }}")
            yield list(result)  # type: ignore[arg-type]

    def _quad_pages(self) -> Iterator[list[ox.Quad]]:
        for graphs, offset in self._pages():
            result = self.query(f"SELECT ?g ?s ?p ?o WHERE {{ {self._page_pattern(graphs, offset)} }}")
            yield [
                ox.Quad(row["s"], row["p"], row["o"], row["g"])
                for row in result  # type: ignore[union-attr]
            ]

    # -- writing

    def _update(self, sparql: str) -> None:
        url = self.endpoints.update
        if url is None:
            raise StoreError(
                f"the store {self.endpoints.query} was opened without an update URL; "
                "pass --update-url (e.g. http://host:8890/sparql-auth for Virtuoso) to write"
            )
        client = self._client(url)
        client.setRequestMethod(POSTDIRECTLY)
        client.setQuery(sparql)
        self._send(client, url, "update")

    def replace_graphs(self, graphs: dict[str, str]) -> None:
        if not graphs:
            return
        if self.endpoints.gsp is not None and (len(graphs) == 1 or self._batched_updates):
            for name, ntriples in graphs.items():
                self._gsp_put(name, ntriples)
            self._bump_version()
            return
        if not self._batched_updates:
            try:
                self._update(_replacing(graphs) + " ;\n" + self._version_update())
                self._forget_version()
                return
            except (StoreError, QueryError) as error:
                if not any(marker in str(error) for marker in _SIZE_REFUSALS):
                    raise
                self._batched_updates = True
            if self.endpoints.gsp is not None:
                self.replace_graphs(graphs)
                return
        for request in _batched_replacing(graphs, UPDATE_BATCH_TRIPLES):
            self._update(request)
        self._bump_version()

    def remove_graph(self, name: str) -> None:
        self._update(f"DROP SILENT GRAPH <{name}> ;\n" + self._version_update())
        self._forget_version()

    def _gsp_put(self, name: str, ntriples: str) -> None:
        assert self.endpoints.gsp is not None
        url = f"{self.endpoints.gsp}?{urllib.parse.urlencode({'graph': name})}"
        if "graph-crud" in self.endpoints.gsp:  # Virtuoso names the parameter graph-uri
            url = f"{self.endpoints.gsp}?{urllib.parse.urlencode({'graph-uri': name})}"
        request = urllib.request.Request(
            url,
            data=ntriples.encode("utf-8"),
            method="PUT",
            headers={"Content-Type": N_TRIPLES + "; charset=utf-8"},
        )
        try:
            self._authorize(request)
            with urllib.request.urlopen(request, timeout=max(self.timeout, 60.0)) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise StoreError(
                f"{self.endpoints.gsp} answered {error.code} to PUT of graph <{name}>: {_http_body(error)}"
            ) from error
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"cannot reach the graph store at {self.endpoints.gsp}: {error}") from error

    def _version_update(self) -> str:
        """Insert a fresh marker, then delete the older ones (so there is never none)."""
        marker = f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
        meta, info = self.meta_graph, OWL_VERSION_INFO
        return (
            f'INSERT DATA {{ GRAPH <{meta}> {{ <{meta}> <{info}> "{marker}" }} }} ;\n'
            f"DELETE {{ GRAPH <{meta}> {{ <{meta}> <{info}> ?old }} }} "
            f"WHERE {{ GRAPH <{meta}> {{ <{meta}> <{info}> ?old }} "
            f'FILTER (STR(?old) != "{marker}") }}'
        )

    def _bump_version(self) -> None:
        self._update(self._version_update())
        self._forget_version()

    def _forget_version(self) -> None:
        self._version = None

    def close(self) -> None:
        self._version = None


# --------------------------------------------------------------------------- helpers


def _insert(name: str, ntriples: str) -> str:
    """INSERT DATA, or `INSERT … WHERE {}` with blank nodes (Virtuoso refuses them in DATA)."""
    if "_:" in ntriples:
        return f"INSERT {{ GRAPH <{name}> {{\n{ntriples}\n}} }} WHERE {{}}"
    return f"INSERT DATA {{ GRAPH <{name}> {{\n{ntriples}\n}} }}"


def _replacing(graphs: dict[str, str]) -> str:
    parts = []
    for name, ntriples in graphs.items():
        parts.append(f"DROP SILENT GRAPH <{name}>")
        if ntriples.strip():
            parts.append(_insert(name, ntriples))
    return " ;\n".join(parts)


def _batched_replacing(graphs: dict[str, str], batch: int) -> Iterator[str]:
    """Update requests of at most `batch` triples each, graph by graph, in order."""
    for name, ntriples in graphs.items():
        lines = [line for line in ntriples.splitlines() if line.strip() and not line.startswith("#")]
        if any("_:" in line for line in lines):
            # a blank node must stay one node: its triples go in one request
            batch = max(batch, len(lines))
        operations = [f"DROP SILENT GRAPH <{name}>"]
        for start in range(0, len(lines), batch):
            operations.append(_insert(name, "\n".join(lines[start : start + batch])))
            yield " ;\n".join(operations)
            operations = []
        if operations:
            yield " ;\n".join(operations)


_VIRTUOSO_BNODE = re.compile(rb'(?<!\\)"nodeID://')


def portable_blank_nodes(body: bytes) -> bytes:
    """Virtuoso writes blank nodes as "nodeID://b123" in result sets: not a blank node label."""
    if b'"bnode"' not in body or b"nodeID://" not in body:
        return body
    body = body.replace(b'"bnode", "value": "nodeID://', b'"bnode", "value": "')  # as Virtuoso writes it
    if b"nodeID://" not in body:
        return body
    return _VIRTUOSO_BNODE.sub(b'"', body)


def results_format(media_type: str) -> ox.QueryResultsFormat:
    base = media_type.split(";")[0].strip().lower()
    if base in ("application/json", "text/javascript", "application/javascript"):
        return ox.QueryResultsFormat.JSON
    found = ox.QueryResultsFormat.from_media_type(base) if base else None
    return found if found is not None else ox.QueryResultsFormat.JSON


def _rdf_format(media_type: str) -> ox.RdfFormat:
    base = media_type.split(";")[0].strip().lower()
    if base in ("text/plain", "text/ntriples", "application/ntriples"):
        return ox.RdfFormat.N_TRIPLES
    found = ox.RdfFormat.from_media_type(base) if base else None
    return found if found is not None else ox.RdfFormat.TURTLE


def _as_query_triples(body: bytes, media_type: str) -> ox.QueryTriples:
    """pyoxigraph cannot build a `QueryTriples` directly; an in-memory store hands one back."""
    store = ox.Store()
    triples: Iterable[Any] = ox.parse(body, _rdf_format(media_type))
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def _store_message(error: SPARQLWrapperException) -> str:
    """The store's own words, without SPARQLWrapper's preamble and without the echoed query."""
    text = str(error)
    if "Response:" in text:
        text = text.split("Response:", 1)[1].strip()
        if text.startswith(("b'", 'b"')):
            with contextlib.suppress(ValueError, SyntaxError, AttributeError):
                text = ast.literal_eval(text).decode("utf-8", "replace")
    text = text.split("\n\nSPARQL query:", 1)[0]
    return " ".join(text.split())[:1000]


def _http_body(error: urllib.error.HTTPError) -> str:
    with contextlib.suppress(Exception):
        return " ".join(error.read().decode("utf-8", "replace").split())[:1000]
    return str(error.reason)
