"""Publisher metadata for the DCAT catalog and where dumps are built, from a TOML file.

`settings.catalog_config` names the file (environment `COUNCILGRAPH_CATALOG_CONFIG`);
without it every value takes the default documented on `CatalogConfig`.
`examples/catalog.toml` is a complete, commented sample.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from councilgraph.errors import ConfigurationError
from councilgraph.settings import Settings

DL_BY_DE_2_0 = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"


@dataclass(frozen=True)
class CatalogConfig:
    title: str = "councilgraph: Anträge und Vorlagen deutscher Stadträte"
    """Title of the catalog and of the whole-graph dataset (German)."""
    title_en: str = "councilgraph: motions and papers of German city councils"
    description: str = (
        "Anträge, Anfragen, Beschlussvorlagen und Stellungnahmen deutscher Stadt- und Gemeinderäte "
        "als Wissensgraph: Akteure, Beratungsfolgen, Städte und die digitalen Grundrechte, auf die "
        "sich die Vorlagen berufen."
    )
    description_en: str = (
        "Motions, inquiries, draft resolutions and statements of German city councils as a "
        "knowledge graph: actors, consultations, cities and the digital-rights principles "
        "they invoke."
    )
    keywords: tuple[str, ...] = (
        "Stadtrat",
        "Antrag",
        "Ratsinformationssystem",
        "Digitale Rechte",
        "Linked Data",
    )
    publisher_name: str = "councilgraph"
    """foaf:name of the publishing organisation: set it to the organisation running the site."""
    publisher_uri: str | None = None
    """IRI of the publisher; default `{base}catalog#publisher`."""
    publisher_type: str = "NonProfitOrganisation"
    """ADMS publisher type: a code of http://purl.org/adms/publishertype/1.0
    (LocalAuthority, NonProfitOrganisation, Academia-ScientificOrganisation, …) or a full IRI."""
    publisher_homepage: str | None = None
    contact_name: str = "councilgraph"
    contact_email: str = "opendata@example.org"
    """E-mail address of the contact point (published as a mailto: IRI)."""
    contact_url: str | None = None
    license: str = DL_BY_DE_2_0
    """Licence of the data: an IRI of the dcat-ap.de licence list."""
    attribution: str = "councilgraph"
    """Text to name when reusing the data (dcatde:licenseAttributionByText)."""
    contributor_id: str | None = None
    """dcatde:contributorID: the harvesting portal's IRI for the data provider (from
    http://dcat-ap.de/def/contributors/); left out unless set."""
    dumps_folder: str | None = None
    """Folder that caches the dump files; default `dumps` beside the store folder
    (a temporary folder when the store is remote)."""

    @property
    def publisher_type_iri(self) -> str:
        if self.publisher_type.startswith(("http://", "https://")):
            return self.publisher_type
        return ADMS_PUBLISHER_TYPE + self.publisher_type

    def publisher_iri(self, base_uri: str) -> str:
        return self.publisher_uri or f"{base_uri}catalog#publisher"


_SECTIONS = {
    "catalog": {
        "title": "title",
        "title_en": "title_en",
        "description": "description",
        "description_en": "description_en",
        "keywords": "keywords",
        "license": "license",
        "attribution": "attribution",
        "contributor_id": "contributor_id",
    },
    "publisher": {
        "name": "publisher_name",
        "uri": "publisher_uri",
        "type": "publisher_type",
        "homepage": "publisher_homepage",
    },
    "contact": {"name": "contact_name", "email": "contact_email", "url": "contact_url"},
    "dumps": {"folder": "dumps_folder"},
}


def load_catalog_config(path: str | Path | None) -> CatalogConfig:
    """Read the TOML file (sections [catalog], [publisher], [contact], [dumps]); None → defaults."""
    if path is None:
        return CatalogConfig()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as error:
        raise ConfigurationError(f"catalog settings file {path} does not exist") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(f"catalog settings file {path} is not valid TOML: {error}") from error
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in _SECTIONS or not isinstance(table, dict):
            raise ConfigurationError(
                f"{path}: unknown section [{section}]; expected one of {', '.join(sorted(_SECTIONS))}"
            )
        for key, value in table.items():
            name = _SECTIONS[section].get(key)
            if name is None:
                raise ConfigurationError(f"{path}: unknown key {key!r} in [{section}]")
            values[name] = tuple(value) if name == "keywords" else value
    for name, value in values.items():
        if name == "keywords":
            if not all(isinstance(word, str) for word in value):
                raise ConfigurationError(f"{path}: keywords must be a list of strings")
        elif not isinstance(value, str):
            raise ConfigurationError(f"{path}: {name} must be a string, not {value!r}")
    return CatalogConfig(**values)


def catalog_config_of(settings: Settings) -> CatalogConfig:
    return load_catalog_config(settings.catalog_config)
