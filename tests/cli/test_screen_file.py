"""`chokepoint screen-file` in the formats teams hand over and read back: Excel and Parquet
in; CSV and Parquet out, one row per match; bad rows reported, order kept."""

from __future__ import annotations

import csv
import datetime
import io
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from chokepoint.screening.batch_write import COLUMNS
from tests.cli.helpers import run

KRET = "Concern Radio-Electronic Technologies JSC"


@pytest.fixture
def db(sdn_un_db: str) -> str:
    return sdn_un_db


def screened(db: str, queries: Path, out: Path, *extra: str) -> str:
    result = run("screen-file", str(queries), "-o", str(out), "--db", db, *extra)
    assert result.exit_code == 0, result.output
    return result.stderr


def jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_an_excel_sheet_is_read_by_its_header_row(db: str, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["query_id", "name", "schema", "birth_date"])
    sheet.append([101, KRET, "Organization", None])
    sheet.append([102, None, "Person", None])
    sheet.append([103, "Maria Lopez Garcia", "Person", datetime.datetime(1961, 4, 28)])
    book.save(tmp_path / "q.xlsx")
    out = tmp_path / "r.jsonl"
    screened(db, tmp_path / "q.xlsx", out)
    lines = jsonl(out)
    assert [line["query_id"] for line in lines] == ["101", "102", "103"]
    assert lines[0]["matches"][0]["list_id"] == "16868"  # type: ignore[index]
    assert lines[1]["error"] == "row 3: empty name"


def test_parquet_in_and_out_keeps_order_and_every_query(db: str, tmp_path: Path) -> None:
    names = [KRET, "Zzyzx Qwerty Nobody", "", KRET]
    table = pa.table({"query_id": ["a", "b", "c", "d"], "name": names})
    pq.write_table(table, tmp_path / "q.parquet")
    stderr = screened(db, tmp_path / "q.parquet", tmp_path / "r.parquet")
    assert "4 queries screened, 1 with errors" in stderr
    rows = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert list(rows[0]) == list(COLUMNS)
    ids = [r["query_id"] for r in rows]
    assert ids == sorted(ids) and set(ids) == {"a", "b", "c", "d"}  # one row or more each
    first = [r for r in rows if r["query_id"] == "a"]
    assert first[0]["rank"] == 1 and first[0]["list_id"] == "16868" and first[0]["match"]
    assert [r["rank"] for r in first] == list(range(1, len(first) + 1))
    assert next(r for r in rows if r["query_id"] == "c")["error"] == "row 4: empty name"
    # The same results as JSON lines, flattened.
    screened(db, tmp_path / "q.parquet", tmp_path / "r.jsonl")
    flat = [
        (line["query_id"], m["id"], m["score"])
        for line in jsonl(tmp_path / "r.jsonl")
        for m in line["matches"]  # type: ignore[attr-defined]
    ]
    assert flat == [(r["query_id"], r["id"], r["score"]) for r in rows if r["id"]]


def test_csv_out_escapes_what_a_spreadsheet_would_run(db: str, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text(f'query_id,name\n"=HYPERLINK(""x"")",{KRET}\n', encoding="utf-8")
    result = run("screen-file", str(queries), "-o", "-", "--format", "csv", "--db", db)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["query_id"] == '\'=HYPERLINK("x")'
    assert rows[0]["list_id"] == "16868" and rows[0]["match"] == "True"
    assert json.loads(rows[0]["explanation"])["listed_name"]


def test_a_bad_row_is_reported_and_the_file_goes_on(db: str, tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    lines = [json.dumps({"query_id": "a", "name": KRET}), deep, json.dumps({"name": KRET})]
    queries.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert "3 queries screened, 1 with errors" in screened(db, queries, out, "--workers", "2")
    first, bad, last = jsonl(out)
    assert bad["error"].startswith("row 2: not JSON")  # type: ignore[union-attr]
    assert first["matches"] and last["matches"] and last["query_id"] == "3"


def test_a_csv_field_past_the_size_limit_is_reported_and_the_file_goes_on(
    db: str, tmp_path: Path
) -> None:
    queries = tmp_path / "q.csv"
    huge = "x" * (csv.field_size_limit() + 1)
    queries.write_text(f"query_id,name\na,{huge}\nb,{KRET}\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    screened(db, queries, out)
    bad, good = jsonl(out)
    assert bad["error"].startswith("row 2: not CSV")  # type: ignore[union-attr]
    assert good["query_id"] == "b" and good["matches"]


def test_a_file_that_is_not_what_its_suffix_says_is_one_line(db: str, tmp_path: Path) -> None:
    (tmp_path / "q.xlsx").write_text("not a workbook")
    (tmp_path / "q.parquet").write_text("not parquet")
    for name in ("q.xlsx", "q.parquet"):
        result = run("screen-file", str(tmp_path / name), "-o", "-", "--db", db)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"Error: {tmp_path / name}: not ")
        assert result.stderr.count("\n") == 1


def test_the_spark_engine_without_pyspark_is_one_line(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The embedded install has no PySpark: asking for Spark says what to install, before
    # any work (it once published the index, then failed with a traceback).
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark raises ImportError
    queries = tmp_path / "q.csv"
    queries.write_text("name\nIgor Sechin\n", encoding="utf-8")
    result = run(
        "screen-file", str(queries), "-o", str(tmp_path / "out"), "--engine", "spark", "--db", db
    )
    assert result.exit_code == 2
    assert "chokepoint[spark]" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
