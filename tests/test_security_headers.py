"""Every response carries the security headers, and the per-client rate limit answers 429."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from councilgraph.settings import Settings
from councilgraph.store import LocalStore

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON = "application/sparql-results+json"
MOTION = "/doc/motion/halle-saale/vii-2021-03290"
ASK = "ASK { ?s ?p ?o }"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
DUMP_BUILD_SECONDS = 120
"""How long a request may find the sample store's dumps still being built on a busy machine."""


def assert_secure(response: TestResponse, what: str) -> None:
    for name in SECURITY_HEADERS:
        assert response.headers.get(name), f"{what}: no {name}"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {
        "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
    }  # fmt: skip
    policy = csp(response)
    assert policy.get("default-src") == ["'self'"] or policy.get("script-src"), what
    scripts = policy.get("script-src", policy.get("default-src", []))
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
        assert unsafe not in scripts, f"{what}: script-src allows {unsafe}"
    assert policy.get("object-src") == ["'none'"], what
    assert policy.get("frame-ancestors") == ["'none'"] or response.headers.get("X-Frame-Options") == "DENY", what


def csp(response: TestResponse) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


# -------------------------------------------------------------------- every kind of response

CASES: list[tuple[str, str, dict[str, str], int]] = [
    ("home page", "/", {"Accept": BROWSER}, 200),
    ("motion page", MOTION, {"Accept": BROWSER}, 200),
    ("browse page", "/motions?city=halle-saale", {"Accept": BROWSER}, 200),
    ("search page", "/search?q=Datenschutz", {"Accept": BROWSER}, 200),
    ("SPARQL query page", "/sparql", {"Accept": BROWSER}, 200),
    ("Turtle by negotiation", MOTION, {"Accept": "text/turtle"}, 200),
    ("JSON-LD by suffix", MOTION + ".jsonld", {}, 200),
    ("RDF/XML by suffix", MOTION + ".rdf", {}, 200),
    ("303 from an IRI", "/id/motion/halle-saale/vii-2021-03290", {"Accept": "text/turtle"}, 303),
    ("SPARQL JSON", "/sparql?query=" + ASK, {"Accept": JSON}, 200),
    (
        "SPARQL CSV",
        "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201",
        {"Accept": "text/csv"},
        200,
    ),
    ("service description", "/sparql", {"Accept": "text/turtle"}, 200),
    ("DCAT catalog", "/catalog", {"Accept": "text/turtle"}, 200),
    ("VoID", "/.well-known/void", {"Accept": "text/turtle"}, 200),
    ("sitemap", "/sitemap.xml", {}, 200),
    ("ontology", "/ontology", {"Accept": "text/turtle"}, 200),
    ("dump listing", "/dumps/", {"Accept": BROWSER}, 200),
    ("dump file", "/dumps/councilgraph.nt.gz", {}, 200),
    ("stylesheet", "/static/style.css", {}, 200),
    ("script", "/static/sparql.js", {}, 200),
    ("404 page for browsers", "/doc/motion/halle-saale/nothing", {"Accept": BROWSER}, 404),
    ("404 as JSON", "/doc/motion/halle-saale/nothing.jsonld", {}, 404),
    ("404 as text", "/no/such/page", {"Accept": "text/plain"}, 404),
    ("404 of a static file", "/static/nothing.js", {}, 404),
    ("400 from the endpoint", "/sparql?query=SELEKT", {"Accept": JSON}, 400),
    ("400 of a bad page number", "/motions?page=0", {"Accept": BROWSER}, 400),
    ("406 when nothing fits", MOTION, {"Accept": "image/png"}, 406),
    ("403 for an update", "/sparql?update=CLEAR%20ALL", {"Accept": JSON}, 403),
]


@pytest.mark.parametrize(("what", "path", "headers", "status"), CASES, ids=[case[0] for case in CASES])
def test_every_kind_of_response_carries_the_security_headers(
    client: FlaskClient, what: str, path: str, headers: dict[str, str], status: int
) -> None:
    response = client.get(path, headers=headers)
    deadline = time.monotonic() + DUMP_BUILD_SECONDS
    while response.status_code == 503 and "Retry-After" in response.headers and time.monotonic() < deadline:
        # the dumps (and the catalog and VoID that describe them) are built in the background: the
        # 503 that says so must carry the headers too, and the answer once they are built
        assert_secure(response, f"{what} (503 while the dumps are built)")
        response.close()
        time.sleep(0.5)
        response = client.get(path, headers=headers)
    assert response.status_code == status, (what, response.status_code)
    assert_secure(response, what)
    response.close()


def test_other_methods_and_conditional_answers_carry_them_too(client: FlaskClient) -> None:
    responses = {
        "HEAD": client.head(MOTION, headers={"Accept": "text/turtle"}),
        "OPTIONS": client.options("/sparql"),
        "405": client.put("/sparql", data="x"),
        "415": client.post("/sparql", data="x", content_type="image/png"),
        "413": client.post("/sparql", data="x" * 1_100_000, content_type="application/sparql-query"),
    }
    first = client.get("/dumps/councilgraph.nt.gz")
    etag = first.headers["ETag"]
    first.close()
    responses["304"] = client.get("/dumps/councilgraph.nt.gz", headers={"If-None-Match": etag})
    assert [r.status_code for r in responses.values()] == [200, 204, 405, 415, 413, 304]
    for what, response in responses.items():
        assert_secure(response, what)
        response.close()


@pytest.fixture(scope="module")
def fragile_app(sample_settings: Settings, sample_store: LocalStore) -> Iterator[Flask]:
    """An app with one route that fails as a bug would."""
    from server import create_app

    app = create_app(sample_settings, store=sample_store)

    def broken() -> str:
        raise RuntimeError("a bug")

    app.add_url_rule("/broken", view_func=broken)
    yield app


def test_an_unexpected_error_is_a_500_with_the_headers_and_no_trace(fragile_app: Flask) -> None:
    fragile_app.logger.disabled = True
    try:
        response = fragile_app.test_client().get("/broken", headers={"Accept": BROWSER})
    finally:
        fragile_app.logger.disabled = False
    assert response.status_code == 500
    assert_secure(response, "500 page")
    body = response.get_data(as_text=True)
    assert "a bug" not in body and "Traceback" not in body and "RuntimeError" not in body


@pytest.mark.parametrize(
    "path", ["/", MOTION, "/motions", "/sparql", "/queries", "/search?q=Stadt", "/dumps/", "/nothing"]
)
def test_html_pages_need_nothing_the_policy_forbids(client: FlaskClient, path: str) -> None:
    """With `script-src 'self'` and `style-src 'self'`, inline code would silently not run."""
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.mimetype == "text/html"
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", f"inline script on {path}"
    assert not soup.find_all("style"), f"inline <style> on {path}"
    for tag in soup.find_all(True):
        assert "style" not in tag.attrs, f"style attribute on {path}: {tag.name}"
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, f"event handler attribute on {path}: {tag.name} {handlers}"
        for attribute in ("href", "src", "action"):
            value = tag.get(attribute)
            assert not (isinstance(value, str) and re.match(r"\s*javascript:", value, re.I)), path


# -------------------------------------------------------------------- the rate limit


def limited_client(settings: Settings, store: LocalStore, **changes: object) -> FlaskClient:
    from server import create_app

    app = create_app(settings.with_(**changes), store=store)
    return app.test_client()


def burst(client: FlaskClient, count: int, address: str, path: str = "/", **headers: str) -> list[TestResponse]:
    answers = []
    for _ in range(count):
        response = client.get(path, headers={"Accept": BROWSER, **headers}, environ_base={"REMOTE_ADDR": address})
        answers.append(response)
        response.close()
    return answers


def test_the_sixth_request_in_a_burst_gets_429_with_retry_after(
    sample_settings: Settings, sample_store: LocalStore
) -> None:
    client = limited_client(sample_settings, sample_store, rate_limit=5, rate_limit_loopback=True)
    answers = burst(client, 6, "127.0.0.1")
    assert [r.status_code for r in answers] == [200] * 5 + [429]
    refused = answers[-1]
    retry_after = refused.headers.get("Retry-After", "")
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 60
    assert_secure(refused, "429")
    assert b"Too Many Requests" in refused.data


def test_the_429_speaks_the_clients_language(sample_settings: Settings, sample_store: LocalStore) -> None:
    client = limited_client(sample_settings, sample_store, rate_limit=1, rate_limit_loopback=True)
    assert client.get("/sparql?query=" + ASK, headers={"Accept": JSON}).status_code == 200
    refused = client.get("/sparql?query=" + ASK, headers={"Accept": JSON})
    assert refused.status_code == 429
    assert refused.is_json and refused.get_json()["status"] == 429
    assert refused.headers["Retry-After"].isdigit()


def test_other_clients_are_not_affected(sample_settings: Settings, sample_store: LocalStore) -> None:
    client = limited_client(sample_settings, sample_store, rate_limit=5, rate_limit_loopback=True)
    assert burst(client, 8, "203.0.113.7")[-1].status_code == 429
    assert [r.status_code for r in burst(client, 5, "198.51.100.20")] == [200] * 5
    assert [r.status_code for r in burst(client, 5, "2001:db8::1")] == [200] * 5
    assert burst(client, 1, "203.0.113.7")[0].status_code == 429


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(
    sample_settings: Settings, sample_store: LocalStore
) -> None:
    client = limited_client(sample_settings, sample_store, rate_limit=5, rate_limit_loopback=True)
    statuses = [
        client.get(
            "/",
            headers={"X-Forwarded-For": f"10.0.0.{n}", "X-Real-IP": f"10.0.1.{n}"},
            environ_base={"REMOTE_ADDR": "203.0.113.9"},
        ).status_code
        for n in range(7)
    ]
    assert statuses.count(429) == 2


def test_static_files_are_not_counted(sample_settings: Settings, sample_store: LocalStore) -> None:
    client = limited_client(sample_settings, sample_store, rate_limit=3, rate_limit_loopback=True)
    assert [r.status_code for r in burst(client, 10, "203.0.113.5", "/static/style.css")] == [200] * 10
    assert [r.status_code for r in burst(client, 4, "203.0.113.5")] == [200, 200, 200, 429]


@pytest.mark.parametrize("loopback", ["127.0.0.1", "127.8.9.10", "::1"])
def test_loopback_is_exempt_unless_configured(
    sample_settings: Settings, sample_store: LocalStore, loopback: str
) -> None:
    exempt = limited_client(sample_settings, sample_store, rate_limit=5)
    assert [r.status_code for r in burst(exempt, 12, loopback)] == [200] * 12
    assert burst(exempt, 6, "192.0.2.44")[-1].status_code == 429  # the limit is on for others
    counted = limited_client(sample_settings, sample_store, rate_limit=5, rate_limit_loopback=True)
    assert burst(counted, 6, loopback)[-1].status_code == 429


def test_rate_limit_off_by_default(sample_settings: Settings, sample_store: LocalStore) -> None:
    assert Settings().rate_limit == 0
    client = limited_client(sample_settings, sample_store, rate_limit=0, rate_limit_loopback=True)
    assert {r.status_code for r in burst(client, 30, "203.0.113.77")} == {200}


def test_rate_limit_is_configurable_from_the_environment() -> None:
    loaded = Settings.load(environ={"COUNCILGRAPH_RATE_LIMIT": "120", "COUNCILGRAPH_RATE_LIMIT_LOOPBACK": "true"})
    assert (loaded.rate_limit, loaded.rate_limit_loopback) == (120, True)


def test_an_ipv6_client_cannot_escape_the_limit_by_rotating_addresses_in_its_64() -> None:
    from server.security import client_key

    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("203.0.113.5") == "203.0.113.5"
    assert client_key("::ffff:203.0.113.5") == "203.0.113.5"
