"""Every answer goes to WARC files, and `reprocess` rebuilds the documents from them offline."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawlers import crawl, reprocess
from crawlers.testing import SiteFixture, site_fixtures
from crawlers.warc import CANONICAL_FIELD, warc_dir
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
SOURCE = "ph_lawphil_judgments"


def test_warc_holds_requests_and_responses_and_reprocess_needs_no_network(
    tmp_path: Path, settings: Settings
) -> None:
    fixture = SiteFixture.load(site_fixtures(EXAMPLES)[SOURCE])
    root = fixture.build(EXAMPLES, tmp_path / "site")
    with serve_directory(root) as server:
        first = crawl(
            SOURCE, settings, base_url=f"{server.url}/{fixture.base}", **fixture.spider_args
        )  # type: ignore[arg-type]
        served = len(server.log.entries)
    assert first.new == 2

    (warc,) = warc_dir(settings.home, SOURCE).glob("*.warc.gz")
    with gzip.open(warc, "rb") as raw, warc.open("rb") as stream:
        assert raw.read(9) == b"WARC/1.0\r"
        records = list(ArchiveIterator(stream))
    kinds = [record.rec_type for record in records]
    assert kinds.count("request") == kinds.count("response") == served
    request = next(r for r in records if r.rec_type == "request")
    assert request.http_headers.get_header("User-Agent").startswith("tiplex/")
    responses = [r for r in records if r.rec_type == "response"]
    response = next(
        r
        for r in responses
        if r.rec_headers.get_header("WARC-Target-URI").endswith("260114_2023.html")
    )
    assert response.rec_headers.get_header(CANONICAL_FIELD) == (
        "https://lawphil.net/judjuris/juri2023/mar2023/gr_260114_2023.html"
    )
    assert response.rec_headers.get_header("WARC-Date").endswith("Z")
    assert response.http_headers.get_header("ETag")

    # Crawled through a mirror, a document is known by its real address; its link is the
    # mirror's copy, never the real site's page (which may hold another document or none).
    crawled = {d.doc_id: d for d in first.documents}
    decision = crawled["ph_lawphil_judgments:gr_260114_2023"]
    assert decision.url == "https://lawphil.net/judjuris/juri2023/mar2023/gr_260114_2023.html"
    assert decision.link == (
        f"{server.url}/lawphil.net/judjuris/juri2023/mar2023/gr_260114_2023.html"
    )

    # A document's fetch time is the one its answer was archived with.
    assert decision.fetched_at == response.rec_headers.get_header("WARC-Date")

    # The server is gone: everything comes from the archive, and gives the same documents,
    # fetch times included, though the replay runs later (the clock has moved on a second).
    time.sleep(1.05)
    rebuilt = reprocess(SOURCE, settings, **fixture.spider_args)  # type: ignore[arg-type]
    assert rebuilt.errors == () and rebuilt.failed == 0
    assert {d.doc_id: d.to_dict() for d in rebuilt.documents} == {
        doc_id: d.to_dict() for doc_id, d in crawled.items()
    }
    assert (
        len(list(warc_dir(settings.home, SOURCE).glob("*.warc.gz"))) == 1
    )  # replay records nothing
