"""The remote store end to end on a real Virtuoso on loopback (skipped, saying why, if absent)."""

from __future__ import annotations

import io
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from virtuoso import DBA_PASSWORD, DBA_USER, VirtuosoServer, virtuoso_unavailable
from werkzeug.test import TestResponse

from councilgraph.errors import QueryError, StoreError
from councilgraph.remote import Endpoints, RemoteStore
from councilgraph.settings import Settings

pytestmark = pytest.mark.virtuoso

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "documents"
BASE = "http://localhost:5000/"
CG = "https://w3id.org/councilgraph/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"

DOC_A = BASE + "id/document/halle-antrag"
DOC_B = BASE + "id/document/halle-stellungnahme"
MOTION = BASE + "id/motion/halle-saale/vii-2021-03290"
ACTOR = BASE + "id/actor/halle-saale/bodo-meerheim"
STATEMENT = BASE + "id/statement/halle-saale/vii-2021-03290/oberbuergermeister-1"

GRAPH_A = f"""\
<{MOTION}> <{RDF_TYPE}> <{CG}Motion> .
<{MOTION}> <{DCT}identifier> "VII/2021/03290" .
<{MOTION}> <{DCT}title> "Mitgliedschaft in der Städtekoalition \\"Cities for Digital Rights\\""@de .
<{MOTION}> <{CG}submittedBy> <{ACTOR}> .
<{MOTION}> <{DCT}source> <{DOC_A}> .
<{ACTOR}> <{RDF_TYPE}> <{CG}Person> .
<{ACTOR}> <{RDFS_LABEL}> "Bodo Meerheim" .
<{DOC_A}> <{RDF_TYPE}> <{CG}Document> .
"""
GRAPH_B = f"""\
<{STATEMENT}> <{RDF_TYPE}> <{CG}Statement> .
<{STATEMENT}> <{CG}about> <{MOTION}> .
<{STATEMENT}> <{CG}stanceText> "Die Verwaltung empfiehlt die Zustimmung."@de .
<{DOC_B}> <{RDF_TYPE}> <{CG}Document> .
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    reason = virtuoso_unavailable()
    if reason is not None:
        pytest.skip(f"Virtuoso is not installed: {reason}")
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def remote_settings(server: VirtuosoServer, *, gsp: bool = True, **changes: object) -> Settings:
    settings = Settings(
        store=server.query_url,
        update_url=server.update_url,
        gsp_url=server.gsp_url if gsp else None,
        store_user=DBA_USER,
        store_password=DBA_PASSWORD,
        base_uri=BASE,
        query_timeout=20.0,
    )
    return settings.with_(**changes)


@pytest.fixture
def store(virtuoso: VirtuosoServer) -> Iterator[RemoteStore]:
    """An emptied store holding the two hand-written graphs."""
    remote = RemoteStore.from_settings(remote_settings(virtuoso))
    for name in remote.named_graphs():
        remote.remove_graph(name)
    remote.replace_graphs({DOC_A: GRAPH_A, DOC_B: GRAPH_B})
    yield remote
    remote.close()


def select(store: RemoteStore, sparql: str) -> list[dict[str, str]]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


# --------------------------------------------------------------------------- store


def test_union_default_graph_joins_across_documents(store: RemoteStore) -> None:
    rows = select(
        store,
        f"""
        SELECT ?id ?name ?stance WHERE {{
          ?statement <{CG}about> ?motion ; <{CG}stanceText> ?stance .
          ?motion <{DCT}identifier> ?id ; <{CG}submittedBy>/<{RDFS_LABEL}> ?name .
        }}""",
    )
    assert rows == [
        {
            "id": "VII/2021/03290",
            "name": "Bodo Meerheim",
            "stance": "Die Verwaltung empfiehlt die Zustimmung.",
        }
    ]


def test_literals_keep_language_escapes_and_datatypes(store: RemoteStore) -> None:
    result = store.query(f"SELECT ?t WHERE {{ <{MOTION}> <{DCT}title> ?t }}")
    assert isinstance(result, ox.QuerySolutions)
    (row,) = list(result)
    assert row["t"] == ox.Literal('Mitgliedschaft in der Städtekoalition "Cities for Digital Rights"', language="de")


def test_ask_and_construct_answer_pyoxigraph_objects(store: RemoteStore) -> None:
    assert bool(store.query(f"ASK {{ <{ACTOR}> a <{CG}Person> }}")) is True
    assert bool(store.query(f"ASK {{ <{ACTOR}> a <{CG}Motion> }}")) is False
    triples = store.query(f"CONSTRUCT {{ <{ACTOR}> ?p ?o }} WHERE {{ <{ACTOR}> ?p ?o }}")
    assert isinstance(triples, ox.QueryTriples)
    assert set(triples) == {
        ox.Triple(ox.NamedNode(ACTOR), ox.NamedNode(RDF_TYPE), ox.NamedNode(CG + "Person")),
        ox.Triple(ox.NamedNode(ACTOR), ox.NamedNode(RDFS_LABEL), ox.Literal("Bodo Meerheim")),
    }


def test_describe_finds_the_resource(store: RemoteStore) -> None:
    described = store.query(f"DESCRIBE <{ACTOR}>")
    assert isinstance(described, ox.QueryTriples)
    assert ox.Triple(ox.NamedNode(ACTOR), ox.NamedNode(RDFS_LABEL), ox.Literal("Bodo Meerheim")) in set(described)


def test_named_graphs_are_the_data_graphs_only(store: RemoteStore) -> None:
    # Virtuoso's own graphs (virtrdf#, ldp#) and the version marker graph are not data
    assert store.named_graphs() == [DOC_A, DOC_B]


def test_explicit_default_graph_restricts_the_query(store: RemoteStore) -> None:
    result = store.query(f"SELECT ?s WHERE {{ ?s a <{CG}Document> }}", default_graphs=[DOC_B])
    assert isinstance(result, ox.QuerySolutions)
    assert [row["s"] for row in result] == [ox.NamedNode(DOC_B)]


def test_replace_is_idempotent_and_drops_old_triples(store: RemoteStore) -> None:
    assert store.triple_count() == 12
    store.replace_graph(DOC_B, GRAPH_B)
    assert store.triple_count() == 12
    store.replace_graph(DOC_B, f"<{DOC_B}> <{RDF_TYPE}> <{CG}Document> .\n")
    assert store.triple_count() == 9
    assert select(store, f"SELECT ?s WHERE {{ ?s <{CG}about> ?m }}") == []


def test_replace_several_graphs_at_once(store: RemoteStore) -> None:
    store.replace_graphs({DOC_A: "", DOC_B: GRAPH_B + f'<{STATEMENT}> <{RDFS_LABEL}> "Stellungnahme" .\n'})
    assert store.named_graphs() == [DOC_B]
    assert store.quad_count() == 5


def test_blank_nodes_are_written_and_read(store: RemoteStore) -> None:
    graph = BASE + "id/document/with-blank-node"
    store.replace_graph(
        graph,
        f'<{MOTION}> <{CG}vote> _:v .\n_:v <{CG}votesFor> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
    )
    rows = select(store, f"SELECT ?n WHERE {{ <{MOTION}> <{CG}vote>/<{CG}votesFor> ?n }}")
    assert rows == [{"n": "12"}]
    result = store.query(f"SELECT ?v WHERE {{ <{MOTION}> <{CG}vote> ?v }}")
    assert isinstance(result, ox.QuerySolutions)
    assert all(isinstance(row["v"], ox.BlankNode) for row in result)


def test_graphs_beyond_the_update_size_limit(virtuoso: VirtuosoServer, store: RemoteStore) -> None:
    """Virtuoso refuses INSERT DATA of a few thousand triples; both write paths still store them."""
    big = "".join(f'<{BASE}id/thing/{i}> <{RDFS_LABEL}> "Ding {i}" .\n' for i in range(6000))
    without_gsp = RemoteStore.from_settings(remote_settings(virtuoso, gsp=False))
    without_gsp.replace_graphs({BASE + "id/document/big": big, DOC_B: ""})
    assert store.quad_count() == 8 + 6000
    store.replace_graphs({BASE + "id/document/big": big + big.replace("Ding", "Sache"), DOC_A: GRAPH_A})
    assert store.quad_count() == 8 + 12000


def test_version_changes_with_each_write_and_is_shared(virtuoso: VirtuosoServer, store: RemoteStore) -> None:
    before = store.version()
    assert store.version() == before
    other_server = RemoteStore.from_settings(remote_settings(virtuoso))
    assert other_server.version() == before
    store.replace_graph(DOC_B, GRAPH_B)
    after = store.version()
    assert after != before
    assert RemoteStore.from_settings(remote_settings(virtuoso)).version() == after
    stamp = int(after.split("+")[0])
    assert abs(stamp / 1e9 - time.time()) < 60


def test_dumps_keep_graphs_and_union(store: RemoteStore) -> None:
    quads_out = io.BytesIO()
    store.dump(quads_out, "nq")
    quads = set(ox.parse(quads_out.getvalue(), ox.RdfFormat.N_QUADS))
    expected_quads = {
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(DOC_A))
        for t in ox.parse(GRAPH_A, ox.RdfFormat.N_TRIPLES)
    }
    expected_quads |= {
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(DOC_B))
        for t in ox.parse(GRAPH_B, ox.RdfFormat.N_TRIPLES)
    }
    assert quads == expected_quads
    triples_out = io.BytesIO()
    store.dump(triples_out, "ttl")
    triples = {q.triple for q in ox.parse(triples_out.getvalue(), ox.RdfFormat.TURTLE)}
    assert triples == {ox.Triple(q.subject, q.predicate, q.object) for q in expected_quads}


def test_malformed_query_names_the_endpoint_and_the_store_message(store: RemoteStore) -> None:
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?x WHERE { ?x ")
    message = str(caught.value)
    assert store.endpoints.query in message
    assert "SP030" in message  # Virtuoso's own error code for a syntax error


def test_wrong_password_and_unreachable_store_are_store_errors(virtuoso: VirtuosoServer) -> None:
    wrong = RemoteStore.from_settings(remote_settings(virtuoso, store_password="not-the-password"))
    with pytest.raises(StoreError, match="refused the credentials"):
        wrong.remove_graph(DOC_A)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    unreachable = RemoteStore(Endpoints(f"http://127.0.0.1:{closed}/sparql"), base_uri=BASE)
    with pytest.raises(StoreError, match=f"cannot reach the store at http://127.0.0.1:{closed}/sparql"):
        unreachable.query("ASK {}")


def test_a_store_without_update_url_is_read_only(virtuoso: VirtuosoServer) -> None:
    read_only = RemoteStore(Endpoints(virtuoso.query_url), base_uri=BASE)
    with pytest.raises(StoreError, match="without an update URL"):
        read_only.replace_graph(DOC_A, GRAPH_A)


# --------------------------------------------------------------------------- the app on Virtuoso


@pytest.fixture
def remote_app(virtuoso: VirtuosoServer, store: RemoteStore) -> Iterator[FlaskClient]:
    from server import create_app

    app = create_app(remote_settings(virtuoso))
    app.config["TESTING"] = True
    yield app.test_client()


def test_endpoint_answers_from_virtuoso(remote_app: FlaskClient) -> None:
    response = remote_app.get(
        "/sparql",
        query_string={"query": f"SELECT ?name WHERE {{ <{MOTION}> <{CG}submittedBy>/<{RDFS_LABEL}> ?name }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    bindings = response.get_json()["results"]["bindings"]
    assert [b["name"]["value"] for b in bindings] == ["Bodo Meerheim"]


def test_a_comment_does_not_change_the_query_form(remote_app: FlaskClient) -> None:
    # "described" in a comment once made the client take a SELECT for a DESCRIBE
    query = f"# motions described by their identifier\nSELECT ?id WHERE {{ <{MOTION}> <{DCT}identifier> ?id }}"
    response = remote_app.get("/sparql", query_string={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_data(as_text=True).splitlines() == ["id", "VII/2021/03290"]


def test_endpoint_json_from_virtuoso_is_standard(remote_app: FlaskClient, store: RemoteStore) -> None:
    """Virtuoso writes `typed-literal` and `nodeID://` labels; the endpoint answers as the
    SPARQL 1.1 JSON format says, and a string that merely looks like either is left alone."""
    query = (
        'SELECT ?n ?s WHERE { BIND(STRDT("7", <http://www.w3.org/2001/XMLSchema#integer>) AS ?n) '
        'BIND(\'"type": "typed-literal" nodeID://x\' AS ?s) }'
    )
    typed = remote_app.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert typed.status_code == 200, typed.get_data(as_text=True)
    row = typed.get_json()["results"]["bindings"][0]
    assert row["n"] == {
        "type": "literal",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
        "value": "7",
    }
    assert row["s"] == {"type": "literal", "value": '"type": "typed-literal" nodeID://x'}
    store.replace_graph(BASE + "id/document/with-blank-node", f"<{MOTION}> <{CG}vote> _:v .\n")
    blank = remote_app.get(
        "/sparql",
        query_string={"query": f"SELECT ?node WHERE {{ <{MOTION}> <{CG}vote> ?node }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert blank.status_code == 200, blank.get_data(as_text=True)
    (node,) = [b["node"] for b in blank.get_json()["results"]["bindings"]]
    assert node["type"] == "bnode"
    assert "://" not in node["value"]


@pytest.fixture
def capped_at_three(virtuoso: VirtuosoServer, store: RemoteStore) -> FlaskClient:
    """The app on Virtuoso with a row limit of 3 (GRAPH_A holds 8 triples, GRAPH_B 4)."""
    from server import create_app

    return create_app(remote_settings(virtuoso, row_limit=3)).test_client()


def _ask(client: FlaskClient, query: str, accept: str) -> TestResponse:
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "text/tab-separated-values"])
def test_row_limit_holds_on_virtuoso(capped_at_three: FlaskClient, accept: str) -> None:
    response = _ask(capped_at_three, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{DOC_A}> {{ ?s ?p ?o }} }}", accept)
    assert response.headers["X-SPARQL-Truncated"] == "true"
    assert response.headers["X-SPARQL-Row-Limit"] == "3"
    if accept.endswith("json"):
        payload = response.get_json()
        assert payload["truncated"] is True
        assert len(payload["results"]["bindings"]) == 3
    else:
        assert len(response.get_data(as_text=True).splitlines()) == 1 + 3
    exact = _ask(capped_at_three, f"SELECT ?o WHERE {{ <{MOTION}> ?p ?o }} ORDER BY ?o LIMIT 3", accept)
    assert "X-SPARQL-Truncated" not in exact.headers


@pytest.mark.parametrize("accept", ["application/n-triples", "text/turtle"])
def test_triple_limit_holds_on_virtuoso(capped_at_three: FlaskClient, accept: str) -> None:
    fmt = ox.RdfFormat.N_TRIPLES if accept == "application/n-triples" else ox.RdfFormat.TURTLE
    response = _ask(capped_at_three, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{DOC_A}> {{ ?s ?p ?o }} }}", accept)
    assert response.headers["X-SPARQL-Truncated"] == "true"
    assert len(list(ox.parse(response.get_data(), fmt))) == 3
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{DOC_B}> {{ ?s ?p ?o }} }} LIMIT 3"
    whole = _ask(capped_at_three, query, accept)
    assert "X-SPARQL-Truncated" not in whole.headers
    assert len(list(ox.parse(whole.get_data(), fmt))) == 3


def test_pages_dereference_from_virtuoso(remote_app: FlaskClient) -> None:
    see_other = remote_app.get("/id/actor/halle-saale/bodo-meerheim", headers={"Accept": "text/turtle"})
    assert see_other.status_code == 303
    assert see_other.headers["Location"].endswith("/doc/actor/halle-saale/bodo-meerheim")
    page = remote_app.get("/doc/actor/halle-saale/bodo-meerheim.nt")
    assert page.status_code == 200
    triples = {q.triple for q in ox.parse(page.get_data(), ox.RdfFormat.N_TRIPLES)}
    assert ox.Triple(ox.NamedNode(ACTOR), ox.NamedNode(RDFS_LABEL), ox.Literal("Bodo Meerheim")) in triples
    # the motion links to the actor: the inverse link is on the actor's page
    assert ox.Triple(ox.NamedNode(MOTION), ox.NamedNode(CG + "submittedBy"), ox.NamedNode(ACTOR)) in triples
    assert remote_app.get("/id/actor/halle-saale/nobody").status_code == 404


# ------------------------------------------------------------------- the samples through the CLI


def _ingest(runner: CliRunner, settings: Settings) -> None:
    from councilgraph.cli import main

    env = {
        **os.environ,
        "COUNCILGRAPH_STORE_USER": DBA_USER,
        "COUNCILGRAPH_STORE_PASSWORD": DBA_PASSWORD,
    }
    result = runner.invoke(
        main,
        [
            "ingest",
            str(EXAMPLES),
            "--store",
            settings.store,
            "--update-url",
            str(settings.update_url),
            "--gsp-url",
            str(settings.gsp_url),
            "--base-uri",
            BASE,
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output


@pytest.mark.slow(seconds=15)
def test_samples_ingest_into_virtuoso_and_reingest_replaces(virtuoso: VirtuosoServer, store: RemoteStore) -> None:
    settings = remote_settings(virtuoso)
    for name in store.named_graphs():
        store.remove_graph(name)
    runner = CliRunner()
    _ingest(runner, settings)
    documents = [g for g in store.named_graphs() if g.startswith(BASE + "id/document/")]
    assert len(documents) == 5
    rows = select(
        store,
        f"""
        SELECT ?title WHERE {{ <{MOTION}> <{DCT}title> ?title }}""",
    )
    assert len(rows) == 1 and "Cities for Digital Rights" in rows[0]["title"]
    rows = select(
        store,
        f"SELECT ?name WHERE {{ <{MOTION}> <{CG}submittedBy>|<{CG}signedBy> ?a . ?a <{RDFS_LABEL}> ?name }}",
    )
    assert "Bodo Meerheim" in {row["name"] for row in rows}
    count = store.triple_count()
    quads = store.quad_count()
    _ingest(runner, settings)
    assert store.triple_count() == count
    assert store.quad_count() == quads

    from server import create_app

    client = create_app(settings).test_client()
    page = client.get("/doc/motion/halle-saale/vii-2021-03290", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "VII/2021/03290" in page.get_data(as_text=True)
    dump = io.BytesIO()
    store.dump(dump, "nq")
    assert len(set(ox.parse(dump.getvalue(), ox.RdfFormat.N_QUADS))) == quads
