"""``chokepoint.spark.screen`` through Spark Connect, for real: PySpark's local Connect
server (``SparkSession.builder.remote("local[2]")``), which has no broadcast, no
``addFile`` and no SparkContext on the client. The index is read from the published
directory's path, as on a cluster."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import run

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
    assert "local" in engine.describe(connect)
