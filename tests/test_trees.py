"""The level-by-level walk of exported gradient-boosted trees (`trees.TreeModel`) reaches, for every
row and tree, the leaf a plain walk from the root reaches, whatever the shape of the trees."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from pipelines.extraction.dumps.trees import MAX_DEPTH, TreeModel


def _random_tree(rng: random.Random, features: int, depth: int) -> dict:
    tree: dict[str, list] = {"leaf": [], "left": [], "right": [], "feature": [], "threshold": [], "value": []}

    def grow(level: int) -> int:
        node = len(tree["leaf"])
        leaf = level == depth or rng.random() < 0.3
        for key, value in (
            ("leaf", leaf),
            ("left", -1),
            ("right", -1),
            ("feature", rng.randrange(features)),
            ("threshold", rng.uniform(-1, 1)),
            ("value", rng.uniform(-1, 1)),
        ):
            tree[key].append(value)
        if not leaf:
            tree["left"][node] = grow(level + 1)
            tree["right"][node] = grow(level + 1)
        return node

    grow(0)
    return tree


def _plain_score(data: dict, row: list[float]) -> float:
    score = data["baseline"]
    for tree in data["trees"]:
        node = 0
        while not tree["leaf"][node]:
            # NaN is no greater than anything: it goes left, as in the walk.
            node = tree["right"][node] if row[tree["feature"][node]] > tree["threshold"][node] else tree["left"][node]
        score += tree["value"][node]
    return score


def test_the_walk_reaches_each_trees_own_leaf_in_uneven_trees() -> None:
    rng = random.Random(7)
    names = ("a", "b", "c", "d")
    data = {"baseline": -0.3, "features": list(names), "trees": [_random_tree(rng, len(names), rng.randint(0, 5)) for _ in range(30)]}
    x = np.array([[rng.choice([rng.uniform(-1.2, 1.2), math.nan]) for _ in names] for _ in range(200)])
    scores = [_plain_score(data, row) for row in x.tolist()]
    # Leaf values are summed tree by tree as numpy sums a row: compared within rounding.
    assert TreeModel.from_json(data, names).probabilities(x) == pytest.approx([1 / (1 + math.exp(-s)) for s in scores], abs=1e-12)


def test_a_forest_of_single_leaves_scores_their_sum() -> None:
    data = {"baseline": 0.5, "features": ["a"], "trees": [_random_tree(random.Random(1), 1, 0) for _ in range(3)]}
    expected = 0.5 + sum(tree["value"][0] for tree in data["trees"])
    probabilities = TreeModel.from_json(data, ("a",)).probabilities(np.array([[0.0], [2.0]]))
    assert probabilities.tolist() == pytest.approx([1 / (1 + math.exp(-expected))] * 2)


def test_no_rows_no_probabilities() -> None:
    data = {"baseline": 0.0, "features": ["a"], "trees": [_random_tree(random.Random(2), 1, 3)]}
    assert TreeModel.from_json(data, ("a",)).probabilities(np.zeros((0, 1))).tolist() == []


def test_trees_deeper_than_the_layout_are_refused() -> None:
    deep: dict[str, list] = {"leaf": [], "left": [], "right": [], "feature": [], "threshold": [], "value": []}
    for level in range(MAX_DEPTH + 2):
        leaf = level == MAX_DEPTH + 1
        deep["leaf"] += [leaf, True]
        deep["left"] += [2 * level + 2 if not leaf else -1, -1]
        deep["right"] += [2 * level + 1 if not leaf else -1, -1]
        deep["feature"] += [0, 0]
        deep["threshold"] += [0.0, 0.0]
        deep["value"] += [0.0, 1.0]
    with pytest.raises(ValueError, match="deeper"):
        TreeModel.from_json({"baseline": 0.0, "features": ["a"], "trees": [deep]}, ("a",))
