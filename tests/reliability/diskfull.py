"""Disk full and read-only home: TIPLEX_HOME on a small real tmpfs (needs root to mount), an
ingest that runs out of space or meets a read-only filesystem, then the checks: the command
stopped with a message (no traceback), the index still answers and is consistent, and the next
run, with space again, resumes to the index a clean run builds.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .killing import compare, fingerprint, lost_and_duplicated, tiplex, write_corpus

TMPFS_MB = 128


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def tmpfs(where: Path, megabytes: int) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(where)],
        check=True,
        capture_output=True,
    )
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def _fill(folder: Path, leave_bytes: int) -> Path:
    """A file taking all but `leave_bytes` of the filesystem's free space."""
    filler = folder / "filler.bin"
    stat = os.statvfs(folder)
    size = max(0, stat.f_bavail * stat.f_frsize - leave_bytes)
    with filler.open("wb") as stream:
        block = b"\0" * (1 << 20)
        while size > 0:
            try:
                stream.write(block[: min(size, len(block))])
            except OSError:
                break
            size -= len(block)
    return filler


def _clear_message(done: subprocess.CompletedProcess[str]) -> str | None:
    """None when the command stopped cleanly; otherwise what was wrong."""
    text = done.stderr + done.stdout
    if "Traceback" in text:
        return f"traceback: {text[-500:]}"
    if done.returncode == 0:
        # Finishing "ok" is fine only if the summary says what failed.
        return None if "failed" in text or "space" in text.lower() else "no failure reported"
    return None if text.strip() else f"exit {done.returncode} without a message"


def _searchable(home: Path) -> str | None:
    done = tiplex(["search", "recruited victims", "--mode", "bm25", "--json"], home)
    if done.returncode != 0:
        return f"search failed: {(done.stderr or done.stdout)[-300:]}"
    uri = (home / "index" / "tiplex.sqlite").as_uri()
    check = "not opened"
    for query in ("mode=ro", "immutable=1"):  # as the index opens itself on such a disk
        db = sqlite3.connect(f"{uri}?{query}", uri=True)
        try:
            check = db.execute("PRAGMA integrity_check").fetchone()[0]
            break
        except sqlite3.Error as error:
            check = str(error)
        finally:
            db.close()
    return None if check == "ok" else f"integrity_check: {check}"


def run_disk(
    work: Path,
    files: int = 8,
    scenarios: tuple[str, ...] = ("disk full", "disk fills mid-run", "read-only home"),
) -> dict[str, Any]:
    """Each scenario: ingest half a folder, make the home unwritable, ingest the whole folder
    (must stop cleanly, search must answer), make it writable, ingest again (must resume to
    the index of one clean ingest of the whole folder)."""
    work.mkdir(parents=True, exist_ok=True)
    if not can_mount():
        return {"label": "disk full / read-only", "tried": 0, "handled": 0, "lost": 0,
                "duplicated": 0, "problems": ["skipped: mounting a tmpfs needs root"]}  # fmt: skip
    folder = write_corpus(work / "corpus", files * 2)
    held_back = work / "held-back"
    held_back.mkdir()
    clean = work / "clean"
    done = tiplex(["ingest", str(folder)], clean)
    if done.returncode != 0:
        raise RuntimeError(f"clean run failed: {done.stderr[-600:]}")
    expected = fingerprint(clean)
    problems: list[str] = []
    failed: set[str] = set()
    for scenario in scenarios:
        for path in sorted(folder.iterdir())[files:]:
            path.rename(held_back / path.name)
        with tmpfs(work / scenario.replace(" ", "-"), TMPFS_MB) as mount:
            home = mount / "home"
            found = _scenario(scenario, mount, home, folder, held_back, expected)
        problems += [f"{scenario}: {p}" for p in found]
        if found:
            failed.add(scenario)
    return {
        "label": "disk full / read-only",
        "tried": len(scenarios),
        "handled": len(scenarios) - len(failed),
        "lost": lost_and_duplicated(problems)[0],
        "duplicated": lost_and_duplicated(problems)[1],
        "problems": problems,
    }


def _scenario(
    scenario: str, mount: Path, home: Path, folder: Path, held_back: Path, expected: Any
) -> list[str]:
    done = tiplex(["ingest", str(folder)], home)
    if done.returncode != 0:
        return [f"first ingest failed: {done.stderr[-300:]}"]
    for path in held_back.iterdir():
        path.rename(folder / path.name)
    filler = None
    extra: dict[str, str] = {}
    if scenario == "disk full":
        filler = _fill(mount, leave_bytes=64 * 1024)
    elif scenario == "disk fills mid-run":
        # No refusal up front: the run starts with 1 MB free and meets ENOSPC while writing.
        filler = _fill(mount, leave_bytes=1024 * 1024)
        extra["TIPLEX_MIN_FREE_MB"] = "0"
    else:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    stopped = tiplex(["ingest", str(folder)], home, **extra)
    problems = [p for p in (_clear_message(stopped), _searchable(home)) if p]
    if filler is not None:
        filler.unlink()
    else:
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
    resumed = tiplex(["ingest", str(folder)], home)
    if resumed.returncode != 0:
        return [*problems, f"resume failed: {resumed.stderr[-300:]}"]
    return problems + compare(expected, fingerprint(home))
