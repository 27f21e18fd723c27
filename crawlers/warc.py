"""Every response of a crawl in WARC files, and a download handler that replays them.

A crawl writes `<home>/warc/<source_id>/<UTC time>-<pid>.warc.gz`: for each response, the
request (method, URL, headers) and the response (status, headers, body) as the field's
archives do, with `WARC-Date` the fetch time. A `WARC-Tiplex-Canonical-URI` field names the
page's URL on the real site, so a crawl of a mirror replays as the real site.

`ReplayHandler` answers a crawl's requests from those files instead of the network: the newest
record of each canonical URL (a 304 answer replays the last full body before it), or a 404 when
none was archived. `tiplex reprocess` runs the spiders over it to rebuild documents with the
current extractors without a single request leaving the machine.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CANONICAL_FIELD = "WARC-Tiplex-Canonical-URI"
# The request body's digest, for requests with one (POST searches, JSON APIs): one URL answers
# differently for each body, so replay looks answers up by URL and body.
BODY_FIELD = "WARC-Tiplex-Request-Body-SHA256"
REPLAY_HEADER = "X-Tiplex-Replay"  # on a replayed answer: its WARC-Date, the original fetch time
FETCHED_AT_META = "tiplex_fetched_at"  # request meta: the WARC-Date its answer was recorded with
# On a replayed answer: the address the archived answer was fetched from (a mirror's, when the
# crawl went through one), so a rebuilt document keeps what the original one recorded.
REPLAYED_FROM_HEADER = "X-Tiplex-Replayed-From"


def warc_dir(home: Path, source_id: str) -> Path:
    return home / "warc" / source_id


def _warc_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _header_pairs(headers: Headers) -> list[tuple[str, str]]:
    return [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in headers.items()
        for value in values
    ]


class WarcRecorder:
    """One WARC file for one crawl, opened on the first response."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self.path: Path | None = None

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            self.path = self.folder / f"{stamp}-{os.getpid()}.warc.gz"
            self._file = self.path.open("wb")
            self._writer = WARCWriter(self._file, gzip=True)
        return self._writer

    def record(self, request: Request, response: Response, canonical_url: str) -> str:
        """Write the request and its response; the WARC-Date they were recorded with."""
        writer = self._open()
        fetched = _warc_date(datetime.now(UTC))
        fields = {"WARC-Date": fetched, CANONICAL_FIELD: canonical_url}
        if request.body:
            fields[BODY_FIELD] = hashlib.sha256(request.body).hexdigest()
        parts = urlsplit(request.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        request_line = StatusAndHeaders(
            f"{request.method} {target or '/'} HTTP/1.1",
            [("Host", parts.netloc), *_header_pairs(request.headers)],
            is_http_request=True,
        )
        request_record = writer.create_warc_record(
            request.url,
            "request",
            payload=BytesIO(request.body or b""),
            http_headers=request_line,
            warc_headers_dict=dict(fields),
        )
        status_line = StatusAndHeaders(
            f"{response.status} {_REASONS.get(response.status, 'Status')}",
            _header_pairs(response.headers),
            protocol="HTTP/1.1",
        )
        response_record = writer.create_warc_record(
            response.url,
            "response",
            payload=BytesIO(response.body),
            http_headers=status_line,
            warc_headers_dict=dict(fields),
        )
        writer.write_record(request_record)
        writer.write_record(response_record)
        assert self._file is not None
        self._file.flush()  # a crash keeps what was fetched before it
        return fetched

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = self._writer = None


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    url: str
    canonical_url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str
    request_body_sha256: str = ""

    @property
    def key(self) -> str:
        return replay_key(self.canonical_url, self.request_body_sha256)


def replay_key(canonical_url: str, body_sha256: str = "") -> str:
    return f"{canonical_url} {body_sha256}".strip()


def archived_responses(folder: Path) -> Iterator[ArchivedResponse]:
    """Every response record under `folder`, oldest file first."""
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                yield ArchivedResponse(
                    url=url,
                    canonical_url=record.rec_headers.get_header(CANONICAL_FIELD) or url,
                    status=int(record.http_headers.get_statuscode() or 0),
                    headers=list(record.http_headers.headers),
                    body=record.content_stream().read(),
                    fetched_at=record.rec_headers.get_header("WARC-Date") or "",
                    request_body_sha256=record.rec_headers.get_header(BODY_FIELD) or "",
                )


def replay_index(folder: Path) -> dict[str, ArchivedResponse]:
    """Replay key (canonical URL, and request body digest if any) → its newest full answer
    (200-299, 404 …); a 304 never hides the body it confirmed."""
    index: dict[str, ArchivedResponse] = {}
    for archived in archived_responses(folder):
        if archived.status == 304 and archived.key in index:
            continue
        index[archived.key] = archived
    return index


class ReplayHandler(BaseDownloadHandler):
    """Download handler for http and https that never touches the network."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._index: dict[str, ArchivedResponse] | None = None

    def _lookup(self, url: str, body_digest: str) -> ArchivedResponse | None:
        spider = self.crawler.spider
        if self._index is None:
            home = Path(self.crawler.settings.get("TIPLEX_HOME"))
            self._index = replay_index(warc_dir(home, spider.name))
        canonical = spider.canonical_url(url) if hasattr(spider, "canonical_url") else url
        return self._index.get(replay_key(canonical, body_digest))

    async def download_request(self, request: Request) -> Response:
        digest = hashlib.sha256(request.body).hexdigest() if request.body else ""
        archived = self._lookup(request.url, digest)
        if archived is None:
            return Response(
                request.url, status=404, headers={REPLAY_HEADER: "not archived"}, request=request
            )
        headers = Headers(archived.headers)
        headers[REPLAY_HEADER] = archived.fetched_at
        headers[REPLAYED_FROM_HEADER] = archived.url
        response_class = responsetypes.from_args(
            headers=headers, url=request.url, body=archived.body
        )
        return response_class(
            url=request.url,
            status=archived.status,
            headers=headers,
            body=archived.body,
            request=request,
        )


class WarcMiddleware:
    """Downloader middleware: every answer as the server sent it (before decompression,
    redirects and retries, which replaying goes through again), unless this crawl replays."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        home = crawler.settings.get("TIPLEX_HOME")
        replaying = crawler.settings.getbool("TIPLEX_REPLAY")
        self.recorder: WarcRecorder | None = None
        if home and not replaying:
            self.recorder = WarcRecorder(warc_dir(Path(home), crawler.spidercls.name))
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.recorder is not None:
            spider = self.crawler.spider
            canonical = spider.canonical_url(response.url) if spider else response.url
            # The document's fetch time is the archive's, so a replay can give it back.
            request.meta[FETCHED_AT_META] = self.recorder.record(request, response, canonical)
        return response

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()


_REASONS = {200: "OK", 304: "Not Modified", 404: "Not Found", 429: "Too Many Requests"}
