"""Bounds on what one request may cost: the size of its body and its time.

``BodyLimit`` is plain ASGI in front of everything: a body larger than the limit is refused
with 413 on its Content-Length, or as soon as the bytes streamed pass the limit, so no more
than the limit is ever held in memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chokepoint.api.errors import error_response

T = TypeVar("T")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"request body larger than {self.max_bytes:,} bytes"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.strip().isdigit():
                await error_response(400, "Content-Length is not a number")(scope, receive, send)
                return
            if len(length.strip()) > len(str(self.max_bytes)) or int(length) > self.max_bytes:
                await error_response(413, too_large)(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client left before sending its body
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await error_response(413, too_large)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # waits for the disconnect, as a server's would
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def bounded(timeout: float, fn: Callable[..., T], *args: object, inline: bool = False) -> T:
    """Run CPU-bound ``fn(*args)`` in a worker thread, the event loop free meanwhile;
    ``TimeoutError`` (504) past ``timeout`` seconds. A thread cannot be stopped from
    outside: functions that loop take a deadline and stop at their next check.

    ``inline`` work, a few milliseconds at most, runs on the event loop instead: the hops
    to a worker thread and back cost about 0.5 ms of CPU, a third of screening one name.
    """
    if inline:
        return fn(*args)
    with anyio.fail_after(timeout):
        return await anyio.to_thread.run_sync(functools.partial(fn, *args), abandon_on_cancel=True)
