"""One crawl at a time per real host, across spiders and processes.

Two sources of one site (lawphil's judgments and statutes) would otherwise open two connections
to it when the flow runs them side by side. `crawl()` holds an exclusive file lock named after
the site's host for the whole crawl; a second crawl of that host waits for it.
"""

from __future__ import annotations

import fcntl
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


def site_host(base_url: str) -> str:
    """The host a source crawls, without a "www." prefix (one site, one lock)."""
    host = (urlsplit(base_url).hostname or base_url).lower()
    return host.removeprefix("www.")


@contextmanager
def host_lock(lock_dir: Path, host: str) -> Iterator[Path]:
    """Hold the crawl lock of `host` (blocking until whoever holds it is done)."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    path = lock_dir / (re.sub(r"[^a-z0-9.-]", "_", host) + ".lock")
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, even on a crash
        try:
            yield path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
