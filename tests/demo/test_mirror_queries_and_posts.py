"""The mirror answers sites whose query string or POST body picks the page."""

from __future__ import annotations

import hashlib
import http.client
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tiplex.demo.server import serve_directory


def fetch(url: str, body: bytes | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], b""


def test_each_query_has_its_own_page_and_the_plain_file_answers_the_rest(tmp_path: Path) -> None:
    (tmp_path / "list.html%3Flang=en").write_text("<p>English</p>", encoding="utf-8")
    (tmp_path / "list.html%3Flang=bm").write_text("<p>Melayu</p>", encoding="utf-8")
    (tmp_path / "list.html").write_text("<p>plain</p>", encoding="utf-8")
    with serve_directory(tmp_path) as server:
        assert fetch(f"{server.url}/list.html?lang=en") == (200, "text/html", b"<p>English</p>")
        assert fetch(f"{server.url}/list.html?lang=bm")[2] == b"<p>Melayu</p>"
        assert fetch(f"{server.url}/list.html?lang=xx")[2] == b"<p>plain</p>"


def test_pages_without_an_extension_are_typed_by_their_first_bytes(tmp_path: Path) -> None:
    (tmp_path / "docmonth").mkdir()
    (tmp_path / "docmonth" / "1").write_bytes(b"\r\n<!DOCTYPE html><html></html>")
    (tmp_path / "fragment").write_bytes(b'<div class="col-lg-8"></div>')
    (tmp_path / "tree").write_bytes(b"<?xml version='1.0'?><tree/>")
    with serve_directory(tmp_path) as server:
        assert fetch(f"{server.url}/docmonth/1")[1] == "text/html"
        assert fetch(f"{server.url}/tree")[1] == "text/xml"
        assert fetch(f"{server.url}/fragment")[1] == "text/html"


def test_a_post_is_answered_by_the_file_named_after_its_body(tmp_path: Path) -> None:
    question = b'{"Param":{"CurrPage":1}}'
    answers = tmp_path / "service.asmx" / "Search.post"
    answers.mkdir(parents=True)
    (answers / hashlib.sha256(question).hexdigest()[:16]).write_bytes(b'{"d": {}}')
    with serve_directory(tmp_path) as server:
        url = f"{server.url}/service.asmx/Search"
        assert fetch(url, question) == (200, "application/json", b'{"d": {}}')
        assert fetch(url, b'{"Param":{"CurrPage":2}}')[0] == 404
        assert ("POST", "/service.asmx/Search", 200) in server.log.entries


@pytest.mark.parametrize("path", ["/list.html%3F..%2F..%2Fetc", "/..%2F..%2Fetc%2Fpasswd"])
def test_variants_do_not_escape_the_mirror(tmp_path: Path, path: str) -> None:
    (tmp_path / "list.html").write_text("x", encoding="utf-8")
    with serve_directory(tmp_path) as server:
        assert fetch(server.url + path)[0] == 404


def test_every_answer_says_the_connection_closes(tmp_path: Path) -> None:
    # The server closes each connection after one answer. A client not told so pools the
    # connection and sends its next request on it; a POST sent there is lost (Twisted retries
    # only idempotent methods on a reused connection), as search answers once were.
    question = b'{"Param":{"CurrPage":1}}'
    answers = tmp_path / "Search.post"
    answers.mkdir()
    (answers / hashlib.sha256(question).hexdigest()[:16]).write_bytes(b"{}")
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    with serve_directory(tmp_path) as server:
        host, port = server.url.removeprefix("http://").split(":")

        # http.client, not `fetch`: urllib asks for Connection: close itself, and the answer
        # must say it to a client that would keep the connection.
        def answer(method: str, path: str, **request: Any) -> http.client.HTTPResponse:
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            connection.request(method, path, **request)
            response = connection.getresponse()
            response.read()
            connection.close()
            return response

        page = answer("GET", "/page.html")
        asked = {
            "POST": answer("POST", "/Search", body=question),
            "GET": page,
            "404": answer("GET", "/missing.html"),
            "304": answer("GET", "/page.html", headers={"If-None-Match": page.getheader("ETag")}),
        }
        assert [r.status for r in asked.values()] == [200, 200, 404, 304]
        for name, response in asked.items():
            assert response.getheader("Connection") == "close", name
