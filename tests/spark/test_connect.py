"""``chokepoint.spark.screen`` through Spark Connect, for real: PySpark's local Connect
server (``SparkSession.builder.remote("local[2]")``), which has no broadcast, no
``addFile`` and no SparkContext on the client. The index is read from the published
directory's path, as on a cluster."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.spark.helpers import by_query, queries, single_machine, spark_lines

pytest.importorskip("pyspark", reason="make test installs the spark extra")
pytest.importorskip("grpc", reason="Spark Connect's client needs pyspark[connect]")

from pyspark.sql import SparkSession  # noqa: E402

from chokepoint import spark as engine  # noqa: E402


@pytest.fixture(scope="module")
def connect() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = SparkSession.builder.remote("local[2]").appName("chokepoint-connect").getOrCreate()
    yield session
    session.stop()


def test_screen_through_spark_connect_gives_screen_files_results(
    connect: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    from pyspark.sql.connect.session import SparkSession as ConnectSession

    assert isinstance(connect, ConnectSession)  # a Connect client, not a classic session
    names = ["Rosoboronexport", "Kim Jong Un", "Kaffee Kontor Bremen GmbH"]
    path = tmp_path / "q.csv"
    path.write_text(
        "query_id,name\n" + "".join(f"{n},{name}\n" for n, name in enumerate(names)),
        encoding="utf-8",
    )
    out = tmp_path / "local.jsonl"
    result = run("screen-file", str(path), "-o", str(out), "--db", sdn_un_db, "--workers", "1")
    assert result.exit_code == 0, result.output
    want = {
        (d := json.loads(line))["query_id"]: [(m["id"], m["score"]) for m in d["matches"]]
        for line in out.read_text(encoding="utf-8").splitlines()
    }
    df = connect.createDataFrame(
        [(str(n), name) for n, name in enumerate(names)], "query_id string, name string"
    )
    rows = engine.screen(df, str(engine.publish(sdn_un_db))).collect()
    got = {r["query_id"]: [(m["id"], m["score"]) for m in r["matches"]] for r in rows}
    assert got == want and any(got.values())
    app = connect.conf.get("spark.app.id")
    assert engine.describe(connect) == f"Spark master local[2], application {app}"


def test_the_cli_screens_through_a_connect_url_as_on_one_machine(
    connect: SparkSession, sdn_un_db: str, tmp_path: Path
) -> None:
    """``screen-file --master sc://HOST:PORT``, from a shell of its own, against the local
    Connect server: the realworld-dev set, row by row as single-machine, and the log names
    the server's master and application."""
    port = connect.conf.get("spark.connect.grpc.binding.port")
    path = queries("realworld-dev", tmp_path)
    out = tmp_path / "realworld-connect"
    # Only what a user's shell has: not the variables the local server set for this process.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SPARK_REMOTE", "SPARK_LOCAL_REMOTE", "SPARK_CONNECT_MODE_ENABLED")
    }
    cli = Path(sys.executable).with_name("chokepoint")
    args = ["screen-file", str(path), "--engine", "spark", "--master", f"sc://localhost:{port}"]
    done = subprocess.run(
        [str(cli), *args, "-o", str(out), "--db", sdn_un_db],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    app = connect.conf.get("spark.app.id")
    assert f"Spark master local[2], application {app}\n" in done.stderr
    assert "536 queries screened; results in" in done.stderr
    got, want = by_query(spark_lines(out)), single_machine(sdn_un_db, path, tmp_path)
    assert len(want) == 536 and got == want
    assert sum(bool(v) for v in got.values()) > 50  # the set has hits, not only negatives
