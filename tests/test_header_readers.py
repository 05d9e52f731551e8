"""The readers of a paper's header fields, one rule at a time: references of every RIS shape,
the paper's own date apart from session dates, subject lines, the council's city, and which
cited papers a paper refers to or amends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from councilgraph.namespaces import CG, DCTERMS, FOAF, RDF
from councilgraph.uris import slugify
from ingest.genres import city, cues, fields, minutes, paper_dates, papers
from ingest.language import entries, lexicon
from ingest.language import load as entries_of
from ingest.records import ActorMention, Consultation, Motion, Spanned
from ingest.source import SourceText
from tests.extracted import graph_of

# -- references


@pytest.mark.parametrize(
    "printed",
    [
        "2022/BV/3187",
        "BV-P-ö/07/0130-03",
        "22-19928",
        "22-19928-01",
        "20-0874.1",
        "0120/XIX",
        "18/12 979",
        "WP 20-25 SV 01/143",
        "FV/002/2017/StR",
        "VII/2021/03290",
        "14-20 / A 04783",
        "AN/015/2016",
        "22/1261-01",
        "VO/2021/4136-R3",
        "VO/06GV/2013-037",
        "VO/BV/20-023/2022-01",
        "VO/BV/20-041/2022",
        "BV-GV/2012-0469",
        "2015/177",
        "2015/177/1",
        "WP 16-21/0937",
        "2020/026/VII",
        "1043/19",
    ],
)
def test_every_reference_shape_is_read_whole(printed: str) -> None:
    m = fields.BARE_REFERENCE.search(f"Vorlage {printed} vom 1.2.2020")
    assert m is not None and m.group(0) == printed


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("TOP Ö 2.2: Bürger WLAN (Antrag der CDU-Fraktion)\n\nBeschluss: einstimmig beschlossen", "Bürger WLAN"),
        ("Anfrage - Breitbandausbau\nDer Anschluss von Schulen an das Breitbandnetz ist zentral.", "Breitbandausbau"),
        ("Auszug - Film- und Tonaufnahmen in Sitzungen\n\nSitzung des Rates", "Film- und Tonaufnahmen in Sitzungen"),
        (
            "Breitbandausbau im Stadtgebiet - Antrag CSU-Fraktion\n\nDaten angezeigt aus Sitzung",
            "Breitbandausbau im Stadtgebiet - Antrag CSU-Fraktion",
        ),
        ("zur nächsten Sitzung des Bauausschusses\nFreie WLAN-Hotspots\nSehr geehrter Herr,", "Freie WLAN-Hotspots"),
        ("• Schrift vergrößern\nFreies WLAN am Strand\nDie Fraktion beantragt, …", "Freies WLAN am Strand"),
        ("Antrag der SPD-Fraktion zum Thema WLAN\n\nSehr geehrter Herr,", "Antrag der SPD-Fraktion zum Thema WLAN"),
        ("Antrag Videoüberwachung am Bahnhof\n\nSehr geehrter Herr,", "Antrag Videoüberwachung am Bahnhof"),
        ("Städtischer Mängelmelder\n\nGemeinsamer Fraktionsantrag\n", "Städtischer Mängelmelder"),
        ("Smart City Pfungstadt\n\nVeröffentlicht am 19.10.2020 in Anträge\n", "Smart City Pfungstadt"),
        ("[Anfrage] Breitband 2014\n\nSehr geehrter Herr Bürgermeister,", "Breitband 2014"),
        ("Neue Beschlussvorlage: Dienstliche E-Mail-Adressen\n\nDie Fraktion …", "Dienstliche E-Mail-Adressen"),
        ("Buxtehude: Antrag: Übertragung der Ratssitzungen\n\nSehr geehrte Frau,", "Übertragung der Ratssitzungen"),
        ("SPD Kaarst: Anfrage – Freies WLAN am Rathaus\n\nSehr geehrte Frau,", "Freies WLAN am Rathaus"),
        (
            "Antrag der SPD Fraktion – „Durchgehende Straßenbeleuchtung im Stadtgebiet“\n\nDer Rat möge beschließen:",
            "Durchgehende Straßenbeleuchtung im Stadtgebiet",
        ),
        # a party's local branch over the paper is the page's banner; the subject quoted after the kind line
        (
            "Ortsverband Musterstadt\n\nAntrag Einführung Bürgerhaushalt\n\nMehr Mitgestaltung",
            "Antrag Einführung Bürgerhaushalt",
        ),
        ('Antrag der Fraktion zu "Mehr Breitband für Hausen"\n\nSehr geehrte Frau,', "Mehr Breitband für Hausen"),
    ],
)
def test_subject_lines_as_agenda_pages_and_kind_lines_print_them(text: str, title: str) -> None:
    found = cues.title(text)
    assert found is not None and found.value == title


def test_the_subject_right_above_the_kind_line_wins_over_the_pages_banner() -> None:
    """A party's page: its banner lines, then the subject over the kind line that names no subject;
    a kind line that heads a list of papers anchors no subject."""
    text = "BÜNDNIS 90/DIE GRÜNEN\n\nOrtsverband Musterstadt\n\nEinführung einer Katzenschutzverordnung\n\n"
    text += "Antrag der Fraktion von BÜNDNIS 90/DIE GRÜNEN\n\nDer Magistrat wird beauftragt, …"
    found = cues.title(text)
    assert found is not None and found.value == "Einführung einer Katzenschutzverordnung"
    listing = "Einführung einer Katzenschutzverordnung\n\nFreies WLAN im Rathaus\n\n"
    listing += "Anträge der Fraktion an den Stadtrat:\n\n"
    found = cues.title(listing)
    assert found is not None and found.value == "Einführung einer Katzenschutzverordnung"


def test_an_agenda_items_page_prints_its_heading_whole_over_the_session_it_is_shown_from() -> None:
    text = (
        "Antrag Bündnis 90/ Die Grünen: Aufstellen eines Bücherschrankes\n\n\nDaten angezeigt aus Sitzung:  Sitzung"
        " des Gemeinderates, 20.12.2017\n\nBeratungsreihenfolge\n\nSachverhalt\n\nDie Fraktion beantragt …"
    )
    found = cues.title(text)
    assert found is not None and found.value == "Antrag Bündnis 90/ Die Grünen: Aufstellen eines Bücherschrankes"
    unshown = text.replace("Daten angezeigt aus Sitzung:", "Der Rat tagte:")
    found = cues.title(unshown)
    assert found is not None and found.value == "Aufstellen eines Bücherschrankes"  # the kind line's subject


def test_a_page_of_papers_prints_the_subject_after_its_date_above_the_kind_line() -> None:
    text = "Anträge der CDU-Fraktion\n\n15.09.2014 Einführung des papierlosen Sitzungsdienstes\n\n"
    text += "Gemeinsamer Antrag der Fraktionen CDU und SPD\n\nDie Stadtverwaltung wird beauftragt, …"
    found = cues.title(text)
    assert found is not None and found.value == "Einführung des papierlosen Sitzungsdienstes"


def test_the_category_a_party_page_files_its_post_in_is_no_subject() -> None:
    text = "Veröffentlicht in Kommunalpolitik\nam 19.06.2025\n\nFür die kommende Sitzung beantragt die SPD Fraktion:\n"
    assert cues.title(text) is None


def test_the_resolution_a_motion_opens_with_is_no_subject() -> None:
    """ "Der Rat möge beschließen" opens the text: no line after it titles the paper."""
    assert cues.title("Antrag der Fraktion\n\nDer Rat möge beschließen\n\nDie Stadt richtet ein Portal ein.") is None


@pytest.mark.parametrize("entry", entries("kinds", "standing_item"))
def test_an_agenda_item_every_session_has_is_no_subject(entry: dict[str, object]) -> None:
    heading = str(entry["example"]).split(":", 1)[-1].split(" – ", 1)[-1].strip()
    assert lexicon.is_standing_item(heading)
    text = f"{entry['example']}\n\nHerr Muster fragt nach dem Stand."
    assert cues.title(text) is None


@pytest.mark.parametrize("entry", entries("kinds", "question_time"))
def test_the_heading_of_question_time_titles_no_question(entry: dict[str, object]) -> None:
    assert lexicon.is_question_time(str(entry["example"]))
    text = (
        f"Auszug - {entry['example']}\n\nTOP: Ö 7\nGremium: Stadtvertretung Musterstadt\nDatum: Do, 26.10.2023\n\n"
        "Herr Sturm fragt, wann die Hotspots am Markt in Betrieb gehen. Der Bürgermeister antwortet, im Mai.\n"
    )
    graph = graph_of(text, city="Bochum", name="auszug.txt")
    papers = set(graph.subjects(CG.kind, None))
    assert papers and all(graph.value(p, DCTERMS.title) is None for p in papers)
    assert not lexicon.is_question_time("Fragen zur Cybersicherheit in der Stadtverwaltung")


def test_a_subject_under_a_kind_line_that_names_its_submitter() -> None:
    text = "Betreff:\nAntrag des Stadtvertreters M. Muster\nTransparenz der Protokolle\nStatus:\nöffentlich"
    value = fields.labelled_value(text, fields.TITLE_LABELS, 0, len(text))
    assert value is not None
    title, kind_line = papers.without_kind_line(text, papers.clean_title(value))
    assert title.value == "Transparenz der Protokolle"
    assert kind_line is not None and kind_line.value == "Antrag des Stadtvertreters M. Muster"
    (submitter,) = cues.submitters(text, kind_line.start, kind_line.end)
    assert (submitter.name, submitter.position.value if submitter.position else None) == ("M. Muster", "Stadtvertreter")


def test_a_labelled_value_ends_where_a_flattened_page_runs_the_next_label_on() -> None:
    text = "Gremium: Rat der Stadt Musterhausen Beschlussart: abgelehnt\n"
    text += "Federführend:Hauptamt Bearbeiter/-in: Muster, Eva"
    body = fields.labelled_value(text, ("Gremium",))
    unit = fields.labelled_value(text, ("Federführend",))
    assert body is not None and body.value == "Rat der Stadt Musterhausen"
    assert unit is not None and unit.value == "Hauptamt"
    numbered = "Federführend:1 Amt für Finanzen Beteiligt:13 Koordination IT\nBeginn: 18:00 Uhr Ende:20 Uhr\n"
    lead = fields.labelled_value(numbered, ("Federführend",))
    assert lead is not None and lead.value == "1 Amt für Finanzen"


def test_an_information_systems_page_title_names_the_papers_number() -> None:
    found = cues.head_reference("Antrag - 00SV/22/025\n\nReduzieren\n\nBeratungsfolge\n")
    assert found is not None and found.value == "00SV/22/025"
    assert cues.head_reference("Antrag - 12.03.2021\n\nDie Fraktion beantragt:\n") is None


def test_an_amount_is_no_reference() -> None:
    text = "520.000 Euro werden investiert Haren legt Sonderprogramm für Radwege auf\n"
    assert fields.any_reference_at(text, 0, len(text)) is None and cues.head_reference(text) is None
    assert fields.any_reference_at("101.18.1234", 0, 11) is not None  # dots between digits of a number


def test_a_date_is_no_reference() -> None:
    assert fields.BARE_REFERENCE.search("am 2019-02-28 beschlossen") is None


def test_a_land_parcels_number_is_no_reference() -> None:
    assert fields.BARE_REFERENCE.search("das Grundstück Plan-Nr. 6725/75 (Kinderspielplatz)") is None


def test_minutes_and_cues_read_bare_references_with_one_pattern() -> None:
    assert minutes.fields.BARE_REFERENCE is cues.BARE_REFERENCE is fields.BARE_REFERENCE


def test_a_number_split_by_spaces_around_its_slash_is_one_reference_as_printed() -> None:
    (ref,) = fields.references("Drucksache 18 / 12 979 Schriftliche Anfrage")
    assert ref.value == "18 / 12 979"
    (cited,) = fields.references("Drucksache 18/12 979")
    assert slugify(ref.value) == slugify(cited.value)  # one paper, one URI, however its number is spaced


def test_a_reference_alone_on_the_first_line_is_the_papers_own() -> None:
    text = "20-1950\nÖffentliches WLAN\nKleine Anfrage nach § 24 BezVG\n"
    found = cues.head_reference(text)
    assert found is not None and found.value == "20-1950"
    assert cues.title(text) == Spanned("Öffentliches WLAN", 8, 25)


def test_a_reference_before_the_papers_kind_line_is_its_own() -> None:
    text = "Ort: 16356 Musterdorf\nFV-2021/872 Antrag der Fraktion X vom 28.03.2021 - Einführung von Livestreams\n"
    numbered = cues.reference_line(text)
    assert numbered is not None and numbered[0].value == "FV-2021/872" and numbered[1] is None


def test_a_value_printed_twice_in_a_row_is_read_once() -> None:
    text = (
        "Status:öffentlich\nInitiator:SPDSPD\nVerfasser:Dahl, JohnDahl, John\n"
        "Drucksache-Art:Große AnfrageGroße Anfrage\n"
    )
    assert [
        found.value if (found := fields.labelled_value(text, fields.labels(field))) else None
        for field in ("initiator", "author", "kind")
    ] == ["SPD", "Dahl, John", "Große Anfrage"]


def test_a_date_alone_on_the_line_after_a_value_is_no_part_of_it() -> None:
    text = "Einreicher:Fraktion Freie Wähler\n29.03.2021\nFederführend:Fachdienst I.1\n"
    found = fields.labelled_value(text, fields.labels("submitter"))
    assert found is not None and found.value == "Fraktion Freie Wähler"
    wrapped = fields.labelled_value("Betreff: Beschluss des Rates vom\n29.03.2021\n", fields.TITLE_LABELS)
    assert wrapped is not None and wrapped.value == "Beschluss des Rates vom 29.03.2021"


def test_a_quoted_subject_after_the_reference_is_the_title() -> None:
    text = 'Auszug - Sitzung des Ausschusses\nTOP: Ö 5.1\n0120/XIX "OpenData für die BVV"\n'
    numbered = cues.reference_line(text)
    assert numbered is not None
    reference, subject = numbered
    assert reference.value == "0120/XIX" and subject is not None and subject.value == "OpenData für die BVV"


def test_a_kind_the_sentence_denies_is_not_the_papers() -> None:
    text = (
        "Die Fraktion stellte jüngst keinen Antrag, dass es kostenloses Wlan geben soll. Die Anfrage resultiert daraus."
    )
    found = cues.kind(text)
    assert found is not None and found.value == "inquiry"


def test_a_month_and_year_is_no_reference_of_the_paper() -> None:
    assert cues.head_reference("Antrag der Fraktionen vom 29.08.2022 UPDATE 01/2024: Hier der Stand") is None


def test_a_labelled_number_inside_a_flattened_header_is_the_papers_own() -> None:
    text = "Allgemeine Vorlage\nKreuzau, 10.03.2016 Vorlagen-Nr.: 19/2016\nBetreff: X"
    own = fields.own_reference(text)
    assert own is not None and own.value == "19/2016"


def test_a_year_after_a_papers_word_is_no_reference() -> None:
    text = "Der Rat stimmte gegen die Vorlage.\n2025 steht der 80. Jahrestag an.\nDie Vorlage 2024/117 wurde vertagt.\n"
    assert [r.value for r in fields.references(text)] == ["2024/117"]


def test_a_number_the_text_cites_is_not_its_own() -> None:
    assert fields.own_reference("Antrag der Fraktion X\nwie zur Vorlagen-Nr.: 19/2016 beschlossen") is None
    cited = "Antrag der SPD\nLaut Antwort auf die Anfrage vom 18.12.2022 (Vorlage Nr. 001/2023) fehlt ein Konzept."
    assert fields.own_reference(cited) is None
    quoted = "Antrag\nDazu ist die „Strategie: Digitalisierung“ (Vorlage Nr. L 94/19) zu beachten."
    assert fields.own_reference(quoted) is None
    closing = "Antrag der ÖDP\nDie Satzung ist im Stadtrat zur Abstimmung zu stellen (Antrag Nr. 028/2009)."
    own = fields.own_reference(closing)
    assert own is not None and own.value == "028/2009"  # a paper's own number closes its text


def test_a_label_cell_above_the_number_names_the_papers_own_not_the_number_its_subject_cites() -> None:
    text = "Betreff\nOpen Government, Antrag von Herrn Stadtrat Heinze Nr. 153/2012\nVorlage\neGov/040/2012\nArt\n"
    own = fields.own_reference(text)
    assert own is not None and own.value == "eGov/040/2012"


# -- dates


def test_the_kind_line_dates_the_paper() -> None:
    text = "Wie digital ist das Bezirksamt\nKleine Anfrage vom 02.10.2025\nVor diesem Hintergrund frage ich:"
    found = paper_dates.paper_date(text)
    assert found is not None and found.value == date(2025, 10, 2)


@pytest.mark.parametrize(
    "head",
    [
        "Anträge\n\n31.10.2023 - Antrag Gewerbegebiet\n\nAntrag\n",
        "Digitalisierung der Ratsarbeit\n\nDigitalisierung der Ratsarbeit (31.10.2023)\n\n",
    ],
)
def test_a_date_before_a_dash_or_in_brackets_after_a_pages_headline_dates_the_paper(head: str) -> None:
    text = head + "Der Magistrat wird beauftragt, Entwicklungsziele für die Gewerbegebiete zu benennen.\n"
    found = paper_dates.paper_date(text)
    assert found is not None and found.value == date(2023, 10, 31)
    # a news page's post date and category, a session's heading: no paper's date
    assert paper_dates.paper_date("31.10.2023 | Kategorie: Politik\n\nDer Stadtrat tagte.\n") is None
    assert paper_dates.paper_date("31.10.2023 - Sitzung des Stadtrates\n\nDer Stadtrat tagte.\n") is None


def test_a_date_in_a_cell_of_its_own_at_the_end_of_the_kind_line_dates_the_paper() -> None:
    text = "Anträge und Initiativen\n\nAntrag Sanierung Lokschuppen   30. Mai 2017\n\nSehr geehrte Frau Bauer,\n"
    found = paper_dates.paper_date(text)
    assert found is not None and found.value == date(2017, 5, 30)
    assert paper_dates.paper_date(text.replace("   30. Mai", " am 30. Mai")) is None  # in the subject: no cell


def test_a_kind_line_dates_the_paper_past_a_title_of_its_submitter() -> None:
    text = "Schriftliche Kleine Anfrage der Abgeordneten Dr. Kurt Duwe (FDP) vom 11.06.19 und Antwort des Senats"
    found = paper_dates.of_kind_line(text)
    assert found is not None and found.value == date(2019, 6, 11)


def test_the_date_of_a_cited_paper_is_not_the_amendments() -> None:
    assert (
        paper_dates.of_kind_line("Änderungsantrag zum Antrag der SPD vom 12.03.2019\nDer Rat möge beschließen") is None
    )


def test_a_session_date_in_a_labelled_field_is_not_the_papers() -> None:
    text = "TOP: Ö 5.1\nGremium: Haushalt\nDatum: Do, 01.11.2012 Status: öffentlich\nRaum: 202\n"
    assert paper_dates.labelled(text) is None
    plain = paper_dates.labelled("Vorlage 0123/2021\nDatum: 12.03.2021\nBetreff: X")
    assert plain is not None and plain.value == date(2021, 3, 12)


def test_a_portal_metadata_date_is_not_the_papers() -> None:
    assert paper_dates.labelled("Daten\nKommune\nBrühl\nDatum\n03.11.2014\nErstellt\n28.10.14, 18:28\n") is None


def test_a_date_line_heading_a_session_is_not_the_papers() -> None:
    assert (
        paper_dates.of_date_line("Drucksache DS/1733/VIII\n18.06.2020\n42. Sitzung in der VIII. Wahlperiode\n") is None
    )
    found = paper_dates.of_date_line("Weiterentwicklung zu einer Smart City\n\n23. Mai 2019\n\nAn Herrn\n")
    assert found is not None and found.value == date(2019, 5, 23)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Bochum, den 24.03.2021\n\nAn den Oberbürgermeister", date(2021, 3, 24)),
        ("Am Mittwoch, 16.12.2020 soll der Stadtrat den Haushalt beschließen.", None),  # a day, not a place
        ("Gemeinderatssitzung, 26.06.2021\n\nNach einer Ortsbegehung am Tennisplatz", None),  # a session's day
    ],
)
def test_a_letters_place_and_date_line_is_a_place_not_a_weekday_or_a_session(text: str, day: date | None) -> None:
    found = fields.place_date(text)
    assert (found.value if found else None) == day


def test_a_date_line_of_a_post_may_end_with_a_dash() -> None:
    found = paper_dates.of_date_line("Menü\n24.11.21 –\nAnfragen und Anträge, Gemeinsamer Antrag der Fraktionen\n")
    assert found is not None and found.value == date(2021, 11, 24)


def test_a_place_and_date_inside_a_flattened_header_need_a_known_place() -> None:
    found = paper_dates.of_place("stellt die Fraktion folgenden Antrag: Ingolstadt, 17. Dezember 2024 Entwicklung")
    assert found is not None and found.value == date(2024, 12, 17)
    assert paper_dates.of_place("Sachstand, 17. Dezember 2024 Entwicklung") is None


def test_session_dates_are_known_by_their_neighbours() -> None:
    text = "Antrag vom 12.03.2019 zur Ratssitzung am 03.11.2014; 21.02.2022 - 9.14 Zugriff auf Netze; Mo, 07.03.2022"
    assert paper_dates.session_dates(text) == {date(2014, 11, 3), date(2022, 2, 21), date(2022, 3, 7)}


# -- titles


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        (
            "Antrag – Einsetzung eines zeitweiligen beratenden Ausschusses",
            "Einsetzung eines zeitweiligen beratenden Ausschusses",
        ),
        ("Anfrage der SPD-Fraktion: WLAN-Zugang in Braunschweiger Schulen", "WLAN-Zugang in Braunschweiger Schulen"),
        (
            "Allgemeine Vorlage (Einführung eines Dokumentenmanagementsystems)",
            "Einführung eines Dokumentenmanagementsystems",
        ),
        (
            "Änderungsantrag zu TOP 27 (Transparenz von Beschlüssen)",
            "Änderungsantrag zu TOP 27 (Transparenz von Beschlüssen)",
        ),
        ("Antrag auf Implementierung zusätzlicher Module", "Antrag auf Implementierung zusätzlicher Module"),
        (
            "DS 062a/2016 Änderungsantrag zur Drucksache 062/2016 Grundsatzbeschluss",
            "Änderungsantrag zur Drucksache 062/2016 Grundsatzbeschluss",
        ),
    ],
)
def test_the_subject_a_kind_line_carries(line: str, subject: str) -> None:
    found = cues.title(line + "\nDer Rat möge beschließen:\n")
    assert found is not None and found.value == subject


def test_a_tag_before_a_kind_line_that_names_no_place_or_party_carries_no_subject() -> None:
    assert cues.title("Betreff: Antrag der Fraktion\n\nSehr geehrte Frau,") is None


def test_a_kind_line_that_names_a_session_carries_no_subject() -> None:
    assert cues.title("Antrag der Fraktion X zur Sitzung des Rates am 12.03.2019\n") is None


def test_the_title_of_an_agenda_page() -> None:
    found = cues.title("21.02.2022 - 9.14 Zugriff auf die Verwaltungsnetze der Schulen in...\nBeschluss:\n")
    assert found is not None and found.value == "Zugriff auf die Verwaltungsnetze der Schulen in"


def test_a_subject_label_inside_a_flattened_print() -> None:
    text = (
        "Drucksache 21/17509 Schriftliche Kleine Anfrage und Antwort des Senats"
        " Betr.: Breitbandausbau in Hamburg Der Senat hat"
    )
    found = cues.title(text)
    assert found is not None and found.value == "Breitbandausbau in Hamburg"


def test_a_resolution_sentence_is_no_title() -> None:
    assert cues.title("Der Oberbürgermeister wird beauftragt, dafür Sorge zu tragen,\n") is None


def test_a_line_ending_in_a_preposition_is_no_title() -> None:
    found = cues.title("In der Stadtratssitzung am 06.09.2017 tagte\nFreies WLAN für alle\n")
    assert found is not None and found.value == "Freies WLAN für alle"


def test_a_label_alone_on_its_line_ends_the_subject_above_it() -> None:
    text = "Betreff\nTransparenz bei Anträgen aus Bürgerversammlungen\nVorlage\n13-2/191/2024\nArt\nBeschlussvorlage\n"
    subject = fields.labelled_value(text, fields.TITLE_LABELS)
    kind = fields.labelled_value(text, fields.KIND_LABELS)
    assert subject is not None and subject.value == "Transparenz bei Anträgen aus Bürgerversammlungen"
    assert kind is not None and kind.value == "Beschlussvorlage"


def test_the_label_of_who_caused_a_draft_ends_the_subject_above_it() -> None:
    text = "Betreff\nAusstattung des Ratssaals mit einem WLAN-Netz\nVeranlasser/in / Antragsteller/in\nFraktion X\n"
    subject = fields.labelled_value(text, fields.TITLE_LABELS)
    assert subject is not None and subject.value == "Ausstattung des Ratssaals mit einem WLAN-Netz"


LABELS = entries("labels", "label")


@pytest.mark.parametrize("entry", LABELS)
def test_each_label_reads_its_example(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = fields.labelled_value(text, tuple(entry["words"]))  # type: ignore[arg-type]
    assert found is not None and found.value == entry["value"], (text, found)


@pytest.mark.parametrize("entry", [e for e in LABELS if e["field"] == "date"])
def test_each_date_label_dates_the_paper(entry: dict[str, object]) -> None:
    text = f"{entry['example']}\nDie Stadt fördert den Kauf von Lastenfahrrädern.\n"
    found = paper_dates.labelled(text)
    assert found is not None and found.value.strftime("%d.%m.%Y") == entry["value"], (text, found)


# -- the council's city


def _decided(text: str) -> str | None:
    decision = city.decide(text)
    return decision.city.slug if decision.city is not None else None


def test_an_inhabitants_adjective_before_a_noun_names_the_city() -> None:
    assert _decided("WLAN-Versorgung der Freiburger Innenstadt\nSehr geehrter Herr Oberbürgermeister,") == (
        "freiburg-im-breisgau"
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Transparenz der Protokolle der Ueckermünder Stadtvertreterinnen und Stadtvertreter", "ueckermuende"),
        ("Wie steht es um die Lippstädter Schulen?", "lippstadt"),
        ("Die SPD wünscht WLAN in den Bad Homburger Bürgerhäusern.", "bad-homburg-vor-der-hoehe"),
    ],
)
def test_an_inhabitants_adjective_of_any_shape(text: str, slug: str) -> None:
    assert _decided(text) == slug


def test_an_inhabitants_adjective_printed_twice_anywhere_names_the_city() -> None:
    text = "Anfrage zur Digitalisierung\n" + "Die Lage ist unklar. " * 80
    text += "Wie viele Koblenzer Schulen haben WLAN? Was plant der Koblenzer Schulträger?"
    assert _decided(text) == "koblenz"


def test_a_town_given_as_an_example_a_few_words_later_is_not_the_councils() -> None:
    text = (
        "Digitale Bauakte und Einsichtnahme\n"
        "Ein besonders fortschrittliches Beispiel ist die Freie Hansestadt Bremen, die schon 2014 mit der "
        "digitalen Bauakte begann.\n"
    )
    assert _decided(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # after an article and an adjective, a place's name is a noun
        "Antrag freies WLAN beim „Sommerfest der neuen Mitte“\n"
        "Die WIK-Fraktion beantragt, dass die Stadt bei der Einweihungsfeier der „neuen Mitte“ WLAN anbietet.\n",
        # after a possessive, "Stadt" is the town as such and the capitalised word after it a noun
        "Interfraktionelle Anfrage zur WLAN-Versorgung von Flüchtlingsunterkünften\n"
        "Das Angebot trifft auf die Menschen zu, die als Flüchtlinge in unserer Stadt Schutz suchen.\n",
    ],
)
def test_a_noun_that_is_also_a_places_name_names_no_town(text: str) -> None:
    assert _decided(text) is None
    assert [m.name for m in city.mentioned(text, 0, len(text), None)] == []


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Der Gemeinderat beschließt, dass der Bad Füssinger Gemeinderat übertragen wird.", "bad-fuessing"),
        ("Im Klever Stadtrat drängten vor allem die Sozialdemokraten auf eine Verbesserung.", "kleve"),
        ("Die Steinbacher FDP hatte schon lange erste Schritte gefordert.", None),  # many small Steinbachs
    ],
)
def test_a_towns_adjective_before_its_council_or_a_party_names_the_town_where_one_is_clearly_meant(
    sentence: str, slug: str | None
) -> None:
    text = "Die Lage ist unklar. " * 50 + sentence
    assert _decided(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Live-Stream\n\nNordhausen (psv) In der gestrigen Sitzung wurde der Antrag abgelehnt.", "nordhausen"),
        ("Freies WLAN\nLingen. Der Ausschuss wird sich demnächst mit der Frage befassen.", "lingen"),
        ("Schnelles Internet\nWanfried – Spannende Themen in der jüngsten Sitzung.", "wanfried"),
        ("Stadtrat berät\n\nNeumarkt-St. Veit - Auch die Bürger im Außenbereich warten.", "neumarkt-sankt-veit"),
        ("Livestream\n\nBad Aibling. Der Antrag der Grünen wurde vertagt.", "bad-aibling"),
        ("Begründung. Die Verwaltung wird beauftragt.", None),
        ("Mobilfunkversorgung - Vorstellung der Ergebnisse der Messung", None),
    ],
)
def test_a_reports_dateline_names_its_town(text: str, slug: str | None) -> None:
    assert _decided(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Tirschenreuth\n05.10.2018 - 17:24 Uhr\n\nSumme nicht vertretbar\n\nDer Ausbau geht weiter.", "tirschenreuth"),
        ("Hauzenberg\nRudi Hirz ist nun 2. Bürgermeister\n\nDer Stadtrat wählte.", "hauzenberg"),
        ("Stadtrat konstituiert\n\nTangerhütte: Neue Gesichter und alte Probleme\n\nDer Rat tagte.", "tangerhuette"),
        ("Beschluss:\nDer Rat stimmt zu.", None),
        ("Antrag\n\nDer Rat möge beschließen.", None),
    ],
)
def test_a_reports_place_on_a_line_of_its_own_or_before_its_headlines_colon_names_its_town(
    text: str, slug: str | None
) -> None:
    assert _decided(text) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Die Stadtbücherei Adelsheim führt die Onleihe ein. Das hat der Gemeinderat beschlossen.", "adelsheim"),
        ("Der CDU-Gemeindeverband Schönaich blickt zurück. Im Gemeinderat stellte er einen Antrag.", "schoenaich"),
        ("Die Fraktion BÜNDNIS 90/DIE GRÜNEN Nauheim zieht eine Bilanz der Sitzungsrunde.", "nauheim"),
        ("Die Freien Demokraten Hille fordern einen Antrag zu Funklöchern.", "hille"),
        ("Die GRÜNEN Brandenburg fordern im Landtag einen Antrag.", None),
        ("Die SPD Rosa Müller und Anna Schmidt stellten einen Antrag.", None),
        ("Der Rat sprach über eine „Grüne Welle“ in der Innenstadt.", None),
    ],
)
def test_a_towns_institution_or_a_partys_local_branch_names_the_town(text: str, slug: str | None) -> None:
    assert _decided(text) == slug


def test_every_example_of_a_towns_institution_names_its_town() -> None:
    for entry in entries("mentions", "home"):
        town = city.resolve(str(entry["city"]))
        assert town is not None and _decided(str(entry["example"])) == town.slug, entry["example"]


def test_a_town_in_a_list_of_examples_is_not_the_councils() -> None:
    text = (
        "Antrag Einführung der Mängelmelder-App in Kerken\nDer Rat möge beschließen.\n"
        "Die App wird in vielen Kommunen, z. B. in Rheurdt, Emmerich und Goch, eingesetzt."
    )
    assert _decided(text) == "kerken"


def test_a_town_named_like_a_common_word_is_no_place_without_a_city_word_before_it() -> None:
    text = (
        "Antrag des Arbeitskreises Trinkwasserbrunnen\nDer Gemeinderat möge beschließen.\n"
        "Der Arbeitskreis bevorzugt das Modell Stein, da es sich landschaftlich besser einpasst als Edelstahl."
    )
    assert _decided(text) is None
    assert _decided(text.replace("das Modell Stein", "die Stadt Stein")) == "stein-fuerth"


def test_the_neighbours_a_council_names_are_not_its_town() -> None:
    text = (
        "Antrag der Fraktion Dorfgemeinschaft\nDer Gemeinderat möge beschließen.\n"
        "Unsere Nachbargemeinden Igensdorf und Eckental haben in ihren Gemeinderatssitzungen beschlossen,"
        " das Breitband auszubauen. Auch Eckental baut aus."
    )
    assert _decided(text) is None


def test_a_region_named_after_its_town_is_not_the_town() -> None:
    assert _decided("Region: Augsburger Land\n\nMeitinger Gemeinderat lehnt Übertragungen ab") == "meitingen"


def test_a_town_held_up_for_instance_is_not_the_councils() -> None:
    assert _decided("Die Nutzung ist gering. Auch hat beispielsweise die Stadt Konstanz wenige Abrufe.") is None


def test_a_council_named_with_its_place() -> None:
    assert _decided("Niederschrift zur Sitzung des Ortsgemeinderates Steinefrenz am 7. März 2023") == "steinefrenz"
    assert _decided("Beschluss: Die Gemeindevertretung Britz beschließt, den Zuschuss zu verwenden.") != "berlin"


def test_a_district_is_not_its_town() -> None:
    text = "Sitzung des Stadtrats. Mit dem Landratsamt des Landkreises Freising und der Polizei in Moosburg"
    text += " a. d. Isar wird geprüft. Der Landkreis Freising fördert."
    assert _decided(text) != "freising"


def test_citizens_are_no_place() -> None:
    assert _decided("Viele Bürgerinnen und Bürger ohne Netz; die Bürger Innenstadt") != "bueren"


def test_a_municipality_named_by_its_designation() -> None:
    assert _decided("Die Verwaltung des Flecken Bovenden wird beauftragt") == "bovenden"
    assert _decided("Die Verwaltung der Verbandsgemeinde Gerolstein wurde gebeten") == "gerolstein"
    assert _decided("1) Wurde die Ortsgemeinde Weitersburg über das Vorhaben informiert?") == "weitersburg"
    assert _decided("Die Gemeindevertretung der Gemeinde Ostseebad Boltenhagen beschließt:") == "boltenhagen"


def test_a_place_held_up_as_an_example_is_not_the_council() -> None:
    assert _decided("Herr Stadtrat Dr. B. sprach nach dem Vorbild der Stadt Pirna.") != "pirna"


def test_a_district_of_a_city_state_is_that_city_states_council() -> None:
    assert _decided("Raum: Sitzungszimmer 202\nOrt: Rathaus Spandau, 2. Etage\n") == "berlin"


def test_a_floor_is_no_date_of_a_letter() -> None:
    assert city._place_of_date_line("Ort: Rathaus Spandau, 2. Etage") is None


# -- citations


def _paper(text: str, reference: str, kind: str, cited: list[str]) -> Motion:
    start = text.index(reference)
    paper = Motion(start=0, end=len(text), reference=Spanned(reference, start, start + len(reference)))
    paper.kind = Spanned(kind, 0, 1)
    for ref in cited:
        at = text.index(ref, start + len(reference))
        paper.refers_to.append(
            Motion(start=at, end=at + len(ref), cited=True, reference=Spanned(ref, at, at + len(ref)))
        )
    return paper


def test_an_amendment_amends_the_paper_it_names() -> None:
    text = "DS 062a/2016 Änderungsantrag zur Drucksache 062/2016 Grundsatzbeschluss\nDer Stadtrat beschließt"
    paper = _paper(text, "062a/2016", "amendment", ["062/2016"])
    papers.sort_citations(paper, text)
    assert [m.reference.value for m in paper.amends if m.reference] == ["062/2016"] and not paper.refers_to


def test_a_change_to_a_named_paper_amends_it() -> None:
    text = "Anwohnerparken (Änderung zu Antrag Nr. 59/2005 der Fraktion X)\nÄnderungsantrag zur Stadtratssitzung"
    paper = _paper(text, "", "amendment", ["59/2005"])
    papers.sort_citations(paper, text)
    assert [m.reference.value for m in paper.amends if m.reference] == ["59/2005"] and not paper.refers_to


def test_the_next_paper_of_a_list_is_not_referred_to() -> None:
    text = "DS 062a/2016 Änderungsantrag\nText\n\nDS 117/2016 Wilhelm-Ernst-Denkmal\nText"
    paper = _paper(text, "062a/2016", "amendment", ["117/2016"])
    papers.sort_citations(paper, text)
    assert not paper.refers_to and not paper.amends


# -- kinds


def test_a_menu_of_kinds_names_no_kind() -> None:
    text = "Antrag / Anfrage / Rede\nRatsinformationssystem für alle\nAnfrage zur Stadtratssitzung am 13.10.2004\n"
    assert fields.lists_kinds(text, 0, text.index("\n"))
    heading = fields.heading_kind(text)
    assert heading is not None and heading.value == "inquiry"
    found = cues.kind(text)
    assert found is not None and found.value == "inquiry"


@pytest.mark.parametrize(
    "heading", ["Geschäftliche Mitteilung - 0824/2022", "Mitteilungsvorlage", "Informationsvorlage"]
)
def test_an_administrations_notice_printed_as_a_heading_is_its_draft_resolution(heading: str) -> None:
    text = f"ALLRIS - Drucksache\n\n{heading}\n\nBeratungsfolge\n\nAntrag\n\nSachverhalt/Begründung\n"
    found = fields.heading_kind(text)
    assert found is not None and found.value == "draft-resolution"


def test_a_plural_heads_a_list_and_names_a_kind_only_when_nothing_else_does() -> None:
    listed = "Anträge zur 17. Stadtratssitzung am 15.06.2016\nDS 062a/2016 Änderungsantrag zur Drucksache 062/2016\n"
    found = cues.kind(listed)
    assert found is not None and found.value == "amendment"
    tagged = "Digitalisierungsstrategie für Nürnberg\n• Anträge, Bär\nSehr geehrter Herr Oberbürgermeister,\n"
    found = cues.kind(tagged)
    assert found is not None and found.value == "motion"


def test_a_kind_label_inside_a_flattened_line() -> None:
    text = "Vorlage - 2015/0288-1\nStatus:öffentlichVorlage-Art:Beschlussvorlage\n"
    value = fields.inline_labelled_value(text, ("Vorlage-Art",))
    assert value is not None and value.value == "Beschlussvorlage"


# -- more titles and cities


def test_a_banner_of_bodies_is_no_title() -> None:
    found = cues.title("Rat und Stadtbezirksräte\nALLRIS - Auszug\n02.06.2017 - 8.1 Freies WLAN durch Freifunk\n")
    assert found is not None and found.value == "Freies WLAN durch Freifunk"


def test_website_chrome_is_no_title() -> None:
    found = cues.title("Skip to main content Skip to navigation\nHeader image\nSchulausstattung mit WLAN\n")
    assert found is not None and found.value == "Schulausstattung mit WLAN"


def test_the_subject_after_to_the_motion() -> None:
    found = cues.title("Zum Antrag: Vorlage eines aktuellen Sachstandsberichts\nDie SPD-Fraktion beantragt\n")
    assert found is not None and found.value == "Vorlage eines aktuellen Sachstandsberichts"


def test_a_salutation_under_the_kind_line_is_no_subject() -> None:
    text = "Ergänzungsantrag zur Drucksache 224/2017\nSehr geehrter Herr Bürgermeister,\n\ndie Fraktion beantragt"
    assert fields.title_after_kind_line(text, 0, len(text)) is None


def test_a_letterhead_in_capitals_names_the_city() -> None:
    assert _decided("BÜRGERSCHAFT DER FREIEN UND HANSESTADT HAMBURG Drucksache 21/1553 21. Wahlperiode") == "hamburg"


def test_a_municipality_in_brackets_after_its_council() -> None:
    assert _decided("Gremium Sitzung\nGemeinderat (Gemeinde Türkenfeld) Sitzung des Gemeinderates\n") == "tuerkenfeld"


# -- cited papers


def test_one_label_names_every_number_of_its_list() -> None:
    text = "Grundlage waren die überwiesenen Drucksachen 20-0874 und 20-0874.1. Entscheidungen fielen nicht."
    assert [r.value for r in fields.references(text)] == ["20-0874", "20-0874.1"]


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("als in der Beschlussvorlage 297/2018 für das Haushaltsjahr 2019 geplant", "297/2018"),
        ("Auf die Sitzungsvorlagen VO/2018/1790-R3 wird verwiesen", "VO/2018/1790-R3"),
        ("bereits gefasste Beschlüsse:  Nr. 2021/AN/2300", "2021/AN/2300"),
        ("Bezüglich:\n2015/0288\nFederführend: FB 4", "2015/0288"),
    ],
)
def test_a_cited_paper_is_read_after_every_label_that_names_it(text: str, reference: str) -> None:
    assert [r.value for r in fields.references(text)] == [reference]


def test_a_paper_the_running_text_mentions_does_not_date_the_document() -> None:
    text = "Beschluss:\nAuf das Verfahren wird anhand der Sitzungsvorlage vom 07.09.2020 eingegangen.\n"
    assert paper_dates.of_kind_line(text) is None
    answered = "Antwort des Senats auf die Kleine Anfrage der Fraktion der CDU vom 21.12.2017\n"
    found = paper_dates.of_kind_line(answered)
    assert found is not None and found.value == date(2017, 12, 21)


def test_a_press_release_date_is_not_the_papers() -> None:
    assert (
        paper_dates.of_date_line("WLAN für alle\n\nPRESSEMITTEILUNG\n20. Februar 2020\n\nÖffentliches WLAN\n") is None
    )


def test_a_number_in_a_sentence_of_a_printed_paper_is_another_papers() -> None:
    text = (
        "Antrag der SPD-Fraktion: Photovoltaik auf Dächern\n\nBeschlussvorschlag:\nDer Ausschuss berät.\n\n"
        "Die Verwaltung hat in einer Mitteilung darüber informiert, wie sie den Ausbau vorantreiben will "
        "(Vorlage 21-15880).\n"
    )
    assert cues.head_reference(text) is None
    report = "Die Stadt plant ein Netz.\nDer Antrag der SPD zum Netz (Vorlage 21-15880) wurde im Rat beraten.\n"
    found = cues.head_reference(report)
    assert found is not None and found.value == "21-15880"  # a report's sentence names the paper it is about


def test_a_reference_the_text_mentions_with_an_article_is_not_its_own() -> None:
    text = "Viele Gespräche.\nDie bestehenden Punkte der Beschlussvorlage FV/002/2017/StR werden gestrichen\n"
    assert cues.head_reference(text) is None
    own = cues.head_reference("Beschlussvorlage - 2022/BV/3187\nReduzieren\n")
    assert own is not None and own.value == "2022/BV/3187"


@pytest.mark.parametrize(
    ("header", "reference"),
    [
        ("Vorlagen-Nr.: XY-2024/0815\n", "XY-2024/0815"),
        ("Anfrage-Nr.: AF-12/2022\n", "AF-12/2022"),
        ("Vorlagennummer: 2019/123\n", "2019/123"),
    ],
)
def test_any_number_after_a_reference_label_is_a_reference_whatever_its_shape(header: str, reference: str) -> None:
    assert [r.value for r in fields.references(header)] == [reference]


@pytest.mark.parametrize("header", ["Vorlagen-Nr.: 12.03.2019\n", "Antrags-Nr. 7\n"])
def test_a_date_or_a_bare_digit_after_a_reference_label_is_no_reference(header: str) -> None:
    assert fields.references(header) == []


# -- header layouts beyond the label and its colon


@pytest.mark.parametrize(
    ("line", "reference"),
    [
        ("I/659/2016 Freies W-Lan", "I/659/2016"),
        ("REF1/013/2020 Livestream der Sitzungen", "REF1/013/2020"),
        ("101.18.1234 Digitale Verwaltung", "101.18.1234"),
    ],
)
def test_a_reference_of_any_shape_heads_its_title_line(line: str, reference: str) -> None:
    text = f"Zusatz: Zu Beginn der Sitzung tritt der Chor der Grundschule mit einem Lied auf.\n{line}\n"
    found = cues.reference_line(text)
    assert found is not None and found[0].value == reference
    assert found[1] is not None and found[1].value == line[len(reference) + 1 :]


@pytest.mark.parametrize("line", ["5.1. Klage gegen verkaufsoffene Sonntage", "12.03.2019 Sitzung des Rates"])
def test_a_section_number_or_a_date_heads_no_paper(line: str) -> None:
    assert fields.any_reference_at(line, 0, len(line)) is None


def test_a_label_in_a_table_column_reads_its_value_after_a_tab_or_spaces() -> None:
    assert fields.labelled_value("Datum\t12.03.2019\n", fields.DATE_LABELS) == Spanned("12.03.2019", 6, 16)
    text = "Betreff      Freies WLAN für alle\n"
    assert fields.labelled_value(text, fields.TITLE_LABELS) == Spanned("Freies WLAN für alle", 13, 33)


def test_a_bare_subject_label_needs_no_colon_and_others_do() -> None:
    value = fields.labelled_value("Betreff Offene Daten\n", fields.TITLE_LABELS)
    assert value is not None and value.value == "Offene Daten"
    assert fields.labelled_value("Thema der Sitzung war der Haushalt.\n", fields.TITLE_LABELS) is None


def test_a_subject_line_stops_where_a_sentence_begins() -> None:
    text = "Betreff: Stand der Digitalisierung\nDie Verwaltung berichtet über den Stand.\n"
    assert fields.labelled_value(text, fields.TITLE_LABELS) == Spanned("Stand der Digitalisierung", 9, 34)
    wrapped = "Betreff: Freies WLAN in\nder Innenstadt\n"
    found = fields.labelled_value(wrapped, fields.TITLE_LABELS)
    assert found is not None and found.value == "Freies WLAN in der Innenstadt"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("20090805", date(2009, 8, 5)), ("2009080510000028", date(2009, 8, 5)), ("20091305", None), ("12345678", None)],
)
def test_a_labelled_date_printed_as_a_database_prints_it(value: str, expected: date | None) -> None:
    text = f"Anfrage zum Breitband\n\nFragetext:\nWie ist der Stand?\n\nDatum: {value}\n"
    found = paper_dates.labelled(text)
    assert (found.value if found else None) == expected


def test_dates_printed_with_a_label_and_no_colon_or_below_the_kind_line() -> None:
    found = paper_dates.paper_date("ANTRAG\nDatum 11.11.2021\nBetreff Open Data\n")
    assert found is not None and found.value == date(2021, 11, 11)
    found = paper_dates.paper_date("Antrag der CDU-Fraktion\nvom 04.05.2020\n\nFreies WLAN in allen Schulen\n")
    assert found is not None and found.value == date(2020, 5, 4)


def test_a_date_after_a_session_or_a_body_is_not_the_papers() -> None:
    assert paper_dates.paper_date("Anfrage für die Stadtverordnetenversammlung vom 19. Mai 2022\nText\n") is None
    session = "Einführung eines Ratsinformationssystems\nSitzung des Stadtrates, 24.07.2018\n"
    assert paper_dates.paper_date(session) is None


def test_a_cited_papers_date_on_the_line_below_it_is_not_the_papers() -> None:
    text = "Sitzungsvorlage\nBetreff: Beitritt\nAntrag Nr. 14-20 / A 04783 der Fraktion\nvom 13.12.2018\n"
    assert paper_dates.of_kind_line(text) is None


def test_a_kind_line_names_its_subject_after_betreffend() -> None:
    text = "Anfrage für die Stadtverordnetenversammlung vom 19. Mai 2022 betreffend Onlinezugangsgesetz (OZG)\n\nText."
    found = cues.title(text)
    assert found is not None and found.value == "Onlinezugangsgesetz (OZG)"


def test_a_recorded_decision_without_a_body_decides() -> None:
    paper = Motion(0, 10)
    paper.consultations = [Consultation(None, 0, 10, result=Spanned("adopted", 0, 5))]
    papers.infer_roles(paper)
    assert paper.consultations[0].role is not None and paper.consultations[0].role.value == "decision"
    referred = Motion(0, 10)
    referred.consultations = [Consultation(None, 0, 10, result=Spanned("referred", 0, 5))]
    papers.infer_roles(referred)
    assert referred.consultations[0].role is None


@pytest.mark.parametrize("entry", entries("kinds", "section"))
def test_a_paper_with_a_vorlages_sections_and_no_submitter_is_the_administrations(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = papers.administration_kind(Motion(0, len(text)), text)
    assert found is not None and found.value == entry["kind"]


def _kind_recorded(text: str, outcome: str, submitter: ActorMention | None = None) -> str | None:
    """The administration's kind of a paper over all of `text` whose one consultation records `outcome`."""
    paper = Motion(0, len(text))
    paper.consultations = [Consultation(None, 0, 10, result=Spanned(outcome, 11, 32))]
    paper.submitters = [submitter] if submitter is not None else []
    found = papers.administration_kind(paper, text)
    return found.value if found is not None else None


def test_minutes_of_a_decision_name_the_motion_or_else_the_administrations_proposal() -> None:
    text = "Beschluss: einstimmig beschlossen\nDamit ist der Antrag mit 10 Ja-Stimmen beschlossen.\n"
    assert _kind_recorded(text, "adopted") == "motion"
    plain = "Beschluss: einstimmig beschlossen\nDer Gemeinderat beschließt den Ausbau.\n"
    assert _kind_recorded(plain, "adopted") == "draft-resolution"
    faction = ActorMention("faction", "Fraktion SPD", "SPD-Fraktion", 0, 3)
    assert _kind_recorded(plain, "adopted", faction) is None


def test_an_information_taken_note_of_is_the_administrations_unless_it_answered_questions_asked_aloud() -> None:
    text = "Beschluss: zur Kenntnis genommen\n\nDie Breitbandberatung erstellt die Ausschreibungsunterlagen.\n"
    assert _kind_recorded(text, "noted") == "draft-resolution"
    asked = text + "Herr Peters erkundigt sich, wann der Ausbau beginnt.\nDer Bürgermeister erklärt, im Mai.\n"
    assert _kind_recorded(asked, "noted") is None


# -- who puts a paper forward


def test_a_faction_page_that_names_one_faction_is_that_factions() -> None:
    text = "Kostenfreies WLAN in der Innenstadt\n\nNach Auffassung der FDP-Ratsfraktion steigert WLAN die Qualität.\n"
    paper = Motion(0, len(text), kind=Spanned("motion", 0, 4))
    assert [m.name for m in cues.sole_faction(paper, text)] == ["Fraktion FDP"]
    two = text + "Die CDU-Fraktion sieht das anders.\n"
    assert cues.sole_faction(Motion(0, len(two), kind=Spanned("motion", 0, 4)), two) == []
    assert cues.sole_faction(Motion(0, len(text), kind=Spanned("draft-resolution", 0, 4)), text) == []


def test_the_one_party_a_report_joins_to_its_paper_puts_it_forward() -> None:
    text = "Einstimmig folgte der Rat dem SPD-Antrag, nachdem CDU-Chef Reintjes eine Pause gewünscht hatte.\n"
    paper = Motion(0, len(text), kind=Spanned("motion", 0, 4))
    assert [m.name for m in cues.sole_faction(paper, text)] == ["Fraktion SPD"]
    two = text + "Der FDP-Antrag fand keine Mehrheit.\n"
    assert cues.sole_faction(Motion(0, len(two), kind=Spanned("motion", 0, 4)), two) == []


def test_a_group_of_the_council_named_by_the_council_is_no_faction() -> None:
    text = "Eine Fraktion der BVV betreibt seit Jahren einen Hotspot. Die Fraktion der SPD beantragt mehr."
    assert [m.name for m in fields.factions_in(text, 0, len(text))] == ["Fraktion SPD"]


def test_a_known_party_and_fraktion_joined_by_a_space_is_a_faction() -> None:
    assert [m.name for m in fields.factions_in("Die SPD Fraktion hat beantragt", 0, 30)] == ["Fraktion SPD"]
    assert fields.factions_in("Die Fraktion hat beantragt", 0, 26) == []


# -- subject lines on pages without labels


def test_a_subject_line_is_not_taken_for_a_persons_name() -> None:
    text = "Ausstattung von Schulen\n\nAnfragen & Antworten\n\nSehr geehrter Herr Oberbürgermeister,\n"
    found = cues.title(text)
    assert found is not None and found.value == "Ausstattung von Schulen"
    signed = "Dr. Kurt Duwe\n\nWLAN-Versorgung der Innenstadt\n\nText."
    found = cues.title(signed)
    assert found is not None and found.value == "WLAN-Versorgung der Innenstadt"


@pytest.mark.parametrize(
    "line",
    [
        "OpenData Osnabrück (Zählgemeinschaft SPD-Fraktion/Fraktion Bündnis 90/Die Grünen)",
        "OpenData Osnabrück (öffentlich)",
    ],
)
def test_a_note_in_brackets_on_who_submits_or_the_status_is_not_part_of_the_subject(line: str) -> None:
    found = cues.title(f"{line}\n\nFür eine aktive Beteiligung von Bürgerinnen und Bürgern ist das wichtig.\n")
    assert found is not None and found.value == "OpenData Osnabrück"


def test_a_note_in_brackets_that_belongs_to_the_subject_stays() -> None:
    found = cues.title("Einführung des Onlinezugangsgesetzes (OZG)\n\nText folgt hier.\n")
    assert found is not None and found.value == "Einführung des Onlinezugangsgesetzes (OZG)"


def test_an_agenda_item_that_opens_with_its_paper_dates_it() -> None:
    opening = "Sachvortrag:\nDen Antrag der SPD/Aktives Bürgerforum vom 22.11.2017 hat der Gemeinderat erhalten."
    found = paper_dates.of_opening_sentence(opening)
    assert found is not None and found.value == date(2017, 11, 22)
    later = "Die Stadt plant viel. Den Antrag der SPD vom 22.11.2017 lehnen wir ab."
    assert paper_dates.of_opening_sentence(later) is None


def test_a_statement_headed_between_dashes_is_on_the_paper_named_under_its_heading() -> None:
    from ingest.genres.allris import read_printout

    text = (
        "Art:Mitteilung\nDatum:11.06.2015\nBetreff:Kostenfreies WLAN in den Unterkünften\n"
        "- Stellungnahme der Verwaltung -\nReferenzvorlage: 2015/177\n\nDie Verwaltung hat andere Kommunen befragt.\n"
    )
    paper = read_printout("generic", text).main
    assert paper is not None and paper.reference is not None and paper.reference.value == "2015/177"


@pytest.mark.parametrize(
    "head",
    ["Antrag zum Haushalt 2019/2020 der SPD-Fraktion", "Antrag zur Infrastruktur 30. Juni 201925. Oktober 2022"],
)
def test_a_year_range_or_two_dates_run_together_are_no_papers_number(head: str) -> None:
    assert cues.head_reference(head + "\n\nDie Fraktion beantragt, …") is None


@pytest.mark.parametrize(
    ("text", "reference"),
    [("Der Beschluss wurde einstimmig angenommen.\n\nBeschlussnummer 75/11/2025\n", "75/11/2025"),
     ("Umsetzung des Digitalpakt Schule\nVorlage\nGR 082 / 2020\nArt\nBeschlussvorlage\n", "GR 082 / 2020")],
)  # fmt: skip
def test_a_number_no_calendar_holds_or_with_spaces_round_its_slash_is_a_reference(text: str, reference: str) -> None:
    found = [*fields.references(text), *filter(None, [cues.head_reference(text, 0, len(text))])]
    assert [ref.value for ref in found] == [reference]
    assert fields.references("Beschlussnummer 12/11/2025\n") == []  # a date


def test_an_inquirys_number_labelled_with_a_hyphen_is_its_own() -> None:
    text = "Anfrage zur Sitzung des Hauptausschusses\nBreitbandausbau\n\nAnfrage-Nr.: F9-035-16\n\nSehr geehrter Herr"
    found = fields.own_reference(text)
    assert found is not None and found.value == "F9-035-16"


@pytest.mark.parametrize(
    "text",
    [
        "Die Gemeindevertretung beauftragt die Gemeindeverwaltung\n\n1. bis zur nächsten Sitzung zu prüfen",
        "Mitteilungen des Bürgermeisters\n22. Sitzung des Stadtrates\n",
    ],
)
def test_no_title_where_the_text_opens_with_a_resolution_a_standing_item_or_a_session(text: str) -> None:
    assert cues.title(text) is None


def test_a_letter_to_the_mayor_that_asks_for_a_resolution_is_a_motion() -> None:
    letter = "Die Verwaltung wird beauftragt, eine App anzubieten.\nSehr geehrter Herr Bürgermeister,\nwir bitten …"
    found = cues.letter_kind(letter)
    assert found is not None and found.value == "motion"
    report = "Die Verwaltung wird beauftragt, eine App anzubieten.\nDer Rat hat das am Montag beschlossen."
    assert cues.letter_kind(report) is None


def test_a_reports_headline_is_no_title_but_stands_for_a_paper_nothing_else_names() -> None:
    text = "Große Mehrheit entscheidet sich für kostenloses Netz\n\nDie Stadt bekommt ein öffentliches WLAN."
    assert cues.title(text) is None
    found = cues.reported_headline(text)
    assert found is not None and found.value == "Große Mehrheit entscheidet sich für kostenloses Netz"
    prose = "Der Ortsbürgermeister stellt fest, dass der Rat fristgerecht eingeladen wurde.\n\nAnwesend: alle."
    assert cues.reported_headline(prose) is None


@pytest.mark.parametrize("key", ["byline_example", "credit_example"])
def test_a_page_that_names_its_author_or_credits_a_photo_is_a_report(key: str) -> None:
    (entry,) = entries("chrome", "report")
    report = str(entry[key])
    assert cues.reads_as_report(report)
    marked = next(line for line in report.splitlines() if line.startswith("Von") or "Foto:" in line)
    assert not cues.reads_as_report(report.replace(marked, ""))  # the same page without the mark
    graph = graph_of(report, city="Kelheim", name="seite.txt")
    from councilgraph.namespaces import DCTERMS

    assert list(graph.objects(None, DCTERMS.title)) == []  # the headline is the report's


def test_a_page_that_reports_on_a_paper_keeps_no_headline_as_its_title() -> None:
    (entry,) = entries("chrome", "report")
    report, paper = str(entry["example"]), str(entry["paper_example"])
    assert cues.reads_as_report(report) and not cues.reads_as_report(paper)
    from councilgraph.namespaces import DCTERMS

    def titles(text: str) -> list[str]:
        graph = graph_of(text, city="Kleve", name="seite.txt")
        return [str(t) for t in graph.objects(None, DCTERMS.title)]

    assert titles(report) == []
    assert titles(paper) == ["Freies WLAN in der Innenstadt"]


def test_minutes_number_their_items_without_top_after_the_public_parts_heading() -> None:
    text = (
        "Niederschrift über die Sitzung des Gemeinderates am 07.03.2023\n\nI. Öffentlicher Teil\n\n"
        "1.   Glasfaserausbau\n\nDer Ortsbürgermeister leitet zum Thema ein.\n\n"
        "2.   Der Rat nimmt den Bericht zur Kenntnis.\n\nSeite 2\n\n3\n"
    )
    papers_found = _minutes_papers(text)
    assert [(p.title.value if p.title else None) for p in papers_found] == ["Glasfaserausbau"]
    (consultation,) = papers_found[0].consultations
    assert consultation.agenda_item is not None and consultation.agenda_item.value == "1"
    assert consultation.date is not None and consultation.date.value.isoformat() == "2023-03-07"


def test_numbers_that_do_not_rise_from_the_agendas_first_items_count_a_lists_lines() -> None:
    text = (
        "Niederschrift über die Sitzung des Gemeinderates am 07.03.2023\n\nI. Öffentlicher Teil\n\n"
        "1.   Glasfaserausbau\n\nDer Ortsbürgermeister leitet zum Thema ein.\n\n"
        "2.   Heimatpreis\n\nAls Kriterien legt der Rat folgende fest:\n\n"
        "  1. Brauchtumspflege\n  2. Heimat\n"
    )
    assert [(p.title.value if p.title else None) for p in _minutes_papers(text)] == ["Glasfaserausbau", "Heimatpreis"]
    fees = "Sitzung des Gemeinderates am 07.03.2023\n\nÖffentlicher Teil\n\n10 Jahre 75,00 Euro\n20 Jahre 100,00 Euro\n"
    assert _minutes_papers(fees) == []


def test_a_sentence_about_agenda_items_heads_no_item() -> None:
    text = (
        "Niederschrift über die Sitzung des Stadtrates\n\nTOP 5 Glasfaserausbau\n\nBeschluss: einstimmig\n\n"
        "TOP 14, 15 und 16 werden zusammen beraten\n\nTOP 32 wird in den Bauausschuss überwiesen\n\n"
        "TOP 19 und 20 werden getrennt abgestimmt\n"
    )
    assert [(p.title.value if p.title else None) for p in _minutes_papers(text)] == ["Glasfaserausbau"]


def test_an_agenda_item_after_a_dash_is_titled_without_it_and_a_range_of_items_heads_none() -> None:
    text = (
        "Aus der Gemeindevertretung vom 10.03.2020\n\n"
        "TOP 1 – 2 der Tagesordnung beinhalten formale Feststellungen zu Sitzungsbeginn\n\n"
        "TOP 12.3 – Beschluss der 2. Änderungssatzung zur Straßenreinigungssatzung\n\nMehrheitlich angenommen.\n\n"
        "TOP 12.4. - Beschluss zur Verbesserung der Hannoverschen Straße\n\nEinstimmig beschlossen.\n"
    )
    found = _minutes_papers(text)
    assert [(p.title.value if p.title else None) for p in found] == [
        "Beschluss der 2. Änderungssatzung zur Straßenreinigungssatzung",
        "Beschluss zur Verbesserung der Hannoverschen Straße",
    ]
    items = [c.agenda_item.value for p in found for c in p.consultations if c.agenda_item]
    assert items == ["12.3", "12.4"]


def _minutes_papers(text: str) -> list[Motion]:
    source = SourceText(path=Path("x.txt"), text=text, media_type="text/plain", encoding="utf-8", sha256="0" * 64)
    return minutes.Minutes().extract(source).motions


SESSION_AGENDA = (
    "Sitzung\nSTV/033/2020\nGremium\nStadtverordnetenversammlung\nDatum\n12.11.2020\nZeit\n18:00 Uhr\n\n"
    "Öffentlicher Teil:\n\nÖ 1\nFragestunde\n \nÖ 1.1\n"
    "Anfrage gem. § 30 GO des Stv. Dr. Preiß vom 26.10.2020 - Raumfilter -\n\n"
    "Beschluss: Zur Kenntnis genommen\n\nANF/2519/2020\nÖ 2\n"
    "Verleihung der Ehrenbezeichnung Stadtälteste/Stadtältester\n- Antrag des Magistrats vom 18.03.2020 -\n\n"
    "Beschluss: Einstimmig beschlossen\n\nSTV/2157/2020\n"
)


def test_a_session_agenda_with_its_decisions_names_each_paper_under_its_item() -> None:
    """SessionNet's session page: the item's number, a line naming the paper (kind, submitter, date,
    subject between dashes), the decision, the paper's number on a line of its own."""
    assert minutes.Minutes().detect(SESSION_AGENDA) >= 0.35
    source = SourceText(Path("si0057.txt"), SESSION_AGENDA, "text/plain", "utf-8", "0" * 64)
    inquiry, draft = minutes.Minutes().extract(source).motions
    assert inquiry.reference is not None and inquiry.reference.value == "ANF/2519/2020"
    assert inquiry.kind is not None and inquiry.kind.value == "inquiry"
    assert inquiry.date is not None and inquiry.date.value == date(2020, 10, 26)
    assert inquiry.title is not None and inquiry.title.value == "Raumfilter"
    assert [s.name for s in inquiry.submitters] == ["Preiß"]
    (asked,) = inquiry.consultations
    assert asked.body is not None and asked.body.name == "Stadtverordnetenversammlung"
    assert asked.date is not None and asked.date.value == date(2020, 11, 12)
    assert asked.agenda_item is not None and asked.agenda_item.value == "Ö 1.1"
    assert asked.role is not None and asked.role.value == "acknowledgement"
    assert asked.result is not None and asked.result.value == "noted"
    assert draft.reference is not None and draft.reference.value == "STV/2157/2020"
    assert draft.title is not None and draft.title.value == "Verleihung der Ehrenbezeichnung Stadtälteste/Stadtältester"
    assert draft.date is not None and draft.date.value == date(2020, 3, 18)
    assert draft.consultations[0].result is not None and draft.consultations[0].result.value == "adopted"


def test_an_agenda_item_headed_top_in_small_letters_names_its_paper_with_the_subject_after_the_clauses() -> None:
    """ "Top 2 Antrag der … vom …, eingegangen … am …, Subject": the item heading as printed in
    small letters, the paper's kind, date and submitter, the subject after the dated clauses; the
    approval of the last minutes is the session's own business."""
    text = (
        "Sitzung des Stadtrates\n"
        "Top 1 Genehmigung der Niederschrift der öffentlichen Sitzung vom 19.05.2022\n"
        "Abstimmung: Einstimmig genehmigt\n"
        "Top 2 Antrag der SPD-Stadtratsfraktion vom 11.05.2022, eingegangen bei der Stadt am 12.05.2022, "
        "Einführung eines Jobtickets im VGN-Verbund\n"
        "Abstimmung: Einstimmig angenommen\n"
    )
    (paper,) = _minutes_papers(text)
    assert paper.title is not None and paper.title.value == "Einführung eines Jobtickets im VGN-Verbund"
    assert paper.kind is not None and paper.kind.value == "motion"
    assert paper.date is not None and paper.date.value == date(2022, 5, 11)
    assert [s.name for s in paper.submitters] == ["Fraktion SPD"]
    (consultation,) = paper.consultations
    assert consultation.agenda_item is not None and consultation.agenda_item.value == "2"


def test_a_body_is_named_by_a_council_or_committee_word_of_the_language_file_inside_a_compound() -> None:
    assert fields.BODY_WORD.search("Sitzung des Ortsgemeinderates Steinefrenz")
    assert fields.BODY_WORD.search("die Fachausschüsse")
    assert not fields.BODY_WORD.search("nach der Beratung im Rathaus")


def test_a_date_stamped_with_a_time_of_day_is_the_pages_not_the_papers() -> None:
    stamped = "Antrag der Linken\n\nDonnerstag, 08. März 2018, 09:38 Uhr\n\nDie Linke beantragt"
    assert paper_dates.paper_date(stamped) is None
    found = paper_dates.paper_date("Antrag der Linken\n\n08. März 2018\n\nDie Linke beantragt")
    assert found is not None and found.value == date(2018, 3, 8)


def test_a_standing_item_after_the_information_systems_prefix_is_no_title() -> None:
    text = "Auszug - Einwohnerfragestunde (gemäß § 15 Abs. 2 der Geschäftsordnung)\n\nSitzung der Stadtvertretung"
    assert cues.title(text) is None


def test_a_letter_to_an_office_holder_that_only_asks_questions_is_an_inquiry() -> None:
    letter = (
        "Sehr geehrter Herr Bürgermeister,\n\nder Kreis hat Bundesmittel für den Breitbandausbau erhalten.\n"
        "Wann werden die Außenbereiche angeschlossen?\nWelche Kosten entstehen der Stadt dabei?\n"
    )
    found = cues.letter_kind(letter)
    assert found is not None and found.value == "inquiry"
    assert cues.letter_kind(letter.replace("Welche Kosten entstehen der Stadt dabei?\n", "")) is None


def test_a_title_keeps_the_date_of_the_paper_it_prints_after_vom() -> None:
    text = "Digitale Ratssitzungen; Antrag der Fraktionen FDP, SPD vom 11.02.2021\n\nDaten angezeigt aus Sitzung:"
    found = cues.title(text)
    assert found is not None and found.value == "Digitale Ratssitzungen; Antrag der Fraktionen FDP, SPD vom 11.02.2021"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("WLAN-Hotspots\n\nAntrag gem. § 9 der GO des Rates\n", "WLAN-Hotspots"),
        ("papierlose Sitzungsunterlagen\nSehr geehrter Herr,\ndie SPD beantragt:", "papierlose Sitzungsunterlagen"),
    ],
)
def test_a_pages_first_line_may_be_one_compound_or_open_in_lower_case(text: str, subject: str) -> None:
    found = cues.title(text)
    assert found is not None and found.value == subject


def test_a_neighbour_named_once_in_running_text_does_not_outweigh_the_reports_dateline() -> None:
    text = "Freies WLAN\nLingen. Der Ausschuss befasst sich mit der Frage. " + "Der Antrag ist begründet. " * 20
    text += "Die Stadt Nordhorn hat das schon."
    assert _decided(text) == "lingen"


@pytest.mark.parametrize("label", fields.labels("reference"))
def test_every_reference_label_of_the_data_file_reads_the_number_after_it(label: str) -> None:
    text = f"{label} XY/0815/2024\nBetreff: Freies WLAN"
    assert [r.value for r in fields.references(text)] == ["XY/0815/2024"], text


def test_a_group_printed_under_a_combined_label_is_the_submitter_and_the_next_heading_no_part_of_it() -> None:
    text = "Antrag: WLAN\n\nPartei/Fraktion/Gruppierung: BÜNDNIS 90/DIE GRÜNEN\nAntragstext\nDie Stadt baut WLAN.\n"
    found = fields.labelled_value(text, fields.SUBMITTER_LABELS, 0, len(text))
    assert found is not None and found.value == "BÜNDNIS 90/DIE GRÜNEN"


def test_a_group_noun_with_der_before_the_party_names_a_faction() -> None:
    text = "Mit freundlichem Gruß\nFür die Gemeinderatsfraktion der Grünen Liste\nPetra Rupp-Wiese"
    assert [(m.printed, m.party) for m in fields.factions_in(text, 0, len(text))] == [
        ("Gemeinderatsfraktion der Grünen Liste", "Grünen Liste")
    ]


def test_a_partys_own_article_stays_in_its_name_in_a_list_of_submitters() -> None:
    text = "Ein Antrag der Fraktionen von SPD/Die Grünen und Die Linke fand bei der Sitzung Zustimmung."
    assert [m.printed for m in cues.submitters(text, 0, len(text))] == ["SPD/Die Grünen", "Die Linke"]
    text = "Antrag der Fraktionen der SPD und der FDP: Freies WLAN"
    assert [m.printed for m in cues.submitters(text, 0, len(text))] == ["SPD", "FDP"]


def test_a_councils_or_an_administrations_name_with_its_place_is_no_subject() -> None:
    from ingest.language import bodies

    assert bodies.is_a_body_or_administration("Gemeindevertretung Warnow")
    assert bodies.is_a_body_or_administration("Amt Bornhöved")
    assert not bodies.is_a_body_or_administration("Fachausschuss Digitales")  # the committee a motion may ask for
    assert not bodies.is_a_body_or_administration("Stadtrat im Livestream")


def test_a_date_after_a_partys_name_ends_the_name() -> None:
    text = "Entsprechend stellte die CDU im Juni 2020 einen Antrag auf Optimierung der Digitalisierung."
    assert [m.printed for m in cues.submitters(text, 0, len(text))] == ["CDU"]


def test_a_session_asked_for_in_capitals_is_read() -> None:
    text = "ANTRAG ZUR SITZUNG DER GEMEINDEVERTRETUNG AM 09.11.2021\n\nDie Gemeindevertretung beauftragt die Stadt."
    found = cues.intended_sessions(text)
    assert [(c.body.name if c.body else None, str(c.date.value) if c.date else None) for c in found] == [
        ("Gemeindevertretung", "2021-11-09")
    ]
    abbreviated = "Antrag zur Sitzung des HWFA am 02.06.2016"
    assert [c.body.name for c in cues.intended_sessions(abbreviated) if c.body] == ["HWFA"]


@pytest.mark.parametrize(
    ("text", "dated"),
    [("02.07.2020\nAntrag zur Einführung einer Bürger-App\n\nDie Fraktion beantragt, eine App einzuführen.\n",
      False),
     ("23. Mai 2019\n\nAn Herrn\nOberbürgermeister Thomas Geisel\n\nAntrag zur Einführung einer Bürger-App\n\n"
      "Die Fraktion beantragt, eine App einzuführen.\n", True),
     ("26.06.2023\n\nAntrag zur Wärmeplanung\n\nDie SPD-Fraktion beantragt einen Projektträger.\n\n"
      "26.06.2023: Antrag des RH Kurku für die SPD-Fraktion zur Wärmeplanung\n", True),
     ("18. November 2022\n\nAnfrage der Grünen Fraktion zur Digitalisierung\n\nSehr geehrte Frau Hein,\n"
      "wir bitten um die Beantwortung folgender Fragen:\n", True)],
)  # fmt: skip
def test_a_date_alone_at_a_pages_head_is_the_posts_unless_a_letter_follows(text: str, dated: bool) -> None:
    """Gold guideline 12: a website's post date is not the paper's; a letter's date line is (also over
    the letter's kind line), and so is a date that the page prints again before the paper's kind word."""
    graph = graph_of(text, city="Bochum", name="antrag.txt")
    (paper,) = graph.subjects(CG.kind, None)
    assert (graph.value(paper, DCTERMS.date) is not None) is dated


@pytest.mark.parametrize("entry", entries("dating", "posted"))
def test_each_posted_date_example_leaves_its_paper_undated(entry: dict[str, object]) -> None:
    graph = graph_of(str(entry["example"]), city="Bochum", name="post.txt")
    (paper,) = graph.subjects(CG.kind, None)
    assert graph.value(paper, DCTERMS.date) is None


@pytest.mark.parametrize(
    ("text", "titled"),
    [("Keine Internet-Hotspots in Mendener Schulen\n\nDie Stadtverwaltung lehnt den Antrag der SPD-Fraktion auf "
      "Funk-Internet in den Mendener Schulen ab, sie hält ihn für zu teuer.\n", False),
     ("TOP 1: Projektstart – Glasfaser für Telgte\n\nDie Herren vom Kreis trugen zum Stand des Ausbauverfahrens vor, "
      "Fragen wurden beantwortet.\n", True),
     ("Digitalrat für Nürnberg\n\nAntrag der CSU-Stadtratsfraktion\n\nDie Verwaltung wird beauftragt, einen Digitalrat "
      "einzurichten.\n", True)],
)  # fmt: skip
def test_a_first_line_over_a_paragraph_of_running_text_is_a_reports_headline(text: str, titled: bool) -> None:
    graph = graph_of(text, city="Bochum", name="post.txt")
    papers = set(graph.subjects(CG.kind, None))
    assert papers
    assert any(graph.value(p, DCTERMS.title) is not None for p in papers) is titled


@pytest.mark.parametrize(
    ("text", "titled"),
    [("Neue Fraktion im Stadtrat\n\nAktuelles aus dem Rat\n\nIn der Sitzung am Montag hat der Rat den Antrag der "
      "SPD-Fraktion einstimmig beschlossen.\n", False),
     ("Neue Fraktion im Stadtrat\n\nAktuelles aus dem Rat\n\nAntrag der SPD-Fraktion\n\nIn der Sitzung am Montag hat "
      "der Rat den Antrag der SPD-Fraktion einstimmig beschlossen.\n", True),
     ("Hotspots im Gemeindegebiet\n\nBeratungsfolge\nGemeinderat 30.08.2016 ö beschließend\n\nDer Freistaat fördert "
      "den Aufbau von Hotspots. Der Gemeinderat hat den Antrag einstimmig beschlossen.\n", True),
     ("Weiterentwicklung zu einer Smart City\n\n23. Mai 2019\n\nAn Herrn\nOberbürgermeister Thomas Geisel\n\ndie "
      "Ratsfraktionen bitten Sie, folgenden Änderungsantrag auf die Tagesordnung des Rates zu nehmen:\n\nDer Rat "
      "beauftragt die Verwaltung mit der Erarbeitung einer Strategie.\n", True),
     ("Leitlinien für eine Smarte Stadt\n\n19.09.2019\n\nDie Ratsversammlung beschließt, dass künftig Leitlinien "
      "gelten.\n", True)],
)  # fmt: skip
def test_a_first_line_alone_titles_a_paper_only_where_the_page_shows_one(text: str, titled: bool) -> None:
    """Gold guideline 12: a page's first line over a menu and a report's sentences is its headline; a kind line,
    a header field of an information system, a letter's addressee or a resolution under it show a paper."""
    graph = graph_of(text, city="Bochum", name="post.txt")
    papers = set(graph.subjects(CG.kind, None))
    assert papers
    assert any(graph.value(p, DCTERMS.title) is not None for p in papers) is titled


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Gestern hat sich nun endlich der neue Stadtrat\nkonstituiert. Die Besetzung der Ausschüsse verlief\n"
      "unkompliziert.\n", None),
     ("Dort heißt es in Paragraf 3, Absatz 2: „Die Anträge sind schnellstmöglich zu behandeln.“\n\nMehr dazu.\n", None),
     ("Einführung einer Gebühr für die Nutzung\nder öffentlichen Parkplätze\n\nDer Rat möge beschließen: …\n",
      "Einführung einer Gebühr für die Nutzung")],
)  # fmt: skip
def test_a_line_that_opens_running_text_is_no_title(text: str, expected: str | None) -> None:
    """A line running on into a sentence, or a sentence ending in a quotation, is the text begun; a
    subject printed over two lines goes on with no sentence."""
    found = cues.title(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.value.startswith(expected)


def test_a_reports_head_is_counted_in_printed_lines_not_line_breaks() -> None:
    """A headline is one of the page's first lines however many empty lines the page puts between
    them: the credit example with its lines spread apart still keeps no title."""
    (entry,) = entries("chrome", "report")
    spread = str(entry["credit_example"]).replace("\n\n", "\n\n\n\n")
    spread = "Lokales\n\nKelheim\n\nStadtrat\n\n" + spread + " Der Antrag der SPD wurde einstimmig beschlossen."
    graph = graph_of(spread, city="Kelheim", name="seite.txt")
    assert list(graph.subjects(CG.kind, None))
    assert list(graph.objects(None, DCTERMS.title)) == []


@pytest.mark.parametrize(
    ("subject", "titled"),
    [("Anfrage zu Bearbeitungszeiten im Bauordnungsamt", True), ("Antrag der AfD abgelehnt", False),
     ("Bearbeitungszeiten im Bauordnungsamt", False)],
)  # fmt: skip
def test_a_report_keeps_a_subject_that_opens_with_its_papers_kind(subject: str, titled: bool) -> None:
    """Gold guideline 12: a report prints a paper's own title after "Antrag"/"Anfrage"; a headline
    that tells what became of the paper does not."""
    (entry,) = entries("chrome", "report")
    page = f"{subject}\n\nWie lang sind die Bearbeitungszeiten?\n" + str(entry["credit_example"]).split("\n\n", 1)[1]
    assert cues.reads_as_report(page)
    graph = graph_of(page, city="Kelheim", name="seite.txt")
    titles = [str(t) for t in graph.objects(None, DCTERMS.title) if str(t) == subject]
    assert bool(titles) is titled


@pytest.mark.parametrize(
    ("text", "titled"),
    [("Freies WLAN im Rathaus?\n\nDie Fraktionen stellen einen Antrag auf ein freies WLAN im Rathaus.\n", False),
     ("Freies WLAN im Rathaus?\n\nDer Rat möge beschließen: Im Rathaus wird ein freies WLAN eingerichtet.\n", True)],
)  # fmt: skip
def test_a_headline_asking_or_exclaiming_titles_no_paper_unless_the_page_prints_one(text: str, titled: bool) -> None:
    graph = graph_of(text, city="Bochum", name="post.txt")
    papers = set(graph.subjects(CG.kind, None))
    assert any(graph.value(p, DCTERMS.title) is not None for p in papers) is titled


@pytest.mark.parametrize(
    ("line", "tagged"),
    [("Gaildorf Die digitale Stadtbücherei", True), ("Kevelaer „Geheimsache Glasfaser“ wird öffentlich", True),
     ("Open Data für Köln", False), ("Digitale Schulen in der Stadt", False), ("Freies WLAN am Rathaus", False)],
)  # fmt: skip
def test_a_headline_after_the_town_a_news_site_files_from_is_place_tagged(line: str, tagged: bool) -> None:
    assert cues.place_tagged(line) is tagged


def test_a_number_after_see_or_compare_is_a_cited_paper_not_the_pages_own() -> None:
    for text in (
        "ALLRIS - Auszug\n\nDann verliest sie den Antrag der Gruppe (sh. AN/0321/22) und weist darauf hin.\n",
        "Antrag zum Livestream (vgl. AN/0321/22)\n",
    ):
        assert cues.head_reference(text) is None


def test_a_vorlage_whose_sections_say_that_funds_were_applied_for_is_a_draft_resolution() -> None:
    text = (
        "Betreff\nDigitalpakt Schule\nVorlage\nGR 082 / 2020\n\n"
        "1. Die Verwaltung wird beauftragt, den Digitalpakt umzusetzen.\n\n"
        "Sachverhalt:\nDie Schulen haben Mittel beantragt.\n"
    )
    assert _kind_of_the_paper(text) == "draft-resolution"


def test_a_kind_line_that_announces_the_subject_under_it_with_a_colon_gives_the_subject() -> None:
    text = (
        "Anfrage zum Streaming\n\nAnfrage gem. § 17 der Geschäftsordnung:\n"
        "„Übertragung von Rats- und Ausschusssitzungen“\n\n"
        "Sehr geehrter Herr Bürgermeister,\nwir fragen:\n"
    )
    found = fields.title_after_kind_line(text, 0, len(text))
    assert found is not None and found.value == "Übertragung von Rats- und Ausschusssitzungen"


def test_an_agenda_items_page_whose_paper_no_one_puts_forward_is_the_administrations_draft() -> None:
    page = "TOP Ö 4: BayernWLAN und Public WiFi in der Gemeinde\nDie Verwaltung stellt das Programm vor.\n"
    assert _kind_of_the_paper(page) == "draft-resolution"
    assert _kind_of_the_paper("TOP Ö 5: Freies WLAN\nDer Antrag der SPD-Fraktion wird beraten.\n") == "motion"


def _kind_of_the_paper(text: str) -> str:
    """The kind slug of the one paper extracted from `text`."""
    graph = graph_of(text, city="Bochum")
    (paper,) = graph.subjects(CG.kind, None)
    return str(graph.value(paper, CG.kind)).rsplit("/", 1)[-1]


def test_a_number_after_the_vorlage_label_is_the_papers_with_its_letters() -> None:
    header = "Vorlage: NR  271  \nFraktion/Partei: CDU, GRÜNE\n"
    assert [r.value for r in fields.references(header, 0, len(header))] == ["NR 271"]
    spaced = "Vorlage\nGR 082 / 2020\nArt\nDrucksache GR\n"
    assert "GR 082" not in [r.value for r in fields.references(spaced, 0, len(spaced))]
    assert fields.references("Vorlage: Freies WLAN 2020\n", 0, 25) == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Initiator:Grüne/SPD \n", ["Fraktion Grüne", "Fraktion SPD"]),
        ("Initiator:Die Fraktion PIRATENBezirksamt\n", ["Fraktion PIRATEN"]),
        ("Initiator:PiratenBzBm Kleebank\n", ["Fraktion Piraten"]),
        ("Initiator:SPD/Volt-Fraktion\n", ["Fraktion SPD/Volt"]),
    ],
)
def test_an_initiator_label_names_the_groups_a_flattened_header_prints(line: str, names: list[str]) -> None:
    assert [m.name for m in cues.labelled_initiators(line, 0, len(line))] == names


def test_the_drafters_of_an_allris_paper_with_an_initiator_are_named_not_signatories() -> None:
    text = (
        "Drucksache - 1338/4\n\nBetreff: W-Lan für den gesamten Bezirk\nStatus:öffentlich\nInitiator:Grüne/SPD \n"
        "Verfasser:Dr.Vandrey/Wapler/Gusy \nDrucksache-Art:Antrag\n\nDie BVV möge beschließen:\n\n"
        "Das Bezirksamt wird gebeten, W-Lan für den gesamten Bezirk zu schaffen.\n"
    )
    graph = graph_of(text, city="Berlin", name="1338.txt")
    (motion,) = graph.subjects(CG.kind, None)
    submitters = sorted(str(graph.value(s, CG.party)) for s in graph.objects(motion, CG.submittedBy))
    assert submitters == ["Grüne", "SPD"]
    assert list(graph.objects(motion, CG.signedBy)) == []
    named = {str(graph.value(p, FOAF.name)) for p in graph.subjects(RDF.type, CG.Person)}
    assert {"Vandrey", "Wapler", "Gusy"} <= named


def test_a_labelled_value_ends_before_the_next_bullet_of_a_list() -> None:
    text = "Anträge der FRAKTION\n\n  • Titel: Einrichtung eines Digitalausschusses\n  • Antragssteller*in: FRAKTION\n"
    value = fields.labelled_value(text, fields.TITLE_LABELS, 0, len(text))
    assert value is not None and value.value == "Einrichtung eines Digitalausschusses"


@pytest.mark.parametrize(
    ("header", "names"),
    [
        (
            "Antragsdatum: 23.10.2025\nAntragstellerin: Erna Beispiel\n"
            "Partei/Fraktion/Gruppierung: BÜNDNIS 90/DIE GRÜNEN\n",
            ["Erna Beispiel", "Fraktion BÜNDNIS 90/DIE GRÜNEN"],
        ),
        ("Einreicher: Fraktion DIE LINKE\nAntragsteller: Fraktion DIE LINKE\n", ["Fraktion DIE LINKE"]),
        ("Antragsteller: Erna Beispiel\nBetreff: Offene Daten\nFraktion: SPD\n", ["Erna Beispiel"]),
    ],
)
def test_a_submitter_field_and_the_group_field_right_below_it_both_name_who_put_the_paper_forward(
    header: str, names: list[str]
) -> None:
    assert [m.name for m in fields.submitter_from_label(header, 0, len(header))] == names
    initiators = cues.labelled_initiators(header, 0, len(header))
    assert [m.name for m in initiators] == names


def test_an_agenda_items_paper_line_gives_the_paper_its_number() -> None:
    text = (
        "Auszug - Sanierung des Tribünengebäudes unterstützen!  \n\n25. öffentliche Sitzung des Sportausschusses\n"
        "TOP: Ö 4.2\nGremium: Sportausschuss\n1265/II Sanierung des Tribünengebäudes unterstützen!\n   \n"
        "Drucksache-Art:Antrag\n\nDer Antrag wurde einstimmig angenommen.\n"
    )
    subject = cues.title(text)
    assert subject is not None and subject.value == "Sanierung des Tribünengebäudes unterstützen!"
    number = cues.number_after_subject(text, subject)
    assert number is not None and number.value == "1265/II"
    graph = graph_of(text, city="Berlin", name="to020.txt")
    assert [str(o) for o in graph.objects(None, DCTERMS.identifier)] == ["1265/II"]


@pytest.mark.parametrize(
    ("line", "number", "subject"),
    [
        (
            "  • RA 547/2019: Zustand der Arbeitsräume im Rathaus\n",
            "RA 547/2019",
            "Zustand der Arbeitsräume im Rathaus",
        ),
        ("RA-301/2021: Umsetzung Beschluss BA-055/2018\n", "RA-301/2021", "Umsetzung Beschluss BA-055/2018"),
        ("Hinweis: Zustand der Arbeitsräume\n", None, None),
        ("Juni 2019: Zustand der Arbeitsräume\n", None, None),
    ],
)
def test_a_subject_line_that_opens_with_the_papers_number_gives_both(
    line: str, number: str | None, subject: str | None
) -> None:
    s, e = line.index(line.strip()[0]), len(line.rstrip())
    found = cues.number_before_subject(line, Spanned(line[s:e], s, e))
    if number is None:
        assert found is None
    else:
        assert found is not None and (found[0].value, found[1].value) == (number, subject)


@pytest.mark.parametrize(
    ("after", "subject"),
    [
        ("Breitbandausbau in Hamburg Der Senat beantwortet die Anfrage wie folgt:", "Breitbandausbau in Hamburg"),
        ("WLAN in Flüchtlingseinrichtungen Berichten zufolge haben viele WLAN.", "WLAN in Flüchtlingseinrichtungen"),
        (
            "Digitalisierung an Schulen – Wie weit ist Hamburg? Wie das Institut mitteilte, nutzen wenige Computer.",
            "Digitalisierung an Schulen – Wie weit ist Hamburg?",
        ),
    ],
)
def test_an_inline_subject_of_a_joined_print_ends_where_its_text_begins(after: str, subject: str) -> None:
    text = "Drucksache 21/2987 Schriftliche Kleine Anfrage vom 25.01.16 und Antwort des Senats Betr.: " + after
    found = cues.inline_subject(text)
    assert found is not None and found.value == subject


@pytest.mark.parametrize(
    ("header", "names"),
    [
        ("Fraktion/Partei: CDU, GRÜNE   \nDatum: 13.03.2012\n", ["Fraktion CDU", "Fraktion GRÜNE"]),
        ("Antragsteller: SPD und FDP\n", ["Fraktion SPD", "Fraktion FDP"]),
        ("Antragsteller: Erna Beispiel, Max Muster\n", ["Erna Beispiel", "Max Muster"]),
    ],
)
def test_a_submitter_field_that_lists_parties_names_each_group(header: str, names: list[str]) -> None:
    assert [m.name for m in fields.submitter_from_label(header, 0, len(header))] == names


def test_a_parliaments_print_titles_its_inquiry_after_the_words_that_name_the_print() -> None:
    text = (
        "Drucksache 17 / 14 553 Schriftliche Anfrage 17. Wahlperiode Schriftliche Anfrage des Abgeordneten Erna "
        "Beispiel (GRÜNE) vom 15. September 2014 (Eingang beim Abgeordnetenhaus am 16. September 2014) und Antwort "
        "Freies WLAN in Berlin: Stand und Fortgang? Die Drucksachen des Abgeordnetenhauses sind zu beziehen."
    )
    found = cues.inline_subject(text)
    assert found is not None and found.value == "Freies WLAN in Berlin: Stand und Fortgang?"
    answered = "Kleine Anfrage der Abgeordneten Erna Beispiel (FDP) und Antwort des Senats Betr.: WLAN in Schulen"
    subject = cues.inline_subject(answered)
    assert subject is not None and subject.value == "WLAN in Schulen"


def test_a_prints_page_title_gives_its_number_of_any_shape() -> None:
    """An information system's page of a print, titled "Drucksache - 1338/4" (a district's number and
    its term): the number after the dash, alone on the line, is the paper's reference."""
    text = (
        "Drucksache - 1338/4  \n\nBetreff: W-Lan für den gesamten Bezirk\nStatus:öffentlich\nDrucksache-Art:Antrag\n\n"
        "Die BVV möge beschließen: Das Bezirksamt wird ersucht, ein freies WLAN einzurichten.\n"
    )
    graph = graph_of(text, city="Berlin", name="vo020.txt")
    assert [str(graph.value(p, DCTERMS.identifier)) for p in graph.subjects(CG.kind, None)] == ["1338/4"]


def test_a_report_titles_a_paper_by_its_quoted_subject_even_where_it_prints_its_number() -> None:
    """A number the report prints beside the quote ("(A0554/19)") comes from no printout's title field:
    the quote is still the only title the paper has."""
    page = (
        "WLAN für alle: Antrag der SPD-Fraktion in der Umsetzung\n\nPRESSEMITTEILUNG\n20. Februar 2020\n\n"
        "In einer ersten Beschlusskontrolle zu dem Antrag der SPD-Fraktion „Freies WLAN an allen"
        " Verwaltungsstellen“ (A0554/19) erklärt die Verwaltung, dass bis 2023 ein WLAN bereitgestellt wird.\n"
    )
    graph = graph_of(page, city="Dresden", name="seite.txt")
    assert "Freies WLAN an allen Verwaltungsstellen" in [str(t) for t in graph.objects(None, DCTERMS.title)]


def test_the_kind_line_below_a_pages_lead_carries_the_papers_subject() -> None:
    text = (
        "Unsere Fraktion setzt sich für die Stadt ein. Hier finden Sie unsere Anträge.\n\n"
        "Antrag: Freies WLAN am Marktplatz\n\n"
        "Die Fraktion beantragt, am Marktplatz ein freies WLAN einzurichten.\n"
    )
    assert cues.title(text) is None  # the head's lines end where the lead's running text begins
    found = cues.subject_of_its_kind_line(text, text.index("Antrag:"))
    assert found is not None and found.value == "Freies WLAN am Marktplatz"
    from councilgraph.namespaces import DCTERMS

    graph = graph_of(text, city="Kleve", name="seite.txt")
    assert [str(t) for t in graph.objects(None, DCTERMS.title)] == ["Freies WLAN am Marktplatz"]
    sentence = text.replace("Antrag: Freies WLAN am Marktplatz", "Der Antrag wurde gestern im Rat beraten.")
    assert cues.subject_of_its_kind_line(sentence, sentence.index("Antrag wurde")) is None


@pytest.mark.parametrize("entry", [entry for table in entries_of("own_city").values() for entry in table])
def test_each_phrase_that_names_the_own_city_reads_its_example(entry: dict[str, object]) -> None:
    found = city.own_city(str(entry["example"]))
    assert found is not None and found[0].slug == entry["slug"], (entry["example"], found)


def test_a_town_whose_name_joins_two_with_a_slash_is_read_whole_and_an_unknown_pair_by_its_first() -> None:
    found = city.own_city("Beschlussvorlage\nDie Gemeindevertretung Elmenhorst/Lichtenhagen beschließt den Campus.")
    assert found is not None and found[0].slug == "elmenhorst-lichtenhagen"
    assert found[1].name == "Elmenhorst/Lichtenhagen"
    pair = city.own_city("Beschlussvorlage\nDie Gemeindevertretung Ahrensfelde/Blumberg beschließt den Campus.")
    assert pair is not None and pair[0].slug == "ahrensfelde"


def test_two_towns_named_alike_leave_the_own_city_to_other_cues() -> None:
    """A motion that holds up the rules of two neighbours ("der Gemeinde A oder der Gemeinde B") names
    neither as its own council's town; the town it names itself decides."""
    text = (
        "Antrag der SPD-Fraktion zur Sitzung der Gemeindevertretung\n\n"
        "Hierin sehen wir auch für Bickenbach eine gute Möglichkeit, die Seniorenarbeit in Bickenbach auszubauen.\n"
        "Als Muster können die Satzungen der Gemeinde Seeheim-Jugenheim oder der Gemeinde Alsbach-Hähnlein dienen.\n"
    )
    assert city.own_city(text) is None
    decided = city.decide(text)
    assert decided.city is not None and decided.city.slug == "bickenbach-darmstadt-dieburg"
