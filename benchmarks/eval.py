"""`make eval`: Chokepoint and the baselines on the labelled dev set, side by side.

Loads the shared lists into a fresh SQLite database (as a user would), screens
`shared/eval/dev/queries.csv` through `screen-file`'s library path, scores every system
with the shared `score.py`, prints one table and appends it to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from baselines import NomenklaturaBaseline, RapidfuzzBaseline

from chokepoint.batch import Options, read_rows, screen_rows
from chokepoint.loader import load_lists
from chokepoint.matching import Query
from chokepoint.screening import get_matcher
from chokepoint.store import open_db
from chokepoint.store.versions import iter_entities

ROOT = Path(__file__).resolve().parents[1]
KINDS = (
    "reorder",
    "drop_middle",
    "typo",
    "legal_form",
    "romanization",
    "arabic_variant",
    "cyrillic",
)


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_system(
    screen: Callable[[str, str | None], list[dict[str, Any]]],
    queries: list[dict[str, str]],
    out: Path,
) -> float:
    """Screen every query; write score.py's format; return ms per query."""
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for q in queries:
            matches = screen(q["name"], q["schema"] or None)
            fh.write(json.dumps({"query_id": q["query_id"], "matches": matches}) + "\n")
    return (time.perf_counter() - start) * 1000 / len(queries)


def kinds_of(queries: list[dict[str, str]]) -> list[str]:
    """The positive kinds of a query file: dev's in dev's order, then any others."""
    present = {q["kind"] for q in queries if q["expected"]}
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


def evaluate(
    qpath: Path, shared: Path, *, title: str, nomenklatura: bool = True
) -> tuple[list[str], Path]:
    """Screen ``qpath`` with Chokepoint and the baselines; the report lines, and
    Chokepoint's results (score.py's format) for a closer look."""
    scorer = load_scorer(shared)
    with qpath.open(encoding="utf-8") as fh:
        queries = list(csv.DictReader(fh))
    tmp = Path(tempfile.mkdtemp(prefix="chokepoint-eval-"))
    db = str(tmp / "eval.db")
    engine = open_db(db)
    load_lists(engine, shared / "lists")
    matcher = get_matcher(engine)

    rows: list[tuple[str, dict[str, Any], float]] = []
    # Chokepoint through screen-file's path, two workers, as a data team would run it.
    ours = tmp / "chokepoint.jsonl"
    start = time.perf_counter()
    with ours.open("w", encoding="utf-8") as fh:
        # cutoff 0: every candidate kept, so that score.py can rank them all.
        for line in screen_rows(read_rows(qpath), db=db, options=Options(cutoff=0.0), workers=2):
            fh.write(line + "\n")
    batch_ms = (time.perf_counter() - start) * 1000 / len(queries)
    rows.append(
        ("chokepoint (screen-file, 2 workers)", scorer.score(*scorer.load(qpath, ours)), batch_ms)
    )
    latencies = []
    for q in queries:
        t = time.perf_counter()
        matcher.match(Query.of(q["name"], q["schema"] or None))
        latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()

    index = matcher.index
    baselines: list[Any] = [RapidfuzzBaseline(index)]
    if nomenklatura:
        entities = {e["id"]: e for e in iter_entities(engine)}
        baselines += [
            NomenklaturaBaseline(index, entities, "name-based"),
            NomenklaturaBaseline(index, entities, "logic-v2"),
        ]
    for base in baselines:
        out = tmp / f"{len(rows)}.jsonl"
        ms = run_system(base.screen, queries, out)
        rows.append((base.NAME, scorer.score(*scorer.load(qpath, out)), ms))

    kinds = kinds_of(queries)
    header = ["system", "recall", "FPR", "recall@FPR<=2%", *kinds, "ms/query"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, s, ms in rows:
        by_kind = [f"{s['recall_by_kind'].get(k, 0):.3f}" for k in kinds]
        lines.append(
            f"| {name} | {s['recall']:.3f} | {s['false_positive_rate']:.3f} | "
            f"{s['recall_at_fpr_2pct']:.3f} | " + " | ".join(by_kind) + f" | {ms:.2f} |"
        )
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99)]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = [
        f"### Matching on {title} ({len(queries)} queries), {stamp}, "
        f"{platform.machine()} {platform.python_version()}",
        "",
        *lines,
        "",
        f"Chokepoint single query, one process, all {len(index.entities):,} listed entities: "
        f"p50 {p50:.2f} ms, p99 {p99:.2f} ms.",
        "",
    ]
    return report, ours


def append_results(report: list[str]) -> None:
    results = ROOT / "benchmarks" / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results\n\nAppended by `make bench` and `make eval`.\n\n")
    with results.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(report) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--skip-nomenklatura",
        action="store_true",
        help="Leave out the two slow nomenklatura baselines.",
    )
    args = parser.parse_args()
    qpath = args.shared / "eval" / "dev" / "queries.csv"
    report, _ = evaluate(
        qpath, args.shared, title="the dev set", nomenklatura=not args.skip_nomenklatura
    )
    print("\n".join(report))
    append_results(report)


if __name__ == "__main__":
    main()
