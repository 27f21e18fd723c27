"""Vietnamese case-law precedents (án lệ) of the Supreme People's Court (anle.toaan.gov.vn).

Publisher
  Tòa án nhân dân tối cao (Supreme People's Court of Viet Nam), Trang thông tin điện tử về án lệ
  (https://anle.toaan.gov.vn).
Caveats
  An Oracle WebCenter/ADF portal. A precedent's page (`chitietanle?dDocName=TAND…`) holds its
  attributes (number such as "63/2023/AL", name, adoption, publication and application dates,
  the publishing decision, the source judgment, status, field) as an entity-encoded th/td table;
  the text itself is only a PDF shown in an iframe (`/webcenter/pdfview?dDocName=…`), which is
  what is taken as the document, keyed on the `dDocName`. The listing URL (`anle`) is a link
  of the real page's menu; the listing fixture is team-written in the portal's markup, the
  precedent page fixture is a real saved page, and the PDF fixture is team-written.
History
  2026-12-05: Created: listing → precedent page → PDF, keyed on dDocName.
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

_DOC_NAME = re.compile(r"[?&]dDocName=(TAND\d+)", re.IGNORECASE)
COURT = "Tòa án nhân dân tối cao"
_ATTRIBUTE_LABELS = {
    "Số án lệ": "number",
    "Tên án lệ": "title",
    "Ngày thông qua": "adopted",
    "Ngày công bố": "published",
    "Quyết định công bố": "publishing_decision",
    "Ngày áp dụng": "applies_from",
    "Nguồn án lệ": "source_judgment",
    "Trạng thái": "status",
    "Lĩnh vực": "field",
}
_DATE_KEYS = ("adopted", "published", "applies_from")


def precedent_links(html: str) -> list[str]:
    """dDocNames of the precedents a listing links to (`chitietanle?dDocName=…`), in order."""
    found: list[str] = []
    for href in Selector(text=html).css("a[href*=chitietanle]::attr(href)").getall():
        name = _DOC_NAME.search(href)
        if name and name.group(1) not in found:
            found.append(name.group(1))
    return found


def parse_precedent(html: str) -> dict[str, str]:
    """A precedent page: the attributes table of `#thuoctinh` and the PDF's dDocName."""
    page = Selector(text=html)
    attributes: dict[str, str] = {}
    for row in page.css("#thuoctinh table tr"):
        label = clean_space(row.css("th").xpath("string()").get())
        value = clean_space(row.css("td").xpath("string()").get())
        if label in _ATTRIBUTE_LABELS and value:
            attributes[_ATTRIBUTE_LABELS[label]] = value
    for key in _DATE_KEYS:
        if key in attributes:
            attributes[key] = parse_day_month_year(attributes[key]) or attributes[key]
    pdf = _DOC_NAME.search(page.css("#toanvan iframe.viewpdf::attr(src)").get() or "")
    if pdf:
        attributes["pdf_doc_name"] = pdf.group(1)
    return attributes


class VnAnlePrecedents(SourceSpider):
    """See the module docstring."""

    name = "vn_anle_precedents"
    country = "VN"
    kind = "judgments"
    language = "vi"
    base_url = "https://anle.toaan.gov.vn"

    listing_path = "/webcenter/portal/anle/anle"

    async def start(self) -> Any:
        yield self.page_request(self.site_url(self.listing_path), callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        for doc_name in precedent_links(response.text):
            if self.limit_reached:
                return
            url = self.site_url(f"/webcenter/portal/anle/chitietanle?dDocName={doc_name}")
            yield self.page_request(
                url, callback=self.parse_precedent, cb_kwargs={"doc_name": doc_name}
            )

    def parse_precedent(self, response: Response, doc_name: str) -> Iterator[Any]:
        attributes = parse_precedent(response.text)
        pdf_name = attributes.pop("pdf_doc_name", doc_name)
        yield from self.request_document(
            self.site_url(f"/webcenter/pdfview?dDocName={pdf_name}"),
            doc_id=self.doc_id(pdf_name),
            callback=self.parse_pdf,
            cb_kwargs={"attributes": attributes},
        )

    def parse_pdf(self, response: Response, attributes: dict[str, str]) -> Iterator[Any]:
        number = attributes.get("number", "")
        title = attributes.get("title", "")
        metadata = {k: v for k, v in attributes.items() if k not in ("number", "title")}
        yield self.fetched(
            response,
            doc_type="judgment",
            title=f"Án lệ số {number}: {title}" if number else title,
            content_type=self.content_type(response, "application/pdf"),
            court=COURT,
            case_number=number or None,
            decision_date=attributes.get("adopted"),
            metadata=metadata,
        )
