"""Fixtures shared by the index tests."""

from __future__ import annotations

import pytest

from index.backend import Embedder


@pytest.fixture(scope="session")
def packaged_embedder() -> Embedder:
    """The real packaged all-MiniLM-L6-v2, loaded once per test session."""
    from index.embeddings import PACKAGED_MODEL, SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(PACKAGED_MODEL)  # plain fp32, the reference
