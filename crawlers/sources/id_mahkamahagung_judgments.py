"""Indonesian court decisions on trafficking in persons, from the Supreme Court's directory.

Publisher
  Direktori Putusan Mahkamah Agung Republik Indonesia (https://putusan3.mahkamahagung.go.id),
  the Supreme Court's register of published decisions of all Indonesian courts.
Caveats
  The Document is the decision's PDF (text from its text layer; older scans have none and are
  quarantined for OCR); the metadata page is archived too. A weekly run reads the category's
  newest-upload-first listing and stops at the first page holding only known decisions. A
  backfill (`since`/`until`, dates filtering on the "Putus" date) or a full sweep (`full=1`)
  walks instead the category's list of each year of the window by decision year
  (`…/kategori/<slug>-1/tahunjenis/putus/tahun/<YYYY>.html`) and, for each court seen there,
  that court's list of the category for the same year
  (`…/pengadilan/<court>/kategori/<slug>-1/tahunjenis/putus/tahun/<YYYY>.html`, the nesting
  inferred from the site's path scheme): every list ends at page 499, so narrow lists reach
  what a wide one cuts off. Decision ids are
  immutable, so known ones are never requested again. The site sits behind Cloudflare; a
  challenge page fails the source.
History
  2026-11-28: Created: category listing with pagination, metadata page, PDF download.
  2026-12-05: Backfills and full sweeps also walk each court's list of the category (the
    newest-first lists end at page 499); the court is read from the real breadcrumb links.
    The PDFs' per-page stamps (watermarks, site name, page footers) and the closing
    disclaimer are stripped from the text.
  2026-12-05: Backfills and sweeps walk the year lists (category × year, court × category ×
    year) of the window only, no longer the newest-first lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_day_month_year
from crawlers.middlewares import ARCHIVED_META, DOC_ID_META

# The categories collected: trafficking in persons (TPPO, Law 21/2007).
CATEGORIES = ("perdagangan-orang",)
LISTING_PATH = "/direktori/index/kategori/perdagangan-orang-1.html"
# A list narrowed to the decisions of one year: appended to a category's (or a court's category)
# list path without its ".html". "putus" selects by decision year, as the window filters.
YEAR_TAIL = "/tahunjenis/putus/tahun/{year}.html"
# A court's list of one category, linked from every listing entry's breadcrumb.
_COURT_CATEGORY = re.compile(
    r"/direktori/index/pengadilan/(?P<court>[a-z0-9-]+)/kategori/(?P<category>[a-z0-9-]+?)-1\.html$"
)
_DECISION_ID = re.compile(r"/direktori/putusan/([0-9a-z]{32})\.html")
_LABELLED_DATE = re.compile(r"(Register|Putus|Upload)\s*:\s*(\d{1,2}-\d{1,2}-\d{4})")
# Metadata table labels kept as the Document's source metadata (the rest is page furniture).
METADATA_LABELS = (
    "Nomor", "Tingkat Proses", "Klasifikasi", "Kata Kunci", "Tahun", "Tanggal Register",
    "Lembaga Peradilan", "Jenis Lembaga Peradilan", "Hakim Ketua", "Hakim Anggota", "Panitera",
    "Amar", "Amar Lainnya", "Catatan Amar", "Tanggal Musyawarah", "Tanggal Dibacakan",
)  # fmt: skip


# Stamped on every page of the directory's PDFs: five watermark lines, the site's name and
# address, the page footer ("Hal. 3 dari hal. 7 Putusan Nomor …", "Halaman 3"), and a closing
# disclaimer of the registry; none of it is the decision.
_STAMP_LINES = frozenset(
    {
        "mahkamah agung republik indonesia",
        "direktori putusan mahkamah agung republik indonesia",
        "putusan.mahkamahagung.go.id",
    }
)
_PAGE_FOOTER = re.compile(r"^(?:hal(?:aman)?\.?\s*\d+\s*(?:dari\b.*)?)$", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"^Disclaimer\n(?:.*\n)*?.*kepaniteraan@mahkamahagung\.go\.id.*$", re.MULTILINE
)


class IdMahkamahagungJudgments(SourceSpider):
    """See the module docstring."""

    name = "id_mahkamahagung_judgments"
    country = "ID"
    kind = "judgments"
    language = "id"
    base_url = "https://putusan3.mahkamahagung.go.id"
    # `since` / `until` are days, filtering on the "Putus" (decided) date; without them a run
    # reads the newest uploads until a page holds only known decisions.
    window_unit = "day"
    default_window = 30

    @classmethod
    def clean_text(cls, text: str) -> str:
        """The decision without the directory's per-page stamps and closing disclaimer."""
        text = _DISCLAIMER.sub("", text)
        pages = []
        for page in text.split("\f"):
            kept = [
                line
                for line in page.split("\n")
                if line.strip().lower() not in _STAMP_LINES and not _PAGE_FOOTER.match(line.strip())
            ]
            pages.append("\n".join(kept).strip("\n"))
        return "\f".join(pages)

    async def start(self) -> Any:
        if not (self.window.given or self.full):
            yield self.page_request(self.site_url(LISTING_PATH), callback=self.parse_listing)
            return
        # A backfill or sweep: the newest-first lists end at page 499, the year lists of the
        # window reach every decision of those years (and nothing outside them).
        for category in CATEGORIES:
            for year in self.window.years():
                yield self._year_list(f"/direktori/index/kategori/{category}-1.html", year)

    def _year_list(self, list_url: str, year: int) -> scrapy.Request:
        """The request for one list (a site path or URL ending ".html") narrowed to `year`."""
        url = list_url if "://" in list_url else self.site_url(list_url)
        narrowed = url.removesuffix(".html") + YEAR_TAIL.format(year=year)
        return self.page_request(narrowed, callback=self.parse_listing, cb_kwargs={"year": year})

    def parse_listing(
        self, response: Response, year: int | None = None
    ) -> Iterator[scrapy.Request | Any]:
        """One listing page (of one decision `year`'s list, in a backfill or sweep): decisions
        newest upload first, then the "Next" link."""
        first = self.window.first if self.window.given else None
        posts = response.css("#popular-post-list-sidebar .spost") or response.css(".spost")
        all_known, all_too_old = bool(posts), bool(posts)
        for post in posts:
            href = post.css("strong a::attr(href)").get() or ""
            found = _DECISION_ID.search(href)
            if not found:
                continue
            doc_id = self.doc_id(found.group(1))
            dates = _listed_dates(" ".join(post.css(".small").xpath("string()").getall()))
            decided = dates.get("Putus") or dates.get("Upload")
            uploaded = dates.get("Upload") or decided
            all_too_old &= bool(first and uploaded and date.fromisoformat(uploaded) < first)
            if self.window.given and not self.window.contains(decided):
                all_known = False
                continue
            all_known &= self.is_known(doc_id)
            if self.limit_reached:
                return
            yield from self.request_document(
                self.absolute(response, href),
                doc_id=doc_id,
                callback=self.parse_decision,
                # The decision id is the identity: the PDF is regenerated on every download (its
                # bytes differ each time), so a known id is never asked for again.
                immutable=True,
                cb_kwargs={
                    "listed_title": clean_space(post.css("strong a").xpath("string()").get()),
                    "listed_court": _listed_court(post),
                    "listed_dates": dates,
                },
            )
        if year is not None:
            yield from self._court_year_lists(response, year)
        if self._stop_paging(all_known, all_too_old):
            return
        # The pager's Next item holds a nested `<a href="#">` (malformed HTML); the parser
        # closes the empty one, so the real link is the one marked rel=next.
        next_href = response.css("ul.pagination a[rel=next]::attr(href)").get()
        if next_href:
            yield self.page_request(
                self.absolute(response, next_href),
                callback=self.parse_listing,
                cb_kwargs={} if year is None else {"year": year},
            )

    def _court_year_lists(self, response: Response, year: int) -> Iterator[scrapy.Request]:
        """Each court's list of a collected category for `year`, for the courts an entry's
        breadcrumb links: a year list too ends at page 499, a court's is narrower still.
        Each list is read once (Scrapy drops a repeated URL)."""
        for href in response.css("a[href*='/direktori/index/pengadilan/']::attr(href)").getall():
            found = _COURT_CATEGORY.search(href)
            if found and found.group("category") in CATEGORIES:
                yield self._year_list(self.absolute(response, href), year)

    def _stop_paging(self, all_known: bool, all_too_old: bool) -> bool:
        if all_too_old:
            return True  # newest-first: everything further is older still
        return all_known and not (self.full or self.window.given)

    def parse_decision(
        self,
        response: Response,
        listed_title: str,
        listed_court: str,
        listed_dates: dict[str, str],
    ) -> Iterator[Any]:
        """The metadata page (archived); the Document itself is the PDF it links to."""
        table = _metadata_table(response)
        pdf_href = response.css("#collapseThree a[href*='/pdf/']::attr(href)").get()
        if not pdf_href:
            yield self.failed(response, "no PDF link under #collapseThree")
            return
        archived = response.meta.get(ARCHIVED_META)
        metadata = {label: table[label] for label in METADATA_LABELS if table.get(label)}
        metadata.update({f"listed_{key.lower()}": value for key, value in listed_dates.items()})
        metadata["decision_page_url"] = self.canonical_url(response.url)
        if archived:
            metadata["decision_page_sha256"] = archived[0]
        yield self.document_request(
            self.absolute(response, pdf_href),
            doc_id=response.meta[DOC_ID_META],
            callback=self.parse_pdf,
            conditional=False,
            cb_kwargs={
                "title": clean_space(response.css("h2 strong").xpath("string()").get())
                or listed_title,
                "court": listed_court or table.get("Lembaga Peradilan", ""),
                "case_number": table.get("Nomor", ""),
                "decision_date": parse_day_month_year(table.get("Tanggal Dibacakan", ""))
                or listed_dates.get("Putus", ""),
                "metadata": metadata,
            },
        )

    def parse_pdf(
        self,
        response: Response,
        title: str,
        court: str,
        case_number: str,
        decision_date: str,
        metadata: dict[str, str],
    ) -> Iterator[Any]:
        yield self.fetched_pdf(
            response,
            doc_type="judgment",
            title=title,
            court=court or None,
            case_number=case_number or None,
            decision_date=decision_date or None,
            metadata=metadata,
        )


def _listed_dates(text: str) -> dict[str, str]:
    """{"Register": iso, "Putus": iso, "Upload": iso} from a listing entry's small print."""
    dates: dict[str, str] = {}
    for label, value in _LABELLED_DATE.findall(text):
        parsed = parse_day_month_year(value)
        if parsed:
            dates[label] = parsed
    return dates


def _listed_court(post: Any) -> str:
    """The court in an entry's breadcrumb: the link to the court's profile ("Pengadilan »
    PN X » Pidana Khusus"), or the head of a plain-text trail ("PN X > Pidana Khusus")."""
    trail = post.css(".small")
    linked = trail.css("a[href*='/profil/pengadilan/']").xpath("string()").get()
    if linked:
        return clean_space(linked)
    text = clean_space(trail.xpath("string()").get())
    return text.split(">")[0].strip() if ">" in text else ""


def _metadata_table(response: Response) -> dict[str, str]:
    """Label → value from the two-column metadata table (`<tr><td>Nomor</td><td>…</td></tr>`)."""
    table: dict[str, str] = {}
    for row in response.css("table tr"):
        cells = row.xpath("./td")
        if len(cells) != 2:
            continue
        label = clean_space(cells[0].xpath("string()").get())
        if label and label not in table:
            table[label] = clean_space(cells[1].xpath("string()").get())
    return table
