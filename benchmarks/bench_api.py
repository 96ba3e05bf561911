"""`make bench`, after bench.py: the HTTP API under load on loopback, against the library.

Server: `chokepoint serve --workers 2` over every shared list, on a free loopback port.
Load: 4 client threads, each with one keep-alive connection (http.client, Nagle off),
post `/match/default` in turn with the dev queries: one query a request, then batches of
20; each phase bounded in requests and in seconds. Latency is the client's, per request.
Baseline, in the same run: the same queries through the library (`match_examples`, what
the route calls) in this process, one thread, so one core.
Where the time goes: the workers' CPU per request (from /proc) against the library's CPU
per query, and the stages of one request measured in this process.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"
KEY = "bench-0123456789abcdef"
HEADERS = {"Authorization": f"ApiKey {KEY}", "Content-Type": "application/json"}
CLIENTS = 4
WORKERS = 2
PHASES = {1: (8000, 20.0), 20: (800, 20.0)}  # queries a request -> (max requests, max s)
WARM_UP = 400  # requests before measuring: every worker's index and caches warm


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def descendants_cpu(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of the processes below ``pid``: the workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    user = system = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # ppid
            user += int(fields[11]) / ticks
            system += int(fields[12]) / ticks
    return user, system


@contextmanager
def server(db: str) -> Iterator[tuple[int, int]]:
    """(port, pid) of a running `chokepoint serve`, each worker ready."""
    port = free_port()
    env = {**os.environ, "CHOKEPOINT_API_KEYS": f"bench:{KEY}"}
    command = [str(CLI), "serve", "--db", db, "--port", str(port), "--workers", str(WORKERS)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            ready, deadline = 0, time.monotonic() + 120
            while ready < 20:  # new connections land on either worker: all must answer
                assert process.poll() is None and time.monotonic() < deadline, "server died"
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/readyz")
                    ready = ready + 1 if conn.getresponse().status == 200 else 0
                    conn.close()
                except OSError:
                    time.sleep(0.2)
            yield port, process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def bodies(queries: list[dict[str, str]], size: int) -> list[bytes]:
    """The dev queries as /match bodies of ``size`` queries each."""
    out = []
    for start in range(0, len(queries) - size + 1, size):
        batch = queries[start : start + size]
        examples = {
            f"q{n}": {"schema": q["schema"], "properties": {"name": [q["name"]]}}
            for n, q in enumerate(batch)
        }
        out.append(json.dumps({"queries": examples}).encode())
    return out


def run_load(port: int, requests: list[bytes], limit: int, seconds: float) -> dict[str, Any]:
    """CLIENTS threads post ``requests`` in turn until ``limit`` or ``seconds``."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    next_index = [0]
    stop = time.monotonic() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.connect()
        assert conn.sock is not None
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while time.monotonic() < stop:
            with lock:
                n = next_index[0]
                next_index[0] += 1
            if n >= limit:
                break
            start = time.perf_counter()
            conn.request("POST", "/match/default", requests[n % len(requests)], HEADERS)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if response.status != 200:
                errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    cpu, started = time.process_time(), time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rate": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.5) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": errors[0],
        "client_cpu": time.process_time() - cpu,
    }


def cpu_per_call(fn: Any, items: list[Any]) -> float:
    """CPU ms per ``fn(item)``, after a warm-up, as a running server would be."""
    for item in items[:WARM_UP]:
        fn(item)
    start = time.process_time()
    for item in items:
        fn(item)
    return (time.process_time() - start) / len(items) * 1000


def asgi_cpu(app: Any, requests: list[bytes]) -> float:
    """CPU ms per request of the app itself (FastAPI, auth, the route), called in this
    process without a server or a socket."""
    headers = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

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


def in_process(db: str, queries: list[dict[str, str]]) -> dict[str, float]:
    """CPU ms in this process: the route's library call, each stage of a single-query
    request, and the whole app without a server."""
    import orjson

    from chokepoint.api.app import create_app
    from chokepoint.api.models import MatchRequest
    from chokepoint.by_example import Options, match_examples, read_example, scope_for
    from chokepoint.screening import get_snapshot
    from chokepoint.settings import Settings
    from chokepoint.store import open_db

    engine = open_db(db)
    snapshot = get_snapshot(engine)
    scope = scope_for(snapshot, "default")
    single, batches = bodies(queries, 1), bodies(queries, 20)

    def route(body: bytes) -> dict[str, Any]:
        request = MatchRequest.model_validate_json(body)
        examples = {k: q.as_example() for k, q in request.queries.items()}
        return match_examples(engine, snapshot, examples, scope, Options())

    examples = [MatchRequest.model_validate_json(b).queries["q0"].as_example() for b in single]
    read = [read_example(e["schema"], e["properties"]) for e in examples]
    found = [snapshot.matcher.match(r.query, 5) for r in read]
    results = [route(b) for b in single]
    app = create_app(Settings(db=db, api_keys=f"bench:{KEY}"))
    return {
        "single": cpu_per_call(route, single),
        "batch": cpu_per_call(route, batches),
        "parse": cpu_per_call(MatchRequest.model_validate_json, single),
        "ftm": cpu_per_call(lambda e: read_example(e["schema"], e["properties"]), examples),
        "match": cpu_per_call(lambda r: snapshot.matcher.match(r.query, 5), read),
        "entities": cpu_per_call(lambda ms: snapshot.entities(engine, (m.id for m in ms)), found),
        "encode": cpu_per_call(orjson.dumps, results),
        "app": asgi_cpu(app, single),
    }


def report(phases: dict[int, dict[str, Any]], cpu: dict[str, float]) -> list[str]:
    one, twenty = phases[1], phases[20]

    def server_ms(phase: dict[str, Any], kind: str) -> float:
        return float(phase[f"server_{kind}"]) / phase["requests"] * 1000

    user, system = server_ms(one, "user"), server_ms(one, "system")
    batch_server = server_ms(twenty, "user") + server_ms(twenty, "system")
    stages = ("parse", "ftm", "match", "entities", "encode")
    rest = cpu["single"] - sum(cpu[k] for k in stages if k != "encode")
    return [
        f"| /match, 1 query a request, {CLIENTS} clients, {WORKERS} workers | "
        f"{one['rate']:,.0f} requests/s, p50 {one['p50']:.1f} ms, p99 {one['p99']:.1f} ms "
        f"({one['requests']:,} requests, {one['errors']} failed) |",
        f"| /match, 20 queries a request, same | {twenty['rate']:,.0f} requests/s "
        f"({20 * twenty['rate']:,.0f} queries/s), p50 {twenty['p50']:.1f} ms, p99 "
        f"{twenty['p99']:.1f} ms ({twenty['requests']:,} requests, {twenty['errors']} failed) |",
        f"| baseline: the route's library call in this process, one thread | "
        f"{1000 / cpu['single']:,.0f} single queries/s; {1000 / cpu['batch']:,.0f} batches "
        f"of 20/s ({20000 / cpu['batch']:,.0f} queries/s) |",
        f"| API / library | single {one['rate'] * cpu['single'] / 1000:.2f}x, batch "
        f"{twenty['rate'] * cpu['batch'] / 1000:.2f}x (API on {WORKERS} workers, library "
        f"on one core) |",
        f"| server CPU a request, both workers (/proc) | single {user + system:.2f} ms "
        f"({user:.2f} user, {system:.2f} kernel); batch of 20 {batch_server:.1f} ms |",
        f"| where a single query's server CPU goes (ms) | matching {cpu['match']:.2f}, "
        f"entities {cpu['entities']:.2f}, FtM example {cpu['ftm']:.3f}, body validated "
        f"{cpu['parse']:.3f}, results built {rest:.2f}, JSON {cpu['encode']:.3f}; FastAPI, "
        f"auth and errors {cpu['app'] - cpu['single'] - cpu['encode']:.2f}; uvicorn, "
        f"httptools, access log {user - cpu['app']:.2f}; kernel sockets {system:.2f} |",
        f"| load generator CPU a request (the same 2 cores) | single "
        f"{one['client_cpu'] / one['requests'] * 1000:.2f} ms, batch "
        f"{twenty['client_cpu'] / twenty['requests'] * 1000:.2f} ms |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    with (args.shared / "eval" / "dev" / "queries.csv").open(encoding="utf-8") as fh:
        queries = list(csv.DictReader(fh))
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        load = [str(CLI), "lists", "load", str(args.shared / "lists"), "--db", db]
        subprocess.run(load, check=True, capture_output=True)
        phases = {}
        with server(db) as (port, pid):
            for size, (limit, seconds) in PHASES.items():
                requests = bodies(queries, size)
                run_load(port, requests, WARM_UP // size, seconds)
                user, system = descendants_cpu(pid)
                phases[size] = run_load(port, requests, limit, seconds)
                after = descendants_cpu(pid)
                phases[size]["server_user"] = after[0] - user
                phases[size]["server_system"] = after[1] - system
        cpu = in_process(db, queries)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {platform.python_implementation()} "
    machine += f"{platform.python_version()}, {len(os.sched_getaffinity(0))} cores"
    lines = [
        f"### HTTP API, {stamp}, {machine}, load average {load_before:.1f} before the run",
        "",
        "| figure | value |",
        "|---|---|",
        *report(phases, cpu),
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "benchmarks" / "RESULTS.md").open("a") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
