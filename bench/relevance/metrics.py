"""Recall@10 and nDCG@10 of ranked results against the documents that must be found (binary relevance)."""

from __future__ import annotations

import math
from collections.abc import Sequence

K = 10


def recall_at(ranked: Sequence[str], relevant: frozenset[str], k: int = K) -> float:
    """Share of the relevant documents in the top k (of at most k of them, so 1 is reachable)."""
    return len(set(ranked[:k]) & relevant) / min(len(relevant), k)


def ndcg_at(ranked: Sequence[str], relevant: frozenset[str], k: int = K) -> float:
    """Discounted gain of the relevant documents in the top k, over the gain of a perfect ranking."""
    gain = sum(1 / math.log2(rank + 2) for rank, doc_id in enumerate(ranked[:k]) if doc_id in relevant)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return gain / ideal
