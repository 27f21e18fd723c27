"""The command-line side of the interfaces: serve's help, the bulk export and saved searches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
