"""Singapore Acts of Parliament, whole and current, from Singapore Statutes Online.

Publisher
  Attorney-General's Chambers of Singapore, Singapore Statutes Online
  (https://sso.agc.gov.sg): the current revised text of each Act at `/Act/{CODE}`.
Caveats
  Long Acts come in parts: the whole-document view is asked for, and a page holding fewer
  provisions than its contents list is reported, never stored.
  The document id is SSO's Act code (`PHTA2014`, `EFMA1990`). The normal view of a long Act
  holds only its first part and loads the rest by script, so the whole-document view
  (`/Act/{CODE}?WholeDoc=1`) is asked for, and a page whose body holds fewer provisions than its
  table of contents lists is reported as a failure, never stored as the Act. The Acts crawled are
  a fixed list of those a trafficking case turns on (spider argument `acts=CODE,CODE` to change
  it); SSO's browse pages were never seen saved. The version date ("Current version as at …")
  and the commencement date are kept in the metadata; the decision date is the commencement.
  Tested on real saved print views of three Acts (EAA1958, EFMA1990, FLPA2012) and one
  team-written partial page in the interactive view's structure.
History
  2026-12-05: Created: whole-document view per Act by conditional GET, partial pages refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from parsel import Selector
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.dates import parse_day_first_date

# Acts a trafficking case in Singapore turns on: the trafficking Act itself, the Penal Code's
# sexual and labour offences, the Women's Charter's vice provisions, the Acts on foreign
# workers, employment agencies, children and immigration.
ACTS_OF_INTEREST = (
    "PHTA2014", "PC1871", "WC1961", "EFMA1990", "EAA1958", "CYPA1993", "IA1959", "EA1968",
)  # fmt: skip
_ACT_CODE = re.compile(r"/Act/(?P<code>[A-Z][A-Za-z0-9]*\d{4})\b")
_AS_AT = re.compile(r"as at\s+(.+\d{4})", re.IGNORECASE)
_EDITORIAL_NOTES = re.compile(r"^(?:LEGISLATIVE HISTORY|Abbreviations|COMPARATIVE TABLE)")
_PROVISION_ENTRY = re.compile(r"^\d+[A-Z]*\s")  # "2A Meaning of …" (not "Long Title")


@dataclass(frozen=True, slots=True)
class ActPage:
    """What an Act's page says about itself, and whether it holds the whole Act."""

    code: str
    title: str
    revised_edition: str
    long_title: str
    version_date: str | None
    commencement: str | None
    pdf_url: str
    listed_provisions: int  # provisions the table of contents lists
    provisions: int  # provisions present in the body

    @property
    def complete(self) -> bool:
        return self.provisions > 0 and self.provisions >= self.listed_provisions


def act_path(code: str) -> str:
    """The whole-document view of an Act (the normal view lazy-loads later parts)."""
    return f"/Act/{code}?WholeDoc=1"


def act_code(url: str) -> str | None:
    found = _ACT_CODE.search(url)
    return found.group("code") if found else None


def read_act_page(html: str, url: str) -> ActPage:
    """An Act in the print / whole-document view (`#legis`) or the interactive view
    (`#legisContent`): front matter, version, provisions listed and present."""
    page = Selector(text=html)
    body = page.css("#legis") or page.css("#legisContent")
    toc = page.css("#tocView blockquote.TocParagraph") or page.css("#tocPanel a.nav-link")
    listed = sum(
        1 for entry in toc.xpath("string()").getall() if _PROVISION_ENTRY.match(entry.strip())
    )
    status = clean_space(page.css(".doc-status").xpath("string()").get())
    as_at = _AS_AT.search(status)
    pdf = page.css("a[href*='ViewType=Pdf']::attr(href)").get() or ""
    return ActPage(
        code=act_code(url) or act_code(pdf) or "",
        title=clean_space(body.css("td.actHd").xpath("string()").get()),
        revised_edition=clean_space(body.css("td.revdHdr").xpath("string()").get()),
        long_title=clean_space(body.css("td.longTitle").xpath("string()").get()),
        version_date=parse_day_first_date(as_at.group(1)) if as_at else None,
        commencement=parse_day_first_date(body.css("td.cDate").xpath("string()").get() or ""),
        pdf_url=pdf,
        listed_provisions=listed,
        provisions=len(body.css("td.prov1Hdr")),
    )


def act_main_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The Act's own block (`#legis` in the whole-document view, `#legisContent` in the
    interactive one): front matter, provisions and schedules; not the site's header, the table
    of contents or the editorial notes after the Act."""
    found = tree.xpath("//*[@id='legis']") or tree.xpath("//*[@id='legisContent']")
    if not found:
        return None
    act = found[0]
    # The legislative history, abbreviations and comparative table that follow the Act are
    # the Law Revision Commission's notes, "not part of the Act": left out of its text.
    for block in act.xpath("./table"):
        if _EDITORIAL_NOTES.match(block.text_content().strip()):
            block.drop_tree()
    return act


class SgSsoLegislation(SourceSpider):
    """See the module docstring."""

    name = "sg_sso_legislation"
    country = "SG"
    kind = "legislation"
    language = "en"
    base_url = "https://sso.agc.gov.sg"

    def __init__(self, *args: Any, acts: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = [code.strip() for code in (acts or "").split(",") if code.strip()]
        self.acts = tuple(chosen) or ACTS_OF_INTEREST

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        return act_main_content(tree)

    async def start(self) -> Any:
        # Every run asks for each Act conditionally: a revised Act changes under its code.
        for code in self.acts:
            for request in self.request_document(
                self.site_url(act_path(code)), doc_id=self.doc_id(code), callback=self.parse_act
            ):
                yield request

    def parse_act(self, response: Response) -> Iterator[Any]:
        act = read_act_page(response.text, response.url)
        if not act.complete:
            yield self.failed(
                response,
                f"only {act.provisions} of the {act.listed_provisions} provisions its contents "
                "list are on the page (a part-by-part view, not the whole Act); not stored",
            )
            return
        metadata = {
            "version_date": act.version_date or "",
            "revised_edition": act.revised_edition,
            "long_title": act.long_title,
            "pdf_url": self.canonical_url(self.absolute(response, act.pdf_url))
            if act.pdf_url
            else "",
            "provisions": str(act.provisions),
        }
        yield self.fetched(
            response,
            doc_type="legislation",
            title=act.title or act.code,
            content_type=self.content_type(response, "text/html"),
            case_number=act.code or None,
            decision_date=act.commencement,
            metadata={key: value for key, value in metadata.items() if value},
        )
