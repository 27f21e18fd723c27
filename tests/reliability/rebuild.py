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
    # A replay knows each answer by its real address: documents first fetched through the
    # demo's mirror come back with the real site's URL (checked below); the rest must be equal.
    expected = fingerprint(home, also_volatile=("url",))
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
        problems += compare(expected, fingerprint(home, also_volatile=("url",)))
        problems += _urls_are_real(home)
    return {
        "label": "rebuilt from the archive",
        "tried": 1,
        "handled": 0 if problems else 1,
        "lost": lost_and_duplicated(problems)[0],
        "duplicated": lost_and_duplicated(problems)[1],
        "problems": problems,
    }


def _urls_are_real(home: Path) -> list[str]:
    """Rebuilt documents point at the real sites, never at the mirror's passing port."""
    db = sqlite3.connect(f"file:{home / 'index' / 'tiplex.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT record FROM documents")
        urls = [json.loads(record)["url"] for (record,) in rows]
    finally:
        db.close()
    local = [url for url in urls if url.startswith("http://127.0.0.1")]
    if not local:
        return []
    return [f"{len(local)} rebuilt documents keep the mirror's address, e.g. {local[0]}"]
