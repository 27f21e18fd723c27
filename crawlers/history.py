"""What each crawl of a source found, kept in the crawl database: for the monthly full sweep
and for spotting a source whose yield fell to zero (a redesign, a block, a moved listing)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ZERO_YIELD_RUNS = 2  # this many runs in a row finding nothing flag the source

_SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl_runs (
    source_id TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    full_sweep INTEGER NOT NULL,
    discovered INTEGER NOT NULL,
    fetched INTEGER NOT NULL,
    failed INTEGER NOT NULL
)
"""


# The windows a source's crawls asked for, kept for the sources whose requests carry their
# window (a search POSTed with its dates): the archive answers only the very requests made, so
# a replay must ask them again with the same windows.
_WINDOWS_SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl_windows (
    source_id TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    PRIMARY KEY (source_id, first_day, last_day)
)
"""


@dataclass(frozen=True, slots=True)
class CrawlRun:
    source_id: str
    finished_at: str  # ISO 8601, UTC
    full_sweep: bool
    discovered: int
    fetched: int
    failed: int


def _connect(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db, timeout=30)
    connection.execute(_SCHEMA)
    connection.execute(_WINDOWS_SCHEMA)
    return connection


def _select(db: Path, query: str, parameters: tuple[object, ...]) -> list[tuple[Any, ...]]:
    """The query's rows; none when no crawl has written the history yet (reading never
    creates the file)."""
    if not db.exists():
        return []
    with _connect(db) as connection:
        rows = connection.execute(query, parameters).fetchall()
    connection.close()
    return rows


def record_run(db: Path, run: CrawlRun) -> None:
    with _connect(db) as connection:
        connection.execute(
            "INSERT INTO crawl_runs VALUES (?, ?, ?, ?, ?, ?)",
            (run.source_id, run.finished_at, int(run.full_sweep), run.discovered, run.fetched,
             run.failed),
        )  # fmt: skip
    connection.close()


def record_window(db: Path, source_id: str, first_day: str, last_day: str) -> None:
    """Remember that a crawl of the source asked for this window (ISO dates)."""
    with _connect(db) as connection:
        connection.execute(
            "INSERT OR IGNORE INTO crawl_windows VALUES (?, ?, ?)",
            (source_id, first_day, last_day),
        )
    connection.close()


def recorded_windows(db: Path, source_id: str) -> list[tuple[str, str]]:
    """Every window the source's crawls asked for, oldest first."""
    rows = _select(
        db,
        "SELECT first_day, last_day FROM crawl_windows WHERE source_id = ? "
        "ORDER BY first_day, last_day",
        (source_id,),
    )
    return [(str(first), str(last)) for first, last in rows]


def recent_runs(db: Path, source_id: str, count: int = 10) -> list[CrawlRun]:
    """The source's last `count` runs, newest first."""
    rows = _select(
        db,
        "SELECT * FROM crawl_runs WHERE source_id = ? ORDER BY finished_at DESC, rowid DESC "
        "LIMIT ?",
        (source_id, count),
    )
    return [CrawlRun(r[0], r[1], bool(r[2]), r[3], r[4], r[5]) for r in rows]


def full_sweep_due(db: Path, source_id: str, now: datetime | None = None) -> bool:
    """True unless a full sweep of the source's listings already ran this calendar month."""
    month = (now or datetime.now(UTC)).strftime("%Y-%m")
    return not any(
        run.full_sweep and run.finished_at.startswith(month)
        for run in recent_runs(db, source_id, count=50)
    )


def zero_yield_warning(db: Path, source_id: str) -> str | None:
    """A warning when the last ZERO_YIELD_RUNS runs all discovered nothing, else None."""
    runs = recent_runs(db, source_id, count=ZERO_YIELD_RUNS)
    if len(runs) < ZERO_YIELD_RUNS or any(run.discovered for run in runs):
        return None
    return (
        f"{source_id}: no document found in the last {ZERO_YIELD_RUNS} runs (since "
        f"{runs[-1].finished_at}); the site may have changed its layout or be blocking the crawler"
    )
