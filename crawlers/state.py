"""Crawl state: one SQLite row per document, the memory that makes weekly runs incremental.

A row says which version (sha256) of a document was last archived, the validators the server gave
for it (ETag, Last-Modified) and which version the later stages acknowledged. "Pending" documents
are those whose archived version was never acknowledged: new, changed, or left over by a run that
crashed before the later stages finished.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tiplex.crashpoints import crashpoint
from tiplex.records import Document

Change = Literal["new", "changed", "unchanged"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    raw_path TEXT NOT NULL,
    content_type TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    doc_type TEXT NOT NULL DEFAULT 'other',
    title TEXT NOT NULL DEFAULT '',
    court TEXT,
    case_number TEXT,
    decision_date TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    acknowledged_sha256 TEXT
);
CREATE INDEX IF NOT EXISTS documents_by_source ON documents (source_id);
"""


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One row of the state: the latest archived version of a document and its validators."""

    doc_id: str
    source_id: str
    url: str
    sha256: str
    raw_path: str
    content_type: str
    fetched_at: str
    country: str = ""
    language: str = ""
    doc_type: str = "other"
    title: str = ""
    court: str | None = None
    case_number: str | None = None
    decision_date: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    text: str = ""
    etag: str | None = None
    last_modified: str | None = None
    acknowledged_sha256: str | None = None

    @classmethod
    def from_document(cls, document: Document) -> StoredDocument:
        """The row for a freshly read document (no validators: it was not fetched over HTTP)."""
        return cls(
            doc_id=document.doc_id,
            source_id=document.source_id,
            url=document.url,
            sha256=document.sha256,
            raw_path=document.raw_path,
            content_type=document.content_type,
            fetched_at=document.fetched_at,
            country=document.country,
            language=document.language,
            doc_type=document.doc_type,
            title=document.title,
            court=document.court,
            case_number=document.case_number,
            decision_date=document.decision_date,
            metadata=dict(document.metadata),
            text=document.text,
        )

    def to_document(self) -> Document:
        return Document(
            doc_id=self.doc_id,
            source_id=self.source_id,
            url=self.url,
            country=self.country,
            language=self.language,
            doc_type=self.doc_type,  # type: ignore[arg-type]  # stored from a DocType
            title=self.title,
            text=self.text,
            sha256=self.sha256,
            content_type=self.content_type,
            raw_path=self.raw_path,
            fetched_at=self.fetched_at,
            court=self.court,
            case_number=self.case_number,
            decision_date=self.decision_date,
            metadata=dict(self.metadata),
        )


_COLUMNS = [
    "doc_id", "source_id", "url", "sha256", "etag", "last_modified", "raw_path", "content_type",
    "country", "language", "doc_type", "title", "court", "case_number", "decision_date",
    "metadata", "text", "fetched_at", "acknowledged_sha256",
]  # fmt: skip


def _row_to_stored(row: sqlite3.Row) -> StoredDocument:
    values = {name: row[name] for name in _COLUMNS}
    values["metadata"] = json.loads(values["metadata"] or "{}")
    return StoredDocument(**values)


class CrawlState:
    """The state file `settings.crawl_db`. The crawler subprocess and the parent process each
    hold their own connection; WAL mode lets one read while the other writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db: sqlite3.Connection | None = None
        with self._connect() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if self._db is None:
            self._db = sqlite3.connect(self.path, timeout=30)
            self._db.row_factory = sqlite3.Row
            # NORMAL skips an fsync per commit in WAL mode; a crash may lose the last rows,
            # which the next run simply fetches again.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        with self._db:  # one transaction, committed on success
            yield self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, doc_id: str) -> StoredDocument | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return _row_to_stored(row) if row else None

    def known_ids(self, source_id: str) -> set[str]:
        with self._connect() as db:
            rows = db.execute("SELECT doc_id FROM documents WHERE source_id = ?", (source_id,))
            return {row["doc_id"] for row in rows}

    def classify(self, doc_id: str, sha256: str) -> Change:
        """New vs changed vs unchanged is decided by the sha256 of the raw bytes, nothing else."""
        stored = self.get(doc_id)
        if stored is None:
            return "new"
        return "unchanged" if stored.sha256 == sha256 else "changed"

    def upsert(self, document: StoredDocument) -> None:
        """Store the latest version; the acknowledged version is kept as it was."""
        values = {name: getattr(document, name) for name in _COLUMNS}
        values["metadata"] = json.dumps(dict(document.metadata), sort_keys=True, ensure_ascii=False)
        updates = ", ".join(
            f"{name} = excluded.{name}"
            for name in _COLUMNS
            if name not in ("doc_id", "acknowledged_sha256")
        )
        placeholders = ", ".join(f":{name}" for name in _COLUMNS)
        with self._connect() as db:
            db.execute(
                f"INSERT INTO documents ({', '.join(_COLUMNS)}) VALUES ({placeholders}) "
                f"ON CONFLICT (doc_id) DO UPDATE SET {updates}",
                values,
            )

    def refresh_validators(
        self, doc_id: str, *, etag: str | None, last_modified: str | None, fetched_at: str
    ) -> None:
        """Same bytes fetched again: keep the newest validators for the next conditional GET."""
        with self._connect() as db:
            db.execute(
                "UPDATE documents SET etag = COALESCE(?, etag), "
                "last_modified = COALESCE(?, last_modified), fetched_at = ? WHERE doc_id = ?",
                (etag, last_modified, fetched_at, doc_id),
            )

    def reopen(self, doc_id: str) -> None:
        """Make a document pending again (rebuilt from the archive: the later stages redo it)."""
        with self._connect() as connection:
            connection.execute(
                "UPDATE documents SET acknowledged_sha256 = NULL WHERE doc_id = ?", (doc_id,)
            )

    def pending(self, source_id: str) -> list[StoredDocument]:
        """Archived versions the later stages have not acknowledged yet, oldest fetch first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM documents WHERE source_id = ? AND "
                "(acknowledged_sha256 IS NULL OR acknowledged_sha256 != sha256) "
                "ORDER BY fetched_at, doc_id",
                (source_id,),
            ).fetchall()
        return [_row_to_stored(row) for row in rows]

    def acknowledge(self, documents: Sequence[Document]) -> None:
        """Mark exactly these versions as processed; a newer version stays pending."""
        crashpoint("acknowledge")
        with self._connect() as db:
            db.executemany(
                "UPDATE documents SET acknowledged_sha256 = ? WHERE doc_id = ? AND sha256 = ?",
                [(doc.sha256, doc.doc_id, doc.sha256) for doc in documents],
            )
