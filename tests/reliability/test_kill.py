"""Kill anywhere, the quick version: `tiplex ingest` killed by SIGKILL inside its index write
transaction, then run again, ends with the clean run's index. `make reliability` runs the full
version (over 20 points spread over the run, reembed and the demo's weekly flow included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .killing import census, fingerprint, kill_and_resume, write_corpus


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, object]]:
    root = tmp_path_factory.mktemp("kill")
    args = ["ingest", str(write_corpus(root / "corpus", 6))]
    counts = census(args, root / "clean")
    assert counts["index-write"] >= 1 and counts["coding"] == 6
    return args, fingerprint(root / "clean")


def test_ingest_killed_in_its_index_write_then_resumed_equals_a_clean_run(
    clean: tuple[list[str], dict[str, object]], tmp_path: Path
) -> None:
    args, expected = clean
    assert expected["pending"] == 0 and expected["duplicate_passages"] == 0
    assert len(expected["documents"]) == 6  # type: ignore[arg-type]
    result = kill_and_resume(args, tmp_path / "home", "index-write:1", expected)
    assert result.killed
    assert result.problems == ()
