"""A real browser over real HTTP: Chromium via Playwright on `serve`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_page() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the test extra (playwright) is not installed"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def test_a_reader_follows_links_filters_and_searches(browser_page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.goto(live_server)
    assert page.locator("h1").inner_text() == "councilgraph"
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Motions").click()
    page.wait_for_url(re.compile(r"/motions$"))
    page.locator("main table a[href='/doc/motion/halle-saale/vii-2021-03290']").click()
    page.wait_for_url(re.compile(r"/doc/motion/halle-saale/vii-2021-03290$"))
    assert "Cities for Digital Rights" in page.locator("h1").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "motion.png"), full_page=True)

    page.locator("dl.facts a[href='/doc/actor/halle-saale/bodo-meerheim']").first.click()
    page.wait_for_url(re.compile(r"/doc/actor/halle-saale/bodo-meerheim$"))
    assert page.locator("h1").inner_text() == "Bodo Meerheim"
    page.screenshot(path=str(SCREENSHOTS / "actor.png"), full_page=True)

    page.go_back()
    page.locator("#principles ~ ul a[href^='/doc/principle/']").first.click()
    page.wait_for_url(re.compile(r"/doc/principle/[a-z-]+$"))
    assert page.locator("#invoking").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "principle.png"), full_page=True)

    page.goto(live_server + "motions")
    page.select_option("select[name=city]", "halle-saale")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"city=halle-saale"))
    headers = page.locator("main table thead th").all_inner_texts()
    column = next(n for n, text in enumerate(headers, start=1) if text.startswith("City"))
    cities = page.locator(f"main table tbody tr td:nth-child({column})").all_inner_texts()
    assert cities and all("Halle" in city for city in cities)
    page.screenshot(path=str(SCREENSHOTS / "motions-filtered.png"), full_page=True)

    page.goto(live_server + "search")
    page.fill("input[name=q]", "Meerheim")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Meerheim"))
    assert page.locator("main ol a[href='/doc/actor/halle-saale/bodo-meerheim']").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)

    page.goto(live_server + "doc/city/halle-saale")
    assert page.locator("svg circle.here").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "city.png"), full_page=True)
    assert not errors, errors
