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
    spec = importlib.util.spec_from_file_location(f"_authoring_{path.stem}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# Rendering the Vietnamese PDF needs a font with Vietnamese glyphs (Debian's fonts-dejavu-core).
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
GENERATORS = [
    AUTHORING / "lawphil" / "build.py",
    AUTHORING / "build_putusan3.py",
    AUTHORING / "thailand" / "build.py",
    AUTHORING / "vietnam" / "build.py",
    AUTHORING / "malaysia" / "build.py",
    AUTHORING / "jdih_bpk" / "build.py",
]


@pytest.mark.parametrize("generator", GENERATORS, ids=str)
def test_committed_mirror_matches_its_sources(generator: Path) -> None:
    if not generator.exists():
        pytest.skip(f"{generator.name} not present")
    if generator.parent.name in ("vietnam", "malaysia", "jdih_bpk") and not UNICODE_FONT.exists():
        pytest.skip(f"{UNICODE_FONT} is needed to render the demo PDFs")
    sys.path.insert(0, str(generator.parent))
    try:
        assert load(generator).main(["--check"]) == 0
    finally:
        sys.path.remove(str(generator.parent))
