"""The weekly flow end to end on the demo mirror: real Prefect, real Scrapy against a real HTTP
server on 127.0.0.1, the real spaCy coder and the embedded index with the packaged model."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from flows.pipeline import weekly_update
from tiplex.demo import MIRROR_DIR
from tiplex.demo.run import DEMO_SINCE, DEMO_UNTIL, mirror_overrides
from tiplex.demo.server import serve_directory

pytestmark = pytest.mark.slow


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens here once the socket is closed


def test_weekly_update_indexes_the_mirror_and_survives_a_dead_source(tiplex_home: Path) -> None:
    with serve_directory(MIRROR_DIR) as server:
        overrides = mirror_overrides(server.url)
        assert "ph_lawphil_judgments" in overrides
        assert "id_mahkamahagung_judgments" in overrides
        # The statutes source is pointed at a port where nothing listens: it must fail alone.
        overrides["ph_lawphil_statutes"] = _closed_port_url()
        first = weekly_update(
            source_ids=sorted(overrides),
            base_urls=overrides,
            since=DEMO_SINCE,
            until=DEMO_UNTIL,
            limit=6,
            home=str(tiplex_home),
        )
        rows = {row["source_id"]: row for row in first["sources"]}
        assert first["failed_sources"] == ["ph_lawphil_statutes"]
        assert rows["ph_lawphil_statutes"]["errors"]
        for source_id in ("ph_lawphil_judgments", "id_mahkamahagung_judgments"):
            assert rows[source_id]["status"] == "ok"
            assert rows[source_id]["new"] > 0
            assert rows[source_id]["documents_indexed"] == rows[source_id]["new"]
        assert first["passages_embedded"] > 0

        del overrides["ph_lawphil_statutes"]
        second = weekly_update(
            source_ids=sorted(overrides),
            base_urls=overrides,
            since=DEMO_SINCE,
            until=DEMO_UNTIL,
            limit=6,
            home=str(tiplex_home),
        )
    totals = second["totals"]
    assert (totals["new"], totals["changed"], second["passages_embedded"]) == (0, 0, 0)
    assert totals["unchanged"] > 0
    assert list((tiplex_home / "runs").glob("*-weekly-update.json"))
