"""A local site whose answers a test scripts: `429 + Retry-After` once, then the file, etc.

Every request is logged with its arrival time, so a test can check when a host was asked."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class ScriptedSite:
    root: Path
    # path fragment → answers still to give (in order) to the next requests whose path
    # contains it, before files are served again: (status, headers)
    script: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    log: list[tuple[float, str, int]] = field(default_factory=list)  # (monotonic, path, status)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            scripted = next((a for f, a in self.script.items() if f in path and a), None)
            if scripted:
                status, headers = scripted.pop(0)
                self.log.append((time.monotonic(), path, status))
                return status, headers, b"try again later"
        file = self.root / unquote(path).lstrip("/")
        status = 200 if file.is_file() else 404
        with self.lock:
            self.log.append((time.monotonic(), path, status))
        body = file.read_bytes() if status == 200 else b"not found"
        kind = "application/pdf" if body.startswith(b"%PDF") else "text/html"
        return status, {"Content-Type": kind if status == 200 else "text/plain"}, body

    def requests_for(self, fragment: str) -> list[tuple[float, str, int]]:
        with self.lock:
            return [entry for entry in self.log if fragment in entry[1]]


@contextmanager
def serve_scripted(site: ScriptedSite) -> Iterator[ScriptedSite]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            status, headers, body = site.answer(urlsplit(self.path).path)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
