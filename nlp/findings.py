"""What a pipeline component reports: one coded value and where the text says it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    """A value for a CaseFacts field, with its evidence as offsets into the cleaned text."""

    field: str
    value: Any
    start: int
    end: int
