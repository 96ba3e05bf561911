"""A small index of some entities, weighed by the full index, scores as the full one does
(rescreening relies on it)."""

from __future__ import annotations

from chokepoint.matching import Matcher, Query
from chokepoint.matching.index import Index
from chokepoint.screening import get_matcher
from chokepoint.store import open_db
from chokepoint.store.versions import iter_entities


def test_a_partial_index_scores_its_entities_as_the_full_index(un_db: str) -> None:
    engine = open_db(un_db)
    full = get_matcher(engine)
    entities = list(iter_entities(engine))[::20]  # 51 of the 1,003 UN entries
    partial = Matcher(Index.build(entities, full.index), reference=full.index)
    unweighed = Matcher(Index.build(entities))
    ids = {e["id"] for e in entities}
    worst = worst_unweighed = 0.0
    for data in entities:
        words = data["caption"].split()
        query = Query.of(" ".join(reversed(words)) + " trading", data["schema"])
        expected = {m.id: m.score for m in full.match(query, limit=50) if m.id in ids}
        got = {m.id: m.score for m in partial.match(query, limit=50)}
        assert data["id"] in got
        worst = max(worst, *(abs(got.get(i, 0.0) - s) for i, s in expected.items()))
        other = {m.id: m.score for m in unweighed.match(query, limit=50)}
        worst_unweighed = max(worst_unweighed, abs(other[data["id"]] - expected[data["id"]]))
    assert worst < 0.01
    assert worst_unweighed > 0.05  # without the full index's weights, scores drift
