"""The web app in a real browser: Debian's Chromium driven by Playwright (no browser download),
against `tiplex serve`'s application on 127.0.0.1. Each page is screenshotted into
`test-artifacts/screenshots/` (or `$TIPLEX_TEST_ARTIFACTS`) and checked with axe-core (vendored
under `vendor/axe-core`): no serious or critical accessibility violation."""

from __future__ import annotations

import csv
import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.interfaces.conftest import HOSTILE

CHROMIUM = Path(os.environ.get("TIPLEX_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(
    os.environ.get("TIPLEX_TEST_ARTIFACTS")
    or Path(__file__).resolve().parents[2] / "test-artifacts"
)
SCREENSHOTS = ARTIFACTS / "screenshots"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (make installs Debian's)"
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn on a free port of 127.0.0.1, in a thread; yields its address."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(app: FastAPI) -> Iterator[str]:
    with served(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    # Nothing but the app itself: a request anywhere else fails the test that made it.
    strays: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            strays.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    opened = context.new_page()
    yield opened
    context.close()
    assert not strays, f"the page asked for outside resources: {strays}"


def shoot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def assert_accessible(page: Any) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "\n".join(bad)


def test_search_then_narrow_by_a_facet(page: Any) -> None:
    page.goto("/search")
    page.get_by_label("Search judgments and laws").fill("forced labor")
    page.get_by_label("Exact words").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=forced+labor&mode=bm25*")
    hits = page.locator("li.hit")
    assert hits.count() >= 2
    assert page.locator("li.hit mark").count() > 0
    court = page.locator("section.facet", has=page.get_by_role("heading", name="Outcome"))
    first_value = court.get_by_role("link").first
    expected = int(first_value.locator(".n").inner_text())
    first_value.click()
    page.wait_for_url("**outcome=*")
    assert page.locator("li.hit").count() == min(expected, 10)
    assert page.locator("ul.chosen").get_by_role("link").first.is_visible()
    shoot(page, "search")
    assert_accessible(page)


def test_keyboard_reaches_the_content_first(page: Any) -> None:
    page.goto("/search?q=child")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_open_a_case_and_see_a_value_s_evidence_highlighted(page: Any) -> None:
    page.goto("/search?q=qualified+trafficking&mode=bm25&doc_type=judgment")
    page.get_by_role("link", name="Open the case").first.click()
    page.wait_for_url("**/cases/**")
    values = page.locator("aside.coded a.value")
    assert values.count() >= 3
    target = values.nth(values.count() - 1)
    anchor = target.get_attribute("href")
    target.click()
    mark = page.locator(f"mark.evidence:has({anchor})")
    assert page.evaluate("location.hash") == anchor
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the evidence is scrolled into view"
    colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour == "rgb(255, 179, 71)", "the chosen evidence is highlighted"
    assert page.locator("section.citation dd").filter(has_text="G.R. No.").count() == 1
    shoot(page, "case")
    assert_accessible(page)


def test_markup_in_a_judgment_stays_text(page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"/cases/{HOSTILE.doc_id}")
    assert page.title() != "pwned" and not dialogs
    assert page.locator(".doctext script, .doctext img, .doctext b").count() == 0
    assert "<script>" in page.locator(".doctext").inner_text()


def test_compare_legislation_side_by_side(page: Any) -> None:
    page.goto("/compare")
    page.get_by_label("Topic", exact=True).select_option("aggravation")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**topic=aggravation*")
    state = page.locator("section.state", has=page.get_by_role("heading", name="PH"))
    section_6 = state.locator(
        "article.provision", has=page.get_by_role("heading", name="Section 6", exact=True)
    )
    assert "ACTIP articles: 5" in section_6.inner_text()
    citing = section_6.get_by_role("link", name="G.R. No. 254871")
    assert citing.count() == 1
    shoot(page, "compare")
    assert_accessible(page)
    citing.click()
    page.wait_for_url("**/cases/local:gr_254871_2023")


def test_draw_a_trend_and_download_its_table(page: Any) -> None:
    page.goto("/trends")
    page.get_by_label("Search judgments and laws").fill("trafficking")
    page.get_by_label("Count per").select_option("year")
    page.get_by_role("button", name="Draw").click()
    page.wait_for_url("**/trends?q=trafficking*")
    chart = page.get_by_role("img", name="Chart of the counts in the table below")
    chart.wait_for()
    page.wait_for_function("() => document.querySelector('figure.chart img').naturalWidth > 0")
    rows = page.locator("table.counts tbody tr")
    assert rows.count() >= 2
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the table (CSV)").click()
    table = Path(download_info.value.path()).read_text(encoding="utf-8")
    parsed = list(csv.DictReader(io.StringIO(table)))
    assert len(parsed) == rows.count() and set(parsed[0]) == {"year", "count"}
    shoot(page, "trends")
    assert_accessible(page)


def test_download_an_export_of_search_results(page: Any) -> None:
    page.goto("/search?q=forced+labor&country=PH")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (passages)").click()
    download = download_info.value
    assert download.suggested_filename == "search.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows and all(r["source_url"] and r["passage_start"] for r in rows)


def test_sources_and_runs_say_what_needs_a_human(page: Any) -> None:
    page.goto("/sources")
    row = page.get_by_role("row", name="id_mahkamahagung_judgments")
    assert "challenge page detected" in row.inner_text()
    assert page.locator("table.runs tbody tr").count() == 1
    shoot(page, "sources")
    assert_accessible(page)


def test_bahasa_indonesia_interface(page: Any) -> None:
    page.goto("/search?q=anak")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    page.wait_for_url("**lang=id*")
    assert page.get_by_role("button", name="Cari").is_visible()
    page.goto("/trends")
    assert page.get_by_role("heading", name="Tren putusan").is_visible()
    shoot(page, "trends-id")
