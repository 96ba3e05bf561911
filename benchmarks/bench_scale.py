"""`make bench-scale`: a customer base screened single-machine and on Apache Spark.

Set-up (not timed): the shared lists loaded with `chokepoint lists load` into a fresh
SQLite database; ROWS synthetic customers (default 1,000,000; `--rows 10000000` for the
full run): people named from the given and family names of listed people, companies from
the words of listed organisations with a legal form (real name-part distributions: customers
share words with entries), and 1 row in 100 named exactly as a listed entity, whose id is
its expected hit.

Figures (each run end to end through the CLI, on the same cores, with its CPU time and the
load average while it ran: on a shared machine the wall-time rates move with other work,
CPU per row does not):
- `screen-file` on one machine (default workers: every CPU): queries/s, each worker's
  memory (RSS, and PSS: the mapped index's shared pages split between the processes);
- `screen-file --engine spark --master local[2]`: queries/s end to end, and with Spark's
  fixed start-up cost (JVM, session, index published: timed on a 10-row file) taken off;
  the memory of each Python worker and of the JVM; the ratio to single-machine;
- listed names found (their expected id among the matches) by each: the same count;
- the projection to N executors: the per-core rate measured on local[2] (rows per CPU
  second of the JVM and its Python workers, start-up off) x cores, stated as such (no
  cluster here to measure scaling on).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import append_report
from bench_index import memory_of

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"
LEGAL = ["LLC", "GmbH", "Ltd", "SA", "JSC", "Trading Co", "Holding", "S.r.l."]
LISTED_EVERY = 100


def listed_names(db: str) -> list[tuple[str, str, str]]:
    """(name, schema, id) of every listed person and organisation."""
    from chokepoint.store import open_db
    from chokepoint.store.versions import iter_entities

    out = []
    for entity in iter_entities(open_db(db)):
        names = entity.get("properties", {}).get("name") or []
        if names and entity["schema"] in ("Person", "Organization", "Company", "LegalEntity"):
            out.append((names[0], entity["schema"], entity["id"]))
    return out


def write_customers(path: Path, count: int, listed: list[tuple[str, str, str]]) -> int:
    """The customer file; returns how many rows are listed names."""
    rng = random.Random(17)
    people = [n.split() for n, schema, _ in listed if schema == "Person" and " " in n]
    given = [p[0].strip(",") for p in people]
    family = [p[-1].strip(",") for p in people]
    words = [w for n, s, _ in listed if s != "Person" for w in n.split() if len(w) > 3]
    planted = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["query_id", "name", "schema", "expected"])
        for n in range(count):
            expected = ""
            if n % LISTED_EVERY == 0:
                name, schema, expected = rng.choice(listed)
                planted += 1
            elif n % 3:
                name, schema = f"{rng.choice(given)} {rng.choice(family)}", "Person"
            else:
                name, schema = (
                    f"{rng.choice(words)} {rng.choice(words)} {rng.choice(LEGAL)}",
                    ("Company"),
                )
            out.writerow([f"c{n}", name, schema, expected])
    return planted


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        kids = []
        # Every thread's children: the JVM starts Spark's Python workers from a thread.
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids += [int(p) for p in (task / "children").read_text().split()]
            except OSError:
                pass
        found += kids
        todo += kids
    return found


def kind_of(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "java" in cmd.split(" ", 1)[0]:
        return "jvm"
    if "pyspark.daemon" in cmd or "pyspark.worker" in cmd:
        return "python worker"
    return "worker" if "chokepoint" in cmd else "other"


def cpu_of(pid: int) -> float:
    """CPU seconds of a process so far (user and system), from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """One command's wall seconds, CPU seconds (itself and every descendant it reaped:
    the workers, the JVM and its Python workers), the load average while it ran, each
    process's largest memory figures and its stderr."""

    seconds: float
    cpu: float
    load: float
    peaks: dict[int, dict[str, Any]]
    log: str


def run(command: list[str]) -> Run:
    peaks: dict[int, dict[str, Any]] = {}
    loads: list[float] = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def watch() -> None:
        while proc.poll() is None:
            loads.append(os.getloadavg()[0])
            for child in [proc.pid, *descendants(proc.pid)]:
                try:
                    seen = memory_of(child)
                    seen_cpu = cpu_of(child)
                except OSError:
                    continue
                peak = peaks.setdefault(child, {})
                # A launcher script may exec the JVM; the command itself is the driver.
                peak["label"] = "driver" if child == proc.pid else kind_of(child)
                for key, value in seen.items():
                    peak[key] = max(peak.get(key, 0.0), value)
                peak["cpu"] = max(peak.get("cpu", 0.0), seen_cpu)
            time.sleep(0.5)

    watcher = threading.Thread(target=watch)
    watcher.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    watcher.join()
    if proc.returncode:
        raise SystemExit(err.decode())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # A process its parent never waited for (Spark's JVM, its Python daemon) is missing from
    # the children's rusage: the sum of what was sampled in /proc covers it.
    cpu = max(cpu, sum(p.get("cpu", 0.0) for p in peaks.values()))
    load = sum(loads) / len(loads) if loads else os.getloadavg()[0]
    return Run(seconds, cpu, load, peaks, err.decode())


def found(paths: list[Path], expected: dict[str, str]) -> int:
    """Listed rows whose expected id is among their matches, the results read line by line
    (a million results do not fit comfortably in memory as one list)."""
    hits = 0
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                data = json.loads(line)
                want = expected.get(data["query_id"])
                if want and any(m["id"] == want for m in data.get("matches", [])):
                    hits += 1
    return hits


def memory_line(peaks: dict[int, dict[str, Any]], label: str) -> str:
    rows = [p for p in peaks.values() if p.get("label") == label and "Rss" in p]
    if not rows:
        return "not seen"
    rss = max(p["Rss"] for p in rows)
    pss = max(p.get("Pss", 0.0) for p in rows)
    return f"{len(rows)} x, largest RSS {rss:,.0f} MB, PSS {pss:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", help="Lists to load (default: every shared list).")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/scale.db"
        only = ["--only", args.only] if args.only else []
        subprocess.run(
            [str(CLI), "lists", "load", str(args.shared / "lists"), "--db", db, *only], check=True
        )
        customers = Path(tmp) / "customers.csv"
        planted = write_customers(customers, args.rows, listed_names(db))
        with customers.open(encoding="utf-8") as fh:
            expected = {r["query_id"]: r["expected"] for r in csv.DictReader(fh) if r["expected"]}

        local_out = Path(tmp) / "local.jsonl"
        local = run([str(CLI), "screen-file", str(customers), "-o", str(local_out), "--db", db])
        local_found = found([local_out], expected)
        local_out.unlink()

        spark = [str(CLI), "screen-file", "--engine", "spark", "--master", "local[2]"]
        tiny = Path(tmp) / "tiny.csv"
        with customers.open(encoding="utf-8") as fh:
            tiny.write_text("".join(next(fh) for _ in range(11)), encoding="utf-8")
        fixed = run([*spark, str(tiny), "-o", f"{tmp}/tiny-out", "--db", db])
        spark_out = Path(tmp) / "spark-out"
        big = run([*spark, str(customers), "-o", str(spark_out), "--db", db])
        spark_found = found(sorted(spark_out.glob("part-*")), expected)

    rate = args.rows / local.seconds
    spark_rate = args.rows / big.seconds
    steady = args.rows / max(big.seconds - fixed.seconds, 1e-9)
    # CPU per row is what the load of other work on the machine does not change: the
    # per-core rate of the projection (a cluster's executor cores are not shared).
    local_ms = local.cpu / args.rows * 1000
    spark_ms = big.cpu / args.rows * 1000
    steady_ms = (big.cpu - fixed.cpu) / args.rows * 1000
    per_core = 1000 / steady_ms
    applied = [line for line in big.log.splitlines() if line.startswith("Spark master")]
    rows = [
        f"| rows | {args.rows:,} synthetic customers, {planted:,} of them listed names; "
        f"load average {load:.1f} at start |",
        f"| `screen-file`, one machine ({cores} workers) | {local.seconds:,.1f} s, "
        f"{rate:,.0f} queries/s; CPU {local.cpu:,.0f} s, {local_ms:.2f} ms a row; load "
        f"average {local.load:.1f} while it ran |",
        f"| `screen-file` memory | workers: {memory_line(local.peaks, 'worker')}; parent: "
        f"{memory_line(local.peaks, 'driver')} |",
        f"| `screen-file --engine spark --master local[2]` | {big.seconds:,.1f} s end to end, "
        f"{spark_rate:,.0f} queries/s ({spark_rate / rate:.2f}x single machine); without "
        f"the fixed start-up ({fixed.seconds:.1f} s, a 10-row run): {steady:,.0f} queries/s "
        f"({steady / rate:.2f}x); load average {big.load:.1f} while it ran |",
        f"| Spark CPU | {big.cpu:,.0f} s, {spark_ms:.2f} ms a row ({local_ms / spark_ms:.2f}x "
        f"single machine's rate per CPU second); without the start-up ({fixed.cpu:.1f} s): "
        f"{steady_ms:.2f} ms a row ({local_ms / steady_ms:.2f}x) |",
        f"| Spark memory | Python workers: {memory_line(big.peaks, 'python worker')}; "
        f"JVM: {memory_line(big.peaks, 'jvm')}; driver: {memory_line(big.peaks, 'driver')} |",
        f"| listed names found (expected id among the matches) | single machine "
        f"{local_found:,} / {planted:,}; Spark {spark_found:,} / {planted:,} |",
        f"| projection to N executors (measured {per_core:,.0f} queries/s per CPU second on "
        f"local[2], start-up off, x cores; linear, as partitions share nothing but the "
        f"mapped index) | 4 cores each: 10 executors {per_core * 40:,.0f}/s, 10,000,000 "
        f"names in {10_000_000 / (per_core * 40) / 60:,.1f} min; 50 executors "
        f"{per_core * 200:,.0f}/s |",
        f"| Spark run | {applied[0] if applied else 'not printed'} |",
    ]
    append_report("bench-scale", rows)


if __name__ == "__main__":
    main()
