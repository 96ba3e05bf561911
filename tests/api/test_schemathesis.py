"""The OpenAPI spec against the app, by schemathesis: requests generated from the spec, and
requests that break it, never get a 5xx; every answer has a documented status, type and
shape; invalid input is refused.

Bounded (a few dozen examples per operation) to stay within seconds. Left out:
``positive_data_acceptance``, as a request can fit the spec and still be refused by
design (a query with no name, a dataset that is not loaded, a limit over the setting).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks
from schemathesis.core.mutations import Mutation
from schemathesis.core.parameters import ParameterLocation
from schemathesis.openapi import from_asgi

from chokepoint.app import create_app
from chokepoint.settings import Settings
from tests.api.conftest import HEADERS, KEY
from tests.conftest import WAIT_SECONDS

EXAMPLES = 30  # per operation and mode: about 12 s in all
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
    checks.ignored_auth,
]


def carries_its_fault(case: schemathesis.Case) -> bool:
    """Whether the request as sent still carries what made it invalid. The test sends its
    own Authorization header, so a broken one is replaced. In a query string an empty list
    is sent as nothing, a one-item list as its item, an empty name not at all, and a
    parameter the operation does not declare is ignored by design, as yente ignores it
    (its clients send options some servers do not know): the API then receives a valid
    request, and accepting it is right. Each mutation schemathesis made is checked, so a
    request whose only broken parameter was dropped on the way counts as valid."""
    mutations = case.meta.phase.data.mutations if case.meta else ()
    if not mutations:  # no record of what was broken: only a query that keeps everything
        return all(_survives(case, name) for name in case.query or {})
    return any(_mutation_survives(case, m) for m in mutations)


def _mutation_survives(case: schemathesis.Case, mutation: Mutation) -> bool:
    if mutation.parameter_location == ParameterLocation.HEADER:
        sent = {name.lower() for name in HEADERS}
        return (mutation.parameter or "").lower() not in sent
    if mutation.parameter_location == ParameterLocation.QUERY:
        return mutation.parameter is not None and _survives(case, mutation.parameter)
    return True  # path and body are sent as generated


def _survives(case: schemathesis.Case, name: str) -> bool:
    """Whether query parameter ``name`` reaches the API as generated."""
    declared = {p.name for p in case.operation.query}
    query = case.query or {}
    if name == "" or name not in declared or name not in query:
        return False
    value = query[name]
    return not (value is None or (isinstance(value, list) and len(value) <= 1))


@pytest.fixture(scope="module")
def api_schema(api_db: str) -> Iterator[schemathesis.BaseSchema]:
    app = create_app(Settings(db=api_db, api_keys=f"tester:{KEY}", api_max_queries=5))
    service = app.state.service
    service.start()  # the lifespan's work: schemathesis calls the app without one
    assert service.ready.wait(WAIT_SECONDS)
    yield from_asgi("/openapi.json", app)
    service.stop()


@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode))
def test_the_api_keeps_its_spec(
    api_schema: schemathesis.BaseSchema, mode: schemathesis.GenerationMode
) -> None:
    # Each operation in turn (schemathesis' pytest plugin loads a schema from a fixture
    # through a pytest internal that pytest 9 removed, so its Python API is used).
    nothing_to_break = set()
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def keeps_spec(case: schemathesis.Case) -> None:
            wanted = CHECKS
            if not carries_its_fault(case):
                wanted = [c for c in CHECKS if c is not checks.negative_data_rejection]
            case.call_and_validate(headers=HEADERS, checks=wanted)

        try:
            keeps_spec()
        except Unsatisfiable:
            nothing_to_break.add(operation.label)
    # Operations without parameters (the health checks need no key) have no invalid
    # request to make.
    expected = {"GET /healthz", "GET /readyz"}
    assert nothing_to_break == (expected if mode == schemathesis.GenerationMode.NEGATIVE else set())
