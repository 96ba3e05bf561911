"""Each library error's status as a client receives it, and the one error shape:
``{"detail": "<one line>"}`` for every error."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chokepoint import errors
from chokepoint.api.errors import ERROR_RESPONSES, install_error_handlers
from chokepoint.errors import (
    ChokepointError,
    ConflictError,
    DownloadError,
    ForbiddenError,
    InputError,
    ListFormatError,
    NotFoundError,
    PreconditionRequiredError,
    QueryError,
    ShrinkError,
    UnavailableError,
)
from chokepoint.server.service import NotReadyError
from chokepoint.shipments.screen import ShipmentError
from tests.api.conftest import HEADERS

# What a client is told by each library error, in HTTP's words: stated here, not copied
# from the table, so that a wrong mapping in ``server/status.py`` fails. The requests of
# ``test_cases.py`` and ``hostile/test_requests.py`` provoke 403, 409, 428 and 503 for real.
EXPECTED: dict[type[ChokepointError], int] = {
    ChokepointError: 400,  # the request cannot be served as sent
    ListFormatError: 400,
    ShrinkError: 400,
    QueryError: 400,  # yente's status for a query it cannot run (an unknown schema)
    ShipmentError: 400,
    InputError: 422,  # well-formed, but not what the endpoint takes
    NotFoundError: 404,
    ForbiddenError: 403,  # the user may not (approve their own decision)
    ConflictError: 409,  # lost a race: reload and decide again
    PreconditionRequiredError: 428,  # If-Match missing
    DownloadError: 502,  # a publisher failed us, not the client
    NotReadyError: 503,  # try again later
    UnavailableError: 503,
}


def test_every_library_error_has_a_stated_status() -> None:
    """A new error class must be given its status here (and in ``server/status.py``)."""
    defined = {
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, ChokepointError)
    }
    assert defined | {NotReadyError, ShipmentError} == set(EXPECTED)


@pytest.mark.parametrize(
    ("error", "status"), EXPECTED.items(), ids=[cls.__name__ for cls in EXPECTED]
)
def test_each_library_error_reaches_the_client_with_its_status(
    error: type[ChokepointError], status: int
) -> None:
    app = FastAPI()
    install_error_handlers(app)
    detail = f"{error.__name__}: what went wrong, in one line"

    @app.get("/fail")
    async def fail() -> None:
        if error is ListFormatError:
            raise ListFormatError(Path("dpl.txt"), detail)
        raise error(detail)

    response = TestClient(app, raise_server_exceptions=False).get("/fail")
    assert response.status_code == status
    assert list(response.json()) == ["detail"] and detail in response.json()["detail"]


def test_every_kind_of_refusal_is_detail_alone(client: TestClient) -> None:
    answers = {
        "no key": client.get("/lists"),
        "unknown route": client.get("/nowhere", headers=HEADERS),
        "wrong method": client.delete("/lists", headers=HEADERS),
        "unknown entity": client.get("/entities/x", headers=HEADERS),
        "malformed JSON": client.post(
            "/match/default",
            content=b'{"queries": {',
            headers={**HEADERS, "Content-Type": "application/json"},
        ),
        "bad parameter": client.get("/search/default", params={"limit": "many"}, headers=HEADERS),
    }
    statuses = {what: r.status_code for what, r in answers.items()}
    assert statuses == {
        "no key": 401,
        "unknown route": 404,
        "wrong method": 405,
        "unknown entity": 404,
        "malformed JSON": 422,
        "bad parameter": 422,
    }
    for response in answers.values():
        assert list(response.json()) == ["detail"]
        assert isinstance(response.json()["detail"], str)
    assert answers["malformed JSON"].json()["detail"] == (
        "body: malformed JSON (Expecting property name enclosed in double quotes)"
    )
    assert answers["bad parameter"].json()["detail"] == (
        "query.limit: Input should be a valid integer, unable to parse string as an integer"
    )


def test_the_documented_error_bodies_are_the_one_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["schemas"]["ErrorResponse"]["required"] == ["detail"]
    responses = spec["paths"]["/match/{dataset}"]["post"]["responses"]
    for status in ERROR_RESPONSES:
        schema = responses[str(status)]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}


def test_a_one_value_parameter_sent_twice_is_refused(client: TestClient) -> None:
    response = client.get("/search/default?q=Rotenberg&q=Badege", headers=HEADERS)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "query parameter 'q' given more than once: it takes one value"
    }
    several = client.get(
        "/search/default?q=Rotenberg&exclude_dataset=a&exclude_dataset=b", headers=HEADERS
    )
    assert several.status_code == 200
