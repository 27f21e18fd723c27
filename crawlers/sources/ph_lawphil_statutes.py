"""Republic Acts of the Philippines, from The LawPhil Project's yearly indexes.

Publisher
  The LawPhil Project, Arellano Law Foundation (https://lawphil.net), republishing the Acts of
  the Congress of the Philippines.
Caveats
  Pages declare windows-1252. The enactment date is the last "Approved:" line of the Act; dates
  earlier in the body are citations of other laws. Amendments are separate Acts: the index
  does not link an Act to the ones it amends.
History
  2026-11-28: Created: yearly Republic Act indexes in a window, Act pages by conditional GET.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import scrapy
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_written_date
from crawlers.sites.lawphil import lawphil_main_content

_ACT_PAGE = re.compile(r"^ra_(?P<number>\d+)_(?P<year>\d{4})\.html$")
_ACT_NUMBER = re.compile(r"REPUBLIC\s+ACT\s+NO\.?\s*(\d+)", re.IGNORECASE)
_APPROVED = re.compile(r"Approved\s*:\s*([A-Za-z]+\.?\s+\d{1,2},?\s+\d{4})")


class PhLawphilStatutes(SourceSpider):
    """See the module docstring."""

    name = "ph_lawphil_statutes"
    country = "PH"
    kind = "legislation"
    language = "en"
    base_url = "https://lawphil.net"
    other_hosts = ("www.lawphil.net",)

    # `since` / `until` in years (default: this year and the one before).
    window_unit = "year"
    default_window = 1

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        return lawphil_main_content(tree)

    async def start(self) -> Any:
        for year in self.window.years():
            url = self.site_url(f"/statutes/repacts/ra{year}/ra{year}.html")
            yield self.page_request(url, callback=self.parse_year)

    def parse_year(self, response: Response) -> Iterator[scrapy.Request]:
        """Yearly index: every link to an `ra_<number>_<year>.html` page is one Act."""
        seen: set[str] = set()
        for link in response.css("a[href]"):
            href = link.attrib["href"]
            page = _ACT_PAGE.match(href.rsplit("/", 1)[-1])
            if not page or page.group(0) in seen:
                continue
            seen.add(page.group(0))
            if self.limit_reached:
                return
            row = link.xpath("./ancestor::tr[1]")
            listed_title = clean_space(row.xpath("./td[2]").xpath("string()").get()) if row else ""
            row_text = clean_space(row.xpath("./td[1]").xpath("string()").get()) if row else ""
            yield from self.request_document(
                self.absolute(response, href),
                doc_id=self.doc_id(page.group(0).removesuffix(".html")),
                callback=self.parse_act,
                cb_kwargs={
                    "act_number": page.group("number"),
                    "listed_title": listed_title,
                    "listed_date": parse_written_date(row_text) or "",
                },
            )

    def parse_act(
        self, response: Response, act_number: str, listed_title: str, listed_date: str
    ) -> Iterator[Any]:
        body = clean_space(" ".join(response.css("blockquote *::text").getall()))
        approvals = _APPROVED.findall(body)
        approved = parse_written_date(approvals[-1]) if approvals else None
        number = _ACT_NUMBER.search(body)
        centred = [
            clean_space(p.xpath("string()").get())
            for p in response.css("blockquote p[align=center]")
        ]
        title = listed_title or next((text for text in centred if text), "")
        yield self.fetched(
            response,
            doc_type="legislation",
            title=title or clean_space(response.css("title::text").get()),
            content_type=self.content_type(response, "text/html"),
            case_number=f"Republic Act No. {number.group(1) if number else act_number}",
            decision_date=approved or listed_date or None,
            metadata={
                "act_number": act_number,
                **({"listed_date": listed_date} if listed_date else {}),
            },
        )
