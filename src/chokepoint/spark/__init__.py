"""Screening on Apache Spark: the same matcher, partition by partition (``pip install
'chokepoint[spark]'``).

The driver publishes the match index once as files (``screening/index_files.py``: ``.npy``
arrays and a manifest) in a directory every executor can read (a shared mount on a cluster;
the cache beside the database in local mode). Each executor's Python worker maps that directory and
screens its partitions with ``mapInArrow`` through ``batch.screen_row``, the function
``screen-file`` uses: the same matches and scores. Nothing is broadcast, no file is shipped
with ``addFile`` and no executor reads the database, so it runs on a classic cluster and
through Spark Connect alike; no query is collected to the driver.

Only this package imports ``pyspark``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chokepoint.errors import ChokepointError
from chokepoint.matching import Matcher
from chokepoint.parties.model import Parties
from chokepoint.screening.batch import FIELDS, Options, row_from, screen_row
from chokepoint.screening.index_files import UnusableIndex, cache_root, extract, open_dir, pack
from chokepoint.screening.published import Ownership, read_ownership, read_parties

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

# The result of one query, as ``screen-file`` writes it in JSON; ``explanation`` (nested,
# of varying shape) as JSON text.
MATCH_FIELDS = (
    ("id", "string"),
    ("list", "string"),
    ("list_id", "string"),
    ("caption", "string"),
    ("schema", "string"),
    ("score", "double"),
    ("match", "boolean"),
    ("sublist", "string"),
    ("features", "map<string,double>"),
    ("explanation", "string"),
    # The party of the entry across lists, read from the published ``parties.json``.
    ("party_id", "string"),
)


# The ownership hits of one query, as ``screen-file`` writes them (none: an empty array).
OWNERSHIP_FIELDS = (
    ("id", "string"),
    ("name", "string"),
    ("matched", "string"),
    ("label", "string"),
    ("status", "map<string,string>"),
    ("notes", "map<string,string>"),
    ("paths", "array<array<string>>"),
)


def result_schema() -> str:
    """The DDL of ``screen``'s result.

    >>> result_schema()[:60]
    'query_id string, error string, matches array<struct<id: stri'
    """
    fields = ", ".join(f"{name}: {kind}" for name, kind in MATCH_FIELDS)
    owned = ", ".join(f"{name}: {kind}" for name, kind in OWNERSHIP_FIELDS)
    return (
        f"query_id string, error string, matches array<struct<{fields}>>,"
        f" ownership array<struct<{owned}>>"
    )


def arrow_schema() -> pa.Schema:
    """``result_schema`` in Arrow's terms, for the batches the executors return."""
    import pyarrow as pa

    kinds = {
        "string": pa.string(),
        "double": pa.float64(),
        "boolean": pa.bool_(),
        "map<string,double>": pa.map_(pa.string(), pa.float64()),
        "map<string,string>": pa.map_(pa.string(), pa.string()),
        "array<array<string>>": pa.list_(pa.list_(pa.string())),
    }
    match = pa.struct([(name, kinds[kind]) for name, kind in MATCH_FIELDS])
    owned = pa.struct([(name, kinds[kind]) for name, kind in OWNERSHIP_FIELDS])
    return pa.schema(
        [
            ("query_id", pa.string()),
            ("error", pa.string()),
            ("matches", pa.list_(match)),
            ("ownership", pa.list_(owned)),
        ]
    )


def publish(db: str, cache: str | None = None) -> Path:
    """The directory of the current index's files, written if needed: ``cache`` (the
    ``--index-cache`` directory; on a cluster a path every executor reaches), else the
    cache beside the database. The parties and the ownership hits of the same data go
    beside the arrays (``screening/published.py``): executors name each match's cross-list party and
    its ownership status as screen-file does, without the database."""
    from chokepoint.ownership import get_state
    from chokepoint.screening import get_snapshot
    from chokepoint.screening import publish as publish_files
    from chokepoint.store import open_db
    from chokepoint.store.db import database_url

    root = cache_root(database_url(db), cache)
    engine = open_db(db, create=False)
    snapshot = get_snapshot(engine, cache=cache)
    packed = pack(snapshot.matcher.index)
    try:
        open_dir(root / packed.digest)
        published = root / packed.digest
    except UnusableIndex:
        published = extract(packed.blob, packed.digest, root)
    publish_files(published, snapshot, get_state(engine))
    return published


_screeners: dict[str, tuple[Matcher, Parties, Ownership | None]] = {}


def _screener(index_dir: str) -> tuple[Matcher, Parties, Ownership | None]:
    """The matcher of a published directory, its parties and ownership hits: mapped and
    read once per Python worker (Spark reuses its workers), the index's pages shared by
    every worker on the machine. A directory published without parties names each entry's
    own; without ownership, no query has ownership hits."""
    if index_dir not in _screeners:
        path = Path(index_dir)
        parties = read_parties(path) or Parties()
        _screeners[index_dir] = (Matcher(open_dir(path)), parties, read_ownership(path))
    return _screeners[index_dir]


def screen_batches(
    batches: Iterator[pa.RecordBatch], index_dir: str, options: Options
) -> Iterator[pa.RecordBatch]:
    """Screen Arrow batches of queries (``FIELDS`` as columns) into result batches: what
    each executor runs, and a plain function to test."""
    import pyarrow as pa

    schema = arrow_schema()
    matcher, parties, ownership = _screener(index_dir)
    for batch in batches:
        out = []
        for number, data in enumerate(batch.to_pylist(), 1):
            row = row_from(number, data)
            result = screen_row(row, matcher, options, parties, ownership)
            if row.error:  # a partition's row number means nothing to the user: its id does
                result["error"] = f"query {row.query_id}:" + row.error.split(":", 1)[1]
            out.append(_columns(result))
        yield pa.RecordBatch.from_pylist(out, schema=schema)


def _columns(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "query_id": result["query_id"],
        "error": result.get("error"),
        "matches": [
            {
                **m,
                "sublist": m.get("sublist"),
                "features": list(m["features"].items()),
                "explanation": json.dumps(m["explanation"], ensure_ascii=False),
            }
            for m in result["matches"]
        ],
        "ownership": [
            {**h, "status": list(h["status"].items()), "notes": list(h["notes"].items())}
            for h in result.get("ownership", [])
        ],
    }


def screen(
    df: DataFrame,
    index_dir: str | Path,
    *,
    threshold: float | None = None,
    cutoff: float | None = None,
    limit: int = 10,
    partitions: int | None = None,
) -> DataFrame:
    """Screen every row of ``df`` (columns ``query_id``, ``name`` and optional ``schema``,
    ``birth_date``, ``country``, ``id``) against the index published at ``index_dir``
    (``publish``): a DataFrame of ``query_id``, ``error`` and ``matches``, the fields of
    ``screen-file``'s JSON as columns. ``partitions``: repartition first (a small file is
    read as one partition, screened by one core)."""
    from pyspark.sql import functions as F

    missing = {"query_id", "name"} - set(df.columns)
    if missing:
        raise ChokepointError(f"the queries need a column {sorted(missing)[0]!r}")
    queries = df.select([F.col(c).cast("string").alias(c) for c in FIELDS if c in df.columns])
    if partitions:
        queries = queries.repartition(partitions)
    options = Options(threshold=threshold, cutoff=cutoff, limit=limit)
    # Executors (and a Spark Connect server) do not run in the driver's directory.
    where = str(Path(index_dir).resolve())

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return screen_batches(batches, where, options)

    return queries.mapInArrow(run, result_schema())


def installed() -> bool:
    """Whether PySpark is installed (the ``spark`` extra), asked without importing it:
    this module imports PySpark only when a session starts, so the CLI can refuse
    ``--engine spark`` before any work."""
    return importlib.util.find_spec("pyspark") is not None


def session(master: str | None = None, app_name: str = "chokepoint") -> SparkSession:
    """A Spark session: ``master`` a cluster URL or ``local[N]``, ``sc://HOST`` for Spark
    Connect, None for what the environment says (``spark-submit``, ``SPARK_REMOTE``)."""
    from pyspark.sql import SparkSession

    if master and master.startswith("local"):
        # Local workers run this interpreter, which has chokepoint (a cluster's executors
        # need it installed: the same package and version as the driver).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master and master.startswith("sc://"):
        builder = builder.remote(master)
    elif master:
        builder = builder.master(master)
    return builder.getOrCreate()


def describe(spark: SparkSession) -> str:
    """The master and application id a run is under, for its log.

    On Spark Connect the conf is the server's: both are read the same way there."""
    master = spark.conf.get("spark.master", "?")
    app = spark.conf.get("spark.app.id", "?")
    return f"Spark master {master}, application {app}"


def default_partitions(spark: SparkSession) -> int:
    """How many partitions to screen in: the cores Spark has (2 when it does not say)."""
    try:
        return int(spark.sparkContext.defaultParallelism)
    except Exception:  # Spark Connect has no SparkContext on the client
        return int(spark.conf.get("spark.default.parallelism", "2") or 2)


def read_queries(spark: SparkSession, path: Path) -> DataFrame:
    """A file of queries as a DataFrame: CSV with a header, JSON lines or Parquet (by
    suffix); every column as text, as ``screen-file`` reads it."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return spark.read.parquet(str(path))
    if suffix in (".jsonl", ".ndjson", ".json"):
        return spark.read.json(str(path), primitivesAsString=True)
    if suffix == ".xlsx":
        raise ChokepointError("--engine spark reads CSV, JSON lines or Parquet, not .xlsx")
    # A quote inside a quoted field is doubled (RFC 4180, as screen-file's csv module reads
    # it): Spark's default escape is a backslash, which cuts such a name at its comma.
    return spark.read.csv(str(path), header=True, inferSchema=False, escape='"')


def write_results(df: DataFrame, output: str, fmt: str) -> None:
    """Results into the directory ``output`` (one file per partition, Spark's way):
    Parquet, or JSON lines (``jsonl``) whose rows read as ``screen-file``'s. An existing
    ``output`` is left alone: a one-line error, before any query is screened."""
    from pyspark.errors import AnalysisException

    if fmt not in ("parquet", "jsonl"):
        raise ChokepointError("--engine spark writes Parquet or JSON lines (.jsonl)")
    # "error", not its alias "errorifexists", which Spark Connect's client refuses.
    writer = df.write.mode("error")
    try:
        writer.parquet(output) if fmt == "parquet" else writer.json(output)
    except AnalysisException as exc:
        if exc.getCondition() != "PATH_ALREADY_EXISTS":
            raise
        raise ChokepointError(f"{output} already exists: give -o a new directory") from None


def count_written(spark: SparkSession, output: str, fmt: str) -> tuple[int, int]:
    """Queries and errors in a written result: read back from its files (cheap), as the
    screening itself must not run twice."""
    from pyspark.sql import functions as F

    written = spark.read.parquet(output) if fmt == "parquet" else spark.read.json(output)
    if "error" not in written.columns:  # JSON leaves out a column that is always null
        return written.count(), 0
    row = written.agg(F.count("*"), F.count("error")).first()
    return (int(row[0]), int(row[1])) if row else (0, 0)
