"""Every scoring feature is described for yente's /algorithms (``matching/explain.py``)."""

from dataclasses import fields

from chokepoint.matching.explain import FEATURES
from chokepoint.matching.features import NameFeatures
from chokepoint.matching.scorer import load_weights


def test_every_feature_and_context_weight_has_a_description() -> None:
    weights = load_weights()
    named = {f.name for f in fields(NameFeatures)} | set(weights.features)
    named |= set(weights.context or {})
    assert named - set(FEATURES) == set()
