"""The weekly flow end to end on the demo mirror: real Prefect, real Scrapy against a real HTTP
server on 127.0.0.1, the real spaCy coder and the embedded index with the packaged model."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from flows.pipeline import weekly_update
from interfaces.demo import DEMO_SINCE, DEMO_UNTIL, mirror_overrides
from tiplex.demo import MIRROR_DIR
from tiplex.demo.server import serve_directory

pytestmark = pytest.mark.slow


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens here once the socket is closed


def test_weekly_update_indexes_a_source_and_survives_a_dead_one(tiplex_home: Path) -> None:
    with serve_directory(MIRROR_DIR) as server:
        mirror = mirror_overrides(server.url)["ph_lawphil_judgments"]
        # The statutes source is pointed at a port where nothing listens: it must fail alone.
        overrides = {"ph_lawphil_judgments": mirror, "ph_lawphil_statutes": _closed_port_url()}
        first = weekly_update(
            source_ids=sorted(overrides),
            base_urls=overrides,
            since=DEMO_SINCE,
            until=DEMO_UNTIL,
            home=str(tiplex_home),
        )
        rows = {row["source_id"]: row for row in first["sources"]}
        assert first["failed_sources"] == ["ph_lawphil_statutes"]
        assert rows["ph_lawphil_statutes"]["errors"]
        judgments = rows["ph_lawphil_judgments"]
        assert judgments["status"] == "ok"
        assert judgments["new"] == 17
        assert judgments["documents_indexed"] == 17
        assert first["passages_embedded"] > 0

        second = weekly_update(
            source_ids=["ph_lawphil_judgments"],
            base_urls={"ph_lawphil_judgments": mirror},
            since=DEMO_SINCE,
            until=DEMO_UNTIL,
            home=str(tiplex_home),
        )
    totals = second["totals"]
    assert (totals["new"], totals["changed"], second["passages_embedded"]) == (0, 0, 0)
    assert (totals["unchanged"], totals["fetched"]) == (17, 0)
    assert len(list((tiplex_home / "runs").glob("*-weekly-update.json"))) == 2


def test_a_run_that_dies_before_indexing_is_resumed_by_the_next(tiplex_home: Path) -> None:
    """Crawled but never indexed (the process died): the next run indexes those documents
    although nothing new is downloaded."""
    import crawlers
    from tiplex.settings import load_settings

    settings = load_settings(tiplex_home).ensure_dirs()
    with serve_directory(MIRROR_DIR) as server:
        mirror = mirror_overrides(server.url)["ph_lawphil_statutes"]
        crashed = crawlers.crawl(
            "ph_lawphil_statutes", settings, base_url=mirror, since="2024-01-01", until="2025-12-31"
        )
        assert crashed.new == 3  # fetched and archived, then the "crash": nothing acknowledged
        resumed = weekly_update(
            source_ids=["ph_lawphil_statutes"],
            base_urls={"ph_lawphil_statutes": mirror},
            home=str(tiplex_home),
            since="2024-01-01",
            until="2025-12-31",
        )
    (row,) = resumed["sources"]
    assert (row["new"], row["fetched"], row["documents_indexed"]) == (0, 0, 3)
