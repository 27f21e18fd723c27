"""A source that searches by POST and fetches files from a second host is rebuilt offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crawlers import crawl, reprocess
from crawlers.history import recorded_windows
from crawlers.testing import SiteFixture, site_fixtures
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

from .saved import EXAMPLES

SOURCE = "my_kehakiman_judgments"


@pytest.mark.slow
def test_posted_search_pages_and_second_host_pdfs_replay_from_the_archive(
    tmp_path: Path,
) -> None:
    fixture = SiteFixture.load(site_fixtures(EXAMPLES)[SOURCE])
    root = fixture.build(EXAMPLES, tmp_path / "site")
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(root) as server:
        first = crawl(
            SOURCE, settings, base_url=f"{server.url}/{fixture.base}", **fixture.spider_args
        )  # type: ignore[arg-type]
        assert (
            "POST",
            "/ejudgment.kehakiman.gov.my/EJudgmentWeb/eJudgmentService.asmx/"
            "GetEJudgmentPortalSearchList",
            200,
        ) in server.log.entries
    assert first.new == 22 and first.errors == ()

    # The server is gone: both search pages and all 22 PDFs come from the archive.
    rebuilt = reprocess(SOURCE, settings, **fixture.spider_args)  # type: ignore[arg-type]
    assert rebuilt.errors == () and rebuilt.failed == 0
    assert {d.doc_id: d.text for d in rebuilt.documents} == {
        d.doc_id: d.text for d in first.documents
    }

    # Without a window, `tiplex reprocess` replays the window the crawl asked for: the search
    # bodies carry their dates, and the archive answers only the searches that were made
    # (1900 to today, the default for other sources, was never asked: a 404).
    by_default = reprocess(SOURCE, settings)
    assert by_default.errors == () and by_default.failed == 0
    assert {d.doc_id for d in by_default.documents} == {d.doc_id for d in first.documents}


# The example search answers were saved for this window, the default one (90 days) on its
# last day.
EXAMPLE_WINDOW = ("2026-09-01", "2026-11-30")


@pytest.mark.slow
def test_the_recorded_window_is_the_one_the_crawler_searched_even_when_the_day_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A default-window crawl that starts just before midnight UTC and whose crawler process
    starts just after: here the calling process's clock is held on the example window's last
    day while the crawler process reads the real one. The window is worked out once, where the
    crawl starts, so the searches made and the window recorded for `tiplex reprocess` agree."""
    import crawlers.base

    last_day = date.fromisoformat(EXAMPLE_WINDOW[1])
    assert (
        crawlers.base.today_utc() != last_day
    )  # else the two clocks would agree and prove nothing
    monkeypatch.setattr(crawlers.base, "today_utc", lambda: last_day)
    fixture = SiteFixture.load(site_fixtures(EXAMPLES)[SOURCE])
    root = fixture.build(EXAMPLES, tmp_path / "site")
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(root) as server:
        first = crawl(SOURCE, settings, base_url=f"{server.url}/{fixture.base}")
        answered = [entry for entry in server.log.entries if entry[0] == "POST" and entry[2] == 200]
    assert recorded_windows(settings.crawl_db, SOURCE) == [EXAMPLE_WINDOW]
    # The searches asked for the recorded window: both saved answers (the first term's two
    # pages, saved for that window's search bodies) were found. The other terms have none.
    assert len(answered) == 2
    assert first.new == 22 and first.errors == ()

    replayed = reprocess(SOURCE, settings)
    assert replayed.errors == () and replayed.failed == 0
    assert {d.doc_id for d in replayed.documents} == {d.doc_id for d in first.documents}
