"""Laws of Malaysia: the official reprints of federal Acts, in English and Malay, as PDFs.

Publisher
  Attorney General's Chambers of Malaysia, Laws of Malaysia (https://lom.agc.gov.my): the
  reprint of each principal Act as a PDF, English at
  `/ilims/upload/portal/akta/LOM/EN/Act%20{n}.pdf`, Malay at `/…/LOM/BM/Akta%20{n}.pdf`.
Caveats
  Only a fixed list of Acts (ATIPSOM Act 670, Penal Code, Immigration, Child, Employment and
  Private Employment Agencies Acts) is crawled: the site's Act list is built by script.
  The document id is the Act number and the language (`670-en`, `670-ms`): each language is its
  own document with its own language. The PDFs carry their metadata in the PDF Info dictionary
  (`/titleBI`, `/legislationno`, `/bahasa`, `/status`, `/publicationDate`), read here instead of
  the text; a PDF whose Info names another Act than the one asked for is reported, not stored.
  The Acts crawled are a fixed list of those a trafficking case turns on (spider argument
  `acts=670,574` to change it): the site's list of Acts is built by script and was never seen
  saved, so PDF addresses follow the pattern the site's own act-detail pages use. PDFs are
  asked for conditionally. Tested on two real English reprints (Acts 135 and 383) and one
  team-written Malay PDF with the same Info keys.
History
  2026-12-05: Created: English and Malay reprints of a list of Acts, metadata from PDF Info.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from scrapy.http import Response

from crawlers.base import SourceSpider

Language = Literal["en", "ms"]
LANGUAGES: tuple[Language, ...] = ("en", "ms")
# Acts a trafficking case in Malaysia turns on: the Anti-Trafficking in Persons and
# Anti-Smuggling of Migrants Act 2007, the Penal Code, the Immigration Act, the Child Act, the
# Employment Act and the Private Employment Agencies Act.
ACTS_OF_INTEREST = ("670", "574", "155", "611", "265", "246")
_PDF_PATHS: dict[Language, str] = {
    "en": "/ilims/upload/portal/akta/LOM/EN/Act%20{number}.pdf",
    "ms": "/ilims/upload/portal/akta/LOM/BM/Akta%20{number}.pdf",
}
_LANGUAGE_CODES: dict[str, Language] = {"BI": "en", "BM": "ms"}  # Info `/bahasa`
_STATUSES = {"IBU": "principal"}  # Info `/status`
_ACT_NUMBER = re.compile(r"(?:Act|Akta)\s+(?P<number>\d+[A-Z]?)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReprintInfo:
    """What a reprint PDF's Info dictionary says about it."""

    title: str
    act_number: str | None
    language: Language | None
    status: str
    publication_date: str | None
    pages: int


class UnreadableReprint(ValueError):
    """The bytes are not a PDF that pypdf can open."""


def pdf_path(number: str, language: Language) -> str:
    return _PDF_PATHS[language].format(number=number)


def own_id(number: str, language: Language) -> str:
    return f"{number}-{language}"


def read_reprint_info(raw: bytes) -> ReprintInfo:
    """The Info dictionary's structured keys; the plain `/Title` ("BI", "Act 383 BI") is
    the publisher's working label, so the title comes from the language's own key."""
    try:
        reader = PdfReader(io.BytesIO(raw))
        info = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
        pages = len(reader.pages)
    except (PyPdfError, ValueError, OSError) as error:
        raise UnreadableReprint(f"not a readable PDF: {error}") from error
    language = _LANGUAGE_CODES.get(info.get("/bahasa", "").strip().upper())
    title = info.get("/titleBI" if language != "ms" else "/titleBM", "") or info.get("/titleBI", "")
    number = _ACT_NUMBER.search(info.get("/legislationno", ""))
    published = info.get("/publicationDate", "")
    status = info.get("/status", "").strip()
    return ReprintInfo(
        title=" ".join(title.split()),
        act_number=number.group("number") if number else None,
        language=language,
        status=_STATUSES.get(status, status.lower()),
        publication_date=published[:10] if re.match(r"\d{4}-\d{2}-\d{2}", published) else None,
        pages=pages,
    )


class MyLomLegislation(SourceSpider):
    """See the module docstring."""

    name = "my_lom_legislation"
    country = "MY"
    kind = "legislation"
    language = ""  # English and Malay reprints are separate documents
    languages = LANGUAGES
    base_url = "https://lom.agc.gov.my"

    def __init__(self, *args: Any, acts: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = [number.strip() for number in (acts or "").split(",") if number.strip()]
        self.acts = tuple(chosen) or ACTS_OF_INTEREST

    async def start(self) -> Any:
        # Every run asks for each reprint conditionally: a new reprint replaces the file.
        for number in self.acts:
            for language in LANGUAGES:
                for request in self.request_document(
                    self.site_url(pdf_path(number, language)),
                    doc_id=self.doc_id(own_id(number, language)),
                    callback=self.parse_reprint,
                    cb_kwargs={"number": number, "language": language},
                ):
                    yield request

    def parse_reprint(self, response: Response, number: str, language: Language) -> Iterator[Any]:
        if (not_pdf := self.not_a_pdf(response)) is not None:
            yield not_pdf
            return
        info = read_reprint_info(response.body)
        if info.act_number and info.act_number != number:
            yield self.failed(response, f"the PDF names Act {info.act_number}, not Act {number}")
            return
        label = "Akta" if language == "ms" else "Act"
        metadata = {
            "status": info.status,
            "pages": str(info.pages),
            "publication_date": info.publication_date or "",
        }
        yield self.fetched(
            response,
            doc_type="legislation",
            title=info.title or f"{label} {number}",
            content_type="application/pdf",
            case_number=f"{label} {number}",
            decision_date=info.publication_date,
            language=info.language or language,
            metadata={key: value for key, value in metadata.items() if value},
        )
