"""Features combined into one score in [0, 1], with each feature's contribution.

Name features carry weights fitted by ``matching/fit.py`` (a logistic regression on dev
and on generated training queries; see the weights file for its data and figures). Birth
date and country weights are set by hand in the weights file, small enough that they move
a borderline name, never make a match of a poor one; two rules hold whatever the weights:

- a cap: a birth date more than two years from every listed one, or a name of generic
  words only on both sides, keeps the score at ``capped_score`` at most, below the match
  threshold (it may stay in review);
- a floor: a different country never takes a name match below the review threshold,
  since a listed party at a third country's address is what diversion looks like.

An identifier equal to a listed one is a match whatever the names say.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

ID_MATCH_SCORE = 0.99
# Evidence that no name, however close, turns into a match (see the module docstring).
CAPS = ("birth_date_conflicts", "generic_name")
COUNTRY_CONFLICT = "country_conflicts"


@dataclass(frozen=True)
class Weights:
    bias: float
    features: dict[str, float]
    threshold: float
    review_threshold: float
    meta: dict[str, Any]
    context: dict[str, float] | None = None  # hand-set logit weights of context evidence
    capped_score: float | None = None  # the most a capped result scores

    @property
    def cap(self) -> float:
        if self.capped_score is not None:
            return self.capped_score
        return (self.threshold + self.review_threshold) / 2


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
        context=data.get("context_weights"),
        capped_score=data.get("capped_score"),
    )


def sigmoid(logit: float) -> float:
    return 1 / (1 + math.exp(-logit))


class LogisticScorer:
    """``NAME`` identifies the scorer in results, as yente's algorithms do."""

    NAME = "chokepoint-logistic-v1"

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights or load_weights()

    def score(self, features: dict[str, float]) -> tuple[float, dict[str, float]]:
        """The score and each feature's contribution to its logit.

        >>> s = LogisticScorer(Weights(0.0, {"a": 2.0}, 0.5, 0.3, {}))
        >>> score, parts = s.score({"a": 1.0})
        >>> round(score, 3), parts
        (0.881, {'a': 2.0})
        >>> round(s.score({"a": 1.0, "birth_date_conflicts": 1.0})[0], 3)  # capped
        0.4
        """
        w = self.weights
        context = w.context or {}
        contributions: dict[str, float] = {}
        for name, value in features.items():
            weight = w.features.get(name, context.get(name))
            if weight is not None and value:
                contributions[name] = weight * value
        logit = w.bias + sum(contributions.values())
        score = sigmoid(logit)
        if features.get(COUNTRY_CONFLICT) and score < w.review_threshold:
            if sigmoid(logit - contributions.get(COUNTRY_CONFLICT, 0.0)) >= w.threshold:
                score = w.review_threshold
        if any(features.get(cap) for cap in CAPS):
            score = min(score, w.cap)
        return score, contributions
