"""Raw bytes to plain text: main content of HTML, text layer of PDF, decoded plain text.

Paragraphs are separated by blank lines and PDF pages by a form feed on its own line, so the
later stages can still see the document's layout (page stamps, headings) in plain text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Protocol
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml.etree import ParserError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from crawlers.sites.lawphil import has_lawphil_footer, lawphil_main_content

PAGE_BREAK = "\n\f\n"
NO_TEXT_LAYER = "no text layer (needs OCR)"

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dir", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
})  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
# C0 and C1 control characters other than tab, line feed, form feed and carriage return.
_CONTROL_CHARACTERS = frozenset(
    chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n\f\r"
)
MAX_CONTROL_SHARE = 0.01
_CHARSET_IN_MARKUP = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class ExtractionError(ValueError):
    """The bytes cannot be read as the content type says (corrupt PDF, unknown type)."""


class TextHooks(Protocol):
    """A source's knowledge of its own pages (`crawlers.base.SourceSpider` implements it)."""

    def main_content(self, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None: ...

    def clean_text(self, text: str) -> str: ...


def extract_text(
    raw: bytes, content_type: str, url: str = "", hooks: TextHooks | None = None
) -> str:
    """The text of one document. Returns "" for a PDF without a text layer (it needs OCR).
    `hooks` (the document's source) pick an HTML page's main content and strip boilerplate.

    Raises:
        ExtractionError: the bytes are unreadable as their type (e.g. a corrupt PDF), or the
            type is not one tiplex reads.
    """
    text = _extract(raw, content_type, url, hooks)
    return _normalise(hooks.clean_text(text)) if hooks is not None and text else text


def _extract(raw: bytes, content_type: str, url: str, hooks: TextHooks | None) -> str:
    kind = sniff_kind(raw, content_type, url)
    if kind == "pdf":
        return _pdf_text(raw)
    if kind == "html":
        return _html_text(raw, content_type, url, hooks)
    if kind == "text":
        # Stray NULs are dropped first: a text with a few is still a text.
        return _normalise(reject_binary(decode_text(raw, content_type).replace("\x00", "")))
    raise ExtractionError(f"unsupported content type {content_type or 'unknown'!r}")


def sniff_kind(raw: bytes, content_type: str, url: str = "") -> str:
    """pdf | html | text | other, trusting the bytes over a server's (often wrong) header."""
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF"):
        return "pdf"
    mime = content_type.split(";")[0].strip().lower()
    path = urlsplit(url).path.lower()
    if mime == "application/pdf" or path.endswith(".pdf"):
        return "pdf"  # claimed PDF without the magic bytes: let the PDF reader report it
    if "html" in mime or path.endswith((".html", ".htm")):
        return "html"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if mime.startswith("text/") or mime == "application/markdown":
        return "text"
    if not mime and path.endswith((".txt", ".md", ".markdown")):
        return "text"
    return "other"


def decode_text(raw: bytes, content_type: str = "") -> str:
    """Decode using a byte-order mark, the declared charset, the shape of UTF-16 without a
    mark, else UTF-8, else cp1252 (which lawphil declares and which decodes almost any byte
    string, so nothing is ever lost to a decoding error)."""
    declared = _declared_charset(raw, content_type)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        declared = "utf-16"
    elif declared is None or declared.lower().startswith("utf-16"):
        declared = _bomless_utf16(raw) or declared
    for encoding in (declared, "utf-8-sig", "cp1252"):
        if not encoding:
            continue
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def _bomless_utf16(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the bytes have UTF-16's shape without a byte-order
    mark: text in Latin script then has a NUL in every other byte, on one side only."""
    sample = raw[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def reject_binary(text: str) -> str:
    """`text`, unless it is binary data decoded as text: control characters other than
    white space are then common (random bytes give about one in eight), where real text,
    even a PDF's or an OCR's, has next to none."""
    if not text:
        return text
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch in _CONTROL_CHARACTERS)
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise ExtractionError(
            f"binary content, not text ({controls} control characters in the first {len(sample)})"
        )
    return text


def _declared_charset(raw: bytes, content_type: str) -> str | None:
    match = re.search(r"charset=([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    if match:
        return match.group(1)
    found = _CHARSET_IN_MARKUP.search(raw[:4096])
    return found.group(1).decode("ascii") if found else None


def _pdf_text(raw: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise ExtractionError(f"unreadable PDF: {error}") from error
    cleaned = [_normalise(page) for page in pages]
    if not any(cleaned):
        return ""
    return PAGE_BREAK.join(cleaned)


def _html_text(raw: bytes, content_type: str, url: str, hooks: TextHooks | None) -> str:
    markup = decode_text(raw, content_type)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (ParserError, ValueError) as error:
        raise ExtractionError(f"unreadable HTML: {error}") from error
    main = hooks.main_content(tree) if hooks is not None else _known_main_content(tree, url)
    if main is not None:
        return _normalise("".join(_block_text(main)))
    extracted = trafilatura.extract(
        markup, include_comments=False, include_tables=True, favor_recall=True
    )
    if extracted and extracted.strip():
        # trafilatura puts one paragraph per line; blank lines keep them apart downstream.
        return _normalise(re.sub(r"\n+", "\n\n", extracted))
    body = tree.find("body")
    return _normalise("".join(_block_text(body if body is not None else tree)))


def _known_main_content(tree: lxml.html.HtmlElement, url: str) -> lxml.html.HtmlElement | None:
    """Main content of a known layout for pages that come without their source (local files,
    `extract_text` called without a hook); crawled pages use their source's own hook."""
    # Mirrors keep the real host as the first path segment, so "lawphil.net" in the URL
    # identifies the site on the real host and on a local mirror alike.
    if "lawphil.net" in url or has_lawphil_footer(tree):
        return lawphil_main_content(tree)
    return None


def _block_text(element: lxml.html.HtmlElement) -> Iterator[str]:
    """Text of an element with blank lines between blocks and newlines for `<br>`."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIPPED_TAGS:
        if element.tail:
            yield element.tail
        return
    is_block = tag in _BLOCK_TAGS
    if is_block:
        yield "\n\n"
    if tag == "br":
        yield "\n"
    if element.text and tag:
        yield element.text
    for child in element:
        yield from _block_text(child)
    if is_block:
        yield "\n\n"
    if element.tail:
        yield element.tail


# Written so that Python's regex engine stays linear and cheap on 300,000-character judgments:
# single spaces are never substituted, and no bounded repeats ({2,}) are used.
_SPACE_RUN = re.compile(r"  +")
_BLANK_LINE_RUN = re.compile(r"\n\n\n+")
_DOCKET_SOFT_HYPHEN = re.compile(r"(?<=[A-Z])\xad(?=[A-Z]\.)")


def _normalise(text: str) -> str:
    """Collapse runs of spaces inside lines and of blank lines between them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    # A NUL is never part of a judgment, and SQLite and most tools cut strings at it.
    text = text.replace("\x00", "")
    # Soft hyphens are invisible when shown but split words; inside a docket prefix such as
    # lawphil's "CA\xadG.R. SP No." the court meant "CA-G.R.", as researchers search for it.
    text = _DOCKET_SOFT_HYPHEN.sub("-", text).replace("\xad", "")
    text = _SPACE_RUN.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n")
    return _BLANK_LINE_RUN.sub("\n\n", text).strip()
