"""The ownership graph: parties (listed entries, the user's own keys, names a list gives)
and the stakes between them, held as columns so a million edges fit in memory cheaply.

An edge says that ``owner`` holds ``share`` percent of ``owned`` (``None``: unknown) from
``start`` to ``end``. ``kind`` is ``ownership``, ``control`` (a stated owner or operator
without a share) or ``linked`` (a list's "Linked To"): only ownership with a known share
adds up; the other two can only ever make a party a matter for review.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

OWNERSHIP, CONTROL, LINKED = "ownership", "control", "linked"
KINDS = (OWNERSHIP, CONTROL, LINKED)
UNKNOWN = float("nan")


@dataclass(frozen=True)
class EdgeIn:
    """One stake as it is read, before the graph numbers its parties."""

    owner: str
    owned: str
    share: float | None
    kind: str = OWNERSHIP
    start: str | None = None
    end: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Edge:
    """One stake as the graph answers it (parties by id)."""

    owner: str
    owned: str
    share: float | None
    kind: str
    start: str | None
    end: str | None
    source: str


def is_active(start: str | None, end: str | None, day: str) -> bool:
    """A stake counts from its start to its end date (ISO prefixes compare as strings).

    >>> is_active(None, "2020-01-01", "2026-12-01"), is_active("2020", None, "2026-12-01")
    (False, True)
    """
    return (not start or start[: len(day)] <= day) and (not end or day <= end + "\uffff")


@dataclass
class Graph:
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    number: dict[str, int] = field(default_factory=dict)
    # (list, sublist or "") of the nodes that are current list entries
    listed: dict[int, tuple[str, str]] = field(default_factory=dict)
    owners: array[int] = field(default_factory=lambda: array("i"))
    owned: array[int] = field(default_factory=lambda: array("i"))
    shares: array[float] = field(default_factory=lambda: array("d"))  # nan: unknown
    kinds: bytearray = field(default_factory=bytearray)  # index into KINDS
    starts: list[str | None] = field(default_factory=list)
    ends: list[str | None] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    out_edges: list[list[int]] = field(default_factory=list)
    in_edges: list[list[int]] = field(default_factory=list)

    def node(self, entity_id: str, name: str = "") -> int:
        """The number of a party, added when new; a name fills in an empty one."""
        number = self.number.get(entity_id)
        if number is None:
            number = self.number[entity_id] = len(self.ids)
            self.ids.append(entity_id)
            self.names.append(name or entity_id)
        elif name and self.names[number] == entity_id:
            self.names[number] = name
        return number

    def add_edges(self, edges: Iterable[EdgeIn], names: dict[str, str] | None = None) -> None:
        names = names or {}
        for e in edges:
            self.owners.append(self.node(e.owner, names.get(e.owner, "")))
            self.owned.append(self.node(e.owned, names.get(e.owned, "")))
            self.shares.append(UNKNOWN if e.share is None else e.share)
            self.kinds.append(KINDS.index(e.kind))
            self.starts.append(e.start or None)
            self.ends.append(e.end or None)
            self.sources.append(e.source)

    def finish(self) -> Graph:
        """Index the edges by owner and by owned party (numpy's sort: a million in 0.1 s)."""
        n = len(self.ids)
        self.out_edges = _adjacency(np.frombuffer(self.owners, dtype=np.int32), n)
        self.in_edges = _adjacency(np.frombuffer(self.owned, dtype=np.int32), n)
        return self

    def share(self, e: int) -> float | None:
        value = self.shares[e]
        return None if value != value else value  # nan: unknown

    def kind(self, e: int) -> str:
        return KINDS[self.kinds[e]]

    def active(self, e: int, day: str) -> bool:
        return is_active(self.starts[e], self.ends[e], day)

    def edge(self, e: int) -> Edge:
        return Edge(
            self.ids[self.owners[e]],
            self.ids[self.owned[e]],
            self.share(e),
            self.kind(e),
            self.starts[e],
            self.ends[e],
            self.sources[e],
        )

    @property
    def edge_count(self) -> int:
        return len(self.owners)


def _adjacency(ends: np.ndarray, n: int) -> list[list[int]]:
    """Edge numbers grouped by one of their ends: ``result[node]`` lists its edges."""
    if not len(ends):
        return [[] for _ in range(n)]
    order = np.argsort(ends, kind="stable")
    bounds = np.searchsorted(ends[order], np.arange(n + 1)).tolist()
    flat = order.tolist()
    return [flat[bounds[i] : bounds[i + 1]] for i in range(n)]
