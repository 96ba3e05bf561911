"""Bodies of the case endpoints: what an integrator sends to record, decide, approve and
assign, and the cases as ``chokepoint cases list --json`` and ``cases show --json`` print
them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Short = Annotated[str, StringConstraints(max_length=200)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=5000)]


class RecordRequest(BaseModel):
    """A party to screen and keep: a case opens when it has hits (not suppressed)."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(examples=["Eric Badege"])
    schema_: Short | None = Field(default=None, alias="schema", examples=["Person"])
    birth_date: Short | None = None
    country: Short | None = None
    ids: list[Short] = Field(default_factory=list, max_length=50)
    subject_id: Short | None = Field(
        default=None, description="Your id of the party (a customer number), kept for rescreening"
    )


class DecideRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    disposition: Short = Field(examples=["false_positive"])
    reason: Reason = Field(examples=["customer born 1990; the listed man in 1971"])


class AssignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignee: Name = Field(examples=["alice"])


class HitOut(BaseModel):
    subject_key: str
    entity_id: str
    list: str
    sublist: str | None
    caption: str
    score: float
    match: bool
    entity_hash: str
    suppressed_by: int | None
    suppressed: bool


class CaseOut(BaseModel):
    id: int
    kind: str
    subject: str
    subject_key: str | None
    status: str = Field(examples=["in_review"])
    assignee: str | None
    disposition: str | None
    reason: str | None
    decided_by: str | None
    decided_at: str | None
    approved_by: str | None
    approved_at: str | None
    created_by: str
    created_at: str
    version: int = Field(description="Send it back as If-Match to act on this state only")
    lists: dict[str, int]
    hits: list[HitOut]
    four_eyes: bool


class CaseDetailOut(CaseOut):
    query: Any
    results: Any
    events: list[dict[str, Any]]


class CasesOut(BaseModel):
    cases: list[CaseOut]
    limit: int
    offset: int


class RecordedOut(BaseModel):
    case: int | None = Field(description="The case opened, or null (and why in note)")
    hits: list[HitOut]
    note: str
