"""`make bench-cold`: a cold `chokepoint screen NAME`, CLI end to end, against a baseline
checkout measured in the same run.

Each code screens a consistent copy of its own (``sqlite3`` backup: a plain copy can miss
the WAL) of the database given, so that neither rebuilds the other's index. One warm-up
run each (it may build the index and, on this code, publish the parties and ownership
beside it), then the median of ``--runs`` runs: wall and CPU seconds (the child's user +
system time). Appends a table to ``benchmarks/RESULTS.md``.

    python benchmarks/bench_cold.py --db lists.db --baseline /path/to/main/.venv/bin/chokepoint
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench_index import cold

RESULTS = Path(__file__).parent / "RESULTS.md"
NAME = "Vladimir Vladimirovich Putin"


def copy_db(source: str, target: Path) -> str:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return str(target)


def revision(cli: str) -> str:
    """The git revision of the checkout a ``chokepoint`` script runs from."""
    root = Path(cli).resolve().parents[2]
    found = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    return found.stdout.strip() or str(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a loaded SQLite database (copied)")
    parser.add_argument("--baseline", required=True, help="the baseline's chokepoint script")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--name", default=NAME)
    args = parser.parse_args()
    this = str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "chokepoint")
    load = os.getloadavg()[0]
    figures = {}
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        for label, cli in (("this", this), ("baseline", args.baseline)):
            db = copy_db(args.db, Path(tmp) / f"{label}.db")
            command = [cli, "screen", args.name, "--db", db]
            subprocess.run(command, check=True, capture_output=True)  # builds, publishes
            figures[label] = cold(command, args.runs)
    (wall, cpu), (old_wall, old_cpu) = figures["this"], figures["baseline"]
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = f"""
### Cold `chokepoint screen`, {now}, {platform.machine()}, CPython \
{platform.python_version()}, {os.cpu_count()} cores; load average {load:.1f} before the run

| figure | value |
|---|---|
| cold `chokepoint screen` from the published files, this code ({revision(this)}), \
median of {args.runs} | {wall:.2f} s wall, {cpu:.2f} s CPU |
| baseline: through SQLAlchemy for parties and ownership ({revision(args.baseline)}) \
| {old_wall:.2f} s wall, {old_cpu:.2f} s CPU |
| baseline / this | {old_wall / wall:.2f}x wall, {old_cpu / cpu:.2f}x CPU |
"""
    print(text)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
