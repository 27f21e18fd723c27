"""Shared fixtures: every test gets its own TIPLEX_HOME; the real corpus is optional; the coder
is loaded once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from nlp.coder import CaseCoder

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = (REPO_ROOT / ".." / "shared" / "corpus").resolve()

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@pytest.fixture
def tiplex_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "tiplex-home"
    monkeypatch.setenv("TIPLEX_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS_DIR / "manifest.jsonl").is_file():
        pytest.skip("../shared/corpus is not present")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def coder() -> CaseCoder:
    """The bundled coder, loaded once for the coder's and the demo's tests: its pipelines are
    built per language on first use. Imported here, not at the top, so that suites which never
    code a document do not load spaCy."""
    from nlp.coder import load_coder

    return load_coder()
