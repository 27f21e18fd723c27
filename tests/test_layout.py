"""The rule that keeps tiplex easy to change: the stage packages never import each other, and
the records and settings import nothing of the project."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("crawlers", "nlp", "index")
PROJECT = ("tiplex", "crawlers", "nlp", "index", "flows", "deployments")


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_stage_packages_do_not_import_each_other(stage: str) -> None:
    offenders = []
    for path in (ROOT / stage).rglob("*.py"):
        others = imported_top_levels(path) & (set(STAGES) | {"flows", "deployments"}) - {stage}
        if others:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(others)}")
    assert not offenders


@pytest.mark.parametrize("stage", STAGES)
def test_stages_use_only_records_settings_and_thesaurus_of_tiplex(stage: str) -> None:
    # crashpoints: the crash-safety harness's no-op hooks, importing nothing of the project.
    allowed = {
        "tiplex",
        "tiplex.records",
        "tiplex.settings",
        "tiplex.thesaurus",
        "tiplex.crashpoints",
    }
    offenders = []
    for path in (ROOT / stage).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("tiplex")
            ) and node.module not in allowed:
                offenders.append(f"{path.relative_to(ROOT)}: {node.module}")
    assert not offenders


@pytest.mark.parametrize("module", ["records.py", "settings.py", "thesaurus.py"])
def test_shared_modules_import_nothing_of_the_project(module: str) -> None:
    path = ROOT / "tiplex" / module
    if not path.exists():
        pytest.skip(f"tiplex/{module} not present")
    assert not imported_top_levels(path) & set(PROJECT)


def test_required_top_level_layout() -> None:
    for name in ("flows", "crawlers", "nlp", "index", "tests", "deployments", "tiplex"):
        assert (ROOT / name).is_dir(), name
    for name in ("pyproject.toml", "docker-compose.yml", "README.md", "Makefile", ".ci/run"):
        assert (ROOT / name).is_file(), name
