"""The archive stores bytes by content; the state decides new / changed / unchanged / pending."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from crawlers.archive import RawArchive, sha256_hex
from crawlers.dates import months_between, parse_bound, parse_day_month_year, parse_written_date
from crawlers.middlewares import retry_after_seconds
from crawlers.outcomes import summarise
from crawlers.sources.ph_lawphil_judgments import PhLawphilJudgments
from crawlers.state import CrawlState, StoredDocument


def test_archive_is_content_addressed_and_records_where_bytes_came_from(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    blob = archive.put(b"judgment bytes", url="https://a.example/1", content_type="text/html")
    digest = sha256_hex(b"judgment bytes")
    assert blob.sha256 == digest
    assert blob.path == tmp_path / digest[:2] / digest
    assert archive.read(digest) == b"judgment bytes"
    again = archive.put(b"judgment bytes", url="https://mirror.example/1", content_type="text/html")
    assert again.path == blob.path
    sidecar = json.loads(archive.sidecar_for(digest).read_text(encoding="utf-8"))
    assert sidecar["url"] == "https://a.example/1"
    assert sidecar["also_at"] == ["https://mirror.example/1"]
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 2


def _row(doc_id: str, sha: str) -> StoredDocument:
    return StoredDocument(
        doc_id=doc_id,
        source_id="src",
        url=f"https://a.example/{doc_id}",
        sha256=sha,
        raw_path="/archive/x",
        content_type="text/html",
        fetched_at="2026-01-05T03:00:00Z",
        title="T",
        metadata={"k": "v"},
        text="body",
    )


def test_state_classifies_by_sha256_and_tracks_pending_versions(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "crawl.sqlite")
    assert state.classify("src:1", "aaa") == "new"
    state.upsert(_row("src:1", "aaa"))
    assert state.classify("src:1", "aaa") == "unchanged"
    assert state.classify("src:1", "bbb") == "changed"
    pending = state.pending("src")
    assert [d.doc_id for d in pending] == ["src:1"]
    assert pending[0].to_document().metadata == {"k": "v"}

    state.acknowledge([pending[0].to_document()])
    assert state.pending("src") == []
    state.upsert(_row("src:1", "bbb"))  # a new version: pending again, acknowledgement kept
    assert [d.sha256 for d in state.pending("src")] == ["bbb"]
    stale = replace(pending[0].to_document(), sha256="aaa")
    state.acknowledge([stale])  # acknowledging the old version does not hide the new one
    assert [d.sha256 for d in state.pending("src")] == ["bbb"]


def test_state_keeps_validators_for_conditional_requests(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "crawl.sqlite")
    state.upsert(replace(_row("src:1", "aaa"), etag='"e1"'))
    state.refresh_validators("src:1", etag=None, last_modified="Mon, 05 Jan 2026 03:00:00 GMT",
                             fetched_at="2026-01-12T03:00:00Z")  # fmt: skip
    stored = state.get("src:1")
    assert stored is not None
    assert (stored.etag, stored.last_modified) == ('"e1"', "Mon, 05 Jan 2026 03:00:00 GMT")
    assert state.known_ids("src") == {"src:1"} and state.known_ids("other") == set()


def test_outcomes_count_each_document_once() -> None:
    lines = [
        '{"event": "discovered", "doc_id": "a"}',
        '{"event": "discovered", "doc_id": "a"}',
        '{"event": "new", "doc_id": "a"}',
        '{"event": "failed", "doc_id": null, "error": "listing: HTTP 500"}',
        '{"event": "finished", "reason": "finished"}',
    ]
    summary = summarise(lines)
    assert summary.counts["discovered"] == 1 and summary.counts["failed"] == 1
    assert summary.errors == ("listing: HTTP 500",) and summary.finished


def test_dates_as_the_sources_write_them() -> None:
    assert parse_written_date("December 3, 2014") == "2014-12-03"
    assert parse_written_date("Approved: Sept. 30, 2022") == "2022-09-30"
    assert parse_written_date("tanggal 18 Juni 2024") is None  # day-first is not this format
    assert parse_day_month_year("Putus : 12-06-2024") == "2024-06-12"
    assert parse_bound("2024-02", end=True).isoformat() == "2024-02-29"
    assert parse_bound("2023", end=False).isoformat() == "2023-01-01"
    first, last = parse_bound("2023-11", end=False), parse_bound("2024-01", end=True)
    assert months_between(first, last) == [(2023, 11), (2023, 12), (2024, 1)]


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 5, 3, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Mon, 05 Jan 2026 03:01:00 GMT", now=now) == 60
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_links_on_the_real_host_are_rebased_onto_the_configured_root() -> None:
    spider = PhLawphilJudgments(base_url="http://127.0.0.1:8000/lawphil.net")
    assert spider.rebase("https://lawphil.net/statutes/a.html") == (
        "http://127.0.0.1:8000/lawphil.net/statutes/a.html"
    )
    assert spider.rebase("https://elsewhere.example/a") == "https://elsewhere.example/a"
    assert spider.canonical_url("http://127.0.0.1:8000/lawphil.net/x.html") == (
        "https://lawphil.net/x.html"
    )
