"""What a shipment is, validated; and what its screening says.

Input is validated with pydantic, so a bad field is refused with its path
(``items.0.hs_code: ...``) before any rule runs.
"""

from __future__ import annotations

import builtins
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from chokepoint.text.strict import refuse_control

_HS = re.compile(r"^\d{6,10}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# Every text field: control characters refused (a NUL cannot be stored with a case).
Text = Annotated[str, AfterValidator(refuse_control)]


class Role(StrEnum):
    exporter = "exporter"
    consignee = "consignee"
    end_user = "end_user"
    intermediate_consignee = "intermediate_consignee"
    purchaser = "purchaser"
    freight_forwarder = "freight_forwarder"
    carrier = "carrier"
    bank = "bank"
    notify_party = "notify_party"


def check_country(value: str | None) -> str | None:
    """ISO 3166 alpha-2, upper case.

    >>> check_country("kz")
    'KZ'
    """
    if value is None:
        return None
    code = value.strip().upper()
    if not _COUNTRY.match(code):
        raise ValueError(f"not an ISO 3166 alpha-2 country code: {value!r}")
    return code


class Party(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    role: Role
    name: Text = Field(min_length=1, max_length=500)
    country: str | None = None
    address: Text | None = Field(default=None, max_length=2000)
    imo: Text | None = Field(default=None, max_length=50)
    ids: list[Annotated[Text, Field(max_length=200)]] = Field(default_factory=list, max_length=50)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return check_country(value)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        # Control characters and punctuation alone name nobody: nothing to screen.
        if not any(c.isalnum() for c in value):
            raise ValueError(f"a party name needs a letter or a digit: {value!r}")
        return value


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    description: Text = Field(default="", max_length=2000)
    hs_code: str | None = None
    eccn: Text | None = Field(default=None, max_length=20)
    quantity: float | None = Field(default=None, ge=0)
    value: float | None = Field(default=None, ge=0)
    currency: Text | None = Field(default=None, max_length=3)

    @field_validator("hs_code")
    @classmethod
    def _hs(cls, value: str | None) -> str | None:
        """6 to 10 digits; dots and spaces allowed between them."""
        if value is None:
            return None
        digits = value.replace(".", "").replace(" ", "")
        if not _HS.match(digits):
            raise ValueError(f"an HS code has 6 to 10 digits (dots and spaces allowed): {value!r}")
        return digits

    @property
    def hs6(self) -> str | None:
        return self.hs_code[:6] if self.hs_code else None


class Shipment(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reference: Text = Field(min_length=1, max_length=200)
    parties: list[Party] = Field(min_length=1, max_length=200)
    items: list[Item] = Field(default_factory=list, max_length=2000)
    route: list[str] = Field(default_factory=list, max_length=50)

    @field_validator("route")
    @classmethod
    def _route(cls, value: list[str]) -> list[str]:
        return [check_country(c) or "" for c in value]

    def countries(self) -> set[str]:
        """Every country the shipment touches: parties' and the route's."""
        return {p.country for p in self.parties if p.country} | set(self.route)


class Severity(StrEnum):
    info = "info"
    review = "review"
    block = "block"


SEVERITY_ORDER = {Severity.info: 0, Severity.review: 1, Severity.block: 2}


class Finding(BaseModel):
    rule: str
    severity: Severity
    message: str
    party: str | None = None
    item: str | None = None
    list: str | None = None
    list_id: str | None = None
    entity_id: str | None = None
    score: float | None = None
    # Ownership findings: the ids from each blocked person down to the party, and the
    # guidance the rule applies.
    paths: builtins.list[builtins.list[str]] | None = None
    guidance: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True, mode="json")
