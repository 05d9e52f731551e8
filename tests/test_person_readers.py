"""Persons and submitters as councils print them, one rule per test (synthetic snippets)."""

from __future__ import annotations

import pytest

from councilgraph.namespaces import CG, FOAF, RDF
from ingest.actors import party_of, person
from ingest.genres import cues, people
from ingest.genres.people import attendance, bylines, full_names, prose_persons, signatures, signing_groups, speakers
from ingest.language import entries
from ingest.records import Spanned
from tests.extracted import graph_of


def _persons(text: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.position.value if m.position else None) for m in prose_persons(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Frau StRin Linhart fragt an, ob das möglich sei.", ("Linhart", "StRin")),
        ("RM Rippel stellt den Antrag seiner Fraktion vor.", ("Rippel", "RM")),
        ("Bezv. Dr. Lange verliest das Protokoll.", ("Lange", "Bezv.")),
        ("Der Vorsitzende OBM Dr. Janik erklärt, dass", ("Janik", "OBM")),
        ("Frau BzStR’in Schultze-Berndt erläutert die Lage.", ("Schultze-Berndt", "BzStR’in")),
        ("Hierzu erklärt Kristin Sturm, SPD-Stadträtin und Sprecherin:", ("Kristin Sturm", "SPD-Stadträtin")),
        ("Der Bürgermeister, Herr Beyer, beantwortet die Fragen.", ("Beyer", "Bürgermeister")),
        ("Die Vorsitzende, Frau Dr. Anke Schmidt, eröffnet die Sitzung.", ("Anke Schmidt", "Vorsitzende")),
        ("Der Vorsitzende des Stadtrates, Herr Kurze, eröffnet die Sitzung.", ("Kurze", "Vorsitzende des Stadtrates")),
        ("Sitzungsleitung: Klaus Hacker (1. Bürgermeister, Freie Wähler)", ("Klaus Hacker", "1. Bürgermeister")),
        ("Es sprach Klaus Hacker (Bürgermeister).", ("Klaus Hacker", "Bürgermeister")),
        ("Hr. Kamp gab bekannt, dass aktuell rund 40 Anträge vorliegen.", ("Kamp", None)),
    ],
)
def test_minutes_name_speakers_by_their_office(text: str, expected: tuple[str, str]) -> None:
    assert expected in _persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Der Stadtrat Herrieden beschließt einstimmig.",  # the body, not a councillor
        "Sehr geehrter Herr Vorsteher, sehr geehrte Damen und Herren,",  # an office, not a name
        "Sprecher Stadtplanungsausschuss",  # a body after an office
        "zu Ihrer Ratsanfrage teile ich Ihnen im Auftrag des Oberbürgermeisters Folgendes mit:",  # what follows
        "Stadtrat Dresden: Kurznachrichten aus der Sitzung",  # a council and its place
        "Ehrung der neu gewählten Gemeinderäte\n\nHier: Nachholung der Verpflichtung",  # the next paragraph
    ],
)
def test_bodies_and_bare_offices_are_not_persons(text: str) -> None:
    assert _persons(text) == []


def test_an_office_before_a_place_that_is_also_a_surname_names_the_person() -> None:
    text = "Joachim Buchholz (DIE LINKE) stellte Anträge, die von Gemeinderat Buchholz kämen."
    assert ("Buchholz", "Gemeinderat") in _persons(text)


def test_a_surname_in_the_genitive_is_the_person_named_without_it() -> None:
    text = "Herr Rösler erläutert den Antrag. Herr Menzel kritisiert den Vergleich Herrn Röslers mit der Stadt."
    assert [name for name, _ in _persons(text)] == ["Rösler", "Menzel", "Rösler"]
    assert [name for name, _ in _persons("Herr Andreas erläutert, Herr Klaus antwortet.")] == ["Andreas", "Klaus"]


def test_a_party_in_brackets_after_a_name_is_no_position() -> None:
    assert _persons("Es sprach Dominik Rieger (SPD) zuerst.") == [("Dominik Rieger", None)]


def test_a_signature_line_keeps_the_office_after_the_name_as_position() -> None:
    text = "Mit freundlichen Grüßen\n\ngez. Robert Bechstädt Stadtrat\ngez. Achim Werner Fraktionsvorsitzender\n"
    found = [(m.name, m.position.value if m.position else None) for m in signatures(text)]
    assert found == [("Robert Bechstädt", "Stadtrat"), ("Achim Werner", "Fraktionsvorsitzender")]


@pytest.mark.parametrize("entry", entries("chrome", "members"))
def test_a_factions_member_list_names_its_members_with_their_offices_and_no_signatories(
    entry: dict[str, object],
) -> None:
    listed = str(entry["example"])
    assert signatures(listed) == []
    members = [(m.name, m.position.value if m.position else None) for m in signatures(listed, members=True)]
    assert members == [("Felix Kalbe", "Fraktionsvorsitzender"), ("Albrecht Loth", "stellv. Fraktionsvorsitzender")]
    signed = str(entry["not_example"])
    assert [m.name for m in signatures(signed)] == ["Albrecht Loth"]


def test_a_closing_before_the_signers_name_is_no_part_of_it() -> None:
    text = "Sehr geehrter Herr Schmidt,\nwas kostet das?\n\nEuer Nico Beispiel\nStadtrat und Kreisvorsitzender\n"
    assert [m.name for m in signatures(text)] == ["Nico Beispiel"]


def test_the_group_after_a_signers_office_is_no_part_of_the_position() -> None:
    text = (
        "Mit freundlichen Grüßen\n\nSimon Sumbert\n\nStadtrat JUPI-Fraktion\n\n"
        "Sergio Schmidt\n\nFraktionsvorsitzender JUPI-Fraktion\n"
    )
    found = [(m.name, m.position.value if m.position else None) for m in signatures(text)]
    assert found == [("Simon Sumbert", "Stadtrat"), ("Sergio Schmidt", "Fraktionsvorsitzender")]


@pytest.mark.parametrize(
    ("printed", "name"),
    [("Ipsen von der", "Ipsen"), ("Mönkemeier zu Wort", "Mönkemeier"), ("Ursula von der Leyen", "Ursula von der Leyen"),
     ("Herzog-von der Heide", "Herzog-von der Heide"), ("Schultze-Berndt Stellung", None),
     ("Joachim Kandels zu Beginn", "Joachim Kandels")],
)  # fmt: skip
def test_particles_that_end_a_name_or_lead_to_no_name_are_the_sentences(printed: str, name: str | None) -> None:
    found = person(printed, 0, len(printed))
    assert (found.name if found else None) == name
    assert found is None or found.end == len(name or "")


def test_an_attendance_list_printed_surname_first_names_each_person_once() -> None:
    text = (
        "Vorsitz führte: Beispiel, Matthias Anwesend: Ratsmitglieder: CDU Muster, Patrick Probe, Tim "
        "vertritt: Test, Simon SPD Klein, Peter Sonne, Clemens\n"
    )
    names = {(m.name, m.printed) for m in attendance(text)}
    assert names == {
        ("Matthias Beispiel", "Beispiel, Matthias"),
        ("Patrick Muster", "Muster, Patrick"),
        ("Tim Probe", "Probe, Tim"),
        ("Simon Test", "Test, Simon"),
        ("Peter Klein", "Klein, Peter"),
        ("Clemens Sonne", "Sonne, Clemens"),
    }
    assert "Patrick Probe" not in [m.name for m in prose_persons(text)]  # no name across two entries


def test_names_printed_given_name_first_are_not_read_surname_first() -> None:
    text = "Antrag Stadtrats-Mitglieder Judith Beispiel, Gunda Muster, Thomas Probe, Peter Klein (Fraktion)"
    assert attendance(text) == []


@pytest.mark.parametrize(
    ("printed", "is_person"),
    [
        ("der Fluglärmkommission", False),
        ("Pfarreiengemeinschaft Heilig Geist Mülheim-Kärlich", False),
        ("Kevin Lenkeit", True),  # a surname may end like a noun
        ("Claudia Wieja", True),
    ],
)
def test_a_body_or_a_group_named_like_a_person_is_no_person(printed: str, is_person: bool) -> None:
    assert (person(printed, 0, len(printed)) is not None) == is_person


@pytest.mark.parametrize("gap", [30, 80])  # a line of names under 90 characters, and a wider one
def test_positions_side_by_side_under_names_side_by_side_are_parted_by_their_gaps(gap: int) -> None:
    text = (
        "Text des Antrags.\n\nMit freundlichen Grüßen\n\n"
        f"Klaus Müller{' ' * gap}Andrea Metz\nFraktionsvorsitzender{' ' * (gap - 9)}stellv. Fraktionsvorsitzende\n"
    )
    found = [(p.name, p.position and p.position.value) for p in signatures(text)]
    assert found == [("Klaus Müller", "Fraktionsvorsitzender"), ("Andrea Metz", "stellv. Fraktionsvorsitzende")]


def test_a_position_in_brackets_under_the_name_is_its_position() -> None:
    text = "Text des Antrags.\n\nMit freundlichen Grüßen\n\nHelmut Wagner\n(Fraktionsvorsitzender)\n"
    assert [(p.name, p.position and p.position.value) for p in signatures(text)] == [
        ("Helmut Wagner", "Fraktionsvorsitzender")
    ]


@pytest.mark.parametrize(
    ("printed", "name"),
    [("Abend Werner Brakmann", "Werner Brakmann"), ("Wahl Gerd Brand", "Gerd Brand"), ("Einstimmige Voten", None)],
)
def test_a_time_or_an_occasion_before_a_name_is_the_sentences(printed: str, name: str | None) -> None:
    found = person(printed, 0, len(printed))  # "gestern Abend Werner Brakmann", "bei der Wahl Gerd Brands"
    assert (found.name if found else None) == name


def test_a_blogs_tag_button_over_the_text_names_no_signer() -> None:
    text = (
        "Browse Tag\n\nStadtrat\n\nÄnderungsantrag der Grünen zum Haushalt.\n\nMit freundlichen Grüßen\n\n"
        "Eva Beispiel\n"
    )
    assert [p.name for p in signatures(text)] == ["Eva Beispiel"]


def test_the_number_after_a_name_is_no_part_of_it() -> None:
    text = "Open Government, Antrag von Herrn Stadtrat Heinze Nr. 153/2012"
    assert [p.name for p in prose_persons(text)] == ["Heinze"]


def test_a_form_of_address_after_a_name_opens_the_next_name() -> None:
    text = "Anwesend SPD Frau Erika Beispiel Frau Lena Probe Herr Max Muster Herr Uwe Test"
    assert [m.name for m in prose_persons(text)] == ["Erika Beispiel", "Lena Probe", "Max Muster", "Uwe Test"]


def test_a_line_of_signers_over_the_rest_of_the_factions_signs() -> None:
    text = (
        "7) Wie kann die Erreichbarkeit sichergestellt werden?\n\n"
        "Erika Beispiel, Max G. Muster, Lena Probe\nund die übrigen Mitglieder der Fraktionen\n22.02.2016\n\n"
        "Hinweis zu Cookies auf dieser Seite\n"
    )
    assert [m.name for m in signatures(text)] == ["Erika Beispiel", "Max G. Muster", "Lena Probe"]


def test_signatures_side_by_side_are_one_person_per_column() -> None:
    text = "Mit freundlichen Grüßen\n\nIsabelle Beispiel Matthias Muster\nFraktionsvorsitzende Fraktionsmitglied\n"
    found = [(m.name, m.position.value if m.position else None) for m in signatures(text)]
    assert found == [("Isabelle Beispiel", "Fraktionsvorsitzende"), ("Matthias Muster", "Fraktionsmitglied")]


@pytest.mark.parametrize("entry", entries("offices", "signature_table"))
def test_a_signature_table_flattened_to_one_line_names_each_signer_with_the_cells_office(
    entry: dict[str, object],
) -> None:
    text = "Begründung: Die Daten sind offen zu legen.\n" + str(entry["example"])
    found = signatures(text)
    assert [m.name for m in found] == entry["names"]
    assert {m.position.value if m.position else None for m in found} == {entry["office"]}


def test_a_row_of_groups_parted_by_bars_puts_the_paper_forward() -> None:
    text = "Begründung: Offene Daten.\nFraktion Die Grünen – Rosa Liste | SPD/Volt |\nJudith Greif Mitglieder |"
    found = [m.name for m in cues.group_cells(text, 0, len(text))]
    assert found == ["Fraktion Die Grünen – Rosa Liste", "Fraktion SPD/Volt"]
    assert cues.group_cells("Kosten | Nutzen |\nSPD | Tabelle |\n", 0, 26) == []


def test_names_run_together_are_not_split_where_the_split_is_unclear() -> None:
    assert signatures("Text.\nAnna Beate Carl Dieter Emil Mitglieder des Stadtrates | x |") == []


def test_a_bulleted_name_with_office_is_a_signatory_without_a_closing() -> None:
    text = "Grüne Fraktion\n  • Verena Beispiel-Name, Fraktionsvorsitzende\n  • Peter Muster, Fraktionsvorsitzender\n"
    assert [m.name for m in signatures(text)] == ["Verena Beispiel-Name", "Peter Muster"]


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        (
            "Daher stellen die CSU-Stadtratsfraktion und Bündnis 90/DIE GRÜNEN folgenden Antrag:",
            ["CSU-Stadtratsfraktion", "Bündnis 90/DIE GRÜNEN"],
        ),
        (
            "Mit Schreiben vom 01.12.2022 haben die UWG-Stadtratsfraktion und die CDU-Stadtratsfraktion einen Antrag "
            "auf Aufnahme gestellt.",
            ["UWG-Stadtratsfraktion", "CDU-Stadtratsfraktion"],
        ),
        ("Deshalb bittet die CDU – Fraktion um die Beantwortung folgender Fragen:", ["CDU – Fraktion"]),
        (
            "stellen wir, stellvertretend für die Stadtratsfraktion Bündnis90/Die Grünen, den folgenden Antrag:",
            ["Stadtratsfraktion Bündnis90/Die Grünen"],
        ),
        ("im Namen der Linksfraktion reichen wir einen Antrag auf Einführung weiterer Module ein", ["Linksfraktion"]),
        (
            "Die Fraktionen Bürger für Musterstadt, CDU/FDP und DIE LINKE haben im Stadtrat einen gemeinsamen Antrag "
            "eingebracht.",
            ["Bürger für Musterstadt", "CDU/FDP", "DIE LINKE"],
        ),
        ("Kleine Anfrage der BAbg. Beispiel, Muster und SPD-Fraktion", ["Beispiel", "Muster", "SPD-Fraktion"]),
        ("Antragsteller: Fraktion Die LinkeHaushalt und Personal", ["Fraktion Die Linke"]),
        ("Antrag der FDP-Fraktion im Wortlaut:", ["FDP-Fraktion"]),
        ("Auf Anfrage der SPD-Fraktion teilte die Verwaltung mit, dass", ["SPD-Fraktion"]),
        (
            "Beantwortung der Anfrage der Fraktion Bündnis 90/Die Grünen zu öffentlichem WLAN",
            ["Fraktion Bündnis 90/Die Grünen"],
        ),
    ],
)
def test_submitters_from_the_wording_of_submission(text: str, printed: list[str]) -> None:
    assert [m.printed for m in cues.submitters(text)] == printed


@pytest.mark.parametrize(
    ("printed", "party"),
    [
        ("CSU-Stadtratsfraktion", "CSU"),
        ("CDU – Fraktion", "CDU"),
        ("SPD-Fraktion", "SPD"),
        ("Fraktion Volt", "Volt"),
        ("Fraktion CDU/Landgemeinden gestimmt", "CDU/Landgemeinden"),
        ("Fraktion Bürger für Rudolstadt", "Bürger für Rudolstadt"),
    ],
)
def test_a_faction_suffix_folds_onto_the_party(printed: str, party: str) -> None:
    assert party_of(printed) == ("Fraktion", party)


def test_our_group_is_the_group_the_letter_names() -> None:
    text = (
        "immer wieder kommen Bürger auf die Stadtratsfraktion Bündnis 90/ Die Grünen zu und fragen.\n"
        "Unsere Fraktion stellt daher folgenden Antrag:\n"
    )
    assert [m.printed for m in cues.submitters(text)] == ["Stadtratsfraktion Bündnis 90/ Die Grünen"]


def test_an_office_before_a_list_of_surnames_holds_for_each() -> None:
    found = cues.submitters("Kleine Anfrage der BAbg. Beispiel, Muster und SPD-Fraktion")
    assert [(m.name, m.position.value if m.position else None) for m in found if m.kind == "person"] == [
        ("Beispiel", "BAbg."),
        ("Muster", "BAbg."),
    ]


def test_an_office_before_a_list_of_full_names_holds_for_each() -> None:
    found = cues.submitters("Kleine Anfrage der Abgeordneten Anja Schiemann, Mustafa Güngör und Fraktion der SPD")
    assert [(m.name, m.position.value if m.position else None) for m in found if m.kind == "person"] == [
        ("Anja Schiemann", "Abgeordneten"),
        ("Mustafa Güngör", "Abgeordneten"),
    ]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("  • von  Eva Muster", "Eva Muster"),
        ("10.04.19 – von Hendrik Beispiel –", "Hendrik Beispiel"),
        ("Von Kornelius Beispiel", "Kornelius Beispiel"),
        ("Von Donald Muster 03.05.2018, 03:00", "Donald Muster"),
    ],
)
def test_a_web_page_byline_names_its_author(line: str, author: str) -> None:
    assert [m.name for m in bylines(f"Titel\n{line}\n28.03.2018\n")] == [author]


def test_von_inside_a_sentence_is_no_byline() -> None:
    assert bylines("Der Antrag von Eva Muster wurde vertagt.\n") == []


def test_a_person_named_in_full_after_a_papers_kind_is_a_person() -> None:
    text = "8 Anfragen\n8.1 Anfrage von Johann Heller - Biber am Birkacher Weiher\n8.2 Antrag von Stadtentwicklung\n"
    assert [m.name for m in prose_persons(text)] == ["Johann Heller"]
    assert prose_persons("Antrag von Freie Wähler zur Sitzung, Anfrage von Grüne Jugend") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Es äußern sich die Stadtvertreter/in Plückhahn, Koplin und Heß zum Antrag.", ["Plückhahn", "Koplin", "Heß"]),
        ("Benannt wurden die Stadträte Goldner, Münch und Ipsen.", ["Goldner", "Münch", "Ipsen"]),
        ("Es sprachen Am. Freiwald, Am. Freiherr von Ketteler.", ["Freiwald", "Freiherr von Ketteler"]),
        ("sehr geehrte Herren Hardt und Dr. Ponge,", ["Hardt"]),
    ],
)
def test_a_title_of_office_before_surnames_in_prose_holds_for_each(text: str, names: list[str]) -> None:
    assert [m.name for m in prose_persons(text)] == names


def test_an_attendance_list_names_persons_with_their_positions_in_brackets() -> None:
    text = "Anwesend: Michael Muster (Ortsbürgermeister), Dr. Eva Beispiel (Beigeordnete), Uwe Probe\n"
    text += "Abwesend: Ina Test (1. Beigeordnete)\n\nAbstimmung: Ja: 14, Anwesend: 14\n"
    found = [(m.name, m.position.value if m.position else None) for m in attendance(text)]
    assert found == [
        ("Michael Muster", "Ortsbürgermeister"),
        ("Eva Beispiel", "Beigeordnete"),
        ("Uwe Probe", None),
        ("Ina Test", "1. Beigeordnete"),
    ]


def test_a_party_or_group_in_brackets_after_an_attendance_lists_name_is_no_position() -> None:
    text = "Entschuldigt: Cornelia Trinkl (CSU), Eva Beispiel (SPD-Fraktion), Ina Test (1. Beigeordnete)\n"
    found = [(m.name, m.position.value if m.position else None) for m in attendance(text)]
    assert found == [("Cornelia Trinkl", None), ("Eva Beispiel", None), ("Ina Test", "1. Beigeordnete")]


def test_a_person_named_with_a_party_in_brackets_or_a_group_after_a_comma() -> None:
    text = (
        "Dieser Meinung schlossen sich Dominik Rieger (SPD) und Ralf Frühwirt (GALL) an.\n"
        "Die Stadt will ein Wireless Local Area Network (WLAN) und die Progressives Bad Kreuznach (PBK) nicht.\n"
        "Laut den Geschäftsstellen Föderales Informationsmanagement (FIM) geht es.\n"
        "Marco Marzi, SPD-Stadtratsfraktion\n"
    )
    assert [m.name for m in prose_persons(text)] == ["Dominik Rieger", "Ralf Frühwirt", "Marco Marzi"]


def test_signature_blocks_of_names_one_a_line_side_by_side_or_cut_short() -> None:
    after_closing = "Wir bitten um Zustimmung.\n\nMit freundlichen Grüßen\nHajo Steffers\nHannes Westkott\n"
    assert [m.name for m in signatures(after_closing)] == ["Hajo Steffers", "Hannes Westkott"]
    group = "5. Ein Beirat wird eingerichtet.\n\nDr. Ulrich Reusch\nBianca Erdmann-Reusch\nPeter Müller\nund Fraktion\n"
    assert [m.name for m in signatures(group)] == ["Ulrich Reusch", "Bianca Erdmann-Reusch", "Peter Müller"]
    wide = "Mit freundlichen Grüßen\n\nDr. Cevdet Gürle" + " " * 80 + "Nurcan Varol\nGruppensprecher\n"
    assert [m.name for m in signatures(wide)] == ["Cevdet Gürle", "Nurcan Varol"]
    cut = "Die SPD-Fraktion\n\ngez. Clemens Welle, Klaus Lorenz, Bernd Waidelich und Pet"
    assert [m.name for m in signatures(cut)] == ["Clemens Welle", "Klaus Lorenz", "Bernd Waidelich"]
    legend = (
        "Legende\n\nAusschuss Tagesordnung Drucksache\nBezirksparlament Aktenmappe Drucksachenlebenslauf\n"
        "Fraktion Niederschrift Beschlüsse\n"
    )
    assert signatures(legend) == []


@pytest.mark.parametrize("entry", [e for e in entries("labels", "label") if e["field"] == "staff"])
def test_the_officer_a_printout_names_is_a_person_with_the_label_as_position(entry: dict[str, object]) -> None:
    from ingest.genres.people import staff

    found = staff(str(entry["example"]))
    assert [(m.name, m.printed, m.position.value if m.position else None) for m in found] == [
        ("Karina Heuer", str(entry["value"]), "Bearbeiter/-in")
    ]


def test_a_group_named_with_its_council_and_a_filler_before_the_verbs_object() -> None:
    text = "Deshalb beantragt die SPD Fraktion im Binger Stadtrat daher, dass die Mittel abgerufen werden."
    assert [m.printed for m in cues.submitters(text)] == ["SPD Fraktion"]


def test_a_member_who_puts_a_motion_or_asks_in_minutes_submits_it_but_not_the_chair() -> None:
    assert [m.name for m in cues.submitters("1. Anfrage von Herrn Strese per Mail vom 21.02.2018")] == ["Strese"]
    assert cues.submitters("Herr Warnick stellt den Antrag DS-Nr.: 122/14 zur Abstimmung.") == []


@pytest.mark.parametrize("entry", entries("speech", "speaker"))
def test_a_quoted_speaker_is_read_with_the_office_printed_before_the_name(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    (found,) = speakers(text)
    assert found.name == entry["name"]
    assert (found.position.value if found.position else "") == entry["office"]


def test_a_verb_of_saying_before_a_single_word_or_a_lower_case_word_names_no_speaker() -> None:
    for text in ("„Das reicht nicht“, so Hansen.", "„Das reicht nicht“, sagt die Verwaltung."):
        assert speakers(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Das reicht nicht, so Hans-Georg Hansen von der CDU-Fraktion.", ["Hans-Georg Hansen"]),
        ("Dezernent Jan Erik Bohling wird beteiligt.", ["Jan Erik Bohling"]),
        ("Text: Carolin Holzmüller", ["Carolin Holzmüller"]),
        ("Allen Bochumerinnen und Bochumern steht das Angebot offen.", []),
        ("Im Juli Sitzungen des Ausschusses abzuhalten, ist geplant.", []),
    ],
)
def test_a_person_named_with_a_known_given_name_and_a_surname(text: str, names: list[str]) -> None:
    assert [m.name for m in full_names(text)] == names


def test_the_given_names_that_are_also_words_are_listed_and_left_out() -> None:
    (entry,) = entries("names", "not_given")
    assert full_names(str(entry["example"])) == []


def test_two_full_names_side_by_side_sign_with_the_positions_under_them() -> None:
    text = "Mit freundlichen Grüßen\nPatrick Imcke Helmut Wagner\n(Sachkundiger Bürger) (Fraktionsvorsitzender)\n"
    found = [(m.name, m.position.value if m.position else None) for m in signatures(text)]
    assert found == [("Patrick Imcke", "Sachkundiger Bürger"), ("Helmut Wagner", "Fraktionsvorsitzender")]


def test_gez_inside_a_line_separates_two_signatures() -> None:
    text = "Mit freundlichen Grüßen\ngez. Fabian Tigges gez. Thorsten Schick\n"
    assert [m.name for m in signatures(text)] == ["Fabian Tigges", "Thorsten Schick"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Wir beantragen das.\n\nWolfgang Neumann Axel Henschke\n", ["Wolfgang Neumann", "Axel Henschke"]),
        ("Wir beantragen das.\n\nMarco Marzi, SPD-Stadtratsfraktion\n", ["Marco Marzi"]),
        ("Mit freundlichen Grüßen\n\nMonika Stein, Angelina Flaig // Liste\n", ["Monika Stein", "Angelina Flaig"]),
        ("Marco Marzi\n\nWir beantragen das.\nDie Verwaltung prüft.\nDer Rat beschließt.\n", []),
    ],
)
def test_full_names_that_end_the_text_sign_it(text: str, names: list[str]) -> None:
    assert [m.name for m in signatures(text)] == names


@pytest.mark.parametrize(
    ("text", "name", "office"),
    [("Vors. Bergander lässt über den Antrag abstimmen.", "Bergander", "Vors."),
     ("SGB Janze betont, dass das Protokoll allen zugegangen sei.", "Janze", "SGB")],
)  # fmt: skip
def test_short_forms_of_a_chairs_or_a_mayors_office_before_a_name(text: str, name: str, office: str) -> None:
    found = [(p.name, p.position.value if p.position else None) for p in prose_persons(text)]
    assert (name, office) in found


def test_names_one_a_line_under_a_lone_gez_sign_each_groups_block() -> None:
    text = (
        "Begründung\n\nDas soll so nicht bleiben.\n\ngez.\nLars Mentrup\nFelix Sproll\n\nSPD/Volt-Fraktion\n\n"
        "Judith Greif\nDr. Florian Roth\nBeppo Brem\n\nFraktion Die Grünen Rosa Liste\n"
    )
    names = [m.name for m in signatures(text)]
    assert names == ["Lars Mentrup", "Felix Sproll", "Judith Greif", "Florian Roth", "Beppo Brem"]


def test_signatures_side_by_side_on_the_texts_last_line_sign_it_without_a_closing() -> None:
    text = "• Wird der Hessenfinder gepflegt?\n\nDr. Sven Hartmann" + " " * 80 + "Rolf von Kiesling\n"
    assert [m.name for m in signatures(text)] == ["Sven Hartmann", "Rolf von Kiesling"]
    middle = text + "Weitere Fragen folgen.\nDie Antwort steht aus.\nSo weit der Stand.\n"
    assert signatures(middle) == []


def test_full_names_run_together_right_under_a_closing_sign_the_paper() -> None:
    text = "8. Gibt es ein Verfahren?\nMit freundlichen Grüßen\nPaul Yves Ramette Sascha Schäfner\nStadtverordneter\n"
    assert [m.name for m in signatures(text)] == ["Paul Yves Ramette", "Sascha Schäfner"]
    assert signatures("Mit freundlichen Grüßen\nEmpfehlen Sie uns weiter\n") == []


def test_the_groups_a_signature_block_names_under_their_members_put_the_paper_forward() -> None:
    text = (
        "Begründung\n\nOpen Source soll wieder Vorrang haben.\n\n"
        "gez.\nLars Mentrup\nFelix Sproll\n\nSPD/Volt-Fraktion\n\n"
        "Judith Greif\nBeppo Brem\n\nFraktion Die Grünen Rosa Liste\n"
    )
    assert [g.name for g in signing_groups(text)] == ["Fraktion SPD/Volt", "Fraktion Die Grünen Rosa Liste"]
    assert signing_groups("Die SPD-Fraktion beantragt:\nLars Mentrup\nSPD-Fraktion\n") == []


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("erklärt Marcel Schmidt, Vorsitzender der SSW-Ratsfraktion:", "Vorsitzender der SSW-Ratsfraktion"),
        (
            "so Frank Giesen, Vorsitzender des Bau- und Planungsausschusses dazu.",
            "Vorsitzender des Bau- und Planungsausschusses",
        ),
        ("sagte Hans Meier, Vorsitzender des Vereins.", "Vorsitzender"),  # no council group or body: the office alone
        # a party alone in the genitive: the group the office is held in
        ("Das Los entschied für Christoph Bittner, Fraktionschef der SPD, und gegen", "Fraktionschef der SPD"),
        ("meinte Andreas Flöß, Fraktionssprecher der Freien Wähler.", "Fraktionssprecher der Freien Wähler"),
        # the party's town after it: the office is held in the party's group or local branch
        ("sagte Hans Terkatz, Fraktionsvorsitzender der Grünen in Straelen. Es", "Fraktionsvorsitzender der Grünen"),
        ("so Nikolaus Netzel, Vorsitzender der Freien Demokraten Hille.", "Vorsitzender der Freien Demokraten Hille"),
        # the administrative unit the office is held in (answers.toml [[unit]])
        ("sagte Thomas Höpfner, Leiter des Fachbereichs Schulen.", "Leiter des Fachbereichs Schulen"),
    ],
)
def test_the_group_or_body_after_an_office_after_a_name_belongs_to_the_position(text: str, position: str) -> None:
    (found,) = prose_persons(text)
    assert found.position is not None and found.position.value == position


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "Sowohl der Fraktionsvorsitzende der SPD - Rainer Mundt - als auch der Fraktionsvorsitzende der CDU - "
            "Lars Wedekind, bedankten sich.",
            {"Rainer Mundt": "Fraktionsvorsitzende der SPD", "Lars Wedekind": "Fraktionsvorsitzende der CDU"},
        ),
        (
            "Dafür hatte der Vorsitzende der Freien Demokraten Hille, Nikolaus Netzel, viel zu tun.",
            {"Nikolaus Netzel": "Vorsitzende der Freien Demokraten Hille"},
        ),
        (  # the office alone after its article, the name between commas
            "Beraten hatten der Stadtverordnetenvorsitzende, Burkhard Schultz, und die Abgeordneten.",
            {"Burkhard Schultz": "Stadtverordnetenvorsitzende"},
        ),
        ("Der Bürgermeister, Hans Meier und Anna Schmidt kamen.", {"Hans Meier": None, "Anna Schmidt": None}),
        (  # the council the office is held in is no part of it; a club is no council
            "Sicher ist sich der SPD-Fraktionsvorsitzende im Altenburger Stadtrat, Norman Müller, dabei.",
            {"Norman Müller": "SPD-Fraktionsvorsitzende"},
        ),
        ("Es sprach die Vorsitzende im Heimatverein, Anna Schmidt, zuerst.", {"Anna Schmidt": None}),
        (  # a party's name alone needs no comma before the name
            "Der Fraktionsvorsitzende der SPD Markus Hemberger bot Hilfe an, die Vorsitzende der CDU-Fraktion Anna"
            " Weber nicht.",
            {"Markus Hemberger": "Fraktionsvorsitzende der SPD", "Anna Weber": "Vorsitzende der CDU-Fraktion"},
        ),
    ],
)
def test_an_office_with_its_group_set_before_the_name_is_the_persons_position(text: str, named: dict[str, str]) -> None:
    found = {m.name: m.position.value if m.position else None for m in prose_persons(text)}
    assert found == named


def test_a_party_name_with_spaces_joined_before_an_office_is_part_of_the_position() -> None:
    (found,) = prose_persons("Bündnis 90/Die Grünen-Fraktionsvorsitzender Grziwotz fragte, ob die Stadt …")
    assert (found.name, found.position.value if found.position else None) == (
        "Grziwotz",
        "Bündnis 90/Die Grünen-Fraktionsvorsitzender",
    )


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        # both printed: the office after the name says more than the form of address before it
        ("Dies erklären Ratsfrau Antje Danker, Vorsitzende der SSW-Ratsfraktion, und andere.",
         {"Antje Danker": "Vorsitzende der SSW-Ratsfraktion"}),
        # a list of offices each before its name: the office after a comma is the next name's
        ("mit Oberbürgermeister Peter Feldmann, Bürgermeister Uwe Becker, Stadtrat Stefan Majer und anderen",
         {"Peter Feldmann": "Oberbürgermeister", "Uwe Becker": "Bürgermeister"}),
        # a list of names each with its office after it
        ("Es fehlte entschuldigt: Christian Eiserloh, Ratsmitglied Harald Fink, Ratsmitglied",
         {"Christian Eiserloh": "Ratsmitglied"}),
    ],
)  # fmt: skip
def test_an_office_after_a_comma_belongs_to_the_name_it_is_printed_with(text: str, positions: dict[str, str]) -> None:
    found = {m.name: m.position.value if m.position else None for m in prose_persons(text)}
    assert {name: found.get(name) for name in positions} == positions


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Das Thema wurde mit dem damaligen Bürgermeister Jürgen van der Horst angesprochen.", "Jürgen van der Horst"),
        ("Die Rede hielt Jan van den Berg, Vorsitzender der SPD.", "Jan van den Berg"),
        ("Die FDP-Abgeordnete Anna von Treuenfels-Frowein sprach dagegen.", "Anna von Treuenfels-Frowein"),
    ],
)
def test_a_surname_with_a_particle_is_read_whole(text: str, name: str) -> None:
    assert name in [p.name for p in prose_persons(text)]


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        ("Was dem CDU-Fraktionsvorsitzenden Rolf Merz schwerfiel, weil", "Rolf Merz", "CDU-Fraktionsvorsitzenden"),
        (
            "leitete gemeinsam mit dem stellvertretenden Stadtratsvorsitzenden Thomas Stützer die Sitzung.",
            "Thomas Stützer",
            "stellvertretenden Stadtratsvorsitzenden",
        ),
    ],
)
def test_a_chair_declined_before_a_name_is_the_position_as_printed(text: str, name: str, position: str) -> None:
    (found,) = prose_persons(text)
    assert (found.name, found.position.value if found.position else None) == (name, position)


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        ("Rechtsdirektor Ralf Rick erklärte dazu, dass es in Bayern nur in", "Ralf Rick", "Rechtsdirektor"),
        ("Dabei war auch die Jugendkoordinatorin Jana Kohlhaw. In den", "Jana Kohlhaw", "Jugendkoordinatorin"),
        ("Stadtoberamtsrat Müller berichtet über den Stand.", "Müller", "Stadtoberamtsrat"),
    ],
)
def test_an_administrations_compound_title_before_a_name_is_the_position(text: str, name: str, position: str) -> None:
    (found,) = prose_persons(text)
    assert (found.name, found.position.value if found.position else None) == (name, position)


def test_an_attendance_list_run_into_one_line_ends_each_name_before_its_tables_words() -> None:
    """A minutes' attendance table flattened by the PDF's text layer ("Herr Ralf Tost Personalrat Herr Uwe
    Fleißig Entschuldigt fehlten …"): a column's heading after a name is no part of it (names.toml)."""
    text = (
        "Verwaltung Herr Jörg Mösgen Herr Ralf Tost Personalrat Herr Uwe Fleißig Entschuldigt fehlten Frau Renate Jung"
    )
    assert [m.name for m in prose_persons(text)] == ["Jörg Mösgen", "Ralf Tost", "Uwe Fleißig", "Renate Jung"]


@pytest.mark.parametrize(
    ("text", "signed"),
    [("Freies WLAN am Markt\n\nBlick auf den Markt Foto: Beate Weigert\n\nDie SPD-Fraktion beantragt ein freies WLAN "
      "am Markt. Der Antrag wird im Mai beraten.\n\nMarco Paetzel\nFraktionsvorsitzender\n", False),
     ("Freies WLAN am Markt\n\nSehr geehrter Herr Bürgermeister,\n\ndie SPD-Fraktion beantragt hiermit ein freies "
      "WLAN am Markt.\n\nMit freundlichen Grüßen\n\nMarco Paetzel\nFraktionsvorsitzender\n", True)],
)  # fmt: skip
def test_a_name_under_a_report_names_a_person_who_signs_no_paper(text: str, signed: bool) -> None:
    """A report on a paper (a photo credit, none of the paper's own wording) is signed by its
    writer if anyone: the name stays a person, no signatory; the letter that is the paper is signed."""
    from councilgraph.namespaces import CG, FOAF
    from tests.extracted import graph_of

    graph = graph_of(text, city="Kelheim", name="seite.txt")
    assert "Marco Paetzel" in {str(o) for o in graph.objects(None, FOAF.name)}
    assert bool(list(graph.objects(None, CG.signedBy))) is signed


@pytest.mark.parametrize(
    ("printed", "name"),
    [("Amtsinhaber Frank Stiller", "Frank Stiller"), ("Montagnacht Rudolf Hirz", "Rudolf Hirz"),
     ("Denn Egbert Schäpker", "Egbert Schäpker"), ("Hans Peter Müller", "Hans Peter Müller"),
     ("von Weizsäcker Richard Karl", "von Weizsäcker Richard Karl")],
)  # fmt: skip
def test_a_word_the_text_printed_before_a_given_name_is_no_part_of_the_name(printed: str, name: str) -> None:
    mention = person(printed, 0, len(printed))
    assert mention is not None and mention.name == name
    assert printed.endswith(mention.printed)


@pytest.mark.parametrize(
    ("text", "persons"),
    [("1. Vereidigung des Oberbürgermeisters\nNachdem der dienstälteste Stadtrat die Sitzung eröffnet hatte.", []),
     ("Der Jahresabschluss wird festgestellt und dem Bürgermeister Entlastung erteilt.", []),
     ("Die SPD zieht ihren Antrag auf eine vierte Stellvertreter Position zurück.", []),
     ("Der Jahresabschluss wird festgestellt. Bürgermeister Müller erteilt das Wort.", ["Müller"]),
     ("Es unterschreibt der Bürgermeister\nMüller\n", ["Müller"])],
)  # fmt: skip
def test_a_noun_or_the_next_lines_sentence_after_an_office_is_no_holder(text: str, persons: list[str]) -> None:
    """ "dem Bürgermeister Entlastung erteilt": a noun after the office; "Oberbürgermeisters⏎Nachdem der
    …": the next line's sentence. A surname after the office, on its line or the next, is its holder."""
    from councilgraph.namespaces import FOAF
    from tests.extracted import graph_of

    graph = graph_of(text, city="Bretten", name="seite.txt")
    assert sorted(str(o) for o in graph.objects(None, FOAF.name)) == persons


@pytest.mark.parametrize("entry", entries("names", "credit"))
def test_a_person_credited_for_a_photo_or_text_is_read(entry: dict[str, object]) -> None:
    assert [m.name for m in people.credits(str(entry["example"]))] == [entry["name"]]
    if "not_example" in entry:
        assert people.credits(str(entry["not_example"])) == []


def test_a_list_of_full_names_after_a_group_is_not_read_surname_first() -> None:
    """ "… Torsten Muster aus der CDU-Fraktion, Falk Beispiel, Sebastian Probe, Tobias Test": no group is a
    surname, so the list is given names first, not "Falk CDU-Fraktion", "Sebastian Beispiel"."""
    text = (
        "Der Antrag wurde von Torsten Muster aus der CDU-Fraktion, Falk Beispiel, Sebastian Probe, Tobias Test,"
        " Rüdiger Entwurf und Anna Vorlage gestellt."
    )
    assert people.surname_first(text) == ()


@pytest.mark.parametrize("entry", entries("names", "organisation"))
def test_the_organisation_a_person_comes_from_is_no_part_of_the_name(entry: dict[str, object]) -> None:
    assert [m.name for m in prose_persons(str(entry["example"]))] == [entry["name"]]
    assert [m.name for m in prose_persons("Herr Uwe vom Hagen spricht.")] == ["Uwe vom Hagen"]


@pytest.mark.parametrize(
    "printed", ["Arbeitskreises Trinkwasserbrunnen", "Förderverein Schwimmbad", "Landratsamt Aichach-Friedberg"]
)
def test_an_organisations_name_of_two_words_is_no_persons(printed: str) -> None:
    """A word that ends as an organisation's noun (names.toml [[organisation]] `endings`), also in the
    genitive, is no given name."""
    assert person(printed, 0, len(printed)) is None
    assert person("Werner Fuchs", 0, 12) is not None


@pytest.mark.parametrize(
    ("text", "name", "position"),
    [
        ("Es begrüßte Michael Muster, Fraktionsvorsitzender der Unabhängigen Liste Pfullendorf, die Gäste.",
         "Michael Muster", "Fraktionsvorsitzender der Unabhängigen Liste Pfullendorf"),
        ("Die Leiterin der Bibliothek, Sabine Beispiel, erläuterte dem Gemeinderat das Angebot.",
         "Sabine Beispiel", "Leiterin der Bibliothek"),
        ("Dann las der Vorsitzende des Gremiums, Wilhelm Rainer Probe (FDP) einen Antrag vor.",
         "Wilhelm Rainer Probe", "Vorsitzende des Gremiums"),
    ],
)  # fmt: skip
def test_an_office_in_an_apposition_keeps_the_name_it_is_held_in(text: str, name: str, position: str) -> None:
    """Between commas, an office with a genitive name after it ("der Unabhängigen Liste Pfullendorf")
    is the whole position."""
    read = [(m.name, m.position.value if m.position else None) for m in prose_persons(text)]
    assert (name, position) in read


def test_a_group_office_after_a_name_leaves_out_the_party_and_council_it_is_held_in() -> None:
    """ "Fraktionsvorsitzender der SPD im Rat der Stadt": the party and the council only say whose
    group; a chair of a body keeps the body ("Vorsitzender des Bauausschusses")."""
    read = prose_persons("„Das nützt allen“, findet Ingo Muster, Fraktionsvorsitzender der SPD im Rat der Stadt.")
    positions = [(m.name, m.position.value if m.position else None) for m in read]
    assert positions == [("Ingo Muster", "Fraktionsvorsitzender")]
    chair = prose_persons("Dann eröffnete Hans Probe, Vorsitzender des Bauausschusses, die Sitzung.")
    assert [m.position.value if m.position else None for m in chair] == ["Vorsitzender des Bauausschusses"]


def test_an_academic_title_before_a_name_is_no_person_of_its_own() -> None:
    text = "Die Anfrage von Frau Dr. Meier betrifft die Terminänderung. Auf Antrag von Herrn Prof. Dr. Schmidt."
    assert [m.name for m in prose_persons(text)] == ["Meier", "Schmidt"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Die Fraktion, vertreten von Sina Bauer, Armin Diebold, Michael Dieter und Erwin Hauser, stimmte dagegen.",
            ["Sina Bauer", "Armin Diebold", "Michael Dieter", "Erwin Hauser"],
        ),
        (
            "Bei den Räten Claus Moritz und Markus Salzinger (beide UBV) habe das gefehlt.",
            ["Claus Moritz", "Markus Salzinger"],
        ),
        ("Dafür sprach sich Max Lenz (CSU) aus.", ["Max Lenz"]),
        ("Anna Maria kam spät zur Sitzung.", []),
    ],
)
def test_a_surname_that_is_also_a_given_name_is_read_where_the_context_shows_a_full_name(
    text: str, names: list[str]
) -> None:
    """ "Anna Maria" alone is two given names; "Michael Dieter" in a list of full names, "Max Lenz (CSU)"
    with the group after it are a person's given name and surname."""
    assert [m.name for m in prose_persons(text)] == names


def test_the_numbers_of_a_list_of_those_present_are_no_rank() -> None:
    listed = (
        "Anwesend: 1. Bürgermeister Detlef Honnens 2. Gemeindevertreter Sascha Heinrich-Missal "
        "3. Gemeindevertreterin Anika Kobarg\n"
    )
    graph = graph_of(listed, city="Koldenbüttel", name="niederschrift.txt")
    positions = {
        str(graph.value(p, FOAF.name)): str(graph.value(p, CG.position)) for p in graph.subjects(RDF.type, CG.Person)
    }
    assert positions["Detlef Honnens"] == "Bürgermeister"
    assert positions["Anika Kobarg"] == "Gemeindevertreterin"
    prose = "In Abwesenheit des 1. Bürgermeisters hat der 2. Bürgermeister Christian Ell die Sitzung geleitet."
    rank = Spanned("2. Bürgermeister", prose.index("2."), prose.index(" Christian"))
    assert people.without_list_number(rank, prose) == rank  # a rank in prose, after its article
    alone = "1. stellv. Bürgermeister Felix Grabowski\n"
    first = Spanned("1. stellv. Bürgermeister", 0, alone.index(" Felix"))
    assert people.without_list_number(first, alone) == first  # no entry after it continues a list
