"""A small deterministic embedder: hashed bag of words, so texts sharing words are close."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from index.text import words

DIMENSIONS = 64


class HashingEmbedder:
    """Texts sharing words get similar unit vectors; counts how many texts it embedded."""

    def __init__(
        self, model_id: str = "test/hashing-64", languages: frozenset[str] | None = None
    ) -> None:
        self.model_id = model_id
        self.dimensions = DIMENSIONS
        self.passages_embedded = 0
        # Like a real model's: the languages whose passages get vectors (None: all of them).
        self.languages = languages

    def _vector(self, text: str) -> list[float]:
        vector = np.zeros(DIMENSIONS, dtype=np.float32)
        for word in words(text):
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % DIMENSIONS] += 1.0
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1.0
            norm = 1.0
        return (vector / norm).tolist()  # type: ignore[no-any-return]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages_embedded += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
