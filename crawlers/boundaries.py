"""Crawl boundaries, as a downloader middleware: a spider fetches only from its own source's
hosts, never from loopback or private addresses other than the configured mirror, and never
more pages or bigger responses than a run allows.

Every refusal is counted in the crawl's stats (`boundaries/refused/<reason>`) and reported once
per reason in the log, so the run report can say what was kept out and why. A redirect is a new
request and passes through here again: a redirect to another host is refused like a link.

Settings (Scrapy settings or the spider's `custom_settings`):
- `TIPLEX_MAX_PAGES_PER_RUN` (default 20000): responses accepted in one crawl; after that,
  every request is refused (infinite pagination ends here).
- `TIPLEX_MAX_RESPONSE_BYTES` (default 64 MiB): a bigger body is cancelled by the downloader
  (per request, through Scrapy's `download_maxsize`).
- `TIPLEX_EXTRA_ALLOWED_HOSTS`: hosts a spider may also fetch from (a CDN serving its PDFs).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from tiplex.addresses import host_of, is_private_host

logger = logging.getLogger(__name__)

DEFAULT_MAX_PAGES = 20000
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024


class BoundaryRefused(IgnoreRequest):
    """A request outside the source's boundaries; the reason says which."""


def allowed_hosts(spider: Spider, extra: Iterable[str] = ()) -> frozenset[str]:
    """The source's real hosts, the host of its configured base URL (a mirror), and `extra`."""
    hosts = {host_of(f"//{h}") for h in getattr(spider, "real_hosts", ())}
    for attribute in ("site_root", "base_url"):
        value = getattr(spider, attribute, None)
        if isinstance(value, str) and value:
            hosts.add(host_of(value))
    hosts.update(h.lower() for h in getattr(spider, "allowed_domains", None) or ())
    hosts.update(h.strip().lower() for h in extra if h.strip())
    hosts.discard("")
    return frozenset(hosts)


def within(host: str, allowed: frozenset[str]) -> bool:
    """`host` is one of `allowed` or a subdomain of one (www.example.org of example.org)."""
    return any(host == a or host.endswith("." + a) for a in allowed)


class BoundaryMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.max_pages = settings.getint("TIPLEX_MAX_PAGES_PER_RUN", DEFAULT_MAX_PAGES)
        self.max_bytes = settings.getint("TIPLEX_MAX_RESPONSE_BYTES", DEFAULT_MAX_RESPONSE_BYTES)
        self.extra_hosts = tuple(settings.getlist("TIPLEX_EXTRA_ALLOWED_HOSTS"))
        self.pages = 0
        self._allowed: frozenset[str] | None = None
        self._mirror_host: str | None = None
        self._reported: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _spider(self) -> Spider:
        spider = self.crawler.spider
        assert spider is not None
        return spider

    def _hosts(self) -> tuple[frozenset[str], str | None]:
        if self._allowed is None:
            spider = self._spider()
            self._allowed = allowed_hosts(spider, self.extra_hosts)
            root = getattr(spider, "site_root", None)
            self._mirror_host = host_of(root) if isinstance(root, str) and root else None
        return self._allowed, self._mirror_host

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.url.startswith(("data:", "file:", "about:")):
            self._refuse(request, "scheme", f"not a web address: {request.url[:80]}")
        allowed, mirror = self._hosts()
        host = host_of(request.url)
        redirected = bool(request.meta.get("redirect_urls"))
        what = "redirect to" if redirected else "request to"
        if is_private_host(host) and host != mirror:
            self._refuse(request, "private", f"{what} a loopback or private address: {host}")
        if not within(host, allowed):
            self._refuse(request, "offsite", f"{what} a host outside the source: {host}")
        if self.pages >= self.max_pages:
            self._refuse(request, "page-limit", f"page limit of {self.max_pages} reached")
        request.meta.setdefault("download_maxsize", self.max_bytes)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        self.pages += 1
        return response

    def _refuse(self, request: Request, reason: str, message: str) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(f"boundaries/refused/{reason}")
        if reason not in self._reported:
            self._reported.add(reason)
            logger.warning("refused (%s): %s [%s]", reason, message, request.url[:200])
        raise BoundaryRefused(message)


def refusals(stats: dict[str, Any]) -> dict[str, int]:
    """The refusal counts of a finished crawl's stats, by reason."""
    prefix = "boundaries/refused/"
    return {k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix)}
