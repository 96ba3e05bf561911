"""The rules per regime on small graphs built in memory (no database needed)."""

from __future__ import annotations

from datetime import date

from chokepoint.ownership.derive import derive
from chokepoint.ownership.graph import CONTROL, EdgeIn, Graph
from chokepoint.ownership.regimes import regime

DAY = date(2026, 12, 1)


def graph(edges: list[EdgeIn], listed: dict[str, tuple[str, str]]) -> Graph:
    g = Graph()
    g.add_edges(edges)
    for key, entry in listed.items():
        g.listed[g.node(key)] = entry
    return g.finish()


def status(g: Graph, key: str, regime_key: str, on: date = DAY) -> str:
    return derive(g, regime(regime_key), on).status(g.number[key])


SDN = ("us_ofac_sdn", "")
EU = ("eu_fsf", "")
UK = ("gb_fcdo", "")
ENTITY_LIST = ("us_trade_csl", "entity_list")


def test_exactly_50_blocks_under_ofac_and_eu_not_under_uk() -> None:
    # The EU Best Practices of July 2024 made it "50% or more"; the UK keeps "more than".
    g = graph([EdgeIn("p", "x", 50.0)], {"p": EU})
    assert status(g, "x", "eu") == "blocked"
    g = graph([EdgeIn("p", "x", 50.0)], {"p": UK})
    assert status(g, "x", "uk") == "clear"
    g = graph([EdgeIn("p", "x", 50.1)], {"p": UK})
    assert status(g, "x", "uk") == "blocked"
    g = graph([EdgeIn("p", "x", 50.0)], {"p": SDN})
    assert status(g, "x", "ofac") == "blocked"
    g = graph([EdgeIn("p", "x", 30.0), EdgeIn("q", "x", 30.0)], {"p": EU, "q": EU})
    assert status(g, "x", "eu") == "blocked"  # the EU adds listed holders up


def test_uk_adds_only_one_designated_persons_holdings() -> None:
    edges = [EdgeIn("p", "x", 30.0), EdgeIn("q", "x", 30.0)]
    assert status(graph(edges, {"p": UK, "q": UK}), "x", "uk") == "clear"
    # p's own 30% and what p holds through a subsidiary it owns do add up.
    edges = [EdgeIn("p", "s", 100.0), EdgeIn("p", "x", 30.0), EdgeIn("s", "x", 30.0)]
    assert status(graph(edges, {"p": UK}), "x", "uk") == "blocked"


def test_bis_rule_follows_its_dates() -> None:
    g = graph([EdgeIn("e", "x", 50.0)], {"e": ENTITY_LIST})
    assert status(g, "x", "bis", date(2025, 10, 1)) == "blocked"
    assert status(g, "x", "bis", date(2026, 1, 1)) == "clear"  # suspended
    assert status(g, "e", "bis", date(2026, 1, 1)) == "blocked"  # listed all the same
    assert status(g, "x", "ofac", date(2025, 10, 1)) == "clear"  # not an SDN


def test_control_without_a_share_gives_review() -> None:
    g = graph([EdgeIn("p", "x", None, CONTROL)], {"p": SDN})
    assert status(g, "x", "ofac") == "review"


def test_review_passes_down_a_chain() -> None:
    g = graph([EdgeIn("p", "x", None), EdgeIn("x", "y", 100.0)], {"p": SDN})
    assert status(g, "y", "ofac") == "review"


def test_a_stake_not_yet_started_does_not_count() -> None:
    g = graph([EdgeIn("p", "x", 60.0, start="2027-01-01")], {"p": SDN})
    assert status(g, "x", "ofac") == "clear"


def test_a_cycle_without_a_blocked_holder_ends_clear() -> None:
    edges = [EdgeIn("a", "b", 60.0), EdgeIn("b", "a", 60.0), EdgeIn("p", "c", 10.0)]
    g = graph(edges, {"p": SDN})
    assert status(g, "a", "ofac") == status(g, "b", "ofac") == "clear"
