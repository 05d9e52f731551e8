"""Questions asked aloud and their answers, as minutes record them: one rule at a time, on the
examples of `ingest/language/questions.toml` and on synthetic records."""

from __future__ import annotations

import pytest
from rdflib import Graph

from councilgraph.namespaces import CG, DCTERMS, FOAF, RDF, RDFS
from ingest.genres.questions import oral_question
from ingest.language import load
from tests.extracted import graph_of

TABLES = ("asking", "answering", "office", "office_alone", "anonymous", "asked_inside", "asked_of")
EXAMPLES = [entry for table in TABLES for entry in load("questions")[table]]


def _extracted(text: str) -> Graph:
    return graph_of(text, city="Bochum", name="frage.txt")


def _names(text: str) -> tuple[str | None, str | None]:
    found = oral_question(text)
    assert found is not None, text
    asker = found.question.speaker.name if found.question.speaker else None
    answerer = found.answer.speaker.name if found.answer and found.answer.speaker else None
    return asker, answerer


def _asker_and_answerer(text: str) -> tuple[str, str]:
    """The labels of the one inquiry's submitter and of the author of the one statement on it."""
    graph = _extracted(text)
    (inquiry,) = graph.subjects(RDF.type, CG.Inquiry)
    (asker,) = graph.objects(inquiry, CG.submittedBy)
    (statement,) = graph.subjects(CG.about, inquiry)
    (author,) = graph.objects(statement, CG.author)
    return str(graph.value(asker, RDFS.label)), str(graph.value(author, RDFS.label))


@pytest.mark.parametrize("entry", EXAMPLES)
def test_each_record_of_a_question_reads_its_asker_and_answerer(entry: dict[str, object]) -> None:
    assert _names(str(entry["example"])) == (entry.get("asker"), entry.get("answerer"))


def test_the_asker_going_on_is_no_answer() -> None:
    text = "Ratsherr Meier fragt, ob das WLAN kommt.\nRatsherr Meier erklärt, er habe Beschwerden erhalten."
    assert _names(text) == ("Meier", None)


def test_a_text_without_a_question_has_none() -> None:
    assert oral_question("Bürgermeister Schmidtke erläutert den Haushalt. Der Rat beschließt einstimmig.") is None


def test_a_recorded_question_becomes_an_inquiry_answered_by_the_office() -> None:
    text = (
        "Ratsherr Lembeck fragte, ob die Schulen an das Glasfasernetz angeschlossen werden.\n\n"
        "Bürgermeister Niehues antwortete, dass dies geplant sei.\n"
    )
    assert _asker_and_answerer(text) == ("Lembeck", "Bürgermeister")


def test_a_paper_named_before_the_question_keeps_its_kind() -> None:
    text = (
        "Antrag der SPD-Fraktion: Freies WLAN\n\n"
        "Ratsherr Meier fragt, ob das WLAN kommt.\nBürgermeister Kunz erklärt, ja.\n"
    )
    graph = _extracted(text)
    assert not set(graph.subjects(RDF.type, CG.Inquiry))


def test_a_question_asked_on_a_quoted_topic_is_titled_by_it() -> None:
    text = (
        "Ratsmitglied Dr. Peter Muster stellt eine Anfrage zum Thema „Barrierefreiheit“.\n\n"
        "Bürgermeister Kunz teilt hierzu mit, dass das Rathaus umgebaut werde.\n"
    )
    graph = _extracted(text)
    (inquiry,) = graph.subjects(RDF.type, CG.Inquiry)
    assert str(graph.value(inquiry, DCTERMS.title)) == "Barrierefreiheit"
    (asker,) = graph.objects(inquiry, CG.submittedBy)
    assert str(graph.value(asker, RDFS.label)) == "Peter Muster"
    (statement,) = graph.subjects(CG.about, inquiry)
    (author,) = graph.objects(statement, CG.author)
    assert str(graph.value(author, RDFS.label)) == "Bürgermeister"


def test_a_question_under_an_agenda_items_subject_is_an_inquiry_on_that_subject() -> None:
    text = (
        "2. Digitalisierung der Schulen\n\n"
        "Frau Spräner erkundigt sich nach dem Stand der Digitalisierung in den Schulen.\n\n"
        "Bürgermeister Kunz erklärt, dass die Schulen WLAN erhalten.\n"
    )
    assert _asker_and_answerer(text) == ("Spräner", "Bürgermeister")


def test_an_office_opening_the_sentence_answers_whatever_its_verb_and_a_second_office_answers_too() -> None:
    text = (
        "Herr Schröder fragt zur Barrierefreiheit der Wahlräume nach. Beigeordnete Busch weist hierzu auf die "
        "Schwierigkeiten bei der Suche nach geeigneten Räumlichkeiten hin. Oberbürgermeister Kunz führt aus, "
        "dass weitere Räume geprüft werden.\n"
    )
    found = oral_question(text)
    assert found is not None and found.answer is not None and found.answer.speaker is not None
    assert found.answer.speaker.name == "Beigeordnete"
    assert [t.speaker.name for t in found.further_answers if t.speaker] == ["Oberbürgermeister"]
    graph = _extracted(text)
    (inquiry,) = graph.subjects(RDF.type, CG.Inquiry)
    statements = graph.subjects(CG.about, inquiry)
    authors = {str(graph.value(a, RDFS.label)) for s in statements for a in graph.objects(s, CG.author)}
    assert authors == {"Beigeordnete", "Oberbürgermeister"}


def test_a_principle_only_the_answer_names_is_not_the_questions() -> None:
    """The paper's own text asks for a principle, not the answer recorded on it (gold guideline 9)."""
    answered = (
        "Ratsherr Meier fragt, wann die Verwaltung das Gutachten zur Sporthalle vorlegt.\n"
        "Bürgermeister Schmidtke antwortet, dass zuerst der flächendeckende Breitbandausbau für alle Haushalte"
        " abgeschlossen werden müsse.\n"
    )
    asked = answered.replace("das Gutachten zur Sporthalle", "den flächendeckenden Breitbandausbau für alle Haushalte")

    def principles_of_the_inquiry(text: str) -> set[str]:
        graph = _extracted(text)
        (inquiry,) = graph.subjects(RDF.type, CG.Inquiry)
        return {str(p).rsplit("/", 1)[-1] for p in graph.objects(inquiry, CG.principle)}

    assert principles_of_the_inquiry(answered) == set()
    assert principles_of_the_inquiry(asked) == {"universal-access"}


def test_a_question_raised_in_the_debate_on_a_titled_draft_resolution_leaves_it_a_draft_resolution() -> None:
    text = (
        "06.05.2019 - 8 Bewerbung als Modellprojekt Smart Cities\n\nBeschluss:\nungeändert beschlossen\n\n"
        "Wortprotokoll\n\nHerr Schönfeldt spricht an, dass die Schulen hier keine Berücksichtigung finden.\n\n"
        "Der Bürgermeister erläutert das Förderprojekt.\n\nSachverhalt:\n\n"
        "Das Ministerium veröffentlicht ein Verfahren.\n"
    )
    graph = _extracted(text)
    assert list(graph.subjects(RDF.type, CG.Inquiry)) == []
    (paper,) = graph.subjects(CG.kind, None)
    assert str(graph.value(paper, CG.kind)).endswith("draft-resolution")


def test_an_answer_headed_with_the_inquirys_number_and_its_own_date_gives_both() -> None:
    text = (
        "Fragesteller: Julian Potthast\nIm Rahmen einer Kleinen Anfrage richtete Julian Potthast folgende Anfrage "
        "an das Bezirksamt Neukölln:\n1. Welche Maßnahmen wurden ergriffen?\n2. Welche Fortschritte gibt es?\n"
        "Antwort des Bezirksamts Neukölln: KA/372/XXI vom 26.02.2026\n"
        "Sehr geehrter Herr Vorsteher,\ndas Bezirksamt beantwortet die Fragen wie folgt.\n"
    )
    graph = _extracted(text)
    (inquiry,) = graph.subjects(RDF.type, CG.Inquiry)
    assert str(graph.value(inquiry, DCTERMS.identifier)) == "KA/372/XXI"
    (statement,) = graph.subjects(CG.about, inquiry)
    assert str(graph.value(statement, DCTERMS.date)) == "2026-02-26"


def test_the_member_who_asks_aloud_submits_the_inquiry_whose_answer_was_read_first() -> None:
    text = (
        "Protokollvermerk:\n\nEs werden folgende Fragen gestellt:\n\n  1. Herr StR Winkler fragt an, ob der ADFC "
        "einbezogen wird. Herr Ternes antwortet, dass dies der Fall ist.\n"
    )
    graph = graph_of(text, city="Erlangen", name="to0050.txt")
    (inquiry,) = graph.subjects(CG.kind, None)
    askers = [str(graph.value(a, FOAF.name)) for a in graph.objects(inquiry, CG.submittedBy)]
    assert askers == ["Winkler"]


def test_a_reports_dateline_before_the_asker_is_no_part_of_the_speaker() -> None:
    text = (
        "Kronach — Sven Schuster (SPD) fragte in der Sitzung nach, warum kein Flüsterasphalt aufgebracht wird. "
        "Bürgermeister Beiergrößlein erklärte, dass dies zu teuer sei."
    )
    found = oral_question(text)
    assert found is not None and found.question.speaker is not None
    assert found.question.speaker.name == "Sven Schuster"


def test_a_question_whose_answer_names_a_council_is_not_decided_by_it() -> None:
    """A body named in what was answered is no session that decides the question."""
    graph = _extracted(
        "Frau Köhler macht darauf aufmerksam, dass der Spielplatz vernachlässigt aussehe. Sie erkundigt sich, ob der"
        " Sand noch in den Sommerferien aufgefüllt werde.\n\nFrau Dirks sagt Überprüfung zu, zudem würde der Spielplatz"
        " auf der Liste stehen, die der Gemeinderat nach den Sommerferien bereise.\n"
    )
    (paper,) = graph.subjects(RDF.type, CG.Motion)
    assert str(graph.value(paper, CG.kind)).endswith("inquiry")
    assert all(graph.value(c, CG.role) is None for c in graph.objects(paper, CG.consultation))


def test_numbered_questions_over_the_chairs_answers_are_the_first_askers_inquiry() -> None:
    text = (
        "Beschluss: zur Kenntnis genommen\n\n1.    GR Huber:\nWann findet die angekündigte Verkehrsschau statt?\n"
        "Antwort des Vorsitzenden:\nDies wird zeitnah geschehen.\n\n2.    GR Preller:\n"
        "Was passiert mit den Öltanks?\nAntwort des Vorsitzenden:\nIch werde die Eigentümer ansprechen.\n"
    )
    assert _names(text) == ("Huber", "Vorsitzende")
    assert _asker_and_answerer(text) == ("Huber", "Vorsitzende")
