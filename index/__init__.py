"""Stage 3: passages, embeddings and search backends (embedded SQLite default, Elasticsearch).

Public verbs (the only names `flows/` and the CLI use):

- `open_backend(settings) -> SearchBackend` (`TIPLEX_SEARCH_BACKEND=embedded|elasticsearch`).
- `SearchBackend.index(documents, facts, provisions) -> IndexReport`: chunks into passages and
  embeds only passages whose content hash has never been embedded.
- `SearchBackend.search(SearchQuery) -> list[SearchHit]`.
"""
