"""`SourceSpider`: what every tiplex spider shares.

A source module sets the registry attributes (`country`, `kind`, `language`, `base_url`,
`schedule`, `window_unit`), writes a docstring with the fields Publisher / Caveats / History,
and implements its callbacks with the helpers below (`docs/writing-a-source.md`). Spider
arguments understood by every source:

- `base_url`: crawl a mirror or test server instead of the real site. Links on the real host
  are rebased onto it, so saved pages can keep the real sites' absolute links.
- `since` / `until`: a backfill window, YYYY, YYYY-MM or YYYY-MM-DD, read once here into
  `self.window` in the source's `window_unit`.
- `window`: the window already worked out by the caller ("FIRST..LAST", ISO dates;
  `Window.as_argument`), taken as it is instead of being read from `since`/`until` and
  today's date again; `since`/`until` then only say whether it was asked for.
- `limit`: at most this many documents are requested.
- `full`: "1" walks every listing page in the window instead of stopping at known documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from ipaddress import ip_address
from typing import Any, ClassVar, Literal
from urllib.parse import urljoin, urlsplit

import lxml.html
import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.dates import months_back, months_between, parse_bound, today_utc
from crawlers.items import FailedDocument, FetchedDocument, InvalidItem, UnchangedDocument
from crawlers.middlewares import (
    ARCHIVE_META,
    ARCHIVED_META,
    CONDITIONAL_META,
    DOC_ID_META,
    tiplex_settings,
)
from crawlers.outcomes import outcomes_for
from crawlers.state import CrawlState
from crawlers.warc import FETCHED_AT_META, REPLAY_HEADER, REPLAYED_FROM_HEADER
from tiplex.records import FETCHED_FROM, DocType

WEEKLY_MONDAY_0300_UTC = "0 3 * * 1"
INDEX_META = "tiplex_index"  # request meta: a listing or index page, not a document
CALLBACK_META = "tiplex_callback"  # request meta: the source's own callback for a document
# Not 0: with no delay at all, Scrapy hands every queued request of a host to the network at
# once, whatever CONCURRENT_REQUESTS_PER_DOMAIN says; a token delay keeps one at a time.
LOOPBACK_DELAY = 0.01
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})

WindowUnit = Literal["day", "month", "year"]
WINDOW_SEPARATOR = ".."


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Window:
    """The dates a crawl looks at: `first`..`last` inclusive. `given` is True when the user
    asked for it (`since`/`until`, a backfill) rather than the source's rolling default."""

    first: date
    last: date
    given: bool = False

    def contains(self, day: date | str | None) -> bool:
        """Whether a document dated `day` (a date or ISO string) is in the window; an undated
        document is in it only when no window was asked for."""
        if day is None or day == "":
            return not self.given
        when = date.fromisoformat(day) if isinstance(day, str) else day
        return self.first <= when <= self.last

    def months(self) -> list[tuple[int, int]]:
        return months_between(self.first, self.last)

    def years(self) -> list[int]:
        return list(range(self.first.year, self.last.year + 1))

    def as_argument(self) -> str:
        """The window as the crawler process's `window` argument: "FIRST..LAST" (ISO dates)."""
        return f"{self.first.isoformat()}{WINDOW_SEPARATOR}{self.last.isoformat()}"

    @classmethod
    def from_argument(cls, text: str, given: bool) -> Window:
        """The window written by `as_argument`.

        Raises:
            ValueError: not two ISO dates joined by "..", or the first after the last.
        """
        first, separator, last = text.partition(WINDOW_SEPARATOR)
        try:
            if not separator:
                raise ValueError("no separator")
            window = cls(date.fromisoformat(first), date.fromisoformat(last), given)
        except ValueError as error:
            raise ValueError(f"window {text!r} is not FIRST..LAST in ISO dates") from error
        if window.first > window.last:
            raise ValueError(f"window {text!r} starts after it ends")
        return window


def make_window(
    since: str | None, until: str | None, unit: WindowUnit, default_back: int, today: date
) -> Window:
    """The window for `since`/`until`, defaulting to the last `default_back` units before today.

    Raises:
        ValueError: a bound that is not YYYY, YYYY-MM or YYYY-MM-DD, or `since` after `until`.
    """
    first = parse_bound(since, end=False)
    last = parse_bound(until, end=True) or today
    if first is None:
        if unit == "day":
            first = last - timedelta(days=default_back)
        elif unit == "month":
            first = months_back(last, default_back)
        else:
            first = date(last.year - default_back, 1, 1)
    if first > last:
        raise ValueError(f"since ({first}) is after until ({last})")
    return Window(first, last, given=bool(since or until))


class SourceSpider(scrapy.Spider):
    """Base of every tiplex spider; `name` is the module name and the source id."""

    country: ClassVar[str]  # ISO 3166-1 alpha-2
    kind: ClassVar[str]  # judgments | legislation
    # ISO 639-1 of the documents as published; "" for a site publishing in several languages,
    # whose callbacks pass `language=` per document (else the coder detects it).
    language: ClassVar[str]
    languages: ClassVar[tuple[str, ...]] = ()  # all languages a bilingual site publishes in
    base_url: ClassVar[str]  # the real site's root, e.g. "https://lawphil.net"
    schedule: ClassVar[str] = WEEKLY_MONDAY_0300_UTC  # cron, UTC
    # Further real hosts whose links are rebased too (e.g. a "www." twin of the site).
    other_hosts: ClassVar[tuple[str, ...]] = ()
    # The unit `since`/`until` are read in, and how many units back a weekly run looks.
    window_unit: ClassVar[WindowUnit] = "month"
    default_window: ClassVar[int] = 2
    # Opt-in download through a real browser (pages built by JavaScript): see crawlers.browser.
    needs_browser: ClassVar[bool] = False
    # True when the listing requests carry the window itself (a search POSTed with its dates):
    # each crawl's window is then recorded, and `tiplex reprocess` replays every one of them,
    # since the archive answers only the requests that were made.
    window_in_requests: ClassVar[bool] = False

    def __init__(
        self,
        *args: Any,
        base_url: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: str | int | None = None,
        full: str | bool | None = None,
        window: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.site_root = (base_url or type(self).base_url).rstrip("/")
        self.since = since or None
        self.until = until or None
        # `crawl()` hands over the window it records: read again here, a default window could
        # move on a day when the clock passes midnight between the two processes.
        self.window = (
            Window.from_argument(window, given=bool(since or until))
            if window
            else self.window_for(since, until)
        )
        self.limit = int(limit) if limit not in (None, "", 0, "0") else None
        self.full = str(full).lower() in _TRUE_WORDS if full is not None else False
        if is_loopback(self.site_root):
            # A local mirror or test server: politeness delays would only slow tests down.
            self.download_delay = LOOPBACK_DELAY
        self._documents_requested = 0
        self._index_pages_requested = 0
        self._index_pages_missing: list[str] = []
        self._state: CrawlState | None = None
        self._state_loaded = False

    @classmethod
    def window_for(cls, since: str | None, until: str | None) -> Window:
        """The window this source reads for `since`/`until` (raises ValueError, see
        `make_window`); `crawl()` calls it before any crawl starts."""
        return make_window(since, until, cls.window_unit, cls.default_window, today_utc())

    @property
    def limit_reached(self) -> bool:
        return self.limit is not None and self._documents_requested >= self.limit

    # ---- text hooks (read by the pipeline and by `tiplex reprocess`) ------------------------

    @classmethod
    def main_content(cls, tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
        """The element holding a document's text on this site, with page furniture removed;
        None lets the generic extractor decide. Override for a known, stable layout."""
        return None

    @classmethod
    def clean_text(cls, text: str) -> str:
        """The extracted text with this site's boilerplate removed (override per source)."""
        return text

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

    def request_document(
        self,
        url: str,
        *,
        doc_id: str,
        callback: Callable[..., Iterable[Any]],
        cb_kwargs: Mapping[str, Any] | None = None,
        conditional: bool = True,
        immutable: bool = False,
        **request_kwargs: Any,
    ) -> Iterator[scrapy.Request | UnchangedDocument]:
        """Everything a listing does with one document it found, in one place (`yield from`):
        count it as discovered; if `immutable` (the source's own id never changes content) and
        the id is known, report it unchanged without a request; respect `limit`; else request
        it, archived and (if `conditional`) with the stored validators. The callback is called
        only for a real answer: a `304 Not Modified` becomes an unchanged item, and an
        exception or invalid item becomes a failed item, never a lost crawl."""
        self.note_discovered(doc_id)
        if immutable and self.is_known(doc_id):
            yield self.unchanged(doc_id, url, "known id")
            return
        if not self.take_document():
            return
        yield self.document_request(
            url,
            doc_id=doc_id,
            callback=callback,
            cb_kwargs=cb_kwargs,
            conditional=conditional and not immutable,
            **request_kwargs,
        )

    def document_request(
        self,
        url: str,
        *,
        doc_id: str,
        callback: Callable[..., Iterable[Any]],
        cb_kwargs: Mapping[str, Any] | None = None,
        conditional: bool = True,
        **request_kwargs: Any,
    ) -> scrapy.Request:
        """A document request without the discovered/limit steps (a document's second part,
        e.g. the PDF a metadata page links to). `request_kwargs` (method, body, headers) pass
        to `scrapy.Request`."""
        return scrapy.Request(
            url,
            **request_kwargs,
            callback=self.document_response,
            errback=self.request_failed,
            cb_kwargs=dict(cb_kwargs or {}),
            meta={
                ARCHIVE_META: True,
                DOC_ID_META: doc_id,
                CONDITIONAL_META: conditional,
                CALLBACK_META: callback.__name__,
            },
        )

    def document_response(self, response: Response, **cb_kwargs: Any) -> Iterator[Any]:
        """Scrapy's callback of every document request: the shared steps around the
        source's own callback (named in the request's meta)."""
        doc_id = response.meta.get(DOC_ID_META, "")
        if response.status == 304:
            yield self.unchanged(doc_id, response.url, "not modified")
            return
        callback = getattr(self, response.meta.get(CALLBACK_META, ""), None)
        if callback is None:
            yield self.failed(response, "the request names no callback of this source")
            return
        try:
            yield from callback(response, **cb_kwargs) or ()
        except (InvalidItem, ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
            # One malformed page must not end the crawl: it is reported and set aside.
            yield self.failed(response, f"{type(error).__name__}: {error}")

    def page_request(
        self, url: str, *, callback: Callable[..., Iterable[Any]], **kwargs: Any
    ) -> scrapy.Request:
        """A request for a listing or index page (archived too, but never a document)."""
        self._index_pages_requested += 1
        meta = {INDEX_META: True, **kwargs.pop("meta", {})}
        return scrapy.Request(
            url, callback=callback, errback=self.request_failed, meta=meta, **kwargs
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
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.settings.getbool("TIPLEX_REPLAY"):
            return False  # replaying the archive rebuilds every document it holds
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
        language: str | None = None,
        country: str | None = None,
        doc_id: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> FetchedDocument:
        """The item for a downloaded document. `language` overrides the class's for one
        document (bilingual sites), `country` likewise (regional sources, whose documents
        come from several states); `doc_id` is needed only for a response that did not come
        from `request_document` (e.g. a listing that is itself the document).

        Raises:
            InvalidItem: a field is malformed (the document callback reports it as failed).
        """
        doc_id = doc_id or response.meta.get(DOC_ID_META)
        if not doc_id:
            raise InvalidItem(f"{response.url}: a document needs doc_id= or request_document()")
        archived = response.meta.get(ARCHIVED_META)
        sha256 = archived[0] if archived else hashlib.sha256(response.body).hexdigest()
        # The document is known by its real-site address however it was fetched; the address
        # the bytes came from (a mirror's; in a replay, the archived record's) is kept apart.
        url = self.canonical_url(response.url)
        fetched_from = _header(response, REPLAYED_FROM_HEADER) or response.url
        source_metadata = dict(metadata or {})
        if fetched_from != url:
            source_metadata[FETCHED_FROM] = fetched_from
        return FetchedDocument(
            doc_id=doc_id,
            source_id=self.name,
            url=url,
            sha256=sha256,
            content_type=content_type,
            country=self.country if country is None else country,
            language=self.language if language is None else language,
            doc_type=doc_type,
            title=title,
            court=court,
            case_number=case_number,
            decision_date=decision_date,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            metadata=dict(sorted(source_metadata.items())),
            # Recorded with the answer in the WARC file; a replay reads it back from there.
            fetched_at=response.meta.get(FETCHED_AT_META) or _header(response, REPLAY_HEADER),
        )

    @staticmethod
    def content_type(response: Response, default: str) -> str:
        return _header(response, "Content-Type") or default

    def unchanged(self, doc_id: str, url: str, reason: str) -> UnchangedDocument:
        return UnchangedDocument(doc_id=doc_id, source_id=self.name, url=url, reason=reason)

    def fetched_pdf(self, response: Response, **fields: Any) -> FetchedDocument | FailedDocument:
        """The item for an answer to a PDF request: the document (`fields` as for `fetched`,
        whose content type it sets), or a failure when something else came back."""
        return self.not_a_pdf(response) or self.fetched(
            response, content_type="application/pdf", **fields
        )

    def not_a_pdf(self, response: Response) -> FailedDocument | None:
        """The failed item for an answer to a PDF request that is no PDF (sites send error
        pages under a PDF's address), else None."""
        if response.body.startswith(b"%PDF"):
            return None
        received = self.content_type(response, "unknown type")
        return self.failed(response, f"a PDF was asked for, {received} came back")

    def failed(self, response: Response, error: str) -> FailedDocument:
        doc_id = response.meta.get(DOC_ID_META, "")
        return FailedDocument(
            doc_id=doc_id,
            source_id=self.name,
            url=response.url,
            error=f"{self.name}: {doc_id} ({response.url}): {error}",
        )


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def clean_space(text: str | None) -> str:
    return " ".join((text or "").split())
