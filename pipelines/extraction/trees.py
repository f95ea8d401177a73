"""Gradient-boosted decision trees stored as flat arrays and walked with numpy.

The trained models of the text-dump path (the line model, the block breaks, the headline ranker)
are scikit-learn's HistGradientBoostingClassifier exported to JSON by the training scripts in
`bench/`. They are walked here for all rows and all trees at once, so scoring needs neither
scikit-learn nor a pickle at run time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TreeModel:
    baseline: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    first_child: np.ndarray
    """Node i's left child; its right child is the next node (a leaf's is itself): one lookup per step."""
    value: np.ndarray
    depth: int
    root_feature: np.ndarray
    """The roots' features, thresholds and left children: the first step is the same for every row."""
    root_threshold: np.ndarray
    root_first_child: np.ndarray

    @classmethod
    def from_json(cls, data: dict, names: tuple[str, ...]) -> TreeModel:
        if list(data["features"]) != list(names):
            raise ValueError("the model was trained on other features than are computed now: retrain it")
        roots: list[int] = []
        feature: list[int] = []
        threshold: list[float] = []
        first_child: list[int] = []
        value: list[float] = []
        depth = 0
        for tree in data["trees"]:
            offset = len(feature)
            roots.append(offset)
            order = _sibling_order(tree)
            place = {node: offset + index for index, node in enumerate(order)}
            for node in order:
                if tree["leaf"][node]:
                    # A leaf's threshold sends every row left, to itself: walking past it is harmless
                    # and every path takes `depth` steps.
                    first_child.append(place[node])
                    feature.append(0)
                    threshold.append(np.inf)
                else:
                    first_child.append(place[tree["left"][node]])
                    feature.append(tree["feature"][node])
                    threshold.append(tree["threshold"][node])
                value.append(tree["value"][node])
            depth = max(depth, _depth(tree))
        root_array = np.asarray(roots, dtype=np.intp)
        feature_array = np.asarray(feature, dtype=np.intp)
        threshold_array = np.asarray(threshold, dtype=float)
        first_child_array = np.asarray(first_child, dtype=np.intp)
        return cls(
            baseline=float(data["baseline"]),
            roots=root_array,
            feature=feature_array,
            threshold=threshold_array,
            first_child=first_child_array,
            value=np.asarray(value, dtype=float),
            depth=depth,
            root_feature=feature_array.take(root_array),
            root_threshold=threshold_array.take(root_array),
            root_first_child=first_child_array.take(root_array),
        )

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(content) for each row of `x` (columns as in `FEATURE_NAMES`)."""
        if len(x) == 0:
            return np.zeros(0)
        # One-dimensional `take`s on the flattened rows: much cheaper than two-dimensional fancy indexing.
        cells = x.ravel()
        row_starts = (np.arange(len(x)) * x.shape[1])[:, None]
        # The first step broadcasts the roots' own arrays over the rows instead of looking them up.
        nodes = self.root_first_child + (cells.take(row_starts + self.root_feature) > self.root_threshold)
        for _ in range(self.depth - 1):
            index = self.feature.take(nodes)
            index += row_starts
            go_right = cells.take(index) > self.threshold.take(nodes)
            nodes = self.first_child.take(nodes)
            nodes += go_right
        score = self.baseline + self.value.take(nodes).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-score))


def _sibling_order(tree: dict) -> list[int]:
    """The tree's nodes in breadth-first order, so that a node's right child directly follows its left one."""
    order = [0]
    for node in order:
        if not tree["leaf"][node]:
            order.extend((tree["left"][node], tree["right"][node]))
    return order


def _depth(tree: dict) -> int:
    deepest = 0
    stack = [(0, 0)]
    while stack:
        node, level = stack.pop()
        if tree["leaf"][node]:
            deepest = max(deepest, level)
        else:
            stack.extend(((tree["left"][node], level + 1), (tree["right"][node], level + 1)))
    return deepest
