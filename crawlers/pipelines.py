"""The item pipeline: decide new / changed / unchanged by sha256, extract text, keep state."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler

from crawlers.archive import RawArchive, utc_now
from crawlers.extract import NO_TEXT_LAYER, ExtractionError, TextHooks, extract_text
from crawlers.items import FailedDocument, FetchedDocument, UnchangedDocument
from crawlers.middlewares import tiplex_settings
from crawlers.outcomes import OutcomeLog, outcomes_for
from crawlers.quarantine import quarantine_bytes
from crawlers.state import CrawlState, StoredDocument


def quarantine_name(doc_id: str, content_type: str) -> str:
    extension = ".pdf" if "pdf" in content_type else ".html" if "html" in content_type else ""
    return doc_id.split(":", 1)[-1] + extension


class StatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        settings = tiplex_settings(crawler)
        if settings is None:
            raise ValueError("TIPLEX_HOME is not set: the crawler needs tiplex's data folder")
        self.archive = RawArchive(settings.archive_dir)
        self.state = CrawlState(settings.crawl_db)
        self.quarantine_dir = settings.quarantine_dir
        self.outcomes: OutcomeLog = outcomes_for(crawler)
        # The source's own main-content and boilerplate hooks (class methods of the spider).
        self.hooks: TextHooks | None = type(crawler.spider) if crawler.spider else None
        # Replaying the archive: same bytes, but today's extractors and hooks; every rebuilt
        # document goes back to the later stages.
        self.replaying = crawler.settings.getbool("TIPLEX_REPLAY")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def close_spider(self) -> None:
        self.state.close()

    def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedDocument):
            self._fetched(item)
        elif isinstance(item, UnchangedDocument):
            self.outcomes.add("unchanged", doc_id=item.doc_id)
        elif isinstance(item, FailedDocument):
            self.outcomes.add("failed", doc_id=item.doc_id, error=item.error)
        return item

    def _fetched(self, item: FetchedDocument) -> None:
        self.outcomes.add("fetched", doc_id=item.doc_id)
        fetched_at = item.fetched_at or utc_now()
        change = self.state.classify(item.doc_id, item.sha256)
        if change == "unchanged" and not self.replaying:
            # The server ignored our validators (or had none) but sent the same bytes.
            self.state.refresh_validators(
                item.doc_id, etag=item.etag, last_modified=item.last_modified, fetched_at=fetched_at
            )
            self.outcomes.add("unchanged", doc_id=item.doc_id)
            return
        raw_path = self.archive.path_for(item.sha256)
        if not raw_path.is_file():
            # Only a body the archive holds can be re-read later; report, never crash.
            error = f"{item.source_id}: {item.doc_id}: body not in the archive ({item.url})"
            self.outcomes.add("failed", doc_id=item.doc_id, error=error)
            return
        raw = raw_path.read_bytes()
        try:
            text = extract_text(raw, item.content_type, item.url, self.hooks)
            reason = "" if text.strip() else _empty_reason(item.content_type)
        except ExtractionError as error:
            text, reason = "", str(error)
        if reason:
            where = quarantine_bytes(
                self.quarantine_dir,
                item.source_id,
                quarantine_name(item.doc_id, item.content_type),
                raw,
                f"{item.doc_id} ({item.url}): {reason}",
            )
            self.outcomes.add(
                "failed",
                doc_id=item.doc_id,
                error=f"{item.source_id}: {item.doc_id}: {reason}; quarantined at {where}",
            )
            return
        self.state.upsert(_stored(item, raw_path, text, fetched_at))
        if self.replaying:
            self.state.reopen(item.doc_id)
            change = "changed" if change == "unchanged" else change  # rebuilt: goes downstream
        self.outcomes.add(change, doc_id=item.doc_id)


def _empty_reason(content_type: str) -> str:
    return NO_TEXT_LAYER if "pdf" in content_type else "no text found"


def _stored(item: FetchedDocument, raw_path: Path, text: str, fetched_at: str) -> StoredDocument:
    return StoredDocument(
        doc_id=item.doc_id,
        source_id=item.source_id,
        url=item.url,
        sha256=item.sha256,
        raw_path=str(raw_path),
        content_type=item.content_type,
        fetched_at=fetched_at,
        country=item.country,
        language=item.language,
        doc_type=item.doc_type,
        title=item.title,
        court=item.court,
        case_number=item.case_number,
        decision_date=item.decision_date,
        metadata=dict(item.metadata),
        text=text,
        etag=item.etag,
        last_modified=item.last_modified,
    )
