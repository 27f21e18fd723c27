"""Content-hash -> vector cache kept in a small Elasticsearch index.

Embedding is the slowest stage by far, so a passage is embedded once per model: the cache key
hashes the model id with the passage text, and re-indexing identical passages (an unchanged
judgment fetched again, a document re-chunked the same way) embeds nothing.
"""

from __future__ import annotations

import base64
import hashlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from elasticsearch import Elasticsearch

MGET_BATCH = 1000


def content_hash(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()


def encode_vector(vector: Sequence[float]) -> str:
    return base64.b64encode(array("f", vector).tobytes()).decode("ascii")


def decode_vector(blob: str) -> list[float]:
    values = array("f")
    values.frombytes(base64.b64decode(blob))
    return values.tolist()


def _batches(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class EmbeddingCache:
    """Looks vectors up by hash and stores new ones (bulk actions go through `write`)."""

    def __init__(self, client: Elasticsearch, index: str, model_id: str, dimensions: int) -> None:
        self._client = client
        self._index = index
        self._model_id = model_id
        self._dimensions = dimensions

    def lookup(self, hashes: Sequence[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        for batch in _batches(list(dict.fromkeys(hashes)), MGET_BATCH):
            response = self._client.mget(index=self._index, ids=list(batch))
            for doc in response["docs"]:
                source = doc.get("_source") if doc.get("found") else None
                if not source or source.get("model") != self._model_id:
                    continue
                vector = decode_vector(source["vector"])
                if len(vector) == self._dimensions:
                    found[doc["_id"]] = vector
        return found

    def actions(self, vectors: dict[str, list[float]]) -> list[dict[str, Any]]:
        """Bulk actions that store `vectors` (hash -> vector)."""
        return [
            {
                "_op_type": "index",
                "_index": self._index,
                "_id": digest,
                "_source": {
                    "model": self._model_id,
                    "dimensions": len(vector),
                    "vector": encode_vector(vector),
                },
            }
            for digest, vector in vectors.items()
        ]

    def resolve(
        self,
        texts_by_hash: dict[str, str],
        embed: Callable[[Sequence[str]], list[list[float]]],
        batch_size: int = 64,
    ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
        """(every vector asked for, the ones newly embedded). Texts are embedded sorted by
        length, so a batch pads its texts to similar lengths."""
        known = self.lookup(list(texts_by_hash))
        missing = sorted(
            (h for h in texts_by_hash if h not in known), key=lambda h: len(texts_by_hash[h])
        )
        fresh: dict[str, list[float]] = {}
        for batch in _batches(missing, batch_size):
            vectors = embed([texts_by_hash[h] for h in batch])
            if len(vectors) != len(batch):
                raise RuntimeError(
                    f"embedder returned {len(vectors)} vectors for {len(batch)} texts"
                )
            fresh.update(zip(batch, (list(map(float, v)) for v in vectors), strict=True))
        return {**known, **fresh}, fresh
