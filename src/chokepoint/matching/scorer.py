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

from chokepoint.matching.calibration import Calibration

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
    """``NAME`` identifies the scorer in results, as yente's algorithms do.

    Scores are calibrated (``calibration.py``: the fitted threshold at 0.70, review at 0.50)
    unless ``calibrated=False``, which the weight fit asks for: it picks thresholds on the
    raw scale the calibration then reads."""

    NAME = "chokepoint-logistic-v1"

    def __init__(self, weights: Weights | None = None, *, calibrated: bool = True) -> None:
        self.weights = weights or load_weights()
        w = self.weights
        self.calibration = Calibration(w.threshold, w.review_threshold) if calibrated else None
        # A fitted weight before a hand-set one of the same name, in one lookup.
        self._weights = {**(w.context or {}), **w.features}
        self._most: dict[frozenset[str], float] = {}  # of ``max_score``: by unknown features

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
        w = self.weights
        weights = self._weights
        contributions: dict[str, float] = {}
        for name, value in features.items():
            weight = weights.get(name)
            if weight is not None and value:
                contributions[name] = weight * value
        logit = w.bias + sum(contributions.values())
        score = sigmoid(logit)
        if features.get(COUNTRY_CONFLICT) and score < w.review_threshold:
            if sigmoid(logit - contributions.get(COUNTRY_CONFLICT, 0.0)) >= w.threshold:
                score = w.review_threshold
        if any(features.get(cap) for cap in CAPS):
            score = min(score, w.cap)
        return (self.calibration(score) if self.calibration else score), contributions

    def max_score(self, features: dict[str, float], unknown: frozenset[str]) -> float:
        """The most ``score`` can give when ``features`` are known and each of ``unknown``
        may be anything in [0, 1]: lets a caller that keeps only scores above a floor skip
        the rest of a pair that cannot reach it, whatever the fitted weights are.

        >>> s = LogisticScorer(Weights(0.0, {"a": 2.0, "b": -1.0}, 0.881, 0.5, {}))
        >>> round(s.max_score({"a": 0.5}, frozenset("b")), 6) == round(s.score({"a": 0.5})[0], 6)
        True
        >>> s.max_score({}, frozenset("ab")) >= s.score({"a": 1.0, "b": 0.0})[0]
        True
        """
        w = self.weights
        weights = self._weights
        base = w.bias  # the logit without the country conflict's part, at most
        for name, value in features.items():
            weight = weights.get(name)
            if weight is not None and value and name != COUNTRY_CONFLICT:
                base += weight * value
        most = self._most.get(unknown)
        if most is None:
            most = self._most[unknown] = sum(
                weight
                for name in unknown
                if (weight := weights.get(name)) is not None and weight > 0
                if name != COUNTRY_CONFLICT
            )
        base += most
        country = weights.get(COUNTRY_CONFLICT) or 0.0
        if COUNTRY_CONFLICT in unknown:
            logit = base + max(country, 0.0)
        else:
            logit = base + country * features.get(COUNTRY_CONFLICT, 0.0)
        score = sigmoid(logit)
        # The floor of ``score``: a different country never takes a name match below review.
        conflict = COUNTRY_CONFLICT in unknown or features.get(COUNTRY_CONFLICT)
        if conflict and sigmoid(base) >= w.threshold:
            score = max(score, w.review_threshold)
        # Sums in another order may differ in their last bits: a margin keeps this above.
        score = min(score + 1e-9, 1.0)
        return self.calibration(score) if self.calibration else score
