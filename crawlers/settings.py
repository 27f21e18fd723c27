"""Scrapy settings for tiplex's crawlers (Scrapy's own configuration, read by `crawlers.run`).

Polite by default: the sites are public services run on small budgets. Each value that differs
from Scrapy's default says what the default is.
"""

from __future__ import annotations

import os

BOT_NAME = "tiplex"
SPIDER_MODULES = ["crawlers.sources"]
NEWSPIDER_MODULE = "crawlers.sources"

# An honest User-Agent with a contact, so site operators can reach whoever runs this instance
# instead of blocking it. Operators set TIPLEX_CRAWLER_CONTACT (a URL or an e-mail address);
# without it the project's page, where a site operator can at least reach the maintainers.
PROJECT_CONTACT = "https://github.com/tiplex-project/tiplex"
USER_AGENT = (
    "tiplex/0.1 (research crawler on trafficking-in-persons case law; +"
    + (os.environ.get("TIPLEX_CRAWLER_CONTACT") or PROJECT_CONTACT)
    + ")"
)

ROBOTSTXT_OBEY = True  # default False
CONCURRENT_REQUESTS = 4  # default 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # default 8
DOWNLOAD_DELAY = 5  # default 0; spiders drop it to 0 for a base URL on 127.0.0.1
RANDOMIZE_DOWNLOAD_DELAY = True
DOWNLOAD_TIMEOUT = 60  # default 180
# PDFs of long judgments run to tens of MB; anything far beyond is not a judgment.
DOWNLOAD_MAXSIZE = 100 * 1024 * 1024  # default 1 GiB

AUTOTHROTTLE_ENABLED = True  # default False
AUTOTHROTTLE_START_DELAY = 5  # default 5
AUTOTHROTTLE_MAX_DELAY = 120  # default 60
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 3  # default 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Retry-After is honoured up to this many seconds; a longer wait means "come back next week".
TIPLEX_RETRY_AFTER_MAX = 300

# Guards, so a misbehaving site or spider cannot run forever or hammer a site with errors.
CLOSESPIDER_TIMEOUT = 6 * 3600  # default 0 (no limit)
CLOSESPIDER_ERRORCOUNT = 25  # default 0
CLOSESPIDER_PAGECOUNT = 20000  # default 0

COOKIES_ENABLED = True  # some court sites hand out a session cookie before serving files
TELNETCONSOLE_ENABLED = False  # default True
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    # Response order runs from high to low numbers: decompression (590), challenge check,
    # retries, then archiving only the final good responses. Requests that still fail reach
    # the spiders' errback, which reports them.
    "crawlers.middlewares.ChallengeMiddleware": 585,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.RetryAfterMiddleware": 550,
    "crawlers.middlewares.ArchiveMiddleware": 130,
    "crawlers.middlewares.ConditionalGetMiddleware": 120,
    # Outermost: the WARC holds each answer as the server sent it (redirects, 429s and
    # challenge pages included), and replaying it goes through every layer again.
    "crawlers.warc.WarcMiddleware": 900,
    # First on the way out: a request outside the source's hosts or the run's limits (a
    # redirect included) is refused before anything else sees it.
    "crawlers.boundaries.BoundaryMiddleware": 50,
}
ITEM_PIPELINES = {"crawlers.pipelines.StatePipeline": 300}
EXTENSIONS = {"crawlers.middlewares.OutcomeExtension": 500}

# Set by `crawlers.run` from tiplex's Settings (locations only).
TIPLEX_HOME = ""
TIPLEX_REPLAY = False  # answer from the WARC files instead of the network (`reprocess`)
TIPLEX_OUTCOMES_FILE = ""
