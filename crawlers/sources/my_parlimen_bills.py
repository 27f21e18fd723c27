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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from parsel import Selector

from crawlers.base import clean_space
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


def parse_bill_list(html: str, language: Language) -> list[ListedBill]:
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
                title=clean_space(cells[2].xpath("string()").get()),
                status=clean_space(cells[3].css("div.parent").xpath("string()").get()),
                pdf_path=pdf.group("path"),
                language=language,
                events=events,
                presented_by=presented_by,
            )
        )
    return bills


def parse_archive_years(xml: str) -> list[tuple[int, str]]:
    """The archive's year tree: (year, node id) pairs, e.g. (2020, "0_2020")."""
    tree = Selector(text=xml, type="xml")
    years: list[tuple[int, str]] = []
    for item in tree.xpath("/tree/item"):
        text = item.attrib.get("text", "").strip()
        if text.isdigit():
            years.append((int(text), item.attrib.get("id", f"0_{text}")))
    return years


def parse_archive_year(xml: str, language: Language) -> list[ListedBill]:
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
