"""Every error a client gets: the library's errors at their statuses (``server/status.py``),
and one JSON shape, ``{"detail": "<one line>"}``, for validation errors (their field paths in
the line), limits, timeouts and anything unexpected alike.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from chokepoint.api.responses import json_response
from chokepoint.errors import ChokepointError, describe_errors
from chokepoint.server.status import status_for
from chokepoint.store.db import UNAVAILABLE, unavailable

log = logging.getLogger("chokepoint.api")

RETRY_SECONDS = "5"  # Retry-After of a 503 while the lists load


class ErrorResponse(BaseModel):
    detail: str = Field(examples=["no entity 'us-ofac-sdn-1' in the current lists"])


# Documented on every route, so clients and schemathesis know each error's shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in {
        400: "Malformed request: a body that is not text, a bad Content-Length",
        401: "Missing or wrong API key",
        404: "Unknown dataset or entity",
        413: "Request body too large",
        422: "Invalid request: the detail names each field",
        503: "Lists not loaded yet, or the database unreachable: retry after Retry-After",
        504: "The request took too long",
    }.items()
}


def error_response(status: int, detail: str, headers: Mapping[str, str] | None = None) -> Response:
    return json_response({"detail": detail}, status, headers)


def describe_invalid(exc: RequestValidationError) -> str:
    """FastAPI's validation errors in one line; malformed JSON says where it broke."""
    errors = []
    for e in exc.errors():
        if e.get("type") == "json_invalid":
            e = {"loc": ("body",), "msg": f"malformed JSON ({e.get('ctx', {}).get('error')})"}
        errors.append(e)
    return describe_errors(errors)


async def _library_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, ChokepointError)
    status = status_for(exc)
    headers = {"Retry-After": RETRY_SECONDS} if status == 503 else None
    return error_response(status, exc.detail, headers)


async def _database_error(_: Request, exc: Exception) -> Response:
    problem = unavailable(exc)
    log.warning("database error: %s", problem.detail)
    return error_response(503, problem.detail, {"Retry-After": RETRY_SECONDS})


async def _invalid(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, describe_invalid(exc))


async def _http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code < 200 or exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    return error_response(exc.status_code, str(exc.detail), exc.headers)


async def _timeout(request: Request, _: Exception) -> Response:
    seconds = request.app.state.service.settings.api_timeout
    return error_response(504, f"the request took longer than {seconds:g} s")


async def _unexpected(_: Request, exc: Exception) -> Response:
    log.error("unexpected error", exc_info=exc)
    return error_response(500, "internal error: see the server log")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ChokepointError, _library_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(TimeoutError, _timeout)
    for error in UNAVAILABLE:
        app.add_exception_handler(error, _database_error)
    app.add_exception_handler(Exception, _unexpected)
