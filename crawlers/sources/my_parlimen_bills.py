"""Bills before Malaysia's House of Representatives (Dewan Rakyat), in English and Malay.

Publisher
  Parliament of Malaysia (https://www.parlimen.gov.my): the bill index of the Dewan Rakyat,
  one HTML list for the current term (`/bills-dewan-rakyat.html?uweb=dr&lang=en|bm`) and an
  archive by year served as XML trees (`&arkib=yes&ajx=0`, then `&ajx=1&id=0_{YYYY}`).
Caveats
  Each bill is two documents, its English and its Malay text, each with its own language and
  id (`DR-42-2024-en`, `DR-42-2024-ms`); the two lists can disagree (on 2024-07 the Malay list
  gave another first-reading date for D.R.42/2024) and each keeps its own. The Document is the
  bill's PDF; file names are irregular ("DR 42 BI.pdf", "D.R 2_2023 - BI.pdf", "D.R 25_2020
  -eng.pdf"), so they are always taken from the list, never built. The current-term list is
  one page (its pagination is client-side). The archive is read only for a backfill (`since`
  before the current term's years); the Malay archive (`lang=bm`) is inferred from the English
  one, never seen saved. Dates are DD/MM/YYYY. Presenter names carry double-escaped entities
  (`&amp;ndash;`), decoded here.
History
  2026-12-05: Created: current-term lists in both languages, the XML archive for backfills,
    bill PDFs by conditional GET.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, Window, clean_space
from crawlers.dates import parse_day_month_year

LIST_PATH = "/bills-dewan-rakyat.html"
Language = Literal["en", "ms"]
SITE_LANGUAGE: dict[Language, str] = {"en": "en", "ms": "bm"}  # the site's `lang` parameter
# Row labels of both lists and of the archive, to one key each.
_LABELS = {
    "first reading": "first_reading",
    "bacaan pertama pada": "first_reading",
    "the second reading": "second_reading",
    "bacaan kedua pada": "second_reading",
    "passed at": "passed",
    "diluluskan pada": "passed",
    "ditarik balik pada": "withdrawn",
    "withdrawn at": "withdrawn",
    "presented by": "presented_by",
    "dibentang oleh": "presented_by",
}
_LOAD_RESULT = re.compile(r"loadResult\('(?P<path>[^']+\.pdf)'", re.IGNORECASE)
_BILL_CODE = re.compile(r"D\.?\s*R\.?\s*(?P<number>\d+)\s*/\s*(?P<year>\d{4})", re.IGNORECASE)
_ARCHIVE_TITLE = re.compile(
    r"^(?P<code>D\.?\s*R[^-]*?)\s+-\s+(?P<title>.+?)\s*(?:\((?P<status>[^()]*)\))?\s*$"
)


@dataclass(frozen=True, slots=True)
class ListedBill:
    """One bill in one language, as a list or the archive gives it."""

    own_id: str  # "DR-42-2024-en"
    code: str  # "D.R.42/2024", as the list writes it
    year: int
    title: str
    status: str
    pdf_path: str
    language: Language
    events: dict[str, str] = field(default_factory=dict)  # first_reading, passed… (ISO dates)
    presented_by: str = ""

    def in_window(self, window: Window) -> bool:
        """A bill belongs to a window in which anything happened to it (first reading, second
        reading, passing, withdrawal); one without dates only to a run with no window asked."""
        if not self.events:
            return window.contains(None)
        return any(window.contains(day) for day in self.events.values())


def bill_own_id(code: str, language: Language) -> str | None:
    """ "D.R.42/2024" or "D.R 1/2020" → "DR-42-2024-en": one id per bill and language."""
    found = _BILL_CODE.search(code)
    if not found:
        return None
    return f"DR-{int(found.group('number'))}-{found.group('year')}-{language}"


def list_query(language: Language) -> str:
    return f"{LIST_PATH}?uweb=dr&lang={SITE_LANGUAGE[language]}"


def archive_years_query(language: Language) -> str:
    return f"{list_query(language)}&arkib=yes&ajx=0"


def archive_year_query(language: Language, node_id: str) -> str:
    return f"{list_query(language)}&arkib=yes&ajx=1&id={node_id}"


def read_bill_list(html: str, language: Language) -> list[ListedBill]:
    """The current-term list: `table#ruulist tr.maintable` rows (code with the PDF in its
    `onclick`, year, title, status with a hidden box of readings)."""
    bills: list[ListedBill] = []
    for row in Selector(text=html).css("table#ruulist tr.maintable"):
        cells = row.xpath("./td")
        if len(cells) < 4:
            continue
        link = cells[0].css("a")
        code = clean_space(link.xpath("string()").get())
        own_id = bill_own_id(code, language)
        pdf = _LOAD_RESULT.search(link.attrib.get("onclick", ""))
        if own_id is None or pdf is None:
            continue
        events, presented_by = _events(
            (clean_space(r.xpath("string(./td[1])").get()), r.xpath("string(./td[3])").get() or "")
            for r in cells[3].css(".alertcontent tr")
        )
        bills.append(
            ListedBill(
                own_id=own_id,
                code=code,
                year=int(own_id.split("-")[2]),
                title=clean_space(_unescape(cells[2].xpath("string()").get() or "")),
                status=clean_space(cells[3].css("div.parent").xpath("string()").get()),
                pdf_path=pdf.group("path"),
                language=language,
                events=events,
                presented_by=presented_by,
            )
        )
    return bills


def read_archive_years(xml: str) -> list[tuple[int, str]]:
    """The archive's year tree: (year, node id) pairs, e.g. (2020, "0_2020")."""
    tree = Selector(text=xml, type="xml")
    years: list[tuple[int, str]] = []
    for item in tree.xpath("/tree/item"):
        text = item.attrib.get("text", "").strip()
        if text.isdigit():
            years.append((int(text), item.attrib.get("id", f"0_{text}")))
    return years


def read_archive_year(xml: str, language: Language) -> list[ListedBill]:
    """One archive year: an `item` per bill ("D.R 1/2020 - Title (Passed)") whose children
    hold the PDF (`userdata name='myurl'`) and "Label:value" lines."""
    tree = Selector(text=xml, type="xml")
    bills: list[ListedBill] = []
    for item in tree.xpath("/tree/item"):
        heading = _ARCHIVE_TITLE.match(_unescape(item.attrib.get("text", "")))
        if not heading:
            continue
        own_id = bill_own_id(heading.group("code"), language)
        urls = " ".join(item.xpath(".//userdata[@name='myurl']/text()").getall())
        pdf = _LOAD_RESULT.search(urls)
        if own_id is None or pdf is None:
            continue
        lines = [_unescape(child.attrib.get("text", "")) for child in item.xpath("./item")]
        events, presented_by = _events(
            (line.partition(":")[0], line.partition(":")[2]) for line in lines if ":" in line
        )
        bills.append(
            ListedBill(
                own_id=own_id,
                code=clean_space(heading.group("code")),
                year=int(own_id.split("-")[2]),
                title=clean_space(heading.group("title")),
                status=clean_space(heading.group("status") or ""),
                pdf_path=pdf.group("path"),
                language=language,
                events=events,
                presented_by=presented_by,
            )
        )
    return bills


def _events(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, str], str]:
    """Dates by event key (ISO) and the presenter, from (label, value) pairs."""
    events: dict[str, str] = {}
    presented_by = ""
    for label, value in pairs:
        key = _LABELS.get(clean_space(label).rstrip(":").lower())
        value = clean_space(_unescape(value))
        if key == "presented_by":
            presented_by = presented_by or value
        elif key and (day := parse_day_month_year(value)):
            events.setdefault(key, day)
    return events, presented_by


def _unescape(text: str) -> str:
    """Entities escaped once or twice ("&amp;ndash;") to characters."""
    return html_entities.unescape(html_entities.unescape(text))


class MyParlimenBills(SourceSpider):
    """See the module docstring."""

    name = "my_parlimen_bills"
    country = "MY"
    kind = "legislation"
    language = ""  # each bill's English and Malay texts are separate documents
    languages = ("en", "ms")
    base_url = "https://www.parlimen.gov.my"

    # `since` / `until` in months (default: this month and the three before); a bill is taken
    # when one of its readings, its passing or its withdrawal falls in the window.
    window_unit = "month"
    default_window = 3

    async def start(self) -> Any:
        for language in self.languages:
            yield self.page_request(
                self.site_url(list_query(language)),
                callback=self.parse_list,
                cb_kwargs={"language": language},
            )

    def parse_list(self, response: Response, language: Language) -> Iterator[Any]:
        """The current term's bills; the archive is read only for window years before it."""
        bills = read_bill_list(response.text, language)
        yield from self._request_bills(bills)
        earliest = min((bill.year for bill in bills), default=self.window.last.year + 1)
        if self.window.first.year < earliest:
            yield self.page_request(
                self.site_url(archive_years_query(language)),
                callback=self.parse_archive_years,
                cb_kwargs={"language": language, "before_year": earliest},
            )

    def parse_archive_years(
        self, response: Response, language: Language, before_year: int
    ) -> Iterator[Any]:
        wanted = set(self.window.years())
        for year, node_id in read_archive_years(response.text):
            if year in wanted and year < before_year:
                yield self.page_request(
                    self.site_url(archive_year_query(language, node_id)),
                    callback=self.parse_archive_year,
                    cb_kwargs={"language": language},
                )

    def parse_archive_year(self, response: Response, language: Language) -> Iterator[Any]:
        yield from self._request_bills(read_archive_year(response.text, language))

    def _request_bills(self, bills: Iterable[ListedBill]) -> Iterator[Any]:
        for bill in bills:
            if not bill.in_window(self.window):
                continue
            yield from self.request_document(
                self.site_url(bill.pdf_path),
                doc_id=self.doc_id(bill.own_id),
                callback=self.parse_bill,
                cb_kwargs={
                    "language": bill.language,
                    "code": bill.code,
                    "title": bill.title,
                    "status": bill.status,
                    "events": bill.events,
                    "presented_by": bill.presented_by,
                },
            )

    def parse_bill(
        self,
        response: Response,
        language: Language,
        code: str,
        title: str,
        status: str,
        events: dict[str, str],
        presented_by: str,
    ) -> Iterator[Any]:
        metadata = {"status": status, "presented_by": presented_by, **events}
        yield self.fetched_pdf(
            response,
            doc_type="legislation",
            title=title,
            case_number=code,
            # The latest thing that happened to the bill dates this text.
            decision_date=max(events.values(), default=None),
            language=language,
            metadata={key: value for key, value in metadata.items() if value},
        )
