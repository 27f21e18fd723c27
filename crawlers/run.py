"""Run one spider in this process: `python -m crawlers.run SOURCE_ID --home DIR --outcomes FILE`.

`crawlers.crawl()` starts this in a subprocess, because Scrapy's Twisted reactor cannot be
restarted within one process. Outcomes (one JSON object per line) go to `--outcomes`.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from crawlers.base import LOOPBACK_DELAY, is_loopback
from crawlers.registry import source_classes

REPLAY_HANDLERS = {"http": "crawlers.warc.ReplayHandler", "https": "crawlers.warc.ReplayHandler"}
BROWSER_HANDLERS = {
    "http": "crawlers.browser.BrowserHandler",
    "https": "crawlers.browser.BrowserHandler",
}


def scrapy_settings(
    home: Path, outcomes: Path, base_url: str | None, replay: bool = False
) -> ScrapySettings:
    settings = ScrapySettings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("TIPLEX_HOME", str(home), priority="cmdline")
    settings.set("TIPLEX_OUTCOMES_FILE", str(outcomes), priority="cmdline")
    if replay:
        # Answers come from the WARC files: nothing leaves the machine, so no politeness is
        # owed, and robots.txt was obeyed when the pages were fetched.
        settings.set("TIPLEX_REPLAY", True, priority="cmdline")
        settings.set("DOWNLOAD_HANDLERS", REPLAY_HANDLERS, priority="cmdline")
        settings.set("ROBOTSTXT_OBEY", False, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("RETRY_ENABLED", False, priority="cmdline")
        return settings
    if base_url and is_loopback(base_url):
        # A local mirror or test server answers at once; AutoThrottle would start at 5 s.
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", LOOPBACK_DELAY, priority="cmdline")
        # One connection per host, as on the real sites: the politeness under test is real.
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 1, priority="cmdline")
        settings.set("RETRY_TIMES", 1, priority="cmdline")
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one tiplex spider.")
    parser.add_argument("source_id")
    parser.add_argument("--home", required=True, type=Path, help="TIPLEX_HOME of the instance")
    parser.add_argument("--outcomes", required=True, type=Path, help="JSON-lines outcome file")
    parser.add_argument("--base-url")
    parser.add_argument("--since")
    parser.add_argument("--until")
    parser.add_argument(
        "--window",
        metavar="FIRST..LAST",
        help="the window worked out by the caller (ISO dates), used as it is; "
        "--since/--until then only say whether it was asked for",
    )
    parser.add_argument("--limit", type=int)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--replay", action="store_true", help="answer from the WARC archive")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="one of the spider's own arguments (repeatable)",
    )
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)

    spider = source_classes().get(args.source_id)
    if spider is None or not hasattr(spider, "start"):
        parser.error(f"no spider named {args.source_id!r}")
    settings = scrapy_settings(args.home, args.outcomes, args.base_url, replay=args.replay)
    if getattr(spider, "needs_browser", False) and not args.replay:
        # The source's pages are built by JavaScript: render them (crawlers.browser).
        settings.set("DOWNLOAD_HANDLERS", BROWSER_HANDLERS, priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=True)
    own_args = dict(option.partition("=")[::2] for option in args.option)
    spider_args = {
        **own_args,
        "base_url": args.base_url,
        "since": args.since,
        "until": args.until,
        "window": args.window,
        "limit": args.limit,
        "full": "1" if args.full else None,
    }
    process.crawl(spider, **{key: value for key, value in spider_args.items() if value is not None})
    process.start()
    logging.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
