"""Every party's status under one regime: a propagation from the listed parties down the
stakes, run twice.

- The exact run counts ownership with a known share, and control the data states where
  the regime blocks what a listed person controls (EU, UK): a party whose holders'
  blocked share passes the regime's threshold, or that a blocked person controls, becomes
  blocked itself and passes its own holdings on in full (OFAC: "a blocked subsidiary's
  own holdings count"). A party that is not blocked passes nothing on.
- The pessimistic run reads every unknown share, every control and every ambiguous tie
  (a list's "Linked To", an owner or operator) as 100%: a party blocked only there is
  ``review``: the data cannot rule blocking out, so a person must look (never a silent
  pass).

Under a per-owner regime (UK) each holding counts for one holder group: the designated
person it is attributed to, or the joint arrangement the data names for it
(``acting_jointly``), whose members' holdings are added.

Each party is blocked at most once and each stake is read once, when its owner becomes
blocked, so the run is linear in the edges and ends on cycles.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import date

from chokepoint.ownership.graph import CONTROL, KINDS, OWNERSHIP, Graph
from chokepoint.ownership.regimes import Regime

BLOCKED, REVIEW, CLEAR = "blocked", "review", "clear"
ALL = -1  # the one holder group of a regime that adds every blocked holder's share


@dataclass
class Derived:
    """One regime's answer for every party of a graph on one day."""

    regime: Regime
    on: date
    in_force: bool
    blocked: bytearray  # 1: blocked (listed under the regime, or by the rule)
    possible: bytearray  # 1: blocked when unknown shares and control are read as 100%
    via: array[int]  # the blocked holder with the largest share when it was blocked; -1

    @property
    def day(self) -> str:
        return self.on.isoformat()

    def status(self, node: int) -> str:
        if self.blocked[node]:
            return BLOCKED
        return REVIEW if self.possible[node] else CLEAR

    def is_listed(self, graph: Graph, node: int) -> bool:
        entry = graph.listed.get(node)
        return entry is not None and self.regime.blocks(*entry)


def derive(graph: Graph, regime: Regime, on: date) -> Derived:
    day = on.isoformat()
    seeds = [node for node, (lst, sub) in graph.listed.items() if regime.blocks(lst, sub)]
    in_force = regime.in_force(on)
    blocked, via = _propagate(graph, regime, day, seeds, in_force, pessimistic=False)
    possible, _ = _propagate(graph, regime, day, seeds, in_force, pessimistic=True)
    return Derived(regime, on, in_force, blocked, possible, via)


def _propagate(
    graph: Graph, regime: Regime, day: str, seeds: list[int], in_force: bool, pessimistic: bool
) -> tuple[bytearray, array[int]]:
    n = len(graph.ids)
    blocked = bytearray(n)
    via = array("i", [-1]) * n
    for s in seeds:
        blocked[s] = 1
    if not in_force:  # listed parties stay blocked; the rule itself blocks nobody
        return blocked, via
    # The holder group a blocked party's holdings count for: one group (all add up), or
    # under per-owner rules the designated person it is attributed to (itself, if listed),
    # or the joint arrangement a holding is part of (numbered below ALL).
    root: dict[int, int] = {s: s for s in seeds}
    joint: dict[str, int] = {}
    held: dict[int, dict[int, float]] = {}
    best: dict[int, float] = {}
    shares, owned, kinds, out_edges = graph.shares, graph.owned, graph.kinds, graph.out_edges
    starts, ends, jointly = graph.starts, graph.ends, graph.jointly
    ownership, control = KINDS.index(OWNERSHIP), KINDS.index(CONTROL)
    control_blocks = regime.control_blocks
    stack = list(seeds)
    while stack:
        owner = stack.pop()
        group = root[owner] if regime.per_owner else ALL
        for e in out_edges[owner]:
            target = owned[e]
            if blocked[target]:
                continue
            if (starts[e] or ends[e]) and not graph.active(e, day):
                continue
            share, kind = shares[e], kinds[e]
            if kind == control and (control_blocks or pessimistic):
                share = 100.0  # stated control: blocks where the regime says so
            elif (kind != ownership and kind != control) or share != share:
                # an ambiguous tie, or an unknown share (nan): only ever review
                if not pessimistic:
                    continue
                share = 100.0
            g, arrangement = group, jointly[e]
            if regime.per_owner and arrangement is not None:
                g = joint.setdefault(arrangement, ALL - 1 - len(joint))
            totals = held.setdefault(target, {})
            total = totals[g] = totals.get(g, 0.0) + share
            if share > best.get(target, -1.0):
                best[target] = share
                via[target] = owner
            if regime.passes(total):
                blocked[target] = 1
                if regime.per_owner:
                    root[target] = g
                stack.append(target)
    return blocked, via
