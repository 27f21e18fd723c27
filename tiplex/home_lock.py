"""One writer per TIPLEX_HOME: `run`, `ingest`, `demo`, `reembed` and `reprocess` take this lock.

Two writers would interleave their index writes and acknowledgements (each batch is safe on its
own, but the crawl state and the index could then disagree about what is done). Readers
(searches) never take it: SQLite's WAL lets them answer while the writer writes.

The lock is an advisory `flock` on `<home>/writer.lock`: the kernel releases it when its holder
dies, even by SIGKILL, so a crashed run never leaves a stale lock behind. The file also records
who holds it, for the message the second writer sees.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
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


# What SQLite says (through Python's sqlite3, SQLAlchemy or aiosqlite) when it cannot write.
_STORAGE_MESSAGES = (
    "database or disk is full",
    "disk i/o error",
    "attempt to write a readonly database",
    "unable to open database file",
    "read-only file system",
    "no space left on device",
)
_STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EIO})


def storage_problem(error: BaseException) -> str | None:
    """A one-line reason when `error` (or what caused it) is the disk refusing a write: full,
    read-only, over quota, failing. None for any other error."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _STORAGE_ERRNOS:
            return os.strerror(current.errno or 0).lower()
        text = str(current).lower()
        for message in _STORAGE_MESSAGES:
            if message in text:
                return message
        current = current.__cause__ or current.__context__
    return None


# A run needs room for its archive, index and Prefect's state before it starts; below this it
# is refused at once rather than failing half-way (TIPLEX_MIN_FREE_MB changes it).
DEFAULT_MIN_FREE_MB = 50


def check_free_space(home: Path) -> str | None:
    """A reason to refuse a run when the home's filesystem is nearly full, else None."""
    try:
        wanted = float(os.environ.get("TIPLEX_MIN_FREE_MB", DEFAULT_MIN_FREE_MB))
    except ValueError:
        wanted = DEFAULT_MIN_FREE_MB
    free = shutil.disk_usage(home).free
    if free < wanted * 2**20:
        return f"only {free / 2**20:.1f} MB free (a run needs {wanted:.0f} MB)"
    return None


def storage_message(home: Path, reason: str) -> str:
    return (
        f"cannot write to {home}: {reason}. Stopped; what was committed before stays searchable. "
        f"Free space (or make the folder writable) and run the same command again: it resumes."
    )
