"""Bodies of the case endpoints: what an integrator sends to record, decide, approve and
assign, and the cases as ``chokepoint cases list --json`` and ``cases show --json`` print
them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chokepoint.api.models import Clean
from chokepoint.cases.model import Case, Hit
from chokepoint.errors import InputError
from chokepoint.text.strict import parse_int

Name = Annotated[str, StringConstraints(min_length=1, max_length=500), Clean]
Short = Annotated[str, StringConstraints(max_length=200), Clean]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=5000), Clean]


def whole_number(value: str, what: str, *, low: int = 0) -> int:
    """A case id or version typed in a header, an address or a form: ASCII digits,
    bounded, else ``InputError`` (422), so the API and the UI refuse the same things.

    >>> whole_number("7", "a case version")
    7
    """
    try:
        return parse_int(value, what, low=low)
    except ValueError as exc:
        raise InputError(str(exc)) from None


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
