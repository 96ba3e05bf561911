"""What a case is: its states, the dispositions an analyst takes, its hits.

States: ``open`` (new, or waiting for information), ``in_review`` (a final disposition
waits for a second user's approval), ``escalated`` (for a senior analyst), ``closed``.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from chokepoint.audit import AuditEntry
from chokepoint.errors import InputError
from chokepoint.parties import Member
from chokepoint.text.strict import has_control


def required_text(value: str | None, what: str) -> str:
    """A user name or a reason, stripped; refused when empty.

    >>> required_text("  alice ", "the user")
    'alice'
    """
    text = (value or "").strip()
    if not text:
        raise InputError(f"{what} must not be empty")
    if has_control(text):
        raise InputError(f"{what} must not hold control characters")
    return text


class Status(StrEnum):
    open = "open"
    in_review = "in_review"
    escalated = "escalated"
    closed = "closed"


class Disposition(StrEnum):
    true_match = "true_match"
    false_positive = "false_positive"
    needs_info = "needs_info"
    escalate = "escalate"

    @property
    def is_final(self) -> bool:
        """A final disposition closes the case (after approval where four-eyes apply)."""
        return self in (Disposition.true_match, Disposition.false_positive)


class Kind(StrEnum):
    screening = "screening"
    shipment = "shipment"
    rescreen = "rescreen"


@dataclass(frozen=True)
class Hit:
    """One listed entity a subject scored at or above the review threshold against."""

    subject_key: str
    entity_id: str
    list: str
    sublist: str | None
    caption: str
    score: float
    match: bool
    entity_hash: str  # the entry's content when hit: a changed entry is a new hit
    suppressed_by: int | None = None  # the false-positive case that suppresses it
    # One hit per party: the entry hit is its best one; the party's other entries beside it.
    party_id: str | None = None  # None: recorded before parties were
    party_entries: tuple[Member, ...] = ()

    @property
    def suppressed(self) -> bool:
        return self.suppressed_by is not None

    @property
    def slots(self) -> builtins.list[tuple[str, str | None]]:  # `list`: a field here
        """(list, sublist) of the entry hit and of its party's other entries."""
        return [(self.list, self.sublist)] + [(m.list, m.sublist) for m in self.party_entries]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "suppressed": self.suppressed}

    def row(self) -> dict[str, Any]:
        """The ``case_hits`` columns: the party's other entries as JSON."""
        entries = [m.to_dict() for m in self.party_entries]
        return {**self.__dict__, "party_entries": json.dumps(entries) if entries else None}

    @classmethod
    def from_row(cls, values: dict[str, Any]) -> Hit:
        entries = json.loads(values.get("party_entries") or "[]")
        members = tuple(Member(**m) for m in entries)
        return cls(**{**values, "match": bool(values["match"]), "party_entries": members})


@dataclass
class Case:
    """A case as ``cases list`` shows it: state, who did what, and its hits."""

    id: int
    kind: str
    subject: str
    subject_key: str | None
    status: Status
    assignee: str | None
    disposition: str | None
    reason: str | None
    decided_by: str | None
    decided_at: str | None
    approved_by: str | None
    approved_at: str | None
    created_by: str
    created_at: str
    version: int
    lists: dict[str, int]
    hits: list[Hit] = field(default_factory=list)
    four_eyes: bool = False  # closing it needs a second user (``policy.needs_second_user``)

    @property
    def active_hits(self) -> list[Hit]:
        return [h for h in self.hits if not h.suppressed]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["hits"] = [h.to_dict() for h in self.hits]
        return data

    @classmethod
    def from_row(cls, row: Any, hits: list[Hit], *, four_eyes: bool) -> Case:
        """A stored case; ``four_eyes`` is the policy's answer, computed by the query."""
        values = {k: row._mapping[k] for k in cls.__dataclass_fields__ if k in row._mapping}
        values.update(status=Status(row.status), lists=json.loads(row.lists))
        return cls(**values, hits=hits, four_eyes=four_eyes)


@dataclass
class CaseDetail:
    """A case as ``cases show`` shows it: the query and results as recorded, and every
    audit entry about it."""

    case: Case
    query: Any
    results: Any
    events: list[AuditEntry]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.case.to_dict(),
            "query": self.query,
            "results": self.results,
            "events": [e.to_dict() for e in self.events],
        }
