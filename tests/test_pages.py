"""The HTML pages: each page type shows the facts of the graph, links them, and stays CSP-clean."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from councilgraph.settings import Settings
from councilgraph.store import LocalStore
from server.views.city import coalition_status
from tests.pages_store import build_hand_store

B = "http://localhost:5000/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MOTION_PAGE = "/doc/motion/halle-saale/vii-2021-03290"
MEERHEIM_PAGE = "/doc/actor/halle-saale/bodo-meerheim"


@pytest.fixture(scope="module")
def hand_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    from server import create_app

    store = build_hand_store(tmp_path_factory.mktemp("pages") / "store", B)
    app = create_app(Settings(store=str(store.root), base_uri=B), store=store)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def web(hand_app: Flask) -> FlaskClient:
    return hand_app.test_client()


def page(client: FlaskClient, path: str, **headers: str) -> BeautifulSoup:
    response = client.get(path, headers={"Accept": BROWSER, **headers})
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.data, "html.parser")


def hrefs(soup: BeautifulSoup) -> dict[str, str]:
    return {a["href"]: a.get_text(strip=True) for a in soup.find_all("a", href=True)}


def assert_csp_clean(soup: BeautifulSoup) -> None:
    assert soup.find("style") is None
    assert not soup.find_all(style=True)
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json"
        json.loads(script.string or "")
    assert not [
        tag for tag in soup.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)
    ]


# ------------------------------------------------------------------ one test per page type


def test_motion_page(web: FlaskClient) -> None:
    soup = page(web, MOTION_PAGE)
    assert soup.h1.get_text(strip=True) == (
        "Antrag der Fraktion DIE LINKE zur Mitgliedschaft in der Städtekoalition "
        '"Cities for Digital Rights"'
    )
    links = hrefs(soup)
    assert links[MEERHEIM_PAGE] == "Bodo Meerheim"
    assert links["/doc/actor/halle-saale/fraktion-die-linke"] == "Fraktion DIE LINKE"
    assert links["/doc/city/halle-saale"] == "Halle (Saale)"
    assert links[
        "/doc/document/halle-vii-2021-03290#evidence-1"
    ]  # the principle's quote, in the text
    text = soup.get_text(" ", strip=True)
    for fact in (
        "VII/2021/03290",
        "2021-11-03",
        "2021-11-24",
        "TOP 9.2",
        "Antrag",
        "Die Verwaltung empfiehlt, den Antrag abzulehnen.",
        "Ablehnung",
        "Schutz der Privatsphäre ist wichtig.",
        "Privatsphäre, Datenschutz und Sicherheit",
    ):
        assert fact in text
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["@type"] == "Legislation"
    assert ld["legislationIdentifier"] == "VII/2021/03290"
    assert_csp_clean(soup)


def test_actor_page(web: FlaskClient) -> None:
    soup = page(web, MEERHEIM_PAGE)
    assert soup.h1.get_text(strip=True) == "Bodo Meerheim"
    links = hrefs(soup)
    assert links["/doc/actor/halle-saale/fraktion-die-linke"] == "Fraktion DIE LINKE"
    assert MOTION_PAGE in links
    text = soup.get_text(" ", strip=True)
    assert "Vorsitzender der Fraktion" in text
    assert "Dr. Bodo Meerheim" in text
    assert json.loads(soup.find("script", type="application/ld+json").string)["@type"] == "Person"
    assert_csp_clean(soup)


def test_principle_page_counts_per_city_and_year(web: FlaskClient) -> None:
    soup = page(web, "/doc/principle/privacy?lang=en")
    assert soup.h1.get_text(strip=True) == "Privacy, data protection and security"
    tables = soup.select(".card table")
    per_city = {
        r.find_all("td")[0].get_text(strip=True): r.find_all("td")[1].get_text()
        for r in tables[0].tbody("tr")
    }
    per_year = {
        r.find_all("td")[0].get_text(strip=True): r.find_all("td")[1].get_text()
        for r in tables[1].tbody("tr")
    }
    assert per_city == {"Halle (Saale)": "1", "Munich": "1"}
    assert per_year == {"2021": "1", "2019": "1"}
    assert "/doc/principle/data-minimisation" in hrefs(soup)  # narrower
    assert_csp_clean(soup)


def test_city_page_coalition_and_map(web: FlaskClient) -> None:
    halle = page(web, "/doc/city/halle-saale")
    assert halle.select_one("#coalition ~ p .badge").get("class") == ["badge", "pending"]
    assert "51.4825" in halle.get_text()
    assert "/doc/actor/halle-saale/fraktion-die-linke" in hrefs(halle)
    assert MOTION_PAGE in hrefs(halle)
    assert len(halle.select("svg circle")) == 3
    assert len(halle.select("svg circle.here")) == 1
    munich = page(web, "/doc/city/muenchen")
    assert munich.select_one("#coalition ~ p .badge").get("class") == ["badge", "joined"]
    assert_csp_clean(munich)


@pytest.mark.parametrize(
    ("results", "has_motions", "expected"),
    [
        ({"https://w3id.org/councilgraph/vocab/outcome/adopted"}, True, "joined"),
        (
            {
                "https://w3id.org/councilgraph/vocab/outcome/adopted-with-changes",
                "https://w3id.org/councilgraph/vocab/outcome/rejected",
            },
            True,
            "joined",
        ),
        ({"https://w3id.org/councilgraph/vocab/outcome/rejected"}, True, "refused"),
        ({"https://w3id.org/councilgraph/vocab/outcome/referred"}, True, "pending"),
        (set(), True, "pending"),
        (set(), False, "unknown"),
    ],
)
def test_coalition_rule(results: set[str], has_motions: bool, expected: str) -> None:
    assert coalition_status(results, has_motions) == expected


def test_document_page_highlights_evidence(web: FlaskClient) -> None:
    soup = page(web, "/doc/document/halle-vii-2021-03290")
    mark = soup.select_one("mark#evidence-1")
    assert mark.get_text() == "Schutz der Privatsphäre ist wichtig."
    assert mark.a["href"] == "#fact-1"
    fact = soup.select_one("li#fact-1")
    assert fact.find("a", href=MOTION_PAGE)
    assert fact.find("a", href="/doc/principle/privacy")
    assert soup.select_one(".doctext").get_text() == (
        "Antrag der Fraktion DIE LINKE. Schutz der Privatsphäre ist wichtig. Gez. Dr. Bodo Meerheim"
    )
    assert_csp_clean(soup)


def test_other_resource_page_is_a_labelled_property_table(web: FlaskClient) -> None:
    soup = page(web, "/doc/consultation/halle-saale/vii-2021-03290/1")
    rows = {
        th.get_text(strip=True): th.find_next("td")
        for th in soup.select("#all-properties ~ div th[scope=row]")
    }
    assert rows["cg:body"].a["href"] == "/doc/actor/halle-saale/stadtrat"
    assert rows["cg:body"].get_text(strip=True) == "Stadtrat"
    inverse = soup.select_one("#inverse-links").find_parent("section")
    assert inverse.find("a", href=MOTION_PAGE)
    assert_csp_clean(soup)


def test_language_by_parameter_and_accept_language(web: FlaskClient) -> None:
    assert page(web, "/doc/city/muenchen").h1.get_text() == "München"
    assert page(web, "/doc/city/muenchen?lang=en").h1.get_text() == "Munich"
    english = page(web, "/doc/city/muenchen", **{"Accept-Language": "en-GB,en;q=0.8"})
    assert english.h1.get_text() == "Munich"
    assert english.html["lang"] == "en"


# ------------------------------------------------------------------ browse and search


def listed(soup: BeautifulSoup) -> set[str]:
    return {a["href"] for a in soup.select("main table a[href^='/doc/motion/']")}


MUNICH_MOTION = "/doc/motion/muenchen/14-20-v-14763"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {MOTION_PAGE, MUNICH_MOTION}),
        ("?city=muenchen", {MUNICH_MOTION}),
        ("?principle=privacy", {MOTION_PAGE, MUNICH_MOTION}),
        ("?principle=data-minimisation", {MUNICH_MOTION}),
        ("?kind=draft-resolution", {MUNICH_MOTION}),
        ("?year=2021", {MOTION_PAGE}),
        ("?submitter=halle-saale/fraktion-die-linke", {MOTION_PAGE}),
        ("?submitter=bodo-meerheim", {MOTION_PAGE}),
        ("?city=bochum", set()),
    ],
)
def test_motion_filters(web: FlaskClient, query: str, expected: set[str]) -> None:
    assert listed(page(web, "/motions" + query)) == expected


@pytest.mark.parametrize("query", ["?year=20x1", "?city=../x", "?submitter=a b", "?page=0"])
def test_bad_filters_are_400(web: FlaskClient, query: str) -> None:
    assert web.get("/motions" + query).status_code == 400


def test_search_finds_titles_labels_and_text(web: FlaskClient) -> None:
    soup = page(web, "/search?q=PRIVATSPHÄRE")
    found = {a["href"] for a in soup.select("main ol a")}
    assert "/doc/document/halle-vii-2021-03290" in found  # document text
    assert "/doc/principle/privacy" in found  # label
    title_hit = page(web, "/search?q=cities coalition")
    assert MUNICH_MOTION in {a["href"] for a in title_hit.select("main ol a")}
    hostile = web.get('/search?q=" ) } DROP ALL #', headers={"Accept": BROWSER})
    assert hostile.status_code == 200
    assert not BeautifulSoup(hostile.data, "html.parser").select("main ol li")


def test_lists_and_home(web: FlaskClient) -> None:
    cities = hrefs(page(web, "/cities"))
    assert "/doc/city/halle-saale" in cities and "/doc/city/muenchen" in cities
    assert "/doc/city/bochum" not in cities  # no motions there
    assert "/doc/principle/privacy" in hrefs(page(web, "/principles"))
    assert MEERHEIM_PAGE in hrefs(page(web, "/actors"))
    home = page(web, "/")
    counts = [c.get_text(" ", strip=True) for c in home.select(".card")]
    assert "2 motions / Vorlagen" in counts
    assert "2 source documents / Dokumente" in counts
    for target in ("/motions", "/actors", "/cities", "/principles", "/search", "/sparql"):
        assert target in hrefs(home)
    assert_csp_clean(home)


# ------------------------------------------------------------------ the sample documents


def test_sample_motion_page_links_its_signatory(
    client: FlaskClient, sample_store: LocalStore
) -> None:
    soup = page(client, MOTION_PAGE)
    assert "Cities for Digital Rights" in soup.h1.get_text()
    assert hrefs(soup)[MEERHEIM_PAGE] == "Bodo Meerheim"
    assert "/doc/city/halle-saale" in hrefs(soup)
