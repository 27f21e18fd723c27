"""The search backend contract. Every backend passes the same contract suite
(`tests/index/test_backend_contract.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from tiplex.records import CaseFacts, Document, IndexReport, Provision, SearchHit, SearchQuery


class EmbeddingModelMismatch(RuntimeError):
    """The index was built with another embedding model than the one configured now."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-norm vectors. `model_id` is recorded in the index."""

    model_id: str
    dimensions: int

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


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

    def delete(self, doc_ids: Sequence[str]) -> int: ...

    def document_count(self) -> int: ...

    def close(self) -> None: ...
