"""`make bench`, after bench.py: the HTTP API under load on loopback, against the library.

Server: `chokepoint serve --workers 2` over every shared list, on a free loopback port.
Load: 4 client threads, each with one keep-alive connection (http.client, Nagle off):
`GET /healthz` (what any request costs), then `POST /match/default` with the dev queries
in turn, one query a request, then batches of 20. Each phase is bounded in requests and
seconds and run 3 times; the best run is reported with the others' rates, as the machine
may be shared. Latency is the client's, per request.
With ``--against TREE`` (another checkout with its own ``.venv``, e.g. main before a
change): only single-query ``/match``, this tree's server and that tree's in turn, each over
a database its own code loaded, runs alternating so that both meet the same machine; the
rates and the workers' CPU a request side by side, and their ratios.
Baseline, in the same run: the same queries through the library (`match_examples`, what
the route calls) in this process, one thread, so one core.
Where the time goes: the workers' CPU per request (from /proc) against the library's CPU
per query, and the stages of one request measured in this process (api_stages.py).
"""

from __future__ import annotations

import argparse
import contextlib
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

from api_stages import WARM_UP, in_process

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"
KEY = "bench-0123456789abcdef"
HEADERS = {"Authorization": f"ApiKey {KEY}", "Content-Type": "application/json"}
CLIENTS = 4
WORKERS = 2
# queries a request (0: GET /healthz) -> (max requests, max seconds)
PHASES = {0: (4000, 4.0), 1: (4000, 8.0), 20: (300, 8.0)}
RUNS = 3  # each phase run this often; the best run is reported (the machine is shared)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_cpu(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds of process ``pid`` and its children: the workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    user = system = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid or stat.parent.name == str(pid):  # its children, itself
            user += int(fields[11]) / ticks
            system += int(fields[12]) / ticks
    return user, system


@contextmanager
def server(db: str, cli: Path = CLI) -> Iterator[tuple[int, int]]:
    """(port, pid) of a running `chokepoint serve`, each worker ready."""
    port = free_port()
    env = {**os.environ, "CHOKEPOINT_API_KEYS": f"bench:{KEY}"}
    command = [str(cli), "serve", "--db", db, "--port", str(port), "--workers", str(WORKERS)]
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


def run_load(
    port: int,
    requests: list[bytes | None],
    limit: int,
    seconds: float,
    path: str = "/match/default",
) -> dict[str, Any]:
    """CLIENTS threads send ``requests`` in turn (a body: POST, None: GET) until ``limit``
    or ``seconds``."""
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
            body = requests[n % len(requests)]
            conn.request("GET" if body is None else "POST", path, body, HEADERS)
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


def report(phases: dict[int, dict[str, Any]], cpu: dict[str, float]) -> list[str]:
    floor, one, twenty = phases[0], phases[1], phases[20]

    def server_ms(phase: dict[str, Any]) -> float:
        return float(phase["server_user"] + phase["server_system"]) * 1000

    def load(phase: dict[str, Any], size: int) -> str:
        rates = " / ".join(f"{r:,.0f}" for r in phase["rates"])
        queries = f" ({size * phase['rate']:,.0f} queries/s)" if size > 1 else ""
        return (
            f"{phase['rate']:,.0f} requests/s{queries}, p50 {phase['p50']:.1f} ms, p99 "
            f"{phase['p99']:.1f} ms; {phase['requests']:,} requests, {phase['errors']} failed "
            f"(best of {RUNS} runs: {rates} requests/s) |"
        )

    framework = cpu["app"] - cpu["single"] - cpu["encode"]
    stages = ", ".join(
        f"{label} {cpu[key]:.3f}"
        for label, key in (
            ("matching", "match"),
            ("listed entities read", "entities"),
            ("results built", "results"),
            ("FtM example read", "ftm"),
            ("body validated", "parse"),
            ("JSON", "encode"),
        )
    )
    return [
        f"| GET /healthz, {CLIENTS} clients, {WORKERS} workers | {load(floor, 0)}",
        f"| /match, 1 query a request, {CLIENTS} clients, {WORKERS} workers | {load(one, 1)}",
        f"| /match, 20 queries a request, same | {load(twenty, 20)}",
        f"| baseline: the route's library call in this process, one thread | "
        f"{1000 / cpu['single']:,.0f} single queries/s; {1000 / cpu['batch']:,.0f} batches "
        f"of 20/s ({20000 / cpu['batch']:,.0f} queries/s) |",
        f"| API / library | single {one['rate'] * cpu['single'] / 1000:.2f}x, batch "
        f"{twenty['rate'] * cpu['batch'] / 1000:.2f}x (the API on {WORKERS} workers, the "
        "library on one core) |",
        f"| server CPU a request (both workers, /proc) | GET /healthz {server_ms(floor):.2f} ms, "
        f"single query {server_ms(one):.2f} ms, batch of 20 {server_ms(twenty):.1f} ms |",
        f"| a single query's CPU by stage, in this process (ms) | {stages}; FastAPI, auth "
        f"and errors {framework:.3f}: the app {cpu['app']:.2f} in all. In the server, "
        f"{server_ms(one) - cpu['app']:.2f} more: uvicorn, HTTP, access log, sockets (all of "
        f"a /healthz), and workers, clients and other work sharing 2 cores and caches |",
        f"| load generator CPU a request (same 2 cores) | single "
        f"{one['client_cpu'] / one['requests'] * 1000:.2f} ms, batch "
        f"{twenty['client_cpu'] / twenty['requests'] * 1000:.2f} ms |",
    ]


def compare(shared: Path, other: Path, queries: list[dict[str, str]]) -> list[str]:
    """Single-query /match on this tree and on ``other``, runs alternating."""
    trees = {"this tree": CLI, str(other): other / ".venv" / "bin" / "chokepoint"}
    requests: list[bytes | None] = list(bodies(queries, 1))
    limit, seconds = PHASES[1]
    found: dict[str, dict[str, Any]] = {name: {"runs": [], "cpu": 0.0} for name in trees}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        servers = {}
        for n, (name, cli) in enumerate(trees.items()):
            db = f"{tmp}/bench{n}.db"
            subprocess.run(
                [str(cli), "lists", "load", str(shared / "lists"), "--db", db],
                check=True,
                capture_output=True,
            )
            servers[name] = stack.enter_context(server(db, cli))
            run_load(servers[name][0], requests, WARM_UP, seconds)
        for _ in range(RUNS):
            for name, (port, pid) in servers.items():
                before = sum(server_cpu(pid))
                run = run_load(port, requests, limit, seconds)
                found[name]["runs"].append(run)
                found[name]["cpu"] += sum(server_cpu(pid)) - before
    lines = []
    for name, got in found.items():
        runs = got["runs"]
        done = sum(r["requests"] for r in runs)
        got["rate"] = max(r["rate"] for r in runs)
        got["ms"] = got["cpu"] / done * 1000
        rates = " / ".join(f"{r['rate']:,.0f}" for r in sorted(runs, key=lambda r: r["rate"]))
        lines.append(
            f"| /match, 1 query a request, {name} | best {got['rate']:,.0f} requests/s "
            f"({rates}); server CPU {got['ms']:.2f} ms a request |"
        )
    mine, theirs = found["this tree"], found[str(other)]
    lines.append(
        f"| this tree / {other} | rate {mine['rate'] / theirs['rate']:.2f}x, server CPU a "
        f"request {mine['ms'] / theirs['ms']:.2f}x (runs alternating, same machine) |"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    with (args.shared / "eval" / "dev" / "queries.csv").open(encoding="utf-8") as fh:
        queries = list(csv.DictReader(fh))
    load_before = os.getloadavg()[0]
    if args.against is not None:
        rows = compare(args.shared, args.against.resolve(), queries)
        record(f"HTTP API against {args.against}", load_before, rows)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        load = [str(CLI), "lists", "load", str(args.shared / "lists"), "--db", db]
        subprocess.run(load, check=True, capture_output=True)
        phases: dict[int, dict[str, Any]] = {}
        with server(db) as (port, pid):
            for size, (limit, seconds) in PHASES.items():
                # Size 0 is the floor: what any request costs the server.
                requests: list[bytes | None] = list(bodies(queries, size)) if size else [None]
                path = "/match/default" if size else "/healthz"
                run_load(port, requests, WARM_UP // max(size, 1), seconds, path)
                user, system = server_cpu(pid)
                runs = [run_load(port, requests, limit, seconds, path) for _ in range(RUNS)]
                after = server_cpu(pid)
                phases[size] = max(runs, key=lambda run: float(run["rate"]))
                phases[size]["rates"] = sorted(run["rate"] for run in runs)
                done = sum(run["requests"] for run in runs)
                phases[size]["server_user"] = (after[0] - user) / done
                phases[size]["server_system"] = (after[1] - system) / done
        cpu = in_process(db, bodies(queries, 1), bodies(queries, 20), HEADERS, KEY)
    record("HTTP API", load_before, report(phases, cpu))


def record(title: str, load_before: float, rows: list[str]) -> None:
    """A table of ``rows`` printed and appended to RESULTS.md, with machine and load."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {platform.python_implementation()} "
    machine += f"{platform.python_version()}, {len(os.sched_getaffinity(0))} cores"
    lines = [
        f"### {title}, {stamp}, {machine}; load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine slows every figure)",
        "",
        "| figure | value |",
        "|---|---|",
        *rows,
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "benchmarks" / "RESULTS.md").open("a") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
