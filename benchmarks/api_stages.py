"""CPU of one /match request in this process, stage by stage, for bench_api.py: the
library call the route makes, its parts, and the whole app without a server or socket."""

from __future__ import annotations

import asyncio
import time
from typing import Any

WARM_UP = 400  # calls before measuring: caches warm, as in a running server


def cpu_per_call(fn: Any, items: list[Any]) -> float:
    """CPU ms per ``fn(item)``, after a warm-up, as a running server would be."""
    for item in items[:WARM_UP]:
        fn(item)
    start = time.process_time()
    for item in items:
        fn(item)
    return (time.process_time() - start) / len(items) * 1000


def asgi_cpu(app: Any, requests: list[bytes], http_headers: dict[str, str]) -> float:
    """CPU ms per request of the app itself (FastAPI, auth, the route), called in this
    process without a server or a socket."""
    headers = [(k.lower().encode(), v.encode()) for k, v in http_headers.items()]

    async def call(body: bytes) -> None:
        sent: list[dict[str, Any]] = []
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, Any]:
            return messages.pop()

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/match/default",
            "raw_path": b"/match/default",
            "query_string": b"",
            "root_path": "",
            "headers": [*headers, (b"content-length", str(len(body)).encode())],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 2),
        }
        await app(scope, receive, send)
        assert sent[0]["status"] == 200, sent

    async def run() -> float:
        app.state.service.start()
        while not app.state.service.ready.is_set():
            await asyncio.sleep(0.05)
        for body in requests[:WARM_UP]:
            await call(body)
        start = time.process_time()
        for body in requests:
            await call(body)
        app.state.service.stop()
        return (time.process_time() - start) / len(requests) * 1000

    return asyncio.run(run())


def in_process(
    db: str, single: list[bytes], batches: list[bytes], headers: dict[str, str], key: str
) -> dict[str, float]:
    """CPU ms in this process: the route's library call, each stage of a single-query
    request, and the whole app without a server."""
    import orjson

    from chokepoint.api.models import MatchRequest
    from chokepoint.app import create_app
    from chokepoint.screening import get_snapshot
    from chokepoint.settings import Settings
    from chokepoint.store import open_db
    from chokepoint.yente.by_example import (
        Options,
        match_examples,
        read_example,
        scope_for,
        scored_entity,
    )

    engine = open_db(db)
    snapshot = get_snapshot(engine)
    scope = scope_for(snapshot, "default")

    def route(body: bytes) -> dict[str, Any]:
        request = MatchRequest.model_validate_json(body)
        examples = {k: q.as_example() for k, q in request.queries.items()}
        return match_examples(engine, snapshot, examples, scope, Options())

    examples = [MatchRequest.model_validate_json(b).queries["q0"].as_example() for b in single]
    read = [read_example(e["schema"], e["properties"]) for e in examples]
    found = [snapshot.matcher.match(r.query, 5) for r in read]
    listed = [(ms, snapshot.entities(engine, (m.id for m in ms))) for ms in found]
    results = [route(b) for b in single]
    app = create_app(Settings(db=db, api_keys=f"bench:{key}"))
    return {
        "single": cpu_per_call(route, single),
        "batch": cpu_per_call(route, batches),
        "parse": cpu_per_call(MatchRequest.model_validate_json, single),
        "ftm": cpu_per_call(lambda e: read_example(e["schema"], e["properties"]), examples),
        "match": cpu_per_call(lambda r: snapshot.matcher.match(r.query, 5), read),
        "entities": cpu_per_call(lambda ms: snapshot.entities(engine, (m.id for m in ms)), found),
        "results": cpu_per_call(lambda p: [scored_entity(m, p[1].get(m.id)) for m in p[0]], listed),
        "encode": cpu_per_call(orjson.dumps, results),
        "app": asgi_cpu(app, single, headers),
    }
