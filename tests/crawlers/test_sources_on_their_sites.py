"""Every registered source, crawled for real through a local server over its own fixture site.

A source declares its site in `tests/examples/crawlers/<source_id>.site.json` (see
`crawlers.testing.SiteFixture`); the first run writes `<source_id>.site.golden.json` for review.
Adding a source never edits this file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers import crawl
from crawlers.registry import source_classes
from crawlers.testing import SITE_GOLDEN_SUFFIX, SiteFixture, crawl_summary, site_fixtures
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
WEB_SOURCES = sorted(name for name, cls in source_classes().items() if hasattr(cls, "start"))
FIXTURES = site_fixtures(EXAMPLES)


def test_every_web_source_declares_a_fixture_site() -> None:
    missing = [source_id for source_id in WEB_SOURCES if source_id not in FIXTURES]
    assert not missing, f"add tests/examples/crawlers/<id>.site.json for: {missing}"
    assert set(FIXTURES) <= set(WEB_SOURCES), "a site fixture names no registered source"


@pytest.mark.parametrize("source_id", sorted(FIXTURES))
def test_source_crawls_its_site_and_a_second_run_downloads_no_document(
    source_id: str, tmp_path: Path
) -> None:
    fixture = SiteFixture.load(FIXTURES[source_id])
    root = fixture.build(EXAMPLES, tmp_path / "site")
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(root) as server:
        base_url = f"{server.url}/{fixture.base}"
        args = dict(fixture.spider_args)
        first = crawl(source_id, settings, base_url=base_url, **args)  # type: ignore[arg-type]
        served_after_first = len(server.log.entries)
        second = crawl(source_id, settings, base_url=base_url, **args)  # type: ignore[arg-type]
        second_requests = server.log.entries[served_after_first:]

    produced = crawl_summary(first, server.url, settings.home)
    golden = FIXTURES[source_id].with_name(source_id + SITE_GOLDEN_SUFFIX)
    rendered = json.dumps(produced, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if not golden.exists():
        golden.write_text(rendered, encoding="utf-8")
        pytest.fail(f"wrote {golden.name}: review it before committing, then run again")
    assert json.loads(golden.read_text(encoding="utf-8")) == produced
    assert first.documents, f"{source_id}: the fixture site gave no document"

    # The weekly promise: an unchanged site costs listings and conditional checks only.
    assert (second.new, second.changed, second.fetched) == (0, 0, 0), second.counts()
    assert second.failed == first.failed
    # Documents are known by their real address; `link` is the copy this server answered.
    document_urls = {document.link.removeprefix(server.url) for document in first.documents}
    downloaded_again = [path for _, path, status in second_requests if status == 200]
    assert not document_urls & set(downloaded_again)
