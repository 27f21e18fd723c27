"""A source that searches by POST and fetches files from a second host is rebuilt offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import crawl, reprocess
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
