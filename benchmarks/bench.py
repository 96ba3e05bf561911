"""`make bench`: speed and memory figures, each against a baseline measured in the same run.

Load: `chokepoint lists load` of every shared list into a fresh SQLite database, run as a
child process so that its peak resident memory can be read; baseline: the same lists
parsed only (no storage), so the ratio shows what storage costs.
"""

from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"
PARSE_ONLY = """
import sys, time
from pathlib import Path
from chokepoint.loader import find_folders, parse_folder
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    rows = bench_load(args.shared / "lists")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    report = [
        f"### {stamp}, {machine}, {len(__import__('os').sched_getaffinity(0))} cores",
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
