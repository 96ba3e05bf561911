"""Writing screen-file results: JSON lines (one line a query, the fields the API answers),
or CSV and Parquet, one row per (query, match) and a row of its own for a query without
one, so that every query appears, in input order.

Each result is encoded in the worker that screened it (``encoder``); the writer in the
main process only appends.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from chokepoint.errors import InputError

COLUMNS = (
    "query_id",
    "error",
    "rank",
    "id",
    "list",
    "sublist",
    "list_id",
    "caption",
    "schema",
    "score",
    "match",
    "features",
    "explanation",
)
PARQUET_BATCH = 8192  # rows buffered before a Parquet row group is written
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so


def _json_line(result: dict[str, Any]) -> str:
    return json.dumps(result, ensure_ascii=False)


def _flat(result: dict[str, Any]) -> list[tuple[Any, ...]]:
    """One tuple of ``COLUMNS`` per match; one with the query's id and error if none."""
    head = (result["query_id"], result.get("error"))
    if not result["matches"]:
        return [head + (None,) * (len(COLUMNS) - 2)]
    return [
        head
        + (
            rank,
            m["id"],
            m["list"],
            m.get("sublist"),
            m["list_id"],
            m["caption"],
            m["schema"],
            m["score"],
            m["match"],
            json.dumps(m["features"], ensure_ascii=False),
            json.dumps(m["explanation"], ensure_ascii=False),
        )
        for rank, m in enumerate(result["matches"], 1)
    ]


FORMATS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "jsonl": _json_line,
    "csv": _flat,
    "parquet": _flat,
}
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}
SUFFIXES[".parquet"] = "parquet"


def encoder(name: str) -> Callable[[dict[str, Any]], Any]:
    return FORMATS[name]


def output_format(path: str, given: str | None = None) -> str:
    """The format asked for, else the one the output's suffix names, else JSON lines.

    >>> output_format("out.parquet"), output_format("-"), output_format("x.txt", "csv")
    ('parquet', 'jsonl', 'csv')
    """
    return given or SUFFIXES.get(Path(path).suffix.lower(), "jsonl")


def escape_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, quoted to be read as text.

    >>> escape_cell('=HYPERLINK("http://x")'), escape_cell("ACME"), escape_cell(0.5)
    ('\\'=HYPERLINK("http://x")', 'ACME', 0.5)
    """
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


class Writer:
    """Appends encoded results to the output; ``close`` finishes the file."""

    def __init__(self, path: str, name: str) -> None:
        self.name = name
        self._parquet: Any = None
        self._rows: list[tuple[Any, ...]] = []
        if name == "parquet":
            if path == "-":
                raise InputError("Parquet is written to a file, not standard output (-o FILE)")
            try:
                import pyarrow.parquet  # noqa: F401 - checked now, used in _flush
            except ImportError:
                raise InputError(
                    "writing Parquet needs pyarrow: pip install 'chokepoint[parquet]'"
                ) from None
            self._path = path
            return
        self._fh: IO[str] = (
            sys.stdout if path == "-" else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        )
        if name == "csv":
            self._csv = csv.writer(self._fh)
            self._csv.writerow(COLUMNS)

    def write(self, item: Any) -> None:
        if self.name == "jsonl":
            self._fh.write(item + "\n")
        elif self.name == "csv":
            self._csv.writerows([escape_cell(v) for v in row] for row in item)
        else:
            self._rows += item
            if len(self._rows) >= PARQUET_BATCH:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema(
            [(c, pa.int32() if c == "rank" else pa.string()) for c in COLUMNS[:9]]
            + [("score", pa.float64()), ("match", pa.bool_())]
            + [("features", pa.string()), ("explanation", pa.string())]
        )
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._path, schema)
        columns = list(zip(*self._rows, strict=True)) if self._rows else [()] * len(COLUMNS)
        self._parquet.write_table(pa.table(dict(zip(COLUMNS, columns, strict=True)), schema))
        self._rows = []

    def close(self) -> None:
        if self.name == "parquet":
            self._flush()
            self._parquet.close()
        elif self._fh is not sys.stdout:
            self._fh.close()
        else:
            self._fh.flush()
