"""Singapore Supreme Court judgments, from eLitigation's published grounds of decision.

Publisher
  Supreme Court of Singapore, eLitigation judgments (https://www.elitigation.sg): the written
  grounds of the Court of Appeal and the High Court, newest decision first at
  `/gd/Home/Index?Filter=SUPCT&…&CurrentPage={n}`, one page per judgment at
  `/gd/s/{YYYY}_{COURT}_{N}`.
Caveats
  Supreme Court grounds only: the State Courts, where most trafficking cases are tried, do
  not publish here; fixtures are TEAM-WRITTEN in the structure of real excerpts.
  The document id is the neutral citation's own form in the URL (`2024_SGHC_331`). The listing
  is newest decision first: a weekly run stops at the first page whose judgments are all known
  or older than the window (`since`/`until` dates; default the last 90 days). Pages are asked
  for by number (the pager is script-driven). Judgments are HTML, text in `#divJudgement`
  (footnotes sit inside it as hidden dialogs, so they stay in the text). Pages say they are
  "subject to final editorial corrections" and may change: judgments are asked for
  conditionally. Sexual-offence parties are anonymised by the Court. State Courts decisions
  (most trafficking prosecutions) are not published here. No whole page of the site was ever
  saved: the pages here are TEAM-WRITTEN in the structure of real excerpts (kevanwee/
  sg-legal-corpus fixtures), with invented cases.
History
  2026-12-05: Created: listing pages by number in a window, judgments by conditional GET.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import lxml.html
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_day_first_date

_JUDGMENT = re.compile(r"/gd/s/(?P<id>\d{4}_[A-Z]+_\d+)\b")
_TOTAL = re.compile(r"Total Judgment\(s\) Found\s*:\s*(\d+)", re.IGNORECASE)
_ISO_DATE = re.compile(r'DecisionDate:"(\d{4}-\d{2}-\d{2})"')


@dataclass(frozen=True, slots=True)
class ListedJudgment:
    own_id: str
    url: str
    title: str
    citation: str
    decision_date: str | None
    case_number: str
    catchwords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ListingPage:
    total: int | None
    judgments: tuple[ListedJudgment, ...]


@dataclass(frozen=True, slots=True)
class JudgmentPage:
    citation: str
    case_number: str
    case_name: str
    court: str
    coram: str
    decision_date: str | None
    author: str


def listing_path(page: int) -> str:
    query = {
        "Filter": "SUPCT", "YearOfDecision": "All", "SortBy": "DateOfDecision",
        "CurrentPage": str(page), "SortAscending": "False", "PageSize": "0", "Verbose": "False",
        "SearchQueryTime": "0", "SearchTotalHits": "0", "SearchMode": "True",
        "SpanMultiplePages": "False",
    }  # fmt: skip
    return "/gd/Home/Index?" + urlencode(query)


def read_listing_page(html: str) -> ListingPage:
    """Result cards (`div.card`): title link to `/gd/s/…`, citation, decision date, case
    number and catchwords; and the "Total Judgment(s) Found" count."""
    page = Selector(text=html)
    judgments: list[ListedJudgment] = []
    for card in page.css("div.card"):
        link = card.css("a.gd-heardertext")  # sic: the site's class name
        found = _JUDGMENT.search(link.attrib.get("href", ""))
        if not found:
            continue
        date_link = card.css("a.decision-date-link")
        iso = _ISO_DATE.search(date_link.attrib.get("data-searchparam", ""))
        written = clean_space(date_link.xpath("string()").get())
        judgments.append(
            ListedJudgment(
                own_id=found.group("id"),
                url=link.attrib["href"],
                title=clean_space(link.xpath("string()").get()),
                citation=_strip_bars(card.css("a.citation-num-link").xpath("string()").get()),
                decision_date=iso.group(1) if iso else parse_day_first_date(written),
                case_number=_strip_bars(card.css("a.case-num-link").xpath("string()").get()),
                catchwords=tuple(
                    clean_space(cw).strip("[]").strip()
                    for cw in card.css("a.gd-cw").xpath("string()").getall()
                ),
            )
        )
    total = _TOTAL.search(" ".join(page.xpath("//body//text()").getall()))
    return ListingPage(total=int(total.group(1)) if total else None, judgments=tuple(judgments))


def read_judgment_page(html: str) -> JudgmentPage:
    """The header blocks of `#divJudgement`: neutral citation, case number, parties, coram
    (court, judges, hearing dates), the date of the judgment and its author."""
    body = Selector(text=html).css("#divJudgement")
    coram_lines = [clean_space(t) for t in body.css("div.HN-Coram").xpath(".//text()").getall()]
    coram_lines = [line for line in coram_lines if line]
    court = coram_lines[0].split("—")[0].strip() if coram_lines else ""
    names = body.css("div.HN-CaseName")
    # The parties are separate blocks ("Public Prosecutor", "v", "Soh …"): join their texts.
    parties = clean_space(" ".join(names[0].xpath(".//text()").getall())) if names else ""
    return JudgmentPage(
        citation=clean_space(body.css("div.HN-NeutralCit").xpath("string()").get()),
        case_number=clean_space(body.css("div.CaseNumber").xpath("string()").get()),
        case_name=parties,
        court=court,
        coram=coram_lines[1] if len(coram_lines) > 1 else "",
        decision_date=parse_day_first_date(
            body.css("div.Judg-Date-Reserved").xpath("string()").get() or ""
        ),
        author=clean_space(body.css("div.Judg-Author").xpath("string()").get()).rstrip(":"),
    )


def judgment_main_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """`#divJudgement`: the judgment, its footnotes moved out of the sentences they sit in
    (each is a hidden dialog after its reference) to the end, as "[n] text"."""
    found = tree.xpath("//div[@id='divJudgement']")
    if not found:
        return None
    judgment = found[0]
    notes: list[str] = []
    for dialog in judgment.xpath(".//div[contains(@class, 'modal')][starts-with(@id, 'fn-')]"):
        reference = judgment.xpath(f".//button[@data-target='#{dialog.get('id')}']")
        number = clean_space(reference[0].text_content()) if reference else str(len(notes) + 1)
        if reference:
            reference[0].text = f"[{number}]"
        body = clean_space(
            " ".join(dialog.xpath(".//div[contains(@class, 'FootnoteRef')]//text()"))
        )
        notes.append(f"[{number}] {body}")
        dialog.drop_tree()  # keeps the sentence text that follows it
    for note in notes:
        paragraph = lxml.html.Element("p")
        paragraph.text = note
        judgment.append(paragraph)
    return judgment


def _strip_bars(text: str | None) -> str:
    return clean_space(text).strip("| ").strip()


class SgElitigationJudgments(SourceSpider):
    """See the module docstring."""

    name = "sg_elitigation_judgments"
    country = "SG"
    kind = "judgments"
    status = "inferred"  # see Caveats: team-written pages in the structure public scrapers read
    language = "en"
    base_url = "https://www.elitigation.sg"

    # `since` / `until` as dates (default: the last 90 days, which catches judgments published
    # weeks after their date).
    window_unit = "day"
    default_window = 90

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        return judgment_main_content(tree)

    async def start(self) -> Any:
        yield self.page_request(
            self.site_url(listing_path(1)), callback=self.parse_listing, cb_kwargs={"page": 1}
        )

    def parse_listing(self, response: Response, page: int) -> Iterator[Any]:
        """One listing page, newest decision first; the next page while it can still hold
        judgments of the window."""
        listing = read_listing_page(response.text)
        for judgment in listing.judgments:
            if not self.window.contains(judgment.decision_date):
                continue
            yield from self.request_document(
                self.absolute(response, judgment.url),
                doc_id=self.doc_id(judgment.own_id),
                callback=self.parse_judgment,
                cb_kwargs={
                    "listed_title": judgment.title,
                    "listed_date": judgment.decision_date or "",
                    "case_numbers": judgment.case_number,
                    "catchwords": "; ".join(judgment.catchwords),
                },
            )
        dated = [date.fromisoformat(j.decision_date) for j in listing.judgments if j.decision_date]
        reached_older = bool(dated) and min(dated) < self.window.first
        seen = page * max(len(listing.judgments), 1)
        more = listing.total is None or seen < listing.total
        if listing.judgments and more and not reached_older and not self.limit_reached:
            yield self.page_request(
                self.site_url(listing_path(page + 1)),
                callback=self.parse_listing,
                cb_kwargs={"page": page + 1},
            )

    def parse_judgment(
        self,
        response: Response,
        listed_title: str,
        listed_date: str,
        case_numbers: str,
        catchwords: str,
    ) -> Iterator[Any]:
        page = read_judgment_page(response.text)
        metadata = {
            "case_numbers": case_numbers or page.case_number,
            "coram": page.coram,
            "author": page.author,
            "catchwords": catchwords,
        }
        yield self.fetched(
            response,
            doc_type="judgment",
            title=page.case_name or listed_title,
            content_type=self.content_type(response, "text/html"),
            court=page.court or None,
            case_number=page.citation or None,
            decision_date=page.decision_date or listed_date or None,
            metadata={key: value for key, value in metadata.items() if value},
        )
