"""`make bench`: speed and memory figures, each against a baseline measured in the same run.

Load: `chokepoint lists load` of every shared list into a fresh SQLite database, run as a
child process so that its peak resident memory can be read; baseline: the same lists
parsed only (no storage), so the ratio shows what storage costs.

Screening: single-query latency over the dev queries (library, one process, warm);
`screen-file` throughput with 2 workers (CLI end to end); baseline: rapidfuzz
token_set_ratio brute force over every listed name, in this run; the index's resident
memory, read in a child process before and after loading it.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 8  # the dev queries repeated, so that start-up weighs little in the rate
CLI = ROOT / ".venv" / "bin" / "chokepoint"
PARSE_ONLY = """
import sys, time
from pathlib import Path
from chokepoint.lists.loader import find_folders, parse_folder
t = time.perf_counter(); n = 0
for folder, source in find_folders(Path(sys.argv[1])):
    n += len(parse_folder(source, folder))
print(n, time.perf_counter() - t)
"""


def child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bench_load(lists: Path) -> list[str]:
    # The load runs first: RUSAGE_CHILDREN keeps the largest peak of all children so far.
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run(
            [str(CLI), "lists", "load", str(lists), "--db", f"{tmp}/bench.db"],
            check=True,
            capture_output=True,
        )
        load_s = time.perf_counter() - start
    peak = child_peak_mb()
    out = subprocess.run(
        [sys.executable, "-c", PARSE_ONLY, str(lists)], check=True, capture_output=True, text=True
    ).stdout.split()
    entities, parse_s = int(out[0]), float(out[1])
    return [
        f"| load all shared lists ({entities:,} entities), CLI end to end | {load_s:.1f} s |",
        f"| baseline: parse only, no storage | {parse_s:.1f} s (load = {load_s / parse_s:.2f}x) |",
        f"| peak resident memory of the load | {peak:.0f} MB |",
    ]


INDEX_MEMORY = """
import os, sys
from chokepoint.store import open_db
from chokepoint.screening import get_matcher
from chokepoint.store.versions import current_versions
def rss():  # resident set size now, from /proc (ru_maxrss is a peak, not a level)
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
engine = open_db(sys.argv[1])
current_versions(engine)
before = rss()
matcher = get_matcher(engine)
print((rss() - before) / 2**20)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)]


def time_screen_file(queries: list[dict[str, str]], repeats: int, db: str) -> float:
    """Seconds for `chokepoint screen-file --workers 2` over the queries repeated."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "queries.csv"
        with big.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["query_id", "name", "schema"])
            for n in range(repeats):
                for q in queries:
                    writer.writerow([f"{n}-{q['query_id']}", q["name"], q["schema"]])
        command = [str(CLI), "screen-file", str(big), "-o", f"{tmp}/out.jsonl"]
        start = time.perf_counter()
        subprocess.run([*command, "--workers", "2", "--db", db], check=True, capture_output=True)
        return time.perf_counter() - start


def bench_screening(shared: Path, db: str) -> list[str]:
    from rapidfuzz import fuzz, process, utils

    from chokepoint.matching import Query
    from chokepoint.matching.normalize import to_latin
    from chokepoint.screening import get_matcher
    from chokepoint.store import open_db

    with (shared / "eval" / "dev" / "queries.csv").open(encoding="utf-8") as fh:
        queries = list(csv.DictReader(fh))
    matcher = get_matcher(open_db(db))
    for q in queries[:200]:  # warm caches as a running service would be
        matcher.match(Query.of(q["name"], q["schema"]))
    times = []
    for q in queries:
        start = time.perf_counter()
        matcher.match(Query.of(q["name"], q["schema"]))
        times.append((time.perf_counter() - start) * 1000)
    ours_qps = len(times) / (sum(times) / 1000)

    choices = [utils.default_process(to_latin(t)) for t in matcher.index.name_text]
    sample = queries[:200]
    start = time.perf_counter()
    for q in sample:
        process.extract(
            utils.default_process(to_latin(q["name"])),
            choices,
            scorer=fuzz.token_set_ratio,
            score_cutoff=90,
            limit=20,
        )
    brute_qps = len(sample) / (time.perf_counter() - start)

    # screen-file on the dev queries repeated 1x and REPEATS x: the difference of the two
    # runs is the steady rate, free of the fixed start-up (imports, loading the index).
    runs = {n: time_screen_file(queries, n, db) for n in (1, REPEATS)}
    batch_s = runs[REPEATS]
    batch_qps = REPEATS * len(queries) / batch_s
    steady_qps = (REPEATS - 1) * len(queries) / (runs[REPEATS] - runs[1])
    memory = float(
        subprocess.run(
            [sys.executable, "-c", INDEX_MEMORY, db], check=True, capture_output=True, text=True
        ).stdout.split()[-1]
    )
    return [
        f"| single query, {len(matcher.index.entities):,} entities: p50 / p99 | "
        f"{percentile(times, 0.5):.2f} ms / {percentile(times, 0.99):.2f} ms |",
        f"| single query throughput, one process | {ours_qps:,.0f} queries/s |",
        f"| baseline: rapidfuzz token_set brute force, one process | {brute_qps:,.1f} queries/s "
        f"(Chokepoint {ours_qps / brute_qps:,.0f}x) |",
        f"| screen-file, {REPEATS * len(queries):,} queries, 2 workers, CLI end to end | "
        f"{batch_qps:,.0f} queries/s ({batch_s:.1f} s incl. start-up of "
        f"{runs[1] - len(queries) / steady_qps:.1f} s); steady {steady_qps:,.0f} queries/s |",
        f"| match index resident memory | {memory:.0f} MB |",
    ]


def bench_shipments(db: str) -> list[str]:
    """Shipments per second through all rules (library, one process), on the examples."""
    from chokepoint.shipments.screen import read_shipment, screen_shipment
    from chokepoint.store import open_db

    engine = open_db(db)
    shipments = [read_shipment(p) for p in sorted((ROOT / "examples").glob("shipment-*.json"))]
    screen_shipment(engine, shipments[0])  # load the index first
    count = 300
    start = time.perf_counter()
    for n in range(count):
        screen_shipment(engine, shipments[n % len(shipments)])
    rate = count / (time.perf_counter() - start)
    return [f"| shipments through all rules, one process | {rate:,.0f} shipments/s |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    rows = bench_load(args.shared / "lists")
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        subprocess.run(
            [str(CLI), "lists", "load", str(args.shared / "lists"), "--db", db],
            check=True,
            capture_output=True,
        )
        rows += bench_screening(args.shared, db)
        rows += bench_shipments(db)
    append_report("", rows)


def append_report(title: str, rows: list[str]) -> None:
    """Print a table of figures under the date and machine; append it to RESULTS.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    heading = f"### {title}{', ' if title else ''}{stamp}, {machine}, "
    report = [
        f"{heading}{len(os.sched_getaffinity(0))} cores",
        "",
        "| figure | value |",
        "|---|---|",
        *rows,
        "",
    ]
    print("\n".join(report))
    results = ROOT / "benchmarks" / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results\n\nAppended by `make bench`, newest last.\n\n")
    with results.open("a") as fh:
        fh.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main()
