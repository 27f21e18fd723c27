"""The shared steps of the source API: document callbacks, item validation, host locks, names."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.http import HtmlResponse

from crawlers.base import CALLBACK_META
from crawlers.items import FailedDocument, FetchedDocument, InvalidItem, UnchangedDocument
from crawlers.middlewares import DOC_ID_META
from crawlers.politeness import host_lock, site_host
from crawlers.sources.ph_lawphil_statutes import PhLawphilStatutes
from crawlers.testing import callback_name

URL = "https://lawphil.net/statutes/repacts/ra2022/ra_1_2022.html"
PAGE = (
    b"<html><body><blockquote>REPUBLIC ACT NO. 1 Approved: June 1, 2022</blockquote></body></html>"
)


def _response(
    callback: str, status: int = 200, doc_id: str = "ph_lawphil_statutes:ra_1_2022"
) -> Any:
    request = scrapy.Request(URL, meta={DOC_ID_META: doc_id, CALLBACK_META: callback})
    return HtmlResponse(URL, status=status, body=PAGE, request=request, encoding="cp1252")


def _act_kwargs() -> dict[str, str]:
    return {"act_number": "1", "listed_title": "An Act", "listed_date": ""}


def test_a_304_is_unchanged_without_calling_the_source() -> None:
    spider = PhLawphilStatutes()
    (item,) = spider.document_response(_response("parse_act", status=304), **_act_kwargs())
    assert isinstance(item, UnchangedDocument) and item.reason == "not modified"


def test_a_parse_error_or_invalid_item_fails_that_document_only() -> None:
    spider = PhLawphilStatutes()
    (good,) = spider.document_response(_response("parse_act"), **_act_kwargs())
    assert isinstance(good, FetchedDocument) and good.decision_date == "2022-06-01"
    # A doc id of another source is refused by the item's validation.
    (bad,) = spider.document_response(_response("parse_act", doc_id="other:1"), **_act_kwargs())
    assert isinstance(bad, FailedDocument) and "InvalidItem" in bad.error and "doc_id" in bad.error
    (crashed,) = spider.document_response(_response("parse_act"))  # missing keyword arguments
    assert isinstance(crashed, FailedDocument) and "TypeError" in crashed.error


def test_items_refuse_dates_and_codes_downstream_stages_could_not_trust() -> None:
    fields: dict[str, Any] = {
        "doc_id": "xx_a:1", "source_id": "xx_a", "url": URL, "sha256": "0" * 64,
        "content_type": "text/html", "country": "PH", "language": "en", "doc_type": "judgment",
        "title": "t",
    }  # fmt: skip
    FetchedDocument(**fields)
    for change in ({"decision_date": "03/06/2023"}, {"language": "English"}, {"doc_type": "x"},
                   {"sha256": "abc"}, {"metadata": {"n": 1}}):  # fmt: skip
        with pytest.raises(InvalidItem):
            FetchedDocument(**{**fields, **change})


def test_a_document_taken_from_a_page_request_needs_its_id() -> None:
    spider = PhLawphilStatutes()
    page = HtmlResponse(URL, body=PAGE, request=scrapy.Request(URL), encoding="cp1252")
    with pytest.raises(InvalidItem, match="doc_id"):
        spider.fetched(page, doc_type="legislation", title="t", content_type="text/html")
    item = spider.fetched(
        page, doc_type="legislation", title="t", content_type="text/html",
        doc_id=spider.doc_id("ra_1_2022"),
    )  # fmt: skip
    assert item.doc_id == "ph_lawphil_statutes:ra_1_2022"


def test_example_names_may_hold_callbacks_with_underscores() -> None:
    spider = PhLawphilStatutes()
    path = Path("ph_lawphil_statutes_act_page_example_2.html")
    assert callback_name(path, spider, None) == "parse_act_page"


def test_two_crawls_of_one_host_never_overlap(tmp_path: Path) -> None:
    assert (
        site_host("https://www.lawphil.net/x") == site_host("https://lawphil.net") == "lawphil.net"
    )
    spans: list[tuple[float, float]] = []

    def crawl_for_a_moment() -> None:
        with host_lock(tmp_path, "lawphil.net"):
            started = time.monotonic()
            time.sleep(0.3)
            spans.append((started, time.monotonic()))

    threads = [threading.Thread(target=crawl_for_a_moment) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (first, second) = sorted(spans)
    assert second[0] >= first[1]
