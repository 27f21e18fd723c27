"""Two at once: one writer per TIPLEX_HOME, a clear message for the second, searches meanwhile."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.embedded import EmbeddedBackend
from tests.index import samples
from tests.index.fakes import HashingEmbedder
from tiplex.home_lock import HomeBusy, writer_lock
from tiplex.records import SearchQuery
from tiplex.settings import Settings

from .killing import REPO, tiplex

_HOLDER = """
import sys, time
from pathlib import Path
from tiplex.home_lock import writer_lock
with writer_lock(Path(sys.argv[1]), "run"):
    print("held", flush=True)
    time.sleep(120)
"""


def _hold(home: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(home)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_writer_is_refused_with_who_holds_the_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    holder = _hold(home)
    try:
        with (
            pytest.raises(HomeBusy, match=rf"`run` \(pid {holder.pid}"),
            writer_lock(home, "ingest", wait_s=0),
        ):
            pass
        files = tmp_path / "files"
        files.mkdir()
        (files / "a.txt").write_text("The accused recruited the victims.", encoding="utf-8")
        refused = tiplex(["ingest", str(files)], home)
        assert refused.returncode == 3
        message = " ".join(refused.stderr.split())
        assert "is writing to" in message and "Traceback" not in message
        assert not (home / "index" / "tiplex.sqlite").exists()  # nothing was written
        # Rebuilding from the archive writes the same index: it waits its turn too.
        rebuilding = tiplex(["reprocess"], home)
        assert rebuilding.returncode == 3
        assert "cannot reprocess" in " ".join(rebuilding.stderr.split())
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_dies_with_a_killed_holder_and_a_waiter_gets_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    holder = _hold(home)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    started = time.monotonic()
    with writer_lock(home, "reembed", wait_s=5):
        assert time.monotonic() - started < 5


def test_a_waiting_writer_proceeds_when_the_first_finishes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    holder = _hold(home)
    subprocess.Popen(["sleep", "1"]).wait()
    holder.kill()
    holder.wait()
    # The same process may ask again (the CLI takes it, then the flow it starts).
    with writer_lock(home, "run", wait_s=10), writer_lock(home, "run", wait_s=0):
        pass


def test_searches_answer_while_a_writer_holds_its_transaction(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    writer = EmbeddedBackend(settings, HashingEmbedder())
    writer.index(samples.DOCUMENTS)
    blocking = sqlite3.connect(writer.path, isolation_level=None)
    reader = EmbeddedBackend(settings, HashingEmbedder())
    try:
        blocking.execute("BEGIN IMMEDIATE")  # a run in the middle of its index write
        blocking.execute("DELETE FROM passages")
        for mode in ("bm25", "dense", "hybrid"):
            started = time.monotonic()
            hits = reader.search(SearchQuery(text="forced labour fishing vessel", mode=mode))
            assert hits, mode  # the last committed index, not the half-written one
            assert time.monotonic() - started < 5, mode
    finally:
        blocking.execute("ROLLBACK")
        blocking.close()
        reader.close()
        writer.close()
