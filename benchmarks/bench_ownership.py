"""`make bench`: ownership at scale, and what it costs screening.

Set-up (not timed): the real SDN list in a SQLite database, copied; a generated group
structure written as the ownership CSV: 200,000 parties, 1,000,000 stakes, five holders
each (split stakes), holders mostly among the 5,000 parties made just before (chains many
levels deep), 1% of stakes pointing back up (cycles), 1% held by SDN entries (the blocked
persons the rule starts from), 5% of shares unknown, 3% of stakes ended.

Figures:
- `ownership load` of that file (read, checked, ids settled, stored in one transaction)
  and the derivation of every party's status under the four regimes (graph read from the
  database, built, propagated), each timed in a process of its own (so its memory is its
  own: RSS growth while the state is built, and the process's peak); with `--baseline
  DIR` (a source tree of an earlier commit, e.g. `git archive COMMIT | tar -x -C DIR`)
  the same figure of that code, measured in the same run just before, for a ratio;
- `explain` of 300 random parties with the state built (p50, p99), and through the
  library's `explain(engine, id)` (the database lookups included);
- name screening and shipment screening throughput with the ownership data loaded, as a
  ratio to the same queries on the copy without it, measured alternately in one run.

Each time is given as wall time and as this process's CPU time: the 2 cores are shared
with other work (other helpers' tests), so the wall time can be several times the CPU time;
the CPU time is what the work costs on an idle core. Throughputs are per CPU second.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import append_report
from sqlalchemy import select

from chokepoint.lists.loader import load_lists
from chokepoint.matching import Query
from chokepoint.ownership import explain
from chokepoint.ownership.explain import explain_node
from chokepoint.ownership.read import HEADER
from chokepoint.ownership.state import build_state, get_state
from chokepoint.ownership.store import load_ownership
from chokepoint.screening import screen
from chokepoint.shipments.model import Shipment
from chokepoint.shipments.screen import screen_shipment
from chokepoint.store import open_db
from chokepoint.store.schema import version_entities

PARTIES = 200_000
HOLDERS = 5  # stakes per party: 1,000,000 in all
WORDS = (
    "amber baltic cedar delta eastern falcon granite harbor iron jade kestrel lumen meridian "
    "northern orion polar quartz river summit tundra ural vector western yukon zenith"
).split()
FORMS = ("LLC", "JSC", "LTD", "GMBH", "TRADING LLC", "HOLDING AG")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def party_name(rng: random.Random, i: int) -> str:
    return f"{rng.choice(WORDS).upper()} {rng.choice(WORDS).upper()} {i} {rng.choice(FORMS)}"


def split(rng: random.Random, k: int) -> list[float]:
    """k shares adding to 60..100%: some holders unknown, the rest of the capital free."""
    cuts = sorted(rng.random() for _ in range(k - 1))
    total = rng.uniform(60, 100)
    return [round((b - a) * total, 2) for a, b in zip([0.0, *cuts], [*cuts, 1.0], strict=True)]


def write_group(path: Path, sdn: list[str], rng: random.Random) -> list[str]:
    names = [party_name(rng, i) for i in range(PARTIES)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for i in range(PARTIES):
            for share in split(rng, HOLDERS):
                roll = rng.random()
                if roll < 0.01:
                    owner, owner_name = rng.choice(sdn), ""
                elif roll < 0.02 or i < 50:  # a stake pointing back up: cycles
                    j = rng.randrange(i + 1, PARTIES)
                    owner, owner_name = f"g{j}", names[j]
                else:
                    j = rng.randrange(max(0, i - 5000), i)
                    owner, owner_name = f"g{j}", names[j]
                unknown = rng.random() < 0.05
                ended = rng.random() < 0.03
                out.writerow(
                    [
                        owner,
                        owner_name,
                        f"g{i}",
                        names[i],
                        "" if unknown else share,
                        "",
                        "2020-12-31" if ended else "",
                        "generated",
                    ]
                )
    return names


def copy_db(source: str, target: str) -> None:
    """A consistent copy of a SQLite database (its WAL included: a file copy misses it)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def load_and_derive(shared: Path, work: Path, group: Path) -> dict[str, Any]:
    """The child's figure: the SDN list loaded (not timed), then `ownership load` of the
    group and every status derived, timed, with this process's memory."""
    db = str(work / "child.db")
    load_lists(open_db(db), shared / "lists", only={"us_ofac_sdn"})
    engine = open_db(db)
    start, cpu = time.perf_counter(), time.process_time()
    load_ownership(engine, group, lambda _name: None)
    load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    state = build_state(engine)
    derive_s, derive_cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(state.graph.ids)
    return {
        "load_s": load_s,
        "load_cpu": load_cpu,
        "derive_s": derive_s,
        "derive_cpu": derive_cpu,
        "held_mb": rss_mb() - before,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "parties": n,
        "blocked": {
            k: sum(d.status(i) == "blocked" for i in range(n)) for k, d in state.derived.items()
        },
        "review": sum(state.derived["ofac"].status(i) == "review" for i in range(n)),
    }


def run_child(shared: Path, work: Path, group: Path, source: Path | None) -> dict[str, Any]:
    """``load_and_derive`` in a fresh process, of this code or of the tree at ``source``."""
    child = work / ("baseline" if source else "current")
    child.mkdir()
    env = dict(os.environ)
    if source:
        env["PYTHONPATH"] = str(source / "src")
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(child), "--group", str(group)]
        + ["--shared", str(shared)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    shutil.rmtree(child, ignore_errors=True)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def timed_queries(db: str, queries: list[Query]) -> float:
    engine = open_db(db)
    start = time.process_time()
    for q in queries:
        screen(engine, q, limit=10)
    return len(queries) / (time.process_time() - start)


def timed_shipments(db: str, shipments: list[Shipment]) -> float:
    engine = open_db(db)
    start = time.process_time()
    for s in shipments:
        screen_shipment(engine, s)
    return len(shipments) / (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--baseline", type=Path, help="source tree of an earlier commit")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--group", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(load_and_derive(args.shared.resolve(), args.child, args.group)))
        return
    rng = random.Random(20261201)
    work = Path(tempfile.mkdtemp(prefix="bench_ownership_"))
    try:
        without, with_ = str(work / "lists.db"), str(work / "owned.db")
        load_lists(open_db(without), args.shared / "lists", only={"us_ofac_sdn"})
        with open_db(without).connect() as conn:
            sdn = sorted(conn.execute(select(version_entities.c.entity_id)).scalars())
        copy_db(without, with_)
        group = work / "group.csv"
        names = write_group(group, sdn, rng)

        shared = args.shared.resolve()
        base = run_child(shared, work, group, args.baseline) if args.baseline else None
        now = run_child(shared, work, group, None)
        engine = open_db(with_)
        version = load_ownership(engine, group, lambda _name: None)
        state = build_state(engine)

        sample = rng.sample(range(PARTIES), 300)
        node_ms = []
        for i in sample:
            t = time.process_time()
            explain_node(state, state.graph.number[f"g{i}"])
            node_ms.append((time.process_time() - t) * 1000)
        get_state(engine)  # the cached state the library call uses
        lib_ms = []
        for i in sample:
            t = time.process_time()
            explain(engine, f"g{i}")
            lib_ms.append((time.process_time() - t) * 1000)

        listed_names = [names[i] for i in rng.sample(range(PARTIES), 500)]
        queries = [Query.of(n) for n in listed_names]
        shipments = [
            Shipment.model_validate(
                {
                    "reference": f"S{k}",
                    "parties": [
                        {"role": "exporter", "name": "Kaffee Kontor Bremen GmbH", "country": "DE"},
                        {"role": "consignee", "name": listed_names[k], "country": "KZ"},
                    ],
                    "items": [{"description": "Roasted coffee beans", "hs_code": "0901.21"}],
                    "route": ["DE", "KZ"],
                }
            )
            for k in range(200)
        ]
        timed_queries(without, queries[:50])  # warm both: indexes and states loaded
        timed_queries(with_, queries[:50])
        rates: dict[str, list[float]] = {"q0": [], "q1": [], "s0": [], "s1": []}
        for _ in range(3):
            rates["q0"].append(timed_queries(without, queries))
            rates["q1"].append(timed_queries(with_, queries))
            rates["s0"].append(timed_shipments(without, shipments))
            rates["s1"].append(timed_shipments(with_, shipments))
        med = {k: statistics.median(v) for k, v in rates.items()}
        p50, p99 = statistics.median, lambda xs: statistics.quantiles(xs, n=100)[98]
        size = group.stat().st_size / 1e6
        blocked = ", ".join(f"{k} {v:,}" for k, v in now["blocked"].items())

        def cpu_wall(r: dict[str, Any], *keys: str) -> str:
            cpu, wall = (sum(r[f"{k}_{x}"] for k in keys) for x in ("cpu", "s"))
            return f"{cpu:.1f} / {wall:.1f} s"

        def figure(label: str, *keys: str) -> str:
            row = f"| {label}, CPU / wall | {cpu_wall(now, *keys)}"
            if base:
                ratio = sum(base[f"{k}_cpu"] for k in keys) / sum(now[f"{k}_cpu"] for k in keys)
                row += f" (before: {cpu_wall(base, *keys)}; {ratio:.1f}x less CPU)"
            return row + " |"

        rows = [
            f"| ownership data | {version.edges:,} stakes over {now['parties']:,} "
            f"parties (200,000 generated, SDN entries), CSV {size:.0f} MB |",
            figure("`ownership load` (read, check, settle ids, store; SQLite)", "load"),
            figure(
                "derive every status, 4 regimes (read from the database, build, propagate)",
                "derive",
            ),
            figure("load + derive (target < 60 s wall)", "load", "derive"),
            f"| blocked by regime | {blocked}; OFAC review {now['review']:,} |",
            "| machine load average at the end (1 / 5 / 15 min; the wall times above are "
            f"shared with it) | {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on "
            f"{os.cpu_count()} cores |",
            f"| memory: RSS growth while the state is built; process peak (load + derive) | "
            f"{now['held_mb']:.0f} MB; {now['peak_mb']:.0f} MB"
            + (f" (before: {base['held_mb']:.0f} MB; {base['peak_mb']:.0f} MB)" if base else "")
            + " |",
            f"| explain, state built, CPU (p50 / p99) | {p50(node_ms):.2f} / "
            f"{p99(node_ms):.2f} ms |",
            f"| `explain(engine, id)` with lookups, CPU (p50 / p99) | {p50(lib_ms):.2f} / "
            f"{p99(lib_ms):.2f} ms (target < 50 ms) |",
            "| name screening, with / without ownership (per CPU second) | "
            f"{med['q1']:.0f} / {med['q0']:.0f} queries/s: {med['q1'] / med['q0']:.2f}x |",
            f"| shipment screening, with / without ownership (per CPU second) | {med['s1']:.1f} / "
            f"{med['s0']:.1f} shipments/s: {med['s1'] / med['s0']:.2f}x |",
        ]
        append_report("Ownership", rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
