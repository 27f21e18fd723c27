"""Downloader middlewares and the extension that make every source polite and incremental.

- `ChallengeMiddleware`: a bot-protection page fails the source and stops the crawl.
- `RetryAfterMiddleware`: Scrapy's retries; a `Retry-After` holds the host's download slot
  (capped), so no other request to that host goes out before the wait is over.
- `ArchiveMiddleware`: raw bytes go to the archive before any callback parses them.
- `ConditionalGetMiddleware`: known documents are asked for with If-None-Match/If-Modified-Since.
- `OutcomeExtension`: spider errors and the end of the crawl go to the outcome log.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

from crawlers.archive import RawArchive, utc_now
from crawlers.challenge import challenge_marker
from crawlers.outcomes import outcomes_for
from crawlers.state import CrawlState
from tiplex.settings import Settings

ARCHIVE_META = "tiplex_archive"  # request meta: archive this response's body
DOC_ID_META = "tiplex_doc_id"  # request meta: the document this request is for
CONDITIONAL_META = "tiplex_conditional"  # request meta: send validators of the stored version
ARCHIVED_META = "tiplex_archived"  # meta set on response: (sha256, raw_path) of the archived body


def tiplex_settings(crawler: Crawler) -> Settings | None:
    home = crawler.settings.get("TIPLEX_HOME")
    return Settings(home=Path(home)) if home else None


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _spider_name(crawler: Crawler) -> str:
    return crawler.spider.name if crawler.spider else "crawler"


class ChallengeMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if self._closing is not None:
            # Requests queued before the challenge was seen must not go out either.
            raise IgnoreRequest(f"source stopped after a challenge page: {request.url}")

    def process_response(self, request: Request, response: Response) -> Response:
        content_type = _header(response, "Content-Type") or ""
        marker = challenge_marker(response.body, content_type)
        if marker is None:
            return response
        outcomes_for(self.crawler).add(
            "source_failed",
            error=(
                f"{_spider_name(self.crawler)}: bot-protection challenge page at {request.url} "
                f"(found {marker!r}); the site blocks automated access, nothing was stored"
            ),
        )
        if self._closing is None:
            # Going on would only collect more challenge pages and look like an attack.
            self._closing = deferred_from_coro(
                self.crawler.engine.close_spider_async(reason="challenge")
            )
        raise IgnoreRequest(f"challenge page at {request.url}")


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        # Scrapy sends `response_downloaded` before it frees the slot for the next request of
        # the host: holding the slot there is what makes the whole host wait, not one request.
        crawler.signals.connect(self._hold_slot, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _wait_asked(self, request: Request, response: Response) -> float | None:
        if response.status not in (429, 503) or request.meta.get("dont_retry", False):
            return None
        return retry_after_seconds(_header(response, "Retry-After"))

    def _hold_slot(self, response: Response, request: Request, spider: Spider) -> None:
        wait = self._wait_asked(request, response)
        cap = self.crawler.settings.getfloat("TIPLEX_RETRY_AFTER_MAX", 300)
        if not wait or wait > cap or self.crawler.engine is None:
            return
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None:
            return
        if slot.latercall is not None:
            slot.latercall.cancel()
        # `_process_queue` sends nothing while `latercall` is set; when it fires, the queue
        # (the retry included) goes on at the slot's usual pace.
        slot.latercall = call_later(wait, downloader._latercall, slot)  # noqa: SLF001
        spider.logger.info(f"{request.url}: Retry-After {wait:.0f}s, host held")

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        wait = self._wait_asked(request, response)
        cap = self.crawler.settings.getfloat("TIPLEX_RETRY_AFTER_MAX", 300)
        if wait and wait > cap:
            return response  # the site asks for a long pause: give up for this run
        return super().process_response(request, response)


class ArchiveMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = tiplex_settings(crawler)
        self.archive = RawArchive(settings.archive_dir) if settings else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        # Every good response is archived, listings too: a document a source takes from a page
        # request is then in the archive like any other, and `reprocess` sees what the crawl saw.
        if self.archive is None or response.status != 200:
            return response
        headers = {
            key.decode("latin-1"): b", ".join(values).decode("latin-1")
            for key, values in response.headers.items()
        }
        blob = self.archive.put(
            response.body,
            url=response.url,
            content_type=headers.get("Content-Type", ""),
            headers=headers,
            fetched_at=utc_now(),
        )
        # The response is not tied to its request yet here; callbacks read the request's meta.
        request.meta[ARCHIVED_META] = (blob.sha256, str(blob.path))
        return response


def _resource(url: str) -> tuple[str, str]:
    """A URL's path and query. The same document reached through another host or port (a
    mirror restarted on a new port, a base-URL override) keeps its validators."""
    parts = urlsplit(url)
    return parts.path, parts.query


class ConditionalGetMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = tiplex_settings(crawler)
        replaying = crawler.settings.getbool("TIPLEX_REPLAY")
        self.state = CrawlState(settings.crawl_db) if settings and not replaying else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        doc_id = request.meta.get(DOC_ID_META)
        if self.state is None or not doc_id or not request.meta.get(CONDITIONAL_META):
            return
        stored = self.state.get(doc_id)
        if stored is None or not self._same_resource(stored.url, request.url):
            return  # validators belong to the stored resource only
        if stored.etag:
            request.headers["If-None-Match"] = stored.etag
        if stored.last_modified:
            request.headers["If-Modified-Since"] = stored.last_modified
        if stored.etag or stored.last_modified:
            handled = set(request.meta.get("handle_httpstatus_list", ())) | {304}
            request.meta["handle_httpstatus_list"] = sorted(handled)

    def _same_resource(self, stored_url: str, request_url: str) -> bool:
        """Documents are stored under their real-site address, requests may go to a mirror."""
        spider = self.crawler.spider
        canonical = getattr(spider, "canonical_url", None)
        if canonical is not None and canonical(request_url) == stored_url:
            return True
        return _resource(stored_url) == _resource(request_url)


class OutcomeExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def spider_error(self, failure: Failure, response: Response, spider: Spider) -> None:
        error = failure.value
        outcomes_for(self.crawler).add(
            "failed",
            doc_id=response.meta.get(DOC_ID_META),
            error=(f"{spider.name}: error parsing {response.url}: {type(error).__name__}: {error}"),
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        outcomes_for(self.crawler).add("finished", reason=reason)
