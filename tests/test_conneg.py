"""The content-negotiation table, as pure functions (no app, no store)."""

from __future__ import annotations

import pytest

from server.conneg import (
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    TURTLE,
    alternate_links,
    best_for_accept,
    choose_language,
    etag_for,
    format_named,
    negotiate,
    split_suffix,
)

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (FIREFOX, HTML),
        (CHROME, HTML),
        ("text/html", HTML),
        ("application/xhtml+xml", HTML),
        ("*/*", TURTLE),
        (None, TURTLE),
        ("", TURTLE),
        ("text/turtle", TURTLE),
        ("application/x-turtle", TURTLE),
        ("application/n-triples", N_TRIPLES),
        ("application/ld+json", JSON_LD),
        ("application/json", JSON_LD),
        ("application/rdf+xml", RDF_XML),
        ("text/*", TURTLE),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.9", TURTLE),
        ("text/turtle;q=0.2, application/ld+json", JSON_LD),
        ("text/html;q=0.1, application/n-triples;q=0.8", N_TRIPLES),
        ("text/html, text/turtle;q=0.9", HTML),
        ("*/*;q=0.1, application/rdf+xml", RDF_XML),
        ("text/turtle;q=0, */*", JSON_LD),
    ],
)
def test_accept_header_picks_the_format(accept: str | None, expected: object) -> None:
    assert best_for_accept(accept) is expected


@pytest.mark.parametrize("accept", ["image/png", "application/pdf, text/csv", "text/turtle;q=0"])
def test_nothing_acceptable_gives_none(accept: str) -> None:
    assert best_for_accept(accept) is None


def test_wildcard_alone_never_gives_html() -> None:
    assert best_for_accept("*/*") is not HTML
    assert best_for_accept("text/*") is not HTML


@pytest.mark.parametrize(
    ("path", "stem", "fmt"),
    [
        ("motion/halle-saale/vii-2021-03290.ttl", "motion/halle-saale/vii-2021-03290", TURTLE),
        ("motion/halle-saale/vii-2021-03290.nt", "motion/halle-saale/vii-2021-03290", N_TRIPLES),
        ("motion/halle-saale/vii-2021-03290.jsonld", "motion/halle-saale/vii-2021-03290", JSON_LD),
        ("motion/halle-saale/vii-2021-03290.rdf", "motion/halle-saale/vii-2021-03290", RDF_XML),
        ("motion/halle-saale/vii-2021-03290.html", "motion/halle-saale/vii-2021-03290", HTML),
        ("motion/halle-saale/vii-2021-03290", "motion/halle-saale/vii-2021-03290", None),
        ("motion/halle-saale/vii.2021", "motion/halle-saale/vii.2021", None),
        ("weird.ttl/x", "weird.ttl/x", None),
    ],
)
def test_suffix_is_split_off_only_when_known(path: str, stem: str, fmt: object) -> None:
    assert split_suffix(path) == (stem, fmt)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ttl", TURTLE),
        ("turtle", TURTLE),
        ("text/turtle", TURTLE),
        ("JSON-LD", JSON_LD),
        ("nt", N_TRIPLES),
        ("rdfxml", RDF_XML),
        ("html", HTML),
        ("yaml", None),
    ],
)
def test_format_parameter_names(name: str, expected: object) -> None:
    assert format_named(name) is expected


def test_suffix_beats_format_parameter_beats_accept() -> None:
    assert negotiate(FIREFOX, suffix=TURTLE, format_param="jsonld") is TURTLE
    assert negotiate(FIREFOX, suffix=None, format_param="jsonld") is JSON_LD
    assert negotiate("image/png", suffix=None, format_param="nt") is N_TRIPLES
    assert negotiate(FIREFOX) is HTML
    assert negotiate("text/turtle", format_param="nonsense") is None


def test_alternate_links_name_every_format() -> None:
    header = alternate_links("/doc/city/bochum")
    assert '</doc/city/bochum.ttl>; rel="alternate"; type="text/turtle"' in header
    assert '</doc/city/bochum.jsonld>; rel="alternate"; type="application/ld+json"' in header
    assert '</doc/city/bochum.nt>; rel="alternate"; type="application/n-triples"' in header
    assert '</doc/city/bochum.rdf>; rel="alternate"; type="application/rdf+xml"' in header
    assert '</doc/city/bochum.html>; rel="alternate"; type="text/html"' in header


def test_etag_changes_with_version_resource_format_and_variant() -> None:
    tag = etag_for("v1", "http://x/id/a", TURTLE)
    assert tag == etag_for("v1", "http://x/id/a", TURTLE)
    assert (
        len(
            {
                tag,
                etag_for("v2", "http://x/id/a", TURTLE),
                etag_for("v1", "http://x/id/b", TURTLE),
                etag_for("v1", "http://x/id/a", JSON_LD),
                etag_for("v1", "http://x/id/a", TURTLE, "page-2"),
            }
        )
        == 5
    )


@pytest.mark.parametrize(
    ("param", "header", "expected"),
    [
        ("en", "de", "en"),
        ("de", "en-GB,en;q=0.9", "de"),
        (None, "en-GB,en;q=0.9", "en"),
        (None, "fr-FR, de;q=0.5, en;q=0.4", "de"),
        (None, None, "de"),
        ("xx", "en", "en"),
    ],
)
def test_language_preference(param: str | None, header: str | None, expected: str) -> None:
    assert choose_language(param, header) == expected
