"""Files a researcher already holds: folders of txt, md, html, pdf, docx, doc and rtf.

Publisher
  The user: documents on the local disk, ingested with `tiplex ingest PATH...`.
Caveats
  Not a Scrapy spider: `crawlers.ingest()` reads the files, through the same archive, state and
  pending path as the crawled sources. Country and language are left empty unless given (the
  NLP stage detects them). A PDF page without a usable text layer is OCR'd with tesseract; where
  tesseract is not installed, such a PDF is quarantined with its reason.
History
  2026-11-28: Created: txt, md, html and pdf files and folders of them.
"""

from __future__ import annotations

from typing import ClassVar

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".rtf": "application/rtf",
}


class LocalFiles:
    """Registry entry of the local source (kind "local")."""

    name: ClassVar[str] = "local"
    country: ClassVar[str] = ""
    kind: ClassVar[str] = "local"
    language: ClassVar[str] = ""
    base_url: ClassVar[str] = "file://"
    schedule: ClassVar[str] = ""  # run on demand, never on a schedule
