"""Decisions of the Supreme Court of Thailand (ฎีกา), from the Court's search and print forms.

Publisher
  ศาลฎีกา, Supreme Court of Thailand, decision search service (https://deka.supremecourt.or.th).
Caveats
  Both steps are POST forms, so nothing is a stable URL: the search (`/search`, field `word`)
  answers a result list, and each decision's full text comes from the print form
  (`/printing/deka`, `docid` plus one flag per part: number, parties, law, short and long text,
  judges, primary court, source, remarks). Documents are keyed on the decision number as the
  Court writes it (number/B.E. year, e.g. 1234/2567), with the `docid` kept in the metadata; a
  published decision does not change, so a known number is not asked for again. Only the first
  page of search results is read: the result list's paging was not seen in any public scraper.
  Numbers and years are Buddhist Era, often in Thai digits. The form fields are those public
  scrapers send; no page of the site was available to us, so the result list and print page
  fixtures are team-written in the structure those scrapers read (the print page's
  `page[size="A4"]`).
History
  2026-12-05: Created: keyword search POST → print-form POST per decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import arabic_digits, deka_number, parse_thai_date
from crawlers.posting import FORM, form_body

COURT = "ศาลฎีกา"
PRINT_FLAGS = (
    "pdekano", "plitigant", "plaw", "pshorttext", "plongtext", "pjudge",
    "pprimarycourt", "psource", "pdepartment", "pprimarycourtdekano", "premark",
)  # fmt: skip
# Labels of the print page's parts → metadata keys.
_PRONOUNCED = re.compile(r"พิพากษา\s*ณ\s*วันที่")
_PART_LABELS = {
    "คู่ความ": "parties",
    "กฎหมายที่เกี่ยวข้อง": "law",
    "ผู้พิพากษา": "judges",
    "ศาลชั้นต้น": "primary_court",
    "แหล่งที่มา": "source",
    "หมายเหตุ": "remarks",
}


@dataclass(frozen=True, slots=True)
class SearchHit:
    docid: str
    number: str  # "1234/2567", ASCII digits, B.E. year
    summary: str


def parse_search_results(html: str) -> list[SearchHit]:
    """The search answer: one `div.result-item` per decision, its `docid` on the print button."""
    hits: list[SearchHit] = []
    for item in Selector(text=html).css("div.result-item"):
        docid = item.css("[data-docid]::attr(data-docid)").get()
        number = deka_number(item.css(".deka-no").xpath("string()").get() or "")
        if docid and number:
            hits.append(
                SearchHit(
                    docid=docid.strip(),
                    number=number,
                    summary=clean_space(item.css(".short-text").xpath("string()").get()),
                )
            )
    return hits


def parse_print_page(html: str) -> dict[str, str]:
    """The print page: the decision number and the labelled parts of `page[size=A4]`."""
    page = Selector(text=html)
    found: dict[str, str] = {}
    number = deka_number(page.css("page .deka-no").xpath("string()").get() or "")
    if number:
        found["number"] = number
    for part in page.css("page div.part"):
        label = clean_space(part.css(".label").xpath("string()").get()).rstrip(":")
        value = clean_space(part.css(".value").xpath("string()").get())
        if label in _PART_LABELS and value:
            found[_PART_LABELS[label]] = value
    long_text = " ".join(page.css("page .long-text").xpath("string()").getall())
    # Dates earlier in the text are the facts'; the decision's own follows "พิพากษา ณ วันที่".
    pronounced = _PRONOUNCED.search(long_text)
    decided = parse_thai_date(long_text[pronounced.start() :]) if pronounced else None
    if decided:
        found["decision_date"] = decided
    if "law" in found:
        found["law"] = arabic_digits(found["law"])
    return found


class ThSupremecourtJudgments(SourceSpider):
    """See the module docstring."""

    name = "th_supremecourt_judgments"
    country = "TH"
    kind = "judgments"
    language = "th"
    base_url = "https://deka.supremecourt.or.th"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages

    # What is searched for: "ค้ามนุษย์" (trafficking in persons).
    keyword = "ค้ามนุษย์"

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        """The printed pages (`page[size=A4]`) and nothing else, the number heading included
        (a generic extractor drops it as a title)."""
        pages = tree.xpath("//page")
        return pages[0].getparent() if pages else None

    async def start(self) -> Any:
        yield self.page_request(
            self.site_url("/search"),
            callback=self.parse_search,
            method="POST",
            body=form_body({"word": self.keyword}),
            headers={"Content-Type": FORM},
        )

    def parse_search(self, response: Response) -> Iterator[Any]:
        for hit in parse_search_results(response.text):
            # A published decision does not change, and a POST cannot be conditional: a known
            # decision number is not printed again.
            yield from self.request_document(
                self.site_url("/printing/deka"),
                doc_id=self.doc_id(hit.number),
                callback=self.parse_print,
                cb_kwargs={"docid": hit.docid, "listed_number": hit.number},
                immutable=True,
                method="POST",
                body=form_body({"docid": hit.docid, **dict.fromkeys(PRINT_FLAGS, "1")}),
                headers={"Content-Type": FORM},
            )

    def parse_print(self, response: Response, docid: str, listed_number: str) -> Iterator[Any]:
        parts = parse_print_page(response.text)
        number = parts.pop("number", listed_number)
        decided = parts.pop("decision_date", None)
        yield self.fetched(
            response,
            doc_type="judgment",
            title=f"คำพิพากษาศาลฎีกาที่ {number}",
            # The print form answers an HTML page, whatever the header of the answer says.
            content_type="text/html; charset=utf-8",
            court=COURT,
            case_number=number,
            decision_date=decided,
            metadata={"docid": docid, **parts},
        )
