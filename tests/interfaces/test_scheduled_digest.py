"""A scheduled run writes the saved searches' digest: the flow prefect.yaml names, run for real
(Prefect's temporary API, Scrapy against the demo mirror served on 127.0.0.1, the real coder and
the embedded index)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prefect.flows import load_flow_from_entrypoint
from prefect.testing.utilities import prefect_test_harness

from interfaces import saved
from interfaces.demo import DEMO_SINCE, DEMO_UNTIL, mirror_overrides
from tiplex.demo import MIRROR_DIR
from tiplex.demo.server import serve_directory
from tiplex.settings import load_settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def prefect_harness() -> Iterator[None]:
    with prefect_test_harness(server_startup_timeout=180):
        yield


def _digest(summary: dict[str, Any]) -> dict[str, Any]:
    markdown, json_file = (Path(f) for f in summary["digest"]["files"])
    assert markdown.suffix == ".md" and markdown.is_file()
    digest: dict[str, Any] = json.loads(json_file.read_text(encoding="utf-8"))
    digest["markdown"] = markdown.read_text(encoding="utf-8")
    return digest


def test_the_scheduled_entry_point_runs_the_update_then_the_digest(tiplex_home: Path) -> None:
    settings = load_settings(tiplex_home).ensure_dirs()
    # Saved before anything is indexed: every judgment the run brings is new to them.
    saved.save(settings, "Philippine judgments", "", {"country": "PH"})
    saved.save(settings, "Indonesian judgments", "", {"country": "ID"})
    (deployment, *_) = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text())[
        "deployments"
    ]
    path, _, name = deployment["entrypoint"].partition(":")
    scheduled = load_flow_from_entrypoint(f"{ROOT / path}:{name}")

    with serve_directory(MIRROR_DIR) as server:
        source = "ph_lawphil_judgments"
        arguments: dict[str, Any] = {
            **deployment["parameters"],
            "source_ids": [source],
            "base_urls": {source: mirror_overrides(server.url)[source]},
            "since": DEMO_SINCE,
            "until": DEMO_UNTIL,
            "limit": 3,
            "home": str(tiplex_home),
        }
        first = scheduled(**arguments)
        second = scheduled(**arguments)

    (row,) = first["sources"]
    assert row["status"] == "ok" and row["documents_indexed"] == 3
    digest = _digest(first)
    assert digest["run"] == first["finished_at"]
    by_name = {entry["name"]: entry for entry in digest["searches"]}
    new = by_name["Philippine judgments"]["new"]
    assert len(new) == 3
    # A mirrored document links to the page it was fetched from, the mirror's.
    assert all(hit["source_url"].startswith(server.url) for hit in new)
    assert len({hit["doc_id"] for hit in new}) == 3
    assert by_name["Indonesian judgments"]["new"] == []
    for hit in new:  # the Markdown lists each with its link
        assert f"]({hit['source_url']})" in digest["markdown"]

    # The next run brings nothing new, and nothing is announced twice.
    assert second["totals"]["new"] == 0
    again = _digest(second)
    assert [entry["new"] for entry in again["searches"]] == [[], []]
    assert "No new judgments." in again["markdown"]
