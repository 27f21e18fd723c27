"""A small deterministic embedder: hashed bag of words, so texts sharing words are close."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from index.e5 import E5_MODEL
from index.words import words

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


# A word and its Indonesian equivalent, embedded alike by `GlossaryEmbedder`.
SAME_MEANING = {"wages": "upah", "vessel": "kapal"}
GLOSSARY_DIMENSIONS = 16


class GlossaryEmbedder:
    """Translations known in advance: each pair of `SAME_MEANING` has its own axis, and any
    other text (a passage, a question) a pseudo-random unit vector on the remaining axes, so
    it is near none of them. Named as the multilingual model, so the weights tuned for it
    apply and English questions are translated."""

    model_id = f"{E5_MODEL}#engine=torch,max128"
    dimensions = GLOSSARY_DIMENSIONS

    def __init__(self) -> None:
        self.axes: dict[str, int] = {}
        for axis, (english, other) in enumerate(SAME_MEANING.items()):
            self.axes[english] = self.axes[other] = axis
        self.passages_embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        word = text.strip().lower()
        vector = np.zeros(GLOSSARY_DIMENSIONS)
        if word in self.axes:
            vector[self.axes[word]] = 1.0
        else:
            seed = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
            rest = np.random.default_rng(seed).standard_normal(
                GLOSSARY_DIMENSIONS - len(SAME_MEANING)
            )
            vector[len(SAME_MEANING) :] = rest
        return (vector / np.linalg.norm(vector)).tolist()  # type: ignore[no-any-return]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages_embedded.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
