"""`make bench`: what grouping entries into parties costs, against baselines of this run.

Load: grouping every shared list's entries (the read of the entries that the index build
already does, the links, the ids, the stored JSON) against the match index build of the
same entries. Screening: a single screen shown one row per party (entries of the best
parties fetched, grouped, each with its ``party_id``) against the matcher's plain top
entries, both serialised, over the dev queries, with the CLI's cutoff (0: every candidate)
and the API's (the review threshold).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import CLI, ROOT, append_report

from chokepoint.matching import Query
from chokepoint.matching.index import Index
from chokepoint.parties.results import top_parties, with_party_id
from chokepoint.parties.store import Collector, build_parties
from chokepoint.screening import get_snapshot
from chokepoint.store import open_db
from chokepoint.store.versions import iter_entities

REPEATS = 3
LIMIT = 5


def best(seconds: list[float]) -> float:
    return min(seconds)


def bench_load(db: str) -> list[str]:
    entities = list(iter_entities(open_db(db)))
    index: list[float] = []
    grouping: list[float] = []
    for _ in range(REPEATS):
        start = time.process_time()
        Index.build(iter(entities))
        index.append(time.process_time() - start)
        start = time.process_time()
        collector = Collector()
        for _ in collector.watch(entities):
            pass
        parties = build_parties(collector.entries)
        json.dumps(parties.to_dict())
        grouping.append(time.process_time() - start)
    grouped = sum(len(p.members) for p in parties.parties)
    return [
        f"| parties of {len(entities):,} entries | {len(parties):,} of 2+ entries "
        f"({grouped:,} entries) |",
        f"| grouping them, CPU | {best(grouping):.2f} s |",
        f"| baseline: match index build of the same entries, CPU | {best(index):.2f} s "
        f"(grouping = {best(grouping) / best(index):.2f}x) |",
    ]


def bench_screen(shared: Path, db: str) -> list[str]:
    snapshot = get_snapshot(open_db(db))
    matcher, parties = snapshot.matcher, snapshot.parties
    with (shared / "eval" / "dev" / "queries.csv").open(encoding="utf-8") as fh:
        queries = [Query.of(r["name"], r["schema"] or None) for r in csv.DictReader(fh)]
    rows = []
    for label, cutoff in (("CLI, cutoff 0", 0.0), ("API, review cutoff", matcher.review_threshold)):
        plain: list[float] = []
        grouped: list[float] = []

        def by_entry(query: Query, cut: float = cutoff) -> Any:
            return [m.to_dict() for m in matcher.match(query, LIMIT, cutoff=cut)]

        def by_party(query: Query, cut: float = cutoff) -> Any:
            found = top_parties(lambda n: matcher.match(query, n, cutoff=cut), parties, LIMIT)
            return [with_party_id(m, parties) for p in found for m in p.matches]

        for query in queries:  # warm: every word's lookup remembered by the matcher
            by_entry(query)
        for round_ in range(REPEATS):
            for query in queries:
                order = (by_entry, by_party) if round_ % 2 else (by_party, by_entry)
                for run in order:
                    start = time.perf_counter()
                    run(query)
                    (plain if run is by_entry else grouped).append(time.perf_counter() - start)
        p50, base = statistics.median(grouped), statistics.median(plain)
        rows.append(
            f"| single screen, one row per party ({label}): p50 | {p50 * 1e3:.2f} ms "
            f"(baseline top {LIMIT} entries {base * 1e3:.2f} ms; {p50 / base:.2f}x) |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        load = [str(CLI), "lists", "load", str(args.shared / "lists"), "--db", db]
        subprocess.run(load, check=True, capture_output=True)
        rows = bench_load(db) + bench_screen(args.shared, db)
    append_report("Parties", rows)


if __name__ == "__main__":
    main()
