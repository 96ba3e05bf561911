"""One score scale everywhere: the scorer's raw probability mapped so that the fitted
match threshold sits at yente's 0.70 and the fitted review threshold at yente's 0.50.

The fit (``benchmarks/fit_weights.py``) picks both thresholds on the raw scale and writes
them to ``data/match_weights.json``; this map reads them from there, so a refit moves the
map with it and the calibrated thresholds stay where yente clients expect them. The map is
linear in log-odds through the two anchors: monotone (the order of results and every
``match`` flag are unchanged), and close to a shift of the fitted bias, so the features'
logit contributions in an explanation keep their meaning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

MATCH_AT = 0.70  # yente's SCORE_THRESHOLD: a result at or above it is a match
REVIEW_AT = 0.50  # yente's SCORE_CUTOFF: from here to MATCH_AT a person reviews
_EDGE = 1e-12  # log-odds of 0 and 1 are infinite: clamp just inside


def logit(p: float) -> float:
    p = min(max(p, _EDGE), 1 - _EDGE)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Calibration:
    """The map of one fit: ``raw_threshold`` -> MATCH_AT, ``raw_review`` -> REVIEW_AT.

    >>> c = Calibration(raw_threshold=0.25, raw_review=0.12)
    >>> round(c(0.25), 4), round(c(0.12), 4), c(0.0), c(1.0)
    (0.7, 0.5, 0.0, 1.0)
    """

    raw_threshold: float
    raw_review: float
    threshold: float = field(default=MATCH_AT, init=False)
    review_threshold: float = field(default=REVIEW_AT, init=False)
    slope: float = field(default=1.0, init=False)
    intercept: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        # Slope and intercept in log-odds; a fit without a review band (review threshold
        # equal to the match threshold) gets a pure shift of the bias.
        top, bottom = logit(self.raw_threshold), logit(self.raw_review)
        span = logit(MATCH_AT) - logit(REVIEW_AT)
        slope = span / (top - bottom) if top - bottom > 1e-9 else 1.0
        object.__setattr__(self, "slope", slope)
        object.__setattr__(self, "intercept", logit(MATCH_AT) - slope * top)

    def __call__(self, raw: float) -> float:
        """The calibrated score of a raw one; 0 and 1 stay 0 and 1."""
        if raw <= 0.0 or raw >= 1.0:
            return min(max(raw, 0.0), 1.0)
        return 1 / (1 + math.exp(-(self.slope * logit(raw) + self.intercept)))
