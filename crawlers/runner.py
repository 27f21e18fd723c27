"""`crawl()`: one source's crawl in a subprocess, reported as a `CrawlReport`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawlers.history import CrawlRun, record_run, record_window, recorded_windows
from crawlers.outcomes import summarise
from crawlers.politeness import host_lock, site_host
from crawlers.registry import source_classes, spider_options
from crawlers.state import CrawlState
from tiplex.records import CrawlReport
from tiplex.settings import Settings

if TYPE_CHECKING:
    from crawlers.base import Window


def check_window(source_id: str, since: str | None, until: str | None) -> type[Any]:
    """The source's spider class, once `since`/`until` are known to be a window it reads.

    Raises:
        ValueError: an unknown or local source, or a window the source cannot read.
    """
    spider, _ = _spider_and_window(source_id, since, until)
    return spider


def _spider_and_window(
    source_id: str, since: str | None, until: str | None
) -> tuple[type[Any], Window]:
    """The source's spider class and the window it reads for `since`/`until` today (raises as
    `check_window`)."""
    sources = source_classes()
    spider = sources.get(source_id)
    if spider is None or not hasattr(spider, "start"):
        crawlable = sorted(name for name, cls in sources.items() if hasattr(cls, "start"))
        hint = " (use ingest() for local files)" if source_id == "local" else ""
        raise ValueError(
            f"unknown source {source_id!r}{hint}; known sources: {', '.join(crawlable)}"
        )
    try:
        window = spider.window_for(since, until)
    except ValueError as error:
        raise ValueError(f"{source_id}: --since/--until: {error}") from error
    return spider, window


def check_options(
    source_id: str, options: Mapping[str, str] | None, spider: type[Any] | None = None
) -> None:
    """Raises ValueError unless every option is one the source's spider takes, with a value.
    `spider`: the source's class when the caller already has it (`check_window` returns it),
    which spares a second walk of the registry."""
    if not options:
        return
    if spider is None:
        spider = source_classes().get(source_id)
    if spider is None or not hasattr(spider, "start"):
        raise ValueError(f"unknown source {source_id!r}: options are for crawlable sources")
    taken = spider_options(spider)
    unknown = sorted(set(options) - set(taken))
    if unknown:
        offered = ", ".join(taken) if taken else "none"
        raise ValueError(
            f"{source_id}: unknown option(s) {', '.join(unknown)}; this source takes: {offered}"
        )
    empty = sorted(name for name, value in options.items() if not str(value).strip())
    if empty:
        raise ValueError(f"{source_id}: option(s) {', '.join(empty)} need a value")


def crawl(
    source_id: str,
    settings: Settings,
    *,
    base_url: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    full: bool = False,
    replay: bool = False,
    options: Mapping[str, str] | None = None,
) -> CrawlReport:
    """Crawl one source. Per-document problems and a failing source are reported, not raised.
    `replay` answers every request from the source's WARC files (no network): the documents
    are rebuilt with today's extractors and all become pending again. `options` are the
    spider's own arguments (`crawlers.registry.spider_options`), e.g. the Acts it watches.

    Raises:
        ValueError: `source_id` is not a crawlable source, `since`/`until` is not a window
            it can read, or an option is not one it takes (checked here, before any process
            or request starts).
    """
    # The window is worked out once, here: the crawler process is handed it rather than reading
    # the clock again, so the window recorded below is the one its requests asked for.
    spider, window = _spider_and_window(source_id, since, until)
    check_options(source_id, options, spider)
    settings.ensure_dirs()
    with tempfile.TemporaryDirectory(prefix="tiplex-crawl-") as scratch:
        outcomes = Path(scratch) / "outcomes.jsonl"
        outcomes.touch()
        command = [
            sys.executable, "-m", "crawlers.run", source_id,
            "--home", str(settings.home), "--outcomes", str(outcomes),
            "--window", window.as_argument(),
        ]  # fmt: skip
        for flag, value in (("--base-url", base_url), ("--since", since), ("--until", until)):
            if value:
                command += [flag, value]
        if limit is not None:
            command += ["--limit", str(limit)]
        if full:
            command.append("--full")
        if replay:
            command.append("--replay")
        for name, value in sorted((options or {}).items()):
            command += ["--option", f"{name}={value}"]
        # Keyed on the real site, not the mirror: the politeness is the site's, and a test of it
        # on a mirror sees what the real site would.
        lock = "replay-" + source_id if replay else site_host(spider.base_url)
        with host_lock(settings.home / "locks", lock):
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
    if not replay and spider.window_in_requests:
        record_window(
            settings.crawl_db, source_id, window.first.isoformat(), window.last.isoformat()
        )
    if not replay:
        record_run(
            settings.crawl_db,
            CrawlRun(
                source_id=source_id,
                finished_at=datetime.now(UTC).isoformat(timespec="seconds"),
                full_sweep=full,
                discovered=counts["discovered"],
                fetched=counts["fetched"],
                failed=counts["failed"],
            ),
        )
    with CrawlState(settings.crawl_db) as state:
        pending = state.pending(source_id)
    return CrawlReport(
        source_id=source_id,
        errors=tuple(errors),
        documents=tuple(stored.to_document() for stored in pending),
        **counts,
    )


# Replaying costs no request, so by default a reprocess walks every listing a source could have
# archived, not only its weekly window.
REPROCESS_FROM = "1900"


def reprocess(
    source_id: str,
    settings: Settings,
    *,
    since: str | None = None,
    until: str | None = None,
    options: Mapping[str, str] | None = None,
) -> CrawlReport:
    """Rebuild one source's documents from its WARC archive, without the network: the spider
    walks its window (`since`/`until`; by default everything since REPROCESS_FROM, listings
    that were never archived simply answer 404) over the archived answers. A source whose
    requests carry their window is replayed, by default, once per window its crawls asked for.

    Raises:
        ValueError: as `crawl()`.
    """
    spider = check_window(source_id, since, until)
    windows = (
        recorded_windows(settings.crawl_db, source_id)
        if spider.window_in_requests and not (since or until)
        else []
    )
    if not windows:
        return crawl(
            source_id,
            settings,
            since=since or REPROCESS_FROM,
            until=until,
            full=True,
            replay=True,
            options=options,
        )
    reports = [
        crawl(source_id, settings, since=first, until=last, full=True, replay=True, options=options)
        for first, last in windows
    ]
    # The documents are those still pending after the last replay: every replay's, once.
    return CrawlReport(
        source_id=source_id,
        errors=tuple(error for report in reports for error in report.errors),
        documents=reports[-1].documents,
        **{name: sum(report.counts()[name] for report in reports) for name in reports[-1].counts()},
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
