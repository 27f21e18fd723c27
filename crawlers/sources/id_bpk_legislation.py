"""Indonesian national and regional regulations on trafficking in persons, from JDIH BPK.

Publisher
  Badan Pemeriksa Keuangan Republik Indonesia, Database Peraturan / JDIH BPK
  (https://peraturan.bpk.go.id): national and regional (Perda, Pergub, Perbup) regulations,
  searched at `/Search?keywords=…&p=N` (`p`, not `page`), one page per regulation at
  `/Details/{id}/{slug}`, files at `/Download/{id}/{file}`.
Caveats
  The document id is BPK's own number in `/Details/{id}/`. The search asks for "perdagangan
  orang" (trafficking in persons; spider argument `keywords` to change it), which also finds
  the provinces' and districts' regulations on it that no national source holds. The Document
  is the regulation's PDF; its metadata comes from the detail page's label/value rows (Nomor,
  Bentuk, T.E.U. Badan, Tanggal Penetapan …), archived too. Pages set `<base href="/30/">`,
  so relative links resolve under `/30/`, as a browser would. Regulations never change once
  published, so a known id is not asked for again; the weekly run reads the first search
  pages and stops at a page of known ids. Only the first 5,000 characters of one real search
  page were ever saved (the head, no results): the search and detail pages here are
  TEAM-WRITTEN in the structure public scrapers read, with the real page's head.
History
  2026-12-05: Created: keyword search with pagination, detail pages, PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin

from parsel import Selector

from crawlers.base import clean_space
from crawlers.dates import parse_day_first_date

DEFAULT_KEYWORDS = "perdagangan orang"
_DETAILS = re.compile(r"/Details/(?P<id>\d+)(?:/|$)")
_TITLE_SUFFIX = re.compile(r"\s*-\s*Database Peraturan\s*\|\s*JDIH BPK\s*$", re.IGNORECASE)
DATE_LABELS = ("Tanggal Penetapan", "Tanggal Pengundangan", "Tanggal Berlaku")


@dataclass(frozen=True, slots=True)
class SearchHit:
    own_id: str
    detail_url: str
    title: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    next_url: str | None


@dataclass(frozen=True, slots=True)
class RegulationPage:
    """A detail page: its label/value rows, its title and its files."""

    title: str
    fields: dict[str, str]
    pdf_urls: tuple[str, ...]

    def date(self, label: str) -> str | None:
        return parse_day_first_date(self.fields.get(label, ""))


def search_path(keywords: str, page: int = 1) -> str:
    query = {"keywords": keywords, "tentang": "", "nomor": "", "p": str(page)}
    return "/Search?" + urlencode(query)


def resolve(page_url: str, html_page: Selector, href: str) -> str:
    """A link as a browser resolves it: against the page's `<base href>` when it has one."""
    base = html_page.css("base::attr(href)").get()
    return urljoin(urljoin(page_url, base) if base else page_url, href.strip())


def parse_search_page(html: str, page_url: str) -> SearchPage:
    """Result rows (`table.table tbody tr`, a link to `/Details/{id}/{slug}` each) and the
    pager's next link."""
    page = Selector(text=html)
    hits: list[SearchHit] = []
    for link in page.css("table.table tbody tr a[href*='Details/']"):
        url = resolve(page_url, page, link.attrib["href"])
        found = _DETAILS.search(url)
        if found and all(hit.own_id != found.group("id") for hit in hits):
            hits.append(
                SearchHit(found.group("id"), url, clean_space(link.xpath("string()").get()))
            )
    next_href = page.css("ul.pagination li.page-item.next:not(.disabled) a::attr(href)").get()
    return SearchPage(tuple(hits), resolve(page_url, page, next_href) if next_href else None)


def parse_regulation_page(html: str, page_url: str) -> RegulationPage:
    """Label/value rows (`div.row` with `div.col-lg-3` and `div.col-lg-9`), the title, and
    the `/Download/` links."""
    page = Selector(text=html)
    fields: dict[str, str] = {}
    for row in page.css("div.row"):
        label = clean_space(
            row.xpath("./div[contains(@class, 'col-lg-3')]").xpath("string()").get()
        )
        value = clean_space(
            row.xpath("./div[contains(@class, 'col-lg-9')]").xpath("string()").get()
        )
        if label and value and label not in fields:
            fields[label] = value
    title = fields.get("Judul") or _TITLE_SUFFIX.sub("", clean_space(page.css("title::text").get()))
    pdfs = dict.fromkeys(
        resolve(page_url, page, href)
        for href in page.css("a[href*='Download/']::attr(href)").getall()
        if href.lower().endswith(".pdf")
    )
    return RegulationPage(title=title, fields=fields, pdf_urls=tuple(pdfs))
