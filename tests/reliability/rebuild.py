"""Backup and rebuild: `tiplex reprocess` rebuilds the coded facts and the index from the raw
archive alone (no network: the demo mirror is gone by then), and must give the index the
original run built."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from interfaces.demo import DEMO_SINCE, DEMO_UNTIL  # the window `tiplex demo` crawls
from tiplex.records import FETCHED_FROM

from .killing import compare, fingerprint, lost_and_duplicated, tiplex


def has_reprocess(home: Path) -> bool:
    return tiplex(["reprocess", "--help"], home).returncode == 0


def run_rebuild(work: Path) -> dict[str, Any]:
    home = work / "home"
    if not has_reprocess(home):
        skipped = "skipped: no `tiplex reprocess` command"
        return {"label": "rebuilt from the archive", "tried": 0, "handled": 0, "lost": 0,
                "duplicated": 0, "problems": [skipped]}  # fmt: skip
    original = tiplex(["demo", "--json"], home)
    if original.returncode != 0:
        raise RuntimeError(f"demo failed: {original.stderr[-600:]}")
    # Documents carry their real-site address from the crawl on, and a replay gives the same
    # one: every field must be equal (the mirror's changing port aside, see `fingerprint`).
    expected = fingerprint(home)
    fetched = _fetch_times(home)
    # Everything but the raw archive goes: index, crawl state, Prefect's state, run reports.
    for name in ("index", "crawl.sqlite", "crawl.sqlite-wal", "crawl.sqlite-shm", "runs"):
        path = home / name
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    # The demo crawls a fixed window of the mirror; the replay asks for the same listings.
    rebuilt = tiplex(["reprocess", "--since", DEMO_SINCE, "--until", DEMO_UNTIL], home)
    problems = []
    if rebuilt.returncode != 0:
        problems.append(f"reprocess failed (exit {rebuilt.returncode}): {rebuilt.stderr[-400:]}")
    else:
        problems += compare(expected, fingerprint(home))
        # Fetch times are left out of the fingerprint (a resumed run fetches later) but a
        # replay must give back the archived ones, not the time of the replay.
        rebuilt_times = _fetch_times(home)
        moved = sorted(d for d, when in fetched.items() if rebuilt_times.get(d, when) != when)
        if moved:
            problems.append(f"{len(moved)} rebuilt documents changed fetch time, e.g. {moved[0]}")
        problems += _urls_are_real(home)
    return {
        "label": "rebuilt from the archive",
        "tried": 1,
        "handled": 0 if problems else 1,
        "lost": lost_and_duplicated(problems)[0],
        "duplicated": lost_and_duplicated(problems)[1],
        "problems": problems,
    }


def _fetch_times(home: Path) -> dict[str, str]:
    db = sqlite3.connect(f"file:{home / 'index' / 'tiplex.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT doc_id, record FROM documents").fetchall()
    finally:
        db.close()
    return {doc_id: json.loads(record)["fetched_at"] for doc_id, record in rows}


def _urls_are_real(home: Path) -> list[str]:
    """Rebuilt documents are known by the real sites' addresses, never by the mirror's passing
    port; and, being demo content, they link to the mirror's copy, never to a real site."""
    db = sqlite3.connect(f"file:{home / 'index' / 'tiplex.sqlite'}?mode=ro", uri=True)
    try:
        records = [json.loads(record) for (record,) in db.execute("SELECT record FROM documents")]
    finally:
        db.close()
    problems = []
    local = [r["url"] for r in records if r["url"].startswith("http://127.0.0.1")]
    if local:
        problems.append(
            f"{len(local)} rebuilt documents keep the mirror's address, e.g. {local[0]}"
        )
    outward = [r["doc_id"] for r in records if not _links_to_mirror(r)]
    if outward:
        problems.append(f"{len(outward)} demo documents link outside the mirror, e.g. {outward[0]}")
    return problems


def _links_to_mirror(record: dict[str, Any]) -> bool:
    return (record.get("metadata") or {}).get(FETCHED_FROM, "").startswith("http://127.0.0.1")
