"""Gradient-boosted decision trees stored as flat arrays and walked with numpy.

The trained models of the text-dump path (the line model, the block breaks, the headline ranker)
are scikit-learn's HistGradientBoostingClassifier exported to JSON by the training scripts in
`bench/`. They are walked here for all rows and all trees at once, so scoring needs neither
scikit-learn nor a pickle at run time.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

# The walk treats every tree as complete to the forest's depth (2^depth leaves each): enough for
# the trainers' settings in `bench/`, which cap the depth well below this.
MAX_DEPTH = 12


@dataclass(frozen=True)
class TreeModel:
    """The forest laid out level by level, as if every tree were complete: at level l, tree t's nodes
    are entries t * 2^l .. (t + 1) * 2^l - 1 of that level's arrays, left to right, so the children of
    entry i are entries 2i and 2i + 1 of the next level. A step down is then a shift and an add
    instead of a lookup of the child. Below a leaf, every row goes left (threshold +inf), so the
    leaf's value sits at its leftmost descendant on the last level."""

    baseline: float
    depth: int
    feature: tuple[np.ndarray, ...]
    """Per level above the leaves, the feature each node reads."""
    threshold: tuple[np.ndarray, ...]
    """Per level above the leaves, the threshold above which a row goes right."""
    value: np.ndarray
    """The last level's values: tree t's leaves are entries t * 2^depth .. (t + 1) * 2^depth - 1."""

    @classmethod
    def from_json(cls, data: dict, names: tuple[str, ...]) -> TreeModel:
        if list(data["features"]) != list(names):
            raise ValueError("the model was trained on other features than are computed now: retrain it")
        trees = data["trees"]
        nodes = _Nodes.of(trees)
        levels = nodes.levels(len(trees))
        # At least one level, so that a forest of single leaves is walked like any other.
        depth = max(1, len(levels) - 1)
        if depth > MAX_DEPTH:
            raise ValueError(f"trees of depth {depth} are deeper than the walk lays out ({MAX_DEPTH}): retrain with a max_depth")
        feature = [np.zeros(len(trees) << level, dtype=np.intp) for level in range(depth)]
        threshold = [np.full(len(trees) << level, np.inf) for level in range(depth)]
        value = np.zeros(len(trees) << depth)
        for level, (ids, entries) in enumerate(levels):
            leaf = nodes.leaf[ids]
            value[entries[leaf] << (depth - level)] = nodes.value[ids[leaf]]
            inner = ~leaf
            if inner.any():
                feature[level][entries[inner]] = nodes.feature[ids[inner]]
                threshold[level][entries[inner]] = nodes.threshold[ids[inner]]
        return cls(float(data["baseline"]), depth, tuple(feature), tuple(threshold), value)

    @property
    def roots(self) -> np.ndarray:
        """Each tree's root: its entry on the first level."""
        return np.arange(len(self.threshold[0]))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(content) for each row of `x` (columns as in `FEATURE_NAMES`)."""
        if len(x) == 0:
            return np.zeros(0)
        # The roots read the same columns for every row: one gather of those columns.
        go_right = x.take(self.feature[0], axis=1, mode="wrap") > self.threshold[0]
        nodes = self.roots * 2 + go_right
        # Below, one-dimensional `take`s on the flattened rows: much cheaper than two-dimensional fancy
        # indexing. Every index is in range (a node's children are entries 2i and 2i + 1 of the next
        # level, a feature is a column of `x`): the `take`s wrap rather than check each index for an
        # error to raise or clip it, for the same values: a fifth fewer instructions than clipping (a
        # `take` of an 8-byte item, 10 instructions an index rather than 12.6), which was 7% fewer
        # than raising; the walk's `take`s were three quarters of its instructions.
        cells = x.ravel()
        # Each row's offset in `cells`, laid out once for every tree: added with a row's offset
        # broadcast along it, numpy copied that row out at every level.
        row_starts = np.repeat(np.arange(0, x.size, x.shape[1]), nodes.shape[1]).reshape(nodes.shape)
        for feature, threshold in zip(self.feature[1:], self.threshold[1:], strict=True):
            index = feature.take(nodes, mode="wrap")
            index += row_starts
            go_right = cells.take(index, mode="wrap") > threshold.take(nodes, mode="wrap")
            nodes <<= 1
            nodes += go_right
        score = self.baseline + self.value.take(nodes, mode="wrap").sum(axis=1)
        return 1.0 / (1.0 + np.exp(-score))


@dataclass(frozen=True)
class _Nodes:
    """The nodes of all trees of a forest in one set of arrays, tree after tree, each child a node's
    number among them: the forest is laid out level by level for all trees at once, where a loop
    over every node of a model of 150 trees cost a few milliseconds of each process."""

    leaf: np.ndarray
    left: np.ndarray
    right: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    value: np.ndarray
    roots: np.ndarray

    @classmethod
    def of(cls, trees: list[dict]) -> _Nodes:
        sizes = [len(tree["leaf"]) for tree in trees]
        roots = np.cumsum([0, *sizes], dtype=np.intp)[:-1]
        offsets = np.repeat(roots, sizes)

        def column(key: str, dtype: type) -> np.ndarray:
            return np.fromiter(itertools.chain.from_iterable(tree[key] for tree in trees), dtype=dtype, count=len(offsets))

        return cls(
            column("leaf", bool),
            column("left", np.intp) + offsets,
            column("right", np.intp) + offsets,
            column("feature", np.intp),
            column("threshold", np.float64),
            column("value", np.float64),
            roots,
        )

    def levels(self, trees: int) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per level from the roots down, the nodes on it and their entries (see `TreeModel`): tree t's
        node at place p of level l is entry t * 2^l + p, and its children entries 2e and 2e + 1 below."""
        ids, entries = self.roots, np.arange(trees)
        levels = []
        while len(ids):
            levels.append((ids, entries))
            inner = ~self.leaf[ids]
            parents, placed = ids[inner], entries[inner] * 2
            ids = np.column_stack([self.left[parents], self.right[parents]]).ravel()
            entries = np.column_stack([placed, placed + 1]).ravel()
        return levels
