"""`/oparl/v1.1/…`: the graph as OParl 1.1, checked against the vendored OParl schema and the gold files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import referencing
import referencing.jsonschema
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from councilgraph.texts import full_text

B = "http://localhost:5000/"
ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FOLDER = Path(__file__).parent / "data" / "oparl-schema"
GOLD = Path(__file__).parent / "data" / "gold"
SCHEMA_BASE = "https://schema.oparl.org/1.1/schema/"
OPARL = "https://schema.oparl.org/1.1/"
CG = "https://w3id.org/councilgraph/ontology#"

# ------------------------------------------------------------------ the vendored schema


def _as_references(node: Any) -> Any:
    """The spec's `{"type": "object", "schema": "File.json"}` (an embedded File) as a JSON Schema `$ref`."""
    if isinstance(node, dict):
        if node.get("type") == "object" and isinstance(node.get("schema"), str):
            return {"$ref": node["schema"]}
        return {key: _as_references(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_as_references(value) for value in node]
    return node


def _load_schemas() -> dict[str, dict[str, Any]]:
    schemas = {}
    for path in sorted((SCHEMA_FOLDER / "schema").glob("*.json")):
        schema = _as_references(json.loads(path.read_text(encoding="utf-8")))
        schema["$id"] = SCHEMA_BASE + path.name
        schemas[path.stem] = schema
    return schemas


SCHEMAS = _load_schemas()
REGISTRY: referencing.Registry[Any] = referencing.Registry().with_resources(
    (schema["$id"], referencing.jsonschema.DRAFT7.create_resource(schema)) for schema in SCHEMAS.values()
)
FORMATS = jsonschema.FormatChecker(formats=())
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}")


@FORMATS.checks("url")
def _is_url(value: object) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in str(value)


@FORMATS.checks("date")
def _is_date(value: object) -> bool:
    return bool(_DATE.fullmatch(str(value)))


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    return bool(_DATE_TIME.fullmatch(str(value)))


def validator(type_name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(SCHEMAS[type_name], registry=REGISTRY, format_checker=FORMATS)


def oparl_objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every OParl object in a JSON value, embedded ones included."""
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith(OPARL):
            yield node
        for value in node.values():
            yield from oparl_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from oparl_objects(value)


def assert_schema_valid(data: Any) -> list[dict[str, Any]]:
    """Each OParl object in `data` against the schema of its type."""
    found = list(oparl_objects(data))
    assert found, "no OParl object in the answer"
    for obj in found:
        type_name = obj["type"].removeprefix(OPARL)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(type_name).iter_errors(obj)]
        assert not errors, (obj.get("id"), errors)
    return found


def assert_valid(data: Any) -> list[dict[str, Any]]:
    """The schema, and what the specification's text adds: `created` and `modified` on every object
    (chapter 3.1), no empty values (chapter 2.4)."""
    found = assert_schema_valid(data)
    for obj in found:
        type_name = obj["type"].removeprefix(OPARL)
        for name in ("created", "modified"):
            assert _is_date_time(obj.get(name)), (obj["id"], name, obj.get(name))
        assert _parse(obj["created"]) <= _parse(obj["modified"])
        assert not [k for k, v in obj.items() if v in (None, "", [])] or type_name == "Body"
    return found


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def assert_list_page(page: dict[str, Any]) -> None:
    """The list envelope of spec chapter 2.5."""
    assert set(page) >= {"data", "pagination", "links"}
    assert isinstance(page["data"], list)
    pagination, links = page["pagination"], page["links"]
    for name in ("totalElements", "elementsPerPage", "currentPage", "totalPages"):
        assert isinstance(pagination[name], int) and pagination[name] >= 0, name
    for url in links.values():
        assert _is_url(url), url
    if pagination["currentPage"] < pagination["totalPages"]:
        assert "next" in links
    else:
        assert "next" not in links


# ------------------------------------------------------------------ the schema reads what it should


KNOWN_EXAMPLE_FAULTS = {"Meeting-01": {"['agendaItem', 0]: 'order' is a required property"}}
"""The specification's examples predate `AgendaItem.order`, which OParl 1.1 made required."""


@pytest.mark.parametrize("example", sorted((SCHEMA_FOLDER / "examples").glob("*.json")), ids=lambda p: p.stem)
def test_the_specifications_own_examples_pass_the_schema(example: Path) -> None:
    data = json.loads(example.read_text(encoding="utf-8"))
    errors = {
        f"{list(e.absolute_path)}: {e.message}" for e in validator(data["type"].removeprefix(OPARL)).iter_errors(data)
    }
    assert errors == KNOWN_EXAMPLE_FAULTS.get(example.stem, set())


@pytest.mark.parametrize(
    ("type_name", "broken"),
    [
        ("Paper", {"date": "04.04.2014"}),
        ("Paper", {"mainFile": {"id": "https://oparl.example.org/files/1", "type": OPARL + "File"}}),
        ("Paper", {"consultation": [{"id": "not a url", "type": OPARL + "Consultation"}]}),
        ("System", {"oparlVersion": "1.1"}),
        ("Body", {"paper": None}),
        ("Paper", {"type": OPARL + "Pape"}),
    ],
)
def test_the_schema_refuses_broken_objects(type_name: str, broken: dict[str, Any]) -> None:
    example = json.loads((SCHEMA_FOLDER / "examples" / f"{type_name}-01.json").read_text(encoding="utf-8"))
    example.update(broken)
    assert list(validator(type_name).iter_errors(example)) or any(
        list(validator(o["type"].removeprefix(OPARL)).iter_errors(o))
        for o in oparl_objects(example)
        if o["type"].removeprefix(OPARL) in SCHEMAS
    )


# ------------------------------------------------------------------ walking the sample store


def get_json(client: FlaskClient, url: str, status: int = 200) -> dict[str, Any]:
    path = url.removeprefix(B.rstrip("/")) if url.startswith(B) else url
    response = client.get(path)
    assert response.status_code == status, (url, response.data[:300])
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert b"<" not in response.data and b">" not in response.data
    data = json.loads(response.data.decode("utf-8"))
    assert isinstance(data, dict)
    return data


def walk_list(client: FlaskClient, url: str) -> list[dict[str, Any]]:
    """Every object of a list, following `links.next` (and failing on a loop)."""
    seen_pages: set[str] = set()
    objects: list[dict[str, Any]] = []
    while url:
        assert url not in seen_pages, f"links.next loops back to {url}"
        seen_pages.add(url)
        page = get_json(client, url)
        assert_list_page(page)
        objects.extend(page["data"])
        url = page["links"].get("next", "")
    return objects


@pytest.fixture(scope="module")
def system(client: FlaskClient) -> dict[str, Any]:
    return get_json(client, "/oparl/v1.1/system")


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


BODY_LIST_FIELDS = (
    "paper",
    "organization",
    "person",
    "meeting",
    "agendaItem",
    "consultation",
    "file",
    "membership",
    "locationList",
    "legislativeTermList",
)


def walk_everything(client: FlaskClient) -> dict[str, list[dict[str, Any]]]:
    """System → bodies → every list of every body, all pages; by OParl type."""
    system = get_json(client, "/oparl/v1.1/system")
    found: dict[str, list[dict[str, Any]]] = {"System": [system]}
    for body in walk_list(client, system["body"]):
        found.setdefault("Body", []).append(body)
        for field in BODY_LIST_FIELDS:
            for obj in walk_list(client, body[field]):
                found.setdefault(obj["type"].removeprefix(OPARL), []).append(obj)
    return found


@pytest.fixture(scope="module")
def everything(client: FlaskClient) -> dict[str, list[dict[str, Any]]]:
    return walk_everything(client)


def test_the_entry_point_is_the_system_object(client: FlaskClient, system: dict[str, Any]) -> None:
    assert system["id"] == B + "oparl/v1.1/system"
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert_valid(system)
    response = client.get("/oparl/v1.1/")
    assert response.status_code == 301
    assert response.headers["Location"] == system["id"]


def test_every_object_served_passes_the_oparl_schema(everything: dict[str, list[dict[str, Any]]]) -> None:
    assert {"System", "Body", "Paper", "Organization", "Person", "Consultation", "File", "Membership"} <= set(
        everything
    )
    for objects in everything.values():
        for obj in objects:
            assert_valid(obj)
    embedded = [o for p in everything["Paper"] for o in oparl_objects(p) if o is not p]
    assert {o["type"] for o in embedded} >= {OPARL + "Consultation", OPARL + "File"}


def test_every_id_is_its_own_url_and_answers_with_the_same_object(
    client: FlaskClient, everything: dict[str, list[dict[str, Any]]]
) -> None:
    for type_name in ("Body", "Paper", "Organization", "Person", "Consultation", "File", "Membership"):
        for obj in everything[type_name]:
            assert obj["id"].startswith(B + "oparl/v1.1/"), obj["id"]
            single = get_json(client, obj["id"])
            assert_valid(single)
            assert single["id"] == obj["id"] and single["type"] == obj["type"]
            assert single.get("name") == obj.get("name") and single.get("modified") == obj.get("modified")


def test_references_between_objects_resolve(client: FlaskClient, everything: dict[str, list[dict[str, Any]]]) -> None:
    served = {o["id"] for objects in everything.values() for o in objects}
    for paper in everything["Paper"]:
        for url in [
            paper["body"],
            *paper.get("originatorOrganization", []),
            *paper.get("originatorPerson", []),
            *paper.get("relatedPaper", []),
        ]:
            assert url in served, (paper["id"], url)
        for consultation in paper.get("consultation", []):
            for url in consultation.get("organization", []):
                assert url in served, (consultation["id"], url)


def test_paging_walks_every_paper_exactly_once(client: FlaskClient, sample_store: LocalStore) -> None:
    bodies = walk_list(client, "/oparl/v1.1/bodies?limit=1")
    assert len(bodies) == len({b["id"] for b in bodies}) >= 4
    for body in bodies:
        city = body["councilgraph:uri"]
        expected = sample_store.count_of(
            f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a <{CG}Motion> ; <{CG}city> <{city}> }}"
        )
        one_by_one = walk_list(client, body["paper"] + "?limit=1")
        ids = [p["id"] for p in one_by_one]
        assert len(ids) == len(set(ids)) == expected
        by_two = walk_list(client, body["paper"] + "?limit=2")
        assert [p["id"] for p in by_two] == ids
        first = get_json(client, body["paper"] + "?limit=1")
        assert first["pagination"] == {
            "totalElements": expected,
            "elementsPerPage": 1,
            "currentPage": 1,
            "totalPages": expected,
        }


def test_a_page_past_the_end_is_empty_and_links_keep_the_filters(client: FlaskClient) -> None:
    url = "/oparl/v1.1/body/halle-saale/papers?limit=1&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00"
    first = get_json(client, url)
    assert "next" in first["links"]
    for link in first["links"].values():
        if "/papers" in link:
            assert "modified_since=2000-01-01T00%3A00%3A00%2B01%3A00" in link and "limit=1" in link
    beyond = get_json(client, "/oparl/v1.1/body/halle-saale/papers?page=99")
    assert beyond["data"] == [] and "next" not in beyond["links"]


def test_the_sample_papers_carry_the_gold_fields(client: FlaskClient) -> None:
    vocabularies = Graph().parse(ROOT / "ontology" / "vocabularies.ttl")
    kind_label = {
        str(s).rsplit("/", 1)[-1]: str(o)
        for s, o in vocabularies.subject_objects(SKOS.prefLabel)
        if isinstance(o, Literal) and o.language == "de" and "/vocab/kind/" in str(s)
    }
    checked = 0
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for motion in (m for m in gold["motions"] if m["primary"]):
            papers = walk_list(client, f"/oparl/v1.1/body/{motion['city']}/papers")
            if motion["identifier"]:
                matches = [p for p in papers if p.get("reference") == motion["identifier"]]
            else:
                matches = [p for p in papers if "reference" not in p and p.get("date") == motion["date"]]
            assert len(matches) == 1, (gold_file.name, [p.get("reference") for p in papers])
            paper = matches[0]
            assert paper["name"] in [motion["title"], *motion.get("titleVariants", [])]
            assert paper.get("date") == motion["date"]
            assert paper["paperType"] == kind_label[motion["kind"]]
            assert paper["mainFile"]["name"] == gold_file.stem
            checked += 1
    assert checked == len(list(GOLD.glob("*.json")))


def test_consultations_come_in_the_order_of_the_graph_with_roles(client: FlaskClient, sample_store: LocalStore) -> None:
    paper = get_json(client, "/oparl/v1.1/paper/halle-saale/vii-2021-03290")
    consultations = paper["consultation"]
    motion = B + "id/motion/halle-saale/vii-2021-03290"
    assert len(consultations) == sample_store.count_of(
        f"SELECT (COUNT(?c) AS ?n) WHERE {{ <{motion}> <{CG}consultation> ?c }}"
    )
    assert [c["id"].rsplit("/", 1)[-1] for c in consultations] == [str(n) for n in range(1, len(consultations) + 1)]
    assert {c["role"] for c in consultations} <= {"Vorberatung", "Entscheidung", "Kenntnisnahme"}
    assert all(c["authoritative"] == (c["role"] == "Entscheidung") for c in consultations)
    assert consultations[0]["councilgraph:date"] == "2021-11-24"
    assert consultations[0]["councilgraph:agendaItemNumber"] == "9.2"


def test_a_cited_paper_has_no_main_file_of_the_citing_document(client: FlaskClient) -> None:
    cited = get_json(client, "/oparl/v1.1/paper/halle-saale/vi-2019-05073")
    assert "mainFile" not in cited
    citing = get_json(client, "/oparl/v1.1/paper/halle-saale/vii-2020-01351")
    assert cited["id"] in citing["relatedPaper"]


def test_the_main_file_gives_the_text_as_read(client: FlaskClient, sample_store: LocalStore) -> None:
    paper = get_json(client, "/oparl/v1.1/paper/chemnitz/ba-090-2020")
    file = paper["mainFile"]
    response = client.get(file["accessUrl"].removeprefix(B.rstrip("/")))
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = full_text(sample_store, file["councilgraph:uri"])
    assert text is not None and response.get_data(as_text=True) == text.value
    assert "BA-090/2020" in text.value


def test_organizations_and_persons_carry_their_kind_and_memberships(client: FlaskClient) -> None:
    faction = get_json(client, "/oparl/v1.1/organization/halle-saale/fraktion-die-linke")
    assert faction["classification"] == "Fraktion" and faction["name"] == "Fraktion DIE LINKE"
    person = get_json(client, "/oparl/v1.1/person/halle-saale/bodo-meerheim")
    assert person["membership"][0]["organization"] == faction["id"]
    assert person["membership"][0]["id"] in faction["membership"]
    assert "Dr." in person.get("title", [])
    lean = get_json(client, "/oparl/v1.1/body/halle-saale/persons?omit_internal=true")
    assert lean["data"] and all("membership" not in p for p in lean["data"])


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    "path",
    [
        "/oparl/v1.1/paper/halle-saale/no-such-paper",
        "/oparl/v1.1/paper/halle-saale",
        "/oparl/v1.1/body/atlantis",
        "/oparl/v1.1/body/atlantis/papers",
        "/oparl/v1.1/body/halle-saale/motions",
        "/oparl/v1.1/person/halle-saale/fraktion-die-linke",
        "/oparl/v1.1/organization/halle-saale/bodo-meerheim",
        "/oparl/v1.1/consultation/halle-saale/vii-2021-03290/99",
        "/oparl/v1.1/membership/halle-saale/bodo-meerheim/halle-saale/stadtrat",
        "/oparl/v1.1/membership/halle-saale/bodo-meerheim",
        "/oparl/v1.1/file/no-such-document",
        "/oparl/v1.1/file/no-such-document/text",
        "/oparl/v1.1/paper/halle-saale/..%2F..%2Fetc",
        "/oparl/v1.1/paper/%3Cscript%3Ealert(1)%3C%2Fscript%3E/x",
        "/oparl/v1.1/statement/halle-saale/x",
        "/oparl/v1.1/nothing",
    ],
)
def test_unknown_ids_answer_404_with_an_oparl_error(client: FlaskClient, path: str) -> None:
    error = get_json(client, path, status=404)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"] and "debug" in error


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("limit=0", "limit"),
        ("limit=ten", "limit"),
        ("page=-1", "page"),
        ("modified_since=yesterday", "modified_since"),
        ("created_since=2020-01-01", "created_since"),
        ("modified_until=2020-01-01T00:00:00", "modified_until"),
    ],
)
def test_bad_list_parameters_answer_400_naming_the_parameter(client: FlaskClient, query: str, named: str) -> None:
    error = get_json(client, f"/oparl/v1.1/body/halle-saale/papers?{query}", status=400)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert f"`{named}`" in error["message"]


def test_the_api_is_read_only(client: FlaskClient) -> None:
    for method in (client.post, client.put, client.delete):
        response = method("/oparl/v1.1/paper/halle-saale/vii-2021-03290")
        assert response.status_code == 405
        assert response.mimetype == "application/json"
        assert "GET" in response.headers["Allow"]


def test_a_limit_above_the_maximum_is_capped(client: FlaskClient) -> None:
    page = get_json(client, "/oparl/v1.1/body/muenchen/persons?limit=100000")
    assert page["pagination"]["elementsPerPage"] == 100


# ------------------------------------------------------------------ a hand-made store: times and markup

HAND = """
@prefix cg: <https://w3id.org/councilgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<id/city/musterstadt> a cg:City ; rdfs:label "Musterstadt"@de .

GRAPH <id/document/harvested> {
  <id/document/harvested> a cg:Document ; rdfs:label "harvested.pdf" ; dcterms:format "application/pdf" .
  <id/motion/musterstadt/a-1-2020> a cg:Motion ; dcterms:identifier "A 1/2020" ; rdfs:label "A 1/2020" ;
      dcterms:title "<script>alert('x')</script> & \\"Anführung\\""@de ; cg:city <id/city/musterstadt> ;
      dcterms:source <id/document/harvested> ;
      dcterms:created "2020-01-10T09:00:00+01:00"^^xsd:dateTime ;
      dcterms:modified "2020-03-01T12:00:00+01:00"^^xsd:dateTime ;
      owl:sameAs <https://ris.example.org/oparl/paper/1> .
  <id/motion/musterstadt/a-2-2022> a cg:Motion ; dcterms:identifier "A 2/2022" ; rdfs:label "A 2/2022" ;
      cg:city <id/city/musterstadt> ; dcterms:source <id/document/harvested> ;
      dcterms:modified "2022-06-01T08:30:00Z"^^xsd:dateTime .
}
GRAPH <id/document/oparl-meeting> {
  <id/meeting/musterstadt/2020-02-03-m7> a cg:Meeting ; rdfs:label "7. Sitzung des Rates, 2020-02-03" ;
      dcterms:title "7. Sitzung des Rates"@de ; cg:city <id/city/musterstadt> ; dcterms:date "2020-02-03"^^xsd:date ;
      cg:startTime "2020-02-03T17:00:00+01:00"^^xsd:dateTime ; cg:heldBy <id/actor/musterstadt/rat> ;
      cg:cancelled false ; dcterms:modified "2020-02-04T08:00:00+01:00"^^xsd:dateTime ;
      dcterms:source <id/document/oparl-meeting> .
  <id/meeting/musterstadt/2020-02-03-m7/top-10> a cg:AgendaItem ; cg:meeting <id/meeting/musterstadt/2020-02-03-m7> ;
      cg:itemNumber "10" ; dcterms:title "Digitale Agenda"@de ; cg:public true ; rdfs:label "TOP 10" ;
      dcterms:source <id/document/oparl-meeting> .
  <id/meeting/musterstadt/2020-02-03-m7/top-2> a cg:AgendaItem ; cg:meeting <id/meeting/musterstadt/2020-02-03-m7> ;
      cg:itemNumber "2" ; rdfs:label "TOP 2" ; dcterms:source <id/document/oparl-meeting> .
  <id/actor/musterstadt/rat> a cg:Actor , cg:Body ; rdfs:label "Rat" ; cg:city <id/city/musterstadt> .
  <id/actor/musterstadt/erika-muster> a cg:Actor , cg:Person ; rdfs:label "Erika Muster" ; foaf:name "Erika Muster" ;
      cg:city <id/city/musterstadt> ; cg:memberOf <id/actor/musterstadt/rat> .
  <id/membership/musterstadt/erika-muster/rat-1> a cg:Membership ; cg:member <id/actor/musterstadt/erika-muster> ;
      cg:organization <id/actor/musterstadt/rat> ; cg:membershipRole "Vorsitzende"@de ; cg:votingRight true ;
      cg:startDate "2019-11-01"^^xsd:date .
  <id/motion/musterstadt/a-1-2020> cg:consultation <id/consultation/musterstadt/a-1-2020/1> .
  <id/consultation/musterstadt/a-1-2020/1> a cg:Consultation ; cg:body <id/actor/musterstadt/rat> ;
      cg:meeting <id/meeting/musterstadt/2020-02-03-m7> ;
      cg:onAgendaItem <id/meeting/musterstadt/2020-02-03-m7/top-10> ;
      cg:role <https://w3id.org/councilgraph/vocab/role/decision> ; cg:authoritative false ; cg:agendaItem "10" .
}
GRAPH <id/document/scanned> {
  <id/document/scanned> a cg:Document ; rdfs:label "scanned.txt" ;
      prov:generatedAtTime "2021-05-05T10:00:00+02:00"^^xsd:dateTime .
  <id/motion/musterstadt/a-3-2021> a cg:Motion ; dcterms:identifier "A 3/2021" ; rdfs:label "A 3/2021" ;
      cg:city <id/city/musterstadt> ; dcterms:source <id/document/scanned> .
}
GRAPH <id/document/loaded> {
  <http://other.example.org/paper/9> a cg:Motion ; dcterms:identifier "X 9" ; cg:city <id/city/musterstadt> .
}
GRAPH <id/document/plain> {
  <id/document/plain> a cg:Document ; rdfs:label "plain.txt" .
  <id/motion/musterstadt/a-4-2023> a cg:Motion ; dcterms:identifier "A 4/2023" ; rdfs:label "A 4/2023" ;
      cg:city <id/city/musterstadt> ; dcterms:source <id/document/plain> .
}
"""


@pytest.fixture(scope="module")
def hand_client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    import pyoxigraph as ox

    from server import create_app

    by_graph: dict[str, list[str]] = {}
    for quad in ox.parse(HAND.encode("utf-8"), format=ox.RdfFormat.TRIG, base_iri=B):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else B + "graph/gazetteer"
        by_graph.setdefault(name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
    path = tmp_path_factory.mktemp("oparl-hand") / "store"
    writer = LocalStore(path, writable=True)
    writer.replace_graphs({name: "\n".join(lines) for name, lines in by_graph.items()})
    writer.publish()
    writer.close()
    app = create_app(Settings(store=str(path), base_uri=B), store=LocalStore(path))
    app.config["TESTING"] = True
    return app.test_client()


def _references(client: FlaskClient, query: str = "") -> list[str]:
    return [p["reference"] for p in walk_list(client, "/oparl/v1.1/body/musterstadt/papers" + query)]


def test_times_come_from_the_paper_then_its_document_then_the_publication(hand_client: FlaskClient) -> None:
    papers = {p["reference"]: p for p in walk_list(hand_client, "/oparl/v1.1/body/musterstadt/papers")}
    assert sorted(papers) == ["A 1/2020", "A 2/2022", "A 3/2021", "A 4/2023"]  # not X 9, another site's paper
    assert_valid(list(papers.values()))
    assert papers["A 1/2020"]["created"] == "2020-01-10T09:00:00+01:00"
    assert papers["A 1/2020"]["modified"] == "2020-03-01T12:00:00+01:00"
    assert papers["A 2/2022"]["modified"] == "2022-06-01T08:30:00+00:00"
    assert papers["A 2/2022"]["created"] == papers["A 2/2022"]["modified"]
    assert papers["A 3/2021"]["modified"] == "2021-05-05T10:00:00+02:00"
    published = _parse(papers["A 4/2023"]["modified"])
    assert published > datetime.now(published.tzinfo) - timedelta(days=1)
    assert papers["A 1/2020"]["councilgraph:sameAs"] == ["https://ris.example.org/oparl/paper/1"]
    assert papers["A 1/2020"]["id"] == B + "oparl/v1.1/paper/musterstadt/a-1-2020"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("modified_since=2021-01-01T00:00:00%2B01:00", ["A 2/2022", "A 3/2021", "A 4/2023"]),
        ("modified_since=2021-05-05T10:00:00%2B02:00", ["A 2/2022", "A 3/2021", "A 4/2023"]),
        ("modified_since=2021-05-05T10:00:01%2B02:00", ["A 2/2022", "A 4/2023"]),
        ("modified_until=2021-12-31T23:59:59Z", ["A 1/2020", "A 3/2021"]),
        ("modified_since=2020-01-01T00:00:00 01:00&modified_until=2020-12-31T00:00:00%2B01:00", ["A 1/2020"]),
        ("created_since=2020-02-01T00:00:00%2B00:00", ["A 2/2022", "A 3/2021", "A 4/2023"]),
        ("created_until=2020-02-01T00:00:00%2B00:00", ["A 1/2020"]),
        ("modified_since=2999-01-01T00:00:00%2B00:00", []),
    ],
)
def test_time_filters_select_by_created_and_modified(hand_client: FlaskClient, query: str, expected: list[str]) -> None:
    assert sorted(_references(hand_client, "?" + query + "&limit=1")) == expected


def test_markup_in_the_data_is_never_markup_in_the_answer(hand_client: FlaskClient) -> None:
    response = hand_client.get("/oparl/v1.1/paper/musterstadt/a-1-2020")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"<" not in response.data and b">" not in response.data
    paper = json.loads(response.data)
    assert paper["name"] == "<script>alert('x')</script> & \"Anführung\""
    assert "Anführung".encode() in response.data  # UTF-8, not escaped to ASCII
    assert not response.data.startswith(b"\xef\xbb\xbf")


def test_lists_the_graph_has_nothing_for_are_there_and_empty(hand_client: FlaskClient) -> None:
    body = get_json(hand_client, "/oparl/v1.1/body/musterstadt")
    assert_valid(body)
    assert body["legislativeTerm"] == []
    for field in ("locationList", "legislativeTermList"):
        page = get_json(hand_client, body[field])
        assert_list_page(page)
        assert page["data"] == [] and page["pagination"]["totalElements"] == 0
    assert URIRef(body["councilgraph:uri"]) == URIRef(B + "id/city/musterstadt")


def test_harvested_meetings_agenda_items_and_memberships_are_served(hand_client: FlaskClient) -> None:
    body = get_json(hand_client, "/oparl/v1.1/body/musterstadt")
    meetings = walk_list(hand_client, body["meeting"])
    assert [m["name"] for m in meetings] == ["7. Sitzung des Rates"]
    meeting = meetings[0]
    assert_valid(meeting)
    assert meeting["start"] == "2020-02-03T17:00:00+01:00" and meeting["cancelled"] is False
    assert meeting["organization"] == [B + "oparl/v1.1/organization/musterstadt/rat"]
    assert [(i["number"], i["order"]) for i in meeting["agendaItem"]] == [("2", 0), ("10", 1)]
    items = walk_list(hand_client, body["agendaItem"])
    assert_valid(items)
    assert {i["id"] for i in items} == {i["id"] for i in meeting["agendaItem"]}
    top10 = get_json(hand_client, meeting["agendaItem"][1]["id"])
    assert top10["meeting"] == meeting["id"] and top10["public"] is True and top10["name"] == "Digitale Agenda"
    paper = get_json(hand_client, "/oparl/v1.1/paper/musterstadt/a-1-2020")
    consultation = paper["consultation"][0]
    assert consultation["meeting"] == meeting["id"] and consultation["agendaItem"] == top10["id"]
    assert consultation["authoritative"] is False  # as the harvest stated it, over the role's default
    assert top10["consultation"] == consultation["id"]
    person = get_json(hand_client, "/oparl/v1.1/person/musterstadt/erika-muster")
    membership = person["membership"][0]
    assert (membership["role"], membership["votingRight"], membership["startDate"]) == (
        "Vorsitzende",
        True,
        "2019-11-01",
    )
    assert_valid(get_json(hand_client, membership["id"]))
    assert membership["id"] in get_json(hand_client, membership["organization"])["membership"]


def test_every_object_of_a_harvested_city_passes_the_oparl_schema(hand_client: FlaskClient) -> None:
    found = walk_everything(hand_client)
    assert {"Meeting", "AgendaItem", "Membership", "Paper", "Organization", "Person"} <= set(found)
    for objects in found.values():
        for obj in objects:
            assert_valid(obj)
            if obj["type"] != OPARL + "System":
                assert_valid(get_json(hand_client, obj["id"]))


def test_an_unchanged_answer_is_not_sent_again(client: FlaskClient) -> None:
    first = client.get("/oparl/v1.1/paper/halle-saale/vii-2021-03290")
    assert first.status_code == 200 and first.headers.get("ETag")
    again = client.get("/oparl/v1.1/paper/halle-saale/vii-2021-03290", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


# ------------------------------------------------------------------ round trip: OParl → harvest → OParl


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, dict[str, Any]], FlaskClient]]:
    """The fixture OParl server harvested into a store, and a client of our OParl API over that store."""
    from ingest.oparl.client import ClientSettings, OParlClient
    from ingest.oparl.harvest import Harvester, HarvestOptions
    from server import create_app
    from tests.oparl_fixture import OParlFixture

    path = tmp_path_factory.mktemp("oparl-round-trip") / "store"
    with OParlFixture() as fixture:
        writer = LocalStore(path, writable=True)
        client = OParlClient(fixture.system_url, ClientSettings(rate=0))
        report = Harvester(client, writer, Settings(store=str(path), base_uri=B), HarvestOptions(with_files=False)).run(
            fixture.system_url
        )
        writer.publish()
        writer.close()
        assert report.errors == []
        originals = {oparl_id: fixture.objects[oparl_id] for oparl_id in fixture.lists[fixture.body["paper"]]}
    app = create_app(Settings(store=str(path), base_uri=B), store=LocalStore(path))
    app.config["TESTING"] = True
    yield originals, app.test_client()


def test_a_harvested_paper_comes_back_with_the_same_fields(
    round_trip: tuple[dict[str, dict[str, Any]], FlaskClient],
) -> None:
    originals, client = round_trip
    served = walk_everything(client)
    for objects in served.values():
        assert_valid(objects)
    by_original = {url: paper for paper in served["Paper"] for url in paper.get("councilgraph:sameAs", [])}
    assert set(originals) <= set(by_original)
    meetings = {url: m for m in served.get("Meeting", []) for url in m.get("councilgraph:sameAs", [])}
    kinds = {"Antrag", "Änderungsantrag", "Anfrage", "Beschlussvorlage"}
    for oparl_id, original in originals.items():
        paper = by_original[oparl_id]
        assert paper["id"].startswith(B + "oparl/v1.1/paper/")  # ours, never the original's
        assert paper["name"] == original["name"]
        assert paper["reference"] == original["reference"]
        assert paper.get("date") == original.get("date")
        if original.get("paperType") in kinds:
            assert paper["paperType"] == original["paperType"]
        assert _parse(paper["modified"]) == _parse(original["modified"])
        assert "mainFile" not in paper  # harvested without files: the JSON record is a source, not a file
        consultations = original.get("consultation", [])
        assert len(paper.get("consultation", [])) == len(consultations)
        for ours, theirs in zip(paper.get("consultation", []), consultations, strict=True):
            assert ours.get("authoritative") == theirs.get("authoritative")
            if theirs.get("meeting") in meetings:
                assert ours["meeting"] == meetings[theirs["meeting"]]["id"]


def test_an_oparl_client_reads_the_api_over_http(live_server: str) -> None:
    """Over a real server: the ids are canonical under the base URI, whatever host the client used."""
    import urllib.request

    def fetch(path: str) -> tuple[dict[str, Any], Any]:
        with urllib.request.urlopen(live_server + path.lstrip("/"), timeout=30) as answer:
            return json.loads(answer.read().decode("utf-8")), answer.headers

    system, headers = fetch("/oparl/v1.1/system")
    assert headers["Content-Type"] == "application/json" and headers["Access-Control-Allow-Origin"] == "*"
    assert_valid(system)
    papers, _headers = fetch("/oparl/v1.1/body/halle-saale/papers?limit=1")
    assert_list_page(papers)
    assert_valid(papers["data"])
    assert papers["links"]["next"].startswith(B + "oparl/v1.1/body/halle-saale/papers?")
