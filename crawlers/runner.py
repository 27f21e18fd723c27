"""`crawl()`: one source's crawl in a subprocess, reported as a `CrawlReport`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from crawlers.outcomes import summarise
from crawlers.politeness import host_lock, site_host
from crawlers.registry import source_classes
from crawlers.state import CrawlState
from tiplex.records import CrawlReport
from tiplex.settings import Settings


def crawl(
    source_id: str,
    settings: Settings,
    *,
    base_url: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    full: bool = False,
) -> CrawlReport:
    """Crawl one source. Per-document problems and a failing source are reported, not raised.

    Raises:
        ValueError: `source_id` is not a crawlable source, or `since`/`until` is not a window
            it can read (checked here, before any process or request starts).
    """
    sources = source_classes()
    spider = sources.get(source_id)
    if spider is None or not hasattr(spider, "start"):
        crawlable = sorted(name for name, cls in sources.items() if hasattr(cls, "start"))
        hint = " (use ingest() for local files)" if source_id == "local" else ""
        raise ValueError(
            f"unknown source {source_id!r}{hint}; known sources: {', '.join(crawlable)}"
        )
    try:
        spider.window_for(since, until)
    except ValueError as error:
        raise ValueError(f"{source_id}: --since/--until: {error}") from error
    settings.ensure_dirs()
    with tempfile.TemporaryDirectory(prefix="tiplex-crawl-") as scratch:
        outcomes = Path(scratch) / "outcomes.jsonl"
        outcomes.touch()
        command = [
            sys.executable, "-m", "crawlers.run", source_id,
            "--home", str(settings.home), "--outcomes", str(outcomes),
        ]  # fmt: skip
        for flag, value in (("--base-url", base_url), ("--since", since), ("--until", until)):
            if value:
                command += [flag, value]
        if limit is not None:
            command += ["--limit", str(limit)]
        if full:
            command.append("--full")
        # Keyed on the real site, not the mirror: the politeness is the site's, and a test of it
        # on a mirror sees what the real site would.
        with host_lock(settings.home / "locks", site_host(spider.base_url)):
            completed = subprocess.run(
                command, capture_output=True, text=True, env=_child_env(), check=False
            )
        lines = outcomes.read_text(encoding="utf-8").splitlines()
    summary = summarise(lines)
    counts, errors = dict(summary.counts), list(summary.errors)
    if completed.returncode != 0 or not summary.finished:
        counts["failed"] += 1
        errors.append(
            f"{source_id}: crawler process exited with code {completed.returncode}: "
            f"{_last_line(completed.stderr) or 'no output'}"
        )
    elif summary.finish_reason not in ("finished", "challenge"):
        errors.append(f"{source_id}: crawl stopped early ({summary.finish_reason})")
    with CrawlState(settings.crawl_db) as state:
        pending = state.pending(source_id)
    return CrawlReport(
        source_id=source_id,
        errors=tuple(errors),
        documents=tuple(stored.to_document() for stored in pending),
        **counts,
    )


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The child must import this very checkout, whatever the caller's working directory.
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "Traceback" in line]
    return (errors or lines or [""])[-1][:300]
