"""Indonesian national and regional regulations on trafficking in persons, from JDIH BPK.

Publisher
  Badan Pemeriksa Keuangan Republik Indonesia, Database Peraturan / JDIH BPK
  (https://peraturan.bpk.go.id): national and regional (Perda, Pergub, Perbup) regulations,
  searched at `/Search?keywords=…&p=N` (`p`, not `page`), one page per regulation at
  `/Details/{id}/{slug}`, files at `/Download/{id}/{file}`.
Caveats
  TEAM-WRITTEN fixtures: only a truncated search page of the site was ever saved, so its
  selectors follow public scrapers and may need adjusting on the first real crawl.
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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin

from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_day_first_date
from crawlers.middlewares import ARCHIVED_META, DOC_ID_META

DEFAULT_KEYWORDS = "perdagangan orang"
_DETAILS = re.compile(r"/Details/(?P<id>\d+)(?:/|$)")
_YEAR_IN_TITLE = re.compile(r"\bTahun\s+(\d{4})\b", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s*-\s*Database Peraturan\s*\|\s*JDIH BPK\s*$", re.IGNORECASE)
DATE_LABELS = ("Tanggal Penetapan", "Tanggal Pengundangan", "Tanggal Berlaku")
# Detail rows kept as the Document's source metadata.
METADATA_LABELS = (
    "Nomor", "Tahun", "Bentuk", "Singkatan Bentuk", "T.E.U. Badan / Pengarang", "Tipe Dokumen",
    "Tempat Penetapan", "Sumber", "Subjek", "Status", "Bahasa", "Bidang Hukum", *DATE_LABELS,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SearchHit:
    own_id: str
    detail_url: str
    title: str

    @property
    def year(self) -> int | None:
        found = _YEAR_IN_TITLE.search(self.title)
        return int(found.group(1)) if found else None


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


def resolve(html_page: Selector, href: str) -> str:
    """A link as the page means it: a relative one is resolved against the page's
    `<base href>` (as a browser does) into a site path; absolute ones stay as they are.
    The spider then places site paths on the configured site root."""
    href = href.strip()
    base = html_page.css("base::attr(href)").get()
    if not base or href.startswith("/") or "://" in href:
        return href
    return urljoin(base, href)


def read_search_page(html: str) -> SearchPage:
    """Result rows (`table.table tbody tr`, a link to `/Details/{id}/{slug}` each) and the
    pager's next link."""
    page = Selector(text=html)
    hits: list[SearchHit] = []
    for link in page.css("table.table tbody tr a[href*='Details/']"):
        url = resolve(page, link.attrib["href"])
        found = _DETAILS.search(url)
        if found and all(hit.own_id != found.group("id") for hit in hits):
            hits.append(
                SearchHit(found.group("id"), url, clean_space(link.xpath("string()").get()))
            )
    next_href = page.css("ul.pagination li.page-item.next:not(.disabled) a::attr(href)").get()
    return SearchPage(tuple(hits), resolve(page, next_href) if next_href else None)


def read_regulation_page(html: str) -> RegulationPage:
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
        resolve(page, href)
        for href in page.css("a[href*='Download/']::attr(href)").getall()
        if href.lower().endswith(".pdf")
    )
    return RegulationPage(title=title, fields=fields, pdf_urls=tuple(pdfs))


class IdBpkLegislation(SourceSpider):
    """See the module docstring."""

    name = "id_bpk_legislation"
    country = "ID"
    kind = "legislation"
    status = "inferred"  # see Caveats: team-written pages in the structure public scrapers read
    language = "id"
    base_url = "https://peraturan.bpk.go.id"

    # `since` / `until` in years, for a backfill: only regulations of those years are taken
    # (their year is in the search hit's title). Without them, every hit is taken and the search
    # is read until a page of known regulations.
    window_unit = "year"
    default_window = 1

    def __init__(self, *args: Any, keywords: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keywords = keywords or DEFAULT_KEYWORDS

    async def start(self) -> Any:
        yield self.page_request(
            self.site_url(search_path(self.keywords)), callback=self.parse_search
        )

    def parse_search(self, response: Response) -> Iterator[Any]:
        page = read_search_page(response.text)
        years = set(self.window.years())
        all_known = bool(page.hits)
        for hit in page.hits:
            if self.window.given and hit.year not in years:
                continue
            doc_id = self.doc_id(hit.own_id)
            all_known &= self.is_known(doc_id)
            # Published regulations never change: a known id is not asked for again.
            yield from self.request_document(
                self.absolute(response, hit.detail_url),
                doc_id=doc_id,
                callback=self.parse_details,
                immutable=True,
            )
        keep_going = self.full or self.window.given or not all_known
        if page.next_url and keep_going and not self.limit_reached:
            yield self.page_request(
                self.absolute(response, page.next_url), callback=self.parse_search
            )

    def parse_details(self, response: Response) -> Iterator[Any]:
        """The detail page (archived); the Document itself is the PDF it links to."""
        page = read_regulation_page(response.text)
        if not page.pdf_urls:
            yield self.failed(response, "the detail page links no PDF")
            return
        metadata = {
            label: page.fields[label] for label in METADATA_LABELS if page.fields.get(label)
        }
        metadata["detail_page_url"] = self.canonical_url(response.url)
        archived = response.meta.get(ARCHIVED_META)
        if archived:
            metadata["detail_page_sha256"] = archived[0]
        form = page.fields.get("Singkatan Bentuk") or page.fields.get("Bentuk", "")
        number, year = page.fields.get("Nomor", ""), page.fields.get("Tahun", "")
        yield self.document_request(
            self.absolute(response, page.pdf_urls[0]),
            doc_id=response.meta[DOC_ID_META],
            callback=self.parse_pdf,
            conditional=False,
            cb_kwargs={
                "title": page.title,
                "designation": clean_space(f"{form} Nomor {number} Tahun {year}") if number else "",
                "enacted": page.date("Tanggal Penetapan") or "",
                "metadata": metadata,
            },
        )

    def parse_pdf(
        self,
        response: Response,
        title: str,
        designation: str,
        enacted: str,
        metadata: dict[str, str],
    ) -> Iterator[Any]:
        yield self.fetched_pdf(
            response,
            doc_type="legislation",
            title=title,
            case_number=designation or None,
            decision_date=enacted or None,
            metadata=metadata,
        )
