"""Full texts live in a text graph per document: out of the default graph and the data dumps."""

from __future__ import annotations

import gzip
import hashlib
import io
from pathlib import Path

import pyoxigraph as ox
from flask.testing import FlaskClient
from rdflib import Literal

from councilgraph.namespaces import CG
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from councilgraph.texts import document_graphs, split_text
from ingest.pipeline import extract_file
from ingest.validation import validate_graph
from server.dumps import build_dumps
from tests.conftest import BASE, EXAMPLES, ingest_into

HALLE = EXAMPLES / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
TEXT = f"<{CG.text}>"


def _rows(store: LocalStore, sparql: str) -> list[ox.QuerySolution]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


def test_texts_are_in_their_own_graphs_not_in_the_default_graph(sample_store: LocalStore) -> None:
    assert not bool(sample_store.query(f"ASK {{ ?document {TEXT} ?text }}"))
    rows = _rows(sample_store, f"SELECT ?g ?document WHERE {{ GRAPH ?g {{ ?document {TEXT} ?text }} }}")
    documents = {row["document"].value for row in rows}
    assert len(documents) == 5
    for row in rows:
        slug = row["document"].value.removeprefix(f"{BASE}id/document/")
        assert row["g"].value == f"{BASE}graph/text/{slug}"
    # the document's own graph keeps everything else about it
    assert bool(sample_store.query(f"ASK {{ ?document a <{CG.Document}> ; <{CG.sha256}> ?sum }}"))


def test_data_dumps_leave_the_texts_out(sample_store: LocalStore) -> None:
    for fmt, rdf_format in (("nt", ox.RdfFormat.N_TRIPLES), ("nq", ox.RdfFormat.N_QUADS)):
        buffer = io.BytesIO()
        sample_store.dump(buffer, fmt)
        statements = list(ox.parse(buffer.getvalue(), format=rdf_format))
        assert statements, fmt
        assert not [s for s in statements if s.predicate.value == str(CG.text)], fmt
        assert b"/graph/text/" not in buffer.getvalue(), fmt


def test_the_text_dump_holds_every_text_in_its_graph(sample_store: LocalStore, tmp_path: Path) -> None:
    manifest = build_dumps(sample_store, tmp_path)
    (entry,) = manifest.of_kind("texts")
    data = (tmp_path / entry.name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry.sha256 and len(data) == entry.bytes
    quads = list(ox.parse(gzip.decompress(data), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == entry.triples == 5
    assert {q.predicate.value for q in quads} == {str(CG.text)}
    assert all(q.graph_name.value.startswith(f"{BASE}graph/text/") for q in quads)  # type: ignore[union-attr]
    catalog_kinds = {f.kind for f in manifest.files}
    assert {"dataset", "texts"} <= catalog_kinds


def test_search_finds_words_of_the_full_text(client: FlaskClient) -> None:
    # a phrase of the Halle motion's body, in no title or label
    html = client.get("/search?q=Check-In-Apps").get_data(as_text=True)
    assert "/doc/document/halle-vii-2021-03290-antrag-cities-for-digital-rights" in html


def test_document_page_shows_the_text_with_its_evidence(client: FlaskClient) -> None:
    html = client.get(
        "/doc/document/halle-vii-2021-03290-antrag-cities-for-digital-rights", headers={"Accept": "text/html"}
    ).get_data(as_text=True)
    assert "<mark" in html
    assert "Cities for Digital Rights" in html


def test_reingesting_replaces_the_text_graph(tmp_path: Path) -> None:
    ingest_into(tmp_path / "store", [HALLE])
    store = LocalStore(tmp_path / "store")
    first = (store.quad_count(), len(_rows(store, f"SELECT * WHERE {{ GRAPH ?g {{ ?d {TEXT} ?t }} }}")))
    store.close()
    ingest_into(tmp_path / "store", [HALLE])
    store = LocalStore(tmp_path / "store")
    again = (store.quad_count(), len(_rows(store, f"SELECT * WHERE {{ GRAPH ?g {{ ?d {TEXT} ?t }} }}")))
    store.close()
    assert first == again and first[1] == 1


def test_split_text_keeps_every_other_statement() -> None:
    extraction = extract_file(HALLE, Settings(store="unused", base_uri=BASE))
    ntriples = extraction.graph.serialize(format="nt")
    data, text = split_text(ntriples)
    assert text.count("\n") == 1 and TEXT in text
    assert TEXT not in data
    assert sorted(data.splitlines() + text.splitlines()) == sorted(ntriples.splitlines())


def test_a_text_holding_a_line_separator_is_stored_whole(tmp_path: Path) -> None:
    """N-Triples ends a line at `\\n` only; U+2028 and the like stay inside the text's literal."""
    document = f"{BASE}id/document/separators"
    text = Literal("Seite 1\u2028Seite 2\x85Ende\x0bzu")
    ntriples = f'<{document}> {TEXT} {text.n3()} .\n<{document}> <{CG.genre}> "antrag" .\n'
    data, text_statements = split_text(ntriples)
    assert text_statements == ntriples.split("\n")[0] + "\n"
    assert data == f'<{document}> <{CG.genre}> "antrag" .\n'
    store = LocalStore(tmp_path / "store", writable=True)
    store.replace_graphs(document_graphs(Settings(base_uri=BASE).minter, document, ntriples))
    stored = _rows(store, f"SELECT ?t WHERE {{ GRAPH ?g {{ <{document}> {TEXT} ?t }} }}")
    assert [row["t"].value for row in stored] == [str(text)]
    store.close()


def test_a_document_without_text_is_a_warning_not_a_violation() -> None:
    extraction = extract_file(HALLE, Settings(store="unused", base_uri=BASE))
    graph = extraction.graph
    for triple in list(graph.triples((None, CG.text, None))):
        graph.remove(triple)
    result = validate_graph(graph, BASE)
    assert result.conforms, result.violations
    assert any("textMissing" in issue.source_shape for issue in result.warnings)
    graph.add((extraction.document, CG.text, Literal("eins")))
    graph.add((extraction.document, CG.text, Literal("zwei")))
    assert not validate_graph(graph, BASE).conforms


def test_text_graph_names() -> None:
    from councilgraph.uris import UriMinter, is_text_graph

    minter = UriMinter("https://council.example/")
    assert str(minter.text_graph("https://council.example/id/document/a-b")) == "https://council.example/graph/text/a-b"
    assert str(minter.text_graph("https://council.example/id/file/x/1")) == "https://council.example/graph/text/file/x/1"
    elsewhere = minter.text_graph("https://oparl.example/files/7")
    assert str(elsewhere).startswith("https://council.example/graph/text/") and is_text_graph(str(elsewhere))
    assert not is_text_graph("https://council.example/graph/gazetteer")
    assert not is_text_graph("https://council.example/id/document/graph-text")
