"""The search backend contract. Every backend passes the same contract suite
(`tests/index/test_backend_contract.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from tiplex.records import (
    CaseFacts,
    Document,
    IndexReport,
    JsonRecord,
    Provision,
    SearchHit,
    SearchQuery,
)

# Fields that `SearchQuery.filters` and `count_by` understand, on every backend. A filter value
# may list alternatives separated by commas ("ID,PH"); `year` also takes a range "2015..2020",
# and `sentence_months` a range of any defendant's prison term ("120..", "..35", "life").
FILTER_FIELDS = (
    "country",
    "year",
    "court",
    "doc_type",
    "outcome",
    "conviction_law",
    "language",
    "exploitation_form",
    "sector",
    "minors",
    "non_punishment_raised",
    "non_punishment_applied",
    "is_trafficking_case",
    "sentence_months",
    "compensation",
    "compensation_amount",
    "fine_amount",
    "source_id",
    "doc_id",
)
# A prison term is filtered by range ("120..", `index.sentence_bounds`), not counted by value;
# compensation ordered is a condition (`index.compensation_filter`), not a dimension to count.
COUNT_FIELDS = tuple(
    f
    for f in FILTER_FIELDS
    if f not in ("doc_id", "sentence_months", "compensation", "compensation_amount", "fine_amount")
)


class EmbeddingModelMismatch(RuntimeError):
    """The index was built with another embedding model than the one configured now."""

    @classmethod
    def for_index(cls, index: str, recorded: str, configured: str) -> EmbeddingModelMismatch:
        return cls(
            f"{index} was built with the embedding model {recorded!r}, but {configured!r} is "
            f"configured. Either configure TIPLEX_EMBEDDING_MODEL={recorded} again, or run "
            f"`tiplex reembed` to re-embed the index with {configured!r}."
        )


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-norm vectors. `model_id` is recorded in the index."""

    model_id: str
    dimensions: int

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


@dataclass(frozen=True, slots=True)
class ProvisionHit(JsonRecord):
    """A provision with the law it belongs to, for comparing legislation across countries."""

    doc_id: str
    title: str
    country: str
    language: str
    source_url: str
    provision: Provision


@dataclass(frozen=True, slots=True)
class StoredDocument(JsonRecord):
    """A document as the index holds it: its record and text, its coded case (the JSON form of
    `CaseFacts`, evidence spans included) and the header fields the index settled on."""

    document: Document
    facts: Mapping[str, Any] | None
    court: str | None = None
    case_number: str | None = None
    decision_date: str | None = None


@dataclass(frozen=True, slots=True)
class Citing(JsonRecord):
    """A judgment whose coded charges or statute citations cite `statute` (normalised, e.g.
    "PH RA 9208")."""

    doc_id: str
    title: str
    country: str
    decision_date: str | None
    case_number: str | None
    statute: str
    provision: str | None


@runtime_checkable
class SearchBackend(Protocol):
    """Where passages, coded facts and provisions are stored and searched."""

    def index(
        self,
        documents: Sequence[Document],
        facts: Mapping[str, CaseFacts] | None = None,
        provisions: Mapping[str, Sequence[Provision]] | None = None,
    ) -> IndexReport:
        """Add or replace documents (by `doc_id`). Passages whose content hash was embedded
        before are not embedded again; the report counts only the new embeddings."""
        ...

    def search(self, query: SearchQuery) -> list[SearchHit]:
        """Hits are documents with their best passages; `query.filters` restrict on coded
        fields (country, year, court, doc_type, outcome, ...)."""
        ...

    def count_by(self, query: SearchQuery | None, by: Sequence[str]) -> list[dict[str, Any]]:
        """Counts of matching DOCUMENTS grouped by `by` (fields of `COUNT_FIELDS`), one dict per
        group: `{"year": 2019, "country": "ID", "count": 12}`, sorted by the group values.
        Without query text every document passing `query.filters` counts; with text, those
        having a passage that holds every query word and every quoted phrase. Multi-valued
        fields (exploitation_form, sector) count a document once under each of its values;
        a document without a value counts under None."""
        ...

    def provisions(
        self, topic: str | None = None, countries: Sequence[str] | None = None
    ) -> list[ProvisionHit]:
        """Provisions tagged with `topic` (all when None) in laws of `countries` (ISO alpha-2,
        all when None), ordered by country, law and position in the law."""
        ...

    def document(self, doc_id: str) -> StoredDocument | None:
        """The stored document with its coded case; None when the index does not hold it."""
        ...

    def citing(self, statute: str) -> list[Citing]:
        """Judgments whose coded charges or statute citations cite `statute`, one entry per cited
        provision."""
        ...

    def reembed(self) -> int:
        """Re-embeds every passage with the configured model and records it as the index's
        model (the fix for `EmbeddingModelMismatch`); returns how many texts were embedded."""
        ...

    def delete(self, doc_ids: Sequence[str]) -> int:
        """Removes documents (with passages and provisions); returns how many existed."""
        ...

    def document_count(self) -> int: ...

    def close(self) -> None: ...
