"""`make bench`: ownership at scale, and what it costs screening.

Set-up (not timed): the real SDN list in a SQLite database, copied; a generated group
structure written as the ownership CSV: 200,000 parties, 1,000,000 stakes, five holders
each (split stakes), holders mostly among the 5,000 parties made just before (chains many
levels deep), 1% of stakes pointing back up (cycles), 1% held by SDN entries (the blocked
persons the rule starts from), 5% of shares unknown, 3% of stakes ended.

Figures:
- `ownership load` of that file (read, checked, ids settled, stored in one transaction)
  and the derivation of every party's status under the four regimes (graph read from the
  database, built, propagated), each timed, with the memory the built state holds (RSS
  before and after, this process) and the process's peak;
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
import random
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import append_report
from sqlalchemy import select

from chokepoint.loader import load_lists
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
    args = parser.parse_args()
    rng = random.Random(20261201)
    work = Path(tempfile.mkdtemp(prefix="bench_ownership_"))
    try:
        without, with_ = str(work / "lists.db"), str(work / "owned.db")
        load_lists(open_db(without), args.shared / "lists", only={"us_ofac_sdn"})
        with open_db(without).connect() as conn:
            sdn = sorted(conn.execute(select(version_entities.c.entity_id)).scalars())
        shutil.copy(without, with_)
        group = work / "group.csv"
        names = write_group(group, sdn, rng)
        engine = open_db(with_)

        start, cpu = time.perf_counter(), time.process_time()
        version = load_ownership(engine, group, lambda _name: None)
        load_s, load_cpu = time.perf_counter() - start, time.process_time() - cpu
        before = rss_mb()
        start, cpu = time.perf_counter(), time.process_time()
        state = build_state(engine)
        derive_s, derive_cpu = time.perf_counter() - start, time.process_time() - cpu
        held = rss_mb() - before
        counts = {
            key: sum(d.status(n) == "blocked" for n in range(len(state.graph.ids)))
            for key, d in state.derived.items()
        }
        review = sum(
            state.derived["ofac"].status(n) == "review" for n in range(len(state.graph.ids))
        )

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
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        p50, p99 = statistics.median, lambda xs: statistics.quantiles(xs, n=100)[98]
        size = group.stat().st_size / 1e6
        blocked = ", ".join(f"{k} {v:,}" for k, v in counts.items())
        rows = [
            f"| ownership data | {version.edges:,} stakes over {len(state.graph.ids):,} "
            f"parties (200,000 generated, SDN entries), CSV {size:.0f} MB |",
            "| `ownership load` (read, check, settle ids, store; SQLite), CPU / wall | "
            f"{load_cpu:.1f} / {load_s:.1f} s |",
            "| derive every status, 4 regimes (read from the database, build, propagate), "
            f"CPU / wall | {derive_cpu:.1f} / {derive_s:.1f} s |",
            f"| load + derive, CPU / wall | {load_cpu + derive_cpu:.1f} / "
            f"{load_s + derive_s:.1f} s (target < 60 s) |",
            f"| blocked by regime | {blocked}; OFAC review {review:,} |",
            f"| memory held by the built state (RSS growth) | {held:.0f} MB; "
            f"process peak {peak:.0f} MB |",
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
