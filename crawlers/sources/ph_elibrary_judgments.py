"""Supreme Court of the Philippines decisions, from the Court's own E-Library.

Publisher
  Supreme Court of the Philippines, E-Library (https://elibrary.judiciary.gov.ph): decisions
  and signed resolutions, one listing per month (`/thebookshelf/docmonth/{Mon}/{YYYY}/1`), one
  page per decision (`/thebookshelf/showdocs/1/{id}`).
Caveats
  Month listing addresses are built from the site's pattern (the home page linking them was
  never seen saved); tested on a real listing and decision page.
  The document id is the E-Library's own number in `showdocs/1/{id}`. Month listings are built
  from the known URL pattern (a month with nothing published lists nothing; the home page that
  links them was never seen saved); decisions are asked for conditionally. Listing titles carry
  stray `BR>` markup debris from the site, removed here. The site serves an incomplete TLS chain.
  Victims are anonymised (AAA, BBB) by the Court. Tested on the real saved June 2025 listing and
  decision page of G.R. No. 279692.
History
  2026-12-05: Created: month listings in a rolling window, decision pages by conditional GET.
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
from crawlers.dates import parse_written_date

COURT = "Supreme Court of the Philippines"
MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
DECISIONS_CATEGORY = "1"  # "Decisions / Signed Resolutions"; other numbers are laws and rules
_SHOWDOCS = re.compile(r"/thebookshelf/showdocs/(?P<category>\d+)/(?P<id>\d+)\b")
_HEADER = re.compile(
    r"^\[?\s*(?P<number>.+?),\s*(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4})\s*\]?$"
)
_PONENTE = re.compile(r"^(?P<name>[A-Z][A-Za-z .,'-]+?),\s*(?:C\.\s*)?J\.?,?\s*(?:J\.)?\s*:?$")
_PHIL_REPORTS = re.compile(r"\b\d{1,4}\s+Phil\.\s+\d{1,4}\b")
# "DOLOR BR> WENDAH": a broken <BR> the site leaves in titles.
_MARKUP_DEBRIS = re.compile(r"\s*\bBR>\s*")


@dataclass(frozen=True, slots=True)
class ListedDecision:
    """One row of a month listing."""

    own_id: str
    url: str
    case_number: str
    title: str
    decision_date: str | None


@dataclass(frozen=True, slots=True)
class DecisionPage:
    """What a decision page says about itself."""

    case_number: str
    decision_date: str | None
    division: str
    title: str
    ponente: str
    phil_reports: str


def month_url_path(year: int, month: int) -> str:
    return f"/thebookshelf/docmonth/{MONTH_ABBREVIATIONS[month - 1]}/{year}/{DECISIONS_CATEGORY}"


def read_month_listing(html: str) -> list[ListedDecision]:
    """The decisions of a month listing (`#container_title ul li a`), in page order."""
    listed: list[ListedDecision] = []
    for link in Selector(text=html).css("#container_title li a[href]"):
        href = link.attrib["href"]
        found = _SHOWDOCS.search(href)
        if not found or found.group("category") != DECISIONS_CATEGORY:
            continue
        # The date is the link's own text after the <small> title.
        tail = clean_space(" ".join(link.xpath("./text()").getall()))
        listed.append(
            ListedDecision(
                own_id=found.group("id"),
                url=href,
                case_number=clean_space(link.css("strong").xpath("string()").get()),
                title=clean_title(link.css("small").xpath("string()").get() or ""),
                decision_date=parse_written_date(tail),
            )
        )
    return listed


def read_decision_page(html: str) -> DecisionPage:
    """Header of a decision page: division (first `H2`), "[ G.R. No. N, Month D, YYYY ]"
    (second `H2`), parties (`H3`, up to "D E C I S I O N"), ponente (`p > strong`)."""
    content = Selector(text=html).css("#left .single_content")
    headings = [clean_space(h.xpath("string()").get()) for h in content.css("h2")]
    division = next((h for h in headings if "DIVISION" in h or h == "EN BANC"), "")
    number, decided = "", None
    for heading in headings:
        found = _HEADER.match(heading.strip("[] "))
        if found:
            number = clean_space(found.group("number"))
            decided = parse_written_date(found.group("date"))
            break
    parties = " ".join(content.css("h3").xpath(".//text()").getall())
    parties = re.split(
        r"\bD\s+E\s+C\s+I\s+S\s+I\s+O\s+N\b|\bR\s+E\s+S\s+O\s+L\s+U\s+T\s+I\s+O\s+N\b", parties
    )[0]
    ponente = ""
    for strong in content.css("p > strong"):
        found = _PONENTE.match(clean_space(strong.xpath("string()").get()))
        if found:
            ponente = found.group("name").strip()
            break
    before_header = " ".join(content.xpath("./text()").getall())
    reports = _PHIL_REPORTS.search(before_header)
    return DecisionPage(
        case_number=number,
        decision_date=decided,
        division=division,
        title=clean_title(parties),
        ponente=ponente,
        phil_reports=reports.group(0) if reports else "",
    )


def decision_main_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The decision's own block (`#left .single_content`) without the printer-friendly link;
    None for a page without it."""
    found = tree.xpath("//div[@id='left']//div[contains(@class, 'single_content')]")
    if not found:
        return None
    content = found[0]
    for printer_link in content.xpath("./div[.//a[contains(@href, 'showdocsfriendly')]]"):
        printer_link.drop_tree()
    return content


def clean_title(text: str) -> str:
    return clean_space(_MARKUP_DEBRIS.sub(" ", text))


class PhElibraryJudgments(SourceSpider):
    """See the module docstring."""

    name = "ph_elibrary_judgments"
    country = "PH"
    kind = "judgments"
    language = "en"
    base_url = "https://elibrary.judiciary.gov.ph"

    # `since` / `until` in months (default: this month and the two before, which catches late
    # uploads without rereading old listings every week).
    window_unit = "month"
    default_window = 2

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        return decision_main_content(tree)

    @classmethod
    def clean_text(cls, text: str) -> str:
        # The site's broken "<BR>BR>" leaves "BR>" in parties' names.
        return _MARKUP_DEBRIS.sub(" ", text)

    async def start(self) -> Any:
        for year, month in self.window.months():
            url = self.site_url(month_url_path(year, month))
            yield self.page_request(url, callback=self.parse_month)

    def parse_month(self, response: Response) -> Iterator[Any]:
        for entry in read_month_listing(response.text):
            yield from self.request_document(
                self.absolute(response, entry.url),
                doc_id=self.doc_id(entry.own_id),
                callback=self.parse_decision,
                cb_kwargs={
                    "listed_number": entry.case_number,
                    "listed_date": entry.decision_date or "",
                    "listed_title": entry.title,
                },
            )

    def parse_decision(
        self, response: Response, listed_number: str, listed_date: str, listed_title: str
    ) -> Iterator[Any]:
        page = read_decision_page(response.text)
        metadata = {
            "division": page.division,
            "ponente": page.ponente,
            "phil_reports": page.phil_reports,
            "listed_number": listed_number,
        }
        yield self.fetched(
            response,
            doc_type="judgment",
            title=page.title or listed_title,
            content_type=self.content_type(response, "text/html"),
            court=f"{COURT}, {page.division.title()}" if page.division else COURT,
            case_number=page.case_number or listed_number or None,
            decision_date=page.decision_date or listed_date or None,
            metadata={key: value for key, value in metadata.items() if value},
        )
