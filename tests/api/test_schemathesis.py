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
    """Whether a query string can carry what makes a generated request invalid. An empty
    list is sent as nothing, a one-item list as its item, an empty name not at all: the
    API then receives a valid request, and accepting it is right. A parameter the operation
    does not declare is ignored by design, as yente ignores it (its clients send options
    some servers do not know), so a request invalid only by one is valid too."""
    declared = {p.name for p in case.operation.query}
    for name, value in (case.query or {}).items():
        if name == "" or (isinstance(value, list) and len(value) <= 1) or name not in declared:
            return False
    return True


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
