"""`make bench-matcher`: the matcher's CPU per query against a baseline revision, and proof
that a faster matcher gives the same answers.

Queries: dev, realworld-dev and generated customers (``bench_scale.write_customers``: real
name-part distributions of listed names, 1 in 100 a listed name). Each set is screened warm
in one process (``Matcher.match`` with batch screening's cutoff), timed per query in
process CPU time (``time.process_time``: the machine is shared, wall time is inflated by
the others' work), twice: the second pass is a running service's (caches warm).

``--baseline REV``: the same run with the source tree of git revision REV (extracted, run in
a child process on a copy of the database, so each keeps its index), alternated with this
tree's, and every result (ids, scores, features, explanations) compared row by row: the
regression check for changes of the matcher's mechanics (candidates, caching, arrays),
which must leave every match and score as it was. It fails on any difference.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import append_report, percentile
from bench_scale import listed_names, write_customers

ROOT = Path(__file__).resolve().parents[1]
SETS = ("dev", "realworld-dev", "customers")


def write_sets(shared: Path, db: str, customers: int, out: Path) -> None:
    sets = {}
    for name in ("dev", "realworld-dev"):
        with (shared / "eval" / name / "queries.csv").open(encoding="utf-8") as fh:
            sets[name] = list(csv.DictReader(fh))
    path = out.with_suffix(".csv")
    write_customers(path, customers, listed_names(db))
    with path.open(encoding="utf-8") as fh:
        sets["customers"] = list(csv.DictReader(fh))
    out.write_text(json.dumps(sets), encoding="utf-8")


def child(db: str, queries: Path, out: Path) -> None:
    """Screen every set twice in this process; write CPU times and results as JSON."""
    from chokepoint.matching import Query
    from chokepoint.screening import get_matcher
    from chokepoint.store import open_db

    sets = json.loads(queries.read_text(encoding="utf-8"))
    matcher = get_matcher(open_db(db, create=False))
    cutoff = matcher.review_threshold
    report: dict[str, Any] = {}
    for name in SETS:
        passes = []
        for _ in range(2):
            times, results = [], []
            for q in sets[name]:
                query = Query.of(q["name"], q.get("schema") or None)
                start = time.process_time()
                matches = matcher.match(query, cutoff=cutoff)
                times.append((time.process_time() - start) * 1000)
                results.append([m.to_dict() for m in matches])
            passes.append(times)
        report[name] = {"first": passes[0], "warm": passes[1], "results": results}
    out.write_text(json.dumps(report), encoding="utf-8")


def run_child(src: Path | None, db: str, queries: Path, out: Path) -> dict[str, Any]:
    env = dict(os.environ)
    if src is not None:  # the baseline's package before the installed (editable) one
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, __file__, "--child", db, str(queries), str(out)]
    subprocess.run(command, check=True, env=env, cwd=Path(__file__).parent)
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def figures(times: list[float]) -> str:
    return (
        f"{percentile(times, 0.5):.2f} / {percentile(times, 0.99):.2f} / "
        f"{sum(times) / len(times):.2f} ms"
    )


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--db", help="A database with the shared lists loaded (default: loaded)")
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--baseline", default="main", help="git revision to compare with")
    args = parser.parse_args()
    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        queries = work / "queries.json"
        if args.db is None:
            args.db = str(work / "lists.db")
            cli = ROOT / ".venv" / "bin" / "chokepoint"
            load = [str(cli), "lists", "load", str(args.shared / "lists"), "--db", args.db]
            subprocess.run(load, check=True, capture_output=True)
        write_sets(args.shared, args.db, args.customers, queries)
        archive = subprocess.run(
            ["git", "archive", args.baseline, "src"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        base_db = str(work / "baseline.db")
        shutil.copy(args.db, base_db)
        runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "this": []}
        for _ in range(2):  # alternated, so that both see the same load
            runs["baseline"].append(run_child(work / "src", base_db, queries, work / "b.json"))
            runs["this"].append(run_child(None, args.db, queries, work / "t.json"))
    rows = [
        f"| matcher CPU per query (process CPU time, warm pass, 2 alternated runs each), "
        f"baseline `{args.baseline}` vs this tree | load average {load_average:.1f} at start |"
    ]
    differ = {}
    for name in SETS:
        base = [t for r in runs["baseline"] for t in r[name]["warm"]]
        this = [t for r in runs["this"] for t in r[name]["warm"]]
        got = runs["this"][0][name]["results"]
        differ[name] = sum(
            1 for a, b in zip(runs["baseline"][0][name]["results"], got, strict=True) if a != b
        )
        rows.append(
            f"| {name} ({len(got):,} queries): p50 / p99 / mean | baseline {figures(base)}; "
            f"this {figures(this)}; mean {sum(base) / max(sum(this), 1e-9):.2f}x faster |"
        )
    rows.append(f"| results differing from the baseline's, rows per set | {differ} |")
    print("\n".join(rows))
    if any(differ.values()):
        raise SystemExit(f"results differ from {args.baseline}: {differ}")
    append_report("bench-matcher", rows)


if __name__ == "__main__":
    main()
