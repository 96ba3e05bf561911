"""What the Spark tests share: the evaluation sets' queries, results read by query, and the
single-machine results they are compared with."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tests.cli.helpers import run
from tests.conftest import shared_lists

EVAL = shared_lists().parent / "eval"


def queries(name: str, tmp_path: Path) -> Path:
    """An evaluation set's queries, its labels left out."""
    with (EVAL / name / "queries.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = [f for f in ("query_id", "name", "schema", "birth_date") if f in rows[0]]
    path = tmp_path / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def by_query(lines: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Each query's matches as (id, score, match, list, party), in the order given, then
    its ownership hits (whole, as screen-file writes them) if any."""
    out = {}
    for line in lines:
        data = json.loads(line)
        out[data["query_id"]] = [
            (m["id"], m["score"], m["match"], m["list"], m["party_id"])
            for m in data.get("matches", [])
        ] + [("ownership", json.dumps(h, sort_keys=True)) for h in data.get("ownership") or []]
    return out


def single_machine(db: str, path: Path, tmp_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    out = tmp_path / f"{path.stem}-local.jsonl"
    result = run("screen-file", str(path), "-o", str(out), "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.output
    return by_query(out.read_text(encoding="utf-8").splitlines())


def spark_lines(directory: Path) -> list[str]:
    return [
        line for part in sorted(directory.glob("part-*")) for line in part.read_text().splitlines()
    ]
