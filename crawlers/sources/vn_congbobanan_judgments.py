"""Vietnamese court judgments on trafficking in persons, from the courts' publication portal.

Publisher
  Tòa án nhân dân tối cao (Supreme People's Court of Viet Nam), Cổng thông tin điện tử công bố
  bản án, quyết định của Tòa án (https://congbobanan.toaan.gov.vn).
Caveats
  Reported reachable only from inside Viet Nam (a geo-block: elsewhere connections fail or
  time out, which the run report shows as a failed source). Judgments have sequential integer
  ids (`/2ta{id}t1cvn/chi-tiet-ban-an`); ids that do not exist answer a "ghost" page whose
  `<title>` is `null`, which is skipped, never stored. A run reads the latest list, then walks
  down one id at a time from the highest id it shows, for at most `window_ids` ids and until
  `ghost_run` ids in a row are missing; `since`/`until` (days) bound the decision dates kept,
  so a backfill further back than the id walk reaches is not possible yet. Only judgments
  whose legal relation or title names trafficking
  ("mua bán người", Penal Code 2015 arts. 150-151) are downloaded; the document is the
  judgment file (`/5ta{id}t1cvn/{name}`), usually a PDF but sometimes DOC/DOCX/RTF, and the
  portal has been seen answering errors as `application/pdf` with an HTML body. No page of
  the portal was available to us: the fixtures are team-written in the structure public
  scrapers read (`div.search_left_pub.details_pub`, `.list-group-item` label/value pairs).
History
  2026-12-05: Created: latest list → serial id walk with ghost detection → judgment file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_day_month_year

_JUDGMENT_ID = re.compile(r"/2ta(\d+)t1cvn/")
_NUMBER_AND_DATE = re.compile(
    r"(?P<kind>Bản án|Quyết định)\s+số\s*:?\s*(?P<number>\S+)"
    r"\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})"
)
# "Mua bán người" (trafficking in persons), also "... dưới 16 tuổi" (of a person under 16).
_TRAFFICKING = re.compile(r"mua\s+bán\s+người", re.IGNORECASE)
_DETAIL_LABELS = {
    "Tên bản án": "title",
    "Quan hệ pháp luật": "legal_relation",
    "Cấp xét xử": "instance",
    "Loại vụ/việc": "case_type",
    "Tòa án xét xử": "court",
    "Áp dụng án lệ": "precedent_applied",
    "Đính chính": "correction",
    "Thông tin về vụ/việc": "summary",
}


def judgment_ids(html: str) -> list[int]:
    """Ids of the judgments a list page links to, highest first."""
    hrefs = Selector(text=html).css("a::attr(href)").getall()
    return sorted({int(m.group(1)) for h in hrefs if (m := _JUDGMENT_ID.search(h))}, reverse=True)


def is_ghost(html: str) -> bool:
    """A page for an id that does not exist: the portal's template with `<title>null</title>`."""
    title = clean_space(Selector(text=html).css("title::text").get())
    return title.lower() in ("", "null")


def parse_judgment_page(html: str) -> dict[str, str]:
    """The metadata panel: number, date, the labelled items, and the judgment file's link."""
    panel = Selector(text=html).css("div.search_left_pub.details_pub")
    found: dict[str, str] = {}
    heading = _NUMBER_AND_DATE.search(clean_space(panel.xpath("string()").get()))
    if heading:
        found["kind"] = heading.group("kind")
        found["number"] = heading.group("number")
        found["decision_date"] = parse_day_month_year(heading.group("date")) or ""
    for item in panel.css(".list-group-item"):
        label = clean_space(item.css("label").xpath("string()").get()).rstrip(":")
        value = clean_space(item.css("span").xpath("string()").get())
        if label in _DETAIL_LABELS and value:
            found[_DETAIL_LABELS[label]] = value
    file_link = Selector(text=html).css("a[href*='/5ta']::attr(href)").get()
    if file_link:
        found["file"] = file_link
    return found


def is_trafficking(details: dict[str, str]) -> bool:
    return any(_TRAFFICKING.search(details.get(k, "")) for k in ("legal_relation", "title"))


class VnCongbobananJudgments(SourceSpider):
    """See the module docstring."""

    name = "vn_congbobanan_judgments"
    country = "VN"
    kind = "judgments"
    language = "vi"
    base_url = "https://congbobanan.toaan.gov.vn"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages

    # `since` / `until` in days: judgments decided outside the window are not kept. Courts
    # publish months after the decision, so the weekly default looks two years back.
    window_unit = "day"
    default_window = 730
    # The walk goes down one id at a time from the highest id on the latest list, and stops
    # after `window_ids` ids or `ghost_run` missing ids in a row (the bottom of the ids that
    # exist, or a gap too long to be a withdrawn judgment or two).
    window_ids = 3000
    ghost_run = 20

    async def start(self) -> Any:
        yield self.page_request(
            self.site_url("/0tat1cvn/ban-an-quyet-dinh"), callback=self.parse_latest
        )

    def parse_latest(self, response: Response) -> Iterator[scrapy.Request]:
        ids = judgment_ids(response.text)
        if ids:
            yield self._judgment_page(ids[0], walked=0, misses=0)

    def _judgment_page(self, judgment_id: int, walked: int, misses: int) -> scrapy.Request:
        # One id at a time, each asked for only after the previous answer: the walk stops as
        # soon as it runs out of ids instead of queueing thousands of requests.
        request = self.page_request(
            self.site_url(f"/2ta{judgment_id}t1cvn/chi-tiet-ban-an"),
            callback=self.parse_judgment,
            cb_kwargs={"judgment_id": judgment_id, "walked": walked, "misses": misses},
        )
        return request.replace(errback=self.judgment_page_failed)

    def _next(self, judgment_id: int, walked: int, misses: int) -> Iterator[scrapy.Request]:
        if judgment_id > 1 and walked + 1 < self.window_ids and misses < self.ghost_run:
            yield self._judgment_page(judgment_id - 1, walked + 1, misses)

    def judgment_page_failed(self, failure: Any) -> Iterator[Any]:
        """A failed judgment page is a miss of the walk, not the end of it."""
        yield from self.request_failed(failure)
        kwargs = failure.request.cb_kwargs
        yield from self._next(kwargs["judgment_id"], kwargs["walked"], kwargs["misses"] + 1)

    def parse_judgment(
        self, response: Response, judgment_id: int, walked: int, misses: int
    ) -> Iterator[Any]:
        if is_ghost(response.text):
            # An id never used, or withdrawn: nothing to store, and one more miss in a row.
            yield from self._next(judgment_id, walked, misses + 1)
            return
        yield from self._next(judgment_id, walked, 0)
        details = parse_judgment_page(response.text)
        if not is_trafficking(details) or "file" not in details:
            return
        if not self.window.contains(details.get("decision_date") or None):
            return
        yield from self.request_document(
            self.absolute(response, details.pop("file")),
            doc_id=self.doc_id(str(judgment_id)),
            callback=self.parse_file,
            cb_kwargs={"details": details},
            immutable=True,  # a published judgment's file is not replaced under its id
        )

    def parse_file(self, response: Response, details: dict[str, str]) -> Iterator[Any]:
        content_type = self.content_type(response, "application/pdf")
        if "pdf" in content_type and not response.body.startswith(b"%PDF"):
            # The portal answers some errors as application/pdf with an HTML body.
            yield self.failed(response, "an error page sent as a PDF")
            return
        metadata = {
            k: v
            for k, v in details.items()
            if k not in ("title", "number", "decision_date", "court")
        }
        yield self.fetched(
            response,
            doc_type="judgment",
            title=details.get("title", ""),
            content_type=content_type,
            court=details.get("court"),
            case_number=details.get("number"),
            decision_date=details.get("decision_date") or None,
            metadata=metadata,
        )
