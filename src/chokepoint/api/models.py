"""Request and response bodies, in yente's shapes where yente has one.

Requests are bounded here (sizes of strings, lists and maps) so that validation refuses an
absurd request before any work; the configurable limits (queries, names, ``limit``) are
checked by the routers.
"""

from __future__ import annotations

import builtins
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chokepoint.server.requests import Clean
from chokepoint.shipments.model import Finding

Text = Annotated[str, StringConstraints(max_length=1000), Clean]
Key = Annotated[str, StringConstraints(max_length=200), Clean]
Value = Text | int | float  # numbers are taken as written (registration numbers)
# ``null`` values are dropped, as yente does
Values = Text | None | Annotated[list[Value | None], Field(max_length=100)]


class EntityExample(BaseModel):
    """One query: an FtM entity as far as it is known, e.g. ``{"schema": "Person",
    "properties": {"name": ["..."], "birthDate": ["1951"], "nationality": ["ru"]}}``."""

    model_config = ConfigDict(populate_by_name=True)

    id: Key | None = None
    schema_: Annotated[str, StringConstraints(max_length=100), Clean] = Field(
        alias="schema", examples=["Person"]
    )
    properties: Annotated[dict[Key, Values], Field(max_length=200)] = Field(
        examples=[{"name": ["Arkady Rotenberg"], "birthDate": ["1951"], "nationality": ["ru"]}]
    )

    def as_example(self) -> dict[str, Any]:
        """The plain mapping ``by_example`` reads: every value a list of strings."""
        properties = {
            prop: [
                str(v) for v in (values if isinstance(values, list) else [values]) if v is not None
            ]
            for prop, values in self.properties.items()
        }
        return {"id": self.id, "schema": self.schema_, "properties": properties}


class MatchRequest(BaseModel):
    queries: dict[Key, EntityExample] = Field(
        examples=[
            {
                "q1": {
                    "schema": "Person",
                    "properties": {"name": ["Arkady Rotenberg"], "birthDate": ["1951"]},
                }
            }
        ]
    )
    # yente's scoring tweaks: accepted so that yente clients work, not used.
    weights: dict[Key, float] = Field(default_factory=dict, max_length=100)
    config: dict[Key, Any] = Field(default_factory=dict, max_length=100)


class Total(BaseModel):
    value: int
    relation: str = "eq"


class EntityResponse(BaseModel):
    """A listed entity as FtM JSON (yente's fields), with its list and the publisher's own
    id. Nested, a property holds adjacent entities (its ``sanctions``) beside values."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, builtins.list[str | dict[str, Any]]]
    datasets: builtins.list[str]
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    list: str
    list_id: str
    sublist: str | None = None
    party_id: str | None = Field(None, description="The party this entry is one entry of")
    referents: builtins.list[str] = Field(
        default_factory=builtins.list,
        description="The ids of the same party's entries on other lists",
    )


class FeatureResult(BaseModel):
    """nomenklatura's explained feature, as yente's ``explanations`` hold them."""

    score: float
    detail: str | None
    query: str | None = None
    candidate: str | None = None


class ScoredEntity(EntityResponse):
    score: float
    match: bool
    explanations: dict[str, FeatureResult]
    features: dict[str, float]
    explanation: dict[str, Any]


class QueryEcho(BaseModel):
    """The query as FtM cleaned it: what was screened."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]


class OwnershipHitModel(BaseModel):
    """A matched or named party that blocked persons own or control."""

    id: str
    name: str
    matched: str = Field(description="`listed match` or `name` (a party of ownership data)")
    label: str = Field(description="`blocked by ownership` or `ownership to review`")
    status: dict[str, str] = Field(description="regime -> `blocked` or `review`")
    notes: dict[str, str]
    paths: list[list[str]] = Field(description="ids from each blocked person down to it")


class OwnershipPath(BaseModel):
    owners: list[str]
    names: list[str]
    share: float | None
    kind: str
    regimes: list[str]
    review: list[str]
    source: str


class OwnershipResponse(BaseModel):
    """A party's status under each regime (`ofac`, `eu`, `uk`, `bis`) and its paths."""

    id: str
    name: str
    listed: str | None
    blocked: dict[str, bool]
    status: dict[str, str]
    blocked_share: dict[str, float]
    paths: list[OwnershipPath]
    notes: dict[str, str]
    on: str


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntity]
    total: Total
    query: QueryEcho
    ownership: list[OwnershipHitModel] = Field(default_factory=list)


class MatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    limit: int
    lists: dict[str, int] = Field(description="The list versions screened: list key -> version")


class SearchResponse(BaseModel):
    results: list[ScoredEntity]
    total: Total
    limit: int
    offset: int
    facets: dict[str, Any]
    lists: dict[str, int]


class Health(BaseModel):
    status: str = "ok"
    lists: dict[str, int] | None = None


class ListVersion(BaseModel):
    version: int
    entities: int
    published: str | None
    loaded_at: str
    current: bool


class ListStatus(BaseModel):
    list: str
    version: int
    entities: int
    published: str | None
    loaded_at: str
    source: str
    # ``builtins.list``: the field ``list`` above shadows the type in this class body.
    versions: builtins.list[ListVersion]


class ListsResponse(BaseModel):
    lists: list[ListStatus] = Field(description="The current version of every list, by key")
    screening: dict[str, int] = Field(
        description="The versions the server screens with now: list key -> version"
    )


class DecisionResponse(BaseModel):
    reference: str
    decision: str = Field(examples=["BLOCK"])
    findings: list[Finding]
    lists: dict[str, int]
    screened_at: str
    case: int | None = Field(default=None, description="With record=true: the case opened")
