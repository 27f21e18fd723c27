"""A local site for sources whose pages are told apart by query strings and POST bodies.

The static mirror server answers by path alone; the Thai Supreme Court (POST forms), MLIS
(POSTed JSON) and the SharePoint / WebCenter sites (`?ItemID=`, `?dDocName=`) need the
parameters too. Each route names a method, a path, the parameters that must be present with
their values (from the query string, a form body or a JSON body), and the saved file to answer
with. GET answers carry an ETag and honour `If-None-Match`, as the real servers do.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    file: Path
    params: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "text/html"  # no charset: the page's own bytes decide, as on the sites


@dataclass
class ServedSite:
    url: str
    log: list[tuple[str, str, int]] = field(default_factory=list)  # method, path+query, status

    def served(self, fragment: str, status: int = 200) -> int:
        return sum(1 for _, target, code in self.log if fragment in target and code == status)


def _parameters(query: str, body: bytes, content_type: str) -> dict[str, str]:
    found = dict(parse_qsl(query, keep_blank_values=True))
    if body and "json" in content_type:
        data = json.loads(body.decode("utf-8"))
        found.update({str(k): str(v) for k, v in data.items()})
    elif body:
        found.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return found


@contextmanager
def serve_routes(routes: list[Route]) -> Iterator[ServedSite]:
    site = ServedSite(url="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            return

        def _answer(self, body: bytes) -> None:
            target = urlsplit(self.path)
            params = _parameters(target.query, body, self.headers.get("Content-Type", ""))
            route = next(
                (
                    r
                    for r in routes
                    if r.method == self.command
                    and r.path == target.path
                    and all(params.get(k) == v for k, v in r.params.items())
                ),
                None,
            )
            if route is None:
                self._reply(404, b"not found", "text/plain", {})
                return
            content = route.file.read_bytes()
            etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
            if self.command == "GET" and self.headers.get("If-None-Match") == etag:
                self._reply(304, b"", None, {"ETag": etag})
                return
            self._reply(200, content, route.content_type, {"ETag": etag})

        def _reply(
            self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]
        ) -> None:
            site.log.append((self.command, self.path, status))
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            self._answer(b"")

        def do_POST(self) -> None:  # noqa: N802 - stdlib naming
            length = int(self.headers.get("Content-Length") or 0)
            self._answer(self.rfile.read(length))

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


def _file(source: str, name: str) -> Path:
    return EXAMPLES / source / name


def thai_supreme_court() -> list[Route]:
    folder = "th_supremecourt_judgments"
    return [
        Route("POST", "/search", _file(folder, "search-results.team.html"), {"word": "ค้ามนุษย์"}),
        Route(
            "POST",
            "/printing/deka",
            _file(folder, "print-1234-2567.team.html"),
            {"docid": "9187345", "plongtext": "1"},
        ),
        # docid 9190012 has no route: a decision the Court's print form fails on
    ]


def krisdika() -> list[Route]:
    return [
        Route(
            "GET",
            "/librarian/getfile",
            _file("th_krisdika_legislation", "getfile-atip-act.team.html"),
            {"sysid": "571127", "ext": "htm"},
            "text/html",  # no charset, as the file service sends it
        ),
    ]


def vbpl() -> list[Route]:
    folder = "vn_vbpl_legislation"
    return [
        Route(
            "GET",
            "/VBQPPL_UserControls/Publishing_22/TimKiem/p_KetQuaTimKiemHopNhat.aspx",
            _file(folder, "search-results-trafficking.team.html"),
            {"Keyword": "mua bán người"},
        ),
        Route(
            "GET",
            "/TW/Pages/vbpq-thuoctinh.aspx",
            _file(folder, "thuoctinh-32801.real.html"),
            {"ItemID": "32801"},
        ),
        Route(
            "GET",
            "/TW/Pages/vbpq-thuoctinh.aspx",
            _file(folder, "thuoctinh-96172.real.html"),
            {"ItemID": "96172"},
        ),
        Route(
            "GET",
            "/TW/Pages/vbpq-toanvan.aspx",
            _file(folder, "toanvan-32801.real.html"),
            {"ItemID": "32801"},
        ),
        Route(
            "GET",
            "/TW/Pages/vbpq-toanvan.aspx",
            _file(folder, "toanvan-96172-empty.team.html"),
            {"ItemID": "96172"},
        ),
        Route(
            "GET",
            "/TW/Lists/vbpq/Attachments/96172/101.2015.QH13.doc",
            _file(folder, "101.2015.QH13.doc"),
            {},
            "application/msword",
        ),
    ]


def mlis() -> list[Route]:
    folder = "mm_mlis_legislation"
    return [
        Route(
            "POST",
            "/mLsScList.do",
            _file(folder, "list-page1.team.json"),
            {"pageIndex": "1"},
            "application/json",
        ),
        Route("GET", "/mLsView.do", _file(folder, "view-9001.team.html"), {"lawordSn": "9001"}),
        Route("GET", "/mLsView.do", _file(folder, "view-9001.team.html"), {"lawordSn": "9002"}),
        Route("GET", "/mLsView.do", _file(folder, "view-9001.team.html"), {"lawordSn": "9003"}),
        Route(
            "POST",
            "/mLsViewDetail.do",
            _file(folder, "detail-9001.team.html"),
            {"lawordSn": "9001"},
        ),
        Route(
            "POST",
            "/mLsViewDetail.do",
            _file(folder, "detail-9002.team.html"),
            {"lawordSn": "9002"},
        ),
        Route(
            "POST",
            "/mLsViewDetail.do",
            _file(folder, "detail-9003-zawgyi.team.html"),
            {"lawordSn": "9003"},
        ),
    ]


def anle() -> list[Route]:
    folder = "vn_anle_precedents"
    return [
        Route("GET", "/webcenter/portal/anle/anle", _file(folder, "listing.team.html")),
        Route(
            "GET",
            "/webcenter/portal/anle/chitietanle",
            _file(folder, "precedent-63-2023-AL.real.html"),
            {"dDocName": "TAND292162"},
        ),
        Route(
            "GET",
            "/webcenter/pdfview",
            _file(folder, "pdfview-TAND292162.team.pdf"),
            {"dDocName": "TAND292162"},
            "application/pdf",
        ),
    ]
