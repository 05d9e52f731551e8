"""Principles in German compounds, in pages flattened into one line, and never from page chrome."""

from __future__ import annotations

from ingest import principles


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
