"""Stage 3: passages, embeddings and search backends (embedded SQLite default, Elasticsearch).

Public verbs (the only names `flows/` and the CLI use):

- `open_backend(settings) -> SearchBackend` (`TIPLEX_SEARCH_BACKEND=embedded|elasticsearch`).
- `SearchBackend.index(documents, facts, provisions) -> IndexReport`: chunks into passages and
  embeds only passages whose content hash has never been embedded.
- `SearchBackend.search(SearchQuery) -> list[SearchHit]`.
- `SearchBackend.count_by(query, by)`, `.provisions(topic, countries)`, `.reembed()`.
"""

from __future__ import annotations

from index.backend import (
    Embedder,
    EmbeddingModelMismatch,
    ProvisionHit,
    SearchBackend,
)
from tiplex.settings import Settings

__all__ = [
    "Embedder",
    "EmbeddingModelMismatch",
    "ProvisionHit",
    "SearchBackend",
    "default_embedder",
    "open_backend",
]


def default_embedder(settings: Settings) -> Embedder:
    """The configured sentence-transformers model (loaded on first use, not here)."""
    from index.embeddings import embedder_for

    return embedder_for(settings.embedding_model)


def open_backend(settings: Settings, embedder: Embedder | None = None) -> SearchBackend:
    """The configured backend. Heavy modules are imported only for the backend chosen."""
    chosen = embedder or default_embedder(settings)
    if settings.search_backend == "embedded":
        from index.embedded import EmbeddedBackend

        return EmbeddedBackend(settings, chosen)
    if settings.search_backend == "elasticsearch":
        from index.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(settings, chosen)
    raise ValueError(
        f"unknown search backend {settings.search_backend!r} "
        "(TIPLEX_SEARCH_BACKEND takes embedded or elasticsearch)"
    )
