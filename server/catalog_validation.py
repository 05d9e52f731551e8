"""Check the catalog against the DCAT-AP.de 3.0 SHACL shapes (`councilgraph validate --catalog`).

The shapes, the vocabularies they expect in the data graph and an excerpt of
the EU authority tables are packaged under `shapes/dcat-ap-de/`. They are
used the way GovData's validator uses them: the vocabularies are merged into
the data graph, no inference, Warnings reported but not failing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import click
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from councilgraph.catalog_settings import CatalogConfig, catalog_config_of
from councilgraph.errors import CouncilGraphError
from councilgraph.namespaces import SH
from councilgraph.reference import data_dir
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, open_store
from server.catalog import build_catalog
from server.dumps import current_dumps

_RDF_SUFFIX_FORMATS = {".ttl": "turtle", ".rdf": "xml", ".owl": "xml"}


def dcat_ap_de_dir() -> Path:
    return data_dir("shapes") / "dcat-ap-de"


def _parse_folder(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted(folder.iterdir()):
        if path.suffix in _RDF_SUFFIX_FORMATS:
            graph.parse(path, format=_RDF_SUFFIX_FORMATS[path.suffix])
    return graph


@lru_cache(maxsize=1)
def dcat_ap_de_shapes() -> Graph:
    """The six shape files of the GovData validator profile for DCAT-AP.de 3.0."""
    return _parse_folder(dcat_ap_de_dir() / "shacl")


@lru_cache(maxsize=1)
def dcat_ap_de_vocabularies() -> Graph:
    """The vocabularies the shapes expect in the data graph, and the EU authority-table excerpt."""
    graph = _parse_folder(dcat_ap_de_dir() / "vocab")
    graph.parse(dcat_ap_de_dir() / "eu-authority-excerpt.ttl", format="turtle")
    return graph


@dataclass(frozen=True)
class Finding:
    severity: str
    focus: str
    path: str
    message: str
    value: str


@dataclass
class CatalogReport:
    conforms: bool
    """No Violation (Warnings allowed)."""
    findings: list[Finding]
    report: Graph

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    def text(self) -> str:
        lines = [
            f"DCAT-AP.de 3.0: {'conforms' if self.conforms else 'does NOT conform'} "
            f"({len(self.violations)} violation(s), {len(self.warnings)} warning(s))"
        ]
        for finding in sorted(self.findings, key=lambda f: (f.severity != "Violation", f.focus, f.path)):
            value = f" value {finding.value}" if finding.value else ""
            lines.append(f"  {finding.severity}: {finding.focus} {finding.path}{value}\n    {finding.message}")
        return "\n".join(lines)


def validate_catalog(
    catalog: Graph, *, shapes: Graph | None = None, vocabularies: Graph | None = None
) -> CatalogReport:
    """Validate a catalog; `shapes` and `vocabularies` default to the packaged DCAT-AP.de files."""
    data = Graph()
    data += catalog
    data += vocabularies if vocabularies is not None else dcat_ap_de_vocabularies()
    _conforms, report, _text = validate(
        data,
        shacl_graph=shapes if shapes is not None else dcat_ap_de_shapes(),
        ont_graph=None,
        inference="none",
        allow_warnings=True,
        advanced=False,
        do_owl_imports=False,
    )
    assert isinstance(report, Graph)
    findings = [_finding(report, result) for result in report.subjects(RDF.type, SH.ValidationResult)]
    return CatalogReport(
        conforms=not any(f.severity == "Violation" for f in findings),
        findings=findings,
        report=report,
    )


def _finding(report: Graph, result: Node) -> Finding:
    def text(predicate: URIRef) -> str:
        value = report.value(result, predicate)
        return str(value) if value is not None else ""

    messages = [m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    message = next((str(m) for m in messages if m.language == "en"), None) or (str(messages[0]) if messages else "")
    return Finding(
        severity=text(SH.resultSeverity).rsplit("#", 1)[-1] or "Violation",
        focus=text(SH.focusNode),
        path=text(SH.resultPath),
        message=message,
        value=text(SH.value),
    )


def catalog_of(store: GraphStore, settings: Settings, config: CatalogConfig | None = None) -> Graph:
    """The catalog the server would publish now (dumps are brought up to date first)."""
    config = config or catalog_config_of(settings)
    _folder, manifest = current_dumps(store, settings, config)
    return build_catalog(store, settings.base_uri, config, manifest)


def validate_catalog_command(settings: Settings, report_format: str) -> None:
    """`councilgraph validate --catalog`: print the report; exit 1 on a Violation."""
    try:
        store = open_store(settings)
        report = validate_catalog(catalog_of(store, settings))
    except CouncilGraphError as error:
        raise click.ClickException(str(error)) from error
    if report_format == "turtle":
        click.echo(report.report.serialize(format="turtle"))
    else:
        click.echo(report.text())
    if not report.conforms:
        sys.exit(1)
