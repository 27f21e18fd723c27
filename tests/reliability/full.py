"""`make reliability`: every reliability check at full size, and the table of what tiplex
survives. Each part writes `<out>/<part>.json` as it goes, so a long run can be read while it
runs and a part can be re-run alone:

    python -m tests.reliability.full [--part kills|zoo|queries|faults|disk|rebuild ...] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PARTS = ("zoo", "queries", "faults", "disk", "rebuild", "kills")
KILL_POINTS = 20
INGEST_FILES = 40


def _save(out: Path, part: str, result: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{part}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))


def run_zoo(out: Path, work: Path) -> None:
    from tiplex.settings import Settings

    from .zoo import run_zoo as zoo

    result = zoo(work / "zoo", Settings(home=work / "zoo-home").ensure_dirs(), huge_mb=100)
    _save(out, "zoo", {
        "label": "bad files handled",
        "tried": result.tried,
        "handled": result.handled,
        "lost": sum("lost" in p for p in result.problems),  # "nothing at all (lost)"
        "duplicated": 0,
        "problems": list(result.problems),
    })  # fmt: skip


def run_kills(out: Path, work: Path) -> None:
    from .killing import (
        census,
        fingerprint,
        kill_and_resume,
        lost_and_duplicated,
        spread,
        tiplex,
        write_corpus,
    )

    results: list[dict[str, Any]] = []

    def record(command: str, point: str, killed: bool, problems: tuple[str, ...]) -> None:
        results.append({"command": command, "point": point, "killed": killed,
                        "problems": list(problems)})  # fmt: skip
        survived = sum(1 for r in results if r["killed"] and not r["problems"])
        _save(out, "kills", {
            "label": "kills survived",
            "tried": len(results),
            "handled": survived,
            "lost": sum(bool(lost_and_duplicated(r["problems"])[0]) for r in results),
            "duplicated": sum(bool(lost_and_duplicated(r["problems"])[1]) for r in results),
            "problems": [f"{r['command']} {r['point']}: {p}" for r in results
                         for p in r["problems"]],
            "runs": results,
        })  # fmt: skip
        print(f"kill {command} at {point}: {'ok' if killed and not problems else problems}",
              flush=True)  # fmt: skip

    args = ["ingest", str(write_corpus(work / "corpus", INGEST_FILES))]
    clean = work / "clean"
    counts = census(args, clean)
    expected = fingerprint(clean)
    for n, point in enumerate(spread(counts, KILL_POINTS)):
        result = kill_and_resume(args, work / f"ingest-{n}", point, expected)
        record("ingest", point, result.killed, result.problems)
        shutil.rmtree(work / f"ingest-{n}", ignore_errors=True)
    # reembed killed half-way: after clearing the old vectors and after its first batch.
    for point in ("reembed-clear:1", "reembed:1"):
        home = work / f"reembed-{point.replace(':', '-')}"
        shutil.copytree(clean, home, ignore=shutil.ignore_patterns("writer.lock"))
        crashed = tiplex(["reembed"], home, TIPLEX_CRASH_AT=point)
        again = tiplex(["reembed"], home)
        from .killing import compare

        problems = (
            compare(expected, fingerprint(home))
            if again.returncode == 0
            else [f"resume failed: {again.stderr[-400:]}"]
        )
        record("reembed", point, crashed.returncode == -9, tuple(problems))
    # The weekly flow on the demo mirror: the crawl, coding and index of three sources.
    demo_clean = work / "demo-clean"
    demo_counts = census(["demo", "--json"], demo_clean)
    demo_expected = fingerprint(demo_clean)
    for point in _demo_points(demo_counts):
        result = kill_and_resume(["demo", "--json"], work / f"demo-{point}", point, demo_expected)
        record("demo", point, result.killed, result.problems)


def _demo_points(counts: Any) -> list[str]:
    wanted = [("archive", 0.5), ("coding", 0.5), ("index-write", 1.0)]
    return [f"{name}:{max(1, round(counts[name] * at))}" for name, at in wanted if counts[name]]


def run_queries(out: Path, work: Path) -> None:
    from .queries import run_queries as queries

    _save(out, "queries", queries(work / "queries"))


def run_faults(out: Path, work: Path) -> None:
    from .faults import run_faults as faults

    _save(out, "faults", faults(work / "faults"))


def run_disk(out: Path, work: Path) -> None:
    from .diskfull import run_disk as disk

    _save(out, "disk", disk(work / "disk"))


def run_rebuild(out: Path, work: Path) -> None:
    from .rebuild import run_rebuild as rebuild

    _save(out, "rebuild", rebuild(work / "rebuild"))


RUNNERS: dict[str, Callable[[Path, Path], None]] = {
    "rebuild": run_rebuild,
    "zoo": run_zoo,
    "queries": run_queries,
    "faults": run_faults,
    "disk": run_disk,
    "kills": run_kills,
}


def table(out: Path) -> str:
    lines = [
        f"{'check':<26}{'handled':>9}{'tried':>7}{'lost':>6}{'duplicated':>12}",
        "-" * 60,
    ]
    for part in PARTS:
        path = out / f"{part}.json"
        if not path.exists():
            lines.append(f"{part:<26}{'not run':>9}")
            continue
        r = json.loads(path.read_text())
        lines.append(f"{r['label']:<26}{r['handled']:>9}{r['tried']:>7}{r['lost']:>6}"
                     f"{r['duplicated']:>12}")  # fmt: skip
        for problem in r["problems"][:10]:
            lines.append(f"    {problem}")
    return "\n".join(lines)


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its finished subprocesses (the tiplex runs,
    tesseract): on a shared machine, wall time alone says little."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", action="append", choices=PARTS)
    parser.add_argument("--out", type=Path, default=Path(".tiplex-reliability"))
    options = parser.parse_args()
    for part in options.part or PARTS:
        started, cpu = time.monotonic(), _cpu_seconds()
        with tempfile.TemporaryDirectory(prefix=f"tiplex-{part}-") as work:
            RUNNERS[part](options.out, Path(work))
        print(f"{part}: {time.monotonic() - started:.0f} s wall, "
              f"{_cpu_seconds() - cpu:.0f} s CPU (with its subprocesses)", flush=True)  # fmt: skip
    print(table(options.out))


if __name__ == "__main__":
    main()
