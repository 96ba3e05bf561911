"""What the API's bodies and the web UI's forms both accept: strings without control
characters, whole numbers typed by people, and the case actions' requests (the UI validates
its forms with these models, so that both refuse the same things alike).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from chokepoint.errors import InputError
from chokepoint.text.strict import parse_int, refuse_control

# Control characters are refused in every request string (a NUL cannot be stored).
Clean = AfterValidator(refuse_control)
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
