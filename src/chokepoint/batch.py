"""Screening a file of queries: CSV with a header, or JSON lines, one result line each.

Columns/keys: ``query_id``, ``name``, and optional ``schema``, ``birth_date``, ``country``,
``id``; others are ignored. A bad row (no name, unknown schema, bad JSON) gets an ``error``
naming its row number, and the file goes on. Results keep the input order.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from chokepoint.errors import ChokepointError, ListFormatError
from chokepoint.matching import Matcher, Query
from chokepoint.screening import check_schema, get_matcher
from chokepoint.store import open_db
from chokepoint.text.json_input import parse_json

CHUNK = 64
FIELDS = ("query_id", "name", "schema", "birth_date", "country", "id")


@dataclass(frozen=True)
class Row:
    """One input row: a query, or the error that makes it unusable."""

    number: int
    query_id: str
    query: Query | None
    error: str | None = None
    has_id: bool = False  # the row gave its query_id (else it is the row number)


def row_from(number: int, data: dict[str, Any]) -> Row:
    """A row's fields as a query; the error says what is wrong.

    >>> row_from(2, {"query_id": "a", "name": " "}).error
    'row 2: empty name'
    >>> row_from(3, {"query_id": "b", "name": "X", "schema": "Boat"}).error[:30]
    "row 3: unknown schema 'Boat' ("
    """
    data = dict(data)
    for key in FIELDS:  # JSON lines may hold lists, objects or booleans: text only
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            data[key] = str(value)  # a number as written: a year, an id
        elif value is not None and not isinstance(value, str):
            return Row(number, str(number), None, f"row {number}: {key} must be text")
    query_id = str(data.get("query_id") or number)
    name = str(data.get("name") or "").strip()
    if not name:
        return Row(number, query_id, None, f"row {number}: empty name")
    schema = str(data.get("schema") or "").strip() or None
    try:
        check_schema(schema)
    except ChokepointError as exc:
        return Row(number, query_id, None, f"row {number}: {exc.detail}")
    ids = [str(data["id"])] if data.get("id") else []
    query = Query.of(name, schema, data.get("birth_date") or None, data.get("country") or None, ids)
    return Row(number, query_id, query, has_id=bool(data.get("query_id")))


def read_rows(path: Path) -> Iterator[Row]:
    """Rows of a CSV (by its header) or JSON-lines file (by its first character)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            first = fh.read(1)
            fh.seek(0)
            if first in ("{", "["):
                yield from _json_rows(fh)
            else:
                yield from _csv_rows(path, fh)
    except FileNotFoundError:
        raise ChokepointError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ListFormatError(path, f"not UTF-8 text ({exc.reason})") from None


def _json_rows(fh: IO[str]) -> Iterator[Row]:
    for number, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            data = parse_json(line)
        except ValueError as exc:
            yield Row(number, str(number), None, f"row {number}: not JSON ({exc})")
            continue
        if not isinstance(data, dict):
            yield Row(number, str(number), None, f"row {number}: not a JSON object")
            continue
        yield row_from(number, data)


def _csv_rows(path: Path, fh: IO[str]) -> Iterator[Row]:
    reader = csv.DictReader(fh)
    if not reader.fieldnames or "name" not in reader.fieldnames:
        raise ListFormatError(path, "CSV header must name a 'name' column")
    for number, data in enumerate(reader, 2):
        yield row_from(number, {k: v for k, v in data.items() if k})


@dataclass(frozen=True)
class Options:
    """How each row is screened. ``cutoff`` None: the matcher's review threshold, so that
    a line lists the candidates worth a look, not every name that shares a word."""

    threshold: float | None = None
    cutoff: float | None = None
    limit: int = 10


def result_line(row: Row, matcher: Matcher, options: Options) -> str:
    out: dict[str, Any] = {"query_id": row.query_id}
    if row.error or row.query is None:
        out["error"] = row.error
        out["matches"] = []
    else:
        cutoff = matcher.review_threshold if options.cutoff is None else options.cutoff
        matches = matcher.match(
            row.query, limit=options.limit, threshold=options.threshold, cutoff=cutoff
        )
        out["matches"] = [m.to_dict() for m in matches]
    return json.dumps(out, ensure_ascii=False)


_worker: dict[str, Any] = {}


def _init_worker(db: str, options: Options) -> None:
    _worker.update(matcher=get_matcher(open_db(db)), options=options)


def _screen_row(row: Row) -> str:
    return result_line(row, _worker["matcher"], _worker["options"])


def screen_rows(
    rows: Iterable[Row], *, db: str, options: Options | None = None, workers: int = 1
) -> Iterator[str]:
    """Result lines for ``rows`` in input order; ``workers`` processes share the work.

    The index is loaded before the workers fork, so they share it instead of each
    loading a copy.
    """
    options = options or Options()
    _init_worker(db, options)
    if workers <= 1:
        yield from (_screen_row(r) for r in rows)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _init_worker, (db, options)) as pool:
        yield from pool.imap(_screen_row, rows, chunksize=CHUNK)
