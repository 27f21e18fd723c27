"""Backup and rebuild: the index rebuilt by `tiplex reprocess` from the archive alone equals
the original run's (a demo run and a reprocess: a few minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .rebuild import has_reprocess, run_rebuild


def test_reprocess_rebuilds_the_original_index_from_the_archive(tmp_path: Path) -> None:
    if not has_reprocess(tmp_path / "probe"):
        pytest.skip("this checkout has no `tiplex reprocess` command yet")
    result = run_rebuild(tmp_path)
    assert result["problems"] == []
