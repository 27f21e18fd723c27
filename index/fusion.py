"""Reciprocal rank fusion, written once: every ranking merged by rank in tiplex (embedded and
Elasticsearch hybrid search, passages within a hit, the published baseline) scores here."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)

RRF_K = 60  # the usual constant: ranks below ~60 matter little, so neither list dominates


def rrf_scores(
    rankings: Iterable[Sequence[Key]],
    weight_of: Callable[[int, Key], float] | None = None,
    k: int = RRF_K,
) -> dict[Key, float]:
    """Sum over the best-first `rankings` of weight / (k + rank), ranks from 1; the weight is
    `weight_of(ranking number, key)` (1 when None), and a key whose weight is 0 gets nothing
    from that ranking. Keys appear in the order first met, so a stable sort keeps ties so."""
    scores: dict[Key, float] = {}
    for number, ranking in enumerate(rankings):
        for rank, key in enumerate(ranking, start=1):
            weight = 1.0 if weight_of is None else weight_of(number, key)
            if weight > 0.0:
                scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return scores
