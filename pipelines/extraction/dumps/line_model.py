"""The trained line model: how likely each unit of a text dump is article text.

The model (models/lines.json, made by `bench/train_line_model.py`) is two sets of gradient-boosted
decision trees stored as flat arrays: the first stage reads each unit's features, the second
reads them again with the first stage's guesses for the unit's neighbourhood (stacking), which
turns single-line guesses into block decisions. The trees are walked with numpy (see `trees`).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipelines.extraction.dumps.line_features import FEATURE_NAMES, SECOND_STAGE_NAMES, second_stage
from pipelines.extraction.dumps.trees import TreeModel

MODEL_PATH = Path(__file__).resolve().parent / "models" / "lines.json"


@dataclass(frozen=True)
class LineModel:
    first: TreeModel
    second: TreeModel

    @classmethod
    def from_json(cls, data: dict) -> LineModel:
        return cls(TreeModel.from_json(data["first"], FEATURE_NAMES), TreeModel.from_json(data["second"], SECOND_STAGE_NAMES))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """P(content) for each unit of one dump, from its `line_features.features` rows."""
        return self.second.probabilities(second_stage(x, self.first.probabilities(x)))


@functools.cache
def load(path: Path = MODEL_PATH) -> LineModel:
    return LineModel.from_json(json.loads(path.read_text()))
