"""Screening a file of queries: CSV with a header, JSON lines, Parquet or Excel (.xlsx),
one result each (``batch_write.py`` formats them).

Columns/keys: ``query_id``, ``name``, and optional ``schema``, ``birth_date``, ``country``,
``id``; others are ignored. A bad row (no name, unknown schema, bad JSON, one the matcher
fails on) gets an ``error`` naming its row number, and the file goes on. Results keep the
input order; worker processes forked after the index is mapped share its pages.
"""

from __future__ import annotations

import csv
import datetime
import itertools
import multiprocessing
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from chokepoint.errors import ChokepointError, InputError, ListFormatError
from chokepoint.matching import Matcher, Query
from chokepoint.ownership.hits import ownership_hits
from chokepoint.parties import Parties
from chokepoint.parties.results import with_party_id
from chokepoint.screening import (
    check_schema,
    get_snapshot,
    index_cache,
    open_published,
    publish,
    published_digest,
)
from chokepoint.screening.batch_write import encoder
from chokepoint.screening.published import Ownership
from chokepoint.text.json_input import parse_json

if TYPE_CHECKING:
    from chokepoint.ownership import OwnershipState

CHUNK = 64  # rows handed to a worker at a time: few round trips, order kept cheaply
FIELDS = ("query_id", "name", "schema", "birth_date", "country", "id")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


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
    for key in FIELDS:  # JSON lines may hold lists, objects or booleans: text only
        if isinstance(data.get(key), list | dict | bool):
            return Row(number, str(number), None, f"row {number}: {key} must be text")
    data = {k: _text(v) for k, v in data.items()}
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


def _text(value: Any) -> str:
    """A cell as text: spreadsheets and Parquet give numbers and dates, not strings.

    >>> _text(1234.0), _text(datetime.datetime(1961, 4, 28)), _text(None)
    ('1234', '1961-04-28', '')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def read_rows(path: Path) -> Iterator[Row]:
    """Rows of a Parquet or Excel file (by suffix), JSON lines (by suffix or first
    character) or CSV (by its header)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _parquet_rows(path)
        return
    if suffix == ".xlsx":
        yield from _xlsx_rows(path)
        return
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            first = fh.read(1)
            fh.seek(0)
            if suffix in JSON_SUFFIXES or first in ("{", "["):
                yield from _json_rows(fh)
            else:
                yield from _csv_rows(path, fh)
    except FileNotFoundError:
        raise ChokepointError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise ListFormatError(path, f"not UTF-8 text ({exc.reason})") from None


def _json_rows(fh: IO[str]) -> Iterator[Row]:
    # The one place JSON lines are parsed: the bounded JSON reader, when there is one.
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
    for number in itertools.count(2):
        try:
            data = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a NUL byte, a field past the size limit: this row only
            yield Row(number, str(number), None, f"row {number}: not CSV ({exc})")
            continue
        yield row_from(number, {k: v for k, v in data.items() if k})


def _table_rows(path: Path, header: list[Any], rows: Iterable[tuple[Any, ...]]) -> Iterator[Row]:
    """Rows of a table whose first row (``header``) names the columns; numbered from 2."""
    names = [_text(h).strip() for h in header]
    if "name" not in names:
        raise ListFormatError(path, "the first row must name a 'name' column")
    for number, values in enumerate(rows, 2):
        yield row_from(number, {k: v for k, v in zip(names, values, strict=False) if k})


def _parquet_rows(path: Path) -> Iterator[Row]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "reading Parquet needs pyarrow: pip install 'chokepoint[parquet]'"
        ) from None
    try:
        table = pq.ParquetFile(path)
        rows = (tuple(r.values()) for b in table.iter_batches(4096) for r in b.to_pylist())
        yield from _table_rows(path, list(table.schema_arrow.names), rows)
    except FileNotFoundError:
        raise ChokepointError(f"{path}: no such file") from None
    except (OSError, ValueError) as exc:  # pyarrow's errors subclass these
        raise ListFormatError(path, f"not a Parquet file ({exc})") from None


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook  # parses with defusedxml when installed, as it is
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ChokepointError(f"{path}: no such file") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as exc:
        raise ListFormatError(path, f"not an Excel .xlsx file ({exc})") from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ListFormatError(path, "the first sheet is empty")
        yield from _table_rows(path, list(header), rows)
    finally:
        book.close()


def count_rows(path: Path) -> int | None:
    """How many rows a file holds, cheaply (for a progress bar's time left); None if not."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        if suffix == ".xlsx":
            return None  # a read-only sheet's size is not known without reading it
        with path.open("rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        return lines if suffix in JSON_SUFFIXES else max(lines - 1, 0)
    except Exception:  # only an estimate: never a reason to fail
        return None


@dataclass(frozen=True)
class Options:
    """How each row is screened. ``cutoff`` None: the matcher's review threshold, so that
    a line lists the candidates worth a look, not every name that shares a word."""

    threshold: float | None = None
    cutoff: float | None = None
    limit: int = 10
    output: str = "jsonl"  # the encoding of each result (``batch_write.FORMATS``)


def screen_row(
    row: Row,
    matcher: Matcher,
    options: Options,
    parties: Parties | None = None,
    ownership: OwnershipState | Ownership | None = None,
) -> dict[str, Any]:
    """A row's result: its query id, and its matches (one per list entry, each naming its
    ``party_id``) or the error that stopped it; ownership hits when there are some."""
    out: dict[str, Any] = {"query_id": row.query_id}
    if row.error or row.query is None:
        out["error"] = row.error
        out["matches"] = []
        return out
    cutoff = matcher.review_threshold if options.cutoff is None else options.cutoff
    try:
        matches = matcher.match(
            row.query, limit=options.limit, threshold=options.threshold, cutoff=cutoff
        )
    except Exception as exc:  # one row the matcher fails on must not end the whole file
        out["error"] = f"row {row.number}: cannot be screened ({type(exc).__name__})"
        out["matches"] = []
        return out
    parties = parties or Parties()
    out["matches"] = [with_party_id(m, parties) for m in matches]
    if ownership is not None:
        matched, names = [m.id for m in matches if m.match], row.query.names
        hits = (
            ownership.hits_for(names, matched)
            if isinstance(ownership, Ownership)
            else ownership_hits(ownership, names, matched)
        )
        if hits:  # only then: a file of clear names reads as it did before
            out["ownership"] = [h.to_dict() for h in hits]
    return out


_worker: dict[str, Any] = {}


def _screen(row: Row) -> Any:
    w = _worker
    options: Options = w["options"]
    result = screen_row(row, w["matcher"], options, w.get("parties"), w.get("ownership"))
    return encoder(options.output)(result)


def open_screening(
    db: str, cache: str | None = None
) -> tuple[Matcher, Parties, OwnershipState | Ownership | None]:
    """The matcher of the current lists (mapped from the index files), their parties and the
    ownership statuses: from the files published beside a SQLite file's index when they
    are current (no SQLAlchemy, no ownership graph: a second of start-up less, which a
    batch of 10,000 rows feels), else through the store, which publishes them."""
    opened = open_published(db, cache)
    if opened is not None:
        return opened[:3]
    from chokepoint.ownership import get_state
    from chokepoint.store import open_db

    engine = open_db(db, create=False)
    snapshot = get_snapshot(engine, cache=cache)
    state = get_state(engine)
    if digest := published_digest(engine, db, snapshot.key):
        publish(index_cache(engine, cache) / digest, snapshot, state)
    return snapshot.matcher, snapshot.parties, state


def screen_rows(
    rows: Iterable[Row],
    *,
    db: str,
    options: Options | None = None,
    workers: int = 1,
    cache: str | None = None,
) -> Iterator[Any]:
    """Results for ``rows`` in input order, encoded as ``options.output`` says (JSON lines
    by default); ``workers`` processes share the work.

    The index is mapped before the workers fork, so they share its pages instead of each
    opening it.
    """
    options = options or Options()
    matcher, parties, ownership = open_screening(db, cache)
    _worker.update(matcher=matcher, parties=parties, ownership=ownership, options=options)
    if workers <= 1:
        yield from (_screen(r) for r in rows)
        return
    # An error reading the input (a file that is not what it says) must reach the caller:
    # raised inside the pool's feeder thread it would leave the pool waiting forever.
    failed: list[Exception] = []
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_screen, _caught(rows, failed), chunksize=CHUNK)
    if failed:
        raise failed[0]


def _caught(rows: Iterable[Row], failed: list[Exception]) -> Iterator[Row]:
    try:
        yield from rows
    except Exception as exc:  # re-raised by ``screen_rows`` in the caller's thread
        failed.append(exc)
