"""Genre detection and the fields each genre reads, on the real sample documents.

Expected values are read off the documents by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.dates import find_dates, parse_date
from ingest.genres import registry, statements
from ingest.genres.concepts import best
from ingest.principles import detect
from ingest.records import Motion, Records, Statement
from ingest.source import SourceText

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "documents"

HALLE_ANTRAG = "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"
HALLE_ANFRAGE = "halle_VII-2020-01351_anfrage_digitale-agenda.txt"
BOCHUM = "bochum_20210691_aenderungsantrag_smart-city.txt"
CHEMNITZ = "chemnitz_BA-090-2020_beschlussantrag_digitalisierungsstrategie.txt"
MUENCHEN = "muenchen_14-20-V_sitzungsvorlage_cities-coalition.txt"


def source(name: str) -> SourceText:
    path = EXAMPLES / name
    return SourceText(path, path.read_text(encoding="utf-8"), "text/plain", "utf-8", "0" * 64)


def text_source(text: str, name: str = "sample.txt") -> SourceText:
    return SourceText(Path(name), text, "text/plain", "utf-8", "0" * 64)


def records_of(name: str) -> Records:
    src = source(name)
    genre, _ = registry.best_genre(src.text)
    return genre.extract(src)


def main(records: Records) -> Motion:
    paper = records.main
    assert paper is not None
    return paper


def printed(src: SourceText, span: object) -> str:
    return src.text[span.start : span.end]  # type: ignore[attr-defined]


# -- detection


@pytest.mark.parametrize(
    ("name", "genre"),
    [
        (HALLE_ANTRAG, "allris"),
        (HALLE_ANFRAGE, "allris"),
        (BOCHUM, "letter"),
        (CHEMNITZ, "beschlussantrag"),
        (MUENCHEN, "sitzungsvorlage"),
    ],
)
def test_detectors_pick_the_genre_of_each_sample(name: str, genre: str) -> None:
    text = source(name).text
    chosen, score = registry.best_genre(text)
    assert chosen.name == genre
    others = [s for g, s in registry.scores(text).items() if g != genre]
    assert score > max(others)


def test_an_unknown_layout_falls_back_to_the_generic_reader() -> None:
    chosen, _ = registry.best_genre("Ein kurzer Text ohne jede Struktur.\n\nNoch ein Absatz.")
    assert chosen is registry.GENERIC


def test_the_kind_line_of_an_unknown_layout_names_each_member_and_the_group() -> None:
    text = (
        "Digitalisierung von Bauakten\n"
        "Letzte Beratung: 28.09.2023 Bezirksversammlung Bergedorf Ö 13.1\n"
        "Antrag der BAbg. Emrich, Wegner, Froh und Fraktion der CDU\n"
        "Einsichtnahmen in Bauakten sind ein wichtiger Bestandteil bei der Planung von Neubauprojekten.\n"
    )
    (paper,) = registry.GENERIC.extract(text_source(text)).motions
    assert [(s.kind, s.name) for s in paper.submitters] == [
        ("person", "Emrich"), ("person", "Wegner"), ("person", "Froh"), ("faction", "Fraktion CDU")
    ]


# -- ALLRIS printouts


def test_allris_motion_header_and_beratungsfolge() -> None:
    src = source(HALLE_ANTRAG)
    paper = main(records_of(HALLE_ANTRAG))
    assert paper.reference is not None and paper.reference.value == "VII/2021/03290"
    assert paper.kind is not None and paper.kind.value == "motion"
    assert paper.date is not None and paper.date.value == date(2021, 11, 3)
    assert paper.title is not None
    assert paper.title.value.startswith(
        "Antrag der Fraktion DIE LINKE im Stadtrat Halle (Saale) zur Mitgliedschaft"
    )
    assert [(s.kind, s.name) for s in paper.submitters] == [("faction", "Fraktion DIE LINKE")]
    (signer,) = paper.signatories
    assert (signer.name, signer.honorific) == ("Bodo Meerheim", "Dr.")
    assert signer.position is not None and signer.position.value == "Vorsitzender der Fraktion"
    assert signer.member_of is not None and signer.member_of.name == "Fraktion DIE LINKE"
    rows = [
        (
            c.body.name if c.body else None,
            c.date.value if c.date else None,
            c.role.value if c.role else None,
            c.agenda_item.value if c.agenda_item else None,
        )
        for c in paper.consultations
    ]
    assert rows == [
        ("Stadtrat", date(2021, 11, 24), "decision", "9.2"),
        (
            "Ausschuss für Wirtschaft, Wissenschaft, Stadtentwicklung und Digitalisierung",
            date(2021, 12, 21),
            "preliminary",
            None,
        ),
        ("Stadtrat", date(2021, 12, 22), "decision", None),
        ("Stadtrat", date(2022, 1, 26), "decision", "8.1"),
    ]
    assert [c.public.value if c.public else None for c in paper.consultations] == [
        True,
        True,
        True,
        None,
    ]
    assert paper.resolution_text is not None
    assert printed(src, paper.resolution_text).startswith(
        "1. Die Oberbürgermeister wird beauftragt"
    )


def test_allris_statements_with_stance_author_date_and_signature() -> None:
    src = source(HALLE_ANTRAG)
    found = records_of(HALLE_ANTRAG).statements
    summary = [
        (
            s.date.value if s.date else None,
            s.stance.value if s.stance else None,
            s.author.name if s.author else None,
            [p.name for p in s.signatories],
        )
        for s in found
    ]
    assert summary == [
        (date(2022, 1, 20), "rejection", "Geschäftsbereich Oberbürgermeister", ["Bernd Wiegand"]),
        (date(2021, 11, 18), "referral", "Geschäftsbereich Oberbürgermeister", ["Bernd Wiegand"]),
    ]
    assert printed(src, found[0].stance) == "Die Verwaltung empfiehlt den Antrag abzulehnen."
    assert all(s.about and s.about[0].reference.value == "VII/2021/03290" for s in found)  # type: ignore[union-attr]


def test_allris_inquiry_answer_takes_no_stance_and_cites_the_earlier_motion() -> None:
    records = records_of(HALLE_ANFRAGE)
    paper = main(records)
    assert paper.kind is not None and paper.kind.value == "inquiry"
    assert paper.date is not None and paper.date.value == date(2020, 6, 3)
    assert [s.name for s in paper.submitters] == ["Fraktion MitBürger & Die PARTEI"]
    assert [(s.name, s.position.value if s.position else None) for s in paper.signatories] == [
        ("Tom Wolter", "Fraktionsvorsitzender")
    ]
    assert [m.reference.value for m in paper.refers_to if m.reference] == ["VI/2019/05073"]
    (consultation,) = paper.consultations
    assert consultation.role is not None and consultation.role.value == "acknowledgement"
    assert consultation.agenda_item is not None and consultation.agenda_item.value == "10.20"
    (answer,) = records.statements
    assert answer.stance is None
    assert answer.date is not None and answer.date.value == date(2020, 6, 15)


# -- letters


def test_letter_amendment_with_session_agenda_item_and_amended_paper() -> None:
    records = records_of(BOCHUM)
    paper = main(records)
    assert paper.reference is None
    assert paper.kind is not None and paper.kind.value == "amendment"
    assert paper.date is not None and paper.date.value == date(2021, 3, 24)
    assert paper.title is not None and paper.title.value.startswith(
        "Smart City Konzept Bochum und Beteiligung"
    )
    assert [s.name for s in paper.submitters] == ["Fraktion DIE LINKE"]
    assert [m.reference.value for m in paper.amends if m.reference] == ["20210691"]
    (consultation,) = paper.consultations
    assert consultation.body is not None and consultation.body.name == "Rat"
    assert consultation.date is not None and consultation.date.value == date(2021, 3, 25)
    assert consultation.agenda_item is not None and consultation.agenda_item.value == "1.16"
    assert [(s.name, s.position.value if s.position else None) for s in paper.signatories] == [
        ("Gültaze Aksevi", "Fraktionsvorsitzende"),
        ("Horst Hohmeier", "Fraktionsvorsitzende"),
    ]
    addressee = [m for m in records.named if m.kind == "person"]
    assert [(m.name, m.position.value if m.position else None) for m in addressee] == [
        ("Thomas Eiskirch", "Oberbürgermeister")
    ]


# -- Beschlussantrag forms


def test_beschlussantrag_form_with_receipt_date_and_table() -> None:
    paper = main(records_of(CHEMNITZ))
    assert paper.reference is not None and paper.reference.value == "BA-090/2020"
    assert paper.date is not None and paper.date.value == date(2020, 7, 15)
    assert paper.title is not None and paper.title.value == "Digitalisierungsstrategie für Chemnitz"
    assert [s.name for s in paper.submitters] == ["Fraktionsgemeinschaft DIE LINKE/Die PARTEI"]
    assert [s.name for s in paper.signatories] == ["Anja Schale"]
    rows = [
        (
            c.body.name if c.body else None,
            c.date.value if c.date else None,
            c.public.value if c.public else None,
            c.role.value if c.role else None,
        )
        for c in paper.consultations
    ]
    assert rows == [
        ("Verwaltungs- und Finanzausschuss", date(2020, 9, 17), False, "preliminary"),
        ("Stadtrat", date(2020, 9, 23), True, "decision"),
    ]
    assert paper.refers_to == []  # the register number A-078/2020 is no cited paper


# -- Sitzungsvorlage with departmental opinions

MUENCHEN_STATEMENTS = [
    ("Stadtkämmerei", date(2019, 4, 12), "nothing-to-report"),
    ("Referat für Stadtplanung und Bauordnung", date(2019, 3, 25), "conditional-support"),
    ("Personal- und Organisationsreferat", date(2019, 3, 7), "nothing-to-report"),
    ("Referat für Bildung und Sport", date(2019, 3, 29), "support"),
    ("Baureferat", date(2019, 3, 21), "no-objection"),
    ("Koordinierungsstelle für gleichgeschlechtliche Lebensweisen", date(2019, 3, 8), "support"),
    ("Direktorium", date(2019, 3, 25), "no-objection"),
    ("Kulturreferat", date(2019, 3, 25), "no-objection"),
    ("Sozialreferat", None, "support"),
    ("Stadtgüter München", date(2019, 3, 18), "support"),
    ("Referat für Gesundheit und Umwelt", date(2019, 3, 12), "no-objection"),
    ("Gesamtpersonalrat", date(2019, 3, 15), "acknowledgement"),
    ("Direktorium-Datenschutzbeauftragte", date(2019, 3, 11), "no-objection"),
    ("Kreisverwaltungsreferat", date(2019, 3, 11), "nothing-to-report"),
    ("Kommunalreferat", date(2019, 3, 11), "nothing-to-report"),
    ("Gleichstellungsstelle für Frauen", date(2019, 3, 18), "support"),
]


MUENCHEN_TITLE = (
    "Mitgliedschaft der Landeshauptstadt München im Verbund der "
    '"Cities Coalition for Digital Rights"'
)


def test_sitzungsvorlage_paper_and_its_cited_motion() -> None:
    records = records_of(MUENCHEN)
    paper = main(records)
    assert paper.reference is not None and paper.reference.value == "14-20 / V"
    assert paper.kind is not None and paper.kind.value == "draft-resolution"
    assert paper.date is None  # the Vorlage prints no date of its own
    assert paper.title is not None
    assert paper.title.value == MUENCHEN_TITLE
    assert [s.name for s in paper.submitters] == ["IT-Referat"]
    assert [(s.name, s.position.value if s.position else None) for s in paper.signatories] == [
        ("Thomas Bönig", "Berufsm. Stadtrat")
    ]
    cited = {m.reference.value: m for m in paper.refers_to if m.reference}
    assert set(cited) == {"14-20 / A 04783", "14-20 / V 12501", "14-20/ V 12615"}
    motion = cited["14-20 / A 04783"]
    assert motion.date is not None and motion.date.value == date(2018, 12, 13)
    assert [s.name for s in motion.submitters] == ["Fraktion Bündnis 90/Grüne/RL"]
    sessions = [
        (
            c.body.name if c.body else None,
            c.date.value if c.date else None,
            c.role.value if c.role else None,
            c.public.value if c.public else None,
        )
        for c in paper.consultations
    ]
    assert sessions == [
        ("IT-Ausschuss", date(2019, 5, 29), "preliminary", True),
        ("Vollversammlung des Stadtrates", None, "decision", None),
    ]
    assert {p.name for p in paper.mentions} == {"Progl", "Hübner"}


def test_sitzungsvorlage_one_statement_per_department() -> None:
    found = records_of(MUENCHEN).statements
    summary = [
        (
            s.author.printed if s.author else None,
            s.date.value if s.date else None,
            s.stance.value if s.stance else None,
        )
        for s in found
    ]
    authors = [
        (a.replace("Kreisverwaltungsreferat (KVR)", "Kreisverwaltungsreferat") if a else a, d, st)
        for a, d, st in summary
    ]
    assert authors == MUENCHEN_STATEMENTS


# -- minutes and administration positions (no sample exists: texts in the style of council systems)

MINUTES = """Stadt Leipzig
Der Oberbürgermeister

Auszug aus der Niederschrift
über die 27. öffentliche Sitzung des Stadtrates am 24.11.2021

TOP 12.1   Antrag der Fraktion DIE LINKE: Beitritt zur Städtekoalition "Cities for Digital Rights"
Drucksache: VII-A-05432

Beschluss:
Der Stadtrat beschließt den Antrag in der Fassung des Änderungsantrages.
Abstimmungsergebnis: mit Änderungen beschlossen
Ja: 38 Nein: 12 Enthaltung: 4

TOP 12.2   Anfrage der Fraktion Freibeuter zum Stand der Open-Data-Plattform
Drucksache: VII-F-05501

Beschluss: Kenntnisnahme

TOP 12.3   Antrag der AfD-Fraktion: Verzicht auf digitale Bürgerbeteiligung
Drucksache: VII-A-05510

Abstimmungsergebnis: abgelehnt
mit 9 Ja-Stimmen, 51 Nein-Stimmen und 2 Enthaltungen

TOP 12.4   Antrag der Fraktion Bündnis 90/Die Grünen: Offene Standards in der Verwaltung
Drucksache: VII-A-05511

Verwiesen in den Fachausschuss Allgemeine Verwaltung.

TOP 12.5   Antrag der SPD-Fraktion: WLAN in allen Schulen
Drucksache: VII-A-05512

Beschluss: einstimmig beschlossen

TOP 12.6   Antrag der Fraktion CDU: Digitale Sprechstunden
Drucksache: VII-A-05513

Der Antrag wurde vom Antragsteller zurückgezogen.

TOP 12.7   Antrag der Fraktion Freibeuter: Open-Source-Strategie
Drucksache: VII-A-05514

Beschluss: vertagt
"""


def test_minutes_items_with_outcomes_and_votes() -> None:
    records = registry.by_name("minutes").extract(text_source(MINUTES))
    rows = []
    for paper in records.motions:
        (c,) = paper.consultations
        rows.append(
            (
                paper.reference.value if paper.reference else None,
                c.agenda_item.value if c.agenda_item else None,
                c.result.value if c.result else None,
                (
                    c.votes_for.value if c.votes_for else None,
                    c.votes_against.value if c.votes_against else None,
                    c.abstentions.value if c.abstentions else None,
                ),
            )
        )
    assert rows == [
        ("VII-A-05432", "12.1", "adopted-with-changes", (38, 12, 4)),
        ("VII-F-05501", "12.2", "noted", (None, None, None)),
        ("VII-A-05510", "12.3", "rejected", (9, 51, 2)),
        ("VII-A-05511", "12.4", "referred", (None, None, None)),
        ("VII-A-05512", "12.5", "adopted", (None, None, None)),
        ("VII-A-05513", "12.6", "withdrawn", (None, None, None)),
        ("VII-A-05514", "12.7", "postponed", (None, None, None)),
    ]
    first = records.motions[0]
    c = first.consultations[0]
    assert c.body is not None and c.body.name == "Stadtrat"
    assert c.date is not None and c.date.value == date(2021, 11, 24)
    assert c.public is not None and c.public.value is True
    assert first.kind is not None and first.kind.value == "motion"
    assert records.motions[1].kind is not None and records.motions[1].kind.value == "inquiry"
    assert [s.name for s in records.motions[2].submitters] == ["Fraktion AfD"]
    assert registry.best_genre(MINUTES)[0].name == "minutes"


def test_minutes_items_in_a_table_flattened_with_bars() -> None:
    text = (
        "Niederschrift über die Sitzung des Gemeinderates vom 14.09.2023\n"
        "| TOP 1: | Genehmigung der Niederschrift der 28. Sitzung |\n"
        "Abstimmungsergebnis: einstimmig\n"
        "| TOP 2: | Einführung einer digitalen Bürgersprechstunde |\n"
        "Der Gemeinderat beschließt die Einführung.\n"
        "Abstimmungsergebnis: einstimmig\n"
    )
    records = registry.by_name("minutes").extract(text_source(text))
    assert [(p.title.value if p.title else None) for p in records.motions] == [
        "Einführung einer digitalen Bürgersprechstunde"
    ]
    assert [c.agenda_item.value for c in records.motions[0].consultations if c.agenda_item] == ["2"]


POSITION = """Stadt Leipzig
Dezernat Allgemeine Verwaltung

Verwaltungsstandpunkt Nr. VII-A-05432-VSP-01

Datum: 02.11.2021

Betreff: Beitritt der Stadt Leipzig zur Städtekoalition "Cities for Digital Rights"

zu den Anträgen Nr. VII-A-05432 der Fraktion DIE LINKE
und Nr. VII-A-05433 der Fraktion Bündnis 90/Die Grünen

Beschlussvorschlag der Verwaltung:

Die Verwaltung empfiehlt die Ablehnung der Anträge in der vorliegenden Fassung.

Sachverhalt:

Die Stadt Leipzig verfolgt bereits eine Strategie für Open Data und digitale Teilhabe.

Ulrich Hörning
Bürgermeister und Beigeordneter
"""


def test_administration_position_answers_several_motions() -> None:
    assert registry.best_genre(POSITION)[0].name == "position"
    records = registry.by_name("position").extract(text_source(POSITION))
    (position,) = records.statements
    assert position.identifier is not None and position.identifier.value == "VII-A-05432-VSP-01"
    assert [m.reference.value for m in position.about if m.reference] == [
        "VII-A-05432",
        "VII-A-05433",
    ]
    assert position.stance is not None and position.stance.value == "rejection"
    assert position.author is not None and position.author.name == "Dezernat Allgemeine Verwaltung"
    assert position.date is not None and position.date.value == date(2021, 11, 2)
    assert [s.name for s in position.signatories] == ["Ulrich Hörning"]


# -- stances, dates, principles


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("die Stadtkämmerei meldet Fehlanzeige.", "nothing-to-report"),
        (
            "Das Referat für Stadtplanung und Bauordnung zeichnet die o.g. Beschlussvorlage"
            " unter der Bedingung "
            "der Berücksichtigung der ergänzten Punkte mit.",
            "conditional-support",
        ),
        ("Zu o.g. Beschlussentwurf hat das Baureferat keine Einwände.", "no-objection"),
        ("...aus meiner Sicht ist keine Stellungnahme erforderlich", "nothing-to-report"),
        (
            "die Stadtgüter München stimmen der Beschlussvorlage für den IT-Ausschuss am"
            " 29.05.2019 zu.",
            "support",
        ),
        ("nehmen wir diese gerne als Information zur Kenntnis.", "acknowledgement"),
        ("Die Verwaltung empfiehlt den Antrag abzulehnen.", "rejection"),
        ("Der Oberbürgermeister verweist den Antrag in den Ausschuss für Wirtschaft.", "referral"),
        (
            "Aus oben genannten Gründen zeichnet das Sozialreferat die Beschlussvorlage daher mit.",
            "support",
        ),
    ],
)
def test_printed_stance_words_map_to_the_stance_scheme(sentence: str, stance: str) -> None:
    hit = best("stance", sentence, priority=statements.STANCE_PRIORITY)
    assert hit is not None and hit.slug == stance


def test_a_sentence_with_mit_elsewhere_is_no_co_signature() -> None:
    assert (
        best(
            "stance",
            "Wir zeichnen die Pläne mit großer Sorgfalt.",
            priority=statements.STANCE_PRIORITY,
        )
        is None
    )


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("03.11.2021", date(2021, 11, 3)),
        ("3. November 2021", date(2021, 11, 3)),
        ("03.11.21", date(2021, 11, 3)),
        ("2021-11-03", date(2021, 11, 3)),
        ("29. MRZ. 2019", date(2019, 3, 29)),
        ("Gesendet: Donnerstag, 7. März 2019 13:16", date(2019, 3, 7)),
        ("31.02.2021", None),
    ],
)
def test_dates_in_their_printed_forms(printed: str, expected: date | None) -> None:
    assert parse_date(printed) == expected


def test_times_and_version_numbers_are_no_dates() -> None:
    assert find_dates("um 14:22:24 Uhr, Version 1.2.3, Punkt 2.3") == []


def test_principles_from_the_vocabulary_with_their_sentence() -> None:
    src = source(BOCHUM)
    found = {p.concept: p for p in detect(src.text)}
    assert "open-source" in found
    hit = found["open-source"]
    quote = src.text[hit.start : hit.end]
    assert "Open-Source-Software" in quote and quote.startswith(
        "Bei ihren Projekten setzt die Stadt Bochum"
    )


def test_a_motion_to_join_the_coalition_invokes_all_five() -> None:
    text = (
        "Der Oberbürgermeister wird beauftragt, die Mitgliedschaft der Stadt in der"
        " Städtekoalition "
        "„Cities for Digital Rights“ zu beantragen und die Ziele der Deklaration umzusetzen."
    )
    assert {p.concept for p in detect(text)} == {
        "universal-access",
        "privacy",
        "transparency",
        "participatory-democracy",
        "open-standards",
    }


def test_mere_mention_of_the_coalition_invokes_nothing() -> None:
    assert detect("Die Stadt Amsterdam ist Mitglied der Cities Coalition for Digital Rights.") == []


def test_boilerplate_does_not_reveal_principles() -> None:
    text = "Von: Datenschutz\nGesendet: Montag, 11. März 2019 11:49\nAn: transparenz@example.org\n"
    assert detect(text) == []


def test_statement_needs_a_position_unless_it_is_an_answer() -> None:
    text = (
        "Von: ITM Beschlusswesen\nGesendet: Mittwoch, 6. März 2019 14:22\n\n"
        "beigefügt übermitteln wir Ihnen die Vorlage.\n"
    )
    assert statements.build(text, 0, len(text), []) is None
    answer = statements.build(text, 0, len(text), [], heading=True)
    assert isinstance(answer, Statement) and answer.stance is None


def test_administration_answers_printed_without_the_motion() -> None:
    text = source(HALLE_ANTRAG).text
    answers = text[text.index("Stadt Halle (Saale)  \nGeschäftsbereich des Oberbürgermeisters") :]
    genre, _ = registry.best_genre(answers)
    records = genre.extract(text_source(answers))
    assert [(s.date.value if s.date else None, s.stance.value if s.stance else None)
            for s in records.statements] == [
        (date(2022, 1, 20), "rejection"),
        (date(2021, 11, 18), "referral"),
    ]  # fmt: skip
    (paper,) = records.motions
    assert paper.reference is not None and paper.reference.value == "VII/2021/03290"
    assert paper.title is not None and paper.title.value.startswith("Antrag der Fraktion DIE LINKE")
    sessions = sorted((c.date.value, c.agenda_item.value) for c in paper.consultations
                      if c.date and c.agenda_item)  # fmt: skip
    assert sessions == [(date(2021, 11, 24), "9.2"), (date(2022, 1, 26), "8.1")]


SESSIONNET = """Stadt Musterstadt

Vorlage - 0123/2021

Betreff: Einführung eines Open-Data-Portals
Status: öffentlich
Vorlage-Art: Beschlussvorlage
Federführend: Amt für Digitalisierung und Organisation
Datum: 3. November 2021

Beratungsfolge:
Datum\tGremium\tZuständigkeit
10.11.2021\tAusschuss für Digitalisierung\tVorberatung
24.11.2021\tRat der Stadt\tEntscheidung

Beschlussvorschlag:
Der Rat beschließt die Einführung eines Open-Data-Portals.
"""


def test_printout_with_date_first_table_and_kind_field() -> None:
    records = registry.by_name("allris").extract(text_source(SESSIONNET))
    paper = main(records)
    assert paper.reference is not None and paper.reference.value == "0123/2021"
    assert paper.kind is not None and paper.kind.value == "draft-resolution"
    assert paper.date is not None and paper.date.value == date(2021, 11, 3)
    assert [(s.kind, s.name) for s in paper.submitters] == [
        ("unit", "Amt für Digitalisierung und Organisation")
    ]
    rows = [(c.body.name if c.body else None, c.date.value if c.date else None,
             c.role.value if c.role else None) for c in paper.consultations]  # fmt: skip
    assert rows == [
        ("Ausschuss für Digitalisierung", date(2021, 11, 10), "preliminary"),
        ("Rat der Stadt", date(2021, 11, 24), "decision"),
    ]


INQUIRY_LETTER = """Fraktion Bündnis 90/Die Grünen im Rat der Stadt Dortmund
Friedensplatz 1, 44135 Dortmund

Herrn Oberbürgermeister
Thomas Westphal

Dortmund, 12.05.2022

Anfrage zur Sitzung des Ausschusses für Bürgerdienste, öffentliche Ordnung, Anregungen und Beschwerden am 24.05.2022
Digitale Teilhabe in den Bürgerdiensten

Sehr geehrter Herr Oberbürgermeister,

wir bitten um die Beantwortung folgender Fragen:

1. Wie stellt die Verwaltung sicher, dass Menschen ohne Internetzugang alle Bürgerdienste nutzen können?
2. Welche Dienste sind barrierefrei?

Mit freundlichen Grüßen

Ingrid Reuter
Fraktionssprecherin
"""  # noqa: E501


def test_inquiry_letter_with_subject_under_the_kind_line() -> None:
    genre, _ = registry.best_genre(INQUIRY_LETTER)
    assert genre.name == "letter"
    records = genre.extract(text_source(INQUIRY_LETTER))
    paper = main(records)
    assert paper.kind is not None and paper.kind.value == "inquiry"
    assert (
        paper.title is not None and paper.title.value == "Digitale Teilhabe in den Bürgerdiensten"
    )
    assert paper.date is not None and paper.date.value == date(2022, 5, 12)
    assert [s.name for s in paper.submitters] == ["Fraktion Bündnis 90/Die Grünen"]
    (signer,) = paper.signatories
    assert (signer.name, signer.position.value if signer.position else None) == (
        "Ingrid Reuter", "Fraktionssprecherin")  # fmt: skip
    (session,) = paper.consultations
    assert session.date is not None and session.date.value == date(2022, 5, 24)
    assert [(p.name, p.position.value if p.position else None) for p in records.named] == [
        ("Thomas Westphal", "Oberbürgermeister")]  # fmt: skip
