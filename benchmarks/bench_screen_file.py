"""`make bench-screen-file`: `chokepoint screen-file` end to end against a baseline revision,
on generated customers, with every output compared row by row.

Queries: ``bench_scale.write_customers`` (real name-part distributions of listed names, 1 in
100 a listed name), ROWS each (default 10,000 and 100,000). Each run is the CLI as a user
runs it (``--workers`` every CPU unless given), in a child process that reports its wall
time and CPU time, its own (reading, writing, start-up) and its workers' (``resource``):
the machine is shared, so wall time is inflated by the others' work while CPU time is
not, and CPU time per row says what the same run would reach on idle cores.

``--baseline REV``: the same runs with the source tree of git revision REV (extracted, on a
copy of the database), alternated with this tree's; outputs are compared line by line
(``party_id`` aside, which each database copy settles itself), and any other difference
fails the run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import append_report
from bench_scale import listed_names, write_customers

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"


def child(args: list[str]) -> None:
    """Run the CLI in this process; print its figures as JSON on standard error's last line."""
    from chokepoint.cli import main as cli

    start = time.perf_counter()
    try:
        cli(args, standalone_mode=False)
    finally:
        own = resource.getrusage(resource.RUSAGE_SELF)
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures = {
            "wall": time.perf_counter() - start,
            "parent": own.ru_utime + own.ru_stime,
            "workers": workers.ru_utime + workers.ru_stime,
            "worker_rss_mb": workers.ru_maxrss / 1024,
        }
        print(json.dumps(figures), file=sys.stderr)


def screen_file(
    src: Path | None, db: str, queries: Path, out: Path, workers: int
) -> dict[str, Any]:
    env = dict(os.environ)
    if src is not None:  # the baseline's package before the installed (editable) one
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, __file__, "--child", "screen-file", str(queries), "-o", str(out)]
    command += ["--db", db, "--workers", str(workers)]
    done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    figures: dict[str, Any] = json.loads(done.stderr.strip().splitlines()[-1])
    return figures


def differing(base: Path, this: Path) -> tuple[int, int]:
    """Lines that differ, and of those the ones that differ beyond their party ids."""

    def bare(line: str) -> Any:
        data = json.loads(line)
        for match in data.get("matches", []):
            match.pop("party_id", None)
        return data

    a, b = base.read_text().splitlines(), this.read_text().splitlines()
    if len(a) != len(b):
        return max(len(a), len(b)), max(len(a), len(b))
    lines = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(lines), sum(1 for x, y in lines if bare(x) != bare(y))


def rate(rows: int, runs: list[dict[str, Any]]) -> str:
    best = min(r["wall"] for r in runs)
    cpu = min(r["parent"] + r["workers"] for r in runs)
    return (
        f"{rows / best:,.0f} queries/s wall (best {best:.1f} s of {len(runs)}), "
        f"CPU {cpu:.1f} s = {cpu * 1000 / rows:.3f} ms a row "
        f"(parent {min(r['parent'] for r in runs):.2f} s)"
    )


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--db", help="A database with the shared lists loaded (default: loaded)")
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=2, help="alternated runs of each")
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    args = parser.parse_args()
    table = [
        f"| load average (1 min) at start | {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs |"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.db is None:
            args.db = str(work / "lists.db")
            load = [str(CLI), "lists", "load", str(args.shared / "lists"), "--db", args.db]
            subprocess.run(load, check=True, capture_output=True)
        archive = subprocess.run(
            ["git", "archive", args.baseline, "src"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        this_db, base_db = str(work / "this.db"), str(work / "baseline.db")
        shutil.copy(args.db, this_db)
        shutil.copy(args.db, base_db)
        listed = listed_names(this_db)
        warm = work / "warm.csv"  # a first run of each builds and publishes its files
        write_customers(warm, 20, listed)
        screen_file(work / "src", base_db, warm, work / "w.jsonl", args.workers)
        screen_file(None, this_db, warm, work / "w.jsonl", args.workers)
        for rows in args.rows:
            queries = work / f"customers-{rows}.csv"
            write_customers(queries, rows, listed)
            runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "this": []}
            for _ in range(args.runs):  # alternated, so that both see the same load
                runs["baseline"].append(
                    screen_file(work / "src", base_db, queries, work / "b.jsonl", args.workers)
                )
                runs["this"].append(
                    screen_file(None, this_db, queries, work / "t.jsonl", args.workers)
                )
            lines, beyond = differing(work / "b.jsonl", work / "t.jsonl")
            base, this = runs["baseline"], runs["this"]
            cpu_ratio = min(r["parent"] + r["workers"] for r in base) / min(
                r["parent"] + r["workers"] for r in this
            )
            table += [
                f"| {rows:,} rows, `--workers {args.workers}`, baseline `{args.baseline}` | "
                f"{rate(rows, base)} |",
                f"| {rows:,} rows, this tree | {rate(rows, this)}; "
                f"{cpu_ratio:.2f}x less CPU than the baseline |",
                f"| {rows:,} rows: worker memory (largest RSS), baseline / this | "
                f"{max(r['worker_rss_mb'] for r in base):.0f} / "
                f"{max(r['worker_rss_mb'] for r in this):.0f} MB |",
                f"| {rows:,} rows: lines differing from the baseline's | {beyond} "
                f"({lines - beyond} more by their party ids alone) |",
            ]
            if beyond:
                append_report("bench-screen-file", table)
                raise SystemExit(f"{beyond} results differ from {args.baseline}")
    table.append(f"| load average (1 min) at the end | {os.getloadavg()[0]:.1f} |")
    append_report("bench-screen-file", table)


if __name__ == "__main__":
    main()
