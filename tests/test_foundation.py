"""The whole path once: ingest the samples, serve them, query and dereference over real HTTP."""

from __future__ import annotations

import http.client
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from SPARQLWrapper import JSON, SPARQLWrapper

from councilgraph.cli import main
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from tests.conftest import BASE, EXAMPLES, ROOT, canonical_quads, copy_store, ingest_into, reference_store

# Written from the documents: the reference each sample prints for its own motion.
SAMPLE_IDENTIFIERS = {
    "VII/2021/03290",  # Halle, Antrag DIE LINKE
    "VII/2020/01351",  # Halle, Anfrage MitBürger & Die PARTEI
    "BA-090/2020",  # Chemnitz, Beschlussantrag
    "14-20 / A 04783",  # München, the Grünen motion the Sitzungsvorlage answers
}
HALLE_TITLE = (
    "Antrag der Fraktion DIE LINKE im Stadtrat Halle (Saale) zur Mitgliedschaft der Stadt Halle (Saale) "
    'in der Städtekoalition "Cities for Digital Rights"'
)


def _dump_nquads(store_path: Path) -> list[str]:
    return sorted(canonical_quads(LocalStore(store_path)))


def test_sparqlwrapper_finds_the_sample_motions(live_server: str) -> None:
    client = SPARQLWrapper(live_server + "sparql")
    client.setQuery(
        "PREFIX cg: <https://w3id.org/councilgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT DISTINCT ?id WHERE { ?m a cg:Motion ; dcterms:identifier ?id }"
    )
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert isinstance(result, dict)
    found = {row["id"]["value"] for row in result["results"]["bindings"]}
    assert found >= SAMPLE_IDENTIFIERS


def test_motion_uri_redirects_and_answers_turtle(live_server: str) -> None:
    parts = urlsplit(live_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(
        "GET", "/id/motion/halle-saale/vii-2021-03290", headers={"Accept": "text/turtle"}
    )
    response = connection.getresponse()
    response.read()
    assert response.status == 303
    location = response.getheader("Location")
    assert location is not None and location.endswith("/doc/motion/halle-saale/vii-2021-03290")
    connection.request("GET", urlsplit(location).path, headers={"Accept": "text/turtle"})
    document = connection.getresponse()
    body = document.read()
    assert document.status == 200
    assert document.getheader("Content-Type", "").startswith("text/turtle")
    connection.close()
    graph = Graph().parse(data=body, format="turtle")
    motion = URIRef(BASE + "id/motion/halle-saale/vii-2021-03290")
    assert (motion, DCTERMS.identifier, Literal("VII/2021/03290")) in graph
    assert str(graph.value(motion, DCTERMS.title)) == HALLE_TITLE


def test_reingesting_the_same_folder_changes_nothing(tmp_path: Path, sample_store_path: Path) -> None:
    store_path = copy_store(sample_store_path, tmp_path / "store")  # the folder ingested into a new store
    first = _dump_nquads(store_path)
    ingest_into(store_path)
    assert _dump_nquads(store_path) == first
    assert len(first) > 100


def test_two_fresh_stores_mint_identical_uris(tmp_path: Path, sample_quads: frozenset[str]) -> None:
    other = tmp_path / "elsewhere" / "store"
    ingest_into(other)
    assert _dump_nquads(other) == sorted(sample_quads)  # the sample store's, canonical and sorted


def test_a_file_that_fails_is_named_and_the_rest_is_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for document in EXAMPLES.glob("halle_*.txt"):
        shutil.copy(document, folder / document.name)
    (folder / "leer.txt").write_bytes(b"")
    store = copy_store(reference_store(), tmp_path / "store")
    result = CliRunner().invoke(
        main, ["ingest", str(folder), "--store", str(store), "--base-uri", BASE]
    )
    assert result.exit_code == 1
    assert "leer.txt" in result.output
    assert "empty" in result.output
    graphs = LocalStore(store).named_graphs()
    documents = [g for g in graphs if "/id/document/" in g]
    assert len(documents) == 2


@pytest.mark.parametrize(
    "command", ["ingest", "validate", "load", "serve", "query", "export", "stats", "publish"]
)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "--store" in result.output


def test_serve_get_answers_one_request_in_process(sample_store_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "serve",
            "--store",
            str(sample_store_path),
            "--base-uri",
            BASE,
            "--get",
            "/doc/motion/halle-saale/vii-2021-03290",
            "--accept",
            "text/turtle",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "VII/2021/03290" in result.output


@pytest.mark.slow(seconds=13)
def test_export_writes_every_format(tmp_path: Path, sample_store_path: Path) -> None:
    import gzip

    import pyoxigraph as ox

    store = LocalStore(sample_store_path)
    expected_triples = store.triple_count()
    formats = {
        "d.nt": ox.RdfFormat.N_TRIPLES,
        "d.ttl.gz": ox.RdfFormat.TURTLE,
        "d.jsonld": ox.RdfFormat.JSON_LD,
        "d.nq": ox.RdfFormat.N_QUADS,
        "d.trig": ox.RdfFormat.TRIG,
    }
    for name, rdf_format in formats.items():
        target = tmp_path / name
        result = CliRunner().invoke(
            main, ["export", "--store", str(sample_store_path), "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        data = gzip.decompress(target.read_bytes()) if name.endswith(".gz") else target.read_bytes()
        parsed = ox.Store()  # read back by Oxigraph itself, without a Python object per quad
        parsed.bulk_load(data, format=rdf_format)
        distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        (row,) = parsed.query(distinct, use_default_graph_as_union=True)
        assert int(row[0].value) == expected_triples, name
        if rdf_format.supports_datasets:
            assert len(parsed) == store.quad_count(), name


def test_stats_counts_the_samples(sample_store_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--store", str(sample_store_path), "--json"])
    assert result.exit_code == 0, result.output
    import json

    figures = json.loads(result.output)
    assert figures["documents"] == 5
    assert figures["resources per class"]["Motion"] >= 5


@pytest.mark.slow
def test_package_data_works_after_a_non_editable_install(tmp_path: Path) -> None:
    """Build the wheel, unpack it elsewhere, and ingest a sample with nothing from the checkout."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheel_dir.glob("councilgraph-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    for folder in ("ontology", "shapes", "queries"):
        assert (site / "councilgraph" / "data" / folder).is_dir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    document = elsewhere / "antrag.txt"
    shutil.copy(EXAMPLES / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt", document)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from councilgraph.reference import data_dir; print(data_dir('shapes'))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(site))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "councilgraph",
            "ingest",
            str(document),
            "--store",
            str(elsewhere / "store"),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "antrag.txt" in run.stderr


@pytest.mark.slow
def test_parallel_ingest_stores_exactly_what_sequential_ingest_stores(tmp_path: Path) -> None:
    from ingest.pipeline import PARALLEL_FROM, ingest_paths

    folder = tmp_path / "many"
    folder.mkdir()
    samples = sorted(EXAMPLES.glob("*.txt"))
    copies = 0
    while copies < PARALLEL_FROM + 2:
        for sample in samples:
            shutil.copy(sample, folder / f"{sample.stem}-{copies}.txt")
            copies += 1
    stores = {}
    for workers in (1, 2):
        path = copy_store(reference_store(), tmp_path / f"store-{workers}")
        settings = Settings(store=str(path), base_uri=BASE, ingest_workers=workers)
        store = LocalStore(path, writable=True)
        try:
            outcomes = ingest_paths([folder], store, settings)
        finally:
            store.close()
        assert [o.path.name for o in outcomes] == sorted(p.name for p in folder.iterdir())
        assert all(o.stored for o in outcomes)
        stores[workers] = canonical_quads(LocalStore(path))
    assert stores[1] == stores[2]


def test_a_pinned_view_keeps_reading_its_snapshot(tmp_path: Path) -> None:
    writer = LocalStore(tmp_path / "store", writable=True)
    writer.replace_graph("http://example.org/g/1", '<http://example.org/a> <http://example.org/p> "1" .\n')
    writer.publish()
    reader = LocalStore(tmp_path / "store")
    pinned = reader.pinned()
    writer.replace_graph("http://example.org/g/2", '<http://example.org/a> <http://example.org/p> "2" .\n')
    writer.publish()
    writer.close()
    import time

    time.sleep(0.6)
    assert reader.triple_count() == 2
    assert pinned.triple_count() == 1
    assert pinned.version() != reader.version()
