"""Kill anywhere, the quick version: `tiplex ingest` killed by SIGKILL inside an index write
transaction and in the middle of coding, then run again, ends with the clean run's index.
`make reliability` runs the full version (over 20 points, reembed included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .killing import census, fingerprint, kill_and_resume, tiplex, write_corpus


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, object]]:
    root = tmp_path_factory.mktemp("kill")
    args = ["ingest", str(write_corpus(root / "corpus", 6))]
    counts = census(args, root / "clean")
    assert counts["index-write"] >= 1 and counts["coding"] == 6
    return args, fingerprint(root / "clean")


@pytest.mark.parametrize("point", ["coding:3", "index-write:1"])
def test_ingest_killed_then_resumed_equals_a_clean_run(
    clean: tuple[list[str], dict[str, object]], point: str, tmp_path: Path
) -> None:
    args, expected = clean
    result = kill_and_resume(args, tmp_path / "home", point, expected)
    assert result.killed
    assert result.problems == ()


def test_a_clean_run_leaves_nothing_pending_and_no_duplicates(
    clean: tuple[list[str], dict[str, object]], tmp_path: Path
) -> None:
    args, expected = clean
    assert expected["pending"] == 0 and expected["duplicate_passages"] == 0
    assert len(expected["documents"]) == 6  # type: ignore[arg-type]
    again = tiplex(args, tmp_path / "home")
    assert again.returncode == 0
