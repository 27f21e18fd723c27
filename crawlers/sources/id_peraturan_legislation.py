"""Indonesian statutes and government regulations, from the Ministry of Law's peraturan.go.id.

Publisher
  Kementerian Hukum Republik Indonesia, Database Peraturan (https://peraturan.go.id): national
  legislation by type (`/uu` statutes, `/pp` government regulations, `/perpres` presidential
  regulations), newest first, 20 a page (`?page=N`).
Caveats
  Only the lists are read (the detail page was never seen saved), so documents carry a year
  but no enactment date.
  The document id is the site's own slug (`uu-no-21-tahun-2007`). The Document is the PDF the
  list links ("Dokumen"); PDF file names are not uniform (`/files/uu1-2023.pdf`), so they are
  always taken from the list, never built. Lists are newest first: a weekly run stops paging at
  the first page whose entries are all older than the window (`since`/`until` as years; default
  this year and the last). Subject badges repeat on the site and are kept once each. PDFs are
  asked for conditionally. Tested on a real saved excerpt of the `/uu` list (the results block
  only, as its capturer copied it); the detail page was never seen saved and is not read.
History
  2026-12-05: Created: statute and regulation lists with pagination, PDFs by conditional GET.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space

DEFAULT_TYPES = ("uu", "pp", "perpres")
_DETAIL_SLUG = re.compile(r"/id/(?P<slug>[a-z]+-no-[\w.-]+-tahun-\d{4})$")
_NUMBER_YEAR = re.compile(r"Nomor\s+(?P<number>[\w./-]+)\s+Tahun\s+(?P<year>\d{4})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListedRegulation:
    """One entry of a type's list."""

    own_id: str  # the detail slug, "uu-no-1-tahun-2024"
    kind: str  # the type label, "UU"
    designation: str  # "Undang-Undang Nomor 1 Tahun 2024"
    number: str
    year: int
    title: str
    subjects: tuple[str, ...]
    detail_url: str
    pdf_url: str


@dataclass(frozen=True, slots=True)
class ListPage:
    entries: tuple[ListedRegulation, ...]
    next_url: str | None


def list_path(kind: str) -> str:
    return f"/{kind}"


def read_list_page(html: str) -> ListPage:
    """`div.strip.grid` entries (type, year, "… Nomor N Tahun YYYY", title link to `/id/{slug}`,
    subject badges, "Dokumen" PDF link) and the pager's "next" link."""
    page = Selector(text=html)
    entries: list[ListedRegulation] = []
    for strip in page.css("div.strip.grid"):
        link = strip.css(".wrapper a[href^='/id/'][title]")
        detail = link.attrib.get("href", "")
        slug = _DETAIL_SLUG.search(detail)
        pdf = strip.css("li a[href$='.pdf']::attr(href)").get()
        designation = clean_space(strip.css(".wrapper > p").xpath("string()").get())
        number_year = _NUMBER_YEAR.search(designation) or _NUMBER_YEAR.search(
            detail.replace("-", " ")
        )
        if not slug or not pdf or not number_year:
            continue  # an entry without a document is nothing to store
        subjects = dict.fromkeys(
            clean_space(b) for b in strip.css("span.badge").xpath("string()").getall()
        )
        entries.append(
            ListedRegulation(
                own_id=slug.group("slug"),
                kind=clean_space(strip.css("a.float-right").xpath("string()").get()),
                designation=designation,
                number=number_year.group("number"),
                year=int(number_year.group("year")),
                title=clean_space(link.xpath("string()").get()),
                subjects=tuple(subject for subject in subjects if subject),
                detail_url=detail,
                pdf_url=pdf,
            )
        )
    next_link = page.css("ul.pagination li.next:not(.disabled) a::attr(href)").get()
    return ListPage(entries=tuple(entries), next_url=next_link)


class IdPeraturanLegislation(SourceSpider):
    """See the module docstring."""

    name = "id_peraturan_legislation"
    country = "ID"
    kind = "legislation"
    language = "id"
    base_url = "https://peraturan.go.id"

    # `since` / `until` in years (default: this year and the last): the lists date entries by
    # year only.
    window_unit = "year"
    default_window = 1

    def __init__(self, *args: Any, types: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = [kind.strip().lower() for kind in (types or "").split(",") if kind.strip()]
        self.types = tuple(chosen) or DEFAULT_TYPES

    async def start(self) -> Any:
        for kind in self.types:
            yield self.page_request(self.site_url(list_path(kind)), callback=self.parse_list)

    def parse_list(self, response: Response) -> Iterator[Any]:
        """One list page, newest first; the next page only while it can still hold
        entries of the window."""
        page = read_list_page(response.text)
        years = set(self.window.years())
        for entry in page.entries:
            if entry.year not in years:
                continue
            yield from self.request_document(
                self.absolute(response, entry.pdf_url),
                doc_id=self.doc_id(entry.own_id),
                callback=self.parse_regulation,
                cb_kwargs={
                    "designation": entry.designation,
                    "title": entry.title,
                    "year": str(entry.year),
                    "subjects": "; ".join(entry.subjects),
                    "detail_url": self.canonical_url(self.absolute(response, entry.detail_url)),
                },
            )
        all_older = bool(page.entries) and all(
            entry.year < self.window.first.year for entry in page.entries
        )
        if page.next_url and not all_older and not self.limit_reached:
            yield self.page_request(
                self.absolute(response, page.next_url), callback=self.parse_list
            )

    def parse_regulation(
        self,
        response: Response,
        designation: str,
        title: str,
        year: str,
        subjects: str,
        detail_url: str,
    ) -> Iterator[Any]:
        metadata = {"year": year, "subjects": subjects, "detail_url": detail_url}
        yield self.fetched_pdf(
            response,
            doc_type="legislation",
            title=f"{designation} tentang {title}" if title else designation,
            case_number=designation,
            metadata={key: value for key, value in metadata.items() if value},
        )
