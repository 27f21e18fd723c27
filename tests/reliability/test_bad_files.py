"""Bad files: each is ingested with exactly its text or set aside with a reason, and counted."""

from __future__ import annotations

from pathlib import Path

from tiplex.settings import Settings

from .zoo import run_zoo


def test_every_bad_file_is_set_aside_or_read_whole(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    result = run_zoo(tmp_path / "zoo", settings, huge_mb=51)
    assert result.tried >= 25
    assert result.problems == ()
    assert result.report.failed + result.report.new == result.tried
