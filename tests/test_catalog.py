"""The DCAT-AP.de catalog at /catalog: content, conformance to the shapes, working downloads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from publishing_support import BASE, ROOT, build_sample_store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS, XSD

from councilgraph.catalog_settings import DL_BY_DE_2_0, load_catalog_config
from councilgraph.errors import ConfigurationError
from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server import create_app
from server.catalog_validation import validate_catalog
from tests.test_dumps import wait_for_dumps

DCAT_AP_DE = ROOT / "tests" / "data" / "dcat-ap-de"
SPDX = "http://spdx.org/rdf/terms#"
DCATDE = "http://dcat-ap.de/def/dcatde/"
NAL = "http://publications.europa.eu/resource/authority/"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalog") / "store"
    build_sample_store(root).close()
    return root


@pytest.fixture(scope="module")
def app(store_path: Path) -> Flask:
    return create_app(Settings(store=str(store_path), base_uri=BASE), store=LocalStore(store_path))


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    yield app.test_client()


@pytest.fixture(scope="module")
def catalog(app: Flask) -> Graph:
    response = app.test_client().get("/catalog", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return Graph().parse(data=response.get_data(as_text=True), format="turtle")


def _eu_nal_stub(graph: Graph) -> Graph:
    """TEST ONLY (tests/data/dcat-ap-de/README.md): stands in for the EU authority tables
    that pyshacl cannot fetch. It accepts any code of the right table, so it must never be
    used outside tests."""
    stub = Graph()
    for obj in set(graph.objects()):
        if isinstance(obj, URIRef) and obj.startswith(NAL) and obj[len(NAL) :].count("/") == 1:
            stub.add((obj, SKOS.inScheme, URIRef(obj.rsplit("/", 1)[0])))
    return stub


def test_catalog_conforms_to_the_dcat_ap_de_shapes(catalog: Graph) -> None:
    """The call of tests/data/dcat-ap-de/README.md: all six shape files, the vocabularies in
    the data graph, no inference, Warnings allowed; the EU-NAL stub (test-only) for the
    authority tables."""
    shapes = Graph()
    for path in sorted((DCAT_AP_DE / "shacl").glob("*.ttl")):
        shapes.parse(path)
    vocabularies = Graph()
    for path in sorted((DCAT_AP_DE / "vocab").iterdir()):
        vocabularies.parse(path)
    vocabularies += _eu_nal_stub(catalog)
    report = validate_catalog(catalog, shapes=shapes, vocabularies=vocabularies)
    assert report.conforms, report.text()
    assert not report.violations


def test_the_validator_finds_violations(catalog: Graph) -> None:
    broken = Graph()
    broken += catalog
    publisher = URIRef(f"{BASE}catalog#publisher")
    broken.remove((publisher, DCTERMS.type, None))
    broken.add((publisher, DCTERMS.type, URIRef("http://purl.org/adms/publishertype/NoSuchType")))
    distribution = URIRef(f"{BASE}catalog#dist-councilgraph.nt.gz")
    broken.remove((distribution, DCTERMS.license, None))
    report = validate_catalog(broken)
    assert not report.conforms
    paths = {f.path for f in report.violations}
    assert str(DCTERMS.license) in paths


def test_cli_validate_catalog_passes_with_the_packaged_shapes(store_path: Path) -> None:
    from councilgraph.cli import main

    result = CliRunner().invoke(
        main, ["validate", "--catalog", "--store", str(store_path), "--base-uri", BASE]
    )
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_cli_validate_catalog_exits_1_on_a_violation(store_path: Path, tmp_path: Path) -> None:
    from councilgraph.cli import main

    config = tmp_path / "catalog.toml"
    config.write_text('[publisher]\ntype = "NoSuchPublisherType"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["validate", "--catalog", "--store", str(store_path), "--base-uri", BASE],
        env={"COUNCILGRAPH_CATALOG_CONFIG": str(config)},
    )
    assert result.exit_code == 1, result.output
    assert "does NOT conform" in result.output


def test_catalog_datasets_per_city_with_spatial_and_temporal_coverage(catalog: Graph) -> None:
    halle = URIRef(f"{BASE}catalog#dataset-halle-saale")
    bochum = URIRef(f"{BASE}catalog#dataset-bochum")
    whole = URIRef(f"{BASE}catalog#dataset")
    datasets = set(catalog.objects(URIRef(f"{BASE}catalog#catalog"), DCAT.dataset))
    # Chemnitz is in the gazetteer but has no motion: no dataset of its own
    assert datasets == {whole, halle, bochum}
    halle_key = URIRef("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/15002000")
    assert (halle, DCTERMS.spatial, halle_key) in catalog
    assert (halle, URIRef(DCATDE + "politicalGeocodingURI"), halle_key) in catalog
    # Bochum has no municipality key in the sample: GeoNames for dct:spatial, no geocoding URI
    assert (bochum, DCTERMS.spatial, URIRef("https://sws.geonames.org/2947416/")) in catalog
    assert (bochum, URIRef(DCATDE + "politicalGeocodingURI"), None) not in catalog
    assert _period(catalog, halle) == ("2020-05-04", "2021-06-15")
    assert _period(catalog, bochum) == ("2021-03-25", "2021-03-25")
    assert _period(catalog, whole) == ("2020-05-04", "2021-06-15")


def _period(catalog: Graph, dataset: URIRef) -> tuple[str, str]:
    period = catalog.value(dataset, DCTERMS.temporal)
    start = catalog.value(period, DCAT.startDate)
    end = catalog.value(period, DCAT.endDate)
    assert isinstance(start, Literal) and start.datatype == XSD.date
    assert isinstance(end, Literal)
    return str(start), str(end)


def test_catalog_defaults_licence_theme_language_publisher_contact(catalog: Graph) -> None:
    whole = URIRef(f"{BASE}catalog#dataset")
    assert (whole, DCAT.theme, URIRef(NAL + "data-theme/GOVE")) in catalog
    assert (whole, DCTERMS.language, URIRef(NAL + "language/DEU")) in catalog
    distribution = URIRef(f"{BASE}catalog#dist-councilgraph.nt.gz")
    assert (distribution, DCTERMS.license, URIRef(DL_BY_DE_2_0)) in catalog
    publisher = catalog.value(whole, DCTERMS.publisher)
    assert (publisher, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Organization")) in catalog
    contact = catalog.value(whole, DCAT.contactPoint)
    email = catalog.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail"))
    assert str(email).startswith("mailto:")
    service = URIRef(f"{BASE}catalog#sparql-service")
    assert (service, DCAT.endpointURL, URIRef(f"{BASE}sparql")) in catalog
    assert (service, DCAT.servesDataset, whole) in catalog


def test_every_download_url_answers_with_the_described_bytes(
    catalog: Graph, client: FlaskClient
) -> None:
    distributions = list(catalog.subjects(RDF.type, DCAT.Distribution))
    # four formats of the whole graph, the full texts, one Turtle file per city with motions
    assert len(distributions) == 7
    assert URIRef(f"{BASE}catalog#dist-texts.nq.gz") in distributions
    for distribution in distributions:
        url = str(catalog.value(distribution, DCAT.downloadURL))
        assert url.startswith(BASE)
        response = client.get("/" + url[len(BASE) :])
        assert response.status_code == 200, url
        data = response.get_data()
        response.close()
        size = catalog.value(distribution, DCAT.byteSize)
        assert isinstance(size, Literal) and size.datatype == XSD.nonNegativeInteger
        assert int(size) == len(data)
        checksum = catalog.value(distribution, URIRef(SPDX + "checksum"))
        assert catalog.value(checksum, URIRef(SPDX + "algorithm")) == URIRef(
            SPDX + "checksumAlgorithm_sha256"
        )
        assert (
            str(catalog.value(checksum, URIRef(SPDX + "checksumValue")))
            == hashlib.sha256(data).hexdigest()
        )
        media_type = str(catalog.value(distribution, DCAT.mediaType))
        assert media_type.startswith("http://www.iana.org/assignments/media-types/")
        assert str(catalog.value(distribution, DCTERMS.format)).startswith(NAL + "file-type/")


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_catalog_formats_by_accept(
    client: FlaskClient, catalog: Graph, accept: str, rdf_format: ox.RdfFormat
) -> None:
    response = client.get("/catalog", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == accept
    assert response.headers["Vary"] == "Accept"
    parsed = list(ox.parse(response.get_data(), format=rdf_format))
    assert len(parsed) == len(catalog)


def test_catalog_page_for_browsers(client: FlaskClient) -> None:
    response = client.get("/catalog", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "Halle (Saale)" in response.get_data(as_text=True)


def test_publisher_metadata_comes_from_the_settings_file(store_path: Path) -> None:
    config_path = ROOT / "examples" / "catalog.toml"
    settings = Settings(store=str(store_path), base_uri=BASE, catalog_config=str(config_path))
    client = create_app(settings, store=LocalStore(store_path)).test_client()
    graph = Graph().parse(data=client.get("/catalog.ttl").get_data(as_text=True), format="turtle")
    publisher = URIRef("https://example.org/#publisher")
    assert (
        publisher,
        URIRef("http://xmlns.com/foaf/0.1/name"),
        Literal("Open Knowledge Lab Beispielstadt"),
    ) in graph
    assert validate_catalog(graph).conforms


def test_settings_file_errors_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[publisher]\ncolour = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="colour"):
        load_catalog_config(path)
    assert load_catalog_config(None).license == DL_BY_DE_2_0


def test_catalog_of_the_five_sample_documents_conforms(
    sample_settings: Settings, sample_store: LocalStore
) -> None:
    client = create_app(sample_settings, store=sample_store).test_client()
    wait_for_dumps(client)  # the catalog gives the dumps' sizes: wait for the background build
    graph = Graph().parse(data=client.get("/catalog.ttl").get_data(as_text=True), format="turtle")
    cities = {
        str(d).rsplit("#dataset-", 1)[-1]
        for d in graph.subjects(RDF.type, DCAT.Dataset)
        if "#dataset-" in str(d)
    }
    # the five documents come from Halle (two), Bochum, Chemnitz and München
    assert {"halle-saale", "bochum", "chemnitz", "muenchen"} <= cities
    report = validate_catalog(graph)
    assert report.conforms, report.text()
