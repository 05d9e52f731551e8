"""Principles in German compounds, in pages flattened into one line, and never from page chrome."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from councilgraph.namespaces import CG
from councilgraph.reference import data_dir
from ingest import principles
from tests.extracted import graph_of


def _found(text: str) -> set[str]:
    return {p.concept for p in principles.detect(text, 0, len(text))}


def test_a_compound_that_begins_with_a_principle_word_invokes_it() -> None:
    assert "universal-access" in _found("Die Gemeinde beteiligt sich am Bayerischen Breitbandförderprogramm.")


def test_a_short_word_does_not_begin_compounds() -> None:
    head = min(principles.vocabulary().compound_heads, key=len)
    assert len(head) >= principles.COMPOUND_HEAD_MIN
    assert _found("Die Verwaltung prüft die Datenbankstruktur.") == set()


def test_a_page_flattened_into_one_line_keeps_its_principles() -> None:
    line = "Drucksache 18/12 Schriftliche Anfrage zum Thema: Open Data fördern! " + "Weitere Worte. " * 40
    assert "open-data" in _found(line + " Kontakt: poststelle@example.org")


def test_a_footer_line_is_no_principle() -> None:
    assert _found("Diese Seite verwendet Cookies.\nMehr dazu in unserer Datenschutzerklärung.\n") == set()


def test_digital_education_for_pupils_is_digital_literacy_under_universal_access() -> None:
    """Gold guideline 13: devices and digital education for pupils (the Digitalpakt Schule) are
    universal access; `digital-literacy` is narrower than it in `ontology/principles.ttl`."""
    for text in (
        "Die Stadt beantragt die Mittel aus dem DigitalPakt Schule für alle Grundschulen.",
        "Allen Schülerinnen und Schülern sollen Leihgeräte zur Verfügung gestellt werden.",
    ):
        assert _found(text) == {"digital-literacy"}, text
    ontology = Graph().parse(data_dir("ontology") / "principles.ttl", format="turtle")
    concept = next(c for c in ontology.subjects(SKOS.prefLabel, Literal("Digital literacy", lang="en")))
    assert str(ontology.value(concept, SKOS.broader)).endswith("/universal-access")


def test_an_inquirys_subject_is_its_own_words_though_the_answer_interleaves_its_questions() -> None:
    """A parliament's print joins question and answer ("… und Antwort des Senats Betr.: …"): the
    answer's principles are not the inquiry's, but the subject it names is."""
    text = (
        "Drucksache 21/2987 Schriftliche Kleine Anfrage der Abgeordneten Erna Beispiel (FDP) vom 25.01.16 "
        "und Antwort des Senats Betr.: WLAN in Flüchtlingseinrichtungen Berichten zufolge haben viele Häuser "
        "noch kein Netz. 1. Wie ist der Stand der Planungen? Die zuständige Behörde plant weiter."
    )
    graph = graph_of(text, city="Hamburg", name="21-2987.txt")
    (inquiry,) = graph.subjects(CG.kind, None)
    assert {str(p).rsplit("/", 1)[-1] for p in graph.objects(inquiry, CG.principle)} == {"universal-access"}
