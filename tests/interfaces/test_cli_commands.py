"""The command-line side of the interfaces: serve's help, the bulk export and saved searches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from index.embeddings import PACKAGED_MODEL
from tiplex.settings import Settings


def tiplex(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIPLEX_HOME": str(home), "TIPLEX_EMBEDDING_MODEL": PACKAGED_MODEL}
    return subprocess.run(
        [sys.executable, "-m", "interfaces.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_serve_is_bound_to_this_machine_unless_told(tmp_path: Path) -> None:
    shown = tiplex("serve", "--help", home=tmp_path)
    assert shown.returncode == 0
    assert "127.0.0.1" in shown.stdout and "--port" in shown.stdout


def test_export_and_saved_searches_from_the_command_line(
    home_copy: Settings, tmp_path: Path
) -> None:
    exported = tiplex("export", str(tmp_path / "out"), home=home_copy.home)
    assert exported.returncode == 0, exported.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["counts"]["documents"] == 11
    refused = tiplex("saved", "add", "bad", "x", "--filter", "year=soon", home=home_copy.home)
    assert refused.returncode == 2 and "year" in refused.stderr
    added = tiplex("saved", "add", "child victims", "child", home=home_copy.home)
    assert added.returncode == 0, added.stderr
    listed = json.loads(tiplex("saved", "list", "--json", home=home_copy.home).stdout)
    assert [s["name"] for s in listed] == ["child victims"]
    digest = json.loads(tiplex("digest", "--json", home=home_copy.home).stdout)
    assert digest["searches"][0]["new"] == []  # nothing new since it was saved
    assert all(Path(f).is_file() for f in digest["files"])


def test_cli_search_trends_and_compare_answer_as_the_api_does(
    app_settings: Settings, client: TestClient
) -> None:
    """One service under both: the same question gets the same hits, counts and compare rows."""
    home = app_settings.home
    searched = tiplex("search", "forced labour", "--json", "-k", "3", "--mode", "bm25", home=home)
    assert searched.returncode == 0, searched.stderr
    api_hits = client.get(
        "/api/v1/search", params={"q": "forced labour", "limit": 3, "mode": "bm25"}
    )
    hits = json.loads(searched.stdout)
    assert hits and hits == api_hits.json()["hits"]
    assert all(hit["citation"]["source_url"] == hit["source_url"] for hit in hits)

    counted = tiplex("trends", "", "--by", "year,country", "--json", home=home)
    assert counted.returncode == 0, counted.stderr
    api_rows = client.get("/api/v1/trends", params={"by": "year,country"}).json()["rows"]
    assert json.loads(counted.stdout) == api_rows
    assert sum(row["count"] for row in api_rows) >= 2

    compared = tiplex("compare", "--topic", "non_punishment", "--json", home=home)
    assert compared.returncode == 0, compared.stderr
    rows = json.loads(compared.stdout)
    assert rows
    api_states = client.get("/api/v1/compare", params={"topic": "non_punishment"}).json()["states"]
    expected = [(c, r["law"]["doc_id"], r["number"]) for c in api_states for r in api_states[c]]
    assert [(r["country"], r["doc_id"], r["provision"]["number"]) for r in rows] == expected
    # The citing judgments come along, as on the API and the compare page.
    assert [r["cited_by"] for r in rows] == [
        r["cited_by"] for c in api_states for r in api_states[c]
    ]


def test_cli_refusals_name_its_own_flags(app_settings: Settings) -> None:
    too_many = tiplex("search", "x", "--passages", "21", home=app_settings.home)
    assert too_many.returncode == 2 and "--passages must be at most 20" in too_many.stderr
    by = tiplex("trends", "x", "--by", "colour", home=app_settings.home)
    assert by.returncode == 2 and "--by takes one or two fields" in by.stderr
