"""Fitting the name-feature weights: a small logistic regression, reproducible.

Training rows come from screening the labelled dev queries: every candidate the index
returns for a query is one row, labelled 1 when it is an expected entry, 0 otherwise. The
weights maximise the L2-regularised log-likelihood (Newton's method, fixed iterations, no
randomness), so the same rows always give the same weights. The match threshold is then
set where the false-positive rate on the negatives stays under a target with a margin.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def fit_logistic(
    rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 1.0, steps: int = 50
) -> tuple[float, list[float]]:
    """Bias and weights of a logistic regression.

    >>> bias, (w,) = fit_logistic([[0.0], [0.2], [0.8], [1.0]], [0, 0, 1, 1], l2=0.01)
    >>> w > 5 and bias < -2
    True
    """
    x = np.hstack([np.ones((len(rows), 1)), np.asarray(rows, dtype=np.float64)])
    y = np.asarray(labels, dtype=np.float64)
    beta = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ beta)))
        gradient = x.T @ (p - y) + penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        beta -= np.linalg.solve(hessian, gradient)
    return float(beta[0]), [float(b) for b in beta[1:]]


def pick_threshold(negative: Sequence[float], max_fpr: float) -> float:
    """The lowest threshold whose false-positive rate on ``negative`` (the best score each
    negative query got) is at most ``max_fpr``.

    >>> pick_threshold([0.1, 0.2, 0.75, 0.3], max_fpr=0.25)  # one of four may pass
    0.3001
    """
    ordered = sorted(negative, reverse=True)
    allowed = int(max_fpr * len(ordered))
    cut = ordered[allowed] if allowed < len(ordered) else 0.0
    return round(cut + 0.0001, 4)
