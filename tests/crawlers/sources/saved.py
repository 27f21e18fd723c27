"""The saved pages of one source, as its unit tests read them."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).parents[2] / "examples" / "crawlers"


class SavedPages:
    """`tests/examples/crawlers/<source_id>/`: its pages by file name."""

    def __init__(self, source_id: str) -> None:
        self.folder = EXAMPLES / source_id

    def path(self, name: str) -> Path:
        return self.folder / name

    def text(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def bytes(self, name: str) -> bytes:
        return self.path(name).read_bytes()
