"""`make bench`: rescreening 100,000 subjects after a change of 500 listed entities.

Set-up (not timed): every shared list is stored as version 1 less 250 entries, then as
version 2 with those 250 back (added) and 250 others given one more alias (changed). The
subjects are synthetic customers whose names are drawn from the words of listed names
(so many share a word with some entry, as real customers do), plus 100 named as changed
entries so that hits occur; they are imported with `subjects import` and marked as screened
on version 1.

Figure: `chokepoint rescreen` end to end (CLI, start-up and the index load included), with
1 and 2 worker processes. Baseline, in the same run: what the same rescreen costs without
the diff, every subject screened against all current lists (library, one process, warm),
on a sample of 2,000 subjects and extrapolated.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

from bench import append_report
from sqlalchemy import Engine, update

from chokepoint.audit import canonical
from chokepoint.cases.subjects import subject_groups
from chokepoint.lists.loader import find_folders, parse_folder
from chokepoint.model import ListedEntity
from chokepoint.screening import build_index, get_matcher
from chokepoint.store import open_db
from chokepoint.store.schema import subjects
from chokepoint.store.transactions import write_transaction
from chokepoint.store.versions import current_versions, get_version, stage_version, switch_current

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "chokepoint"
SUBJECTS = 100_000
CHANGED = 500
NAMED = 100  # subjects named as changed entries
SAMPLE = 2_000


def store(engine: Engine, parsed: dict[str, list[ListedEntity]]) -> None:
    # Staged and switched without the loader's checks: the index is built once, at the end.
    for key, entities in parsed.items():
        with write_transaction(engine) as conn:
            info = stage_version(
                conn, list_key=key, entities=entities, files={}, source="bench", published=None
            )
            switch_current(conn, [info])


def make_versions(db: str, shared: Path, rng: random.Random) -> list[ListedEntity]:
    """Store version 1 and version 2 of every list; the 500 entities that differ."""
    parsed = {folder.name: parse_folder(source, folder) for folder, source in find_folders(shared)}
    pool = [(key, n) for key, entities in parsed.items() for n in range(len(entities))]
    picked = rng.sample(pool, CHANGED)
    added, changed = picked[: CHANGED // 2], picked[CHANGED // 2 :]
    engine = open_db(db)
    store(
        engine, {k: [e for n, e in enumerate(v) if (k, n) not in added] for k, v in parsed.items()}
    )
    for key, n in changed:
        parsed[key][n].add("weakAlias", f"BENCH ALIAS {n}")
    store(engine, parsed)
    build_index(engine)
    return [parsed[k][n] for k, n in picked]


def write_subjects(path: Path, rng: random.Random, changed: list[ListedEntity], db: str) -> None:
    """Customers named from the words of listed names, and some named as changed entries."""
    matcher = get_matcher(open_db(db))
    people = [e.caption.split() for e in matcher.index.entities if e.schema == "Person"]
    orgs = [e.caption.split() for e in matcher.index.entities if e.schema != "Person"]
    given = [p[0] for p in people if len(p) > 1]
    family = [p[-1] for p in people if len(p) > 1]
    words = [w for o in orgs for w in o if len(w) > 3]
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["query_id", "name", "schema", "country"])
        for n in range(SUBJECTS - NAMED):
            if n % 3:
                name, schema = f"{rng.choice(given)} {rng.choice(family)}", "Person"
            else:
                name, schema = f"{rng.choice(words)} {rng.choice(words)} LLC", "Company"
            out.writerow([f"c{n}", name, schema, rng.choice(["de", "us", "ae", "tr", ""])])
        for n, entity in enumerate(rng.sample(changed, NAMED)):
            out.writerow([f"listed{n}", entity.caption, "", ""])


def baseline_seconds(db: str) -> tuple[float, float]:
    """Full screening of a sample against all current lists: seconds for all subjects."""
    engine = open_db(db)
    matcher = get_matcher(engine)
    with engine.connect() as conn:
        everyone = [s for group in subject_groups(conn).values() for s in group]
    sample = random.Random(7).sample(everyone, SAMPLE)
    for s in sample[:200]:  # warm, as a running service would be
        matcher.match(s.query, limit=10, cutoff=matcher.review_threshold)
    start = time.perf_counter()
    for s in sample:
        matcher.match(s.query, limit=10, cutoff=matcher.review_threshold)
    per = (time.perf_counter() - start) / SAMPLE
    return per * len(everyone), per * 1e3


def timed(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([str(CLI), *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout.strip()


def mark_screened_on_v1(db: str) -> None:
    engine = open_db(db)
    first = {v.list: get_version(engine, v.list, 1).id for v in current_versions(engine)}
    with engine.begin() as conn:
        conn.execute(update(subjects).values(versions=canonical(first)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    rng = random.Random(2026)
    # Other work on the machine slows every figure alike; the load says how much there was.
    load = os.getloadavg()[0]
    rows = [f"| load average (1 min) at the start, on {os.cpu_count()} cores | {load:.1f} |"]
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/rescreen.db"
        changed = make_versions(db, args.shared / "lists", rng)
        write_subjects(Path(tmp) / "subjects.csv", rng, changed, db)
        import_s, _ = timed("subjects", "import", f"{tmp}/subjects.csv", "--db", db)
        rows.append(
            f"| `subjects import` of {SUBJECTS:,} subjects, CLI end to end | {import_s:.1f} s |"
        )
        full_s, per_ms = baseline_seconds(db)
        outcomes = []
        for workers in (1, 2):
            mark_screened_on_v1(db)
            seconds, out = timed("rescreen", "--workers", str(workers), "--db", db, "--json")
            outcomes.append(json.loads(out))
            rows.append(
                f"| `rescreen`, {SUBJECTS:,} subjects x {CHANGED} changed entities, {workers} "
                f"worker(s), CLI end to end | {seconds:.1f} s ({SUBJECTS / seconds:,.0f} "
                f"subjects/s; full / incremental = {full_s / seconds:.1f}x) |"
            )
        summary = outcomes[0]  # the second run finds the same hits in the cases now open
        rows.append(
            f"| baseline: full screening against all lists, {SAMPLE:,}-subject sample, one "
            f"process, extrapolated | {full_s:.0f} s ({per_ms:.2f} ms per subject) |"
        )
        rows.append(
            f"| hits and cases of the last rescreen | {summary['hits']} hits, "
            f"{len(summary['cases'])} cases |"
        )
    append_report("Rescreening", rows)


if __name__ == "__main__":
    main()
