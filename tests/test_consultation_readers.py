"""The readers of consultations, decisions, votes and printed answers, one rule at a time, on
small printed snippets; and the examples of the language files they read."""

from __future__ import annotations

import re
from datetime import date

import pytest

from councilgraph.namespaces import CG, DCTERMS, RDF, RDFS, SKOS
from ingest import actors
from ingest.genres import consultations, decisions, statements, told
from ingest.language import bodies, entries
from ingest.records import Consultation, Motion, Spanned, Statement
from tests.extracted import graph_of
from tests.scoring import SETS

FLAT_TABLE = """Beratungsfolge:
Bezirksverordnetenversammlung Lichtenberg von Berlin Entscheidung
18.06.2020
42. Sitzung der Bezirksverordnetenversammlung Lichtenberg von Berlin überwiesen
Haushalt und Personal Entscheidung
12.08.2020
45. Sitzung des Ausschusses Haushalt und Personal im Ausschuss abgelehnt

Sachverhalt
Der Ausschuss Haushalt und Personal empfiehlt der Bezirksverordnetenversammlung die Ablehnung.
Abstimmungsergebnis: 6:6:2
"""


def test_a_flattened_table_reads_the_date_on_its_own_line_and_the_outcome_of_the_session_line() -> None:
    rows = consultations.flat_table(FLAT_TABLE)
    assert [(r.body.name if r.body else None, r.date.value if r.date else None) for r in rows] == [
        ("Bezirksverordnetenversammlung Lichtenberg von Berlin", date(2020, 6, 18)),
        ("Haushalt und Personal", date(2020, 8, 12)),
    ]
    assert [r.result.value if r.result else None for r in rows] == ["referred", "rejected"]
    assert [r.role.value if r.role else None for r in rows] == ["decision", "decision"]


def test_each_session_under_one_body_of_a_flattened_table_is_a_row_of_its_own() -> None:
    text = (
        "Beratungsfolge:\nAusschuss für Haushalt und Personal Empfehlung\n19.08.2019\n"
        "33. öffentliche Sitzung des Ausschusses für Haushalt und Personal vertagt\n20.08.2019\n"
        "34. öffentliche Sitzung des Ausschusses für Haushalt und Personal mit Änderungen im Ausschuss beschlossen\n"
        "Hauptausschuss Zustimmung\n07.02.2018\n"
        "öffentliche/nichtöffentliche Sitzung des Hauptausschusses geändert beschlossen\n\nSachverhalt\n"
    )
    rows = consultations.flat_table(text)
    assert [(r.body.name if r.body else None, r.date.value if r.date else None) for r in rows] == [
        ("Ausschuss für Haushalt und Personal", date(2019, 8, 19)),
        ("Ausschuss für Haushalt und Personal", date(2019, 8, 20)),
        ("Hauptausschuss", date(2018, 2, 7)),
    ]
    assert [r.role.value if r.role else None for r in rows] == ["preliminary", "preliminary", "decision"]
    results = [r.result.value if r.result else None for r in rows]
    assert results == ["postponed", "adopted-with-changes", "adopted-with-changes"]
    assert [r.public.value if r.public else None for r in rows] == [True, True, None]  # the last says both


def test_a_row_of_header_cells_above_a_flattened_table_is_no_body() -> None:
    text = (
        "Beratungsfolge\nStatus\tDatum\tGremium\tBeschluss\tNA\n|\n●\nErledigt\n|\nBauausschuss\n|\n"
        "zur Beantwortung\n|\n03.09.2019\n|\nSachverhalt\n"
    )
    rows = consultations.flat_table(text)
    assert [(r.body.name if r.body else None, r.date.value if r.date else None) for r in rows] == [
        ("Bauausschuss", date(2019, 9, 3))
    ]


@pytest.mark.parametrize("entry", entries("bodies", "column_word"))
def test_a_column_word_after_a_body_in_a_flattened_table_is_no_part_of_its_name(entry: dict[str, object]) -> None:
    rows = consultations.flat_table(str(entry["example"]))
    assert rows and rows[0].body is not None and rows[0].body.name == entry["expect"]
    assert rows[0].role is None  # the column word names no role


def test_a_recorded_vote_joins_the_row_of_the_committee_that_took_it() -> None:
    rows = consultations.flat_table(FLAT_TABLE)
    found = decisions.read(FLAT_TABLE)
    assert found is not None and not found.body_guessed
    decisions.attach(rows, found)
    assert len(rows) == 2
    committee = rows[1]
    counts = (committee.votes_for, committee.votes_against, committee.abstentions)
    assert [c.value if c else None for c in counts] == [6, 6, 2]
    assert rows[0].votes_for is None


@pytest.mark.parametrize(
    ("printed", "outcome"),
    [
        ("mit Änderungen im Ausschuss beschlossen", "adopted-with-changes"),
        ("ohne Änderungen in der BVV beschlossen (Beratungsfolge beendet)", "adopted"),
        ("einstimmig mit 17:0 zur Weiterverfolgung beschlossen", "adopted"),
        ("in der Sitzung vertagt", "postponed"),
    ],
)
def test_outcomes_whose_words_stand_apart(printed: str, outcome: str) -> None:
    found = consultations.outcome(printed, 0, len(printed))
    assert found is not None and found.value == outcome


def test_an_outcome_example_of_the_language_file_is_read_as_its_outcome() -> None:
    for entry in entries("outcomes", "outcome"):
        text = str(entry["example"])
        found = consultations.outcome(text, 0, len(text))
        assert found is not None and found.value == entry["outcome"], entry


@pytest.mark.parametrize(
    ("report", "outcome"),
    [
        # a phrase of the language file, not a label of the vocabulary
        ("Die Liberalen wollten den Rat verkleinern. CDU und SPD lehnten den Antrag ab.", "rejected"),
        ("Ein Antrag auf eine stärkere Reduzierung der Ausschüsse fand keine Mehrheit.", "rejected"),
        # how some members voted tells nothing of the decision; with the counts, it does
        ("Der Antrag kam im Stadtrat zur Abstimmung. Für den Antrag stimmten die Grünen.", None),
        ("Die Freien Wähler stimmten gegen den Antrag der Grünen.", None),
        ("Der Stadtrat stimmte mit 23:17 Stimmen gegen das Bürgerbegehren.", "rejected"),
        # a report that tells both outcomes leaves it open
        ("Der Antrag der CDU fand keine Mehrheit. Der Antrag der Verwaltung wurde einstimmig beschlossen.", None),
    ],
)
def test_a_reports_one_decision_takes_the_outcome_every_outcome_phrase_of_it_tells(
    report: str, outcome: str | None
) -> None:
    found = consultations.sole_outcome(report, 0, len(report))
    assert (found.value if found else None) == outcome


def test_the_committee_that_recommends_is_the_deciding_body_not_the_council_of_the_resolution() -> None:
    text = (
        "Beschluss: geändert beschlossen\nAbstimmung: Ja-Stimmen: 8, Nein-Stimmen: 6\n\n"
        "Der Stadtrat beschließt, die Geschäftsordnung zu ändern.\n\n"
        "Der Haupt- und Finanzausschuss empfiehlt dem Stadtrat:\n1. die Geschäftsordnung zu ändern.\n"
    )
    found = decisions.decision(text)
    assert found is not None and found.body is not None
    assert found.body.name == "Haupt- und Finanzausschuss"
    assert found.result is not None and found.result.value == "adopted-with-changes"


def test_members_of_a_committee_who_vote_name_it_in_the_nominative() -> None:
    text = "Beschluss: zugestimmt\n\nDie Mitglieder des Planungs- und Bauausschusses stimmten dem Entwurf zu."
    found = decisions.decision(text)
    assert found is not None and found.body is not None
    assert found.body.name == "Planungs- und Bauausschuss"


def test_a_vote_block_away_from_the_marker_is_counted_and_decides_the_outcome() -> None:
    filler = "Der Bürgermeister berichtet ausführlich über den Stand der Planung. " * 6
    resolution = "Die Gemeindevertretung stimmt dem Trassenverlauf zu."
    text = f"Beschluss:\n\n{resolution}\n\n{filler}\n\nJa-Stimmen: 9\nNein-Stimmen: 0\n"
    found = decisions.decision(text)
    assert found is not None
    assert found.votes_for is not None and found.votes_for.value == 9
    assert found.votes_against is not None and found.votes_against.value == 0
    assert found.result is not None and found.result.value == "adopted"
    assert found.body is not None and found.body.name == "Gemeindevertretung"


def test_a_tied_vote_rejects() -> None:
    text = "Abstimmungsergebnis: 6:6:2"
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == "rejected"


def test_labels_with_their_values_on_the_next_line_and_the_gremium_before_the_session() -> None:
    text = (
        "03.07.2025 - 4 Antrag der Fraktion: Sachstand\nGrunddaten\n- TOP:\n- Ö 4\n- Sitzung:\n-\n"
        "Sitzung des Stadtrates\n- Gremium:\n- Stadtrat\n- Datum:\n- Do., 03.07.2025\n- Beschluss:\n"
        "- zur Kenntnis genommen\n"
    )
    found = decisions.decision(text)
    assert found is not None and found.body is not None and found.body.name == "Stadtrat"
    assert found.date is not None and found.date.value == date(2025, 7, 3)
    assert found.agenda_item is not None and found.agenda_item.value == "Ö 4"
    assert found.public is not None and found.public.value is True
    assert found.result is not None and found.result.value == "noted"


def test_the_head_line_of_an_agenda_item_page_gives_date_and_item() -> None:
    text = (
        "08.11.2021 - 9.16 Flächendeckendes öffentliches W-LAN für die Innenstadt\nBeschluss:\ngeändert beschlossen\n"
    )
    found = decisions.decision(text)
    assert found is not None
    assert found.date is not None and found.date.value == date(2021, 11, 8)
    assert found.agenda_item is not None and found.agenda_item.value == "9.16"


def test_a_decision_told_in_running_text() -> None:
    text = "Der Antrag wurde im Ferienausschuss des Stadtrates am 08.09.2022 einstimmig mit 17:0 beschlossen."
    found = decisions.decision(text)
    assert found is not None and found.body is not None and found.body.name == "Ferienausschuss"
    assert found.date is not None and found.date.value == date(2022, 9, 8)
    assert found.votes_for is not None and found.votes_for.value == 17
    assert found.result is not None and found.result.value == "adopted"


def test_a_session_on_one_labelled_line() -> None:
    text = "Titel\nLetzte Beratung: 15.05.2025 Bezirksversammlung Wandsbek Ö 7.7\n"
    (found,) = consultations.labelled_sessions(text)
    assert found.body is not None and found.body.name == "Bezirksversammlung Wandsbek"
    assert found.date is not None and found.date.value == date(2025, 5, 15)
    assert found.agenda_item is not None and found.agenda_item.value == "Ö 7.7"
    assert found.public is not None and found.public.value is True


def test_a_decision_without_a_named_body_joins_the_only_row_but_a_named_other_body_does_not() -> None:
    row = Consultation(None, 0, 1, date=Spanned(date(2020, 1, 1), 0, 1))
    guessed = decisions.Decision(Consultation(None, 5, 6, result=Spanned("adopted", 5, 6)), body_guessed=True)
    known = [row]
    decisions.attach(known, guessed)
    assert known == [row] and row.result is not None and row.result.value == "adopted"


@pytest.mark.parametrize(
    ("name", "council"),
    [("Stadtrat", True), ("Bezirksverordnetenversammlung Spandau", True), ("Ratsversammlung", True),
     ("Rat der Stadt Bochum", True), ("Haupt- und Finanzausschuss", False), ("Rathausausschuss", False)],
)  # fmt: skip
def test_council_or_committee(name: str, council: bool) -> None:
    assert bodies.is_council(name) is council


@pytest.mark.parametrize(
    "entry", [*entries("bodies", "council"), *entries("bodies", "municipality"), *entries("bodies", "committee")]
)
def test_each_body_example_names_its_body(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    assert [a.name for a in bodies.acting_bodies(text, 0, len(text))] == [entry["expect"]]


@pytest.mark.parametrize("entry", entries("bodies", "recommended_to"))
def test_the_body_a_recommendation_addresses_is_to_decide(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    known: list[Consultation] = []
    consultations.add_addressed(known, text, 0, len(text))
    assert [(c.body.name if c.body else None, c.role.value if c.role else None) for c in known] == [
        (entry["expect"], "decision")
    ]


@pytest.mark.parametrize("entry", entries("bodies", "anaphor"))
def test_a_decision_of_the_body_named_again_is_that_bodys(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    (found,) = told.decisions(text, 0, len(text))
    assert found.body is not None and found.body.name == entry["expect"]
    assert found.result is not None and found.result.value == "adopted"
    assert told.decisions(text[text.index("Einstimmig") :], 0, len(text) - text.index("Einstimmig")) == []


@pytest.mark.parametrize("entry", entries("answers", "author"))
def test_each_answer_example_is_an_answer_by_its_author(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = statements.answer(text, 0, len(text), Motion(0, len(text)))
    assert found is not None and found.author is not None
    assert found.author.name.split()[0] == entry["name"]


@pytest.mark.parametrize("entry", entries("answers", "behalf"))
def test_an_answer_given_in_the_governments_name_is_the_governments(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    _answer_by(text, str(entry["author"]))


def test_a_parliaments_print_dates_the_answer_in_its_title() -> None:
    text = (
        "Schriftliche Anfrage des Abgeordneten Bernd Schlömer (FDP) vom 15. Dezember 2017 zum Thema: Open Data "
        "und Antwort vom 04. Januar 2018 (Eingang am 05. Jan. 2018)\n"
        "Antwort auf die Schriftliche Anfrage Nr. 18/12 979 vom 15. Dezember 2017\n"
        "Im Namen des Senats von Berlin beantworte ich Ihre Schriftliche Anfrage wie folgt: 1. Ja."
    )
    found = statements.answer(text, 0, len(text), Motion(0, len(text)))
    assert found is not None and found.date is not None and found.date.value == date(2018, 1, 4)


@pytest.mark.parametrize("entry", entries("answers", "unnamed"))
def test_each_answer_printed_without_its_author_is_by_the_addressee_or_the_administration(
    entry: dict[str, object],
) -> None:
    _answer_by(str(entry["example"]), str(entry["expect"]))


def _answer_by(text: str, author: str, headed: bool = False) -> Statement:
    """The answer `text` prints, which the test expects to be by `author`."""
    found = statements.answer(text, 0, len(text), Motion(0, len(text)), headed=headed)
    assert found is not None and found.author is not None and found.author.name == author
    return found


@pytest.mark.parametrize("entry", entries("answers", "unit"))
def test_each_unit_that_answers_under_its_own_name_is_the_author(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = statements.answer(text, 0, len(text), Motion(0, len(text)))
    assert found is not None and found.author is not None and found.author.printed == entry["expect"]


@pytest.mark.parametrize("entry", entries("answers", "standpoint"))
def test_a_standpoint_heading_is_a_position_of_its_author_with_its_stance(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = _answer_by(text, str(entry["author"]), headed=True)
    assert found.stance is not None and found.stance.value == "rejection"


def test_a_person_who_takes_position_for_their_office_is_the_author() -> None:
    text = "Den Antrag der SPD hat der Rat erhalten.\nDiskussionsverlauf:\nHierzu nimmt Bgm. Muster wie folgt "
    text += "Stellung:\nDie Verwaltung lehnt den Antrag ab."
    found = statements.answer(text, 0, len(text), Motion(0, len(text)), headed=True)
    assert found is not None and found.author is not None
    assert (found.author.kind, found.author.name) == ("person", "Muster")
    assert found.author.position is not None and found.author.position.value == "Bgm."


def test_a_motion_that_asks_for_a_position_carries_none() -> None:
    text = "Antrag der SPD-Fraktion\nDie Verwaltung wird gebeten, eine Stellungnahme der Verwaltung\n"
    text += "vorzulegen. Wir bitten um Stellungnahme des Oberbürgermeisters zu folgenden Punkten:\n1. Kosten"
    assert statements.answer(text, 0, len(text), Motion(0, len(text)), headed=True) is None
    assert statements.answer(text, 0, len(text), Motion(0, len(text))) is None


def test_a_motion_printed_with_the_administrations_position_carries_it() -> None:
    text = "Antrag der SPD-Fraktion\nDie Verwaltung wird beauftragt, ein Open-Data-Portal einzurichten.\n\n"
    text += "Stellungnahme der Verwaltung:\nDie Verwaltung befürwortet den Antrag."
    found = _answer_by(text, "Verwaltung", headed=True)
    assert found.stance is not None and found.stance.value == "support"


def test_an_unnamed_answer_dated_in_its_heading_and_addressed_to_an_authority() -> None:
    text = "Anfrage an das Bezirksamt Pankow\nWie viele Schulen haben WLAN?\n"
    text += "Antwort vom 3. Mai 2021 auf die Anfrage:\n12."
    found = _answer_by(text, "Bezirksamt Pankow")
    assert found.date is not None and found.date.value == date(2021, 5, 3)


def test_an_authority_that_takes_a_position_answers() -> None:
    text = "Zur Anfrage der CDU-Fraktion vom 28.10.2022 (22-19928) nimmt die Verwaltung wie folgt Stellung:\n1. Ja."
    _answer_by(text, "Verwaltung")


def test_a_question_that_mentions_an_answer_is_no_answer() -> None:
    text = "Anfrage der Fraktion\nWann ist mit einer Antwort der Landesbehörde zu rechnen?\n"
    assert statements.answer(text, 0, len(text), Motion(0, len(text))) is None


def test_an_answer_heading_that_only_links_a_file_is_no_answer() -> None:
    (entry,) = entries("answers", "link")
    text = f"Anfrage der Fraktion\n{entry['example']}\n"
    assert statements.answer(text, 0, len(text), Motion(0, len(text))) is None


@pytest.mark.parametrize(
    ("text", "author", "day"),
    [
        ("Antwort des Bezirksamtes Neukölln vom 26.02.2026\nZu Frage 1: …", "Bezirksamt Neukölln", date(2026, 2, 26)),
        # an interim answer ("Zwischenbescheid") is an answer by its author on its date
        ("Antrag vom 13.03.2012, NR 271\n\nVorgang:\n\nZwischenbescheid des Magistrats vom 16.07.2012\n\nEr prüft.",
         "Magistrat", date(2012, 7, 16)),
    ],
)  # fmt: skip
def test_an_answer_dated_in_its_heading(text: str, author: str, day: date) -> None:
    found = _answer_by(text, author)
    assert found.date is not None and found.date.value == day


def test_a_line_that_records_the_outcome_by_itself() -> None:
    text = "Die Ratsversammlung hat in ihrer Sitzung folgende Beschlüsse gefasst:\nAntrag der Fraktionen\n"
    text += "Bei 3 Enthaltungen einstimmig angenommen.\n"
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == "adopted"
    assert found.abstentions is not None and found.abstentions.value == 3
    assert found.votes_for is None
    assert found.body is not None and found.body.name == "Ratsversammlung"


def test_the_votes_on_an_amendment_are_not_the_papers_and_its_adoption_changes_the_paper() -> None:
    (entry,) = entries("votes", "amendment_vote")
    text = (
        f"{entry['example']}\n\nAbstimmungsergebnis:\n\n20\n\nJa-Stimmen\n\n5\n\nNein-Stimmen\n\n"
        "Beschluss\n\nDer Stadtrat beschließt die Neufassung der Hauptsatzung.\n\n"
        "Abstimmungsergebnis:\n\n28\n\nJa-Stimmen\n\n2\n\nNein-Stimmen\n\n3\n\nEnthaltungen\n"
    )
    found = decisions.decision(text)
    assert found is not None
    counts = (found.votes_for, found.votes_against, found.abstentions)
    assert [c.value if c else None for c in counts] == [28, 2, 3]
    assert found.result is not None and found.result.value == "adopted-with-changes"


def test_a_rejected_amendment_leaves_the_paper_adopted_as_printed() -> None:
    (entry,) = entries("votes", "amendment_vote")
    text = f"{entry['example']}\n\nAbstimmungsergebnis: 3:20:0\n\nBeschluss\n\nAbstimmungsergebnis: 28:2:3\n"
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == "adopted"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Antrag zur Sitzung des HWFA am 2. Juni 2016 / Offene Daten", [("HWFA", date(2016, 6, 2), None)]),
        ("Dringlichkeitsantrag der Ratsfraktionen für die Ratsversammlung am 22.08.2019",
         [("Ratsversammlung", date(2019, 8, 22), None)]),
        ("In der Gemeinderatsitzung vom 13.12.18 stellte die Fraktion", [("Gemeinderat", date(2018, 12, 13), None)]),
        ("Anträge zur 17. Stadtratssitzung am 15.06.2016", [("Stadtrat", date(2016, 6, 15), None)]),
        ("Die Stadtverordnetenversammlung möge beschließen:", [("Stadtverordnetenversammlung", None, "decision")]),
        ("Antrag für den Digitalausschuss", [("Digitalausschuss", None, "decision")]),
        ("Die SPD beantragt daher in der nächsten Stadtratssitzung, Hotspots zu installieren",
         [("Stadtrat", None, "decision")]),
        ("Beschlussfolge\n\nAbschließende Beschlussfassung in der Stadtverordnetenversammlung am 07.12.2017",
         [("Stadtverordnetenversammlung", date(2017, 12, 7), "decision")]),
        ("für die kommende Sitzung des Gemeinderates stellen wir zur weiteren Beratung im Ausschuss für Schule,"
         " Sport und Kultur folgenden Antrag:",
         [("Gemeinderat", None, "decision"), ("Ausschuss für Schule, Sport und Kultur", None, "preliminary")]),
        ("Antrag an den Ausschuss für Wirtschaft, Stadtentwicklung und Stadtmarketing am 16.05.2007, den"
         " Hauptausschuss am 06.06.2007 und an den Rat der Stadt am 11.06.2007",
         [("Ausschuss für Wirtschaft, Stadtentwicklung und Stadtmarketing", date(2007, 5, 16), None),
          ("Hauptausschuss", date(2007, 6, 6), None), ("Rat der Stadt", date(2007, 6, 11), None)]),
    ],
)  # fmt: skip
def test_the_sessions_a_paper_names_for_itself(printed: str, expected: list[tuple[str, object, object]]) -> None:
    found = consultations.intended(printed)
    assert [(c.body.name if c.body else None, c.date.value if c.date else None, c.role.value if c.role else None)
            for c in found] == expected  # fmt: skip


@pytest.mark.parametrize(
    "narrative",
    [
        "Die Beschlussfassung erfolgt im Stadtrat am 06.12.2017.",
        "Die Bezirksversammlung hat sich zuletzt im WAV am 12.10.16 mit der Thematik befasst.",
    ],
)
def test_a_session_told_as_history_is_not_one_the_paper_is_tabled_for(narrative: str) -> None:
    assert consultations.intended(narrative) == []


def test_a_dated_session_wins_over_an_undated_mention_of_the_same_body() -> None:
    text = "2. Stadtverordnetenversammlung am 27.11.2008\nDie Stadtverordnetenversammlung möge beschließen:\n"
    found = consultations.intended(text)
    assert len(found) == 1 and found[0].date is not None


def test_the_body_the_resolution_makes_act_decides() -> None:
    text = "Antrag zur Sitzung des HWFA am 2. Juni 2016\n\nDer HWFA beauftragt die Verwaltung, Daten zu öffnen."
    found = consultations.intended(text)
    consultations.mark_deciding(found, text, 0, len(text))
    assert [c.role.value if c.role else None for c in found] == ["decision"]


def test_a_recommending_committee_is_not_made_the_deciding_body() -> None:
    text = "Sitzung des Hauptausschusses\n\nDer Hauptausschuss empfiehlt dem Rat die Annahme."
    known = [Consultation(actors.body("Hauptausschuss", 0, 14), 0, 14)]
    consultations.mark_deciding(known, text, 0, len(text))
    assert known[0].role is None


def test_the_outcome_labelled_beside_the_body() -> None:
    text = "Gremium: Haushaltsausschuss Beschlussart: vertagt\nDatum: Do, 18.02.2016\nBeschluss\n\nText."
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == "postponed"
    assert found.body is not None and found.body.name == "Haushaltsausschuss"


def test_an_empty_vote_template_is_no_vote() -> None:
    text = "Beschluss: einstimmig beschlossen\nAbstimmung: Ja: 0, Nein: 0, Enthaltungen: 0\n"
    found = decisions.decision(text)
    assert found is not None and found.votes_for is None and found.abstentions is None
    assert found.result is not None and found.result.value == "adopted"


def test_an_answer_printed_with_the_inquiry_takes_the_date_of_the_print() -> None:
    text = (
        "Drucksache 21/17509 21. Wahlperiode 18.06.19 Schriftliche Kleine Anfrage des Abgeordneten"
        " vom 11.06.19 und Antwort des Senats Betr.: Breitbandausbau"
    )
    found = statements.answer(text, 0, len(text), Motion(0, len(text)))
    assert found is not None and found.date is not None and found.date.value == date(2019, 6, 18)


def test_a_statement_heading_names_its_author_where_no_letterhead_does() -> None:
    text = "Stellungnahme der Verwaltung:\n\nDer Live-Stream ist rechtlich zulässig, wenn alle einwilligen."
    found = statements.heading_author(text, 0, len(text))
    assert found is not None and found.name == "Verwaltung"


def test_a_recommendation_names_the_consulting_and_the_deciding_body() -> None:
    text = "II. Beschlussvorschlag:\n\nDer Finanzsenat empfiehlt der Vollsitzung folgende Beschlussfassung:\n"
    found = consultations.intended(text)
    assert [(c.body.name if c.body else None, c.role.value if c.role else None) for c in found] == [
        ("Finanzsenat", "preliminary"),
        ("Vollsitzung", "decision"),
    ]
    assert consultations.intended(text, recommended=False) == []


def test_a_sentence_under_an_empty_table_is_no_row() -> None:
    text = "Beratungsfolge\n\nII. Beschlussvorschlag:\n\nDer Finanzsenat empfiehlt der Vollsitzung:\n"
    assert consultations.flat_table(text) == []


def test_a_one_space_table_row_with_the_place_and_session_cells_and_the_agenda_item() -> None:
    text = (
        "Beratungsreihenfolge\nGremium Sitzung Sitzungsdatum ö / nö Beratungstyp TOP-Nr.\n"
        "Gemeinderat (Gemeinde Musterdorf) Sitzung des Gemeinderates 25.01.2023 ö beschließend 3\n"
        "Gemeinderat (Gemeinde Musterdorf) Sitzung des Gemeinderates 19.07.2023 ö beschließend 8\n"
    )
    rows = consultations.table(text)
    assert [(r.body.name if r.body else None, r.role.value if r.role else None) for r in rows] == [
        ("Gemeinderat", "decision"),
        ("Gemeinderat", "decision"),
    ]
    assert [r.agenda_item.value if r.agenda_item else None for r in rows] == ["3", "8"]
    assert all(r.public is not None and r.public.value for r in rows)


def test_a_session_label_that_prints_the_date_before_the_body() -> None:
    text = "Sitzung: 19.03.2015 Stadtverordnetenversammlung\nBeschluss: beschlossen mit Änderung\n"
    found = decisions.decision(text)
    assert found is not None and found.body is not None and found.body.name == "Stadtverordnetenversammlung"
    assert found.date is not None and found.date.value == date(2015, 3, 19)
    assert found.result is not None and found.result.value == "adopted-with-changes"


@pytest.mark.parametrize("entry", entries("outcomes", "marker"))
def test_each_decision_label_opens_a_decision_with_its_outcome(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == entry["outcome"]
    assert found.votes_for is not None


def test_a_recordings_time_mark_below_the_result_is_no_vote() -> None:
    text = "Beratungsergebnis: Kenntnis genommen\n\n1:36:49\n\nHerr Beispiel erläutert die Vorlage.\n"
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == "noted"
    assert (found.votes_for, found.votes_against, found.abstentions) == (None, None, None)


@pytest.mark.parametrize("entry", entries("outcomes", "line"))
def test_each_outcome_line_example_records_its_outcome(entry: dict[str, object]) -> None:
    text = f"Antrag der Fraktion\n{entry['example']}\n"
    found = decisions.decision(text)
    assert found is not None and found.result is not None and found.result.value == entry["outcome"]


@pytest.mark.parametrize("entry", entries("outcomes", "resolution"))
def test_a_resolution_printed_under_its_label_records_its_outcome(entry: dict[str, object]) -> None:
    found = decisions.decision(str(entry["example"]))
    assert found is not None and found.result is not None and found.result.value == entry["outcome"]


@pytest.mark.parametrize("entry", entries("outcomes", "resolution"))
def test_an_outcome_told_after_the_resolution_overrides_it(entry: dict[str, object]) -> None:
    found = decisions.decision(str(entry["told_after"]))
    assert found is not None and found.result is not None and found.result.value == entry["told_outcome"]


def test_a_resolution_that_opens_its_points_is_a_proposal_not_an_outcome() -> None:
    found = decisions.decision("Beschluss:\n\nDer Rat beschließt:\n1. Die Sitzungen werden übertragen.")
    assert found is not None and found.body is not None and found.result is None


def test_an_amendment_headed_with_its_agenda_item_gives_the_item_to_its_one_session() -> None:
    text = (
        "Änderungsantrag zu TOP 27 (Transparenz von Beschlüssen)\nDie Stadtverordnetenversammlung möge beschließen:\n"
    )
    known = consultations.intended(text)
    consultations.item_from_head(known, text, 0, len(text))
    assert [c.agenda_item.value if c.agenda_item else None for c in known] == ["27"]


def test_a_head_item_is_not_guessed_among_several_sessions() -> None:
    text = "Antrag zu TOP 4\nfür die Ratsversammlung am 22.08.2019 und an den Hauptausschuss am 12.09.2019\n"
    known = consultations.intended(text)
    assert len(known) == 2
    consultations.item_from_head(known, text, 0, len(text))
    assert all(c.agenda_item is None for c in known)


def test_the_council_named_twice_in_a_papers_head_is_one_session() -> None:
    text = "Antrag zur Sitzung Rates am 26. März 2015\n\nDer Rat der Stadt Remscheid möge beschließen:\n"
    (found,) = consultations.intended(text)
    assert found.body is not None and found.body.name == "Rat der Stadt Remscheid"
    assert found.date is not None and found.date.value == date(2015, 3, 26)
    assert found.role is not None and found.role.value == "decision"


def test_the_next_session_of_a_committee_is_the_one_a_paper_is_meant_for() -> None:
    text = "Die SPD-Fraktion stellt folgenden Antrag für den nächsten Hauptausschuss:\n"
    (found,) = consultations.intended(text)
    assert found.body is not None and found.body.name == "Hauptausschuss" and found.date is None


def test_an_answer_dated_after_the_number_it_carries() -> None:
    text = "Antwort des Bezirksamts Neukölln: KA/372/XXI vom 26.02.2026\nZu Frage 1: …"
    found = statements.answer(text, 0, len(text), Motion(0, len(text)))
    assert found is not None and found.date is not None and found.date.value == date(2026, 2, 26)


def test_a_faction_paper_lists_the_sessions_it_is_meant_for_one_body_a_line() -> None:
    text = "Städtischer Mängelmelder\n\nGemeinsamer Fraktionsantrag\nAusschuss für Feuerwehr und Ordnung: 29.08.2023\n"
    text += "Hauptausschuss: 06.09.2023\nRat: 13.09.2023\n\nBeschlussentwurf\nDer Rat beschließt:"
    found = consultations.dated_bodies(text)
    assert [(c.body.name if c.body else None, c.date.value if c.date else None) for c in found] == [
        ("Ausschuss für Feuerwehr und Ordnung", date(2023, 8, 29)),
        ("Hauptausschuss", date(2023, 9, 6)),
        ("Rat", date(2023, 9, 13)),
    ]


def test_a_single_dated_line_is_no_list_of_sessions() -> None:
    assert consultations.dated_bodies("Hauptausschuss: 06.09.2023\nDer Antrag wird begründet.") == []


@pytest.mark.parametrize("entry", entries("bodies", "not_a_name"))
def test_a_word_before_a_committee_is_not_part_of_its_name(entry: dict[str, object]) -> None:
    import re

    text = str(entry["example"])
    m = re.search(bodies.name_pattern(), text)
    assert m is not None and actors.body(m.group(0), m.start(), m.end()).name == entry["expect"]


@pytest.mark.parametrize("entry", entries("answers", "reported"))
def test_an_answer_reported_in_a_sentence_answers_an_inquiry_only(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    _answer_by(text, str(entry["author"]))
    assert statements.answer(text, 0, len(text), Motion(0, len(text)), headed=True) is None


@pytest.mark.parametrize(
    "entry", entries("answers", "announced") + entries("answers", "requested_report")
)
def test_an_answer_announced_by_its_author_before_a_colon_is_an_answer_even_beside_a_motion(
    entry: dict[str, object],
) -> None:
    text = str(entry["example"])
    _answer_by(text, str(entry["author"]), headed=True)
    assert statements.answer("Die Verwaltung führt aus, dass es geht.", 0, 39, Motion(0, 39), headed=True) is None


@pytest.mark.parametrize("entry", entries("answers", "recommended"))
def test_a_recommendation_reported_in_a_record_is_a_position_with_its_stance(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    for headed in (False, True):
        found = _answer_by(text, str(entry["author"]), headed=headed)
        assert found.stance is not None and found.stance.value == entry["stance"]
    committee = "Der Haupt- und Finanzausschuss empfiehlt die Ablehnung des Antrages."
    assert statements.answer(committee, 0, len(committee), Motion(0, len(committee)), headed=True) is None


@pytest.mark.parametrize("entry", entries("answers", "commissioned"))
def test_a_letter_that_answers_on_behalf_of_an_authority_is_its_answer_signed_by_the_writer(
    entry: dict[str, object],
) -> None:
    text = str(entry["example"])
    found = _answer_by(text, str(entry["author"]))
    assert [m.name for m in found.signatories] == [entry["signatory"]]
    graph = graph_of("Anfrage RA-301/2021: Stellen im Bildungsmanagement\n\n" + text, city="Chemnitz", name="ra.txt")
    (inquiry,) = graph.subjects(CG.kind, None)
    assert list(graph.objects(inquiry, CG.signedBy)) == []


def _bodies_and_dates(rows: list[Consultation]) -> list[tuple[str | None, str | None]]:
    return [(r.body.name if r.body else None, str(r.date.value) if r.date else None) for r in rows]


def test_a_table_of_header_cells_one_a_line_is_read_with_its_ticks_skipped() -> None:
    text = (
        "Vorlage zur Beratung/Beschlussfassung\nGremium\nTOP\nö. Sitzung\nnö. Sitzung\nTermin\n"
        "Haupt- und Finanzausschuss\nX\n11.09.2012\nRat\nX\n25.09.2012\nBetreff\nWLAN im Ratssaal\n"
    )
    assert _bodies_and_dates(consultations.flat_table(text)) == [
        ("Haupt- und Finanzausschuss", "2012-09-11"),
        ("Rat", "2012-09-25"),
    ]


def test_a_table_laid_out_column_after_column_pairs_each_body_with_its_date() -> None:
    text = (
        "Sitzungsvorlage für den Haupt- und Finanzausschuss Sanierungs- und Entwicklungsausschuss Rat "
        "14.04.2016 11.05.2016 29.06.2016 Einführung eines Dokumentenmanagementsystems"
    )
    assert _bodies_and_dates(consultations.column_table(text)) == [
        ("Haupt- und Finanzausschuss", "2016-04-14"),
        ("Sanierungs- und Entwicklungsausschuss", "2016-05-11"),
        ("Rat", "2016-06-29"),
    ]
    assert consultations.column_table(text.replace(" Rat ", " Rat der Stadt ")) == []


def test_committees_listed_with_their_votes_are_consultations_with_counts() -> None:
    text = (
        "Der vorgelegte Antrag wurde in den Fachausschüssen wie folgt abgestimmt:\n\n"
        "Kulturausschuss                     7 Ja-Stimmen und 1 Enthaltung\n\n"
        "Umweltausschuss:  5 Ja-Stimmen, 2 Nein-Stimmen\n\nDie Kosten betragen 100 Euro: 12 Monate lang.\n"
    )
    rows = consultations.voted_bodies(text)
    assert [(r.body.name if r.body else None, r.votes_for.value if r.votes_for else None) for r in rows] == [
        ("Kulturausschuss", 7),
        ("Umweltausschuss", 5),
    ]
    assert rows[0].abstentions is not None and rows[0].abstentions.value == 1


@pytest.mark.parametrize("entry", entries("outcomes", "recommendation"))
def test_the_last_committee_that_settled_a_paper_decided_it_unless_it_only_recommends(
    entry: dict[str, object],
) -> None:
    from ingest.genres import papers

    def roles(text: str) -> list[str | None]:
        committee = Consultation(actors.body("Bau- und Umweltausschuss", 0, 5), 0, 5)
        committee.result = Spanned("adopted", 0, 5)
        paper = Motion(start=0, end=len(text))
        paper.consultations.append(committee)
        papers.infer_roles(paper, text)
        return [c.role.value if c.role else None for c in paper.consultations]

    assert roles("Beschluss: Die Verwaltung wird beauftragt. Dafür: 9, Dagegen: 0") == ["decision"]
    assert roles(str(entry["example"])) == ["preliminary"]


def test_a_paper_with_a_vorlages_section_under_a_tab_name_is_the_administrations() -> None:
    from ingest.genres import papers

    text = "Bayern Wlan; Standortwahl\n\nSachverhalt Bürger\n\nDer Markt beabsichtigt, freies WLAN anzubieten.\n"
    kind = papers.administration_kind(Motion(0, len(text)), text)
    assert kind is not None and kind.value == "draft-resolution"


@pytest.mark.parametrize("entry", entries("outcomes", "told"))
def test_each_told_decision_example_names_its_body_and_outcome(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    (found,) = told.decisions(text, 0, len(text), subject=entry["voice"] == "subject")
    assert found.body is not None and found.body.name == entry["body"]
    assert found.result is not None and found.result.value == entry["outcome"]


def test_the_counts_that_open_a_told_decisions_sentence_are_its_votes() -> None:
    text = "Bürgerwindpark: Mit zwei Gegenstimmen und einer Enthaltung votierte der Rat für den Satzungsbeschluss."
    (found,) = told.decisions(text, 0, len(text))
    counts = (found.votes_for, found.votes_against, found.abstentions)
    assert [None if c is None else c.value for c in counts] == [None, 2, 1]


@pytest.mark.parametrize("entry", entries("dating", "session"))
def test_a_report_of_one_session_dates_the_decisions_it_tells(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    day = told.session_day(text)
    assert day is not None and day.value.isoformat() == entry["date"]
    (found,) = told.decisions(text, 0, len(text), subject=True)
    assert found.date is None  # the sentence that tells the decision prints no date
    told.date_from_the_session([found], text)
    assert found.date is not None and found.date.value.isoformat() == entry["date"]
    two_days = text + "\n\nIn der Sitzung vom 1. Februar 2011 ging es um den Haushalt."
    assert told.session_day(two_days) is None  # two sessions: the day is not known


def test_a_session_is_held_only_where_the_word_is_whole() -> None:
    """ "vertagte" holds "tagte", "Stadtrat zu seiner" holds "trat zu seiner": neither tells a session held."""
    text = (
        "Am 3. Mai 2021 vertagte der Rat den Punkt. Im Stadtrat zu seiner Zeit war das anders.\n\n"
        "Die Sitzung vom 5. Mai 2021 brachte den Beschluss."
    )
    day = told.session_day(text)
    assert day is not None and day.value == date(2021, 5, 5)


def test_a_session_the_text_looks_back_on_dates_nothing() -> None:
    text = "In der Stadtverordnetenversammlung am 16.11.2017 haben wir bereits einen Antrag gestellt."
    assert told.session_day(text) is None
    assert told.session_day(text.replace(" bereits", "")) is not None


def _told_session(head: str) -> tuple[str | None, date | None]:
    """The body and the day of the one session a head tells of in prose."""
    (session,) = told.told_session(head, 0, len(head))
    return (session.body.name if session.body else None, session.date.value if session.date else None)


def test_minutes_told_in_prose_take_the_session_of_their_one_council_and_day() -> None:
    head = "Gemeindevertretung: Die Sitzung vom 29.06.\n\nAm 29.06.2022 tagte die 35. Sitzung der Gemeindevertretung.\n"
    assert _told_session(head) == ("Gemeindevertretung", date(2022, 6, 29))
    two_bodies = head + "Auch der Kreistag tagte am selben Tag.\n"
    assert told.told_session(two_bodies, 0, len(two_bodies)) == []  # which body's session: not known
    undated = head.replace("Am 29.06.2022 tagte", "Es tagte")
    assert told.told_session(undated, 0, len(undated)) == []


def test_a_council_that_heads_the_line_over_the_sessions_day_is_one_council() -> None:
    """ "Gemeinderat⏎Sitzung vom 07.05.2025": the council's name does not run on into the next line's
    heading, so the page names one council, not two."""
    head = "Gemeinderat\nSitzung vom 07.05.2025\nDie Sitzung des Gemeinderates wurde vom Bürgermeister eröffnet.\n"
    assert _told_session(head) == ("Gemeinderat", date(2025, 5, 7))


def test_minutes_whose_head_names_one_council_and_no_day_are_of_that_councils_session() -> None:
    head = "II. Sitzung des Gemeinderates\nDer Bürgermeister eröffnet die Sitzung und begrüßt die Anwesenden.\n"
    assert told.told_session(head, 0, len(head)) == []  # no day: no session told in prose
    (session,) = told.told_session(head, 0, len(head), undated=True)
    assert session.body is not None and session.body.name == "Gemeinderat" and session.date is None
    minutes = head + (
        "| TOP 3: | Einführung der Umsatzsteuer für Gemeinden |\nDer Kämmerer erläutert die Vorlage.\n"
        "Abstimmungsergebnis: einstimmig angenommen\n"
        "| TOP 4: | Genehmigung der Niederschrift |\nDie Niederschrift wird genehmigt.\n"
    )
    graph = graph_of(minutes, city="Ensdorf", name="niederschrift.txt")
    consulted = list(graph.subjects(RDF.type, CG.Consultation))
    assert consulted and {str(graph.value(graph.value(c, CG.body), RDFS.label)) for c in consulted} == {"Gemeinderat"}


@pytest.mark.parametrize("entry", entries("outcomes", "paper_passive"))
def test_a_papers_outcome_told_without_its_body_is_the_body_named_before(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    (found,) = told.paper_passive(text, 0, len(text))
    assert found.body is not None and found.body.name == entry["body"]
    assert text[found.body.start : found.body.end] == entry["body"]
    assert found.result is not None and found.result.value == entry["outcome"]
    alone = text[text.index(str(entry.get("paper", "Der Antrag"))) :]
    assert told.paper_passive(alone, 0, len(alone)) == []  # no body named: none is guessed


def test_a_papers_outcome_told_in_the_passive_where_no_body_is_named_is_a_decision_of_a_body_left_open() -> None:
    """A report that names no body before "Der SPD-Antrag wurde … abgelehnt" still tells the paper's
    outcome: a consultation whose body is left open, not none at all (and not a guessed body)."""
    text = (
        "Livestream aus dem Sitzungssaal\n\nDie SPD-Fraktion hatte ein Konzept für Übertragungen beantragt. "
        "Der SPD-Antrag wurde letztlich mit den Stimmen der CDU-Mehrheit abgelehnt.\n"
    )
    (found,) = told.paper_passive(text, 0, len(text), unnamed=True)
    assert found.body is None and found.result is not None and found.result.value == "rejected"
    graph = graph_of(text, city="Hövelhof", name="report.txt")
    (consultation,) = graph.subjects(RDF.type, CG.Consultation)
    assert str(graph.value(consultation, CG.result)).endswith("rejected")
    assert graph.value(consultation, CG.body) is None


@pytest.mark.parametrize(
    ("text", "result", "counts"),
    [
        ("Die Stadtvertretung tagte. Mit 18 Nein- und 12 Ja-Stimmen wurde der Antrag abgelehnt.", "rejected", (12, 18)),
        ("Der Stadtrat tagte. Mit 24:1 Stimmen abgelehnt wurde der Antrag von Werner Falk.", "rejected", (1, 24)),
        ("Der Stadtrat tagte. Einstimmig wurde der Antrag beschlossen.", "adopted", (None, None)),
    ],
)
def test_a_papers_outcome_told_with_the_verb_before_the_paper(
    text: str, result: str, counts: tuple[int | None, int | None]
) -> None:
    (found,) = told.paper_passive(text, 0, len(text))
    assert found.body is not None and text[found.body.start : found.body.end] in ("Stadtvertretung", "Stadtrat")
    assert found.result is not None and found.result.value == result
    assert (found.votes_for and found.votes_for.value, found.votes_against and found.votes_against.value) == counts


def test_a_decision_told_before_the_paper_was_written_is_history() -> None:
    text = "Bereits am 22. Mai 2012 hat der Rat auf Antrag der CDU-Fraktion einstimmig beschlossen, Tablets zu kaufen."
    assert [c.date.value for c in told.decisions(text, 0, len(text)) if c.date] == [date(2012, 5, 22)]
    assert told.decisions(text, 0, len(text), written=date(2017, 2, 1)) == []


def test_a_told_decision_that_a_history_word_dates_earlier_is_not_the_reported_one() -> None:
    (entry,) = entries("outcomes", "history")
    text = str(entry["example"])
    assert told.decisions(text, 0, len(text), subject=True) == []
    plain = text.replace("bereits ", "")
    assert [c.body.name for c in told.decisions(plain, 0, len(plain), subject=True) if c.body] == ["Rat"]


def test_a_told_decision_reads_the_manner_of_the_vote_between_body_and_outcome() -> None:
    text = "Das hat der Rat in seiner jüngsten Sitzung mehrheitlich - mit zwei Gegenstimmen - beschlossen."
    (found,) = told.decisions(text, 0, len(text))
    assert found.body is not None and found.body.name == "Rat"
    assert found.result is not None and found.result.value == "adopted"


def test_a_told_decision_before_every_listed_session_is_history() -> None:
    text = "Ihre Geschäftsordnung hat die Stadtverordnetenversammlung am 23.09.2021 beschlossen."
    known = [Consultation(actors.body("Hauptausschuss", 0, 14), 0, 14, date=Spanned(date(2023, 5, 24), 0, 1))]
    told.add(known, told.decisions(text, 0, len(text)))
    assert len(known) == 1


def test_the_passive_form_alone_records_a_dated_decision_in_minutes() -> None:
    history = "In seiner Sitzung am 17. November 2016 hat der Hauptausschuss beschlossen, jährlich zu berichten."
    assert decisions.decision(history) is None
    assert told.decisions(history, 0, len(history))  # read only where nothing else records a decision


def test_the_reported_example_names_its_body() -> None:
    (entry,) = entries("outcomes", "reported")
    text = str(entry["example"])
    (found,) = told.reported(text, 0, len(text))
    assert found.body is not None and found.body.name == entry["body"]


def test_a_body_a_group_sits_in_is_not_one_that_treats_the_paper() -> None:
    (entry,) = entries("outcomes", "reported")
    text = str(entry["member_example"])
    assert told.reported(text, 0, len(text)) == []
    treated = text.replace("Die SPD-Fraktion im Gemeinderat Molbergen", "Die SPD-Fraktion").replace(
        "eingebracht", "im Gemeinderat eingebracht"
    )
    (found,) = told.reported(treated, 0, len(treated))
    assert found.body is not None and found.body.name == "Gemeinderat"


def test_a_report_sentence_about_no_paper_names_no_consultation() -> None:
    text = "Sie möchten wissen, was im Stadtrat passiert, welche Themen behandelt werden."
    assert told.reported(text, 0, len(text)) == []


def test_a_report_takes_the_outcome_of_its_sentence_and_the_one_body_it_names_decides() -> None:
    text = "Monheim bekommt WLAN. Das beschloss die Mehrheit jetzt im Finanzausschuss. CDU und Grüne waren dagegen."
    known: list[Consultation] = []
    told.add(known, told.reported(text, 0, len(text)))
    assert [(c.body.name if c.body else None, c.result.value if c.result else None) for c in known] == [
        ("Finanzausschuss", "adopted")
    ]
    assert known[0].role is not None and known[0].role.value == "decision"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Der Rat der Stadt Löhne beauftragt die Stadtverwaltung zu prüfen, wie WLAN realisiert werden kann.",
         [("Rat der Stadt Löhne", "decision")]),
        ("Beschlussvorschlag:\nDer Bauausschuss nimmt den Sachstandsbericht zur Kenntnis.",
         [("Bauausschuss", "acknowledgement")]),
        ("Begründung:\nDer Rat beschloss 2015, das Netz auszubauen.", []),
        ("Der Hauptausschuss empfiehlt dem Rat die Annahme.", []),
    ],
)
def test_the_body_a_papers_proposal_makes_act_is_asked_to_decide(
    printed: str, expected: list[tuple[str, str]]
) -> None:
    known: list[Consultation] = []
    consultations.add_proposed(known, printed, 0, len(printed))
    assert [(c.body.printed if c.body else None, c.role.value if c.role else None) for c in known] == expected


def test_a_beratungsfolge_lists_every_step_itself_so_the_proposal_adds_none() -> None:
    text = "Der Rat beschließt die Satzung."
    known = [Consultation(actors.body("Hauptausschuss", 0, 14), 0, 14, in_sequence=True)]
    consultations.add_proposed(known, text, 0, len(text))
    assert len(known) == 1


def test_a_row_whose_gremium_cell_names_the_session_is_the_bodys() -> None:
    text = (
        "Beratungsreihenfolge\nGremium Sitzung Sitzungsdatum ö / nö Beratungstyp TOP-Nr.\n"
        "Gemeinderatssitzung 50. Gemeinderatssitzung 25.01.2024 ö beschließend 7\n\nSachverhalt\n"
    )
    (row,) = consultations.table(text)
    assert row.body is not None and row.body.name == "Gemeinderat"
    assert row.date is not None and row.date.value == date(2024, 1, 25)


def test_the_session_an_agenda_item_is_shown_from_with_its_number() -> None:
    text = "Einführung RIS\nDaten angezeigt aus Sitzung:\n10. Sitzung des Gemeinderates, 09.03.2021\n"
    (found,) = consultations.shown_session(text)
    assert found.body is not None and found.body.name == "Gemeinderat"
    assert found.date is not None and found.date.value == date(2021, 3, 9)


def test_the_words_before_a_body_say_whether_its_session_is_public() -> None:
    text = "Der Antrag wird in der nächsten öffentlichen Sitzung des Ausschusses für Wirtschaft beraten."
    start = text.index("Ausschusses")
    known = [Consultation(actors.body("Ausschusses für Wirtschaft", start, start + 26), start, start + 26)]
    consultations.mark_public_from_prose(known, text)
    assert known[0].public is not None and known[0].public.value is True
    closed = text.replace("öffentlichen", "nicht öffentlichen")
    start = closed.index("Ausschusses")
    known = [Consultation(actors.body("Ausschusses für Wirtschaft", start, start + 26), start, start + 26)]
    consultations.mark_public_from_prose(known, closed)
    assert known[0].public is not None and known[0].public.value is False


def _bodies_and_results(found: list[Consultation]) -> list[tuple[str | None, str | None]]:
    return [(c.body.name if c.body else None, c.result.value if c.result else None) for c in found]


def test_a_report_names_the_council_by_its_session() -> None:
    text = "Die Arbeit soll digitaler werden. Das beschlossen die Bürgervertreter im Rahmen einer Gemeinderatssitzung."
    assert _bodies_and_results(told.reported(text, 0, len(text))) == [("Gemeinderat", "adopted")]


def test_an_extracts_header_names_its_session_whatever_came_of_it() -> None:
    text = (
        "Auszug - Einwohnerfragestunde\n\nSitzung der Gemeindevertretung Musterdorf\nTOP: Ö 4\n"
        "Gremium: Gemeindevertretung Musterdorf Beschlussart: (offen)\n"
        "Datum: Do, 30.03.2023 Status: öffentlich\n\nHerr Fedder erkundigt sich nach dem Breitband.\n"
    )
    (session,) = decisions.header_session(text)
    assert session.body is not None and session.body.name == "Gemeindevertretung Musterdorf"
    assert session.date is not None and session.date.value.isoformat() == "2023-03-30"
    assert session.agenda_item is not None and session.agenda_item.value == "Ö 4"
    undated = text.replace("Datum: Do, 30.03.2023 ", "")
    assert decisions.header_session(undated) == []  # a body without a date names no session


@pytest.mark.parametrize(
    ("body", "printed", "result", "role"),
    [
        ("Gemeindevertretung Musterdorf", "geändert beschlossen", "adopted-with-changes", "decision"),
        ("Gemeindevertretung Musterdorf", "abgelehnt", "rejected", "decision"),
        ("Sportausschuss", "mit Änderungen im Ausschuss beschlossen", "adopted-with-changes", "preliminary"),
    ],
)
def test_an_extracts_header_gives_the_outcome_its_label_prints(body: str, printed: str, result: str, role: str) -> None:
    text = (
        f"öffentliche Sitzung\nTOP: Ö 18 Beschluss:FV-2021/872\nGremium: {body} Beschlussart: {printed}\n"
        "Datum: Mo, 19.04.2021 Status: öffentlich/nichtöffentlich\n\nHerr Seiler begründet den Antrag.\n"
    )
    (session,) = decisions.header_session(text)
    assert session.result is not None and session.result.value == result
    assert session.role is not None and session.role.value == role  # a committee's extract recommends


def test_a_decision_told_with_the_body_closing_the_sentence_is_read() -> None:
    text = "Die Gemeinde schließt einen Vertrag mit der Telekom und stellt den Förderantrag, beschloss der Gemeinderat."
    assert _bodies_and_results(told.decisions(text, 0, len(text))) == [("Gemeinderat", "adopted")]


def test_a_report_tells_the_body_that_treated_the_paper_after_its_verb() -> None:
    text = "Diesen und andere Punkte des Antrags diskutierte der Haupt- und Finanzausschuss in seiner jüngsten Sitzung."
    assert [c.body.name for c in told.reported(text, 0, len(text)) if c.body] == ["Haupt- und Finanzausschuss"]


def test_an_answer_a_report_tells_by_a_verb_of_denial_is_the_administrations() -> None:
    text = "Anfrage der CDU\nDie CDU fragte, ob samstags geöffnet werde. Dies verneinte die Verwaltung knapp."
    _answer_by(text, "Verwaltung")


@pytest.mark.parametrize(
    ("line", "body"), [("Sitzung: 15.01.2020 Stadtrat", "Stadtrat"), ("Sitzung:15.01.2020   SR/010/2020", None)]
)
def test_an_agenda_items_session_line_names_the_session_by_its_date(line: str, body: str | None) -> None:
    text = f"Tagesordnungspunkt\n\nTOP Ö 8: Freies WLAN am Rathaus\n\n{line}\n\nHerr Meier erläutert den Antrag.\n"
    (found,) = decisions.header_session(text)
    assert found.date is not None and found.date.value == date(2020, 1, 15)
    assert (found.body.name if found.body else None) == body


def test_a_decision_recorded_under_a_session_line_is_that_sessions() -> None:
    text = "Sitzung:25.06.2020   SR/007/2020\nBeschluss: Mehrheitlich abgelehnt.\n\nDer Stadtrat lehnt den Antrag ab.\n"
    known = decisions.header_session(text)
    found = decisions.read(text)
    assert found is not None and found.consultation.body is not None
    decisions.attach(known, found)
    (consultation,) = known
    assert consultation.body is not None and consultation.body.name == "Stadtrat"
    assert consultation.result is not None and consultation.result.value == "rejected"


def test_a_headers_agenda_item_in_the_public_part_makes_the_session_public() -> None:
    text = "TOP: Ö 4\nGremium: Stadtvertretung der Hansestadt Anklam Beschlussart: (offen)\nDatum: Do, 30.03.2023\n"
    (found,) = decisions.header_session(text)
    assert found.agenda_item is not None and found.agenda_item.value == "Ö 4"
    assert found.public is not None and found.public.value is True
    (closed,) = decisions.header_session(text.replace("Ö 4", "N 4"))
    assert closed.public is not None and closed.public.value is False


@pytest.mark.parametrize(
    ("head", "item", "public"),
    [
        ("TOP 12 - Livestream-Übertragungen der Sitzungen: Antrag der FWV (öffentlich)", "12", True),
        ("TOP Ö 4: BayernWLAN und Public WiFi in der Gemeinde", "Ö 4", True),
        ("TOP 1: Projektstart – Glasfaser für Telgte", "1", None),
        ("TOP NÖ 3: Vergabe der Tiefbauarbeiten", "NÖ 3", False),
    ],
)
def test_a_page_headed_by_its_agenda_item_was_treated_under_it(head: str, item: str, public: bool | None) -> None:
    text = head + "\nSachvortrag:\nDie Verwaltung hat den Antrag geprüft.\n"
    found = consultations.item_page(text, 0, len(text))
    assert found is not None and found.body is None and found.date is None
    assert found.agenda_item is not None and found.agenda_item.value == item
    assert (found.public.value if found.public else None) is public


def test_a_standing_item_or_an_item_in_running_text_heads_no_page() -> None:
    for text in ("TOP Ö 2: Feststellung der Tagesordnung\n", "Der Antrag wurde unter TOP 4: Glasfaser beraten.\n"):
        assert consultations.item_page(text, 0, len(text)) is None



def test_a_committees_name_wraps_onto_the_next_line_but_never_across_a_blank_one() -> None:
    pattern = re.compile(bodies.name_pattern())
    letter = "zur nächsten Sitzung des Ausschusses für Stadtentwicklung und Liegenschaften\n\nSehr geehrte Damen"
    m = pattern.search(letter)
    assert m is not None and m.group(0) == "Ausschusses für Stadtentwicklung und Liegenschaften"
    wrapped = "Sitzung des Ausschusses für Stadtentwicklung und\nLiegenschaften am 3. Mai"
    m = pattern.search(wrapped)
    assert m is not None and m.group(0).split() == ["Ausschusses", "für", "Stadtentwicklung", "und", "Liegenschaften"]


@pytest.mark.parametrize(
    ("text", "tag"),
    [("Livestream-Sitzungen des Stadtrats\nabgelehnt\nWir fordern die Übertragung.\n", "rejected"),
     ("Freies WLAN\n- beschlossen -\nDer Antrag der Fraktion.\n", "adopted"),
     ("Freies WLAN\nDer Antrag wurde später abgelehnt, wie wir hörten.\n", None)],
)  # fmt: skip
def test_an_outcome_alone_on_a_line_of_the_pages_head_tags_the_papers_fate(text: str, tag: str | None) -> None:
    found = consultations.status_tag(text, 0, len(text))
    assert (found.value if found else None) == tag


def test_a_report_names_the_body_that_voted_in_a_sentence_with_a_day_and_its_month() -> None:
    text = "Nur die antragstellende Fraktion selbst stimmte bei der Sitzung des Gemeinderats am 14. Juni dafür."
    (found,) = told.reported(text, 0, len(text))
    assert found.body is not None and found.body.name == "Gemeinderat"


def test_a_gremium_label_names_a_body_whatever_its_words() -> None:
    text = (
        "TOP: Ö 5.1\nGremium: Haushalt, Personal und Rechnungsprüfung Beschlussart: mit Änderungen im Ausschuss "
        "beschlossen\nDatum: Do, 01.11.2012 Status: öffentlich\n"
    )
    (session,) = decisions.header_session(text)
    assert session.body is not None and session.body.name == "Haushalt, Personal und Rechnungsprüfung"
    assert session.agenda_item is not None and session.agenda_item.value == "Ö 5.1"


def test_a_position_printed_on_a_paper_of_no_known_kind_is_a_statement_on_it() -> None:
    text = (
        "Die Verwaltung\nnimmt wie folgt Stellung:\nZu 1. Bereitstellung von städtischen Gebäuden als Standorte"
        " für WLAN-Router.\nNach Prüfung können Router auf städtischen Bauwerken aufgestellt werden.\n"
    )
    graph = graph_of(text, city="Mainz", name="stellungnahme.txt")
    (statement,) = graph.subjects(RDF.type, CG.Statement)
    (paper,) = graph.objects(statement, CG.about)
    (author,) = graph.objects(statement, CG.author)
    assert (paper, RDF.type, CG.Motion) in graph and str(graph.value(author, RDFS.label)) == "Verwaltung"


def test_a_report_printed_under_the_councils_request_is_the_administrations_where_the_request_names_no_one() -> None:
    unasked = "Die BVV hat beschlossen:\nFreies WLAN.\n\nHierzu wird Folgendes berichtet:\nEs geht nicht."
    found = statements.answer(unasked, 0, len(unasked), Motion(0, len(unasked)), headed=True)
    assert found is not None and found.author is not None and found.author.name == "Verwaltung"
    reported = "Das Bezirksamt wird ersucht, WLAN einzurichten. Hierzu wird berichtet, dass es geht."
    assert statements.answer(reported, 0, len(reported), Motion(0, len(reported)), headed=True) is None


def test_a_request_to_take_note_in_an_answers_heading_is_not_its_stance() -> None:
    text = "Antrag\nDas Bezirksamt teilt hierzu mit der Bitte um Kenntnisnahme mit:\nDer Beschluss ging an den Senat."
    found = _answer_by(text, "Bezirksamt", headed=True)
    assert found.stance is None


def _kinds(text: str, city: str, name: str = "top.txt") -> list[str]:
    """The kinds of the papers extracted from `text`, as slugs."""
    graph = graph_of(text, city=city, name=name)
    return [str(kind).rsplit("/", 1)[-1] for kind in graph.objects(None, CG.kind)]


def test_a_decision_recorded_on_a_paper_no_one_put_forward_is_on_the_administrations_draft_resolution() -> None:
    def kinds(text: str) -> list[str]:
        return _kinds(text, "Rheine")

    page = (
        "Beratungsergebnis: einstimmig beschlossen\n\nFrau Gehrke stellt dar, dass 290 Endgeräte vorhanden seien.\n\n"
        "Beschluss:\n\n1. Der Schulausschuss nimmt die Planung für das Jahr 2021 zur Kenntnis.\n"
    )
    assert kinds(page) == ["draft-resolution"]
    untreated = "Beschluss:\n\nDas Bürgerbegehren ist unzulässig. Der Gemeinderat begründet das so: Es ist unklar.\n"
    assert kinds(untreated) == ["draft-resolution"]
    moved = "Die SPD-Fraktion beantragt freies WLAN.\n\nBeschluss:\n\nDer Gemeinderat stimmt zu. Einstimmig.\n"
    assert kinds(moved) == ["motion"]


def test_a_motion_only_the_mayor_puts_forward_is_the_administrations_draft_resolution() -> None:
    def kinds(text: str) -> list[str]:
        return _kinds(text, "Coswig (Anhalt)", "report.txt")

    mayors = (
        "In den Ausschusssitzungen wird auch ein Antrag von Bürgermeister Axel Clauß (parteilos) diskutiert. "
        "Er strebt eine Ehrennadel der Stadt an.\n"
    )
    assert kinds(mayors) == ["draft-resolution"]
    councillors = (
        "In den Ausschusssitzungen wird auch ein Antrag von Stadtrat Axel Clauß (parteilos) diskutiert. "
        "Er strebt eine Ehrennadel der Stadt an.\n"
    )
    assert kinds(councillors) == ["motion"]


def test_a_motions_draft_of_the_resolution_is_a_section_not_a_draft_resolution() -> None:
    text = (
        "Städtischer Mängelmelder\n\nGemeinsamer Fraktionsantrag\nHauptausschuss: 06.09.2023\nRat: 13.09.2023\n\n"
        "Beschlussentwurf\nDie Verwaltung wird beauftragt, einen städtischen Mängelmelder einzuführen.\n"
    )
    assert _kinds(text, "Mönchengladbach", "antrag.txt") == ["motion"]


def test_a_page_that_opens_with_its_papers_kind_line_names_no_session_by_naming_a_council() -> None:
    motion = (
        "Antrag der Freien Wähler auf Ergänzung der Geschäftsordnung des Stadtrates\n\n"
        "Die Geschäftsordnung des Stadtrates wird so ergänzt, dass Anfragen binnen vier Wochen beantwortet werden.\n"
    )
    graph = graph_of(motion, city="Lichtenfels", name="antrag.txt")
    assert list(graph.subjects(RDF.type, CG.Consultation)) == []
    report = "Stadtrat vertagt Antrag\n\n" + motion.split("\n\n", 1)[1] + "Der Stadtrat vertagte die Entscheidung.\n"
    assert len(list(graph_of(report, city="Lichtenfels", name="bericht.txt").subjects(RDF.type, CG.Consultation))) == 1


def test_a_consultation_under_the_heading_of_the_sessions_public_part_was_public() -> None:
    text = (
        "Öffentliche Sitzung, 19:00 Uhr bis 21:20 Uhr\nNichtöffentliche Sitzung, 21:20 Uhr bis 23:15 Uhr\n"
        "Öffentliche Sitzung\n\nGemeinderat 26.03.2019 beschließend\n"
    )
    known = [Consultation(None, text.index("Gemeinderat"), text.index("Gemeinderat") + 11)]
    consultations.public_from_part_heading(known, text, 0, len(text))
    assert known[0].public is not None and known[0].public.value is True
    closed = text.replace("Öffentliche Sitzung\n\n", "Nicht öffentlicher Teil\n\n")
    known = [Consultation(None, closed.index("Gemeinderat"), closed.index("Gemeinderat") + 11)]
    consultations.public_from_part_heading(known, closed, 0, len(closed))
    assert known[0].public is not None and known[0].public.value is False
    # the head of a session page that lists both parts with their times heads neither
    head_only = text.replace("Öffentliche Sitzung\n\n", "")
    known = [Consultation(None, head_only.index("Gemeinderat"), head_only.index("Gemeinderat") + 11)]
    consultations.public_from_part_heading(known, head_only, 0, len(head_only))
    assert known[0].public is None


def test_the_day_an_inquiry_was_received_is_not_its_answers_date() -> None:
    text = (
        "Drucksache 17 / 14 553 Schriftliche Anfrage des Abgeordneten Erna Beispiel (GRÜNE) vom 15. September 2014 "
        "(Eingang beim Abgeordnetenhaus am 16. September 2014) und Antwort Freies WLAN in Berlin. Im Namen des Senats "
        "von Berlin beantworte ich Ihre Schriftliche Anfrage wie folgt: 1. Ja."
    )
    found = _answer_by(text, "Senat")
    assert found.date is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Herr StR Winkler fragt, ob der ADFC mitwirkt. Frau berufsm. StRin Wüstner antwortet, dass ja.", "Wüstner"),
        ("Herr StR Müller fragt nach den Kosten. Herr Bürgermeister Babo erklärt, dass sie gering sind.",
         "Bürgermeister"),
    ],
)
def test_an_answer_given_aloud_is_by_the_member_as_printed_or_by_the_administrations_office(
    text: str, author: str
) -> None:
    _answer_by(text, author)


@pytest.mark.parametrize(
    ("text", "body", "result"),
    [
        ("SPD-Antrag zur schnellen, flächendeckenden Breitbandversorgung findet Zustimmung im Rat.", "Rat", "adopted"),
        (
            "In den beiden letzten Gemeinderatsitzungen wurden vier Anträge der CDU-Fraktion mit der Mehrheit des "
            "Gemeinderats angenommen.",
            "Gemeinderat",
            "adopted",
        ),
        ("Dies empfahl der Technische Ausschuss dem Gemeinderat am Mittwoch einstimmig.", "Technische Ausschuss", None),
    ],
)
def test_a_report_tells_a_body_agreeing_or_recommending(text: str, body: str, result: str | None) -> None:
    (found, *_) = told.reported(text, 0, len(text))
    assert found.body is not None and found.body.name == body
    assert (found.result.value if found.result else None) == result


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("Lorsch. Der Kultur- und Sozialausschuss trifft sich heute zur öffentlichen Sitzung.", True),
        ("Am Ende des öffentlichen Teils verabschiedete sich der Bürgermeister vom Stadtrat.", True),
        ("Der Stadtrat tagt. Im öffentlichen Teil geht es um Glasfaser, im nichtöffentlichen um Grundstücke.", None),
        ("Der Stadtrat tagt am Montag.", None),
    ],
)
def test_a_page_that_calls_its_one_session_public_marks_it(text: str, public: bool | None) -> None:
    name = "Kultur- und Sozialausschuss" if "ausschuss" in text else "Stadtrat"
    start = text.index(name)
    session = Consultation(actors.body(name, start, start + len(name)), start, start + len(name))
    consultations.mark_public_from_prose([session], text)
    assert (session.public.value if session.public else None) == public


@pytest.mark.parametrize(
    ("text", "body", "day"),
    [
        (
            "Die wichtigsten Infos aus der vergangenen Ratssitzung\n\nDie Sitzung fand am 23.09.2025 statt. "
            "Die Fraktion der Grünen stellte ihren Antrag zum Radweg vor.",
            "Rat",
            date(2025, 9, 23),
        ),
        ("Im Gemeinderat stellte die SPD am Montag ihren Antrag auf ein Jugendforum vor.", "Gemeinderat", None),
        (
            "Der Bauausschuss hatte den Antrag vorberaten. Der Stadtrat diskutierte ihn lange und ohne Ergebnis.",
            "Stadtrat",
            None,
        ),
        ("Der Bauausschuss und der Umweltausschuss sprachen über den Antrag der CDU.", None, None),
        (  # the council by its town's name and without it is one council
            "Ärger im Stadtrat Neusäß: Grüne ärgern sich über einen Antrag der CSU. Im Stadtrat fiel kein Wort dazu.",
            "Stadtrat",
            None,
        ),
        ("Die SPD-Ratsfraktion hat einen Antrag auf freies WLAN gestellt.", None, None),
        # a body to be made is no session; nor the council a faction sits in, named in its name
        ("Die CDU beantragt die Einrichtung eines Gestaltungsbeirates für die Stadt Borken.", None, None),
        ("Soll auch die Kernstadt einen eigenen Ortschaftsrat bekommen? Die CDU will das.", None, None),
        ("Die CDU-Fraktion im Gemeinderat fordert, dass sich die Stadt am Open-Data-Portal beteiligt.", None, None),
        ("Die Fraktion Die Linke im Rat der Stadt beantragt ein Sozialticket.", None, None),
        # one council in several words: the one named most, else the one named first; "Stadtrat Müller" a member
        ("Im Rat gab es eine lange Debatte. Der Gemeinderat vertagte den Antrag, der Gemeinderat will warten.",
         "Gemeinderat", None),
        ("Der Gemeinderat debattierte lange. Im Rat fiel kein Wort zu den Kosten.", "Gemeinderat", None),
        ("Stadtrat Müller (CDU) sprach im Gemeinderat lange über den Antrag der Grünen.", "Gemeinderat", None),
    ],
)
def test_the_one_body_a_report_names_is_the_papers_session(text: str, body: str | None, day: date | None) -> None:
    """Two committees and no council name no one session; a faction of the council names none."""
    found = told.named_body(text, 0, len(text))
    assert [c.body.name if c.body else None for c in found] == ([body] if body else [])
    assert [c.date.value if c.date else None for c in found] == ([day] if body else [])


def test_a_report_that_names_the_council_once_records_its_session() -> None:
    report = graph_of("Jugendforum gefordert\n\nDie SPD stellte am Montag im Stadtrat ihren Antrag auf ein "
                      "Jugendforum vor. Die Verwaltung prüft den Vorschlag.\n")
    (consultation,) = report.subjects(RDF.type, CG.Consultation)
    (body,) = report.objects(consultation, CG.body)
    assert str(report.value(body, RDFS.label)) == "Stadtrat"
    assert str(report.value(consultation, CG.role)).endswith("decision")


def test_the_council_a_report_names_in_several_words_is_labelled_with_each() -> None:
    """ "der Syker Rat", "im Stadtrat": one council, its session's body printed both ways."""
    report = graph_of("Rat zwischen Effizienz und Wortgefechten\n\nDie Resolution, die der Stadtrat am Donnerstag "
                      "verabschiedet hat, kam von den Grünen. Im Rat gab es dazu eine lange Debatte. Der Rat "
                      "vertagte die anderen Anträge.\n")
    (consultation,) = report.subjects(RDF.type, CG.Consultation)
    (body,) = report.objects(consultation, CG.body)
    assert str(report.value(body, RDFS.label)) == "Rat"
    assert {str(label) for label in report.objects(body, SKOS.altLabel)} == {"Stadtrat"}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Einstimmig beschloss die Stadtverordnetenversammlung am 27.02.2025 die Kurtaxe.", date(2025, 2, 27)),
        ("Einstimmig beschloss der Rat, die Straße ab dem 01.07.2025 zu sperren.", None),
    ],
)
def test_a_decision_told_verb_first_is_dated_by_the_day_after_the_body(text: str, day: date | None) -> None:
    (found,) = told.decisions(text, 0, len(text))
    assert (found.date.value if found.date else None) == day


@pytest.mark.parametrize("entry", entries("outcomes", "adverb"))
def test_an_adverb_between_the_verb_and_the_body_keeps_the_told_decision(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    (found,) = told.decisions(text, 0, len(text))
    assert found.body is not None and found.body.name == entry["body"]
    assert found.result is not None and found.result.value == entry["outcome"]


def test_a_paper_told_in_the_passive_may_carry_an_adjective_or_a_party() -> None:
    for paper in ("Der entsprechende Antrag von SPD und Grünen", "Der CDU-Antrag"):
        text = f"Der Rat tagte am Mittwoch. {paper} wurde mit Mehrheit beschlossen."
        (found,) = told.paper_passive(text, 0, len(text))
        assert found.body is not None and found.body.name == "Rat"
        assert found.result is not None and found.result.value == "adopted"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Schwimmbad wird saniert\n\nDie Sanierung des Schwimmbads war Thema im Stadtrat. Kämmerer Meier nannte "
         "die Kosten.\n", "draft-resolution"),
        ("Jugendforum gefordert\n\nDie SPD stellte am Montag im Stadtrat ihren Antrag auf ein Jugendforum vor. "
         "Die Verwaltung prüft den Vorschlag.\n", "motion"),
    ],
)
def test_a_matter_a_body_treats_that_no_one_put_forward_is_a_draft_resolution(text: str, kind: str) -> None:
    graph = graph_of(text)
    (paper,) = graph.subjects(RDF.type, CG.Motion)
    assert str(graph.value(paper, CG.kind)).endswith(kind)


@pytest.mark.parametrize("entry", entries("speech", "administration"))
def test_a_report_of_the_administration_explaining_records_its_statement(entry: dict[str, object]) -> None:
    asked = "Die SPD-Fraktion hat im Rat beantragt, eine Rettungswache zu errichten."
    text = f"Rettungswache\n\n{asked} {entry['example']}\n"
    graph = graph_of(text)
    (statement,) = graph.subjects(RDF.type, CG.Statement)
    (author,) = graph.objects(statement, CG.author)
    assert str(graph.value(author, RDFS.label)) == entry["author"]
    motion = "Antrag der SPD-Fraktion\n\nDer Rat möge beschließen: eine Rettungswache."
    printed = graph_of(f"{motion}\n{entry['example']}\n")
    assert list(printed.subjects(RDF.type, CG.Statement)) == []  # a page that prints its paper tells no report


def test_an_office_chairing_a_session_takes_no_position_on_the_paper() -> None:
    (entry, *_) = entries("speech", "administration")
    asked = "Die SPD-Fraktion hat im Rat beantragt, eine Rettungswache zu errichten."
    graph = graph_of(f"Rettungswache\n\n{asked} {entry['not_example']}\n")
    assert list(graph.subjects(RDF.type, CG.Statement)) == []
    told = graph_of(f"Rettungswache\n\n{asked} {entry['example']}\n")
    assert len(list(told.subjects(RDF.type, CG.Statement))) == 1


def test_a_body_after_its_towns_genitive_opens_a_told_decision() -> None:
    text = "Gaildorfs Gemeinderat hat nach hitziger Debatte die Einrichtung von Wi-Fi-Hotspots beschlossen."
    (found,) = told.decisions(text, 0, len(text), subject=True)
    assert found.body is not None and found.body.name == "Gemeinderat"
    assert found.result is not None and found.result.value == "adopted"


def test_the_manner_of_the_vote_before_a_verb_first_decision_is_its_outcome() -> None:
    """ "verabschieden" alone also bids a member farewell; "einstimmig" before it tells a vote."""
    text = "Einstimmig verabschiedete der Rat den 1. Nachtragshaushalt."
    (found,) = told.decisions(text, 0, len(text))
    assert found.body is not None and found.body.name == "Rat"
    assert found.result is not None and found.result.value == "adopted"
    farewell = "Am Ende verabschiedete der Rat den langjährigen Kämmerer."
    assert told.decisions(farewell, 0, len(farewell)) == []


@pytest.mark.parametrize(
    ("headline", "result"),
    [
        ("Antrag der AfD zum Bürokratieabbau während der Stadtratssitzung abgelehnt", "rejected"),
        ("Fairtrade-Stadt\nDiskussion um Bewerbung - Entscheidung vertagt - vor 1 Stunde", "postponed"),
    ],
)
def test_a_reports_headline_tells_what_became_of_the_paper(headline: str, result: str) -> None:
    report = graph_of(
        f"{headline}\n\nDie AfD-Fraktion hatte im Stadtrat einen Antrag gestellt, Formulare abzuschaffen. "
        "Die anderen Fraktionen sahen dafür keinen Grund.\n"
    )
    (consultation,) = report.subjects(RDF.type, CG.Consultation)
    assert str(report.value(consultation, CG.result)).endswith(result)


def test_an_outcome_below_a_reports_head_is_no_headline() -> None:
    text = "Formulare\nBürokratie im Rathaus\nEin Bericht\n\nDer Antrag wurde abgelehnt.\n"
    assert consultations.headline_outcome(text, 0, len(text)) is None
    assert consultations.headline_outcome("Antrag abgelehnt\n\nText.", 0, 24) is not None


def test_a_page_headed_by_its_sessions_day_and_item_dates_the_session_it_names() -> None:
    """An information system's page of one agenda item ("21.02.2022 - 10 Vorschläge, …"): the session a
    report names by its body is the one of that day, under that item."""
    text = (
        "21.02.2022 - 10 Vorschläge, Anregungen und Fragen der Mitgliede...\n\nWortprotokoll\n\n"
        "Der Präsident der Bürgerschaft ruft den Tagesordnungspunkt auf.\n\nHerr König\n\n"
        ". bittet um eine Einschätzung der Schäden im Stadtforst.\n"
    )
    graph = graph_of(text, city="Greifswald", name="item.txt")
    (consultation,) = graph.subjects(RDF.type, CG.Consultation)
    assert str(graph.value(consultation, DCTERMS.date)) == "2022-02-21"
    assert str(graph.value(consultation, CG.agendaItem)) == "10"


def test_a_report_of_one_decision_gives_its_outcome_to_the_session_it_names() -> None:
    """A report whose every word of adoption or rejection tells the same outcome reports one decision:
    the session it names ended so; where it tells both, the outcome stays open."""
    report = (SETS["dev"][0] / "ansbach_flz-hfwa-computer-fuer-lehrkraefte.txt").read_text(encoding="utf-8")

    def results(text: str) -> list[str]:
        graph = graph_of(text, city="Ansbach", name="post.txt")
        return [str(graph.value(c, CG.result)).rsplit("/", 1)[-1] for c in graph.subjects(RDF.type, CG.Consultation)]

    assert results(report) == ["adopted"]  # "… tat sich der Haupt-, … Ausschuss leicht, seine Zustimmung zu erteilen"
    assert "adopted" not in results(report + " Die Anschaffung von Laptops für Schüler wurde dagegen abgelehnt.\n")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # no reference, subject or kind word, no outcome yet: the session the report names shows the paper
        (
            "Am kommenden Dienstag tagt der Gemeinderat im Rathaus. Dort will der Gemeinderat beschließen, dass die"
            " Sitzungsunterlagen ab Januar nur noch digital verschickt werden. Dafür sollen Tablets angeschafft"
            " werden.\n",
            "draft-resolution",
        ),
        # no kind word, a group as the paper's submitter: a group's paper is a motion
        (
            "Betreff: Freies WLAN am Rathausplatz\nEinreicher: Fraktion DIE LINKE\n\n"
            "Der Rat der Stadt beschließt, am Rathausplatz freies WLAN einzurichten.\n",
            "motion",
        ),
    ],
)
def test_a_paper_printing_no_kind_word_is_a_groups_motion_or_the_matter_a_session_treats(text: str, kind: str) -> None:
    paper_graph = graph_of(text)
    (paper,) = paper_graph.subjects(RDF.type, CG.Motion)
    assert str(paper_graph.value(paper, CG.kind)).endswith(f"/{kind}")
    if kind == "draft-resolution":
        (consultation,) = paper_graph.objects(paper, CG.consultation)
        assert str(paper_graph.value(paper_graph.value(consultation, CG.body), RDFS.label)) == "Gemeinderat"


def test_the_session_a_report_names_is_public_where_the_report_says_so() -> None:
    """A report that tells of one public session and no closed part: the session it names was public."""
    report = graph_of(
        "Bürgerinformationssystem kommt\n\nVier Stunden tagte der Stadtrat am Donnerstagabend in öffentlicher"
        " Sitzung. Dabei ging es auch um das neue Bürgerinformationssystem, das die Verwaltung einführen will.\n"
    )
    (consultation,) = report.subjects(RDF.type, CG.Consultation)
    assert report.value(consultation, CG.public) is not None and report.value(consultation, CG.public).toPython()


def test_a_report_that_tells_only_the_counts_of_its_one_decision_gives_the_outcome_they_make() -> None:
    text = "Am Ende votierten 23 Ratsmitglieder für den Antrag der SPD. 25 stimmten dagegen, einer enthielt sich."
    consultation = Consultation(None, 0, 10)
    consultations.told_vote(consultation, text, 0, len(text))
    assert consultation.result is not None and consultation.result.value == "rejected"
    assert (consultation.votes_for, consultation.votes_against) == (Spanned(23, 18, 20), Spanned(25, 60, 62))
    untold = Consultation(None, 0, 10)
    consultations.told_vote(untold, "Der Antrag wurde für 2021 gegen 18 Uhr beraten.", 0, 47)
    assert untold.result is None and untold.votes_for is None


@pytest.mark.parametrize("entry", entries("bodies", "public_session"))
def test_a_report_that_calls_its_one_session_public_makes_it_public(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    rat = text.index("Rat")
    session = Consultation(actors.body("Rat", rat, rat + 3), rat, rat + 3)
    consultations.mark_public_from_prose([session], text)
    assert session.public is not None and session.public.value is True
    closed = Consultation(actors.body("Rat", rat, rat + 3), rat, rat + 3)
    consultations.mark_public_from_prose([closed], text + " Im nichtöffentlichen Teil folgte die Vergabe.")
    assert closed.public is None


def test_a_report_prints_the_counts_of_its_one_decision_in_the_sentence_after_the_outcome() -> None:
    report = graph_of(
        "Stadtrat lehnt Livestream ab\n\nDer Antrag der Grünen auf eine Übertragung der Sitzungen wurde im"
        " Stadtrat am Dienstag abgelehnt. 16 Stadträte waren dafür, 20 stimmten dagegen.\n"
    )
    (consultation,) = report.subjects(RDF.type, CG.Consultation)
    assert report.value(consultation, CG.votesFor).toPython() == 16
    assert report.value(consultation, CG.votesAgainst).toPython() == 20
    paragraph = graph_of(
        "Stadtrat lehnt Livestream ab\n\nDer Antrag der Grünen auf eine Übertragung der Sitzungen wurde im"
        " Stadtrat am Dienstag abgelehnt.\n\n16 Stadträte waren dafür, 20 stimmten dagegen.\n"
    )
    (consultation,) = paragraph.subjects(RDF.type, CG.Consultation)
    assert paragraph.value(consultation, CG.votesFor).toPython() == 16
    earlier = graph_of(
        "Stadtrat lehnt Livestream ab\n\nDer Antrag der Grünen auf eine Übertragung der Sitzungen wurde im"
        " Stadtrat am Dienstag abgelehnt. Die Kosten nannte der Kämmerer. Im Jahr 2019 waren 16 Stadträte"
        " dafür, 20 stimmten dagegen.\n"
    )
    (consultation,) = earlier.subjects(RDF.type, CG.Consultation)
    assert earlier.value(consultation, CG.votesFor) is None


def test_a_report_restates_its_one_decision_further_on_with_the_counts() -> None:
    told = (
        "Verein beigetreten\n\nDas hat der Stadtrat am Mittwoch mehrheitlich beschlossen. Die Grünen warben für"
        " den Beitritt. Anders als im März wurde das Papier diesmal bei einer Enthaltung mit 14 Ja- gegen"
        " 10 Nein-Stimmen angenommen.\n"
    )
    report = graph_of(told)
    (consultation,) = report.subjects(RDF.type, CG.Consultation)
    counts = [report.value(consultation, p) for p in (CG.votesFor, CG.votesAgainst, CG.abstentions)]
    assert [c.toPython() if c is not None else None for c in counts] == [14, 10, 1]
    # counts told with another outcome are another vote's
    other = graph_of(told.replace("angenommen", "abgelehnt"))
    (consultation,) = other.subjects(RDF.type, CG.Consultation)
    assert other.value(consultation, CG.votesFor) is None
    # two counted sentences: which one is the decision's the report does not tell
    twice = graph_of(told.replace("Das hat", "Im Vorjahr gab es 12 Ja- gegen 12 Nein-Stimmen. Das hat"))
    (consultation,) = twice.subjects(RDF.type, CG.Consultation)
    assert twice.value(consultation, CG.votesFor) is None


@pytest.mark.parametrize(
    "entry", [e for e in entries("outcomes", "marker") if "manners" in e], ids=lambda e: str(e["manners"][0])
)
def test_the_manner_of_the_vote_alone_after_a_decision_label_adopts(entry: dict[str, list[str]]) -> None:
    for manner in entry["manners"]:
        for closing in ("", *entry["closings"]):
            found = decisions.decision(f"Beschluss: {manner} {closing}\n\nDie Tagesordnung wird festgestellt.\n")
            assert found is not None and found.result is not None and found.result.value == "adopted", manner
    found = decisions.decision("Beschluss: einstimmig vertagt\n")
    assert found is not None and found.result is not None and found.result.value == "postponed"


def test_consent_denied_is_no_adoption() -> None:
    sentence = "Dem Antrag der Fraktion wurde im Ausschuss mehrheitlich nicht zugestimmt."
    found = consultations.outcome(sentence, 0, len(sentence))
    assert found is not None and found.value == "rejected"


def test_a_page_that_tells_what_became_of_its_paper_is_signed_by_no_one() -> None:
    """A faction's page that reports the council's vote on its motion, without printing the motion,
    ends with its writers' names: persons the page names, not the motion's signatories."""
    page = (
        "Fahrradbeauftragter abgelehnt\n\n"
        "Die Fraktion bedauert die Entscheidung. Der Stadtrat hat unseren Antrag am Donnerstag mit breiter Mehrheit "
        "abgelehnt. Andere Städte haben längst einen Ansprechpartner für den Radverkehr.\n\n"
        "Martin Heinze\nFraktionsvorsitzender\n"
    )
    graph = graph_of(page, city="Gotha", name="bericht.txt")
    (consultation,) = graph.subjects(RDF.type, CG.Consultation)
    assert str(graph.value(consultation, CG.result)).endswith("rejected")
    assert list(graph.subject_objects(CG.signedBy)) == []
    signed = page.replace("Der Stadtrat hat unseren Antrag am Donnerstag mit breiter Mehrheit abgelehnt. ", "")
    assert list(graph_of(signed, city="Gotha", name="bericht.txt").subject_objects(CG.signedBy))  # no outcome told


def test_a_published_resolution_is_of_the_session_its_deciding_sentence_names() -> None:
    text = (
        "Beschluss des Gemeinderates Neudorf Nr. 107/2023\n\nBetr.: Haushaltssatzung 2024\n\n"
        "Der Gemeinderat der Gemeinde Neudorf beschließt in seiner Sitzung am 19.12.2023:\n\n"
        "Die Haushaltssatzung 2024 wird beschlossen.\n\nBeratungsergebnis\n  • Ja - Stimmen: 19\n"
        "  • Nein - Stimmen: keine\n\nNeudorf, den 20.12.2023\n"
    )
    found = decisions.read(text)
    assert found is not None and found.consultation.date is not None
    assert found.consultation.date.value == date(2023, 12, 19)
    assert found.consultation.votes_for is not None and found.consultation.votes_for.value == 19
    # a gazette that heads the resolution with the session it was taken in keeps that session's day
    put_off = "Beschlüsse aus der Sitzung des Gemeinderates vom 30.01.2024\n\n" + text
    found = decisions.read(put_off)
    assert found is not None
    assert found.consultation.date is None or found.consultation.date.value != date(2023, 12, 19)


def test_a_report_of_one_session_named_by_its_compound_is_the_councils() -> None:
    head = "Die wichtigsten Infos aus der vergangenen Ratssitzung\n\nDie Sitzung fand am 23.09.25 statt.\n\n"
    assert _told_session(head) == ("Rat", date(2025, 9, 23))
    text = head + "TOP 5 – Stellenplan 2025\n\nDer Rat nahm die Anpassungen einstimmig an.\n"
    graph = graph_of(text, city="Plettenberg", name="infos.txt")
    assert any(str(graph.value(b, RDFS.label)) == "Rat" for b in graph.objects(None, CG.body))
    assert told.told_session("Aus der Ratssitzung: ein Bericht.", 0, 33) == []  # no day told
