"""One writer per TIPLEX_HOME: `run`, `ingest`, `demo`, `reembed` and `reprocess` take this lock.

Two writers would interleave their index writes and acknowledgements (each batch is safe on its
own, but the crawl state and the index could then disagree about what is done). Readers
(searches) never take it: SQLite's WAL lets them answer while the writer writes.

The lock is an advisory `flock` on `<home>/writer.lock`: the kernel releases it when its holder
dies, even by SIGKILL, so a crashed run never leaves a stale lock behind. The file also records
who holds it, for the message the second writer sees.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

LOCK_NAME = "writer.lock"
# Seconds a second writer waits for the first before giving up; TIPLEX_LOCK_WAIT changes it
# (a cron job may want to wait an hour, a person at a terminal not at all).
DEFAULT_WAIT_S = 0.0
_POLL_S = 0.5


# Lock files this process holds: flock is per open file, so a second open in the same process
# would wait on itself.
_HELD: set[Path] = set()


class HomeBusy(RuntimeError):
    """Another tiplex process is writing to this TIPLEX_HOME."""


@contextmanager
def writer_lock(home: Path, operation: str, wait_s: float | None = None) -> Iterator[None]:
    """Hold the home's writer lock for the duration of the block.

    Raises:
        HomeBusy: another process holds it and did not let go within `wait_s` seconds.
    """
    home.mkdir(parents=True, exist_ok=True)
    path = (home / LOCK_NAME).resolve()
    if path in _HELD:  # the CLI took it and the flow it starts asks again: same writer
        yield
        return
    if wait_s is None:
        wait_s = _configured_wait()
    # Opened without truncating: the holder's record must survive a contender's open.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait_s)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise HomeBusy(_busy_message(path, home, operation)) from None
                time.sleep(_POLL_S)
        holder = {
            "pid": os.getpid(),
            "operation": operation,
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        _HELD.add(path)
        try:
            yield
        finally:
            _HELD.discard(path)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _configured_wait() -> float:
    try:
        return max(0.0, float(os.environ.get("TIPLEX_LOCK_WAIT", DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def _busy_message(path: Path, home: Path, operation: str) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        holder = {}
    who = (
        f"`{holder.get('operation', '?')}` (pid {holder.get('pid', '?')}, since "
        f"{holder.get('since', '?')})"
        if holder
        else "another tiplex process"
    )
    return (
        f"cannot {operation}: {who} is writing to {home}. Wait for it to finish, set "
        f"TIPLEX_LOCK_WAIT=SECONDS to wait, or use another TIPLEX_HOME; searches work meanwhile."
    )
