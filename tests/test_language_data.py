"""The language files: every entry's example is read as the entry says."""

from __future__ import annotations

from pathlib import Path

import pytest

from councilgraph.namespaces import CG, DCTERMS
from ingest import actors, language, principles
from ingest.genres import cues, paper_dates, votes
from ingest.genres.cues import is_headline, is_no_subject, person_with_office, sole_party, submitters
from ingest.genres.people import prose_persons, signatures
from ingest.language import entries, groups, lexicon, parties
from tests.extracted import graph_of
from tests.language_ids import entry_location

PARTIES = entries("parties", "party")
KINDS = entries("kinds", "cue")
VOTES = entries("votes", "example")
OFFICES = entries("offices", "office")
GROUPS = entries("groups", "group")
SUBMISSIONS = [e for name, table in language.load("submission").items() if name != "sole_party" for e in table]
SOLE_PARTIES = entries("submission", "sole_party")


@pytest.mark.parametrize("entry", PARTIES)
def test_each_party_is_found_in_its_example(entry: dict[str, object]) -> None:
    found = {hit.name for hit in parties.find(str(entry["example"]))}
    assert entry["name"] in found, (entry["example"], found)


@pytest.mark.parametrize("entry", [e for e in PARTIES if "declined_example" in e])
def test_a_party_is_found_in_its_declined_form(entry: dict[str, object]) -> None:
    found = {hit.name for hit in parties.find(str(entry["declined_example"]))}
    assert entry["name"] in found, (entry["declined_example"], found)


@pytest.mark.parametrize("entry", KINDS)
def test_each_kind_cue_reads_its_example(entry: dict[str, object]) -> None:
    for example in (entry["example"], *([entry["also"]] if "also" in entry else [])):
        cues = lexicon.kind_cues(str(example))
        assert cues and cues[0].kind == entry["kind"], (example, cues)


@pytest.mark.parametrize("entry", VOTES)
def test_each_printed_vote_is_counted(entry: dict[str, object]) -> None:
    text = str(entry["text"])
    found = votes.read(text, 0, len(text))
    expected = dict(zip(votes.COUNTS, entry["expect"], strict=True))  # type: ignore[call-overload]
    for name, count in expected.items():
        if count < 0:
            assert name not in found, (name, found)
        else:
            assert name in found and found[name].value == count, (name, found)


@pytest.mark.parametrize("entry", entries("votes", "none"))
def test_a_word_of_none_in_a_counts_place_counts_nought(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = votes.read(text, 0, len(text))
    assert [found[name].value if name in found else -1 for name in votes.COUNTS] == entry["expect"]


@pytest.mark.parametrize("entry", OFFICES)
def test_each_office_is_stripped_into_a_position(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    person = person_with_office(text, 0, len(text))
    assert person is not None and person.name == entry["name"]
    office = str(entry["office"])
    assert (person.position.value if person.position else "") == office


ENDINGS = [e for e in OFFICES if e.get("ending_example")]
RANKS = entries("offices", "rank")


def test_a_word_that_opens_a_sentence_is_no_part_of_the_name_after_it() -> None:
    (entry,) = entries("names", "opener")
    found = [m.name for m in prose_persons(str(entry["example"]))]
    assert found == [entry["name"]], found
    for word in language.words("names", "not_a_name"):  # "Unterschrift Müller", "Betreff Müller": no person
        assert not actors.looks_like_person(f"{word} Müller"), word
    assert prose_persons("Gemeinderat\nKeine Mehrheit für Satzung zum Einwohnerbefragen\n") == []
    guest = prose_persons("Frau Küchenmeister, Vertreterin des Elternkuratoriums der Kita, spricht sich dafür aus.")
    assert [m.name for m in guest] == ["Küchenmeister"]


def test_a_place_named_after_a_person_is_no_person() -> None:
    (entry,) = entries("names", "place_named_after")
    text = str(entry["example"])
    assert prose_persons(text) == []
    assert [m.name for m in prose_persons(text.replace("-Platz", " hielt eine Rede"))] == ["Willi Brandt"]
    # a double given name before a surname that is also such a word: a person
    double = "„Das kostet“, merkte CDU-Fraktionsvorsitzender Hans-Michael Platz an."
    assert [m.name for m in prose_persons(double)] == ["Hans-Michael Platz"]


@pytest.mark.parametrize("entry", RANKS)
def test_a_rank_before_an_office_belongs_to_the_position(entry: dict[str, object]) -> None:
    found = [(m.name, m.position.value if m.position else None) for m in prose_persons(str(entry["example"]))]
    assert (entry["name"], entry["office"]) in found, found


@pytest.mark.parametrize("entry", ENDINGS)
def test_each_compound_office_is_read_in_prose(entry: dict[str, object]) -> None:
    found = [(m.name, m.position.value if m.position else None) for m in prose_persons(str(entry["ending_example"]))]
    assert (entry["ending_name"], entry["ending_office"]) in found, found


@pytest.mark.parametrize("entry", [e for e in OFFICES if e.get("position")])
def test_each_office_before_a_name_in_prose_becomes_the_position(entry: dict[str, object]) -> None:
    sentence = f"Im Anschluss erklärt {entry['example']}, dass die Verwaltung prüfe."
    found = [(m.name, m.position.value if m.position else None) for m in prose_persons(sentence)]
    assert (entry["name"], entry["office"]) in found, found


def test_chrome_example_is_chrome_and_a_title_is_not() -> None:
    (entry,) = entries("chrome", "chrome")
    assert lexicon.is_chrome(str(entry["example"]))
    assert not lexicon.is_chrome("Freies WLAN für die Innenstadt")


@pytest.mark.parametrize(
    "line",
    ["MEHR ANZEIGEN", "Diese Seite drucken", "• Keine Ergebnisse gefunden", "Logo goodnews4Plus",
     "Ein Angebot der NOZ", "In dieser Kategorie werden alle"],
)
def test_a_news_sites_buttons_logos_and_notes_are_chrome(line: str) -> None:
    assert lexicon.is_chrome(line)
    assert not lexicon.is_chrome("Logopädie an Grundschulen")


def test_a_user_extends_the_language_files_without_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "parties.toml").write_text(
        '[[party]]\nname = "Wählerliste Musterstadt"\nvariants = ["WLM"]\nexample = "Fraktion WLM"\n', encoding="utf-8"
    )
    monkeypatch.setenv(language.USER_DIR_VARIABLE, str(tmp_path))
    language.load.cache_clear()
    parties._canonical.cache_clear()
    parties._pattern.cache_clear()
    try:
        assert [hit.name for hit in parties.find("Antrag der Fraktion WLM")] == ["Wählerliste Musterstadt"]
    finally:
        monkeypatch.delenv(language.USER_DIR_VARIABLE)
        language.load.cache_clear()
        parties._canonical.cache_clear()
        parties._pattern.cache_clear()


def test_a_broken_language_file_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kinds.toml").write_text("[[cue]\nkind = ", encoding="utf-8")
    monkeypatch.setenv(language.USER_DIR_VARIABLE, str(tmp_path))
    language.load.cache_clear()
    try:
        with pytest.raises(language.LanguageDataError, match="kinds.toml"):
            language.load("kinds")
    finally:
        monkeypatch.delenv(language.USER_DIR_VARIABLE)
        language.load.cache_clear()


@pytest.mark.parametrize("entry", GROUPS)
def test_each_group_noun_reads_its_example(entry: dict[str, object]) -> None:
    example = str(entry["example"])
    assert groups.names_group(example)
    assert actors.party_of(example) == (entry["label"], entry["faction"])
    for word in entry["words"]:  # type: ignore[attr-defined]
        assert groups.is_noun(word) and groups.label(word) == entry["label"]


def test_a_group_noun_inside_another_word_is_read_only_where_the_file_allows_compounds() -> None:
    assert groups.names_group("die Landtagsfraktion der SPD")
    assert not groups.names_group("eine Arbeitsgruppe Digitales")
    assert not groups.names_group("für die Zielgruppe der Senioren")
    assert groups.is_plural("Fraktionen") and not groups.is_plural("Fraktion")


@pytest.mark.parametrize("entry", SUBMISSIONS)
def test_each_wording_of_submission_reads_its_example(entry: dict[str, object]) -> None:
    assert [m.name for m in submitters(str(entry["example"]))] == entry["submitters"]


@pytest.mark.parametrize(
    "entry", [e for e in SUBMISSIONS if "not_example" in e]
)
def test_a_wording_of_submission_reads_nothing_from_its_not_example(entry: dict[str, object]) -> None:
    assert submitters(str(entry["not_example"])) == []


@pytest.mark.parametrize("entry", SOLE_PARTIES)
def test_a_party_named_alone_with_a_paper_puts_it_forward(entry: dict[str, object]) -> None:
    assert [m.name for m in sole_party(str(entry["example"]))] == entry["submitters"]
    assert sole_party(str(entry["not_example"])) == []


QUOTED_TITLES = [e for e in entries("kinds", "quoted_title") + entries("kinds", "quoted_paper_name") if "example" in e]
QUOTED_GROUPS = [e for e in entries("kinds", "quoted_title") if "group_example" in e]


@pytest.mark.parametrize("entry", QUOTED_TITLES)
def test_a_paper_named_with_its_quoted_subject_is_titled_by_it(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = cues.quoted_title(text, 0, len(text))
    assert found is not None and found.value == entry["title"]
    if "not_example" in entry:
        other = str(entry["not_example"])
        assert cues.quoted_title(other, 0, len(other)) is None


@pytest.mark.parametrize("entry", entries("kinds", "titled"))
def test_a_sentence_that_names_a_paper_and_its_title_in_words_titles_it(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = cues.titled(text, 0, len(text))
    assert found is not None and found.value == entry["title"]
    other = str(entry["not_example"])
    assert cues.titled(other, 0, len(other)) is None


def test_a_title_in_words_wins_over_the_pages_headline() -> None:
    text = (
        "Förderprogramm für Lastenräder\n\nUnter dem Titel „Kinder- und Lastenbeförderung mit dem Fahrrad“"
        " haben die Grünen folgenden Antrag an die Gemeinde gestellt:\n\nDie Gemeinde möge ein Förderprogramm"
        " schaffen.\n"
    )
    titles = [str(t) for t in graph_of(text).objects(None, DCTERMS.title)]
    assert titles == ["Kinder- und Lastenbeförderung mit dem Fahrrad"]


@pytest.mark.parametrize("entry", QUOTED_GROUPS)
def test_a_quote_that_names_the_group_putting_a_paper_forward_is_no_title(entry: dict[str, object]) -> None:
    text = str(entry["group_example"])
    assert cues.quoted_title(text, 0, len(text)) is None


@pytest.mark.parametrize("entry", entries("kinds", "printout_abbreviation"))
def test_a_kinds_short_form_between_number_and_subject_is_no_part_of_the_subject(entry: dict[str, object]) -> None:
    found = cues.reference_line(str(entry["example"]))
    assert found is not None and found[1] is not None and found[1].value == entry["title"]


@pytest.mark.parametrize("entry", entries("kinds", "file_heading"))
def test_a_mirrors_file_heading_gives_the_subject_in_brackets(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    found = cues.file_heading(text)
    assert found is not None and found.value == entry["title"]
    assert cues.title(text) == found


def test_a_file_heading_that_names_a_paper_gives_no_subject_and_a_repeated_subject_its_number() -> None:
    assert cues.file_heading("Antrag/Anfrage (Antrag der Fraktion Linke&Piraten vom 08.10.2014)\n") is None
    text = (
        "Beschlusstext (Live-Stream-Übertragung der Ratssitzung)\n\nInhalt der Datei\n\n"
        "Brühl, den 19.08.2013 Öffentliche Sitzung 7.2 Live-Stream-Übertragung der Ratssitzung 235/2013 Der Rat …"
    )
    subject = cues.file_heading(text)
    assert subject is not None
    number = cues.number_after_subject(text, subject)
    assert number is not None and number.value == "235/2013"


@pytest.mark.parametrize(
    ("text", "named", "other"),
    [
        ("Der Wortlaut steht in der Beschlussvorlage „Flüchtlingsunterkunft – Informationsveranstaltung“.",
         "draft-resolution", "motion"),
        ("Die CDU hatte eine „Anfrage zur Nutzbarkeit des Mobilfunknetzes“ an die Verwaltung gestellt.",
         "inquiry", "draft-resolution"),
    ],
)  # fmt: skip
def test_a_quoted_subject_titles_the_kind_of_paper_that_names_it_not_another(text: str, named: str, other: str) -> None:
    assert cues.quoted_title(text, 0, len(text), named) is not None
    assert cues.quoted_title(text, 0, len(text), other) is None


@pytest.mark.parametrize("entry", entries("kinds", "questions_over_verb"))
def test_a_letter_asking_numbered_questions_is_an_inquiry_though_a_verb_says_motion(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    graph = graph_of(text, city="Bochum", name="anfrage.txt")
    kinds = {str(kind).rsplit("/", 1)[-1] for kind in graph.objects(None, CG.kind)}
    assert kinds == {"inquiry"}
    asking = text.replace("1. Welche Dienste folgen?\n2. Was kostet das?\n", "Mehr Dienste sollen folgen.\n")
    graph = graph_of(asking, city="Bochum", name="anfrage.txt")
    assert {str(kind).rsplit("/", 1)[-1] for kind in graph.objects(None, CG.kind)} == {"motion"}


NOT_SUBJECTS = entries("chrome", "not_a_subject")


@pytest.mark.parametrize("line", [line for e in NOT_SUBJECTS for line in e["examples"]])
def test_a_section_column_council_or_signature_line_is_no_subject(line: str) -> None:
    assert is_no_subject(line)


@pytest.mark.parametrize("line", [line for e in NOT_SUBJECTS for line in e["subjects"]])
def test_a_title_that_opens_like_a_heading_stays_a_subject(line: str) -> None:
    assert not is_no_subject(line)


MENTIONS = [entry for table in ("name", "limit") for entry in entries("mentions", table)]


@pytest.mark.parametrize("entry", MENTIONS)
def test_a_principles_word_in_a_name_or_a_limit_is_not_asked_for(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    assert entry["principle"] not in {p.concept for p in principles.detect(text)}
    asked = ASKED_FOR[str(entry["principle"])]
    assert entry["principle"] in {p.concept for p in principles.detect(asked)}


ASKED_FOR = {
    "privacy": "Wir beantragen mehr Datenschutz.",
    "participatory-democracy": "Wir beantragen mehr Bürgerbeteiligung.",
    "universal-access": "Wir beantragen den Breitbandausbau für alle Haushalte.",
}
"""A paper asking for each principle a mention names, in words the principle's vocabulary holds."""


# the principle each table's examples do not name, beside a text that names it
_NOT_THE_PRINCIPLE = {
    "internal": "Beschlussvorlage (Einrichtung eines freien WLAN für alle Bürgerinnen und Bürger in der Innenstadt)",
    "statutory": "Die Stadt soll die Beteiligung der Öffentlichkeit über ein Online-Portal stärken.",
}


@pytest.mark.parametrize(
    ("table", "entry"),
    [(table, entry) for table in _NOT_THE_PRINCIPLE for entry in entries("mentions", table)],
    ids=lambda value: str(value["example"]) if isinstance(value, dict) else str(value),
)
def test_the_councils_own_access_and_a_planning_laws_participation_are_no_principle(
    table: str, entry: dict[str, object]
) -> None:
    """ "WLAN für Ratsmitglieder im Rathaus"; "beschließt zum Bebauungsplan die Beteiligung der Öffentlichkeit"."""
    assert entry["principle"] not in {p.concept for p in principles.detect(str(entry["example"]))}
    assert entry["principle"] in {p.concept for p in principles.detect(_NOT_THE_PRINCIPLE[table])}


@pytest.mark.parametrize("entry", entries("mentions", "digital_only"))
def test_a_buildings_accessibility_is_no_digital_principle(entry: dict[str, object]) -> None:
    """ "Der barrierefreie Ausbau der Bushaltestelle" asks for no digital service; "eine barrierefreie
    Internetseite" does (gold guideline 13)."""
    assert entry["principle"] in {p.concept for p in principles.detect(str(entry["example"]))}
    assert entry["principle"] not in {p.concept for p in principles.detect(str(entry["not_example"]))}


LETTERS = entries("dating", "letter")


@pytest.mark.parametrize("entry", LETTERS)
def test_the_letter_a_paper_was_handed_in_with_dates_it(entry: dict[str, object]) -> None:
    found = paper_dates.of_letter(str(entry["example"]))
    assert (found.value.isoformat() if found else "") == entry["date"]


SUBMITTED = entries("dating", "submitted")


@pytest.mark.parametrize("entry", SUBMITTED)
def test_the_day_a_post_says_its_paper_was_handed_in_dates_it(entry: dict[str, object]) -> None:
    found = paper_dates.of_submission(str(entry["example"]))
    assert (found.value.isoformat() if found else "") == entry["date"]


def test_a_coalition_submits_as_each_of_its_groups() -> None:
    (entry,) = entries("groups", "coalition")
    text = str(entry["example"])
    found = submitters(text, 0, len(text))
    assert [m.printed for m in found] == entry["parties"]


def test_a_phrase_that_opens_with_no_name_is_no_group() -> None:
    (entry,) = entries("groups", "not_a_name")
    assert actors.faction(str(entry["example"]), 0, len(str(entry["example"]))) is None
    assert actors.faction("Fraktion Wir Prenzlauer", 0, 23) is not None


def test_a_headline_is_no_title_but_a_title_that_opens_with_a_party_or_body_is() -> None:
    (entry,) = entries("chrome", "headline")
    assert all(is_headline(str(line)) for line in entry["examples"]), entry["examples"]
    assert not any(is_headline(str(line)) for line in entry["titles"]), entry["titles"]


@pytest.mark.parametrize("entry", entries("kinds", "application"))
def test_an_application_for_funds_names_no_council_paper(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    assert cues.kind(text, 0, len(text)) is None
    council_paper = "Die Fraktion beantragt, den Bürgermeister mit der Prüfung zu beauftragen."
    assert cues.kind(council_paper, 0, len(council_paper)) is not None


@pytest.mark.parametrize(
    "entry",
    [*entries("kinds", "moved_aloud"), *entries("kinds", "answered_aloud")],
)
def test_a_motion_moved_or_a_question_answered_in_the_session_names_no_kind(entry: dict[str, object]) -> None:
    text = str(entry["example"])
    assert cues.kind(text, 0, len(text)) is None
    written = "Die Fraktion beantragt, den Bürgermeister mit der Prüfung zu beauftragen."
    assert cues.kind(written, 0, len(written)) is not None
    asked = "Auf Nachfrage von Herrn Meier zum Stand des Breitbandausbaus berichtet die Verwaltung."
    found = cues.kind(asked, 0, len(asked))
    assert found is not None and found.value == "inquiry"


def test_the_motion_the_minutes_name_after_one_moved_aloud_is_that_one() -> None:
    text = (
        "Beschluss: einstimmig angenommen\n\nProtokollvermerk:\n\n  1. Herr StR Dr. Moll beantragt, eine Ziffer 6."
        " anzufügen.\n    Der Antrag wird mit 5 gegen 40 Stimmen abgelehnt.\n"
    )
    assert cues.kind(text, 0, len(text)) is None
    assert cues.kind("Der Antrag wird abgelehnt.\n", 0, 26) is not None


def test_a_local_list_known_by_its_initials_after_the_kind_word_submits() -> None:
    assert [m.name for m in submitters("Mobilfunk und 5G – Anfrage der LMU im Gemeinderat")] == ["Fraktion LMU"]
    # an office's abbreviation before a name is no list: "Antrag des BG Mittag, RH Kurku für die SPD-Fraktion"
    assert "Fraktion BG" not in [m.name for m in submitters("Antrag des BG Mittag, RH Kurku für die SPD-Fraktion")]


@pytest.mark.parametrize(
    "text",
    [
        "Aus Datenschutzgründen sei eine Weitergabe nicht möglich.",
        "Informationsrechte sind bereits im Bayerischen Datenschutzgesetz verankert.",
        "der Befund der Landesbeauftragten für Datenschutz und Informationsfreiheit",
    ],
)
def test_data_protection_as_a_law_or_a_reason_is_no_principle_asked_for(text: str) -> None:
    assert "privacy" not in {p.concept for p in principles.detect(text)}


def test_a_news_reports_title_of_office_and_a_signatures_office_before_its_group() -> None:
    read = prose_persons("sagte CDU-Fraktionschef Simon Lisken.")
    assert [(m.name, m.position.value if m.position else None) for m in read] == [("Simon Lisken", "CDU-Fraktionschef")]
    text = "Mit freundlichen Grüßen\n\ngez. Jürgen Semmler\nFraktionsvorsitzender CDU Stadtverordnetenfraktion\n"
    signed = [(m.name, m.position.value if m.position else None) for m in signatures(text)]
    assert signed == [("Jürgen Semmler", "Fraktionsvorsitzender")]  # the office, not the group it is held in
    text = "Mit freundlichen Grüßen\n\ngez. Anna Berg\nVorsitzende der CDU-Gemeinderatsfraktion\n"
    positions = [m.position.value if m.position else None for m in signatures(text)]
    assert positions == ["Vorsitzende der CDU-Gemeinderatsfraktion"]


@pytest.mark.parametrize(
    ("line", "office"),
    [("– Fraktionsvorsitzender –", "Fraktionsvorsitzender"),
     ("stv. Fraktionsvorsitzender B‘90/Grüne", "stv. Fraktionsvorsitzender")],
)  # fmt: skip
def test_a_signatures_office_between_dashes_or_before_a_party_with_digits_is_read(line: str, office: str) -> None:
    text = f"Mit freundlichen Grüßen\ngez. Anna Berg\n{line}\n"
    assert [(m.name, m.position.value if m.position else None) for m in signatures(text)] == [("Anna Berg", office)]
    dated = "Mit freundlichen Grüßen\ngez. Anna Berg\nFraktionsvorsitzende 12.03.2021\n"
    assert [m.position for m in signatures(dated)] == [None]


@pytest.mark.parametrize("entry", entries("offices", "after_party"))
def test_a_title_joined_to_a_party_before_a_name_is_the_position(entry: dict[str, object]) -> None:
    read = prose_persons(str(entry["example"]))
    assert (entry["name"], entry["office"]) in [(m.name, m.position.value if m.position else None) for m in read]


@pytest.mark.parametrize("entry", entries("offices", "position_line"))
def test_a_title_of_the_position_line_under_a_signature_is_the_signers_position(entry: dict[str, object]) -> None:
    read = signatures(str(entry["example"]))
    assert [(m.name, m.position.value if m.position else None) for m in read] == [(entry["name"], entry["office"])]
    # an abbreviation that names an office before a name is no position line of its own
    assert [m.position for m in signatures("Mit freundlichen Grüßen\ngez. Anna Berg\nBV\n")] == [None]


@pytest.mark.parametrize("entry", entries("offices", "elected"))
def test_an_office_a_name_is_elected_or_appointed_to_is_the_position_in_its_nominative(
    entry: dict[str, object],
) -> None:
    read = prose_persons(str(entry["example"]))
    assert (entry["name"], entry["office"]) in [(m.name, m.position.value if m.position else None) for m in read]


@pytest.mark.parametrize("entry", entries("offices", "declined"))
def test_a_declined_office_before_a_name_is_the_position_in_its_nominative(entry: dict[str, object]) -> None:
    read = prose_persons(str(entry["example"]))
    assert [(m.name, m.position.value if m.position else None) for m in read] == [(entry["name"], entry["office"])]


def test_an_office_after_the_name_with_its_article_is_the_position() -> None:
    read = prose_persons("erklärte Martin Gams, der geschäftsleitende Beamte im Rathaus.")
    assert [(m.name, m.position.value if m.position else None) for m in read] == [
        ("Martin Gams", "geschäftsleitende Beamte")
    ]
    dative = prose_persons("Auf Vorschlag von Gerhard Malinowski, dem Fraktionsvorsitzenden der CDU, wurde vertagt.")
    assert [(m.name, m.position.value if m.position else None) for m in dative] == [
        ("Gerhard Malinowski", "Fraktionsvorsitzenden der CDU")
    ]


@pytest.mark.parametrize(
    ("text", "name", "office"),
    [("Auch Thomas Wienken, stellvertretender Fraktionsvorsitzender, sieht große Chancen.", "Thomas Wienken",
      "stellvertretender Fraktionsvorsitzender"),
     ("Wie Wilfried Weisbrod als Fraktionsvorsitzender der Grünen ausführte, seien die Zahlen klein.",
      "Wilfried Weisbrod", "Fraktionsvorsitzender")],
)  # fmt: skip
def test_an_office_after_the_name_in_apposition_or_after_als_is_the_position(text: str, name: str, office: str) -> None:
    """The name may begin after a capitalised word that opens the sentence ("Auch", "Wie")."""
    assert [(m.name, m.position.value if m.position else None) for m in prose_persons(text)] == [(name, office)]


def test_a_given_names_initial_belongs_to_the_name_after_a_form_of_address() -> None:
    read = prose_persons("Auf die Feststellung von Frau E. Meyer, dass dieser Eilantrag vertagt werde.")
    assert [m.name for m in read] == ["E. Meyer"]


def test_a_paper_asking_the_following_questions_in_any_case_is_an_inquiry() -> None:
    for text in (
        "Sachverhalt:\nUm eine Übersicht zu erhalten, bitten wir um die Beantwortung der folgenden Fragen:\n1. Wann?\n",
        "Wir bitten um Antwort auf nachfolgende Fragen:\n1. Wie viele?\n",
    ):
        found = cues.kind(text, 0, len(text))
        assert found is not None and found.value == "inquiry", text


def test_a_verb_cue_printed_as_a_noun_after_an_article_names_no_kind() -> None:
    text = "Für Bürger sollen Dienstleistungen wie das Beantragen von Ausweispapieren online kommen. Die Anfrage folgt."
    found = cues.kind(text, 0, len(text))
    assert found is not None and found.value == "inquiry"
    assert [c.kind for c in lexicon.kind_cues("Beantragt wird die Prüfung.")] == ["motion"]


@pytest.mark.parametrize("entry", entries("submission", "member_list"))
def test_a_head_that_lists_members_and_their_groups_names_signatories_and_submitters(entry: dict[str, object]) -> None:
    text = f"Transparenzseite einrichten\n{entry['example']}\nAntwort IT-Referentin Dr. Laura Dornheim:\n"
    listed = cues.member_list(text, 0, len(text))
    assert [m.name for m in listed.signatories] == entry["signatories"]
    assert [m.name for m in listed.submitters] == entry["submitters"]
    assert listed.date is not None and listed.date.value.isoformat() == entry["date"]
    assert cues.member_list("Antrag der Stadtratsfraktion der CSU vom 4.3.2024\n", 0, 48) == cues.MemberList()


@pytest.mark.parametrize("line", ["Von Hans Müller, ", "Von Anna Schmidt,, Peter Meier", "Von , ,"])
def test_a_byline_with_empty_parts_is_read_without_error(line: str) -> None:
    assert is_no_subject(line) is False


@pytest.mark.parametrize(
    ("printed", "party"),
    [
        ("Linksfraktion", "Linksfraktion"),
        ("Ausschussgemeinschaft FDP", "Ausschussgemeinschaft FDP"),
        ("Fraktion Verwaltungsausschuss 2014", None),  # a body
        ("Fraktion Tagesordnung? Die CDU", None),  # a question
        ("Fraktion Fraktionsmitgliedern", None),  # a word made of the group noun
        ("Fraktion Mehrheitsfraktionen im Stadtparlament", None),
        ("Fraktion Herr Jürgen Schmitz", None),  # a member addressed
        ("Fraktion Grünen-Ratsherr Hans-Otto Meyer-Ott", None),  # a member with an office
    ],
)
def test_a_group_is_named_by_no_body_question_group_noun_or_member(printed: str, party: str | None) -> None:
    mention = actors.faction(printed, 0, len(printed))
    assert (mention.party if mention is not None else None) == party


@pytest.mark.parametrize(
    ("printed", "name", "position"),
    [
        ("Ratsvorsitzender Daether", "Daether", "Ratsvorsitzender"),
        ("Ortsbürgermeisters Matthias Rönneberg", "Matthias Rönneberg", "Ortsbürgermeister"),
        ("Ordnungsamtsleiter Marko Burkhardt", "Marko Burkhardt", "Ordnungsamtsleiter"),
        ("Hans Leiter", "Hans Leiter", None),  # a surname that is an office ending
    ],
)
def test_a_title_of_office_opening_a_name_is_its_position(printed: str, name: str, position: str | None) -> None:
    mention = actors.person(printed, 0, len(printed))
    assert mention is not None
    assert (mention.name, mention.position.value if mention.position else None) == (name, position)


def test_an_entrys_test_id_names_the_line_of_its_table_header() -> None:
    folder = Path(language.__file__).parent
    for path in sorted(folder.glob("*.toml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for table, items in language.load(path.stem).items():
            for entry in items:
                place = entry_location(entry)
                assert place is not None and place.startswith(f"{path.name}:"), (path.name, table, entry)
                header = lines[int(place.rsplit(":", 1)[1]) - 1]
                assert header.split("#")[0].strip() == f"[[{table}]]", (place, table)
