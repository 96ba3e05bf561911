"""Answers of the case endpoints: the cases as ``chokepoint cases list --json`` and ``cases
show --json`` print them (what an integrator sends is in ``server/requests.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from chokepoint.cases.model import Case, Hit


@dataclass
class CaseDetailOut(Case):
    """``cases show --json``: the case's fields, then what was recorded and its history.
    (The case's own types are the response schema, so the two cannot drift apart.)"""

    query: Any = None
    results: Any = None
    events: list[dict[str, Any]] = field(default_factory=list)


class CasesOut(BaseModel):
    cases: list[Case]
    limit: int
    offset: int


class RecordedOut(BaseModel):
    case: int | None = Field(description="The case opened, or null (and why in note)")
    hits: list[Hit]
    note: str
