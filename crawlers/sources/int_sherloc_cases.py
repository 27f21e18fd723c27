"""UNODC SHERLOC case-law summaries of trafficking-in-persons cases in the ASEAN states.

Publisher
  United Nations Office on Drugs and Crime, SHERLOC Case Law Database (https://sherloc.unodc.org).
Caveats
  The only judgment-level evidence for Cambodia, Laos, Myanmar and Brunei, whose courts publish
  no decisions online: each document is UNODC's English summary of a case (facts, charges,
  sentence), not the judgment itself. The search page is an AngularJS app: its result rows
  carry no link (navigation is `ng-click="openResult(result.values['uri']…)"`), so cases are
  found through the JSON the app loads (asked for here as a POST of the filters), whose
  `values` keys (`uri`, `caseLaw@unodcNo_s1`, `page_title`, `caseLaw@country_s1`,
  `caseLaw@decisionVerdictDate_s1`) are those of the real page's templates; the JSON
  endpoint's path and method are inferred, not captured, and must be checked
  against the live site before a real crawl. Documents are keyed on the UNODC number
  (e.g. KHM001) and carry the case's own country, not one of the source. Fixtures: a real
  rendered search page (United States cases: it shows the row markup); the JSON answer and the
  case page are team-written in the structure the real templates and public scrapers show.
History
  2026-12-05: Created: search JSON per ASEAN state → case pages, keyed on the UNODC number.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.posting import JSON, json_body

# SHERLOC's country codes are ISO 3166-1 alpha-3 (lower case in the flag image names).
ASEAN_ALPHA3 = {
    "brn": "BN", "khm": "KH", "idn": "ID", "lao": "LA", "mys": "MY",
    "mmr": "MM", "phl": "PH", "sgp": "SG", "tha": "TH", "vnm": "VN",
}  # fmt: skip
# The English country labels SHERLOC filters on (`en#caseLaw@country_label_s`).
ASEAN_LABELS = (
    "Brunei Darussalam", "Cambodia", "Indonesia", "Lao People's Democratic Republic", "Malaysia",
    "Myanmar", "Philippines", "Singapore", "Thailand", "Viet Nam",
)  # fmt: skip
_UNODC_NUMBER = re.compile(r"^[A-Z]{3}\d+[A-Za-z]?$")


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One case of a search answer."""

    unodc_no: str
    title: str
    country: str  # ISO alpha-2 of an ASEAN state, else "" (SHERLOC's alpha-3 is in `alpha3`)
    alpha3: str
    verdict_date: str
    summary: str
    uri: str = ""  # the case page (only in the JSON answer; the rendered rows have none)


def parse_rendered_results(html: str) -> list[CaseRow]:
    """Rows of a rendered search page (`div.result-panel`): number, title, country, date,
    summary. There is no link to follow: the page's app opens cases from its JSON data."""
    rows: list[CaseRow] = []
    for panel in Selector(text=html).css("div.result-panel"):
        number = clean_space(panel.css("div.result-no h4").xpath("string()").get())
        if not _UNODC_NUMBER.match(number):
            continue  # an unrendered template row
        flag = panel.css("div.country img::attr(src)").get() or ""
        alpha3 = flag.rsplit("/", 1)[-1].removesuffix(".png").lower()
        dates = dict(
            zip(
                [clean_space(d.xpath("string()").get()) for d in panel.css("div.date-label")],
                [clean_space(d.xpath("string()").get()) for d in panel.css("div.date-value")],
                strict=False,
            )
        )
        rows.append(
            CaseRow(
                unodc_no=number,
                title=clean_space(panel.css("div.result-title").xpath("string()").get()),
                country=ASEAN_ALPHA3.get(alpha3, ""),
                alpha3=alpha3.upper(),
                verdict_date=dates.get("Verdict Date:", ""),
                summary=clean_space(panel.css("div.result-summary").xpath("string()").get()),
            )
        )
    return rows


def parse_search_json(data: Mapping[str, Any]) -> list[CaseRow]:
    """Cases of the search JSON: `{"found": N, "results": [{"values": {...}}, ...]}`."""
    rows: list[CaseRow] = []
    for result in data.get("results", []):
        values = result.get("values", {})
        number = _first(values.get("caseLaw@unodcNo_s1"))
        uri = _first(values.get("uri"))
        if not number or not uri:
            continue
        alpha3 = _first(values.get("caseLaw@country_s1")).lower()
        summary_html = _first(values.get("//caseLaw/factSummary/html"))
        rows.append(
            CaseRow(
                unodc_no=number,
                title=clean_space(_first(values.get("page_title"))),
                country=ASEAN_ALPHA3.get(alpha3, ""),
                alpha3=alpha3.upper(),
                verdict_date=_date(_first(values.get("caseLaw@decisionVerdictDate_s1"))),
                summary=clean_space(
                    Selector(text=summary_html or "<p></p>").xpath("string()").get()
                ),
                uri=uri,
            )
        )
    return rows


def parse_case_page(html: str) -> dict[str, str]:
    """A case page: court, verdict date, keywords, charges, sentence (the fact summary,
    procedural history and parties are the document's text)."""
    page = Selector(text=html)
    found: dict[str, str] = {}
    for field, css in (
        ("verdict_date", "div.decisionVerdictDate div.value"),
        ("court", "div.court div.value"),
        ("case_number", "div.docketNumber div.value"),
        ("sentence", "div.sentence div.value"),
    ):
        value = clean_space(page.css(css).xpath("string()").get())
        if value:
            found[field] = value
    charges = [clean_space(p.xpath("string()").get()) for p in page.css("div.charges div.person")]
    if charges:
        found["charges"] = " | ".join(charges)
    keywords = [clean_space(t) for t in page.css("div.keywordCategory div.tags ::text").getall()]
    if any(keywords):
        found["keywords"] = "; ".join(k for k in keywords if k)
    if "verdict_date" in found:
        found["verdict_date"] = _date(found["verdict_date"])
    return found


def _first(value: Any) -> str:
    """SHERLOC's fields are lists of one value (the `_s1` keys) or plain strings."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "")


def _date(value: str) -> str:
    """ISO dates as given; SHERLOC writes "YYYY-MM-DD" literally when the date is unknown."""
    return "" if not re.match(r"^\d{4}-\d{2}-\d{2}$", value) else value


class IntSherlocCases(SourceSpider):
    """See the module docstring."""

    name = "int_sherloc_cases"
    country = "INT"  # regional: each document carries its case's country
    kind = "judgments"
    language = "en"
    base_url = "https://sherloc.unodc.org"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages

    search_path = "/cld/v3/htms/cldb/search"
    page_size = 50

    async def start(self) -> Any:
        for label in ASEAN_LABELS:
            yield self.search_request(label, start=0)

    def search_request(self, country_label: str, start: int) -> scrapy.Request:
        filters = {
            "filters": [
                {"fieldName": "en#caseLaw@country_label_s", "value": country_label},
                {"fieldName": "__el.caseLaw.crimeTypes_s", "value": "traffickingPersonsCrimeType"},
            ],
            "start": start,
            "rows": self.page_size,
        }
        return self.page_request(
            self.site_url(f"{self.search_path}?lng=en"),
            callback=self.parse_search,
            cb_kwargs={"country_label": country_label, "start": start},
            method="POST",
            body=json_body(filters),
            headers={"Content-Type": JSON},
        )

    def parse_search(
        self, response: Response, country_label: str = "", start: int = 0
    ) -> Iterator[scrapy.Request]:
        data = json.loads(response.text)
        rows = parse_search_json(data)
        for row in rows:
            if self.limit_reached:
                return
            yield from self.request_document(
                self.site_url(f"{row.uri}?lng=en&tmpl=htms"),
                doc_id=self.doc_id(row.unodc_no),
                callback=self.parse_case,
                cb_kwargs={"row": dataclasses.asdict(row)},
            )
        if rows and start + self.page_size < int(data.get("found", 0)):
            yield self.search_request(country_label, start + self.page_size)

    def parse_case(self, response: Response, row: dict[str, str]) -> Iterator[Any]:
        details = parse_case_page(response.text)
        metadata = {
            "unodc_no": row["unodc_no"],
            **{
                k: v
                for k, v in details.items()
                if k not in ("court", "case_number", "verdict_date")
            },
        }
        yield self.fetched(
            response,
            doc_type="judgment",
            title=row["title"],
            content_type=self.content_type(response, "text/html"),
            court=details.get("court"),
            case_number=details.get("case_number"),
            decision_date=details.get("verdict_date") or row["verdict_date"] or None,
            country=row["country"],
            metadata=metadata,
        )
