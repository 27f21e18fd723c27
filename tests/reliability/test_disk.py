"""Disk full and read-only home, the quick version (a read-only home; `make reliability` also
fills the disk before and during a run): the run stops with a message, the index answers and
is consistent, and the next run resumes to a clean run's index. Needs root to mount a tmpfs."""

from __future__ import annotations

from pathlib import Path

import pytest

from .diskfull import can_mount, run_disk


def test_a_read_only_home_stops_the_run_cleanly_and_the_next_resumes(tmp_path: Path) -> None:
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root")
    result = run_disk(tmp_path, files=2, scenarios=("read-only home",))
    assert result["problems"] == []
    assert result["handled"] == 1
