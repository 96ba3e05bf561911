"""Features combined into one score in [0, 1], with each feature's contribution.

Name features carry weights fitted on the labelled dev set by ``matching/fit.py`` (a
logistic regression; see the weights file for date and figures). Birth date and country
are not in the dev set, so their weights are set by hand, small enough that they move a
borderline name, never make a match of a poor one. An identifier equal to a listed one is
a match whatever the names say.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from chokepoint.matching.calibration import Calibration

ID_MATCH_SCORE = 0.99
# Hand-set logit contributions for evidence the dev set cannot fit (see module docstring).
CONTEXT_WEIGHTS = {
    "birth_date_agrees": 0.8,
    "birth_date_conflicts": -2.0,
    "country_agrees": 0.4,
    "country_conflicts": -0.6,
    "schema_conflicts": -4.0,
    "weak_alias": -1.0,
}


@dataclass(frozen=True)
class Weights:
    bias: float
    features: dict[str, float]
    threshold: float
    review_threshold: float
    meta: dict[str, Any]


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    text = resources.files("chokepoint.data").joinpath("match_weights.json").read_text("utf-8")
    data = json.loads(text)
    return Weights(
        bias=data["bias"],
        features=data["weights"],
        threshold=data["threshold"],
        review_threshold=data["review_threshold"],
        meta={k: v for k, v in data.items() if k not in ("bias", "weights")},
    )


class LogisticScorer:
    """``NAME`` identifies the scorer in results, as yente's algorithms do.

    Scores are calibrated (``calibration.py``: the fitted threshold at 0.70, review at 0.50)
    unless ``calibrated=False``, which the weight fit asks for: it picks thresholds on the
    raw scale the calibration then reads."""

    NAME = "chokepoint-logistic-v1"

    def __init__(self, weights: Weights | None = None, *, calibrated: bool = True) -> None:
        self.weights = weights or load_weights()
        w = self.weights
        self.calibration = Calibration(w.threshold, w.review_threshold) if calibrated else None

    @property
    def threshold(self) -> float:
        """The match threshold on this scorer's scale."""
        return self.calibration.threshold if self.calibration else self.weights.threshold

    @property
    def review_threshold(self) -> float:
        if self.calibration:
            return self.calibration.review_threshold
        return self.weights.review_threshold

    def score(self, features: dict[str, float]) -> tuple[float, dict[str, float]]:
        """The (calibrated) score and each feature's contribution to the raw logit.

        >>> s = LogisticScorer(Weights(0.0, {"a": 2.0}, 0.881, 0.5, {}))
        >>> score, parts = s.score({"a": 1.0})
        >>> round(score, 3), parts
        (0.7, {'a': 2.0})
        >>> round(LogisticScorer(s.weights, calibrated=False).score({"a": 1.0})[0], 3)
        0.881
        """
        contributions: dict[str, float] = {}
        for name, value in features.items():
            weight = self.weights.features.get(name, CONTEXT_WEIGHTS.get(name))
            if weight is not None and value:
                contributions[name] = weight * value
        logit = self.weights.bias + sum(contributions.values())
        raw = 1 / (1 + math.exp(-logit))
        return (self.calibration(raw) if self.calibration else raw), contributions
