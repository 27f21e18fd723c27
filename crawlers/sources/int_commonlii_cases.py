"""Trafficking judgments of ASEAN courts held by the Legal Information Institutes (CommonLII).

Publisher
  Commonwealth Legal Information Institute (http://www.commonlii.org), republishing judgments
  of member states' courts (Malaysia's Court of Appeal: `/my/cases/MYCA/`); AsianLII
  (asianlii.org) shares the same software and layout.
Caveats
  LII pages are plain server-made HTML: a database's year index (`/my/cases/MYCA/2011/`) lists
  every case of the year, and a case page is `/my/cases/MYCA/2011/69.html`, whose database
  path and number are the source's own id (`my/cases/MYCA/2011/69`). The indexes do not say
  what a case is about, so each case of the window's years is read and only those naming the
  anti-trafficking law (ATIPSOM 2007, "trafficking in persons") are kept; the others are read
  again on later runs of the same year. Each document carries the country of its database. The
  LIIs serve plain http; only the Malaysian database is configured, since no other ASEAN
  state's case database on the LIIs could be checked from here. No LII page was available to
  us: the fixtures are team-written in the LIIs' layout.
History
  2026-12-05: Created: year indexes of configured databases → case pages kept by content.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_written_date
from crawlers.middlewares import DOC_ID_META

# Database path → (country, court).
DATABASES: dict[str, tuple[str, str]] = {
    "my/cases/MYCA": ("MY", "Court of Appeal of Malaysia"),
}
_CASE_PAGE = re.compile(r"^(?P<number>\d+)\.html$")
_CITATION = re.compile(r"\[(?P<year>\d{4})\]\s+(?P<court>[A-Z]+)\s+(?P<number>\d+)")
_TRAFFICKING = re.compile(
    r"trafficking\s+in\s+persons|anti-trafficking|pemerdagangan\s+orang|ATIPSOM", re.IGNORECASE
)


@dataclasses.dataclass(frozen=True, slots=True)
class IndexedCase:
    number: str
    title: str
    href: str


def parse_year_index(html: str) -> list[IndexedCase]:
    """A year index: one link `N.html` per case, its text the case name and citation."""
    cases: list[IndexedCase] = []
    for link in Selector(text=html).css("li a[href]"):
        href = link.attrib["href"]
        page = _CASE_PAGE.match(href.rsplit("/", 1)[-1])
        if page:
            cases.append(
                IndexedCase(
                    number=page.group("number"),
                    title=clean_space(link.xpath("string()").get()),
                    href=href,
                )
            )
    return cases


def parse_case(html: str) -> dict[str, str]:
    """A case page: title (`<title>`), neutral citation, decision date, whether it is about
    trafficking in persons."""
    page = Selector(text=html)
    title = clean_space(page.css("title::text").get())
    body = clean_space(page.xpath("string(//body)").get())
    found = {"title": title, "trafficking": "yes" if _TRAFFICKING.search(body) else "no"}
    citation = _CITATION.search(title) or _CITATION.search(body)
    if citation:
        found["citation"] = citation.group(0)
    decided = parse_written_date(clean_space(page.css("p.date, .date").xpath("string()").get()))
    decided = decided or _decision_date_in_title(title)
    if decided:
        found["decision_date"] = decided
    return found


def _decision_date_in_title(title: str) -> str | None:
    """LII titles end with the decision date in brackets: "... (12 March 2011)"."""
    found = re.search(r"\((\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\)\s*$", title)
    return (
        parse_written_date(f"{found.group(2)} {found.group(1)}, {found.group(3)}")
        if found
        else None
    )


class IntCommonliiCases(SourceSpider):
    """See the module docstring."""

    name = "int_commonlii_cases"
    country = "INT"  # regional: each document carries its database's country
    kind = "judgments"
    language = "en"
    base_url = "http://www.commonlii.org"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages
    other_hosts = ("commonlii.org",)

    databases: ClassVar[dict[str, tuple[str, str]]] = DATABASES
    # `since` / `until` in years (default: this year and the last, for late uploads).
    window_unit = "year"
    default_window = 1

    async def start(self) -> Any:
        for database in self.databases:
            for year in self.window.years():
                yield self.page_request(
                    self.site_url(f"/{database}/{year}/"),
                    callback=self.parse_year,
                    cb_kwargs={"database": database, "year": year},
                )

    def parse_year(
        self, response: Response, database: str = "my/cases/MYCA", year: int = 0
    ) -> Iterator[scrapy.Request]:
        for case in parse_year_index(response.text):
            # Not `request_document`: a case counts as discovered only once its text shows
            # it is about trafficking (see parse_case).
            if not self.take_document():
                return
            yield self.document_request(
                self.absolute(response, case.href),
                doc_id=self.doc_id(f"{database}/{year}/{case.number}"),
                callback=self.parse_case,
                cb_kwargs={"database": database, "listed_title": case.title},
            )

    def parse_case(self, response: Response, database: str, listed_title: str) -> Iterator[Any]:
        found = parse_case(response.text)
        if found["trafficking"] != "yes":
            return  # not a trafficking case: not kept
        self.note_discovered(response.meta[DOC_ID_META])
        country, court = self.databases[database]
        yield self.fetched(
            response,
            doc_type="judgment",
            title=found["title"] or listed_title,
            content_type=self.content_type(response, "text/html"),
            court=court,
            case_number=found.get("citation"),
            decision_date=found.get("decision_date"),
            country=country,
            metadata={"database": database},
        )
