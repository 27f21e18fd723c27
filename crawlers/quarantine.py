"""Inputs that could not be processed are set aside with their reason, never silently dropped."""

from __future__ import annotations

import re
from pathlib import Path


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "document"


def quarantine_bytes(root: Path, source_id: str, name: str, raw: bytes, reason: str) -> Path:
    """Copy `raw` to `<root>/<source_id>/<name>` with `<name>.reason.txt` beside it."""
    folder = root / _safe_name(source_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _safe_name(name)
    target.write_bytes(raw)
    target.with_name(target.name + ".reason.txt").write_text(
        reason.strip() + "\n", encoding="utf-8"
    )
    return target
