"""Vietnamese legislation from the national legal-documents database (vbpl.vn).

Publisher
  Ministry of Justice of Viet Nam, Cơ sở dữ liệu quốc gia về văn bản pháp luật (https://vbpl.vn).
Caveats
  A SharePoint site: every view of a document is keyed by its `ItemID` (the source's own id);
  the search answers with an HTML fragment, not a page, and its URL is inferred from public
  crawler code. The attributes tab (vbpq-thuoctinh) gives number, type, dates, issuer and
  validity; the full text is the `#toanvancontent` of the vbpq-toanvan tab. Some documents have
  no text there, only DOC/DOCX/PDF attachments (`downloadfile(...)` links); the first DOC or
  DOCX attachment is then taken as the document. The search lists ten documents a page, newest
  first: a weekly run reads its first three pages, a `full` run all of them. Consolidated texts
  (hợp nhất) have their own `-hopnhat` pages and ids. The site was reported answering 503 to
  scripted clients. Fixtures: real saved pages (search fragment, two attribute pages, one full
  text); the search fragment listing ItemIDs 32801 and 96172 for the crawl test is team-written.
History
  2026-12-05: Created: keyword search fragment, attributes page, full text or DOC attachment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import lxml.html
import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_day_month_year
from crawlers.middlewares import DOC_ID_META

_ITEM_ID = re.compile(r"[?&]ItemID=(\d+)", re.IGNORECASE)
_DOWNLOAD = re.compile(r"downloadfile\('(?P<name>[^']*)','(?P<path>[^']*)'\)")
_WORD_SUFFIXES = (".docx", ".doc")
RESULTS_PER_PAGE = 10
# Labels of the attributes table (Vietnamese, as the site writes them) → metadata keys.
_ATTRIBUTE_LABELS = {
    "Số ký hiệu": "number",
    "Ngày ban hành": "issued",
    "Loại văn bản": "type",
    "Ngày có hiệu lực": "in_force_from",
    "Nguồn thu thập": "gazette_source",
    "Ngày đăng công báo": "gazette_date",
    "Phạm vi": "scope",
}
_DATE_KEYS = ("issued", "in_force_from", "gazette_date")


@dataclass(frozen=True, slots=True)
class ListedDocument:
    item_id: str
    title: str
    summary: str
    consolidated: bool  # a hợp nhất (consolidated) text, with its own -hopnhat pages


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    path: str  # site-absolute


def parse_search_fragment(html: str) -> list[ListedDocument]:
    """The search answer (`ul.listLaw > li > div.item`): one entry per document, in order."""
    found: list[ListedDocument] = []
    for item in Selector(text=html).css("ul.listLaw div.item"):
        link = item.css("p.title a")
        item_id = _ITEM_ID.search(link.attrib.get("href", ""))
        if not item_id:
            continue
        found.append(
            ListedDocument(
                item_id=item_id.group(1),
                title=clean_space(link.xpath("string()").get()),
                summary=clean_space(item.css("div.des").xpath("string()").get()),
                consolidated="hopnhat" in link.attrib.get("href", "").lower(),
            )
        )
    return found


def search_total(html: str) -> int:
    """How many documents the search found ("Tìm thấy <strong>1202</strong> văn bản")."""
    found = Selector(text=html).css("div.message strong::text").get() or ""
    return int(found) if found.strip().isdigit() else 0


def parse_attributes(html: str) -> dict[str, str]:
    """The attributes tab: title, the labelled table cells, validity, issuer and signer."""
    page = Selector(text=html)
    table = page.css("div.vbProperties table")
    attributes: dict[str, str] = {
        "title": clean_space(table.css("td.title").xpath("string()").get())
    }
    for label in table.css("td.label"):
        name = clean_space(label.xpath("string()").get())
        value = clean_space(label.xpath("following-sibling::td[1]").xpath("string()").get())
        if name in _ATTRIBUTE_LABELS and value:
            attributes[_ATTRIBUTE_LABELS[name]] = value
        elif name.startswith("Cơ quan ban hành"):
            cells = [
                clean_space(td.xpath("string()").get())
                for td in label.xpath("following-sibling::td")
            ]
            issuer, *signer = [cell for cell in cells if cell]
            attributes["issuer"] = issuer
            if signer:
                attributes["signer"] = " ".join(signer)
    for entry in page.css("div.vbInfo li"):
        label = clean_space(entry.css("span").xpath("string()").get())
        value = clean_space("".join(entry.xpath("text()").getall()))
        if label.startswith("Hiệu lực") and value:
            attributes["validity"] = value
    for key in _DATE_KEYS:
        if key in attributes:
            attributes[key] = parse_day_month_year(attributes[key]) or attributes[key]
    return attributes


def law_name(attributes: dict[str, str]) -> str:
    """The law's name as it is cited: the attributes tab gives "Tố tụng hình sự" as the title
    and "Bộ luật" as the type, and a judgment cites "Bộ luật Tố tụng hình sự"."""
    title = attributes.get("title", "")
    kind = attributes.get("type", "")
    if not kind or not title or title.casefold().startswith(kind.casefold()):
        return title
    return f"{kind} {title}"


def parse_attachments(html: str) -> list[Attachment]:
    """Files offered for download (`ul.fileAttack`), as `downloadfile(name, path)` links."""
    return [
        Attachment(name=m.group("name"), path=m.group("path")) for m in _DOWNLOAD.finditer(html)
    ]


def full_text_is_empty(html: str) -> bool:
    """True when the full-text tab has no words (the text is only in attachments)."""
    content = Selector(text=html).css("#toanvancontent")
    words = clean_space(" ".join(content.xpath(".//text()").getall()).replace("\xa0", " "))
    return not words


def word_attachment(attachments: list[Attachment]) -> Attachment | None:
    return next((a for a in attachments if a.path.lower().endswith(_WORD_SUFFIXES)), None)


class VnVbplLegislation(SourceSpider):
    """See the module docstring."""

    name = "vn_vbpl_legislation"
    country = "VN"
    kind = "legislation"
    language = "vi"
    base_url = "https://vbpl.vn"

    weekly_pages = 3  # search pages a weekly run reads (a backfill uses `full`)
    # What is searched for: "mua bán người" (trafficking in persons).
    keyword = "mua bán người"
    search_path = "/VBQPPL_UserControls/Publishing_22/TimKiem/p_KetQuaTimKiemHopNhat.aspx"

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        """The full-text tab's text; the page around it repeats the attributes and menus."""
        found = tree.xpath('//div[@id="toanvancontent"]')
        return found[0] if found else None

    async def start(self) -> Any:
        yield self.search_request(1)

    def search_request(self, page: int) -> scrapy.Request:
        query = f"?IsVietNamese=True&Keyword={quote(self.keyword)}&Page={page}"
        return self.page_request(
            self.site_url(self.search_path + query),
            callback=self.parse_search,
            cb_kwargs={"page": page},
        )

    def parse_search(self, response: Response, page: int = 1) -> Iterator[scrapy.Request]:
        listed_documents = parse_search_fragment(response.text)
        # The newest documents come first: a weekly run reads a few pages, `full` all of them.
        last_page = -(-search_total(response.text) // RESULTS_PER_PAGE)
        if page < last_page and (self.full or page < self.weekly_pages) and listed_documents:
            yield self.search_request(page + 1)
        for listed in listed_documents:
            if self.limit_reached:
                return
            suffix = "-hopnhat" if listed.consolidated else ""
            url = self.site_url(f"/TW/Pages/vbpq-thuoctinh{suffix}.aspx?ItemID={listed.item_id}")
            yield self.page_request(
                url,
                callback=self.parse_attributes,
                cb_kwargs={"item_id": listed.item_id, "consolidated": listed.consolidated},
            )

    def parse_attributes(
        self, response: Response, item_id: str, consolidated: bool = False
    ) -> Iterator[scrapy.Request]:
        attributes = parse_attributes(response.text)
        attachments = parse_attachments(response.text)
        if attachments:
            attributes["attachments"] = "; ".join(a.name for a in attachments)
        word_file = word_attachment(attachments)
        suffix = "-hopnhat" if consolidated else ""
        yield from self.request_document(
            self.site_url(f"/TW/Pages/vbpq-toanvan{suffix}.aspx?ItemID={item_id}"),
            doc_id=self.doc_id(item_id),
            callback=self.parse_fulltext,
            cb_kwargs={"attributes": attributes, "word_file": word_file.path if word_file else ""},
        )

    def parse_fulltext(
        self, response: Response, attributes: dict[str, str], word_file: str = ""
    ) -> Iterator[Any]:
        if full_text_is_empty(response.text):
            if not word_file:
                yield self.failed(response, "no full text and no DOC/DOCX attachment")
                return
            yield self.document_request(
                self.site_url(quote(word_file)),
                doc_id=response.meta[DOC_ID_META],
                callback=self.parse_attachment,
                cb_kwargs={"attributes": attributes},
            )
            return
        # SharePoint's .aspx pages are UTF-8 HTML (a mirror cannot guess that from ".aspx").
        yield self._document(response, attributes, "text/html; charset=utf-8", trust_header=False)

    def parse_attachment(self, response: Response, attributes: dict[str, str]) -> Iterator[Any]:
        yield self._document(response, attributes, "application/msword")

    def _document(
        self,
        response: Response,
        attributes: dict[str, str],
        default: str,
        trust_header: bool = True,
    ) -> Any:
        metadata = {k: v for k, v in attributes.items() if k not in ("title", "number", "issued")}
        return self.fetched(
            response,
            doc_type="legislation",
            title=law_name(attributes),
            content_type=self.content_type(response, default) if trust_header else default,
            case_number=_number(attributes.get("number")),
            decision_date=attributes.get("issued"),
            metadata=metadata,
        )


def _number(number: str | None) -> str | None:
    """The document's number; a constitution's "Không số" ("no number") is none."""
    return None if not number or number.lower() == "không số" else number
