"""Downloads through a real browser, for sources whose pages are built by JavaScript.

A source opts in with `needs_browser = True`; `crawlers.run` then installs `BrowserHandler`
as the download handler for http and https. Everything else stays as for any source: Scrapy's
slots keep the delay and one request at a time per host, robots.txt is obeyed, every answer
is archived (content store and WARC), and challenge pages are detected after rendering.

The browser is Debian's Chromium (`/usr/bin/chromium`, `apt-get install chromium`), driven by
Playwright; no browser is ever downloaded. A page still showing a bot-protection challenge after
`TIPLEX_BROWSER_CHALLENGE_WAIT` seconds is returned as it is, and the challenge middleware fails
the source: a challenge is never stored as a document.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from crawlers.challenge import challenge_marker

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str | None:
    """Debian's Chromium, or TIPLEX_CHROMIUM; None when neither is installed."""
    configured = os.environ.get("TIPLEX_CHROMIUM")
    candidates = (configured,) if configured else CHROMIUM_CANDIDATES
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


class BrowserUnavailable(RuntimeError):
    """The source needs a browser and none is installed (or Playwright is missing)."""


class BrowserHandler(BaseDownloadHandler):
    """Download handler rendering HTML pages in headless Chromium."""

    lazy = True  # the browser starts on the first request, not when Scrapy loads handlers

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._lock = asyncio.Lock()
        settings = crawler.settings
        self.challenge_wait = settings.getfloat("TIPLEX_BROWSER_CHALLENGE_WAIT", 15)
        self.timeout_ms = settings.getfloat("DOWNLOAD_TIMEOUT", 60) * 1000
        self.user_agent = settings.get("USER_AGENT")

    async def _ensure_context(self) -> Any:
        async with self._lock:
            if self._context is None:
                executable = chromium_path()
                if executable is None:
                    raise BrowserUnavailable("no Chromium: apt-get install -y chromium")
                try:
                    from playwright.async_api import async_playwright
                except ImportError as error:
                    raise BrowserUnavailable(f"Playwright is not installed: {error}") from error
                self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=executable,
                    headless=True,
                    # Containers run as root without user namespaces; the sandbox cannot start.
                    args=["--no-sandbox", "--disable-dev-shm-usage"],
                )
                self._context = await self._browser.new_context(user_agent=self.user_agent)
        return self._context

    async def download_request(self, request: Request) -> Response:
        context = await self._ensure_context()
        if request.method != "GET":
            # Forms and APIs: the browser's own HTTP client, with its cookies (a cleared
            # challenge stays cleared).
            return await self._fetch(context, request)
        page = await context.new_page()
        try:
            try:
                answer = await page.goto(request.url, timeout=self.timeout_ms)
            except Exception as error:  # a PDF or other download does not render
                if "Download is starting" not in str(error):
                    raise
                return await self._fetch(context, request)
            if answer is None:
                return await self._fetch(context, request)
            headers = Headers(await answer.all_headers())
            content_type = headers.get("Content-Type", b"").decode("latin-1")
            if "html" not in content_type:
                body = await answer.body()
            else:
                body = await self._rendered(page)
                headers["Content-Type"] = "text/html; charset=utf-8"
                headers.pop("Content-Encoding", None)
                headers.pop("Content-Length", None)
            return _response(request, answer.status, headers, body)
        finally:
            await page.close()

    async def _rendered(self, page: Any) -> bytes:
        """The page's DOM once loaded; a challenge gets `challenge_wait` seconds to clear."""
        await page.wait_for_load_state("load")
        html = (await page.content()).encode("utf-8")
        waited = 0.0
        while challenge_marker(html, "text/html") and waited < self.challenge_wait:
            await asyncio.sleep(1)
            waited += 1
            html = (await page.content()).encode("utf-8")
        return html

    async def _fetch(self, context: Any, request: Request) -> Response:
        answer = await context.request.fetch(
            request.url,
            method=request.method,
            headers={k.decode(): v[0].decode("latin-1") for k, v in request.headers.items()},
            data=request.body or None,
            timeout=self.timeout_ms,
        )
        return _response(request, answer.status, Headers(answer.headers), await answer.body())

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()


def _response(request: Request, status: int, headers: Headers, body: bytes) -> Response:
    response_class = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return response_class(
        url=request.url, status=status, headers=headers, body=body, request=request
    )
