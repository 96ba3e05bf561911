"""Screening on Apache Spark, run for real in local mode (local[2]): the same matches and
scores as single-machine ``screen-file``, row by row, on the dev and realworld-dev sets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.spark.helpers import by_query, queries, single_machine, spark_lines

pytest.importorskip("pyspark", reason="make test installs the spark extra")

from pyspark.sql import SparkSession  # noqa: E402

from chokepoint import spark as engine  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One session for the module: starting the JVM is the slow part."""
    session = engine.session("local[2]", "chokepoint-tests")
    yield session
    session.stop()


def test_the_cli_on_spark_gives_the_single_machine_results_on_dev(
    spark: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    path = queries("dev", tmp_path)
    out = tmp_path / "dev-spark.jsonl"
    result = run(
        "screen-file",
        str(path),
        "--engine",
        "spark",
        "--master",
        "local[2]",
        "-o",
        str(out),
        "--db",
        sdn_un_db,
    )
    assert result.exit_code == 0, result.output
    app = spark.conf.get("spark.app.id")
    assert f"Spark master local[2], application {app}" in result.stderr
    got, want = by_query(spark_lines(out)), single_machine(sdn_un_db, path, tmp_path)
    assert len(want) == 1550
    assert got == want
    assert sum(bool(v) for v in got.values()) > 100  # the set has hits, not only negatives


def test_the_python_entry_point_gives_the_single_machine_results_on_realworld_dev(
    spark: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    path = queries("realworld-dev", tmp_path)
    index_dir = engine.publish(sdn_un_db)
    df = spark.read.csv(str(path), header=True)
    results = engine.screen(df, index_dir, partitions=3)
    assert results.columns == ["query_id", "error", "matches", "ownership"]
    out = tmp_path / "realworld-spark"
    results.write.json(str(out))
    got, want = by_query(spark_lines(out)), single_machine(sdn_un_db, path, tmp_path)
    assert len(want) == 536 and got == want
    # Parties across lists, as screen-file names them: some party has entries on two lists.
    parties: dict[str, set[str]] = {}
    for match in (m for v in got.values() for m in v if m[0] != "ownership"):
        parties.setdefault(match[4], set()).add(match[3])
    assert any(len(lists) > 1 for lists in parties.values())
    first = next(m for v in got.values() for m in v if m[2])
    assert first  # a match among them, with its list


def test_a_bad_row_names_its_query_and_the_rest_go_on(spark: SparkSession, sdn_un_db: str) -> None:
    rows = [("a", "Rosoboronexport", None), ("b", " ", None), ("c", "X", "Boat")]
    df = spark.createDataFrame(rows, "query_id string, name string, schema string")
    index_dir = engine.publish(sdn_un_db)
    got = {r["query_id"]: r for r in engine.screen(df, index_dir).collect()}
    assert got["a"]["error"] is None and any(m["match"] for m in got["a"]["matches"])
    assert got["b"]["error"] == "query b: empty name"
    assert got["c"]["error"].startswith("query c: unknown schema 'Boat'")
    explanation = json.loads(got["a"]["matches"][0]["explanation"])
    assert explanation  # why it matched travels as JSON text


def test_quotes_inside_a_quoted_csv_name_are_read_as_screen_file_reads_them(
    spark: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    """A quote is doubled inside a quoted field (RFC 4180), a comma there is part of the
    name: Spark's CSV reader, whose default escape is a backslash, cut such rows."""
    path = tmp_path / "q.csv"
    path.write_text(
        'query_id,name,schema\n1,"""ROSOBORONEXPORT"" JSC, Moscow",Company\n', encoding="utf-8"
    )
    out = tmp_path / "spark"
    args = ["screen-file", str(path), "--engine", "spark", "-o", str(out), "--db", sdn_un_db]
    assert run(*args).exit_code == 0
    (line,) = spark_lines(out)
    assert "error" not in json.loads(line)  # cut at its comma, "JSC" was read as a schema
    assert by_query([line]) == single_machine(sdn_un_db, path, tmp_path)


def test_queries_without_an_id_column_are_a_one_line_error(
    spark: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "q.csv"
    path.write_text("name\nRosoboronexport\n", encoding="utf-8")
    result = run(
        "screen-file",
        str(path),
        "--engine",
        "spark",
        "-o",
        str(tmp_path / "o.jsonl"),
        "--db",
        sdn_un_db,
    )
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: the queries need a column 'query_id'\n")


def test_an_existing_output_is_a_one_line_error_and_left_alone(
    spark: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "q.csv"
    path.write_text("query_id,name\n1,Rosoboronexport\n", encoding="utf-8")
    out = tmp_path / "earlier"
    out.mkdir()
    (out / "part-0.json").write_text("kept\n", encoding="utf-8")
    args = ["screen-file", str(path), "--engine", "spark", "-o", str(out), "--db", sdn_un_db]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {out} already exists: give -o a new directory\n")
    assert [p.name for p in out.iterdir()] == ["part-0.json"]
    assert (out / "part-0.json").read_text(encoding="utf-8") == "kept\n"


def test_master_without_the_spark_engine_is_a_usage_error(sdn_un_db: str, tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text("query_id,name\n1,X\n", encoding="utf-8")
    result = run("screen-file", str(path), "--master", "local[2]", "-o", "-", "--db", sdn_un_db)
    assert result.exit_code == 2 and "--master goes with --engine spark" in result.stderr


def test_ownership_on_spark_is_screen_files(spark: SparkSession, tmp_path: Path) -> None:
    """A party blocked by ownership, one to review and a clear one (the README's group,
    ``tests/fixtures/ownership``): Spark's executors read the hits from the published
    files, row by row as screen-file does."""
    from tests.ownership.conftest import FIXTURES, group_csv

    db = str(tmp_path / "group.db")
    assert run("lists", "load", str(FIXTURES), "--db", db).exit_code == 0
    assert run("ownership", "load", str(group_csv(tmp_path)), "--db", db).exit_code == 0
    path = tmp_path / "q.csv"
    names = ["Delta Engineering LLC", "THETA INSTRUMENTS LLC", "Epsilon Machinery LLC"]
    path.write_text(
        "query_id,name\n" + "".join(f"{n},{name}\n" for n, name in enumerate(names)),
        encoding="utf-8",
    )
    out = tmp_path / "spark"
    engine.screen(spark.read.csv(str(path), header=True), engine.publish(db)).write.json(str(out))
    got, want = by_query(spark_lines(out)), single_machine(db, path, tmp_path)
    assert got == want
    labels = [
        [json.loads(h[1])["label"] for h in got[str(n)] if h[0] == "ownership"] for n in (0, 1, 2)
    ]
    assert labels == [["blocked by ownership"], ["ownership to review"], []]
