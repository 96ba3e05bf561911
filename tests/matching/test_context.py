"""The schemata a query may match, written out in ``data/matchable_schemata.csv`` so that a
cold screening needs not load followthemoney's model, are followthemoney's own."""

from __future__ import annotations

from followthemoney import model

from chokepoint.matching.context import can_match
from chokepoint.schemata import SCHEMATA


def test_can_match_says_what_followthemoney_says_for_every_schema() -> None:
    for query in SCHEMATA:
        ours = model.get(query)
        assert ours is not None and ours.matchable
        for listed in model.schemata.values():
            expected = listed in ours.matchable_schemata
            assert can_match(query, listed.name) == expected, (query, listed.name)
    assert all(can_match(None, name) for name in model.schemata)
