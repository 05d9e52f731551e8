"""The DCAT-AP.de 3.0 catalog: datasets for the whole graph and each city, dumps, SPARQL service.

Open-data portals (GovData, CKAN with ckanext-dcat) harvest it from `/catalog`.
Publisher, contact point and licence come from the catalog settings file
(`councilgraph.catalog_settings`); everything else is read from the store
and the dump manifest.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD

from councilgraph.catalog_settings import CatalogConfig
from councilgraph.namespaces import CG_IRI
from councilgraph.store import GraphStore
from server.dumps import DumpFile, Manifest

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
IANA = "http://www.iana.org/assignments/media-types/"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
MUNICIPALITY_KEY = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/"
GEOCODING_LEVEL_MUNICIPALITY = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality")
GEONAMES_PREFIXES = ("https://sws.geonames.org/", "http://sws.geonames.org/")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
THEME = URIRef(EU_AUTHORITY + "data-theme/GOVE")
LANGUAGE = URIRef(EU_AUTHORITY + "language/DEU")


@dataclass(frozen=True)
class CityCoverage:
    iri: str
    slug: str
    label: str
    municipality_key: str | None
    geonames: str | None
    start: str | None
    end: str | None
    motions: int

    @property
    def spatial(self) -> URIRef | None:
        """The dcat-ap.de municipality IRI where the key is known, else GeoNames."""
        if self.municipality_key:
            return URIRef(MUNICIPALITY_KEY + self.municipality_key)
        return URIRef(self.geonames) if self.geonames else None


def city_coverage(store: GraphStore) -> list[CityCoverage]:
    """Every city with motions: its label, key, GeoNames IRI, motion dates and count."""
    result = store.query(f"""
        PREFIX cg: <{CG_IRI}>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?city (SAMPLE(?label) AS ?name) (SAMPLE(?key) AS ?mkey) (SAMPLE(?same) AS ?geonames)
               (MIN(?date) AS ?start) (MAX(?date) AS ?end) (COUNT(DISTINCT ?m) AS ?motions)
        WHERE {{
            ?m a cg:Motion ; cg:city ?city .
            OPTIONAL {{ ?m dcterms:date ?date }}
            OPTIONAL {{ ?city rdfs:label ?label FILTER(LANG(?label) = "de" || LANG(?label) = "") }}
            OPTIONAL {{ ?city cg:municipalityKey ?key }}
            OPTIONAL {{ ?city owl:sameAs ?same
                        FILTER(STRSTARTS(STR(?same), "https://sws.geonames.org/")
                               || STRSTARTS(STR(?same), "http://sws.geonames.org/")) }}
        }}
        GROUP BY ?city ORDER BY ?city""")
    assert isinstance(result, ox.QuerySolutions)
    cities = []
    for row in result:
        city = row["city"]
        if not isinstance(city, ox.NamedNode):
            continue
        slug = city.value.rstrip("/").rsplit("/", 1)[-1]
        cities.append(
            CityCoverage(
                iri=city.value,
                slug=slug,
                label=_value(row["name"]) or slug,
                municipality_key=_value(row["mkey"]),
                geonames=_value(row["geonames"]),
                start=_date(row["start"]),
                end=_date(row["end"]),
                motions=int(_value(row["motions"]) or 0),
            )
        )
    return cities


def _value(term: object) -> str | None:
    return getattr(term, "value", None) if term is not None else None


def _date(term: object) -> str | None:
    value = _value(term)
    return value[:10] if value else None


def _span(cities: list[CityCoverage]) -> tuple[str | None, str | None]:
    starts = [c.start for c in cities if c.start]
    ends = [c.end for c in cities if c.end]
    return (min(starts) if starts else None, max(ends) if ends else None)


class CatalogBuilder:
    """Writes the catalog's triples into one rdflib graph."""

    def __init__(self, config: CatalogConfig, base_uri: str, manifest: Manifest) -> None:
        self.config = config
        self.base = base_uri
        self.manifest = manifest
        self.graph = Graph()
        for prefix, namespace in (
            ("dcat", DCAT),
            ("dcterms", DCTERMS),
            ("foaf", FOAF),
            ("vcard", VCARD),
            ("spdx", SPDX),
            ("dcatde", DCATDE),
            ("owl", OWL),
            ("xsd", XSD),
        ):
            self.graph.bind(prefix, namespace)
        self.catalog = self.iri("catalog")
        self.service = self.iri("sparql-service")
        self.publisher = URIRef(config.publisher_iri(base_uri))
        self.contact = self.iri("contact")
        self.license = URIRef(config.license)
        self.modified = Literal(manifest.created, datatype=XSD.dateTime)

    def iri(self, fragment: str) -> URIRef:
        return URIRef(f"{self.base}catalog#{fragment}")

    def add(self, subject: URIRef | BNode, predicate: URIRef, obj: URIRef | BNode | Literal) -> None:
        self.graph.add((subject, predicate, obj))

    # -- the parts

    def agents(self) -> None:
        config = self.config
        self.add(self.publisher, RDF.type, FOAF.Organization)
        self.add(self.publisher, FOAF.name, Literal(config.publisher_name))
        self.add(self.publisher, DCTERMS.type, URIRef(config.publisher_type_iri))
        if config.publisher_homepage:
            self.add(self.publisher, FOAF.homepage, URIRef(config.publisher_homepage))
        self.add(self.contact, RDF.type, VCARD.Organization)
        self.add(self.contact, VCARD.fn, Literal(config.contact_name))
        email = config.contact_email
        self.add(
            self.contact,
            VCARD.hasEmail,
            URIRef(email if email.startswith("mailto:") else f"mailto:{email}"),
        )
        if config.contact_url:
            self.add(self.contact, VCARD.hasURL, URIRef(config.contact_url))

    def catalog_node(self, datasets: list[URIRef]) -> None:
        config, node = self.config, self.catalog
        self.add(node, RDF.type, DCAT.Catalog)
        self.add(node, DCTERMS.title, Literal(config.title, lang="de"))
        self.add(node, DCTERMS.title, Literal(config.title_en, lang="en"))
        self.add(node, DCTERMS.description, Literal(config.description, lang="de"))
        self.add(node, DCTERMS.description, Literal(config.description_en, lang="en"))
        self.add(node, DCTERMS.publisher, self.publisher)
        self.add(node, DCAT.contactPoint, self.contact)
        self.add(node, DCTERMS.language, LANGUAGE)
        self.add(node, DCTERMS.license, self.license)
        self.add(node, DCTERMS.modified, self.modified)
        self.add(node, FOAF.homepage, URIRef(self.base))
        self.add(node, DCAT.service, self.service)
        for dataset in datasets:
            self.add(node, DCAT.dataset, dataset)

    def dataset(
        self,
        node: URIRef,
        title_de: str,
        title_en: str,
        description: str,
        cities: list[CityCoverage],
        dumps: list[DumpFile],
        landing_page: str,
    ) -> None:
        config = self.config
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, DCTERMS.title, Literal(title_de, lang="de"))
        self.add(node, DCTERMS.title, Literal(title_en, lang="en"))
        self.add(node, DCTERMS.description, Literal(description, lang="de"))
        self.add(node, DCTERMS.identifier, Literal(str(node)))
        self.add(node, DCTERMS.publisher, self.publisher)
        self.add(node, DCAT.contactPoint, self.contact)
        self.add(node, DCAT.theme, THEME)
        self.add(node, DCTERMS.language, LANGUAGE)
        self.add(node, DCTERMS.modified, self.modified)
        self.add(node, DCAT.landingPage, URIRef(landing_page))
        for keyword in config.keywords:
            self.add(node, DCAT.keyword, Literal(keyword, lang="de"))
        if config.contributor_id:
            self.add(node, DCATDE.contributorID, URIRef(config.contributor_id))
        for city in cities:
            spatial = city.spatial
            if spatial is None:
                continue
            self.add(node, DCTERMS.spatial, spatial)
            self.add(spatial, RDF.type, DCTERMS.Location)
            if city.municipality_key:
                self.add(node, DCATDE.politicalGeocodingURI, spatial)
                self.add(node, DCATDE.politicalGeocodingLevelURI, GEOCODING_LEVEL_MUNICIPALITY)
        start, end = _span(cities)
        if start or end:
            period = BNode()
            self.add(node, DCTERMS.temporal, period)
            self.add(period, RDF.type, DCTERMS.PeriodOfTime)
            if start:
                self.add(period, DCAT.startDate, Literal(start, datatype=XSD.date))
            if end:
                self.add(period, DCAT.endDate, Literal(end, datatype=XSD.date))
        for dump in dumps:
            self.add(node, DCAT.distribution, self.distribution(dump))
        self.add(self.service, DCAT.servesDataset, node)

    def distribution(self, dump: DumpFile) -> URIRef:
        node = self.iri("dist-" + dump.name.replace("/", "-"))
        self.add(node, RDF.type, DCAT.Distribution)
        self.add(node, DCTERMS.title, Literal(dump.title, lang="en"))
        self.add(node, DCAT.accessURL, URIRef(f"{self.base}dumps/"))
        self.add(node, DCAT.downloadURL, URIRef(f"{self.base}dumps/{dump.name}"))
        self.add(node, DCAT.mediaType, URIRef(IANA + dump.media_type))
        self.add(node, DCTERMS.format, URIRef(f"{EU_AUTHORITY}file-type/{dump.file_type}"))
        if dump.compressed:
            self.add(node, DCAT.compressFormat, URIRef(IANA + "application/gzip"))
        self.add(node, DCAT.byteSize, Literal(dump.bytes, datatype=XSD.nonNegativeInteger))
        self.add(node, DCTERMS.license, self.license)
        self.add(node, DCATDE.licenseAttributionByText, Literal(self.config.attribution))
        self.add(node, DCTERMS.modified, self.modified)
        checksum = BNode()
        self.add(node, SPDX.checksum, checksum)
        self.add(checksum, RDF.type, SPDX.Checksum)
        self.add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
        self.add(checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary))
        return node

    def data_service(self) -> None:
        node = self.service
        self.add(node, RDF.type, DCAT.DataService)
        self.add(node, DCTERMS.title, Literal("SPARQL-Endpunkt von councilgraph", lang="de"))
        self.add(node, DCTERMS.title, Literal("councilgraph SPARQL endpoint", lang="en"))
        self.add(
            node,
            DCTERMS.description,
            Literal(
                "SPARQL 1.1 Query über den ganzen Graphen; die Vereinigung aller Graphen ist der Standardgraph.",
                lang="de",
            ),
        )
        self.add(node, DCAT.endpointURL, URIRef(f"{self.base}sparql"))
        self.add(node, DCAT.endpointDescription, URIRef(f"{self.base}sparql"))
        self.add(node, DCTERMS.conformsTo, SPARQL_PROTOCOL)
        self.add(node, DCTERMS.publisher, self.publisher)
        self.add(node, DCAT.contactPoint, self.contact)
        self.add(node, DCTERMS.license, self.license)
        self.add(node, DCAT.theme, THEME)
        self.add(node, DCAT.landingPage, URIRef(f"{self.base}sparql"))


def build_catalog(store: GraphStore, base_uri: str, config: CatalogConfig, manifest: Manifest) -> Graph:
    """The DCAT-AP.de catalog graph for the store's current data and dumps."""
    builder = CatalogBuilder(config, base_uri, manifest)
    cities = city_coverage(store)
    builder.agents()
    builder.data_service()
    whole = builder.iri("dataset")
    builder.dataset(
        whole,
        config.title,
        config.title_en,
        config.description,
        cities,
        manifest.of_kind("dataset") + manifest.of_kind("texts"),
        base_uri,
    )
    datasets = [whole]
    city_dumps = {d.city: d for d in manifest.of_kind("city")}
    for city in cities:
        node = builder.iri(f"dataset-{city.slug}")
        dumps = [city_dumps[city.iri]] if city.iri in city_dumps else []
        builder.dataset(
            node,
            f"{config.title}: {city.label}",
            f"{config.title_en}: {city.label}",
            f"Anträge, Anfragen und Vorlagen aus {city.label} ({city.motions} Vorlagen) mit ihren "
            "Dokumenten, Akteuren und Beratungsfolgen.",
            [city],
            dumps,
            f"{base_uri}doc/city/{city.slug}",
        )
        datasets.append(node)
    builder.catalog_node(datasets)
    return builder.graph
