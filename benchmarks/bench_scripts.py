"""Speed of queries in a non-Latin script (`matching/scripts`): process CPU time and wall
time per query, p50 and p99, of this checkout against a baseline checkout measured in the
same run (``--baseline-src``, by default the main worktree's ``src``), so that the ratio
is not the machine's load.

Queries: realworld-dev's ``native_script`` rows and the generated native rows of both
halves (``native.py``: Chinese names of listed bodies, everyday Chinese firm names, the
UN list's Arabic names, Korean names of listed persons). Each name is screened once, the
first time the process sees it (the per-name caches cold), after the script modules'
dictionaries are loaded (CC-CEDICT, jieba: once per process, a server's start-up).

The lists are loaded once into a SQLite file a checkout (``--db``: kept between runs when
given), by that checkout's code; each builds its index in a child process of its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM = ("北京大学", "بانک ملی", "김철", "トヨタ")
PASSES = 3  # each checkout measured in alternation, so both see the same load


def queries(shared: Path) -> list[dict[str, str]]:
    from generate import SPLIT_SEED, load_entities
    from native import native_rows

    with (shared / "eval" / "realworld-dev" / "queries.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "native_script"]
    entities = load_entities(shared / "lists")
    for part in ("train", "heldout"):
        rows += native_rows(entities, part, SPLIT_SEED)
    return [{"name": r["name"], "schema": r["schema"]} for r in rows]


def child(db: str, lists: str, path: Path) -> None:
    """Screen every query of ``path`` once; print the CPU and wall ms of each as JSON.
    The database is the checkout's own (loaded by its code when missing): another
    checkout's migrations may not be this one's."""
    from chokepoint.lists.loader import load_lists
    from chokepoint.matching import Query
    from chokepoint.screening import get_matcher
    from chokepoint.store import open_db

    if not Path(db).exists():
        load_lists(open_db(db), Path(lists))
    matcher = get_matcher(open_db(db))
    for warm in WARM:
        matcher.match(Query.of(warm))
    rows = json.loads(path.read_text(encoding="utf-8"))
    cpu, wall = [], []
    for q in rows:
        query = Query.of(q["name"], q["schema"] or None)
        c, w = time.process_time(), time.perf_counter()
        matcher.match(query)
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    print(json.dumps({"cpu": cpu, "wall": wall}))


def measure(src: Path, db: str, lists: Path, path: Path) -> dict[str, list[float]]:
    code = (
        f"import sys; sys.path[:0] = [{str(src)!r}, {str(ROOT / 'benchmarks')!r}]; "
        "import bench_scripts, pathlib; "
        f"bench_scripts.child({db!r}, {str(lists)!r}, pathlib.Path({str(path)!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, list[float]] = json.loads(out.strip().splitlines()[-1])
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def summary(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.2f} ms, p99 {percentile(values, 0.99):.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--db", help="Stem of the SQLite files of the loaded lists (one a checkout), kept"
    )
    parser.add_argument("--baseline-src", type=Path, default=ROOT.parent / "main" / "src")
    parser.add_argument("--no-record", action="store_true", help="Leave RESULTS.md alone.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval import append_results

    tmp = Path(tempfile.mkdtemp(prefix="chokepoint-bench-scripts-"))
    db = args.db or str(tmp / "lists")
    rows = queries(args.shared)
    path = tmp / "queries.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    runs: dict[str, dict[str, list[float]]] = {"baseline": {}, "this": {}}
    for _ in range(PASSES):
        for name, src in (("baseline", args.baseline_src), ("this", ROOT / "src")):
            own_db = f"{db}-{name}.db"
            for key, values in measure(src, own_db, args.shared / "lists", path).items():
                runs[name].setdefault(key, []).extend(values)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    cpu_ratio = statistics.median(runs["this"]["cpu"]) / statistics.median(runs["baseline"]["cpu"])
    p99_ratio = percentile(runs["this"]["cpu"], 0.99) / percentile(runs["baseline"]["cpu"], 0.99)
    report = [
        f"### Queries in a non-Latin script, {stamp}, {platform.machine()} "
        f"{platform.python_version()}",
        "",
        f"{len(rows)} names (realworld-dev `native_script` and the generated native rows of "
        f"both halves), each screened once per process, {PASSES} processes per checkout in "
        "alternation; baseline: "
        f"`{args.baseline_src}` in the same run.",
        "",
        "| checkout | CPU | wall |",
        "|---|---|---|",
        *(
            f"| {name} | {summary(runs[name]['cpu'])} | {summary(runs[name]['wall'])} |"
            for name in runs
        ),
        "",
        f"CPU ratio this/baseline: p50 {cpu_ratio:.2f}, p99 {p99_ratio:.2f}.",
        "",
    ]
    print("\n".join(report))
    if not args.no_record:
        append_results(report)


if __name__ == "__main__":
    main()
