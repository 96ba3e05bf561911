"""Arbitrary JSON against the request models: a request, or a validation error; and any
request the models accept is screened or refused with an ``InputError``, nothing else."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from chokepoint.api.models import MatchRequest
from chokepoint.errors import InputError, QueryError
from chokepoint.shipments.model import Shipment
from chokepoint.yente.by_example import read_example
from tests.matching.test_matcher import matcher

SCHEMATA = ["Person", "Company", "Vessel", "Thing", "PublicBody", "Address", "Boat", ""]
PROPS = ["name", "alias", "firstName", "lastName", "birthDate", "nationality", "country"]
PROPS += ["jurisdiction", "idNumber", "imoNumber", "registrationNumber", "weakAlias", "x"]

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
values = st.text(max_size=40) | st.lists(st.text(max_size=40) | st.integers(), max_size=4)
example = st.fixed_dictionaries(
    {
        "schema": st.sampled_from(SCHEMATA) | st.text(max_size=10),
        "properties": st.dictionaries(st.sampled_from(PROPS), values | json_values, max_size=5),
    },
    optional={"id": json_values},
)
bodies = (
    st.fixed_dictionaries(
        {"queries": st.dictionaries(st.text(max_size=5), example | json_values, max_size=3)},
        optional={"weights": json_values, "config": json_values},
    )
    | json_values
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_any_json_is_screened_or_refused_with_a_reason(data: Any) -> None:
    try:
        request = MatchRequest.model_validate(data)
    except ValidationError:
        return
    for query in request.queries.values():
        ex = query.as_example()
        try:
            read = read_example(ex["schema"], ex["properties"], ex["id"])
        except (InputError, QueryError):
            continue
        if read.query is not None:  # None: nothing the lists could match, no results
            matcher().match(read.query, limit=3)


@settings(max_examples=200, deadline=None)
@given(json_values | st.fixed_dictionaries({"reference": st.text(), "parties": json_values}))
def test_any_json_is_a_shipment_or_a_validation_error(data: Any) -> None:
    try:
        Shipment.model_validate(data)
    except ValidationError:
        pass
