"""The error table and the one error shape: ``{"detail": "<one line>"}`` for every error."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

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
    UnavailableError,
)
from chokepoint.server.service import NotReadyError
from chokepoint.server.status import STATUS, status_for
from chokepoint.shipments.screen import ShipmentError
from tests.api.conftest import HEADERS


def test_each_library_error_has_its_status() -> None:
    assert {cls: status_for(cls("x")) for cls in STATUS} == {
        NotFoundError: 404,
        InputError: 422,
        ConflictError: 409,
        ForbiddenError: 403,
        DownloadError: 502,
        NotReadyError: 503,
        UnavailableError: 503,
        PreconditionRequiredError: 428,
    }
    # Not in the table: the nearest parent's status, else 400.
    assert status_for(ShipmentError("x")) == 400
    assert status_for(ListFormatError("f", "x")) == 400
    assert status_for(ChokepointError("x")) == 400


def test_library_errors_and_the_unexpected_take_the_one_shape() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/conflict")
    async def conflict() -> None:
        raise ConflictError("case 7 was decided by someone else meanwhile")

    @app.get("/bug")
    async def bug() -> None:
        raise RuntimeError("a secret stack detail")

    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/conflict")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "case 7 was decided by someone else meanwhile"},
    )
    response = client.get("/bug")
    assert (response.status_code, response.json()) == (
        500,
        {"detail": "internal error: see the server log"},
    )


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
