"""Every listing is also data: CSV and JSON with the HTML page's filters, paging and sorting."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from server.table_formats import choose
from server.views.tables import ACTOR_COLUMNS, CITY_COLUMNS, MOTION_COLUMNS, PRINCIPLE_COLUMNS, SEARCH_COLUMNS

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
LISTINGS = {
    "/motions": MOTION_COLUMNS,
    "/actors": ACTOR_COLUMNS,
    "/cities": CITY_COLUMNS,
    "/principles": PRINCIPLE_COLUMNS,
    "/search?q=digital": SEARCH_COLUMNS,
}


def _csv(client: FlaskClient, url: str, **headers: str) -> tuple[pd.DataFrame, int]:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.data[:300])
    assert response.mimetype == "text/csv"
    assert "Accept" in response.headers["Vary"]
    frame = pd.read_csv(io.BytesIO(response.get_data()), dtype=str, keep_default_na=False)
    return frame, int(response.headers["X-Total-Count"])


def _json(client: FlaskClient, url: str, **headers: str) -> dict:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.data[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


def _with_suffix(url: str, suffix: str) -> str:
    path, _, query = url.partition("?")
    return f"{path}.{suffix}" + (f"?{query}" if query else "")


@pytest.mark.parametrize("url", list(LISTINGS))
def test_csv_and_json_have_the_stable_columns_and_the_same_rows(client: FlaskClient, url: str) -> None:
    frame, total = _csv(client, _with_suffix(url, "csv"))
    assert tuple(frame.columns) == LISTINGS[url]
    assert len(frame) == total > 0
    document = _json(client, _with_suffix(url, "json"))
    assert document["columns"] == list(LISTINGS[url])
    assert document["count"] == total
    table = pd.DataFrame(document["rows"], columns=document["columns"]).fillna("").astype(str)
    assert list(table["iri"]) == list(frame["iri"])


def test_a_data_scientist_reads_filtered_motions_with_pandas(client: FlaskClient) -> None:
    frame, total = _csv(client, "/motions.csv?city=halle-saale&principle=privacy")
    assert total == len(frame) >= 1
    assert set(frame["city"]) == {"halle-saale"}
    row = frame[frame["reference"] == "VII/2021/03290"].iloc[0]
    assert row["kind"] == "motion"
    assert row["date"] == "2021-11-03"
    assert row["page"] == "http://localhost:5000/doc/motion/halle-saale/vii-2021-03290"
    assert "Cities for Digital Rights" in row["title"]
    document = _json(client, "/motions.json?_size=1000")
    every = pd.json_normalize(document["rows"])
    assert len(every) == document["count"] > total
    assert set(every["city"]) >= {"halle-saale", "muenchen"}


def test_accept_chooses_the_format_and_browsers_get_html(client: FlaskClient) -> None:
    _csv(client, "/motions", Accept="text/csv")
    assert _json(client, "/principles", Accept="application/json")["count"] >= 5
    assert client.get("/motions", headers={"Accept": BROWSER}).mimetype == "text/html"
    assert client.get("/motions", headers={"Accept": "*/*"}).mimetype == "text/html"
    assert client.get("/motions?format=csv").mimetype == "text/csv"
    assert client.get("/motions", headers={"Accept": "image/png"}).status_code == 406


def test_paging_is_the_same_in_every_format(client: FlaskClient) -> None:
    all_rows = _json(client, "/motions.json?_size=1000")["rows"]
    assert len(all_rows) >= 3
    first = _json(client, "/motions.json?_size=2")
    second = _json(client, "/motions.json?_size=2&page=2")
    assert [r["iri"] for r in first["rows"] + second["rows"]] == [r["iri"] for r in all_rows[:4]]
    assert first["next"] is not None and first["next"].endswith("/motions.json?_size=2&page=2")
    frame, total = _csv(client, "/motions.csv?_size=2&page=2")
    assert list(frame["iri"]) == [r["iri"] for r in second["rows"]] and total == first["count"]
    response = client.get("/motions.csv?_size=2")
    assert 'rel="next"' in response.headers["Link"]
    html = BeautifulSoup(client.get("/motions?_size=2", headers={"Accept": BROWSER}).data, "html.parser")
    assert len(html.select("main table tbody tr")) == 2
    assert html.select_one("a[rel=next]") is not None


@pytest.mark.parametrize("query", ["_size=0", "_size=5000", "_size=x", "sort=colour", "order=sideways"])
def test_bad_paging_and_sorting_are_400(client: FlaskClient, query: str) -> None:
    assert client.get(f"/motions.csv?{query}").status_code == 400


def test_motions_sort_by_date_title_or_city(client: FlaskClient) -> None:
    by_date = [r["date"] for r in _json(client, "/motions.json?_size=1000")["rows"] if r["date"]]
    assert by_date == sorted(by_date, reverse=True)
    oldest = [r["date"] for r in _json(client, "/motions.json?_size=1000&order=asc")["rows"] if r["date"]]
    assert oldest == sorted(oldest)
    titles = [r["title"].lower() for r in _json(client, "/motions.json?_size=1000&sort=title")["rows"]]
    assert titles == sorted(titles)
    cities = [r["city"] for r in _json(client, "/motions.json?_size=1000&sort=city")["rows"]]
    assert cities == sorted(cities)


def test_html_listings_link_their_data_forms(client: FlaskClient) -> None:
    for url in LISTINGS:
        soup = BeautifulSoup(client.get(url, headers={"Accept": BROWSER}).data, "html.parser")
        hrefs = {a["href"] for a in soup.select("main a[href]")}
        assert _with_suffix(url, "csv") in hrefs, url
        assert _with_suffix(url, "json") in hrefs, url


def test_motion_listing_shows_reference_and_kind(client: FlaskClient) -> None:
    soup = BeautifulSoup(client.get("/motions?city=halle-saale", headers={"Accept": BROWSER}).data, "html.parser")
    cells = [td.get_text(" ", strip=True) for td in soup.select("main table tbody td")]
    assert "VII/2021/03290" in cells
    headers = [th.get_text(" ", strip=True) for th in soup.select("main table thead th")]
    assert any("Reference" in h for h in headers) and any("Kind" in h for h in headers)


def test_search_results_show_reference_and_kind(client: FlaskClient) -> None:
    rows = _json(client, "/search.json?q=Cities for Digital Rights")["rows"]
    motion = next(r for r in rows if r["iri"].endswith("/id/motion/halle-saale/vii-2021-03290"))
    assert motion["reference"] == "VII/2021/03290" and motion["kind"] == "motion"


@pytest.mark.parametrize(
    ("suffix", "param", "accept", "expected"),
    [
        ("csv", None, "application/json", "csv"),
        (None, "json", "text/csv", "json"),
        (None, None, "text/csv;q=0.5, application/json", "json"),
        (None, None, None, "html"),
        (None, None, "text/turtle", None),
        (None, "xml", None, None),
    ],
)
def test_format_choice(suffix: str | None, param: str | None, accept: str | None, expected: str | None) -> None:
    assert choose(suffix, param, accept) == expected
