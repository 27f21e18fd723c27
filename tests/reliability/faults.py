"""Crawl boundaries and faults: a fault-injecting HTTP server on 127.0.0.1 and a crawl of it with
tiplex's own Scrapy settings and middlewares. Each fault must be retried, bounded, refused or
quarantined, and reported; the crawl must end.

    python -m tests.reliability.faults BASE_URL OUT.json   (the crawl; run in a subprocess)
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

REPO = Path(__file__).resolve().parents[2]
HUGE_BYTES = 50 * 1024 * 1024
PAGE_LIMIT = 40
PAGE = "<html><body><p>The accused recruited the victims for forced labour.</p>{}</body></html>"

# path -> what must become of it: ok (possibly after retries), failed (reported after bounded
# retries), refused (boundary), quarantined (fetched, not readable as its type).
EXPECTED = {
    "/429-then-ok": "ok",
    "/503-then-ok": "ok",
    "/always-503": "failed",
    "/always-500": "failed",
    "/missing": "failed",
    "/slow": "failed",
    "/truncated": "failed",
    "/huge": "failed",
    "/redirect-loop": "failed",
    "/redirect-offsite": "refused",
    "/redirect-private": "refused",
    "http://example.com/elsewhere": "refused",
    "http://192.168.0.1/admin": "refused",
    "http://localhost:{port}/start": "refused",
    "http://[::1]:{port}/start": "refused",
    "/html-served-as-pdf": "quarantined",
    "/binary-served-as-html": "quarantined",
    "/empty-200": "quarantined",
    "/pdf-served-as-html": "ok",
    "/page/1": "bounded",
}
# Searches sent by POST (e-Judgment, MLIS, SHERLOC, the Thai Supreme Court): a connection that
# drops before the answer is retried like a GET's, never lost in silence, and boundedly.
EXPECTED_POSTS = {
    "/post-dropped-then-ok": "ok",
    "/post-always-dropped": "failed",
}
EVERY_FAULT = EXPECTED | EXPECTED_POSTS  # what a run tries and reports on


class FaultHandler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()
    sent_bytes: Counter[str] = Counter()

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html",
              headers: dict[str, str] | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per fault, read top to bottom
        path = self.path
        FaultHandler.hits[path] += 1
        hits = FaultHandler.hits[path]
        port = self.server.server_address[1]
        if path == "/robots.txt":
            self._send(404, b"", "text/plain")
        elif path == "/start":
            links = "".join(f'<a href="{target.format(port=port)}">x</a>' for target in EXPECTED)
            self._send(200, PAGE.format(links).encode())
        elif path == "/429-then-ok":
            if hits == 1:
                self._send(429, b"slow down", headers={"Retry-After": "1"})
            else:
                self._send(200, PAGE.format("").encode())
        elif path == "/503-then-ok":
            if hits <= 2:
                self._send(503, b"busy", headers={"Retry-After": "1"})
            else:
                self._send(200, PAGE.format("").encode())
        elif path == "/always-503":
            self._send(503, b"busy", headers={"Retry-After": "1"})
        elif path == "/always-500":
            self._send(500, b"broken")
        elif path == "/slow":
            time.sleep(4)
            self._send(200, PAGE.format("").encode())
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(PAGE.format("").encode()[:100])
            self.wfile.flush()
            self.close_connection = True
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            chunk = b"a" * 65536
            try:
                for _ in range(HUGE_BYTES // len(chunk)):
                    self.wfile.write(chunk)
                    FaultHandler.sent_bytes[path] += len(chunk)
            except OSError:
                pass  # the crawler hung up: that is the point
        elif path == "/redirect-loop":
            self._send(302, b"", headers={"Location": "/redirect-loop"})
        elif path == "/redirect-offsite":
            self._send(302, b"", headers={"Location": "http://example.org/landing"})
        elif path == "/redirect-private":
            self._send(302, b"", headers={"Location": "http://10.1.2.3/internal"})
        elif path == "/html-served-as-pdf":
            self._send(200, PAGE.format("").encode(), "application/pdf")
        elif path == "/binary-served-as-html":
            self._send(200, random.Random(5).randbytes(20000), "text/html")
        elif path == "/empty-200":
            self._send(200, b"", "text/html")
        elif path == "/pdf-served-as-html":
            self._send(200, _pdf_bytes(), "text/html")
        elif path.startswith("/page/"):
            time.sleep(0.3)  # a real listing's pace: the other faults finish meanwhile
            number = int(path.rsplit("/", 1)[1])
            self._send(200, PAGE.format(f'<a href="/page/{number + 1}">next</a>').encode())
        else:
            self._send(404, b"not here")

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        path = self.path
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        FaultHandler.hits[path] += 1
        dropped = path == "/post-always-dropped" or (
            path == "/post-dropped-then-ok" and FaultHandler.hits[path] == 1
        )
        if dropped:
            # Hang up without an answer, as a server does on a connection it is closing.
            self.close_connection = True
            return
        self._send(200, PAGE.format("").encode())


def _pdf_bytes() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 700, "The accused recruited the victims.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a crawler hanging up on /huge or /slow is expected, not worth a traceback


@contextmanager
def fault_server() -> Iterator[str]:
    FaultHandler.hits.clear()
    FaultHandler.sent_bytes.clear()
    server = _QuietServer(("127.0.0.1", 0), FaultHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def crawl(base: str, out: Path) -> None:
    """The crawl itself, with tiplex's settings and the middlewares under test."""
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings as ScrapySettings

    from crawlers import settings as tiplex_settings
    from crawlers.boundaries import refusals
    from crawlers.extract import ExtractionError, extract_text

    results: dict[str, str] = {}

    class FaultSpider(scrapy.Spider):
        name = "faults"
        real_hosts = ()
        site_root = base

        async def start(self) -> Any:
            yield scrapy.Request(base + "/start", callback=self.parse, errback=self.failed)
            for path in EXPECTED_POSTS:
                yield scrapy.Request(
                    base + path,
                    method="POST",
                    body=b'{"search": "trafficking"}',
                    callback=self.parse,
                    errback=self.failed,
                )

        def parse(self, response: Any) -> Any:
            content_type = response.headers.get("Content-Type", b"").decode("latin-1")
            try:
                extract_text(response.body, content_type, response.url)
                results[response.url] = "ok"
            except ExtractionError as error:
                results[response.url] = f"quarantined: {error}"
            for href in response.css("a::attr(href)").getall():
                url = urljoin(response.url, href)
                yield scrapy.Request(url, callback=self.parse, errback=self.failed)

        def failed(self, failure: Any) -> None:
            error = failure.value
            kind = "refused" if type(error).__name__ == "BoundaryRefused" else "failed"
            # A refused redirect is reported under the address that was asked for.
            asked = (failure.request.meta.get("redirect_urls") or [failure.request.url])[0]
            results[asked] = f"{kind}: {type(error).__name__}: {error}"[:300]

    settings = ScrapySettings()
    settings.setmodule(tiplex_settings)
    settings.update({
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_TIMEOUT": 2,
        "RETRY_TIMES": 2,
        "REDIRECT_MAX_TIMES": 5,
        "TIPLEX_RETRY_AFTER_MAX": 2,
        "TIPLEX_MAX_PAGES_PER_RUN": PAGE_LIMIT,
        "TIPLEX_MAX_RESPONSE_BYTES": 4 * 1024 * 1024,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        # Only the middlewares under test: archive and conditional GET need a tiplex home.
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawlers.middlewares.RetryAfterMiddleware": 550,
            "crawlers.boundaries.BoundaryMiddleware": 50,
        },
        "ITEM_PIPELINES": {},
        "EXTENSIONS": {},
        "LOG_LEVEL": "WARNING",
        "CLOSESPIDER_TIMEOUT": 120,
    })  # fmt: skip
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FaultSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    out.write_text(json.dumps({
        "results": results,
        "refusals": refusals(stats),
        "finish_reason": str(stats.get("finish_reason")),
    }, indent=2))  # fmt: skip


def run_faults(work: Path) -> dict[str, Any]:
    """Serve the faults, crawl them in a subprocess, judge each one."""
    work.mkdir(parents=True, exist_ok=True)
    out = work / "crawl.json"
    started = time.monotonic()
    with fault_server() as base:
        port = base.rsplit(":", 1)[1]
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.faults", base, str(out)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        hits = dict(FaultHandler.hits)
        huge_sent = FaultHandler.sent_bytes["/huge"]
    seconds = time.monotonic() - started
    problems: list[str] = []
    if done.returncode != 0 or not out.exists():
        problems.append(f"crawl crashed (exit {done.returncode}): {done.stderr[-800:]}")
        return _summary(len(EVERY_FAULT), problems, seconds)
    crawled = json.loads(out.read_text())
    results: dict[str, str] = crawled["results"]
    for target, expected in EVERY_FAULT.items():
        url = target.format(port=port)
        url = url if url.startswith("http") else base + url
        got = results.get(url, "not reported")
        if target == "/redirect-loop":
            # Scrapy drops the loop's repeat as a duplicate request, or stops at its limit.
            if got.startswith("ok") or hits.get(target, 0) > 6:
                problems.append(f"{target}: loop not bounded ({hits.get(target, 0)} requests)")
        elif expected == "bounded":
            pages = sum(1 for u in results if "/page/" in u)
            if pages > PAGE_LIMIT or "page-limit" not in crawled["refusals"]:
                problems.append(f"{target}: pagination not bounded ({pages} pages)")
        elif not got.startswith(expected):
            problems.append(f"{target}: expected {expected}, got {got}")
    # Bounded retries: no fault was asked for more than the retries allow.
    for path in ("/always-503", "/always-500", "/slow", "/truncated", "/post-always-dropped"):
        if hits.get(path, 0) > 3:
            problems.append(f"{path}: requested {hits[path]} times (retries unbounded)")
    if hits.get("/429-then-ok", 0) < 2 or hits.get("/503-then-ok", 0) < 3:
        problems.append("429/503 with Retry-After were not retried")
    if huge_sent >= HUGE_BYTES:
        problems.append("the 50 MB body was downloaded whole")
    return _summary(len(EVERY_FAULT), problems, seconds, crawled)


def _summary(
    tried: int, problems: list[str], seconds: float, crawled: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "label": "faults handled",
        "tried": tried,
        "handled": tried - len(problems),
        "lost": 0,
        "duplicated": 0,
        "problems": problems,
        "seconds": round(seconds, 1),
        "refusals": (crawled or {}).get("refusals", {}),
    }


if __name__ == "__main__":
    crawl(sys.argv[1], Path(sys.argv[2]))
