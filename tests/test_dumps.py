"""Dumps at /dumps/: each format parses to exactly the store's statements; true sizes and hashes."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from publishing_support import BASE, build_sample_store

from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server import create_app


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dumps") / "store"
    build_sample_store(root).close()
    return root


@pytest.fixture(scope="module")
def store(store_path: Path) -> LocalStore:
    return LocalStore(store_path)


@pytest.fixture(scope="module")
def app(store_path: Path, store: LocalStore) -> Flask:
    app = create_app(Settings(store=str(store_path), base_uri=BASE), store=store)
    # the first request starts the background build; the gazetteer of every municipality makes it
    # take longer than a request waits, so the tests start from built dumps
    wait_for_dumps(app.test_client())
    return app


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    yield app.test_client()


def _get(client: FlaskClient, path: str, **headers: str) -> bytes:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    data = response.get_data()
    response.close()
    return data


def wait_for_dumps(client: FlaskClient, version: str | None = None, timeout: float = 60) -> dict:
    """Poll the manifest until the background build is done (of `version`, if given); bounded."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get("/dumps/manifest.json")
        body = response.get_data()
        response.close()
        if response.status_code == 200:
            manifest = json.loads(body)
            if version is None or manifest["version"] == version:
                return manifest
        else:
            assert response.status_code == 503, response.status_code
        assert time.monotonic() < deadline, "the dumps were not built in time"
        time.sleep(0.05)


def _statements(data: bytes, rdf_format: ox.RdfFormat) -> list[ox.Quad]:
    return list(ox.parse(gzip.decompress(data), format=rdf_format))


def test_the_sample_has_one_triple_in_two_graphs(store: LocalStore) -> None:
    # sample.trig states the Halle label both in the gazetteer and in the Bochum document
    assert store.quad_count() - store.triple_count() == 1


@pytest.mark.parametrize(
    ("name", "rdf_format"),
    [("councilgraph.nt.gz", ox.RdfFormat.N_TRIPLES), ("councilgraph.ttl.gz", ox.RdfFormat.TURTLE)],
)
def test_triple_dumps_hold_the_union_of_all_graphs(
    client: FlaskClient, store: LocalStore, name: str, rdf_format: ox.RdfFormat
) -> None:
    statements = _statements(_get(client, f"/dumps/{name}"), rdf_format)
    assert len(statements) == store.triple_count()
    assert len(set(statements)) == len(statements)


def test_nquads_dump_keeps_one_graph_per_document(client: FlaskClient, store: LocalStore) -> None:
    quads = _statements(_get(client, "/dumps/councilgraph.nq.gz"), ox.RdfFormat.N_QUADS)
    assert len(quads) == store.quad_count()
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == {
        f"{BASE}graph/gazetteer",
        f"{BASE}graph/principles",
        f"{BASE}graph/ontology",
        f"{BASE}id/document/halle-antrag",
        f"{BASE}id/document/bochum-aenderungsantrag",
    }


def test_jsonld_dump_parses_with_its_graphs(client: FlaskClient, store: LocalStore) -> None:
    quads = _statements(_get(client, "/dumps/councilgraph.jsonld.gz"), ox.RdfFormat.JSON_LD)
    assert len(set(quads)) == store.quad_count()


def test_manifest_sizes_and_checksums_match_the_files(client: FlaskClient) -> None:
    manifest = json.loads(_get(client, "/dumps/manifest.json"))
    sums = _get(client, "/dumps/SHA256SUMS").decode()
    names = {entry["name"] for entry in manifest["files"]}
    assert {
        "councilgraph.nt.gz",
        "councilgraph.ttl.gz",
        "councilgraph.nq.gz",
        "councilgraph.jsonld.gz",
        "councilgraph-ontology.ttl",
        "councilgraph-shapes.ttl",
        "cities/halle-saale.ttl.gz",
        "cities/bochum.ttl.gz",
    } <= names
    for entry in manifest["files"]:
        data = _get(client, f"/dumps/{entry['name']}")
        assert len(data) == entry["bytes"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert f"{entry['sha256']}  {entry['name']}\n" in sums


def test_city_dump_holds_the_documents_of_that_city_only(client: FlaskClient) -> None:
    triples = _statements(_get(client, "/dumps/cities/bochum.ttl.gz"), ox.RdfFormat.TURTLE)
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    assert f"{BASE}id/motion/bochum/20210691" in subjects
    assert f"{BASE}id/motion/halle-saale/vii-2021-03290" not in subjects


def test_the_listing_is_html_for_browsers_and_json_for_programs(client: FlaskClient) -> None:
    page = _get(client, "/dumps/", Accept="text/html,application/xhtml+xml,*/*;q=0.8").decode()
    assert 'href="/dumps/councilgraph.nq.gz"' in page
    listing = json.loads(_get(client, "/dumps/", Accept="application/json"))
    assert {f["name"] for f in listing["files"]} >= {"councilgraph.nt.gz", "councilgraph.jsonld.gz"}


def test_conditional_and_range_requests(client: FlaskClient) -> None:
    first = client.get("/dumps/councilgraph.nt.gz")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    whole = first.get_data()
    first.close()
    again = client.get("/dumps/councilgraph.nt.gz", headers={"If-None-Match": etag})
    assert again.status_code == 304
    again.close()
    since = client.get("/dumps/councilgraph.nt.gz", headers={"If-Modified-Since": last_modified})
    assert since.status_code == 304
    since.close()
    part = client.get("/dumps/councilgraph.nt.gz", headers={"Range": "bytes=0-9"})
    assert part.status_code == 206
    assert part.get_data() == whole[:10]
    part.close()


@pytest.mark.parametrize(
    "path",
    [
        "/dumps/../store/CURRENT",
        "/dumps/%2e%2e/store/CURRENT",
        "/dumps/cities/../../store/CURRENT",
        "/dumps/..%2fstore%2fCURRENT",
        "/dumps/%2Fetc%2Fpasswd",
        "/dumps/nothing.nt.gz",
    ],
)
def test_paths_outside_the_manifest_are_not_found(client: FlaskClient, path: str) -> None:
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404
    response.close()


def test_dumps_are_rebuilt_when_the_store_changes_and_not_before(tmp_path: Path) -> None:
    root = tmp_path / "store"
    reader = build_sample_store(root)
    app = create_app(Settings(store=str(root), base_uri=BASE), store=reader)
    client = app.test_client()
    before = wait_for_dumps(client)
    assert json.loads(_get(client, "/dumps/manifest.json"))["created"] == before["created"]
    _publish_one_triple(root, reader, "x", before["version"])
    after = wait_for_dumps(client, version=reader.version())
    assert after["version"] != before["version"]
    nt = next(f for f in after["files"] if f["name"] == "councilgraph.nt.gz")
    old_nt = next(f for f in before["files"] if f["name"] == "councilgraph.nt.gz")
    assert nt["triples"] == old_nt["triples"] + 1
    leftovers = [p.name for p in (tmp_path / "dumps").rglob("*.tmp")]
    assert not leftovers


def test_write_dump_counts_what_it_writes(store: LocalStore) -> None:
    from server.dumps import N_QUADS, write_dump

    output = io.BytesIO()
    size, statements, digest = write_dump(store, output, N_QUADS, compress=False)
    data = output.getvalue()
    assert size == len(data)
    assert statements == data.count(b"\n") == store.quad_count()
    assert digest == hashlib.sha256(data).hexdigest()


def test_dumps_of_the_sample_documents(sample_settings: Settings, sample_store: LocalStore) -> None:
    client = create_app(sample_settings, store=sample_store).test_client()
    wait_for_dumps(client, version=sample_store.version())  # another test may have started the build
    triples = _statements(_get(client, "/dumps/councilgraph.nt.gz"), ox.RdfFormat.N_TRIPLES)
    quads = _statements(_get(client, "/dumps/councilgraph.nq.gz"), ox.RdfFormat.N_QUADS)
    assert len(triples) == sample_store.triple_count()
    assert len(quads) == sample_store.quad_count()


@pytest.fixture
def held_builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Dump builds wait for the event before they start; requests wait only briefly."""
    from server import dumps, publishing

    release = threading.Event()
    real_build = dumps.build_dumps

    def held_build(*args: object, **kwargs: object) -> dumps.Manifest:
        assert release.wait(30), "the test never released the build"
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dumps, "build_dumps", held_build)
    monkeypatch.setattr(publishing, "DUMP_WAIT_SECONDS", 0.05)
    try:
        yield release
    finally:
        release.set()  # never leave a build holding the build lock


def _app_on_new_store(root: Path) -> tuple[LocalStore, FlaskClient]:
    reader = build_sample_store(root)
    return reader, create_app(Settings(store=str(root), base_uri=BASE), store=reader).test_client()


def test_requests_before_the_first_build_get_503_with_retry_after(
    tmp_path: Path, held_builds: threading.Event
) -> None:
    reader, client = _app_on_new_store(tmp_path / "store")
    for path in (
        "/dumps/",
        "/dumps/councilgraph.nt.gz",
        "/dumps/manifest.json",
        "/catalog.ttl",
        "/.well-known/void.ttl",
    ):
        response = client.get(path, headers={"Accept": "application/json"})
        assert response.status_code == 503, path
        assert int(response.headers["Retry-After"]) > 0
        assert "being built" in response.get_json()["message"]
        response.close()
    held_builds.set()
    manifest = wait_for_dumps(client)
    assert manifest["version"] == reader.version()
    assert len(_statements(_get(client, "/dumps/councilgraph.nt.gz"), ox.RdfFormat.N_TRIPLES)) == (
        reader.triple_count()
    )
    assert client.get("/catalog.ttl").status_code == 200


def test_the_previous_files_are_served_while_the_next_version_builds(
    tmp_path: Path, held_builds: threading.Event
) -> None:
    root = tmp_path / "store"
    reader, client = _app_on_new_store(root)
    held_builds.set()
    before = wait_for_dumps(client)
    old_nt = next(f for f in before["files"] if f["name"] == "councilgraph.nt.gz")
    held_builds.clear()
    _publish_one_triple(root, reader, "y", before["version"])
    assert reader.version() != before["version"]
    # the new build is held: the old set stays whole and consistent
    assert json.loads(_get(client, "/dumps/manifest.json"))["version"] == before["version"]
    data = _get(client, "/dumps/councilgraph.nt.gz")
    assert hashlib.sha256(data).hexdigest() == old_nt["sha256"]
    assert len(_statements(data, ox.RdfFormat.N_TRIPLES)) == old_nt["triples"]
    unknown = client.get("/dumps/cities/new-city.ttl.gz")
    assert unknown.status_code == 503
    unknown.close()
    held_builds.set()
    after = wait_for_dumps(client, version=reader.version())
    new_nt = next(f for f in after["files"] if f["name"] == "councilgraph.nt.gz")
    assert new_nt["triples"] == old_nt["triples"] + 1
    assert hashlib.sha256(_get(client, "/dumps/councilgraph.nt.gz")).hexdigest() == new_nt["sha256"]
    assert not [p.name for p in (tmp_path / "dumps").iterdir() if p.name.startswith(".build-")]


def test_a_failed_build_is_reported_not_retried_per_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from server import dumps

    attempts: list[int] = []

    def broken_build(*_args: object, **_kwargs: object) -> dumps.Manifest:
        attempts.append(1)
        raise OSError("disk full")

    monkeypatch.setattr(dumps, "build_dumps", broken_build)
    _reader, client = _app_on_new_store(tmp_path / "store")
    for _ in range(3):
        response = client.get("/dumps/", headers={"Accept": "application/json"})
        assert response.status_code == 503
        assert "disk full" in response.get_json()["message"]
        response.close()
    assert len(attempts) == 1


def _publish_one_triple(root: Path, reader: LocalStore, label: str, old_version: str) -> None:
    """Write a one-triple document graph, publish it, and wait (bounded) until `reader` follows."""
    writer = LocalStore(root, writable=True)
    try:
        writer.replace_graph(
            f"{BASE}id/document/extra",
            f'<{BASE}id/motion/bochum/{label}> <http://www.w3.org/2000/01/rdf-schema#label> "{label}" .',
        )
        writer.publish()
    finally:
        writer.close()
    deadline = time.monotonic() + 5
    while reader.version() == old_version and time.monotonic() < deadline:
        time.sleep(0.1)
