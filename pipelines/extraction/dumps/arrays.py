"""Numpy helpers the text-dump features share: numbering distinct strings, and sums over segments.

A dump's features are computed for all its tokens or units at once; these two steps are what lets
a per-token or per-unit Python loop become a handful of numpy operations.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

import numpy as np


def distinct_ids(items: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct items in order of first use, and each item's number among them: counting
    tokens and pairs of tokens is then numpy's work, and what depends on a token's text alone is
    worked out once per distinct token."""
    # One pass that numbers each item as it first comes, rather than a pass to find the distinct
    # items, one to number them and one to look every item up: a quarter less time. The dictionary
    # numbers a missing item itself (`__missing__` calls the counter), so the pass runs in C, not
    # in a Python comprehension: a tenth less again.
    index: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    ids = np.fromiter(map(index.__getitem__, items), dtype=np.int64, count=len(items))
    return list(index), ids


def segment_sums(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sum of `values[starts[i]:ends[i]]` for each i."""
    totals = np.concatenate([[0], np.cumsum(values, dtype=np.int64)])
    return totals[ends] - totals[starts]


def piece_sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum of `values` over each piece of a text laid out piece after piece, from each of `starts`
    up to the next (the last up to the end): `segment_sums` for pieces that are not empty (`starts`
    rise strictly) and whose separators hold nothing to count. One pass of `np.add.reduceat`, a
    quarter of the time of the cumulative sum and its two look-ups."""
    return np.add.reduceat(values, starts, dtype=np.int64)
