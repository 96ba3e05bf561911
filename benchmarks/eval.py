"""`make eval`: Chokepoint and the baselines on dev, the generated held-out set and
realworld-dev, side by side.

Loads the shared lists into a fresh SQLite database once (as a user would), screens each
set (`shared/eval/dev/queries.csv`, the ``heldout`` half of ``generate.py``, and
`shared/eval/realworld-dev/queries.csv`, birth dates included) through `screen-file`'s
library path, scores every system with the shared `score.py`, prints a summary table of
the three sets and one table of each set by kind, and appends them to
benchmarks/RESULTS.md. The baselines get the birth dates where a set has them
(nomenklatura's matchers weigh them; rapidfuzz compares names only).
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from baselines import NomenklaturaBaseline, RapidfuzzBaseline
from generate import SEED, generate, write

from chokepoint.lists.loader import load_lists
from chokepoint.matching import Matcher, Query
from chokepoint.screening import get_matcher
from chokepoint.screening.batch import Options, read_rows, screen_rows
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
    "extra_names",
    "org_fuller",
    "acronym_dropped",
    "dob_agree",
    "native_script",
)
CHOKEPOINT = "chokepoint (screen-file, 2 workers)"


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Screen = Callable[[str, str | None, str | None], list[dict[str, Any]]]


def run_system(screen: Screen, queries: list[dict[str, str]], out: Path) -> float:
    """Screen every query; write score.py's format; return ms per query."""
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for q in queries:
            matches = screen(q["name"], q["schema"] or None, q.get("birth_date") or None)
            fh.write(json.dumps({"query_id": q["query_id"], "matches": matches}) + "\n")
    return (time.perf_counter() - start) * 1000 / len(queries)


def kinds_of(queries: list[dict[str, str]]) -> list[str]:
    """The positive kinds of a query file: dev's in dev's order, then any others."""
    present = {q["kind"] for q in queries if q["expected"]}
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


@dataclass
class Lists:
    """The shared lists loaded once into a fresh database, for every set screened."""

    db: str
    matcher: Matcher
    entities: dict[str, dict[str, Any]]
    tmp: Path

    @classmethod
    def load(cls, shared: Path) -> Lists:
        tmp = Path(tempfile.mkdtemp(prefix="chokepoint-eval-"))
        db = str(tmp / "eval.db")
        engine = open_db(db)
        load_lists(engine, shared / "lists")
        entities = {e["id"]: e for e in iter_entities(engine)}
        return cls(db, get_matcher(engine), entities, tmp)


Summary = dict[str, dict[str, Any]]  # system -> score.py's summary


def evaluate(
    qpath: Path,
    shared: Path,
    *,
    title: str,
    nomenklatura: bool = True,
    lists: Lists | None = None,
) -> tuple[list[str], Path, Summary]:
    """Screen ``qpath`` with Chokepoint and the baselines: the report lines, Chokepoint's
    results (score.py's format) for a closer look, and each system's summary."""
    scorer = load_scorer(shared)
    with qpath.open(encoding="utf-8") as fh:
        queries = list(csv.DictReader(fh))
    lists = lists or Lists.load(shared)
    stem = qpath.parent.name
    rows: list[tuple[str, dict[str, Any], float]] = []
    # Chokepoint through screen-file's path, two workers, as a data team would run it.
    ours = lists.tmp / f"{stem}-chokepoint.jsonl"
    start = time.perf_counter()
    with ours.open("w", encoding="utf-8") as fh:
        # cutoff 0: every candidate kept, so that score.py can rank them all.
        options = Options(cutoff=0.0)
        for line in screen_rows(read_rows(qpath), db=lists.db, options=options, workers=2):
            fh.write(line + "\n")
    batch_ms = (time.perf_counter() - start) * 1000 / len(queries)
    rows.append((CHOKEPOINT, scorer.score(*scorer.load(qpath, ours)), batch_ms))
    # The script modules load their dictionaries once per process (CC-CEDICT, jieba: about
    # 2 s), as a server's first query in each script does: not a query's cost.
    for warm in ("北京大学", "بانک ملی", "김철", "トヨタ"):
        lists.matcher.match(Query.of(warm))
    latencies, native = [], []
    for q in queries:
        query = Query.of(q["name"], q["schema"] or None, q.get("birth_date") or None)
        t = time.perf_counter()
        lists.matcher.match(query)
        latencies.append((time.perf_counter() - t) * 1000)
        if not q["name"].isascii():
            native.append(latencies[-1])
    latencies.sort()
    native.sort()

    index = lists.matcher.index
    baselines: list[Any] = [RapidfuzzBaseline(index)]
    if nomenklatura:
        baselines += [
            NomenklaturaBaseline(index, lists.entities, "name-based"),
            NomenklaturaBaseline(index, lists.entities, "logic-v2"),
        ]
    for base in baselines:
        out = lists.tmp / f"{stem}-{len(rows)}.jsonl"
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
        f"p50 {p50:.2f} ms, p99 {p99:.2f} ms"
        + (
            f"; the {len(native)} queries in a non-Latin script: p50 "
            f"{statistics.median(native):.2f} ms, p99 {native[int(len(native) * 0.99)]:.2f} ms."
            if native
            else "."
        ),
        "",
        false_matches_by_kind(queries, ours),
        "",
    ]
    return report, ours, {name: s for name, s, _ in rows}


def false_matches_by_kind(queries: list[dict[str, str]], results: Path) -> str:
    """Chokepoint's false-match rate on each kind of negative (``dob_conflict`` among them:
    the issue bounds it on its own)."""
    matched: dict[str, bool] = {}
    with results.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            matched[obj["query_id"]] = any(m.get("match") for m in obj.get("matches") or [])
    totals: dict[str, list[int]] = {}
    for q in queries:
        if not q["expected"]:
            hit = totals.setdefault(q["kind"], [0, 0])
            hit[0] += matched.get(q["query_id"], False)
            hit[1] += 1
    return (
        "Chokepoint's false-match rate by kind of negative: "
        + ", ".join(f"{k} {h / n:.3f} ({h}/{n})" for k, (h, n) in sorted(totals.items()))
        + "."
    )


def side_by_side(summaries: dict[str, Summary]) -> list[str]:
    """Recall and false-positive rate of every system on every set, one row a system."""
    sets = list(summaries)
    header = ["system"] + [f"{s} {m}" for s in sets for m in ("recall", "FPR")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for system in next(iter(summaries.values())):
        cells = [
            f"{summaries[s][system]['recall']:.3f} | "
            f"{summaries[s][system]['false_positive_rate']:.3f}"
            for s in sets
        ]
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return lines


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
    lists = Lists.load(args.shared)
    heldout = ROOT / "build" / "heldout" / "heldout.csv"
    write(generate(args.shared, "heldout", SEED, list(lists.entities.values())), heldout)
    sets = {
        "dev": args.shared / "eval" / "dev" / "queries.csv",
        "held-out": heldout,
        "realworld-dev": args.shared / "eval" / "realworld-dev" / "queries.csv",
    }
    reports, summaries = [], {}
    for name, qpath in sets.items():
        report, _, summaries[name] = evaluate(
            qpath,
            args.shared,
            title=f"{name} ({qpath.relative_to(qpath.parents[2])})",
            nomenklatura=not args.skip_nomenklatura,
            lists=lists,
        )
        reports += report
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    summary = [
        f"### Matching on dev, held-out (seed {SEED}) and realworld-dev, {stamp}",
        "",
        *side_by_side(summaries),
        "",
    ]
    print("\n".join(summary + reports))
    append_results(summary + reports)


if __name__ == "__main__":
    main()
