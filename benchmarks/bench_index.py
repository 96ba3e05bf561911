"""`make bench`: the mapped match index, cold and warm, and screen-file at scale.

Set-up (not timed): every shared list loaded with `chokepoint lists load` into a fresh
SQLite database (the index stored and its files extracted beside it); batches of 10,000
and 100,000 synthetic customers, named from the words of listed names (as real customers
share words with entries) with 2% named as listed entries.

Figures, each with a baseline measured in the same run:
- cold `chokepoint screen NAME`, CLI end to end (median of 5, wall and CPU); baseline: the
  old path, reconstructed: every command module imported, the database opened with
  SQLAlchemy, the same index unpickled (from a pickle written in set-up), one query;
- opening the index: mapped from its files; baseline: unpickling it;
- warm single queries over the dev set: the mapped index; baseline: the index as built in
  memory (the form unpickling gave);
- `screen-file` (CLI end to end, default workers: every CPU) on 10,000 and 100,000 rows;
  baseline: the library's rate on one core, warm, on a 2,000-row sample;
- memory per worker: resident (RSS) and proportional (PSS, shared pages split between the
  processes mapping them) set of each worker during the 100,000-row run; baseline: the
  resident memory the in-memory index takes in a process of its own.
"""

from __future__ import annotations

import argparse
import csv
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import append_report, percentile

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"
NAME = "Vladimir Putin"
OLD_PATH = """
import pickle, sys
import chokepoint.cli
from chokepoint.cli import COMMANDS, main
for name in COMMANDS:  # every command module, as the CLI imported them all before
    main.get_command(None, name)
from chokepoint.cli.screen import print_table
from chokepoint.matching import Matcher, Query
from chokepoint.store import open_db
from chokepoint.store.versions import current_versions
engine = open_db(sys.argv[1])
versions = current_versions(engine)
with open(sys.argv[2], "rb") as fh:
    index = pickle.load(fh)
print_table(sys.argv[3], Matcher(index).match(Query.of(sys.argv[3]), limit=5), {})
"""
IN_MEMORY = """
import os, pickle, sys
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
before = rss()
with open(sys.argv[1], "rb") as fh:
    index = pickle.load(fh)
print((rss() - before) / 2**20)
"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold(command: list[str], runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds of a command run afresh."""
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = cpu_of_children(), time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_of_children() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def write_customers(path: Path, count: int, captions: list[tuple[str, str]], seed: int) -> None:
    rng = random.Random(seed)
    people = [c.split() for c, schema in captions if schema == "Person"]
    given = [p[-1].strip(",") for p in people if len(p) > 1]
    family = [p[0].strip(",") for p in people if len(p) > 1]
    words = [w for c, schema in captions if schema != "Person" for w in c.split() if len(w) > 3]
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["query_id", "name", "schema", "country"])
        for n in range(count):
            if n % 50 == 0:
                name, schema = rng.choice(captions)
            elif n % 3:
                name, schema = f"{rng.choice(given)} {rng.choice(family)}", "Person"
            else:
                name, schema = f"{rng.choice(words)} {rng.choice(words)} LLC", "Company"
            out.writerow([f"c{n}", name, schema, rng.choice(["de", "us", "ae", "tr", ""])])


def memory_of(pid: int) -> dict[str, float]:
    """RSS and PSS of a process, in MB (from /proc/PID/smaps_rollup)."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss"):
                found[key] = int(value.split()[0]) / 1024
    return found


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def screen_file(queries: Path, db: str, out: Path) -> tuple[float, dict[int, dict[str, float]]]:
    """Seconds for `chokepoint screen-file` (default workers), and each worker's largest
    memory figures seen while it ran."""
    peaks: dict[int, dict[str, float]] = {}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(CLI), "screen-file", str(queries), "-o", str(out), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def watch() -> None:
        while proc.poll() is None:
            for child in children(proc.pid):
                try:
                    seen = memory_of(child)
                except OSError:
                    continue
                peak = peaks.setdefault(child, {})
                for key, value in seen.items():
                    peak[key] = max(peak.get(key, 0.0), value)
            time.sleep(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    watcher.join()
    if proc.returncode:
        raise SystemExit(err.decode())
    return seconds, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from chokepoint.matching import Matcher, Query
    from chokepoint.matching.index import Index
    from chokepoint.screening import get_snapshot
    from chokepoint.screening.index_files import cache_root, open_dir
    from chokepoint.store import open_db
    from chokepoint.store.versions import iter_entities

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        lists = args.shared / "lists"
        subprocess.run([str(CLI), "lists", "load", str(lists), "--db", db], check=True)
        engine = open_db(db)
        built = Index.build(iter_entities(engine))  # the in-memory form unpickling gave
        pickled = Path(tmp) / "index.pickle"
        pickled.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        (files,) = cache_root(str(engine.url)).iterdir()

        rows = []
        wall, cpu = cold([str(CLI), "screen", NAME, "--db", db])
        old_wall, old_cpu = cold([sys.executable, "-c", OLD_PATH, db, str(pickled), NAME])
        rows.append(
            f"| cold `chokepoint screen` (CLI end to end, median of 5) | {wall:.2f} s wall, "
            f"{cpu:.2f} s CPU; baseline, the old path (all commands imported, SQLAlchemy, "
            f"index unpickled): {old_wall:.2f} s wall, {old_cpu:.2f} s CPU "
            f"({old_wall / wall:.1f}x) |"
        )

        opens = []
        for _ in range(20):
            start = time.perf_counter()
            open_dir(files)
            opens.append(time.perf_counter() - start)
        start = time.perf_counter()
        pickle.loads(pickled.read_bytes())
        unpickle = time.perf_counter() - start
        rows.append(
            f"| opening the index: mapped from its files (median of 20) | "
            f"{statistics.median(opens) * 1000:.1f} ms; baseline, unpickling it: "
            f"{unpickle * 1000:.0f} ms ({unpickle / statistics.median(opens):,.0f}x) |"
        )

        with (args.shared / "eval" / "dev" / "queries.csv").open(encoding="utf-8") as fh:
            dev = [Query.of(q["name"], q["schema"]) for q in csv.DictReader(fh)]
        figures = {}
        for label, matcher in (
            ("mapped", get_snapshot(engine).matcher),
            ("in memory", Matcher(built)),
        ):
            for q in dev[:200]:  # warm, as a running service is
                matcher.match(q)
            times = []
            for q in dev:
                start = time.perf_counter()
                matcher.match(q)
                times.append((time.perf_counter() - start) * 1000)
            figures[label] = (percentile(times, 0.5), percentile(times, 0.99))
        (p50, p99), (b50, b99) = figures["mapped"], figures["in memory"]
        rows.append(
            f"| warm single query, {len(dev):,} dev queries: p50 / p99 | {p50:.2f} ms / "
            f"{p99:.2f} ms; baseline, the index in memory: {b50:.2f} ms / {b99:.2f} ms |"
        )

        captions = [(e.caption, e.schema) for e in built.entities]
        sample_path = Path(tmp) / "sample.csv"
        write_customers(sample_path, 2000, captions, seed=2)
        from chokepoint.screening.batch import Options, read_rows, screen_row

        sample = list(read_rows(sample_path))
        matcher = Matcher(built)
        for row in sample[:200]:
            screen_row(row, matcher, Options())
        start = time.perf_counter()
        for row in sample:
            screen_row(row, matcher, Options())
        core_rate = len(sample) / (time.perf_counter() - start)
        for count in (10_000, 100_000):
            queries = Path(tmp) / f"customers-{count}.csv"
            write_customers(queries, count, captions, seed=count)
            seconds, peaks = screen_file(queries, db, Path(tmp) / "out.jsonl")
            rate = count / seconds
            rows.append(
                f"| `screen-file`, {count:,} customers, {len(peaks)} workers (every CPU), CLI "
                f"end to end | {rate:,.0f} queries/s ({seconds:.1f} s); baseline, the library "
                f"on one core, warm: {core_rate:,.0f} queries/s ({rate / core_rate:.2f}x) |"
            )
        index_mb = float(
            subprocess.run(
                [sys.executable, "-c", IN_MEMORY, str(pickled)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
        )
        per_worker = ", ".join(
            f"RSS {p.get('Rss', 0):.0f} MB / PSS {p.get('Pss', 0):.0f} MB" for p in peaks.values()
        )
        size = sum(f.stat().st_size for f in files.iterdir()) / 2**20
        rows.append(
            f"| memory per worker, 100,000-row run (largest seen) | {per_worker}; index files "
            f"{size:.0f} MB, mapped and shared; baseline, the index in memory in a process of "
            f"its own: {index_mb:.0f} MB resident |"
        )
    rows.append(
        f"| load average (1 min) before / after, {len(os.sched_getaffinity(0))} cores | "
        f"{load:.1f} / {os.getloadavg()[0]:.1f} (other work on the machine slows every figure) |"
    )
    append_report("Index files and screen-file", rows)


if __name__ == "__main__":
    main()
