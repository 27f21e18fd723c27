"""The rules that keep tiplex easy to change: the stage packages never import each other, the
ground floor (`tiplex/`) imports nothing of the project, and only the interfaces (`interfaces/`,
the top floor) import the flows and stages together; nothing below imports them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("crawlers", "nlp", "index")
PROJECT = ("tiplex", "crawlers", "nlp", "index", "flows", "deployments", "interfaces", "tools")
BELOW_INTERFACES = ("tiplex", "crawlers", "nlp", "index", "flows", "deployments")


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
    # crashpoints: the crash-safety harness's no-op hooks; addresses: the one rule for which
    # hosts are local or private (crawlers refuse them, interfaces mark copies served from them).
    # currencies: the marks that name a currency, read by the coder in judgments and by the
    # search in questions. All three import nothing of the project.
    allowed = {
        "tiplex",
        "tiplex.records",
        "tiplex.settings",
        "tiplex.thesaurus",
        "tiplex.crashpoints",
        "tiplex.addresses",
        "tiplex.currencies",
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


def python_files(package: str) -> list[Path]:
    # The demo mirror is data served as a web site, not code of the package.
    return [p for p in (ROOT / package).rglob("*.py") if "mirror" not in p.parts]


def test_ground_floor_imports_nothing_of_the_project() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(found)}"
        for path in python_files("tiplex")
        if (found := imported_top_levels(path) & (set(PROJECT) - {"tiplex"}))
    ]
    assert not offenders


@pytest.mark.parametrize("package", BELOW_INTERFACES)
def test_nothing_below_the_interfaces_imports_them(package: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in python_files(package)
        if imported_top_levels(path) & {"interfaces", "tools"}
    ]
    assert not offenders


def test_api_and_web_share_the_service_layer_not_each_other_or_the_cli() -> None:
    """The HTTP API and the web pages answer through `interfaces.service`; neither borrows from the
    other or from the command line, so a rule changed in one place holds for all three."""
    offenders = []
    for name, forbidden in {
        "api": ("interfaces.web", "interfaces.cli"),
        "web": ("interfaces.api", "interfaces.cli"),
        "service": ("interfaces.api", "interfaces.web", "interfaces.cli"),
    }.items():
        paths = [ROOT / "interfaces" / f"{name}.py", *(ROOT / "interfaces" / name).rglob("*.py")]
        for path in (p for p in paths if p.is_file()):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules = {
                node.module
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module
            }
            offenders += [
                f"{path.relative_to(ROOT)}: {m}" for m in modules if m.startswith(forbidden)
            ]
    assert not offenders


def test_demo_authoring_tools_are_not_installed() -> None:
    """The generators of the demo mirror are for its authors; users get only the mirror."""
    assert not (ROOT / "tiplex" / "demo" / "authoring").exists()
    assert (ROOT / "tools" / "demo_authoring").is_dir()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"tools*"' not in pyproject
    assert 'tiplex = "interfaces.cli:main"' in pyproject


def test_required_top_level_layout() -> None:
    for name in (
        "flows",
        "crawlers",
        "nlp",
        "index",
        "tests",
        "deployments",
        "tiplex",
        "interfaces",
    ):
        assert (ROOT / name).is_dir(), name
    for name in ("pyproject.toml", "docker-compose.yml", "README.md", "Makefile", ".ci/run"):
        assert (ROOT / name).is_file(), name
