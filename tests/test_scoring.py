"""The scorer on small hand-built graphs, and the gold files checked against their documents."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from councilgraph.namespaces import (
    CG,
    CGKIND,
    CGOUTCOME,
    CGROLE,
    CGSTANCE,
    DCTERMS,
    FOAF,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from councilgraph.uris import UriMinter, slugify
from tests.scoring import (
    SAMPLES_DIR,
    SETS,
    Score,
    aggregate,
    gold_files,
    load_gold,
    normalise_name,
    normalise_text,
    score_document,
    stance_accuracy,
    total,
)

B = "http://localhost:5000/"

# A Halle-like paper written by hand in the shape of docs/graph.md.
EXTRACTED = """
@prefix cg: <https://w3id.org/councilgraph/ontology#> .
@prefix cgkind: <https://w3id.org/councilgraph/vocab/kind/> .
@prefix cgrole: <https://w3id.org/councilgraph/vocab/role/> .
@prefix cgstance: <https://w3id.org/councilgraph/vocab/stance/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <http://localhost:5000/> .

<id/document/halle> a cg:Document ;
    cg:city <id/city/halle-saale> .

<id/motion/halle-saale/vii-2021-03290> a cg:Motion ;
    rdfs:label "VII/2021/03290" ;
    cg:kind cgkind:motion ;
    dcterms:identifier "VII/2021/03290" ;
    dcterms:title "Antrag zur Mitgliedschaft in der Städtekoalition „Cities for Digital Rights“" ;
    dcterms:date "2021-11-03"^^xsd:date ;
    cg:city <id/city/halle-saale> ;
    cg:submittedBy <id/actor/halle-saale/fraktion-die-linke> ;
    cg:signedBy <id/actor/halle-saale/bodo-meerheim> ;
    cg:principle <id/principle/privacy>, <id/principle/data-minimisation> ;
    cg:refersTo <id/motion/halle-saale/vi-2019-05073> ;
    cg:mentions <id/city/muenchen>, <id/city/halle-saale> ;
    cg:consultation <id/consultation/halle-saale/vii-2021-03290/1> .

<id/motion/halle-saale/vi-2019-05073> a cg:Motion ;
    rdfs:label "VI/2019/05073" ;
    dcterms:identifier "VI/2019/05073" .

<id/actor/halle-saale/fraktion-die-linke> a cg:Actor, cg:Faction ;
    rdfs:label "Fraktion DIE LINKE im Stadtrat Halle (Saale)" ;
    skos:altLabel "DIE LINKE" .

<id/actor/halle-saale/bodo-meerheim> a cg:Actor, cg:Person ;
    rdfs:label "Dr. Bodo Meerheim" ;
    foaf:name "Bodo Meerheim" ;
    cg:position "Vorsitzender der Fraktion"@de .

<id/actor/halle-saale/bernd-wiegand> a cg:Actor, cg:Person ;
    rdfs:label "Bernd Wiegand" ;
    cg:position "Oberbürgermeister"@de .

<id/actor/halle-saale/stadtrat> a cg:Actor, cg:Body ; rdfs:label "Stadtrat" .

<id/actor/halle-saale/geschaeftsbereich-oberbuergermeister> a cg:Actor, cg:AdministrativeUnit ;
    rdfs:label "Geschäftsbereich Oberbürgermeister" .

<id/consultation/halle-saale/vii-2021-03290/1> a cg:Consultation ;
    cg:body <id/actor/halle-saale/stadtrat> ;
    dcterms:date "2021-11-24"^^xsd:date ;
    cg:role cgrole:decision ;
    cg:public true ;
    cg:agendaItem "9.2" .

<id/statement/halle-saale/vii-2021-03290/geschaeftsbereich-oberbuergermeister-2021-11-18>
    a cg:Statement ;
    cg:about <id/motion/halle-saale/vii-2021-03290> ;
    cg:author <id/actor/halle-saale/geschaeftsbereich-oberbuergermeister> ;
    cg:signedBy <id/actor/halle-saale/bernd-wiegand> ;
    dcterms:date "2021-11-18"^^xsd:date ;
    cg:stance cgstance:referral .
"""

REFERENCE = """
@prefix cg: <https://w3id.org/councilgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@base <http://localhost:5000/> .

<id/principle/privacy> a cg:Principle, skos:Concept ; skos:notation "2" .
<id/principle/data-minimisation> a cg:Principle, skos:Concept ;
    skos:broader <id/principle/privacy> .
<id/city/muenchen> a cg:City .
<id/city/halle-saale> a cg:City .
"""

GOLD: dict[str, Any] = {
    "document": "halle.txt",
    "motions": [
        {
            "identifier": "VII/2021/03290",
            "kind": "motion",
            "date": "2021-11-03",
            "title": 'Antrag zur Mitgliedschaft in der Städtekoalition "Cities for Digital Rights"',
            "city": "halle-saale",
            "submitters": [
                {"name": "Fraktion DIE LINKE", "aliases": ["DIE LINKE"], "type": "Faction"}
            ],
            "signatories": [{"name": "Bodo Meerheim", "aliases": []}],
            "principles": ["privacy"],
            "amends": [],
            "refersTo": ["VI/2019/05073"],
            "primary": True,
        },
        {"identifier": "VI/2019/05073", "kind": "motion", "city": "halle-saale", "primary": False},
    ],
    "consultations": [
        {
            "motion": "VII/2021/03290",
            "body": "Stadtrat",
            "date": "2021-11-24",
            "role": "decision",
            "public": True,
            "agendaItem": "9.2",
            "result": None,
        }
    ],
    "statements": [
        {
            "about": "VII/2021/03290",
            "author": {
                "name": "Geschäftsbereich des Oberbürgermeisters",
                "aliases": ["Geschäftsbereich Oberbürgermeister"],
            },
            "signatory": "Bernd Wiegand",
            "date": "2021-11-18",
            "stance": "referral",
        }
    ],
    "persons": [
        {
            "name": "Bodo Meerheim",
            "aliases": ["Dr. Bodo Meerheim"],
            "position": "Vorsitzender der Fraktion",
        },
        {
            "name": "Bernd Wiegand",
            "aliases": ["Dr. Bernd Wiegand"],
            "position": "Oberbürgermeister",
        },
    ],
    "cities_mentioned": ["muenchen"],
}


def build(extracted: str = EXTRACTED) -> Graph:
    graph = Graph()
    graph.parse(data=extracted, format="turtle")
    graph.parse(data=REFERENCE, format="turtle")
    return graph


def test_a_graph_that_matches_gold_scores_one_everywhere() -> None:
    scores = score_document(build(), GOLD)
    for name, score in scores.items():
        assert (score.fp, score.fn) == (0, 0), (name, score.missing, score.spurious)
    expected_hits = {
        "motions": 1,
        "motion.title": 1,
        "motion.submitters": 1,
        "motion.submitter_type": 1,
        "motion.signatories": 1,
        "motion.principles": 1,
        "motion.refersTo": 1,
        "consultations": 1,
        "consultation.agendaItem": 1,
        "statements": 1,
        "statement.stance": 1,
        "persons": 2,
        "person.position": 2,
        "cities_mentioned": 1,
    }
    for name, hits in expected_hits.items():
        assert scores[name].tp == hits, name
    assert scores["consultation.result"].tp == 0  # no outcome on either side: nothing to count


def test_a_wrong_signatory_loses_precision_and_recall_of_signatories() -> None:
    wrong = (
        EXTRACTED.replace(
            "cg:signedBy <id/actor/halle-saale/bodo-meerheim> ;",
            "cg:signedBy <id/actor/halle-saale/tom-wolter> ;",
        )
        + '<id/actor/halle-saale/tom-wolter> a cg:Actor, cg:Person ; rdfs:label "Tom Wolter" .\n'
    )
    scores = score_document(build(wrong), GOLD)
    signatories = scores["motion.signatories"]
    assert (signatories.tp, signatories.fp, signatories.fn) == (0, 1, 1)
    assert signatories.precision == 0.0
    assert signatories.spurious == ["VII/2021/03290: Tom Wolter"]
    assert scores["persons"].fp == 1  # Tom Wolter is no person of this document


def test_an_extra_signatory_costs_precision_only() -> None:
    extra = EXTRACTED.replace(
        "cg:signedBy <id/actor/halle-saale/bodo-meerheim> ;",
        "cg:signedBy <id/actor/halle-saale/bodo-meerheim>, <id/actor/halle-saale/bernd-wiegand> ;",
    )
    signatories = score_document(build(extra), GOLD)["motion.signatories"]
    assert (signatories.tp, signatories.fp, signatories.fn) == (1, 1, 0)
    assert signatories.precision == 0.5
    assert signatories.recall == 1.0


def test_a_missing_statement_loses_recall() -> None:
    start = EXTRACTED.index("<id/statement/")
    scores = score_document(build(EXTRACTED[:start]), GOLD)
    statements = scores["statements"]
    assert (statements.tp, statements.fp, statements.fn) == (0, 0, 1)
    assert statements.recall == 0.0
    assert statements.precision == 1.0
    assert scores["statement.stance"].fn == 1


def test_a_wrong_stance_counts_against_stance_accuracy() -> None:
    wrong = EXTRACTED.replace("cg:stance cgstance:referral", "cg:stance cgstance:rejection")
    scores = score_document(build(wrong), GOLD)
    assert scores["statements"].tp == 1
    assert stance_accuracy(scores) == 0.0
    assert scores["statement.stance"].spurious == [
        "VII/2021/03290 Geschäftsbereich des Oberbürgermeisters 2021-11-18: 'rejection'"
    ]


def test_a_statement_by_an_author_gold_does_not_know_is_a_false_positive() -> None:
    other = EXTRACTED.replace(
        "cg:author <id/actor/halle-saale/geschaeftsbereich-oberbuergermeister> ;",
        "cg:author <id/actor/halle-saale/stadtrat> ;",
    )
    statements = score_document(build(other), GOLD)["statements"]
    assert (statements.tp, statements.fp, statements.fn) == (0, 1, 1)


def test_finer_principles_count_as_their_top_principle_and_unknown_ones_as_false() -> None:
    extra = EXTRACTED.replace(
        "cg:principle <id/principle/privacy>, <id/principle/data-minimisation> ;",
        "cg:principle <id/principle/data-minimisation>, <id/principle/transparency> ;",
    )
    principles = score_document(build(extra), GOLD)["motion.principles"]
    assert (principles.tp, principles.fp, principles.fn) == (1, 1, 0)
    assert principles.spurious == ["VII/2021/03290: transparency"]


def test_a_consultation_on_another_date_is_missed_and_spurious() -> None:
    moved = EXTRACTED.replace('"2021-11-24"^^xsd:date', '"2021-12-22"^^xsd:date')
    scores = score_document(build(moved), GOLD)
    consultations = scores["consultations"]
    assert (consultations.tp, consultations.fp, consultations.fn) == (0, 1, 1)
    assert scores["consultation.role"].fn == 1


def test_a_public_flag_gold_leaves_open_is_a_false_positive() -> None:
    gold = copy.deepcopy(GOLD)
    gold["consultations"][0]["public"] = None
    public = score_document(build(), gold)["consultation.public"]
    assert (public.tp, public.fp, public.fn) == (0, 1, 0)


def test_a_paper_gold_does_not_know_is_a_false_positive_motion() -> None:
    extra = EXTRACTED + (
        '<id/motion/halle-saale/a-078-2020> a cg:Motion ; dcterms:identifier "A-078/2020" .\n'
    )
    motions = score_document(build(extra), GOLD)["motions"]
    assert (motions.tp, motions.fp, motions.fn) == (1, 1, 0)


def test_a_wrong_title_and_date_are_false_positives_and_negatives() -> None:
    wrong = EXTRACTED.replace('"2021-11-03"^^xsd:date', '"2021-11-24"^^xsd:date').replace(
        "Antrag zur Mitgliedschaft", "Anfrage zur Mitgliedschaft"
    )
    scores = score_document(build(wrong), GOLD)
    for name in ("motion.date", "motion.title"):
        assert (scores[name].tp, scores[name].fp, scores[name].fn) == (0, 1, 1), name


def test_a_missing_motion_counts_every_field_as_missed() -> None:
    start = EXTRACTED.index("<id/motion/halle-saale/vii-2021-03290> a cg:Motion")
    end = EXTRACTED.index("<id/motion/halle-saale/vi-2019-05073> a cg:Motion")
    scores = score_document(build(EXTRACTED[:start] + EXTRACTED[end:]), GOLD)
    for name in ("motions", "motion.identifier", "motion.title", "motion.signatories"):
        assert scores[name].fn == 1, name
    assert scores["statements"].fn == 1


def test_a_paper_without_reference_is_matched_by_its_title() -> None:
    gold = copy.deepcopy(GOLD)
    gold["motions"][0]["identifier"] = None
    gold["consultations"][0]["motion"] = gold["motions"][0]["title"]
    gold["statements"][0]["about"] = gold["motions"][0]["title"]
    without = EXTRACTED.replace('dcterms:identifier "VII/2021/03290" ;', "")
    scores = score_document(build(without), gold)
    for name, score in scores.items():
        assert (score.fp, score.fn) == (0, 0), (name, score.missing, score.spurious)


def test_a_paper_whose_reference_was_missed_is_matched_by_its_title() -> None:
    """Gold prints the reference, the extraction found the paper by its title but not its
    reference: the reference is missed, the paper and its other fields are found."""
    without = EXTRACTED.replace('dcterms:identifier "VII/2021/03290" ;', "")
    scores = score_document(build(without), GOLD)
    assert (scores["motions"].tp, scores["motions"].fp, scores["motions"].fn) == (1, 0, 0)
    assert (scores["motion.identifier"].tp, scores["motion.identifier"].fn) == (0, 1)
    for name in ("motion.title", "motion.signatories", "consultations", "statements"):
        assert (scores[name].fp, scores[name].fn) == (0, 0), (name, scores[name].missing, scores[name].spurious)


def test_an_untitled_paper_goes_to_the_primary_paper_before_a_titled_one_it_does_not_name() -> None:
    """A record's question asked aloud (untitled, primary) and a further question with a subject
    (not primary): the one untitled inquiry extracted is the primary paper, not the titled one."""
    gold: dict[str, Any] = {
        "document": "x.txt",
        "motions": [
            {"identifier": None, "kind": "inquiry", "date": None, "title": None, "primary": True, "city": "bochum",
             "submitters": [{"name": "Hensen", "aliases": [], "type": "Person"}], "signatories": [],
             "principles": [], "amends": [], "refersTo": []},
            {"identifier": None, "kind": "inquiry", "date": None, "title": "Freifunk in der Stadt", "city": "bochum",
             "primary": False, "submitters": [], "signatories": [], "principles": [], "amends": [], "refersTo": []},
        ],
        "city": "bochum", "consultations": [], "statements": [], "persons": [], "cities_mentioned": [],
    }  # fmt: skip
    extracted = EXTRACTED[: EXTRACTED.index("\n\n")] + (
        "\n<id/motion/x/untitled> a cg:Motion ; cg:kind cgkind:inquiry ; cg:submittedBy <id/actor/x/hensen> .\n"
        '<id/actor/x/hensen> a cg:Person ; rdfs:label "Hensen" .\n'
    )  # the prefixes of EXTRACTED
    scores = score_document(build(extracted), gold)
    assert (scores["motions"].tp, scores["motions"].fn) == (1, 0)
    assert scores["motion.submitters"].tp == 1


def test_a_dataset_with_named_graphs_is_scored_as_its_union() -> None:
    dataset = Dataset()
    dataset.graph(URIRef(B + "id/document/halle")).parse(data=EXTRACTED, format="turtle")
    dataset.graph(URIRef(B + "graph/principles")).parse(data=REFERENCE, format="turtle")
    scores = score_document(dataset, GOLD)
    assert scores["motion.principles"].tp == 1
    assert scores["motion.principles"].fp == 0
    assert scores["motions"].tp == 1


def test_aggregate_sums_documents_before_dividing() -> None:
    first = {"persons": Score(tp=3, fp=1, fn=0)}
    second = {"persons": Score(tp=1, fp=0, fn=4)}
    assert total([first, second])["persons"].tp == 4
    precision, recall, f1 = aggregate([first, second])["persons"]
    assert precision == pytest.approx(4 / 5)
    assert recall == pytest.approx(4 / 8)
    assert f1 == pytest.approx(2 * 0.8 * 0.5 / 1.3)


def test_names_are_compared_without_titles_case_and_punctuation() -> None:
    assert normalise_name("Dr. Bodo  Meerheim") == normalise_name("bodo meerheim")
    assert normalise_name("i. A. Anja Schale") == "anja schale"
    assert normalise_name("Herr Stadtrat Progl") == normalise_name("Stadtrat Progl")
    assert normalise_name("Frau Meinel") == "meinel"
    assert normalise_name("Gültaze Aksevi") != normalise_name("Gultaze Aksevi")


def test_titles_are_compared_without_quote_style_and_line_breaks() -> None:
    assert normalise_text("im Verbund\n„Cities Coalition for Digital Rights“") == (
        'im Verbund "Cities Coalition for Digital Rights"'
    )
    assert normalise_text("Titel") != normalise_text("titel")


# ---------------------------------------------------------------------------
# The gold files themselves: the samples' and the corpus's (dev and test), each read against the
# document it annotates

KINDS = {"motion", "amendment", "inquiry", "draft-resolution"}
STANCES = {
    "support", "conditional-support", "no-objection", "nothing-to-report",
    "rejection", "referral", "acknowledgement",
}  # fmt: skip
ROLES = {"preliminary", "decision", "acknowledgement"}
OUTCOMES = {
    "adopted", "adopted-with-changes", "rejected", "referred",
    "noted", "settled", "postponed", "withdrawn",
}  # fmt: skip
PRINCIPLES = {
    "universal-access",
    "privacy",
    "transparency",
    "participatory-democracy",
    "open-standards",
}
ACTOR_TYPES = {"Faction", "Person", "AdministrativeUnit", "Body", "Organization"}
GENRES = {"motion", "amendment", "inquiry", "draft-resolution", "answer", "statement", "minutes", "other"}
TOP_LEVEL_KEYS = {"document", "city", "genre", "motions", "consultations", "statements", "persons", "cities_mentioned"}
VOTE_COUNTS = {"for", "against", "abstentions"}
GOLD_PATHS = gold_files()


def _holds_for_each_gold_file(name: str, check: Callable[[Path, Path], None]) -> None:
    """Run `check(documents, gold path)` on every gold file of the set `name` and fail with every
    file it fails on, each with its message (one test per set, not per file: a test of its own for
    each of ~2,500 files cost more in the test runner than the checks themselves)."""
    documents, gold_dir = SETS[name]
    failures = []
    for path in gold_files(gold_dir):
        try:
            check(documents, path)
        except AssertionError as error:
            failures.append(f"{name}/{path.name}: {error}")
    if failures:
        pytest.fail(f"{len(failures)} gold files fail:\n" + "\n\n".join(failures), pytrace=False)


def _printed(text: str) -> str:
    return normalise_text(text.replace("**", ""))


def _is_date(value: str | None) -> bool:
    if value is None:
        return True
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _reference(motion: dict[str, Any]) -> str | None:
    """How consultations, statements, `amends` and `refersTo` name a paper: its identifier, else
    its title; `null` names the primary paper that prints neither (as `tests/scoring.py` reads it)."""
    return motion.get("identifier") or motion.get("title")


def test_every_sample_document_has_a_gold_file() -> None:
    documents = {p.name for p in SAMPLES_DIR.glob("*.txt")}
    annotated = {load_gold(p)["document"] for p in GOLD_PATHS}
    assert documents == annotated
    assert all(p.stem == Path(load_gold(p)["document"]).stem for p in GOLD_PATHS)


def _gold_uses_the_controlled_vocabularies(documents: Path, path: Path) -> None:
    gold = load_gold(path)
    assert set(gold) <= TOP_LEVEL_KEYS, sorted(set(gold) - TOP_LEVEL_KEYS)
    assert path.stem == Path(gold["document"]).stem
    assert (documents / gold["document"]).is_file()
    if "city" in gold:
        assert gold["city"] == slugify(gold["city"])
    if "genre" in gold:
        assert gold["genre"] in GENRES
    for motion in gold["motions"]:
        assert motion["kind"] in KINDS
        assert set(motion.get("principles", [])) <= PRINCIPLES
        assert motion["city"] == slugify(motion["city"])
        assert _is_date(motion.get("date"))
        assert all(s["type"] in ACTOR_TYPES for s in motion.get("submitters", []))
    # a document that treats no paper has none; otherwise exactly one is the one it is about
    assert sum(m["primary"] for m in gold["motions"]) == min(len(gold["motions"]), 1)
    for consultation in gold["consultations"]:
        assert consultation["role"] is None or consultation["role"] in ROLES
        assert consultation["result"] is None or consultation["result"] in OUTCOMES
        assert consultation["public"] in (True, False, None)
        assert _is_date(consultation["date"])
        votes = consultation.get("votes") or {}
        assert set(votes) <= VOTE_COUNTS, votes
        assert all(n is None or (isinstance(n, int) and n >= 0) for n in votes.values()), votes
    for statement in gold["statements"]:
        assert statement["stance"] is None or statement["stance"] in STANCES
        assert _is_date(statement["date"])
    assert all(city == slugify(city) for city in gold["cities_mentioned"])


def _gold_references_resolve_inside_the_file(documents: Path, path: Path) -> None:
    gold = load_gold(path)
    named = [_reference(m) for m in gold["motions"] if _reference(m)]
    assert len(named) == len(set(named)), "two papers share a reference"
    references: set[str | None] = set(named)
    if any(m["primary"] and not _reference(m) for m in gold["motions"]):
        references.add(None)
    cited = {r for m in gold["motions"] for r in m.get("amends", []) + m.get("refersTo", [])}
    assert cited <= set(named), sorted(cited - set(named))
    consulted = {c["motion"] for c in gold["consultations"]}
    assert consulted <= references, consulted - references
    about = {s["about"] for s in gold["statements"]}
    assert about <= references, about - references
    # only the history of the paper a document is about is annotated (see the README)
    primary = {_reference(m) for m in gold["motions"] if m["primary"]}
    assert consulted <= primary, consulted - primary
    persons = {p["name"] for p in gold["persons"]}
    signers = {s["name"] for m in gold["motions"] for s in m.get("signatories", [])}
    signers |= {s["signatory"] for s in gold["statements"] if s["signatory"]}
    assert signers <= persons, signers - persons


def _names_of(gold: dict[str, Any]) -> list[str]:
    """Every name and alias a gold file gives to an actor, a body or a person."""
    entries: list[dict[str, Any]] = []
    for motion in gold["motions"]:
        entries += motion.get("submitters", []) + motion.get("signatories", [])
    entries += [s["author"] for s in gold["statements"]] + gold["persons"]
    entries += [
        {"name": c["body"], "aliases": c.get("bodyAliases", [])} for c in gold["consultations"] if c["body"]
    ]
    return [name for e in entries for name in [e["name"], *e.get("aliases", [])]]


# Where an agenda number stands before it: "TOP 3", "TOP: Ö 3", "TOP Ö 3", "Tagesordnungspunkt 8.2",
# "zu TOP 27", "Zu 13.", "§ 31/2", the ALLRIS header "02.06.2017 - 8.1 Freies WLAN", a list marker
# at the start of a line ("- Ö 9.14"), a numbered heading at the start of a line or of a sentence
# ("9. Antrag der SPD-Fraktion"), or the Beratungsfolge of a komuna page ("ö beschließend 5").
_AGENDA_MARK = (
    r"(?:^|(?<=[.:]\s)|\b(?:TOP|Top|Tagesordnungspunkt|Punkt|Pkt\.|Zu|zu)\b:?|§"
    r"|\d\d\.\d\d\.\d{4}\s+-)"
)
_KOMUNA_ROLE = r"(?i:\b(?:beschließend|vorberatend|zur Kenntnis)\s+)"


def _agenda_item_printed(item: str, text: str) -> bool:
    """An agenda item is printed as a number of the agenda, not merely as digits somewhere."""
    number = re.escape(item).replace(r"\ ", r"\s*")
    if re.match(r"(?:Ö|N|NÖ)\s", item):  # "Ö 9.14", "N 3": the public-part letter marks the item
        return re.search(rf"(?<!\w){number}(?!\w|\.\d)", text) is not None
    prefix = r"[ \t]*(?:[-–•*]\s*)?(?:TOP:?\s*)?(?:[ÖN]\s*)?"
    if re.search(rf"{_AGENDA_MARK}{prefix}{number}(?!\w|[.,]\d)", text, re.MULTILINE):
        return True
    # komuna prints the next column (the paper's number) straight after the item: "4pl/6/4/15"
    return re.search(rf"{_KOMUNA_ROLE}{number}(?![\d.,/])", text) is not None


def _gold_text_is_printed_in_the_document(documents: Path, path: Path) -> None:
    gold = load_gold(path)
    raw = (documents / gold["document"]).read_text(encoding="utf-8").replace("**", "")
    text = _printed(raw)
    folded = text.casefold()
    for motion in gold["motions"]:
        if motion.get("identifier"):
            assert _printed(motion["identifier"]) in text, motion["identifier"]
        for title in [motion.get("title"), *motion.get("titleVariants", [])]:
            assert title is None or _printed(title) in text, title
    for name in _names_of(gold):
        assert _printed(name).casefold() in folded, name
    for person in gold["persons"]:
        position = person["position"]
        for form in position if isinstance(position, list) else [position] if position else []:
            assert _printed(form).casefold() in folded, form
    for consultation in gold["consultations"]:
        if consultation["agendaItem"]:
            assert _agenda_item_printed(consultation["agendaItem"], raw), consultation["agendaItem"]


def _faithful_graph(gold: dict[str, Any]) -> Graph:
    """What a perfect extractor would write for a gold file, in the shape of docs/graph.md."""
    mint = UriMinter(B)
    graph = Graph()
    for top in PRINCIPLES:
        graph.add((mint.principle(top), SKOS.notation, Literal(top)))
    primary = next((m for m in gold["motions"] if m["primary"]), None)
    city = gold.get("city") or (primary["city"] if primary else "unknown")
    document = mint.document("faithful")
    graph.add((document, RDF.type, CG.Document))
    graph.add((document, CG.city, mint.city(city)))
    for mentioned in gold["cities_mentioned"]:
        graph.add((document, CG.mentions, mint.city(mentioned)))

    persons = {normalise_name(n): p["name"] for p in gold["persons"] for n in [p["name"], *p["aliases"]]}

    def actor(entry: dict[str, Any], kind: str) -> URIRef:
        names = [entry["name"], *entry.get("aliases", [])]
        # a person named again as submitter, signatory or author is the same node as in persons
        person = next((persons[normalise_name(n)] for n in names if normalise_name(n) in persons), None)
        if person is not None:
            kind = "Person" if kind in ("Person", "AdministrativeUnit") else kind
        node = mint.actor(city, person if person and kind == "Person" else entry["name"])
        graph.add((node, RDF.type, CG[kind]))
        for name in names:
            graph.add((node, RDFS.label if name == entry["name"] else SKOS.altLabel, Literal(name)))
        return node

    motions: dict[str | None, URIRef] = {}
    nodes: list[URIRef] = []
    for n, motion in enumerate(gold["motions"]):
        reference = _reference(motion)
        if reference:
            node = mint.motion(city, reference)
        else:
            node = mint.motion_without_reference(city, motion["date"], f"untitled {n}")
        if reference or motion["primary"]:
            motions[reference] = node
        nodes.append(node)
        graph.add((node, RDF.type, CG.Motion))
        graph.add((node, CG.kind, CGKIND[motion["kind"]]))
        if motion["identifier"]:
            graph.add((node, DCTERMS.identifier, Literal(motion["identifier"])))
        if motion["title"]:
            graph.add((node, DCTERMS.title, Literal(motion["title"])))
        if motion["date"]:
            graph.add((node, DCTERMS.date, Literal(motion["date"], datatype=XSD.date)))
        if not motion["primary"]:
            continue
        graph.add((node, CG.city, mint.city(motion["city"])))
        for entry in motion["submitters"]:
            graph.add((node, CG.submittedBy, actor(entry, entry["type"])))
        for entry in motion["signatories"]:
            graph.add((node, CG.signedBy, actor(entry, "Person")))
        for principle in motion["principles"]:
            graph.add((node, CG.principle, mint.principle(principle)))
        for mentioned in gold["cities_mentioned"]:
            graph.add((node, CG.mentions, mint.city(mentioned)))
    for motion, node in zip(gold["motions"], nodes, strict=True):
        for target in motion.get("amends", []):
            graph.add((node, CG.amends, motions[target]))
        for target in motion.get("refersTo", []):
            graph.add((node, CG.refersTo, motions[target]))
    for n, entry in enumerate(gold["consultations"], start=1):
        node = URIRef(f"{B}id/consultation/{city}/{n}")
        graph.add((motions[entry["motion"]], CG.consultation, node))
        if entry["body"]:
            body = {"name": entry["body"], "aliases": entry.get("bodyAliases", [])}
            graph.add((node, CG.body, actor(body, "Body")))
        if entry["date"]:
            graph.add((node, DCTERMS.date, Literal(entry["date"], datatype=XSD.date)))
        if entry["role"]:
            graph.add((node, CG.role, CGROLE[entry["role"]]))
        if entry["public"] is not None:
            graph.add((node, CG.public, Literal(entry["public"])))
        if entry["agendaItem"]:
            graph.add((node, CG.agendaItem, Literal(entry["agendaItem"])))
        if entry["result"]:
            graph.add((node, CG.result, CGOUTCOME[entry["result"]]))
        for count, prop in (("for", CG.votesFor), ("against", CG.votesAgainst), ("abstentions", CG.abstentions)):
            if (entry.get("votes") or {}).get(count) is not None:
                graph.add((node, prop, Literal(entry["votes"][count], datatype=XSD.integer)))
    for n, entry in enumerate(gold["statements"], start=1):
        node = URIRef(f"{B}id/statement/{city}/{n}")
        graph.add((node, RDF.type, CG.Statement))
        graph.add((node, CG.about, motions[entry["about"]]))
        graph.add((node, CG.author, actor(entry["author"], "AdministrativeUnit")))
        if entry["signatory"]:
            graph.add((node, CG.signedBy, mint.actor(city, entry["signatory"])))
        if entry["date"]:
            graph.add((node, DCTERMS.date, Literal(entry["date"], datatype=XSD.date)))
        if entry["stance"]:
            graph.add((node, CG.stance, CGSTANCE[entry["stance"]]))
    for person in gold["persons"]:
        node = actor(person, "Person")
        graph.add((node, FOAF.name, Literal(person["name"])))
        position = person["position"]
        if position:
            graph.add(
                (
                    node,
                    CG.position,
                    Literal(position[0] if isinstance(position, list) else position, lang="de"),
                )
            )
    return graph


def _a_faithful_graph_of_each_gold_file_scores_one(documents: Path, path: Path) -> None:
    """No gold file is ambiguous to the scorer: a right answer is never counted wrong."""
    gold = load_gold(path)
    scores = score_document(_faithful_graph(gold), gold)
    for name, score in scores.items():
        assert (score.fp, score.fn) == (0, 0), (name, score.missing, score.spurious)
    assert scores["motions"].tp == min(len(gold["motions"]), 1)
    assert scores["statements"].tp == len(gold["statements"])
    assert scores["consultations"].tp == len(gold["consultations"])
    assert scores["persons"].tp == len(gold["persons"])
    outcomes = [c for c in gold["consultations"] if c["result"]]
    assert scores["consultation.result"].tp == len(outcomes)
    counts = [n for c in gold["consultations"] for n in (c.get("votes") or {}).values() if n is not None]
    assert scores["consultation.votes"].tp == len(counts)


GOLD_CHECKS = (
    _gold_uses_the_controlled_vocabularies,
    _gold_references_resolve_inside_the_file,
    _gold_text_is_printed_in_the_document,
    _a_faithful_graph_of_each_gold_file_scores_one,
)


@pytest.mark.parametrize("check", GOLD_CHECKS, ids=lambda check: check.__name__.lstrip("_"))
@pytest.mark.parametrize("name", sorted(SETS))
def test_every_gold_file(name: str, check: Callable[[Path, Path], None]) -> None:
    _holds_for_each_gold_file(name, check)


def test_source_addresses_are_read_from_the_sources_tables(tmp_path: Path) -> None:
    from tests.scoring import source_addresses

    (tmp_path / "SOURCES-A.md").write_text(
        "# Sources\n\n| file | city | source address | partial |\n|---|---|---|---|\n"
        "| a.txt | Bonn | https://ris.bonn.de/vo0050.asp?x=1 | yes |\n"
        "| b.txt | Kiel | github:owner/repo:path@abc | no |\n",
        encoding="utf-8",
    )
    assert source_addresses(tmp_path) == {"a.txt": "https://ris.bonn.de/vo0050.asp?x=1"}


def test_the_scorer_scores_the_checkout_that_code_names(tmp_path: Path) -> None:
    """Comparing revisions: `--code DIR` names the checkout imported first, else the scorer's own."""
    from tests.scoring import _code_checkout

    own = Path(__file__).resolve().parents[1]
    assert _code_checkout(["scoring.py", "--set", "dev"]) == own
    assert _code_checkout(["scoring.py", "--code", str(tmp_path), "--set", "dev"]) == tmp_path.resolve()
    assert _code_checkout(["scoring.py", f"--code={tmp_path}"]) == tmp_path.resolve()


def test_an_address_that_decides_the_same_city_changes_no_score(tmp_path: Path) -> None:
    """The corpus test reuses the text-only scores where the address decides no other city."""
    from tests.scoring import address_changes_city

    letter = tmp_path / "letter.txt"
    letter.write_text("Stadt Herne\nDer Oberbürgermeister\n\nAntrag der SPD-Fraktion: WLAN\n", encoding="utf-8")
    unnamed = tmp_path / "unnamed.txt"
    unnamed.write_text("Antrag der SPD-Fraktion: WLAN für alle\n", encoding="utf-8")
    assert not address_changes_city(unnamed, "https://www.example.org/antrag.html")
    assert address_changes_city(unnamed, "https://ratsinfo.bochum.de/vo0050.asp?__kvonr=1")
    assert not address_changes_city(letter, "https://ratsinfo.bochum.de/vo0050.asp?__kvonr=1")  # the letterhead wins


def test_scores_per_genre_count_each_genres_documents_and_facts() -> None:
    from tests.scoring import Score, format_by_genre, gold_version

    found = {"motions": Score(tp=1), "statements": Score(fn=2)}
    missed = {"motions": Score(fn=1)}
    table = format_by_genre({"a.txt": found, "b.txt": missed, "c.txt": found}, {"a.txt": "answer", "b.txt": "minutes"})
    rows = {line.split()[0]: line.split() for line in table.splitlines()[2:]}
    assert rows["answer"][1:4] == ["1", "1.000", "("]  # one document, all papers found
    assert rows["minutes"][1:3] == ["1", "0.000"]
    assert rows["unknown"][1] == "1"  # a document whose gold gives no genre
    assert gold_version() != "unknown"  # the gold README states the version of its guidelines
