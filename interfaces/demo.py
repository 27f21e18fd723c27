"""`tiplex demo`: the main job end to end on the embedded default, offline.

Serves the bundled mirror on 127.0.0.1, points every source whose real host the mirror holds at
it, runs the weekly-update flow, and asks three research questions of the new index.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from rich.console import Console

from tiplex.demo import MIRROR_DIR
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

# The mirror holds decisions from these years, and the laws they apply, the oldest enacted in
# 2003 (sources of legislation read their windows by year of enactment); the demo crawls them as
# a backfill window rather than the rolling weekly window, which would find nothing in a fixed
# mirror.
DEMO_SINCE = "2003-01-01"
DEMO_UNTIL = "2025-12-31"

SAMPLE_QUERIES = (
    "minor recruited and exploited through online livestreaming",
    "pekerja migran dikirim ke Malaysia tanpa dokumen resmi",
    "trafficked victim should not be punished for the crime she was forced to commit",
    # One question in each of the mirror's other languages (tools/demo_authoring/*/questions.md).
    "ผู้เสียหายจากการค้ามนุษย์ถูกฟ้องฐานเข้าเมืองโดยไม่ได้รับอนุญาต",
    "nạn nhân bị mua bán bị ép buộc sử dụng hộ chiếu giả",
    "rayuan orang yang diperdagangkan yang disabitkan di bawah Akta Imigresen",
)


def mirror_overrides(base_url: str) -> dict[str, str]:
    """Base-URL overrides for every web source whose real host has a folder in the mirror."""
    import crawlers

    overrides: dict[str, str] = {}
    for source in crawlers.list_sources():
        host = urlsplit(source.base_url).netloc
        if source.kind != "local" and host and (MIRROR_DIR / host).is_dir():
            overrides[source.id] = f"{base_url}/{host}"
    return overrides


def run_demo(
    settings: Settings, *, port: int = 0, progress: bool = True, console: Console | None = None
) -> dict[str, Any]:
    import index
    from flows.pipeline import weekly_update
    from tiplex.records import SearchQuery

    console = console or Console(stderr=True)
    with serve_directory(MIRROR_DIR, port=port) as server:
        overrides = mirror_overrides(server.url)
        console.print(f"[dim]demo mirror on {server.url} — sources: {', '.join(overrides)}[/]")
        from interfaces.progress import flow_progress

        with flow_progress(progress, console):
            summary = weekly_update(
                source_ids=list(overrides),
                base_urls=overrides,
                since=DEMO_SINCE,
                until=DEMO_UNTIL,
                home=str(settings.home),
            )
    backend = index.open_backend(settings)
    try:
        searches = [
            {
                "query": text,
                "hits": [hit.to_dict() for hit in backend.search(SearchQuery(text=text, k=3))],
            }
            for text in SAMPLE_QUERIES
        ]
    finally:
        backend.close()
    return {"summary": summary, "searches": searches}
