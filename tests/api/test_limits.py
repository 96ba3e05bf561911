"""What one request may cost: body size (413), queries and names (422), ``limit``, time."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from chokepoint.api.limits import BodyLimit
from tests.api.conftest import HEADERS, ClientFactory


def queries(count: int, names: int = 1) -> dict[str, Any]:
    person = {"schema": "Person", "properties": {"name": [f"Name {n}" for n in range(names)]}}
    return {"queries": {f"q{n}": person for n in range(count)}}


def test_a_body_over_the_limit_is_413_by_its_length_or_as_it_streams(
    make_client: ClientFactory,
) -> None:
    with make_client(api_max_body_bytes=1000) as client:
        big = b'{"queries": {}, "pad": "' + b"x" * 1000 + b'"}'
        response = client.post("/match/default", content=big, headers=HEADERS)
        assert (response.status_code, response.json()) == (
            413,
            {"detail": "request body larger than 1,000 bytes"},
        )

        def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer
            yield b'{"queries": {}, "pad": "'
            for _ in range(100):
                yield b"x" * 100

        response = client.post("/match/default", content=chunks(), headers=HEADERS)
        assert response.status_code == 413
        assert client.post("/match/default", json=queries(1), headers=HEADERS).status_code == 200


def call(limit: int, headers: list[tuple[bytes, bytes]], parts: list[bytes]) -> list[Message]:
    """BodyLimit around an app that echoes the body; the messages it sends."""

    async def echo(scope: Scope, receive: Receive, send: Send) -> None:
        body = (await receive())["body"]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})

    incoming = [
        {"type": "http.request", "body": p, "more_body": n < len(parts) - 1}
        for n, p in enumerate(parts)
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "headers": headers}
    asyncio.run(BodyLimit(echo, limit)(scope, receive, send))
    return sent


def test_body_limit_trusts_no_content_length() -> None:
    # Declared small, sent large: refused once the bytes pass the limit.
    sent = call(10, [(b"content-length", b"5")], [b"12345", b"67890", b"X"])
    assert sent[0]["status"] == 413
    assert call(10, [(b"content-length", b"ten")], [b"x"])[0]["status"] == 400
    # Within the limit, the app gets the whole body as one message.
    assert call(10, [], [b"12345", b"67890"])[1]["body"] == b"1234567890"


def test_too_many_queries_or_names_or_results_are_refused(make_client: ClientFactory) -> None:
    with make_client(api_max_queries=3, api_max_names=2, api_max_limit=7) as client:

        def detail(body: dict[str, Any], **params: Any) -> tuple[int, str]:
            response = client.post("/match/default", json=body, params=params, headers=HEADERS)
            return response.status_code, response.json().get("detail", "")

        # yente's answer to too large a batch: 400, its words
        assert detail(queries(4)) == (400, "Too many queries in one batch (limit: 3)")
        assert detail(queries(3, names=3)) == (
            422,
            "a query has 3 names, more than the 2 allowed",
        )
        # /match takes yente's limit of 500; /search the configured one
        assert detail(queries(3, names=2), limit=501)[0] == 422
        response = client.get("/search/default", params={"q": "x", "limit": 8}, headers=HEADERS)
        assert (response.status_code, response.json()["detail"]) == (
            422,
            "limit 8 is more than the 7 allowed",
        )
        assert detail(queries(3, names=2), limit=7)[0] == 200
        response = client.get("/search/default", params={"q": "x", "offset": 9500})
        assert response.status_code == 401  # the key is checked first
        # yente's paging: any offset up to 9,499 (its 9,999 results less a page of 500)
        response = client.get(
            "/search/default", params={"q": "x", "offset": 9500, "limit": 3}, headers=HEADERS
        )
        assert response.status_code == 422


def test_a_request_past_its_time_is_504(make_client: ClientFactory) -> None:
    with make_client(api_timeout=1e-6) as client:
        response = client.post("/match/default", json=queries(20), headers=HEADERS)
        assert (response.status_code, response.json()) == (
            504,
            {"detail": "the request took longer than 1e-06 s"},
        )
