"""Thai Acts from the Office of the Council of State's law library (Krisdika).

Publisher
  สำนักงานคณะกรรมการกฤษฎีกา, Office of the Council of State of Thailand (https://www.krisdika.go.th).
Caveats
  Each law's text is one HTML file from the library's file service
  (`/librarian/getfile?sysid=…&ext=htm`), keyed on its `sysid`, encoded in TIS-620 (Thai
  Industrial Standard 620, read here as its superset windows-874), often without a charset
  label: the spider then labels the content type itself so the Thai text is decoded, not
  mangled as cp1252. Dates are Buddhist Era (B.E. 2551 = 2008) and numbers are often Thai
  digits; the enactment date is the "ให้ไว้ ณ วันที่ …" line. The library has no listing we
  could study, so the laws followed are configuration (`watched_sysids`, or the `sysids`
  spider argument): by default the Anti-Trafficking in Persons Act B.E. 2551 as enacted
  (sysid 571127, the id PyThaiNLP's thai-law corpus records for it); the ids of its 2015, 2017
  and 2019 amendments were not found and must be added once read off the site. The Royal Gazette
  (ratchakitcha.soc.go.th: monthly XLSX lists, PDFs, Cloudflare challenges) is not crawled.
  The fixture is team-written, in TIS-620 without a charset label, in the file service's
  plain structure.
History
  2026-12-05: Created: one conditional GET per configured sysid, TIS-620 decoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import arabic_digits, parse_thai_date
from crawlers.extract import THAI_CODE_PAGE, declared_charset, decode_text

_ENACTED = re.compile(r"ให้ไว้\s*ณ\s*วันที่")
_GAZETTE = re.compile(r"ราชกิจจานุเบกษา\s*เล่ม\s*(\d+)\s*ตอนที่\s*(\d+\s*\S?)")
_LAW_TITLE = re.compile(r"^(พระราชบัญญัติ|พระราชกำหนด|พระราชกฤษฎีกา|กฎกระทรวง|ประมวลกฎหมาย)")


def parse_law(text: str) -> dict[str, str]:
    """Title (the first line naming a kind of law), enactment date, Royal Gazette reference."""
    page = Selector(text=text)
    lines = [clean_space(line) for line in page.xpath("//body//text()").getall()]
    lines = [line for line in lines if line]
    found: dict[str, str] = {}
    # The <title> names the law in full; the first centred block splits it over lines.
    candidates = [clean_space(page.css("title::text").get())]
    candidates += [clean_space(b.xpath("string()").get()) for b in page.css("body b")]
    title = next((c for c in candidates if _LAW_TITLE.match(c)), "")
    if title:
        found["title"] = arabic_digits(title)
    body = " ".join(lines)
    enacted = _ENACTED.search(body)
    if enacted:
        date = parse_thai_date(body[enacted.start() :])
        if date:
            found["enacted"] = date
    gazette = _GAZETTE.search(arabic_digits(body))
    if gazette:
        found["gazette"] = f"เล่ม {gazette.group(1)} ตอนที่ {clean_space(gazette.group(2))}"
    return found


class ThKrisdikaLegislation(SourceSpider):
    """See the module docstring."""

    name = "th_krisdika_legislation"
    country = "TH"
    kind = "legislation"
    language = "th"
    base_url = "https://www.krisdika.go.th"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages
    other_hosts = ("krisdika.go.th",)

    # The Anti-Trafficking in Persons Act B.E. 2551 (2008), as enacted.
    watched_sysids: ClassVar[tuple[str, ...]] = ("571127",)

    def __init__(self, *args: Any, sysids: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = [s.strip() for s in (sysids or "").split(",") if s.strip()]
        self.sysids: tuple[str, ...] = tuple(given) or type(self).watched_sysids

    async def start(self) -> Any:
        for sysid in self.sysids:
            for output in self.request_document(
                self.site_url(f"/librarian/getfile?sysid={sysid}&ext=htm"),
                doc_id=self.doc_id(sysid),
                callback=self.parse_law,
                cb_kwargs={"sysid": sysid},
            ):
                yield output  # an async start cannot `yield from`

    def parse_law(self, response: Response, sysid: str) -> Iterator[Any]:
        header = self.content_type(response, "text/html")
        if not declared_charset(response.body, header):
            # Label the bytes with the encoding they are in: the extractor's detection of legacy
            # Thai weighs Thai bytes against ASCII letters, and a short page heavy in markup
            # could otherwise be read as cp1252.
            header = f"text/html; charset={'utf-8' if _is_utf8(response.body) else THAI_CODE_PAGE}"
        text = decode_text(response.body, header)
        found = parse_law(text)
        yield self.fetched(
            response,
            doc_type="legislation",
            title=found.get("title", ""),
            content_type=header,
            decision_date=found.get("enacted"),
            metadata={"sysid": sysid, **{k: v for k, v in found.items() if k == "gazette"}},
        )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
