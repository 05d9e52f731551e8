"""Names for OParl objects in our graph: graph and document IRIs, keys, the record's own document node.

Resources get our URIs (`B/id/motion/{city}/{reference}`, `B/id/actor/{city}/{name}`,
`B/id/meeting/{city}/…`); the OParl `id` URL is kept as `owl:sameAs` on the
resource and as `prov:wasDerivedFrom` on the document that records it. Each
OParl paper, meeting, organization and person is stored in a named graph of
its own whose name is that record's document IRI,
`B/id/document/oparl-{city}-{type}-{key}`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from councilgraph.namespaces import CG, DCTERMS, PREFIXES, PROV, RDF, RDFS, XSD
from councilgraph.uris import UriMinter, slugify

OPARL_SCHEMA = "https://schema.oparl.org/"
GENRE = "oparl"
_ID_PARAMETERS = ("id", "ID", "oid")


@dataclass(frozen=True)
class CityRef:
    slug: str
    name: str
    resolved: bool
    """True when the gazetteer knows the city (extraction can then be told it)."""


def object_type(obj: dict[str, Any]) -> str:
    """`https://schema.oparl.org/1.1/Paper` → `Paper` ("" when there is no OParl type)."""
    kind = obj.get("type")
    if not isinstance(kind, str) or not kind.startswith(OPARL_SCHEMA):
        return ""
    return kind.rstrip("/").rsplit("/", 1)[-1]


def object_key(oparl_id: str) -> str:
    """A short, stable key of an OParl id URL: its `id=` parameter, else its last path segment."""
    parts = urlsplit(oparl_id)
    params = dict(parse_qsl(parts.query))
    for name in _ID_PARAMETERS:
        if params.get(name):
            extra = [v for k, v in sorted(params.items()) if k not in _ID_PARAMETERS and k not in ("body",)]
            return slugify("-".join([*extra, params[name]]))
    segments = [s for s in parts.path.split("/") if s]
    key = slugify(segments[-1]) if segments else ""
    return key or hashlib.sha256(oparl_id.encode("utf-8")).hexdigest()[:16]


def record_graph_iri(minter: UriMinter, city: CityRef, kind: str, oparl_id: str) -> URIRef:
    return minter.document(f"oparl-{city.slug}-{kind.lower()}-{object_key(oparl_id)}")


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def record_text(obj: dict[str, Any]) -> str:
    """The OParl object as stored in `cg:text`: JSON with sorted keys, one field a line."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True)


def add_record_document(graph: Graph, document: URIRef, obj: dict[str, Any], label: str) -> str:
    """The document that records one OParl object (its JSON as `cg:text`); returns that text."""
    text = record_text(obj)
    graph.add((document, RDF.type, CG.Document))
    graph.add((document, RDF.type, PROV.Entity))
    graph.add((document, RDFS.label, Literal(label)))
    graph.add((document, DCTERMS["format"], Literal("application/json")))
    graph.add((document, CG.text, Literal(text)))
    graph.add((document, CG.sha256, Literal(hashlib.sha256(text.encode("utf-8")).hexdigest())))
    graph.add((document, CG.genre, Literal(GENRE)))
    graph.add((document, PROV.wasDerivedFrom, URIRef(obj["id"])))
    modified = obj.get("modified")
    if isinstance(modified, str) and modified:
        graph.add((document, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    return text


def field_span(text: str, name: str, value: Any) -> tuple[int, int] | None:
    """Where the top-level field `"name": value` stands in a `record_text`, for evidence offsets."""
    needle = f'\n "{name}": {json.dumps(value, ensure_ascii=False)}'
    at = text.find(needle)
    return None if at < 0 else (at + 2, at + len(needle))


def day_of(value: Any) -> str | None:
    """`2013-01-04T08:00:00+01:00` or `2013-01-04` → `2013-01-04`; None for anything else."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    day = value[:10]
    if day[4] != "-" or day[7] != "-" or not (day[:4] + day[5:7] + day[8:10]).isdigit():
        return None
    return day


def is_iri(value: Any) -> bool:
    """An absolute http(s) IRI that can stand in RDF and in a query (no spaces, brackets or quotes)."""
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return not any(ch in value for ch in ' <>"{}|\\^`')


def ids(value: Any) -> list[str]:
    """A field that holds one id URL, a list of them, or embedded objects with `id` → the id URLs (valid ones)."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if is_iri(item):
            found.append(item)
        elif isinstance(item, dict) and is_iri(item.get("id")):
            found.append(item["id"])
    return found


def embedded(value: Any) -> list[dict[str, Any]]:
    """Embedded objects of a field (one object or a list) with a valid `id`; plain id URLs are left out."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict) and is_iri(item.get("id"))]


def text_of(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
