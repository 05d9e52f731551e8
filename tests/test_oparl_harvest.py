"""Harvesting OParl: the walk, the mapping, incremental runs, resumption, faults, files and the merge rules.

Every run goes over real HTTP to the fixture server (tests/oparl_fixture.py),
which replays recorded OParl JSON on loopback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fpdf import FPDF

from councilgraph.cli import main
from councilgraph.settings import Settings
from councilgraph.store import GraphStore, LocalStore
from ingest.oparl.actors import organization_kind, organization_types
from ingest.oparl.client import USER_AGENT, ClientSettings, OParlClient, retry_after
from ingest.oparl.errors import BadResponse, FetchError
from ingest.oparl.harvest import Harvester, HarvestOptions, HarvestReport
from ingest.oparl.state import load_state
from tests.oparl_fixture import DATA, KREFELD, Fault, OParlFixture, derive
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
HALLE_TEXT = ROOT / "examples" / "documents" / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian: fonts-dejavu-core
BASE = "http://localhost:5000/"
CG = "https://w3id.org/councilgraph/ontology#"
DCT = "http://purl.org/dc/terms/"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
MOTION_749 = BASE + "id/motion/krefeld/1234-2014"
MOTION_HALLE = BASE + "id/motion/krefeld/vii-2021-03290"
PAPER_LIST = f"{KREFELD}/body/1/paper"


def pdf_of(text: str) -> bytes:
    """A PDF of a paper's text, in a TrueType font so umlauts and quotes are real characters."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in text.replace("**", "").replace("#", "").splitlines():
        pdf.multi_cell(0, 5, line.strip() or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def add_halle_paper(fixture: OParlFixture, pdf: bytes) -> str:
    """A paper whose main file is the PDF of a real motion; the API's date differs from the printed one."""
    paper = derive(
        fixture.recorded("spec/Paper-01.json"),
        fixture.url("/paper/752"),
        reference="VII/2021/03290",
        name="Mitgliedschaft in der Städtekoalition Cities for Digital Rights",
        date="2021-11-04",
        paperType="Antrag",
        originatorPerson=[],
        underDirectionOf=[],
        originatorOrganization=[fixture.url("/organization/1000")],
        relatedPaper=[],
        auxiliaryFile=[],
    )
    paper["consultation"][0].update(
        id=fixture.url("/consultation/47594"), meeting=fixture.url("/meeting/243"), organization=[]
    )
    paper["mainFile"] = derive(
        paper["mainFile"],
        fixture.url("/files/752"),
        fileName="antrag.pdf",
        accessUrl=fixture.url("/files/752.pdf"),
        downloadUrl=None,
    )
    fixture.files["/files/752.pdf"] = (pdf, "application/pdf")
    fixture.add(paper, fixture.body["paper"])
    return paper["id"]


def run(
    fixture: OParlFixture, store: LocalStore, options: HarvestOptions | None = None, **client: Any
) -> tuple[HarvestReport, OParlClient]:
    waits: list[float] = []
    oparl = OParlClient(fixture.system_url, ClientSettings(rate=0, **client), sleep=waits.append)
    report = Harvester(oparl, store, Settings(store=str(store.root)), options).run(fixture.system_url)
    return report, oparl


def values(store: GraphStore, subject: str, predicate: str) -> set[str]:
    result = store.query(f"SELECT ?o WHERE {{ <{subject}> <{predicate}> ?o }}")
    assert isinstance(result, ox.QuerySolutions)
    return {str(row["o"].value) for row in result}


def graph_names(store: LocalStore) -> set[str]:
    return set(store.named_graphs())


@pytest.fixture(scope="module")
def halle_pdf() -> bytes:
    return pdf_of(HALLE_TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def harvested(
    tmp_path_factory: pytest.TempPathFactory, halle_pdf: bytes
) -> Iterator[tuple[OParlFixture, LocalStore, HarvestReport]]:
    with OParlFixture() as fixture:
        add_halle_paper(fixture, halle_pdf)
        store = LocalStore(tmp_path_factory.mktemp("harvest") / "store", writable=True)
        report, _client = run(fixture, store)
        yield fixture, store, report
        store.close()


# -- the walk and the mapping


def test_a_harvest_stores_one_graph_per_object(harvested: tuple[OParlFixture, LocalStore, HarvestReport]) -> None:
    fixture, store, report = harvested
    assert report.errors == []
    assert report.counts["Paper"] == 4 and report.counts["Meeting"] == 2
    assert report.counts["Organization"] == 6 and report.counts["Person"] == 3
    names = graph_names(store)
    assert BASE + "id/document/oparl-krefeld-paper-749" in names
    assert BASE + "id/document/oparl-krefeld-meeting-281" in names
    assert BASE + "graph/text/oparl-krefeld-paper-749" in names  # the record's text lives beside it
    assert fixture.requested(PAPER_LIST)[1] == {"page": "2"}  # links.next was followed
    assert {agent for _path, _query, agent in fixture.requests} == {USER_AGENT}


def test_the_body_is_linked_to_its_city_by_its_regional_key(
    harvested: tuple[OParlFixture, LocalStore, HarvestReport],
) -> None:
    _fixture, _store, report = harvested
    # the recorded body's `ags` has nine digits; its `rgs` names Krefeld
    assert report.bodies == ["Stadt Krefeld → krefeld"]


def test_a_paper_becomes_a_motion_with_our_uri_and_its_oparl_id(
    harvested: tuple[OParlFixture, LocalStore, HarvestReport],
) -> None:
    fixture, store, _report = harvested
    assert values(store, MOTION_749, OWL_SAME_AS) == {fixture.url("/paper/749")}
    assert values(store, MOTION_749, DCT + "identifier") == {"1234/2014"}
    assert values(store, MOTION_749, DCT + "date") == {"2014-04-04"}
    document = BASE + "id/document/oparl-krefeld-paper-749"
    assert values(store, document, "http://www.w3.org/ns/prov#wasDerivedFrom") == {fixture.url("/paper/749")}
    submitters = values(store, MOTION_749, CG + "submittedBy")
    assert BASE + "id/actor/krefeld/fraktion-spd" in submitters  # "SPD-Fraktion", named as extraction names it
    assert BASE + "id/actor/krefeld/max-mustermann" not in submitters
    assert BASE + "id/actor/krefeld/erika-musterfrau" in submitters


def test_consultations_link_body_meeting_and_agenda_item(
    harvested: tuple[OParlFixture, LocalStore, HarvestReport],
) -> None:
    _fixture, store, _report = harvested
    (consultation,) = values(store, MOTION_HALLE, CG + "consultation")
    assert values(store, consultation, CG + "body") == {BASE + "id/actor/krefeld/rat-der-stadt"}
    assert values(store, consultation, CG + "role") == {"https://w3id.org/councilgraph/vocab/role/decision"}
    (meeting,) = values(store, consultation, CG + "meeting")
    assert meeting == BASE + "id/meeting/krefeld/2014-05-06-243"
    assert values(store, consultation, DCT + "date") == {"2014-05-06"}
    assert values(store, consultation, CG + "agendaItem") == {"7.2"}
    assert values(store, consultation, CG + "result") == {"https://w3id.org/councilgraph/vocab/outcome/adopted"}
    assert values(store, meeting, CG + "heldBy") == {BASE + "id/actor/krefeld/rat-der-stadt"}


def test_memberships_carry_role_voting_right_and_dates(
    harvested: tuple[OParlFixture, LocalStore, HarvestReport],
) -> None:
    _fixture, store, _report = harvested
    person = BASE + "id/actor/krefeld/max-mustermann"
    assert values(store, person, CG + "memberOf") == {
        BASE + "id/actor/krefeld/bezirksvertretung-nord",
        BASE + "id/actor/krefeld/jugendhilfeausschuss",
    }
    result = store.query(
        f"SELECT ?role ?vote ?end WHERE {{ ?m <{CG}member> <{person}> ; <{CG}membershipRole> ?role ; "
        f"<{CG}votingRight> ?vote . OPTIONAL {{ ?m <{CG}endDate> ?end }} }} ORDER BY ?role"
    )
    assert isinstance(result, ox.QuerySolutions)
    rows = [(r["role"].value, r["vote"].value, r["end"].value if r["end"] else None) for r in result]
    assert rows == [("Sachkundige Bürgerin", "false", "2014-07-28"), ("Vorsitzende", "true", None)]


@pytest.mark.parametrize("entry", [e for _p, _k, e in organization_types()])
def test_each_organization_type_word_maps_as_its_example_says(entry: str) -> None:
    expected = next(kind for pattern, kind, example in organization_types() if example == entry)
    assert organization_kind({"classification": entry}) == expected


# -- files and the merge rules


def test_the_pdf_text_is_merged_and_the_api_wins(harvested: tuple[OParlFixture, LocalStore, HarvestReport]) -> None:
    _fixture, store, report = harvested
    assert values(store, MOTION_HALLE, DCT + "date") == {"2021-11-04"}  # the API's; the PDF prints 03.11.2021
    principles = values(store, MOTION_HALLE, CG + "principle")
    assert "https://w3id.org/councilgraph/principle/privacy" in principles  # only the text says so
    assert values(store, MOTION_HALLE, CG + "submittedBy") == {BASE + "id/actor/krefeld/fraktion-die-linke"}
    (disagreement,) = [d for d in report.discrepancies if d.predicate == DCT + "date"]
    assert (disagreement.api_value, disagreement.extracted_value) == ("2021-11-04", "2021-11-03")
    result = store.query(
        f"SELECT ?quote ?api ?apiquote WHERE {{ ?e <{CG}supersededBy> ?api ; <{CG}method> 'text-extraction' ; "
        f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ; <{CG}quote> ?quote . "
        f"?api <{CG}method> 'oparl-api' ; <{CG}quote> ?apiquote . FILTER(STR(?o) = '2021-11-03') }}"
    )
    assert isinstance(result, ox.QuerySolutions)
    rows = [(r["quote"].value, r["apiquote"].value) for r in result]
    assert rows and "03.11.2021" in rows[0][0] and rows[0][1] == '"date": "2021-11-04"'


def test_a_file_that_cannot_be_downloaded_leaves_the_paper_stored_with_a_warning(
    harvested: tuple[OParlFixture, LocalStore, HarvestReport],
) -> None:
    _fixture, store, report = harvested
    assert any("57737.pdf" in w and "404" in w for w in report.warnings)
    assert values(store, MOTION_749, DCT + "title") == {"Antwort auf Anfrage 1200/2014"}


def test_the_same_paper_from_oparl_and_from_its_pdf_is_one_motion(
    tmp_path: Path, halle_pdf: bytes, harvested: tuple[OParlFixture, LocalStore, HarvestReport]
) -> None:
    _fixture, harvest_store, _report = harvested
    pdf = tmp_path / "antrag-vii-2021-03290.pdf"
    pdf.write_bytes(halle_pdf)
    store_path = tmp_path / "store"
    result = CliRunner().invoke(main, ["ingest", "--store", str(store_path), "--city", "Krefeld", str(pdf)])
    assert result.exit_code == 0, result.output
    with LocalStore(store_path) as by_hand:
        found = by_hand.query(f"SELECT ?m {{ ?m a <{CG}Motion> }}")
        assert isinstance(found, ox.QuerySolutions)
        motions = {str(row["m"].value) for row in found}
    assert MOTION_HALLE in motions
    assert values(harvest_store, MOTION_HALLE, DCT + "identifier") == {"VII/2021/03290"}


# -- incremental runs, deletion, resumption


def test_a_second_run_asks_for_changes_only_and_applies_them(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        store = LocalStore(tmp_path / "store", writable=True)
        run(fixture, store, HarvestOptions(with_files=False))
        started = load_state(store, Settings().minter, fixture.body["id"]).last_success
        assert started is not None
        fixture.modify(fixture.url("/paper/750"), name="Antrag: Radwege und Gehwege sanieren")
        fixture.delete(fixture.url("/paper/751"))
        fixture.requests.clear()
        report, _client = run(fixture, store, HarvestOptions(with_files=False))
        assert {q.get("modified_since") for q in fixture.requested(PAPER_LIST)} == {started}
        assert report.counts["Paper"] == 1 and report.counts["deleted"] == 1
        assert report.counts["Organization"] == 0  # nothing else changed
        motion = BASE + "id/motion/krefeld/1235-2014"
        assert values(store, motion, DCT + "title") == {"Antrag: Radwege und Gehwege sanieren"}
        names = graph_names(store)
        assert BASE + "id/document/oparl-krefeld-paper-751" not in names
        assert BASE + "graph/text/oparl-krefeld-paper-751" not in names
        assert values(store, BASE + "id/motion/krefeld/1236-2014", DCT + "title") == set()
        assert BASE + "id/document/oparl-krefeld-paper-749" in names
        store.close()


def test_a_changed_consultation_brings_its_paper_again(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        paper = fixture.objects[fixture.url("/paper/749")]
        consultation = dict(paper["consultation"][0], paper=paper["id"])
        consultations = fixture.url(f"{KREFELD}/body/1/consultation")
        fixture.body["consultation"] = consultations
        fixture.add(consultation, consultations)
        store = LocalStore(tmp_path / "store", writable=True)
        run(fixture, store, HarvestOptions(with_files=False))
        fixture.modify(consultation["id"], role="Vorberatung")
        fixture.requests.clear()
        report, _client = run(fixture, store, HarvestOptions(with_files=False))
        assert report.counts["Paper"] == 1  # fetched again through the consultation list
        assert [path for path, _q, _a in fixture.requests if path == "/paper/749"] == ["/paper/749"]
        store.close()


def test_an_interrupted_run_resumes_with_the_page_after_the_last_one_stored(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        store = LocalStore(tmp_path / "store", writable=True)
        fixture.truncated.add(f"{PAPER_LIST}?page=2")
        with pytest.raises(BadResponse, match="not valid JSON"):
            run(fixture, store, HarvestOptions(with_files=False))
        state = load_state(store, Settings().minter, fixture.body["id"])
        assert state.unfinished and state.cursors["person"] == ""  # lists read to the end are done
        assert state.cursors["paper"] == fixture.url(f"{PAPER_LIST}?page=2")
        names = graph_names(store)
        assert BASE + "id/document/oparl-krefeld-paper-750" in names  # page 1 is stored
        assert BASE + "id/document/oparl-krefeld-paper-751" not in names
        fixture.truncated.clear()
        fixture.requests.clear()
        report, _client = run(fixture, store, HarvestOptions(with_files=False))
        assert fixture.requested(f"{KREFELD}/body/1/organization") == []  # not read again
        assert fixture.requested(PAPER_LIST) == [{"page": "2"}]
        assert report.counts["Paper"] == 1
        assert BASE + "id/document/oparl-krefeld-paper-751" in graph_names(store)
        assert not load_state(store, Settings().minter, fixture.body["id"]).unfinished
        store.close()


def test_max_stops_early_and_the_next_run_continues(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        store = LocalStore(tmp_path / "store", writable=True)
        first, _client = run(fixture, store, HarvestOptions(max_objects=7, with_files=False))
        assert not first.complete and sum(first.counts[k] for k in ("Organization", "Person")) == 7
        second, _client = run(fixture, store, HarvestOptions(with_files=False))
        assert second.complete and second.counts["Organization"] == 0 and second.counts["Paper"] == 3
        store.close()


# -- politeness and faults


def test_429_with_retry_after_and_500_are_retried(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        fixture.fail(
            PAPER_LIST, Fault("429 Too Many Requests", [("Retry-After", "7")]), Fault("500 Internal Server Error")
        )
        store = LocalStore(tmp_path / "store", writable=True)
        report, client = run(fixture, store, HarvestOptions(with_files=False), backoff=0.25)
        assert report.counts["Paper"] == 3
        assert client.waits == [7.0, 0.5]  # Retry-After honoured, then exponential backoff
        store.close()


def test_requests_keep_to_the_rate() -> None:
    with OParlFixture() as fixture:
        waits: list[float] = []
        client = OParlClient(fixture.system_url, ClientSettings(rate=4), sleep=waits.append, clock=lambda: 100.0)
        for _ in range(3):
            client.get_json(fixture.system_url)
    assert waits == [0.25, 0.5]  # the clock stands still: each request waits for its slot


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after("120") == 120.0
    assert retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now.timestamp()) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_server_that_keeps_failing_gives_a_clear_error(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        fixture.fail(PAPER_LIST, *[Fault("503 Service Unavailable")] * 5)
        store = LocalStore(tmp_path / "store", writable=True)
        with pytest.raises(FetchError, match=r"HTTP 503, still after 5 attempts"):
            run(fixture, store, HarvestOptions(with_files=False))
        store.close()


def test_a_links_next_loop_is_refused(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        fixture.loop_lists.add(PAPER_LIST)
        store = LocalStore(tmp_path / "store", writable=True)
        with pytest.raises(BadResponse, match="paging loop"):
            run(fixture, store, HarvestOptions(with_files=False))
        store.close()


def test_a_url_of_the_wrong_type_is_refused(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        store = LocalStore(tmp_path / "store", writable=True)
        oparl = OParlClient(fixture.system_url, ClientSettings(rate=0))
        person = fixture.url("/person/29")
        with pytest.raises(BadResponse, match="expected an OParl System"):
            Harvester(oparl, store, Settings(store=str(store.root))).run(person)
        store.close()


def test_an_unreachable_host_gives_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/oparl/system"
    with pytest.raises(FetchError, match="cannot be reached"):
        OParlClient(url, ClientSettings(rate=0, retries=0)).get_json(url)


def test_links_to_another_host_are_followed_only_when_allowed(tmp_path: Path, halle_pdf: bytes) -> None:
    with OParlFixture() as fixture:
        add_halle_paper(fixture, halle_pdf)
        elsewhere = "http://files.example.net/752.pdf"
        fixture.objects[fixture.url("/paper/752")]["mainFile"]["accessUrl"] = elsewhere
        store = LocalStore(tmp_path / "store", writable=True)
        report, _client = run(fixture, store, HarvestOptions(papers_only=True))
        assert any("--allow-host files.example.net" in w for w in report.warnings)
        assert values(store, MOTION_HALLE, DCT + "date") == {"2021-11-04"}  # stored from the API alone
        store.close()
    client = OParlClient(fixture.system_url, ClientSettings(allowed_hosts=frozenset({"files.example.net"})))
    assert client.allows(elsewhere) and not client.allows("http://other.example.org/x")


def test_a_file_over_the_size_cap_is_left_out_with_a_warning(tmp_path: Path, halle_pdf: bytes) -> None:
    with OParlFixture() as fixture:
        add_halle_paper(fixture, halle_pdf)
        store = LocalStore(tmp_path / "store", writable=True)
        report, _client = run(fixture, store, HarvestOptions(papers_only=True), max_file_bytes=len(halle_pdf) // 2)
        assert any("larger" in w and "752.pdf" in w for w in report.warnings)
        assert report.counts["files"] == 0 and report.counts["Paper"] == 4
        store.close()


# -- the command line and offline ingest


def test_the_harvest_command_has_help_with_examples() -> None:
    result = CliRunner().invoke(main, ["harvest", "oparl", "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples" in result.output and "--store" in result.output and "--allow-host" in result.output


def test_since_must_be_a_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["harvest", "oparl", "http://127.0.0.1:1/", "--since", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_the_command_prints_counts_per_object_type(tmp_path: Path) -> None:
    with OParlFixture() as fixture:
        result = CliRunner().invoke(
            main, ["harvest", "oparl", fixture.system_url, "--store", str(tmp_path / "s"), "--rate", "0", "--no-files"]
        )
    assert result.exit_code == 0, result.output
    assert "Stadt Krefeld → krefeld" in result.output
    assert "Organization 6 · Person 3 · Meeting 2 · Paper 3" in result.output


def test_explain_shows_where_the_text_disagrees(tmp_path: Path, halle_pdf: bytes) -> None:
    with OParlFixture() as fixture:
        add_halle_paper(fixture, halle_pdf)
        args = ["harvest", "oparl", fixture.system_url, "--store", str(tmp_path / "s"), "--rate", "0", "--explain"]
        result = CliRunner().invoke(main, args)
    assert "date: API 2021-11-04 (kept) ≠ text 2021-11-03 in antrag.pdf" in result.output


def test_ingest_reads_oparl_json_files_offline(tmp_path: Path) -> None:
    organizations = {"data": [json.loads((DATA / "spec" / "Organization-01.json").read_text(encoding="utf-8"))]}
    (tmp_path / "organizations.json").write_text(json.dumps(organizations), encoding="utf-8")
    paper = tmp_path / "paper.json"
    paper.write_text((DATA / "spec" / "Paper-01.json").read_text(encoding="utf-8"), encoding="utf-8")
    meeting = tmp_path / "meeting.json"
    meeting.write_text((DATA / "spec" / "Meeting-01.json").read_text(encoding="utf-8"), encoding="utf-8")
    store_path = tmp_path / "store"
    args = [
        "ingest",
        "--store",
        str(store_path),
        "--city",
        "Krefeld",
        str(paper),
        str(meeting),
        str(tmp_path / "organizations.json"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "[oparl] 1 OParl object(s) stored" in result.output
    with LocalStore(store_path) as store:
        assert values(store, MOTION_749, OWL_SAME_AS) == {"https://oparl.example.org/paper/749"}
        meeting_iri = BASE + "id/meeting/krefeld/2013-01-04-281"
        assert values(store, meeting_iri, CG + "heldBy") == {
            BASE + "id/actor/krefeld/ausschuss-fuer-finanzen-und-haushalt"
        }
