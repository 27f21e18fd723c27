"""The demo mirror is generated from the team's authoring sources; the committed pages must be
exactly what the generators produce, so a hand edit of a page cannot drift from its answer key."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

AUTHORING = Path(__file__).resolve().parents[2] / "tools" / "demo_authoring"


def load(path: Path) -> ModuleType:
    """A build script as a module, its own folder importable while it loads (its content
    modules sit beside it); named after its folder, since most scripts are called build.py."""
    spec = importlib.util.spec_from_file_location(
        f"_authoring_{path.parent.name}_{path.stem}", path
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    try:
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


# Rendering the non-Latin demo PDFs needs a font with Vietnamese glyphs (Debian's
# fonts-dejavu-core); the sites whose scripts render them are skipped without it.
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NEEDS_UNICODE_FONT = frozenset({"vietnam", "malaysia", "jdih_bpk", "asean", "congbobanan"})
SITES = (
    "lawphil", "thailand", "vietnam", "malaysia", "jdih_bpk",
    "sherloc", "commonlii", "asean", "mlis", "congbobanan",
    "elitigation", "sso", "parlimen", "elibrary", "peraturan_go_id",
)  # fmt: skip
GENERATORS = [AUTHORING / "build_putusan3.py", *(AUTHORING / site / "build.py" for site in SITES)]


def test_every_build_script_is_checked() -> None:
    assert set(GENERATORS) == {AUTHORING / "build_putusan3.py", *AUTHORING.glob("*/build.py")}


@pytest.mark.parametrize("generator", GENERATORS, ids=str)
def test_committed_mirror_matches_its_sources(generator: Path) -> None:
    if generator.parent.name in NEEDS_UNICODE_FONT and not UNICODE_FONT.exists():
        pytest.skip(f"{UNICODE_FONT} is needed to render the demo PDFs")
    assert load(generator).main(["--check"]) == 0
