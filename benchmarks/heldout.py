"""`make heldout`: a labelled query set of dev's kinds built from list entries dev does
not use (``generate.py``), screened and scored like `make eval` does the dev set.

Weights and thresholds are fitted on dev and on a generated training half, so dev's
figures flatter the matcher; this set, from the other half, is the check that they hold on
entries no fit has seen. It is written to ``build/heldout/<part>.csv`` in dev's columns
(plus ``detail``), screened through `screen-file`'s path, scored with the shared
``score.py``; the table, with the false-positive rate of each kind of negative and the
recall of each combination, is printed and appended to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from eval import append_results, evaluate
from generate import ROOT, SEED, generate, write

NATIVE = "native_script: "


def breakdown(rows: list[dict[str, str]], results: Path, threshold_key: str = "match") -> list[str]:
    """False-positive rate of each kind of negative, recall of each combination."""
    found: dict[str, list[dict[str, Any]]] = {}
    with results.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            found[obj["query_id"]] = obj.get("matches") or []
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for r in rows:
        matches = found.get(r["query_id"], [])
        if r["expected"]:
            if r["kind"] not in ("combination", "native_script"):
                continue
            # Native names by where they came from (CC-CEDICT, the UN's Arabic names).
            group = r["detail"] if r["kind"] == "combination" else f"{NATIVE}{r['detail']}"
            ok = any(
                m.get(threshold_key) and f"{m['list']}:{m['list_id']}" in r["expected"].split(";")
                for m in matches
            )
        else:
            group = r["kind"]
            ok = any(m.get(threshold_key) for m in matches)
        totals[group] += 1
        hits[group] += ok
    neg = [g for g in totals if g.startswith("negative")]
    native = [g for g in totals if g.startswith(NATIVE)]
    combos = [g for g in totals if not g.startswith("negative") and g not in native]
    out = [
        "False-positive rate by kind of negative: "
        + ", ".join(f"{g} {hits[g] / totals[g]:.3f} ({hits[g]}/{totals[g]})" for g in sorted(neg))
        + "."
    ]
    out.append(
        "Recall by combination: "
        + ", ".join(f"{g} {hits[g]}/{totals[g]}" for g in sorted(combos))
        + "."
    )
    if native:
        out.append(
            "Recall of names in their own script: "
            + ", ".join(
                f"{g.removeprefix(NATIVE)} {hits[g] / totals[g]:.3f} ({hits[g]}/{totals[g]})"
                for g in sorted(native)
            )
            + "."
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--part", choices=("heldout", "train"), default="heldout")
    parser.add_argument(
        "--generate-only", action="store_true", help="Write the queries, screen nothing."
    )
    parser.add_argument(
        "--skip-nomenklatura",
        action="store_true",
        help="Leave out the two slow nomenklatura baselines.",
    )
    parser.add_argument(
        "--no-record", action="store_true", help="Print the table, leave RESULTS.md alone."
    )
    args = parser.parse_args()
    rows = generate(args.shared, args.part, args.seed)
    path = ROOT / "build" / "heldout" / f"{args.part}.csv"
    write(rows, path)
    counts = Counter(r["kind"] for r in rows)
    print(
        f"{path}: {len(rows)} queries, " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
    )
    if args.generate_only:
        return
    title = f"the generated {args.part} set (seed {args.seed})"
    report, ours, _ = evaluate(
        path, args.shared, title=title, nomenklatura=not args.skip_nomenklatura
    )
    report += [*breakdown(rows, ours), ""]
    print("\n".join(report))
    if not args.no_record:
        append_results(report)


if __name__ == "__main__":
    main()
