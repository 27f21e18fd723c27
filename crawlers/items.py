"""What spiders yield: frozen dataclasses, so golden files and pipelines see one fixed shape.

Spiders never hold the raw bytes in an item: the archive middleware has already stored them under
their sha256 before the callback ran, so the item only names the hash.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import get_args

from tiplex.records import DocType

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COUNTRY = re.compile(r"^([A-Z]{2})?$")  # "" only for local files (detected downstream)
_LANGUAGE = re.compile(r"^([a-z]{2,3})?$")  # "" when the coder must detect it
_DOC_TYPES = frozenset(get_args(DocType))


class InvalidItem(ValueError):
    """A spider built an item that downstream stages could not trust."""


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
    # When the body was fetched (ISO 8601 UTC): its WARC record's date, in a crawl and in a
    # replay alike; None when no archive recorded it (the pipeline then uses the time now).
    fetched_at: str | None = None

    def __post_init__(self) -> None:
        problems = [
            *_identity_problems(self.doc_id, self.source_id, self.url),
            *(
                []
                if _SHA256.match(self.sha256)
                else [f"sha256 {self.sha256!r} is not a hex digest"]
            ),
            *([] if _COUNTRY.match(self.country) else [f"country {self.country!r}"]),
            *([] if _LANGUAGE.match(self.language) else [f"language {self.language!r}"]),
            *([] if self.doc_type in _DOC_TYPES else [f"doc_type {self.doc_type!r}"]),
            *([] if self.content_type.strip() else ["no content type"]),
            *([] if _is_iso_date(self.decision_date) else [f"date {self.decision_date!r}"]),
            *(["metadata must map str to str"] if not _str_map(self.metadata) else []),
        ]
        if problems:
            raise InvalidItem(f"{self.doc_id or self.url}: invalid document: {'; '.join(problems)}")


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


def _identity_problems(doc_id: str, source_id: str, url: str) -> list[str]:
    problems = []
    if not doc_id.startswith(f"{source_id}:") or doc_id == f"{source_id}:":
        problems.append(f"doc_id {doc_id!r} is not '{source_id}:<the source's own id>'")
    if not url.startswith(("http://", "https://", "file://")):
        problems.append(f"url {url!r}")
    return problems


def _is_iso_date(value: str | None) -> bool:
    if value is None:
        return True
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _str_map(mapping: Mapping[str, str]) -> bool:
    return all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())
