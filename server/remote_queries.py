"""Endpoint queries on a remote store: answered in the web process from the store's own bytes.

A query worker exists to stop a runaway query in the embedded engine; on a
remote store the query runs elsewhere, under the HTTP client's time limit, so
the web thread asks the store itself and spends no process hop on it. The
store's answer is not decoded into Python terms where that can be avoided:

- SELECT as SPARQL JSON: passed on, put right where stores deviate from the
  standard (Virtuoso's `typed-literal` and `nodeID://` blank nodes), when it
  surely holds no more rows than the cap (counted from its `{`s and `"type"` keys);
  otherwise, and for the other formats, read (in Rust) and written in the asked
  format through the same capped TSV path as local results;
- CONSTRUCT and DESCRIBE: N-Triples read only up to the triple cap, passed on as
  they came when N-Triples were asked for.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from councilgraph import remote
from councilgraph.errors import StoreError
from councilgraph.remote import GRAPH_FORMS, RemoteStore, portable_blank_nodes
from server import results
from server.query_pool import Answer, Job, graph_list, refuse_hidden_service


def answer_remotely(job: Job, store: RemoteStore) -> Answer:
    refuse_hidden_service(job.query)
    version = store.version()
    answer = store.answer(
        job.query,
        form=job.form,
        default_graphs=graph_list(job.default_graphs),
        named_graphs=graph_list(job.named_graphs),
        max_triples=job.row_cap,
    )
    try:
        if job.form in GRAPH_FORMS:
            body = results.ntriples_to(job.format_key, answer.body, results.jsonld_context())
            return Answer(body, answer.truncated, version)
        results_format = remote.results_format(answer.media_type)
        if results_format == ox.QueryResultsFormat.JSON:
            standard = standard_json(answer.body)
            if job.format_key == "json" and job.form == "SELECT" and _within(standard, job.row_cap):
                return Answer(standard, False, version)
            parsed = ox.parse_query_results(standard, results_format)
        else:
            parsed = ox.parse_query_results(answer.body, results_format)
    except (SyntaxError, ValueError) as error:
        raise StoreError(
            f"{store.endpoints.query} answered with results that do not parse ({answer.media_type}): {error}"
        ) from error
    if isinstance(parsed, ox.QueryBoolean):
        return Answer(results.boolean_bytes(parsed, job.format_key), False, version)
    body, truncated = results.solutions_bytes(parsed, job.format_key, job.row_cap)
    return Answer(body, truncated, version)


def _within(json_results: bytes, row_cap: int | None) -> bool:
    """Whether SPARQL JSON results surely hold at most `row_cap` rows, told without decoding them.

    The objects in SELECT results are the whole, "head" and "results" (both required), the
    rows, and the terms, each with one `"type"` key (a triple term holds more objects than
    keys, which only loosens the bound). So the rows are at most the `{`s less three and less
    the `"type":` keys. That text is always a key: a string value is never followed by a
    colon, and a quote inside a string is escaped. A store that writes a space before the
    colon makes the bound looser, never wrong."""
    if row_cap is None:
        return True
    rows_at_most = json_results.count(b"{") - 3 - json_results.count(b'"type":')
    return rows_at_most <= row_cap


_TYPED_LITERAL = re.compile(rb'"type"(\s*):(\s*)"typed-literal"')


def standard_json(body: bytes) -> bytes:
    """SPARQL JSON results as the standard writes them: a literal with a datatype is a
    `literal` (not the draft's `typed-literal`), blank nodes have plain labels. A quote
    inside a JSON string is always escaped, so `"typed-literal"` with both quotes bare
    is never part of a string."""
    body = portable_blank_nodes(body)
    if b'"typed-literal"' not in body:
        return body
    body = body.replace(b'"type": "typed-literal"', b'"type": "literal"')  # Virtuoso's spacing, fast
    if b'"typed-literal"' not in body:
        return body
    return _TYPED_LITERAL.sub(rb'"type"\1:\2"literal"', body)
