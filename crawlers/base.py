"""`SourceSpider`: what every tiplex spider shares.

A source module sets the registry attributes (`country`, `kind`, `language`, `base_url`,
`schedule`), writes a docstring with the fields Publisher / Caveats / History, and implements
its callbacks with the helpers below. Spider arguments understood by every source:

- `base_url`: crawl a mirror or test server instead of the real site. Links on the real host
  are rebased onto it, so saved pages can keep the real sites' absolute links.
- `since` / `until`: a backfill window (each source says what unit it takes).
- `limit`: at most this many documents are requested.
- `full`: "1" ignores the incremental shortcuts and walks everything in the window.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from ipaddress import ip_address
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.items import FailedDocument, FetchedDocument, UnchangedDocument
from crawlers.middlewares import (
    ARCHIVE_META,
    ARCHIVED_META,
    CONDITIONAL_META,
    DOC_ID_META,
    tiplex_settings,
)
from crawlers.outcomes import outcomes_for
from crawlers.state import CrawlState
from tiplex.records import DocType

WEEKLY_MONDAY_0300_UTC = "0 3 * * 1"
INDEX_META = "tiplex_index"  # request meta: a listing or index page, not a document
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


class SourceSpider(scrapy.Spider):
    """Base of every tiplex spider; `name` is the module name and the source id."""

    country: ClassVar[str]  # ISO 3166-1 alpha-2
    kind: ClassVar[str]  # judgments | legislation
    language: ClassVar[str]  # ISO 639-1 of the documents as published
    base_url: ClassVar[str]  # the real site's root, e.g. "https://lawphil.net"
    schedule: ClassVar[str] = WEEKLY_MONDAY_0300_UTC
    # Further real hosts whose links are rebased too (e.g. a "www." twin of the site).
    other_hosts: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        *args: Any,
        base_url: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: str | int | None = None,
        full: str | bool | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.site_root = (base_url or type(self).base_url).rstrip("/")
        self.since = since or None
        self.until = until or None
        self.limit = int(limit) if limit not in (None, "", 0, "0") else None
        self.full = str(full).lower() in _TRUE_WORDS if full is not None else False
        if is_loopback(self.site_root):
            # A local mirror or test server: politeness delays would only slow tests down.
            self.download_delay = 0
        self._documents_requested = 0
        self._index_pages_requested = 0
        self._index_pages_missing: list[str] = []
        self._state: CrawlState | None = None
        self._state_loaded = False

    # ---- URLs -----------------------------------------------------------------------------

    @property
    def real_hosts(self) -> tuple[str, ...]:
        return (urlsplit(type(self).base_url).netloc, *self.other_hosts)

    def site_url(self, path: str) -> str:
        """A URL for a path on the site (real or mirror): `site_url("/a/b.html")`."""
        return self.site_root + "/" + path.lstrip("/")

    def absolute(self, response: Response, href: str) -> str:
        """Resolve a link found on a page, rebasing the real host onto the configured root."""
        href = href.strip()
        if href.startswith("/") and not href.startswith("//"):
            return self.site_url(href)  # site-absolute: relative to the site, not the mirror
        return self.rebase(urljoin(response.url, href))

    def rebase(self, url: str) -> str:
        parts = urlsplit(url)
        if parts.netloc not in self.real_hosts:
            return url
        tail = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.site_url(tail)

    def canonical_url(self, url: str) -> str:
        """The real site's URL for one on the configured root (a mirror's URLs die with it)."""
        if url.startswith(self.site_root + "/"):
            return type(self).base_url.rstrip("/") + url[len(self.site_root) :]
        return url

    # ---- requests and state ---------------------------------------------------------------

    def document_request(
        self,
        url: str,
        *,
        doc_id: str,
        callback: Any,
        cb_kwargs: Mapping[str, Any] | None = None,
        conditional: bool = True,
    ) -> scrapy.Request:
        """A request whose body is archived (and, if `conditional`, asked for conditionally)."""
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.request_failed,
            cb_kwargs=dict(cb_kwargs or {}),
            meta={ARCHIVE_META: True, DOC_ID_META: doc_id, CONDITIONAL_META: conditional},
        )

    def page_request(self, url: str, *, callback: Any) -> scrapy.Request:
        """A request for a listing or index page (not archived: it is not a document)."""
        self._index_pages_requested += 1
        return scrapy.Request(
            url, callback=callback, errback=self.request_failed, meta={INDEX_META: True}
        )

    def request_failed(self, failure: Failure) -> Iterator[FailedDocument]:
        """Errback: what retries could not fix becomes a one-line error; the crawl goes on."""
        request = failure.request
        error = failure.value
        if isinstance(error, IgnoreRequest) and "challenge" in str(error):
            return  # already reported as the failure of the whole source
        if (
            isinstance(error, HttpError)
            and error.response.status == 404
            and request.meta.get(INDEX_META)
        ):
            # Index pages for a month or year appear only once something is published in it,
            # so a missing one is normal; only a window with no index at all is reported.
            self._index_pages_missing.append(request.url)
            return
        if isinstance(error, HttpError):
            reason = f"HTTP {error.response.status}"
        elif isinstance(error, IgnoreRequest) and "robots.txt" in str(error).lower():
            reason = "forbidden by robots.txt"
        else:
            reason = f"{type(error).__name__}: {error}"
        doc_id = request.meta.get(DOC_ID_META, "")
        where = f"{doc_id} ({request.url})" if doc_id else request.url
        yield FailedDocument(
            doc_id=doc_id,
            source_id=self.name,
            url=request.url,
            error=f"{self.name}: {where}: {reason}",
        )

    def take_document(self) -> bool:
        """Count a document request against `limit`; False once the limit is reached."""
        if self.limit is not None and self._documents_requested >= self.limit:
            return False
        self._documents_requested += 1
        return True

    def doc_id(self, own_id: str) -> str:
        return f"{self.name}:{own_id}"

    def is_known(self, doc_id: str) -> bool:
        state = self._crawl_state()
        return state is not None and state.get(doc_id) is not None

    def _crawl_state(self) -> CrawlState | None:
        if not self._state_loaded:
            self._state_loaded = True
            crawler = getattr(self, "crawler", None)
            settings = tiplex_settings(crawler) if crawler is not None else None
            self._state = CrawlState(settings.crawl_db) if settings else None
        return self._state

    def note_discovered(self, doc_id: str) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            outcomes_for(crawler).add("discovered", doc_id=doc_id)

    def closed(self, reason: str) -> None:
        """Scrapy calls this at the end: report a window in which no index page exists."""
        missing = self._index_pages_missing
        crawler = getattr(self, "crawler", None)
        if crawler is None or not missing or len(missing) < self._index_pages_requested:
            return
        outcomes_for(crawler).add(
            "failed",
            error=(
                f"{self.name}: none of the {len(missing)} index pages in the window exists "
                f"(HTTP 404, e.g. {missing[0]}); check the window or the base URL"
            ),
        )

    # ---- items ----------------------------------------------------------------------------

    def fetched(
        self,
        response: Response,
        *,
        doc_type: DocType,
        title: str,
        content_type: str,
        court: str | None = None,
        case_number: str | None = None,
        decision_date: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> FetchedDocument:
        archived = response.meta.get(ARCHIVED_META)
        sha256 = archived[0] if archived else hashlib.sha256(response.body).hexdigest()
        source_metadata = {"canonical_url": self.canonical_url(response.url), **(metadata or {})}
        return FetchedDocument(
            doc_id=response.meta[DOC_ID_META],
            source_id=self.name,
            url=response.url,
            sha256=sha256,
            content_type=content_type,
            country=self.country,
            language=self.language,
            doc_type=doc_type,
            title=title,
            court=court,
            case_number=case_number,
            decision_date=decision_date,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            metadata=dict(sorted(source_metadata.items())),
        )

    @staticmethod
    def content_type(response: Response, default: str) -> str:
        return _header(response, "Content-Type") or default

    def unchanged(self, doc_id: str, url: str, reason: str) -> UnchangedDocument:
        return UnchangedDocument(doc_id=doc_id, source_id=self.name, url=url, reason=reason)

    def failed(self, response: Response, error: str) -> FailedDocument:
        doc_id = response.meta.get(DOC_ID_META, "")
        return FailedDocument(
            doc_id=doc_id,
            source_id=self.name,
            url=response.url,
            error=f"{self.name}: {doc_id} ({response.url}): {error}",
        )

    def not_modified(self, response: Response) -> UnchangedDocument | None:
        """The item for a `304 Not Modified` answer to a conditional request, else None."""
        if response.status != 304:
            return None
        return self.unchanged(response.meta[DOC_ID_META], response.url, "not modified")


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def clean_space(text: str | None) -> str:
    return " ".join((text or "").split())
