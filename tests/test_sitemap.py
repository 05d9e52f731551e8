"""Sitemaps of the /doc/ pages, split past the protocol's limit, and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from flask import Flask
from publishing_support import BASE, build_sample_store

from councilgraph.settings import Settings
from server import create_app
from server.sitemap import sitemap_documents

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    store = build_sample_store(tmp_path_factory.mktemp("sitemap") / "store")
    return create_app(Settings(store=str(store.root), base_uri=BASE), store=store)


def locations(xml: bytes | str, tag: str = "url") -> list[str]:
    root = ElementTree.fromstring(xml)
    return [loc.text or "" for loc in root.findall(f"sm:{tag}/sm:loc", NS)]


def test_sitemap_lists_the_motion_pages(app: Flask) -> None:
    response = app.test_client().get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    urls = locations(response.get_data())
    for motion in ("halle-saale/vii-2021-03290", "halle-saale/vii-2020-01351", "bochum/20210691"):
        assert f"{BASE}doc/motion/{motion}" in urls
    assert f"{BASE}doc/city/chemnitz" in urls
    assert f"{BASE}doc/actor/halle-saale/fraktion-die-linke" in urls
    assert all(url.startswith(f"{BASE}doc/") for url in urls)
    assert len(urls) == len(set(urls))


def test_unsplit_sitemap_has_no_numbered_parts(app: Flask) -> None:
    assert app.test_client().get("/sitemap-1.xml").status_code == 404


def test_sitemaps_are_split_into_an_index_past_the_limit() -> None:
    urls = [f"{BASE}doc/motion/x/{n}" for n in range(5)]
    documents = sitemap_documents(urls, BASE, per_file=2)
    assert sorted(documents) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    assert locations(documents["sitemap.xml"], "sitemap") == [
        f"{BASE}sitemap-1.xml",
        f"{BASE}sitemap-2.xml",
        f"{BASE}sitemap-3.xml",
    ]
    listed = [url for n in (1, 2, 3) for url in locations(documents[f"sitemap-{n}.xml"])]
    assert listed == urls
    assert len(locations(documents["sitemap-3.xml"])) == 1


def test_fifty_thousand_urls_still_fit_one_file() -> None:
    urls = [f"{BASE}doc/x/{n}" for n in range(50_000)]
    assert list(sitemap_documents(urls, BASE)) == ["sitemap.xml"]
    assert len(sitemap_documents([*urls, f"{BASE}doc/x/last"], BASE)) == 3


def test_robots_points_to_the_sitemap_and_keeps_crawlers_off_queries(app: Flask) -> None:
    text = app.test_client().get("/robots.txt").get_data(as_text=True)
    lines = text.splitlines()
    assert f"Sitemap: {BASE}sitemap.xml" in lines
    assert "Disallow: /sparql?" in lines


def test_sitemap_of_the_sample_documents_lists_their_motions(
    sample_settings: Settings, sample_store
) -> None:  # type: ignore[no-untyped-def]
    client = create_app(sample_settings, store=sample_store).test_client()
    urls = locations(client.get("/sitemap.xml").get_data())
    assert f"{BASE}doc/motion/halle-saale/vii-2021-03290" in urls
    assert f"{BASE}doc/motion/chemnitz/ba-090-2020" in urls
