"""Myanmar laws from the Myanmar Law Information System (MLIS), in Burmese and English.

Publisher
  Union Attorney General's Office of Myanmar, Myanmar Law Information System
  (https://www.mlis.gov.mm).
Caveats
  A JSON service behind the pages: the law list is a POST of JSON to `/mLsScList.do`
  (`lawordSn` per law, 150 a page), a law's view page `/mLsView.do?lawordSn=…` links its
  Burmese or English twin (`a.btn-convert`), and the body comes from a POST to
  `/mLsViewDetail.do` (`p.H3` title, `p.SEC1/SEC2/SEC3` sections). Documents are keyed on
  `lawordSn`; each carries its own language (Burmese "my" or English "en", read off its
  script) and its twin's id. `selFont` PYI asks for Pyidaungsu (Unicode) Burmese, but older
  texts can still be Zawgyi-encoded: such a text is detected (Zawgyi's visual-order vowels and
  its private stacked forms) and flagged `burmese_encoding=zawgyi`, not converted. The site's
  TLS chain is incomplete (public scrapers turn verification off). Only the list's `lawordSn`
  key is documented by public scrapers: the title and date keys used here are inferred. No
  response of the site was available to us: the fixtures are team-written.
History
  2026-12-05: Created: JSON list → view page (twin) → detail POST, Zawgyi flagged.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.posting import JSON, json_body

PAGE_SIZE = 150
_BURMESE = re.compile(r"[\u1000-\u109f]")
_CONSONANT = "\u1000-\u1021"
# Zawgyi stores text in visual order: the vowel sign E (U+1031) and medial RA (U+103B in
# Zawgyi) come BEFORE their consonant, which Unicode never allows at a syllable's start.
_ZAWGYI_LEADING_SIGN = re.compile(
    rf"(?:^|[^{_CONSONANT}\u102b-\u103f])[\u1031\u103b][{_CONSONANT}]"
)
# Zawgyi puts stacked consonants and medial variants in U+1060-U+1097, a block Burmese
# written in Unicode uses only for other languages of Myanmar (Mon, Shan, Karen).
_ZAWGYI_PRIVATE_FORMS = re.compile(r"[\u1060-\u1097]")
_LAWORD_SN = re.compile(r"lawordSn=(\d+)")


def zawgyi_score(text: str) -> float:
    """Share of Burmese characters that only Zawgyi writes (0 for Unicode Burmese)."""
    burmese = len(_BURMESE.findall(text))
    if not burmese:
        return 0.0
    signals = len(_ZAWGYI_LEADING_SIGN.findall(text)) + len(_ZAWGYI_PRIVATE_FORMS.findall(text))
    return signals / burmese


def is_zawgyi(text: str) -> bool:
    """True when Burmese text is Zawgyi-encoded (a few signals, not one stray character)."""
    return zawgyi_score(text) > 0.02


def script_language(text: str) -> str:
    """ "my" when Burmese script dominates the letters, else "en"."""
    letters = [ch for ch in text if ch.isalpha() or _BURMESE.match(ch)]
    burmese = sum(1 for ch in letters if _BURMESE.match(ch))
    return "my" if letters and burmese / len(letters) > 0.3 else "en"


@dataclasses.dataclass(frozen=True, slots=True)
class ListedLaw:
    laword_sn: str
    title: str
    promulgated: str


def parse_law_list(data: Mapping[str, Any]) -> list[ListedLaw]:
    """`{"list": [{"lawordSn": …, "lawordNm": …, "promulDt": …}, …]}` → listed laws."""
    laws: list[ListedLaw] = []
    for entry in data.get("list") or []:
        number = str(entry.get("lawordSn") or "").strip()
        if number.isdigit():
            laws.append(
                ListedLaw(
                    laword_sn=number,
                    title=clean_space(str(entry.get("lawordNm") or "")),
                    promulgated=str(entry.get("promulDt") or ""),
                )
            )
    return laws


def twin_id(html: str) -> str | None:
    """The `lawordSn` of the other-language version the view page links (`a.btn-convert`)."""
    href = Selector(text=html).css("a.btn-convert::attr(href)").get() or ""
    found = _LAWORD_SN.search(href)
    return found.group(1) if found else None


def parse_detail(html: str) -> dict[str, str]:
    """Title (`p.H3`), section count, language and Burmese encoding of a law's body."""
    page = Selector(text=html)
    title = clean_space(page.css("p.H3").xpath("string()").get())
    sections = page.css("p.SEC1, p.SEC2, p.SEC3")
    text = " ".join([title, *(clean_space(s.xpath("string()").get()) for s in sections)])
    found = {"title": title, "sections": str(len(sections)), "language": script_language(text)}
    if found["language"] == "my":
        found["burmese_encoding"] = "zawgyi" if is_zawgyi(text) else "unicode"
    return found


class MmMlisLegislation(SourceSpider):
    """See the module docstring."""

    name = "mm_mlis_legislation"
    country = "MM"
    kind = "legislation"
    language = ""  # bilingual: each document says its own ("my" or "en")
    languages = ("my", "en")
    base_url = "https://www.mlis.gov.mm"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages

    # The list query: all laws (upperLawordKndCode 0100), newest first.
    list_query: Mapping[str, str] = {
        "upperLawordKndCode": "0100",
        "queryType": "07",
        "ordrType": "01",
        "query": "",
        "selFont": "PYI",
    }

    async def start(self) -> Any:
        yield self.list_request(1)

    def list_request(self, page: int) -> scrapy.Request:
        return self.page_request(
            self.site_url("/mLsScList.do"),
            callback=self.parse_list,
            cb_kwargs={"page": page},
            method="POST",
            body=json_body({**self.list_query, "pageSize": PAGE_SIZE, "pageIndex": page}),
            headers={"Content-Type": JSON},
        )

    def parse_list(self, response: Response, page: int = 1) -> Iterator[Any]:
        laws = parse_law_list(json.loads(response.text))
        for law in laws:
            if self.limit_reached:
                return
            doc_id = self.doc_id(law.laword_sn)
            if self.is_known(doc_id) and not self.full:
                # A law's text under one lawordSn is not revised in place (an amendment is a
                # new law): a known one costs no request at all.
                self.note_discovered(doc_id)
                yield self.unchanged(doc_id, response.url, "known id")
                continue
            url = self.site_url(f"/mLsView.do?lawordSn={law.laword_sn}")
            yield self.page_request(
                url, callback=self.parse_view, cb_kwargs={"law": dataclasses.asdict(law)}
            )
        if len(laws) == PAGE_SIZE:
            yield self.list_request(page + 1)

    def parse_view(self, response: Response, law: dict[str, str]) -> Iterator[scrapy.Request]:
        twin = twin_id(response.text)
        yield from self.request_document(
            self.site_url("/mLsViewDetail.do"),
            doc_id=self.doc_id(law["laword_sn"]),
            callback=self.parse_detail,
            cb_kwargs={"law": law, "twin": twin or ""},
            immutable=True,  # a POST cannot be conditional
            method="POST",
            body=json_body({"lawordSn": law["laword_sn"]}),
            headers={"Content-Type": JSON},
        )

    def parse_detail(self, response: Response, law: dict[str, str], twin: str) -> Iterator[Any]:
        found = parse_detail(response.text)
        metadata = {"laword_sn": law["laword_sn"], "sections": found["sections"]}
        if twin:
            metadata["twin_laword_sn"] = twin
        if "burmese_encoding" in found:
            metadata["burmese_encoding"] = found["burmese_encoding"]
        if found.get("burmese_encoding") == "zawgyi":
            self.logger.warning("%s: Zawgyi-encoded Burmese, flagged", law["laword_sn"])
        yield self.fetched(
            response,
            doc_type="legislation",
            title=found["title"] or law["title"],
            # The detail service answers an HTML fragment, whatever its header says.
            content_type="text/html; charset=utf-8",
            decision_date=law["promulgated"] or None,
            language=found["language"],
            metadata=metadata,
        )
