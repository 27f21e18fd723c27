"""The five pages on a real instance, shown as a researcher first meets them: set
`TIPLEX_SCREENSHOT_HOME` to a home made by `tiplex demo` (or any indexed home) and this walks
search, a case, compare, trends and sources in Debian's Chromium, checks each page shows real
content and passes axe-core, and saves `demo-<page>.png` beside the browser tests' screenshots.

    TIPLEX_SCREENSHOT_HOME=$TIPLEX_HOME pytest tests/interfaces/test_screenshots.py

Skipped without it: the browser tests proper run on the small fixed index of conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interfaces.app import build_app
from interfaces.demo import SAMPLE_QUERIES
from tests.interfaces import test_browser
from tests.interfaces.test_browser import CHROMIUM, assert_accessible, served, shoot
from tiplex.settings import load_settings

# The browser tests' Chromium and page fixtures, here on this module's `base_url`.
browser, page = test_browser.browser, test_browser.page

HOME = os.environ.get("TIPLEX_SCREENSHOT_HOME", "")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HOME, reason="TIPLEX_SCREENSHOT_HOME names no indexed home"),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    settings = load_settings(Path(HOME))
    assert (settings.index_dir).is_dir(), f"{HOME} holds no index: run `tiplex demo` first"
    # Warmed before the first page, so the search page is not shot while the model loads.
    app = build_app(settings, warm=False)
    with served(app) as url:
        yield url


def test_the_five_pages_on_an_indexed_home(page: Any) -> None:
    shown: dict[str, int] = {}
    page.set_default_timeout(120_000)  # the first search loads the embedding model

    page.goto(f"/search?q={SAMPLE_QUERIES[2]}")
    shown["hits"] = page.locator("li.hit").count()
    assert shown["hits"] >= 3 and page.locator("li.hit mark").count() > 0
    assert page.locator("section.facet").count() >= 5
    shoot(page, "demo-1-search")
    assert_accessible(page)

    page.get_by_role("link", name="Open the case").first.click()
    page.wait_for_url("**/cases/**")
    values = page.locator("aside.coded a.value")
    shown["coded values"] = values.count()
    assert shown["coded values"] >= 3
    values.nth(min(3, shown["coded values"] - 1)).click()
    assert page.locator("mark.evidence").count() > 0
    shoot(page, "demo-2-case")
    assert_accessible(page)

    page.goto("/compare?topic=non_punishment")
    shown["states compared"] = page.locator("section.state").count()
    assert shown["states compared"] >= 1
    shoot(page, "demo-3-compare")
    assert_accessible(page)

    page.goto("/trends?q=&by=year,country")
    page.wait_for_function("() => document.querySelector('figure.chart img').naturalWidth > 0")
    shown["trend rows"] = page.locator("table.counts tbody tr").count()
    assert shown["trend rows"] >= 2
    shoot(page, "demo-4-trends")
    assert_accessible(page)

    page.goto("/sources")
    shown["sources"] = page.locator("table.sources tbody tr").count()
    shown["runs"] = page.locator("table.runs tbody tr").count()
    assert shown["sources"] >= 10 and shown["runs"] >= 1
    shoot(page, "demo-5-sources")
    assert_accessible(page)
    print("shown:", shown)  # for the notes that go with the screenshots (pytest -s)
