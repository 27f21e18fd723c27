"""Stage 1: fetch, archive and extract. Scrapy spiders, one module per source.

Public verbs (the only names `flows/` and the CLI use):

- `list_sources()`: the registry, walked from `crawlers.sources` (no hand-kept list).
- `crawl(source_id, settings, base_url=..., since=..., until=..., limit=...)`: one crawl of one
  source, in a subprocess (a fresh Twisted reactor each time). Raw bytes are archived by sha256
  before anything is parsed. Returns a `CrawlReport` whose `documents` are the *pending* ones:
  new, changed, or fetched earlier but never acknowledged (a crashed run resumes here).
- `ingest(paths, settings, ...)`: the `local` source; folders of txt/md/html/pdf through the same
  archive → extract → pending path.
- `acknowledge(settings, documents)`: the later stages are done with these versions.
- `load_file(path, ...)`: one file to a `Document` without archiving (for `tiplex extract`).
- `extract_text(raw, content_type)`: main text of HTML, text layer of PDF, decoded plain text.
"""
