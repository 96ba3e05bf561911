"""Why a party is blocked, to review or clear under each regime: the paths from blocked
persons down to it, and a note an analyst can put in a file.

A path runs from a listed party down the stakes that blocked each party on the way (for a
party blocked by the rule, through its largest blocked holder) to the holder of the
party explained, then the party; its ``share`` is that last holder's stake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chokepoint.ownership.derive import BLOCKED, CLEAR, REVIEW, Derived
from chokepoint.ownership.graph import CONTROL, LINKED, OPERATOR, OWNERSHIP, Graph

if TYPE_CHECKING:
    from chokepoint.ownership.state import OwnershipState

# How a note names a list; other lists by their key.
LIST_LABELS = {
    "us_ofac_sdn": "SDN",
    "eu_fsf": "EU list",
    "gb_fcdo": "UK list",
    "un_sc_sanctions": "UN list",
    "us_trade_csl/entity_list": "Entity List",
    "us_trade_csl/meu": "MEU list",
    "us_trade_csl/sdn": "SDN",
}


def list_label(entry: tuple[str, str] | None) -> str:
    if entry is None:
        return "not listed"
    key = f"{entry[0]}/{entry[1]}" if entry[1] else entry[0]
    return LIST_LABELS.get(key) or LIST_LABELS.get(entry[0]) or key


@dataclass
class PathOut:
    owners: list[str]  # ids, from the blocked person down to the party explained
    names: list[str]
    share: float | None  # the last holder's stake; None: unknown
    kind: str  # ownership, control, linked or operator
    blocked_in: list[str]  # regimes under which the holder at the top of the path is blocked
    review_in: list[str]  # regimes under which it may be (unknown shares, control)
    source: str
    jointly: str | None = None  # the joint arrangement the last holding is part of

    def to_dict(self) -> dict[str, Any]:
        return {
            "owners": self.owners,
            "names": self.names,
            "share": self.share,
            "kind": self.kind,
            "regimes": self.blocked_in,
            "review": self.review_in,
            "source": self.source,
            "acting_jointly": self.jointly,
        }


@dataclass
class Explanation:
    id: str
    name: str
    listed: tuple[str, str] | None
    blocked: dict[str, bool]
    status: dict[str, str]
    blocked_share: dict[str, float]
    paths: list[PathOut] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    on: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "listed": list_label(self.listed) if self.listed else None,
            "blocked": self.blocked,
            "status": self.status,
            "blocked_share": self.blocked_share,
            "paths": [p.to_dict() for p in self.paths],
            "notes": self.notes,
            "on": self.on,
        }

    def text(self) -> str:
        head = f"{self.name} ({self.id}), {list_label(self.listed)}, on {self.on}"
        return "\n".join([head, *(f"  {k}: {note}" for k, note in self.notes.items())])


def explain_node(state: OwnershipState, node: int) -> Explanation:
    graph = state.graph
    paths = _paths(state, node)
    out = Explanation(
        id=graph.ids[node],
        name=graph.names[node],
        listed=graph.listed.get(node),
        blocked={k: d.status(node) == BLOCKED for k, d in state.derived.items()},
        status={k: d.status(node) for k, d in state.derived.items()},
        blocked_share={k: _blocked_share(graph, d, node) for k, d in state.derived.items()},
        paths=paths,
        on=state.on.isoformat(),
    )
    out.notes = {k: _note(graph, d, node, out.blocked_share[k]) for k, d in state.derived.items()}
    return out


def explain_listed(
    state: OwnershipState, entity_id: str, name: str, entry: tuple[str, str]
) -> Explanation:
    """A listed party no stake mentions: blocked where its list blocks, clear elsewhere."""
    status = {k: BLOCKED if d.regime.blocks(*entry) else CLEAR for k, d in state.derived.items()}
    notes = {
        k: f"listed ({list_label(entry)}): blocked under the {d.regime.title}"
        if status[k] == BLOCKED
        else f"not listed under the {d.regime.title}; no ownership data"
        for k, d in state.derived.items()
    }
    return Explanation(
        entity_id,
        name,
        entry,
        {k: s == BLOCKED for k, s in status.items()},
        status,
        dict.fromkeys(state.derived, 0.0),
        [],
        notes,
        state.on.isoformat(),
    )


def _active_in(graph: Graph, node: int, day: str) -> list[int]:
    return [e for e in graph.in_edges[node] if graph.active(e, day)]


def _blocked_share(graph: Graph, d: Derived, node: int) -> float:
    """The known shares of the party held by blocked persons, added (at most 100)."""
    total = 0.0
    for e in _active_in(graph, node, d.day):
        share = graph.share(e)
        if d.blocked[graph.owners[e]] and graph.kind(e) == OWNERSHIP and share is not None:
            total += share
    return round(min(total, 100.0), 6)


def chain(graph: Graph, d: Derived, node: int) -> list[int]:
    """From a listed party down to ``node`` along the holders that blocked each one."""
    out = [node]
    while d.via[out[-1]] >= 0 and d.via[out[-1]] not in out and not d.is_listed(graph, out[-1]):
        out.append(d.via[out[-1]])
    return out[::-1]


def _paths(state: OwnershipState, node: int) -> list[PathOut]:
    graph = state.graph
    found = []
    for e in _active_in(graph, node, state.on.isoformat()):
        owner = graph.owners[e]
        blocked_in = [k for k, d in state.derived.items() if d.blocked[owner]]
        review_in = [
            k for k, d in state.derived.items() if d.possible[owner] and not d.blocked[owner]
        ]
        if not blocked_in and not review_in:
            continue  # a holder that is not blocked passes nothing on
        d = state.derived[(blocked_in or review_in)[0]]
        top = chain(graph, d, owner) if blocked_in else [owner]
        ids = [*top, node]
        found.append(
            PathOut(
                owners=[graph.ids[i] for i in ids],
                names=[graph.names[i] for i in ids],
                share=graph.share(e),
                kind=graph.kind(e),
                blocked_in=blocked_in,
                review_in=review_in,
                source=graph.sources[e],
                jointly=graph.jointly[e],
            )
        )
    found.sort(key=lambda p: (-len(p.blocked_in), -(p.share or 0.0), p.owners))
    return found


def _pct(value: float | None) -> str:
    return "an unknown share" if value is None else f"{value:g}%"


def _holder(graph: Graph, d: Derived, e: int) -> str:
    """How a note names one holder: who it is, why it is blocked, its stake."""
    owner = graph.owners[e]
    name = graph.names[owner]
    kind = graph.kind(e)
    stake = {CONTROL: "control", LINKED: "linked to", OPERATOR: "owner or operator"}.get(
        kind
    ) or _pct(graph.share(e))
    if d.regime.per_owner and graph.jointly[e]:
        stake += f", acting jointly: {graph.jointly[e]}"
    if d.is_listed(graph, owner):
        return f"{name} ({list_label(graph.listed.get(owner))}, {stake})"
    if d.blocked[owner]:
        via = d.via[owner]
        held = _blocked_share(graph, d, owner)
        by = ""
        if via >= 0:
            alone = any(
                graph.owners[v] == via and graph.share(v) == held for v in graph.in_edges[owner]
            )
            by = (
                f" by {graph.names[via]}"
                if alone
                else f" by blocked persons incl. {graph.names[via]}"
            )
        return f"{name} (blocked: owned {held:g}%{by}, {stake})"
    return f"{name} (may be blocked, {stake})"


def _note(graph: Graph, d: Derived, node: int, share: float) -> str:
    title = d.regime.title
    if d.is_listed(graph, node):
        return f"listed ({list_label(graph.listed.get(node))}): blocked under the {title}"
    if not d.in_force:
        return f"the {title} is not in force on {d.day} (dates in data/ownership_regimes.csv)"
    edges = _active_in(graph, node, d.day)
    blocked = [e for e in edges if d.blocked[graph.owners[e]]]
    unsure = [e for e in edges if d.possible[graph.owners[e]] and e not in blocked]
    status = d.status(node)
    holders = " and ".join(_holder(graph, d, e) for e in blocked)
    if status == BLOCKED:
        control = [e for e in blocked if graph.kind(e) == CONTROL]
        if d.regime.control_blocks and control:
            named = " and ".join(_holder(graph, d, e) for e in control)
            return f"controlled by {named}: blocked under the {title}"
        joint = {graph.jointly[e] for e in blocked} if d.regime.per_owner else set()
        how = "in the aggregate " if len(blocked) > 1 else ""
        if len(blocked) > 1 and joint and None not in joint:
            how = "jointly "  # the UK adds different persons' holdings only then
        return f"owned {share:g}% {how}by {holders}: blocked under the {title}"
    if status == REVIEW:
        doubt = [
            e for e in blocked + unsure if graph.kind(e) != OWNERSHIP or graph.share(e) is None
        ]
        doubt = doubt or unsure
        named = " and ".join(_holder(graph, d, e) for e in doubt)
        return (
            f"review under the {title}: blocked persons hold {share:g}% known, and "
            f"{named} could make it {d.regime.term}"
        )
    if blocked:
        return (
            f"clear under the {title}: blocked persons hold {share:g}% ({holders}); "
            f"the rule needs {d.regime.term}"
            + (
                " held by one designated person (or by persons the data says act jointly)"
                if d.regime.per_owner
                else ""
            )
        )
    # Holders that are not blocked pass nothing on: say so where blocked persons hold some.
    partly = [
        f"{graph.names[graph.owners[e]]} ({_pct(graph.share(e))}) is not blocked: "
        f"blocked persons hold {_blocked_share(graph, d, graph.owners[e]):g}% of it, "
        "so it passes nothing on"
        for e in edges
        if _blocked_share(graph, d, graph.owners[e]) > 0
    ]
    ended = [
        f"{graph.names[graph.owners[e]]}'s {_pct(graph.share(e))} ended {graph.ends[e]}"
        for e in graph.in_edges[node]
        if d.blocked[graph.owners[e]] and (graph.ends[e] or "9") < d.day
    ]
    if ended:
        partly.append("; ".join(ended) + " and no longer counts")
    if partly:
        return f"clear under the {title}: " + "; ".join(partly)
    return f"clear under the {title}: no blocked holder"
