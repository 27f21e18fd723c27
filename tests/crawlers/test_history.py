"""Crawl history: the monthly full sweep and the zero-yield flag."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawlers.history import CrawlRun, full_sweep_due, record_run, zero_yield_warning


def _run(db: Path, when: str, *, full: bool = False, discovered: int = 3) -> None:
    record_run(db, CrawlRun("xx_source", when, full, discovered, discovered, 0))


def test_a_full_sweep_is_due_once_per_calendar_month(tmp_path: Path) -> None:
    db = tmp_path / "crawl.sqlite"
    december = datetime(2026, 12, 5, tzinfo=UTC)
    assert full_sweep_due(db, "xx_source", december)  # never swept
    _run(db, "2026-11-30T03:00:00+00:00", full=True)
    _run(db, "2026-12-01T03:00:00+00:00")  # a weekly run is not a sweep
    assert full_sweep_due(db, "xx_source", december)
    _run(db, "2026-12-02T03:00:00+00:00", full=True)
    assert not full_sweep_due(db, "xx_source", december)
    assert full_sweep_due(db, "xx_source", datetime(2027, 1, 4, tzinfo=UTC))
    assert full_sweep_due(db, "other_source", december)


def test_two_runs_in_a_row_with_nothing_found_flag_the_source(tmp_path: Path) -> None:
    db = tmp_path / "crawl.sqlite"
    _run(db, "2026-11-23T03:00:00+00:00")
    _run(db, "2026-11-30T03:00:00+00:00", discovered=0)
    assert zero_yield_warning(db, "xx_source") is None  # one empty week can be a quiet week
    _run(db, "2026-12-07T03:00:00+00:00", discovered=0)
    warning = zero_yield_warning(db, "xx_source")
    assert warning and "last 2 runs" in warning and "2026-11-30" in warning
    _run(db, "2026-12-14T03:00:00+00:00", discovered=1)
    assert zero_yield_warning(db, "xx_source") is None
