"""Stage 1: fetch, archive and extract. Scrapy spiders, one module per source.

Public verbs (the only names `flows/` and the CLI use):

- `list_sources()`: the registry, walked from `crawlers.sources` (no hand-kept list).
- `crawl(source_id, settings, base_url=..., since=..., until=..., limit=..., full=...)`: one
  crawl of one source, in a subprocess (a fresh Twisted reactor each time). Raw bytes are
  archived by sha256 before anything is parsed. Returns a `CrawlReport` whose `documents` are
  the *pending* ones: new, changed, or fetched earlier but never acknowledged (a crashed run
  resumes here).
- `check_window(source_id, since, until)`: raises ValueError unless the source reads that
  window (flows check every source before the first crawl starts).
- `reprocess(source_id, settings, since=..., until=...)`: the same spider over the source's
  WARC archive instead of the network; rebuilt documents become pending again.
- `ingest(paths, settings, ...)`: the `local` source; folders of txt/md/html/pdf through the
  same archive → extract → pending path.
- `acknowledge(settings, documents)`: the later stages are done with these versions.
- `load_file(path, ...)`: one file to a `Document` without archiving (for `tiplex extract`).
- `extract_text(raw, content_type, url)`: main text of HTML, text layer of PDF, decoded text.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawlers.extract import ExtractionError, extract_text
    from crawlers.local_files import UnreadableFile, ingest, load_file
    from crawlers.registry import list_sources
    from crawlers.runner import check_options, check_window, crawl, reprocess
    from tiplex.records import Document
    from tiplex.settings import Settings

# Imported on first use: `python -m crawlers.run` and `python -m crawlers.registry` import this
# package first, and eager imports here would load those modules twice.
_EXPORTS = {
    "crawl": "crawlers.runner",
    "check_window": "crawlers.runner",
    "check_options": "crawlers.runner",
    "reprocess": "crawlers.runner",
    "ExtractionError": "crawlers.extract",
    "extract_text": "crawlers.extract",
    "UnreadableFile": "crawlers.local_files",
    "ingest": "crawlers.local_files",
    "load_file": "crawlers.local_files",
    "list_sources": "crawlers.registry",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'crawlers' has no attribute {name!r}")


def acknowledge(settings: Settings, documents: Sequence[Document]) -> None:
    """Mark these (doc_id, sha256) versions as processed downstream; they stop being pending."""
    from crawlers.state import CrawlState

    with CrawlState(settings.crawl_db) as state:
        state.acknowledge(documents)


__all__ = [
    "ExtractionError",
    "UnreadableFile",
    "acknowledge",
    "check_options",
    "check_window",
    "crawl",
    "extract_text",
    "ingest",
    "list_sources",
    "load_file",
    "reprocess",
]
