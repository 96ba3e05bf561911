"""Loading every shared list, this code against an earlier revision, in the same run.

Each run is `chokepoint lists load <shared>/lists` into a fresh SQLite database, as a child
process, end to end; the baseline runs the source of ``--baseline`` (default ``main``),
exported with ``git archive`` and put first on the path, with the same interpreter and
libraries. Runs alternate (baseline, this code, ...) so that load on the machine weighs on
both alike; the best of each is kept. Appends a table to ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/bench_load.py --shared ../shared --baseline main
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = "from chokepoint.cli import main; main()"


def export(revision: str, dest: Path) -> str:
    """The source of ``revision``, exported into ``dest``: its ``src`` folder."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return str(dest / "src")


def timed_load(src: str, lists: Path, db: str) -> float:
    # The audit key of a throw-away database goes beside it, not into the home folder.
    key = str(Path(db).with_suffix(".key"))
    env = {**os.environ, "PYTHONPATH": src, "CHOKEPOINT_AUDIT_KEY_FILE": key}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", RUN, "lists", "load", str(lists), "--db", db],
        check=True,
        env=env,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    lists = args.shared / "lists"
    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {"baseline": [], "this": []}
    with tempfile.TemporaryDirectory() as tmp:
        sources = {"baseline": export(args.baseline, Path(tmp)), "this": str(ROOT / "src")}
        for run in range(args.runs):
            for name, src in sources.items():
                times[name].append(timed_load(src, lists, f"{tmp}/{name}-{run}.db"))
    best = {name: min(t) for name, t in times.items()}
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    rows = [
        f"\n### Loading every shared list, {now}, {platform.machine()}, "
        f"CPython {platform.python_version()}, {os.cpu_count()} cores; load average "
        f"{load_before:.1f} before the run\n",
        "| figure | value |",
        "|---|---|",
        f"| `lists load` of every shared list, CLI end to end, this code ({head}) | "
        f"{best['this']:.1f} s (best of {args.runs}: "
        f"{' / '.join(f'{t:.1f}' for t in times['this'])}) |",
        f"| baseline: the same, code of `{args.baseline}` | {best['baseline']:.1f} s (best of "
        f"{args.runs}: {' / '.join(f'{t:.1f}' for t in times['baseline'])}) |",
        f"| this / baseline | {best['this'] / best['baseline']:.2f}x |",
    ]
    text = "\n".join(rows) + "\n"
    print(text)
    with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
