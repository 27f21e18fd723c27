"""The embedded index's SQLite schema and the rows it stores for each record."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from tiplex.records import CaseFacts, Document

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL,
    url TEXT NOT NULL,
    country TEXT NOT NULL,
    language TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    title TEXT NOT NULL,
    court TEXT,
    case_number TEXT,
    decision_date TEXT,
    year INTEGER,
    outcome TEXT,
    minors INTEGER,                 -- 1: child victims, 0: none, NULL: not coded
    non_punishment_raised INTEGER,
    non_punishment_applied INTEGER,
    is_trafficking_case INTEGER,
    text_hash TEXT NOT NULL,        -- of text and language; with `chunker`, decides whether
                                    -- passages must be rebuilt
    chunker TEXT NOT NULL,
    record TEXT NOT NULL,           -- the Document's JSON form without its text
    facts TEXT,                     -- the CaseFacts' JSON form
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_country_year ON documents (country, year);

CREATE TABLE IF NOT EXISTS doc_terms (
    field TEXT NOT NULL,            -- exploitation_form | sector
    value TEXT NOT NULL,
    doc_rowid INTEGER NOT NULL,
    PRIMARY KEY (field, value, doc_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_terms_doc ON doc_terms (doc_rowid);

CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,         -- also the rowid of its passages_fts row
    doc_rowid INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    hash TEXT NOT NULL,             -- content hash: the key of its vector in `embeddings`
    text TEXT NOT NULL              -- Document.text[start:end]
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_rowid, ordinal);

-- Stems of the passage's content words (index.words.index_terms). Marks (M*) are word
-- characters: Thai, Lao, Khmer and Burmese vowel signs must not split words.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    terms, tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
);

-- Per-term passage counts, to tell common query words from rare ones.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row');

CREATE TABLE IF NOT EXISTS embeddings (
    hash TEXT PRIMARY KEY,
    row INTEGER NOT NULL            -- row of the vector file
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS provisions (
    id INTEGER PRIMARY KEY,
    doc_rowid INTEGER NOT NULL,
    position INTEGER NOT NULL,
    record TEXT NOT NULL            -- the Provision's JSON form
);
CREATE INDEX IF NOT EXISTS provisions_doc ON provisions (doc_rowid, position);

CREATE TABLE IF NOT EXISTS provision_topics (
    topic TEXT NOT NULL,
    provision_id INTEGER NOT NULL,
    PRIMARY KEY (topic, provision_id)
) WITHOUT ROWID;
"""

DOCUMENT_COLUMNS = (
    "doc_id",
    "source_id",
    "url",
    "country",
    "language",
    "doc_type",
    "title",
    "court",
    "case_number",
    "decision_date",
    "year",
    "outcome",
    "minors",
    "non_punishment_raised",
    "non_punishment_applied",
    "is_trafficking_case",
    "text_hash",
    "chunker",
    "record",
    "facts",
    "text",
)


def passages_source_hash(document: Document) -> str:
    """Identity of what a document's passages are made from: its text and its language (which
    picks the stemmer of their full-text terms)."""
    source = f"{document.language}\0{document.text}"
    return hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def document_row(document: Document, facts: CaseFacts | None, chunker: str) -> dict[str, Any]:
    """The `documents` row: the record, and the coded fields that filters and counts use."""
    record = document.to_dict()
    record.pop("text", None)
    decision_date = document.decision_date or (facts.decision_date if facts else None)
    minors = facts.victims.minors if facts else None
    return {
        "doc_id": document.doc_id,
        "source_id": document.source_id,
        "url": document.link,
        "country": document.country.upper(),
        "language": document.language.lower(),
        "doc_type": document.doc_type,
        "title": document.title,
        "court": document.court or (facts.court if facts else None),
        "case_number": document.case_number or (facts.case_number if facts else None),
        "decision_date": decision_date,
        "year": _year(decision_date),
        "outcome": facts.outcome if facts else None,
        "minors": None if minors is None else int(minors > 0),
        "non_punishment_raised": _flag(facts.non_punishment.raised) if facts else None,
        "non_punishment_applied": _flag(facts.non_punishment.applied) if facts else None,
        "is_trafficking_case": _flag(facts.is_trafficking_case) if facts else None,
        "text_hash": passages_source_hash(document),
        "chunker": chunker,
        "record": json.dumps(record, sort_keys=True, ensure_ascii=False),
        "facts": json.dumps(facts.to_dict(), sort_keys=True, ensure_ascii=False) if facts else None,
        "text": document.text,
    }


def document_terms(facts: CaseFacts | None) -> list[tuple[str, str]]:
    """(field, value) pairs of the multi-valued coded fields."""
    if facts is None:
        return []
    pairs = [("exploitation_form", v.lower()) for v in facts.exploitation_forms]
    pairs += [("sector", v.lower()) for v in facts.sectors]
    return sorted(set(pairs))


def connect(path: str) -> sqlite3.Connection:
    """The index, opened for writing; where the disk is full or read-only, opened read-only,
    so searches go on answering from what was committed (any write then fails clearly)."""
    try:
        return _connect_writable(path)
    except sqlite3.OperationalError as error:
        if not Path(path).is_file():
            raise
        try:
            return _connect_read_only(path)
        except sqlite3.Error:
            raise error from None


def _connect_read_only(path: str) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri()
    # mode=ro reads a WAL index whose -shm can still be mapped (a full disk); immutable=1 reads
    # one on a read-only filesystem, where SQLite cannot create or lock the -shm file.
    for query in ("mode=ro", "immutable=1"):
        connection = sqlite3.connect(
            f"{uri}?{query}", uri=True, isolation_level=None, check_same_thread=False, timeout=60
        )
        try:
            connection.execute("SELECT value FROM meta LIMIT 1").fetchall()
            return connection
        except sqlite3.Error:
            connection.close()
    raise sqlite3.OperationalError(f"cannot open {path} even read-only")


def _connect_writable(path: str) -> sqlite3.Connection:
    # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE) around each write,
    # so a writer holds the lock for the whole of its change, vector file append included.
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -65536")  # 64 MiB: FTS5 segments stay in memory
        connection.executescript(SCHEMA)
        connection.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
            (SCHEMA_VERSION,),
        )
    except sqlite3.Error:
        connection.close()
        raise
    return connection
