"""Supreme Court of the Philippines decisions, from The LawPhil Project's monthly indexes.

Publisher
  The LawPhil Project, Arellano Law Foundation (https://lawphil.net), republishing the
  decisions of the Supreme Court of the Philippines.
Caveats
  Pages declare windows-1252. Index rows whose HTML is not yet up carry `a.nya` with an `xref`
  and no `href`; they are skipped until a later run finds the page. Separate opinions linked
  in a row are not collected. Victims are anonymised (AAA, BBB) by the Court.
History
  2026-11-28: Created: monthly indexes in a rolling window, decision pages by conditional GET.
  2026-12-05: Months are followed from the year page's links instead of built: unpublished
    months are no longer 404 failures, and months published out of order are found. The
    page's main content (without <cite> watermarks) is chosen by the source's own hook.
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

MONTH_SLUGS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
COURT = "Supreme Court of the Philippines"
_CASE_HEADER = re.compile(
    r"^(?P<number>(?:G\.R\.|A\.C\.|A\.M\.|UDK|B\.M\.)\s*Nos?\.?\s*[^,]+),\s*(?P<date>.+\d{4})"
)
_MONTH_LINK = re.compile(
    r"(?:^|/)(?P<month>" + "|".join(MONTH_SLUGS) + r")(?P<year>\d{4})/(?P=month)(?P=year)\.html$"
)
_DIVISION = re.compile(r"\b(EN BANC|(?:FIRST|SECOND|THIRD|FOURTH|FIFTH)?\s*DIVISION)\b")
_PONENTE = re.compile(r"^([A-Z][A-Z .,'-]+),\s*(?:C\.\s*)?J\.\s*:?$")


class PhLawphilJudgments(SourceSpider):
    """See the module docstring."""

    name = "ph_lawphil_judgments"
    country = "PH"
    kind = "judgments"
    language = "en"
    base_url = "https://lawphil.net"
    other_hosts = ("www.lawphil.net",)
    # `since` / `until` in months (default: this month and the two before, which catches late
    # uploads without rereading old indexes every week).
    window_unit = "month"
    default_window = 2

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        return lawphil_main_content(tree)

    async def start(self) -> Any:
        # The year page says which months are published, in whatever order they came out:
        # months are followed from its links, never built, so an unpublished month is not a
        # 404 and a late one is found on the next run that reads its year.
        for year in self.window.years():
            url = self.site_url(f"/judjuris/juri{year}/juri{year}.html")
            yield self.page_request(url, callback=self.parse_year)

    def parse_year(self, response: Response) -> Iterator[scrapy.Request]:
        """Year page: one link a published month (`mon2024/mon2024.html`); months not yet up
        are `a.progressive` anchors with no `href`."""
        wanted = set(self.window.months())
        for href in response.css("a[href]::attr(href)").getall():
            found = _MONTH_LINK.search(href)
            if not found:
                continue
            month = MONTH_SLUGS.index(found.group("month")) + 1
            if (int(found.group("year")), month) in wanted:
                yield self.page_request(self.absolute(response, href), callback=self.parse_month)

    def parse_month(self, response: Response) -> Iterator[scrapy.Request]:
        """Monthly index: one `tr.xy` row per decision (number and date / parties / PDF)."""
        for row in response.css("table#s-menu tr.xy"):
            link = row.xpath("./td[1]//a[1]")
            href = link.attrib.get("href")
            if not href or "nya" in link.attrib.get("class", "").split():
                continue  # listed, but its HTML page is not published yet
            if self.limit_reached:
                return
            own_id = href.rsplit("/", 1)[-1].removesuffix(".html")
            row_date = clean_space(" ".join(row.xpath("./td[1]/text()").getall()))
            # Parties end at the first <br>; what follows lists separate opinions.
            parties = row.xpath(
                "./td[2]/node()[not(preceding-sibling::br)]/descendant-or-self::text()"
            ).getall()
            yield from self.request_document(
                self.absolute(response, href),
                doc_id=self.doc_id(own_id),
                callback=self.parse_decision,
                cb_kwargs={
                    "listed_number": clean_space(link.xpath("string()").get()),
                    "listed_date": parse_written_date(row_date) or "",
                    "listed_title": clean_space(" ".join(parties)),
                },
            )

    def parse_decision(
        self, response: Response, listed_number: str, listed_date: str, listed_title: str
    ) -> Iterator[Any]:
        bold = [clean_space(b.xpath("string()").get()) for b in response.css("blockquote b")]
        number, decided = listed_number, listed_date
        division = ponente = ""
        for text in bold:
            header = _CASE_HEADER.match(text)
            if header:  # the page's own header wins over the index row
                decided = parse_written_date(header.group("date")) or decided
                number = clean_space(header.group("number"))
            if not division and (found := _DIVISION.search(text)):
                division = clean_space(found.group(1))
            if not ponente and (found := _PONENTE.match(text)):
                ponente = found.group(1).strip()
        court = f"{COURT}, {division.title()}" if division else COURT
        title = listed_title or clean_space(response.css("title::text").get())
        metadata = {"division": division, "ponente": ponente, "listed_number": listed_number}
        yield self.fetched(
            response,
            doc_type="judgment",
            title=title,
            content_type=self.content_type(response, "text/html"),
            court=court,
            case_number=number or None,
            decision_date=decided or None,
            metadata={key: value for key, value in metadata.items() if value},
        )
