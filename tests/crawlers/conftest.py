"""Fixtures: the example site served on 127.0.0.1, and a fresh tiplex data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tiplex.demo.server import RunningServer, serve_directory
from tiplex.settings import Settings

from .sites import build_site


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, RunningServer]]:
    root = build_site(tmp_path / "site")
    with serve_directory(root) as server:
        yield root, server


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home").ensure_dirs()
