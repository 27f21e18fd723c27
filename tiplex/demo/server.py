"""A small static HTTP server for the demo mirror and for tests.

It behaves like a well-kept origin server, because the crawlers' incremental logic depends on it:
strong ETags from the content, `Last-Modified`, `304 Not Modified` on `If-None-Match` /
`If-Modified-Since`, and `application/pdf` for extension-less files that start with `%PDF`
(putusan3 serves its PDFs from paths without an extension), and `Connection: close` on every
answer, since it closes each connection after one. Every request is logged so tests can check
what was downloaded.

Sites whose query string picks the page (`list.html?lang=en` and `?lang=bm`) are mirrored as one
file per query: `list.html%3Flang=en` (the `?` percent-encoded, the query as sent), else the
plain `list.html` answers. A POST (a JSON web service) is answered from
`<path>.post/<first 16 hex digits of the body's sha256>`, so one question is one file.
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

QUERY_MARK = "%3F"  # joins a path and its query in the name of a query variant's file
POST_SUFFIX = ".post"  # `<path>.post/` holds the answers to POSTs to <path>


@dataclass
class RequestLog:
    """(method, path, status) for every request served, in order."""

    entries: list[tuple[str, str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, method: str, path: str, status: int) -> None:
        with self.lock:
            self.entries.append((method, path, status))

    def bodies_served(self, path_contains: str = "") -> int:
        """How many 200 responses were sent for paths containing `path_contains`."""
        with self.lock:
            return sum(1 for _, p, s in self.entries if s == 200 and path_contains in p)


def posted_answer_name(name: str, body: bytes) -> str:
    """The mirror file answering a POST of `body` to `name` (a path, or a path and its query
    joined by QUERY_MARK): site fixtures name their saved answers with it."""
    return f"{name}{POST_SUFFIX}/{hashlib.sha256(body).hexdigest()[:16]}"


def _content_type(path: Path, head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if path.parent.name.endswith(POST_SUFFIX):
        return "application/json"  # a web service's answer
    # A query variant ("list.html%3Flang=en") has the type of its page ("list.html").
    guessed, _ = mimetypes.guess_type(path.name.split(QUERY_MARK, 1)[0])
    if guessed in ("text/html", "text/plain", "text/xml") or (guessed or "").startswith("text/"):
        return guessed or "text/plain"
    if guessed is None:
        # Extension-less pages (`/docmonth/Jun/2025/1`) are typed by their first bytes.
        start = head.lstrip().lower()
        if start.startswith(b"<?xml"):
            return "text/xml"
        if start.startswith(b"<"):
            return "text/html"  # a page, or a fragment an AJAX call returns
    return guessed or "application/octet-stream"


def _make_handler(root: Path, log: RequestLog) -> type[BaseHTTPRequestHandler]:
    class MirrorHandler(BaseHTTPRequestHandler):
        server_version = "tiplex-mirror/1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            return  # quiet: the RequestLog keeps what tests need

        def _resolve(self, posted: bytes | None = None) -> Path | None:
            parts = urlsplit(self.path)
            relative = unquote(parts.path).lstrip("/")
            names = [relative + QUERY_MARK + parts.query] if parts.query else []
            names.append(relative)
            if posted is not None:
                names = [posted_answer_name(name, posted) for name in names]
            for name in names:
                candidate = (root / name).resolve()
                if root not in candidate.parents and candidate != root:
                    return None  # path traversal
                if candidate.is_dir():
                    candidate = candidate / "index.html"
                if candidate.is_file():
                    return candidate
            return None

        def _send(self, with_body: bool, posted: bytes | None = None) -> None:
            path = self._resolve(posted)
            if path is None:
                self._reply(HTTPStatus.NOT_FOUND, b"not found", "text/plain", {}, with_body)
                return
            body = path.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
            headers = {"ETag": etag, "Last-Modified": modified}
            if self._not_modified(etag, path.stat().st_mtime):
                self._reply(HTTPStatus.NOT_MODIFIED, b"", None, headers, False)
                return
            self._reply(HTTPStatus.OK, body, _content_type(path, body[:512]), headers, with_body)

        def _not_modified(self, etag: str, mtime: float) -> bool:
            if_none_match = self.headers.get("If-None-Match")
            if if_none_match is not None:
                return (
                    etag in [tag.strip() for tag in if_none_match.split(",")]
                    or if_none_match == "*"
                )
            since = self.headers.get("If-Modified-Since")
            if since:
                parsed = email.utils.parsedate_to_datetime(since)
                return parsed is not None and int(mtime) <= parsed.timestamp()
            return False

        def _reply(
            self,
            status: HTTPStatus,
            body: bytes,
            content_type: str | None,
            headers: dict[str, str],
            with_body: bool,
        ) -> None:
            log.add(self.command, self.path, int(status))
            self.send_response(status)
            # This handler speaks HTTP/1.0 and closes the connection after each answer; saying
            # so keeps clients from pooling it. Twisted (under Scrapy) otherwise reuses the
            # closing connection, and a POST sent on it is lost with ConnectionDone (Twisted
            # silently retries only idempotent methods), which dropped search answers of the
            # POST sources under load.
            self.send_header("Connection", "close")
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != HTTPStatus.NOT_MODIFIED:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body and body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            self._send(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
            self._send(with_body=False)

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            length = int(self.headers.get("Content-Length") or 0)
            self._send(with_body=True, posted=self.rfile.read(length))

    return MirrorHandler


@dataclass
class RunningServer:
    url: str  # e.g. http://127.0.0.1:43121 (no trailing slash)
    log: RequestLog


@contextmanager
def serve_directory(root: Path, port: int = 0) -> Iterator[RunningServer]:
    """Serve `root` on 127.0.0.1 (a free port unless given) in a background thread."""
    log = RequestLog()
    server = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(root.resolve(), log))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="tiplex-mirror", daemon=True)
    thread.start()
    try:
        yield RunningServer(url=f"http://127.0.0.1:{server.server_address[1]}", log=log)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
