"""What spiders yield: frozen dataclasses, so golden files and pipelines see one fixed shape.

Spiders never hold the raw bytes in an item: the archive middleware has already stored them under
their sha256 before the callback ran, so the item only names the hash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from tiplex.records import DocType


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """A document body downloaded in this run (new, changed, or same bytes as before)."""

    doc_id: str
    source_id: str
    url: str
    sha256: str
    content_type: str
    country: str
    language: str
    doc_type: DocType
    title: str
    court: str | None = None
    case_number: str | None = None
    decision_date: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UnchangedDocument:
    """A known document that was not downloaded again (304, or an immutable id already held)."""

    doc_id: str
    source_id: str
    url: str
    reason: str  # "not modified" | "known id"


@dataclass(frozen=True, slots=True)
class FailedDocument:
    """A document the spider found but could not turn into a `FetchedDocument`."""

    doc_id: str
    source_id: str
    url: str
    error: str
