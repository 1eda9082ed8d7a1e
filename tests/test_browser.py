"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the real server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_support import LiveServer, make_store

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install -y chromium; .ci/run does this)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = make_store(tmp_path_factory.mktemp("browser") / "events.duckdb")
    with LiveServer(db) as srv:
        yield srv


@pytest.fixture(scope="module")
def page(server: LiveServer) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page()
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_dyad_chart_renders_and_event_click_shows_highlighted_sentence(page, server) -> None:
    page.goto(server.url + "/dyad/RUS/UKR")
    chart = page.locator("#chart svg")
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200  # laid out, not an empty element
    assert page.locator("#chart svg path").count() >= 5  # 4 quad lines + ladder level
    assert page.locator("#chart svg a.period").count() >= 8  # one clickable column per week

    # click the invasion week in the chart: the events list narrows to that week
    page.locator('#chart svg a.period[data-period="2022-02-21"] rect').click()
    page.wait_for_url("**period=2022-02-21**")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 4
    assert "(3 reports)" in page.locator("table.events").inner_text()

    # click an event: its page shows the sentence with source, trigger and target marked
    page.locator("a.event-link", has_text="three directions").first.click()
    page.wait_for_url("**/event/**")
    sentence = page.locator("#sentence")
    sentence.wait_for(state="visible")
    assert "Russian forces attacked Ukraine from three directions" in sentence.inner_text()
    trigger = page.locator("#sentence mark.trigger")
    assert trigger.inner_text() == "attacked"
    assert page.locator("#sentence mark.source").inner_text() == "Russian"
    assert page.locator("#sentence mark.target").inner_text() == "Ukraine"
    colour = trigger.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet loaded and applies
    assert page.locator("#cluster table.mentions tbody tr").count() == 3
    assert page.errors == []  # no CSP violations or script errors


def test_markup_in_data_stays_text_in_the_browser(page, server) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "/search?text=onerror")
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/event/**")
    assert "<script>" in page.locator("#sentence").inner_text()  # shown, not run
    assert page.locator("#sentence img, #sentence script").count() == 0
    assert dialogs == []
