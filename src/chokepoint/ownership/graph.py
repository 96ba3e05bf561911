"""The ownership graph: parties (listed entries, the user's own keys, names a list gives)
and the stakes between them, held as columns so a million edges fit in memory cheaply.

An edge says that ``owner`` holds ``share`` percent of ``owned`` (``None``: unknown) from
``start`` to ``end``. ``kind`` is ``ownership`` (a stake), ``control`` (control the data
states explicitly: a role naming control, ``share`` written ``control``), ``linked`` (a
list's "Linked To") or ``operator`` (a stated owner or operator of a vessel or aircraft):
only ownership with a known share adds up everywhere; what control does is each regime's
(``control`` in ``data/ownership_regimes.csv``); the last two can only ever make a party a
matter for review. ``jointly`` names the joint arrangement a holding is part of.

Edges come in by columns (``add_columns``, a million in a few seconds: no object per edge)
and are indexed by owner and by owned party as two sorted arrays (``Adjacency``).
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

OWNERSHIP, CONTROL, LINKED, OPERATOR = "ownership", "control", "linked", "operator"
KINDS = (OWNERSHIP, CONTROL, LINKED, OPERATOR)
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
    jointly: str | None = None


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
    jointly: str | None = None


def is_active(start: str | None, end: str | None, day: str) -> bool:
    """A stake counts from its start to its end date (ISO prefixes compare as strings).

    >>> is_active(None, "2020-01-01", "2026-12-01"), is_active("2020", None, "2026-12-01")
    (False, True)
    """
    return (not start or start[: len(day)] <= day) and (not end or day <= end + "\uffff")


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a million rows of tuples are made: they hold
    no cycles, and each collection would walk every object made so far (a third of the
    time of a load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Adjacency:
    """Edge numbers grouped by one of their ends: ``adjacency[node]`` lists its edges.

    Two flat lists (edges sorted by node, where each node's run begins) rather than a list
    per node: 400,000 small lists cost more to build and to hold than the edges."""

    def __init__(self, ends: np.ndarray, n: int) -> None:
        order = np.argsort(ends, kind="stable")
        self._bounds: list[int] = np.searchsorted(ends[order], np.arange(n + 1)).tolist()
        self._flat: list[int] = order.tolist()

    def __getitem__(self, node: int) -> list[int]:
        return self._flat[self._bounds[node] : self._bounds[node + 1]]

    def __len__(self) -> int:
        return len(self._bounds) - 1


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
    jointly: list[str | None] = field(default_factory=list)
    out_edges: Adjacency = field(default_factory=lambda: Adjacency(np.zeros(0, np.int32), 0))
    in_edges: Adjacency = field(default_factory=lambda: Adjacency(np.zeros(0, np.int32), 0))
    _texts: dict[str, str] = field(default_factory=dict, repr=False)  # one object per text
    _unnamed: set[str] = field(default_factory=set, repr=False)  # parties known by id only

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

    def add_columns(
        self,
        owners: Sequence[str],
        owner_names: Sequence[str],
        owned: Sequence[str],
        owned_names: Sequence[str],
        shares: Sequence[float | None],
        kinds: Sequence[str],
        starts: Sequence[str | None],
        ends: Sequence[str | None],
        sources: Sequence[str],
        jointly: Sequence[str | None],
    ) -> None:
        """Edges given column by column (each sequence one field of every edge; empty dates
        and groups as None). No Python-level step per edge but the numbering of new ids."""
        number, unnamed = self.number, self._unnamed
        names = dict(zip(owned, owned_names, strict=True))
        names.update(zip(owners, owner_names, strict=True))
        for entity_id, name in names.items():
            if entity_id not in number:
                self.node(entity_id, name)
                if not name:
                    unnamed.add(entity_id)
            elif name and entity_id in unnamed:  # a name given later fills an empty one
                self.names[number[entity_id]] = name
                unnamed.discard(entity_id)
        self.owners.extend(map(number.__getitem__, owners))
        self.owned.extend(map(number.__getitem__, owned))
        self.shares.frombytes(np.asarray(shares, dtype=np.float64).tobytes())  # None: nan
        self.kinds.extend(map(KINDS.index, kinds))
        self.starts.extend(starts)
        self.ends.extend(ends)
        # Sources repeat ("registry extract 2026-03" on every row): one string object each.
        self.sources.extend(map(self._texts.setdefault, sources, sources))
        self.jointly.extend(jointly)

    def add_edges(self, edges: Iterable[EdgeIn], names: dict[str, str] | None = None) -> None:
        names = names or {}
        edges = list(edges)
        if not edges:
            return
        self.add_columns(
            [e.owner for e in edges],
            [names.get(e.owner, "") for e in edges],
            [e.owned for e in edges],
            [names.get(e.owned, "") for e in edges],
            [e.share for e in edges],
            [e.kind for e in edges],
            [e.start or None for e in edges],
            [e.end or None for e in edges],
            [e.source for e in edges],
            [e.jointly or None for e in edges],
        )

    def finish(self) -> Graph:
        """Index the edges by owner and by owned party (numpy's sort: a million in 0.1 s)."""
        n = len(self.ids)
        self.out_edges = Adjacency(np.frombuffer(self.owners, dtype=np.int32), n)
        self.in_edges = Adjacency(np.frombuffer(self.owned, dtype=np.int32), n)
        self._texts, self._unnamed = {}, set()
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
            self.jointly[e],
        )

    @property
    def edge_count(self) -> int:
        return len(self.owners)
