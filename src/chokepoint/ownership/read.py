"""Reading the user's ownership file: the CSV of ``HEADER`` (then any of ``OPTIONAL``) or
followthemoney ``Ownership`` entities as JSON lines. The whole file is read and checked
before anything is stored; every bad row is reported with its line number.

Besides a share, a stake may state control without one (``share`` written ``control``; in
FtM a ``role`` or ``ownershipType`` naming control, on an ``Ownership`` or a
``Directorship``), and a joint arrangement between holders (``acting_jointly``: a group
name; in FtM an ``ownershipType`` naming a joint holding), which the UK rule needs before
it adds different designated persons' holdings.

A million rows are read in a few seconds: rows are tuples and each field is checked only
as far as it must be.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from followthemoney import model

from chokepoint.errors import InputError

HEADER = (
    "owner_id",
    "owner_name",
    "owned_id",
    "owned_name",
    "share",
    "start_date",
    "end_date",
    "source",
)
# Columns a file may add after ``HEADER``, in any order.
OPTIONAL = ("acting_jointly",)
OWNERSHIP, CONTROL = "ownership", "control"
MAX_FILE_BYTES = 1 << 30  # a million stakes are some 80 MB
MAX_REPORTED = 20  # bad rows named in the error; the count says how many more
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Row(NamedTuple):
    """One stake as the file states it (ids may be empty where a name is given).

    A tuple, not a dataclass: a million of them are built in one load."""

    line: int
    owner_id: str
    owner_name: str
    owned_id: str
    owned_name: str
    share: float | None
    start: str | None
    end: str | None
    source: str
    kind: str = OWNERSHIP  # or CONTROL: control stated without (or beside) a share
    jointly: str | None = None  # the joint arrangement this holding is part of


class RowError(Exception):
    """One bad row; collected, then reported together."""


def parse_share(text: str) -> float | None:
    """A percentage, 0 to 100; empty is unknown.

    >>> parse_share("25"), parse_share(" 33.5% "), parse_share("")
    (25.0, 33.5, None)
    """
    text = text.strip().removesuffix("%").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"share {text!r} is not a number (percent, 0 to 100)") from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise RowError(f"share {text!r} is not between 0 and 100")
    return value


def parse_date(text: str, field: str) -> str | None:
    """An ISO date or its year / year-month prefix; empty is none.

    >>> parse_date("2024-03-01", "end_date"), parse_date("2024", "end_date")
    ('2024-03-01', '2024')
    """
    text = text.strip()
    if not text:
        return None
    if not _DATE.match(text):
        raise RowError(f"{field} {text!r} is not a date (YYYY-MM-DD)")
    return text


def check_row(row: Row) -> Row:
    if not (row.owner_id or row.owner_name):
        raise RowError("the owner has neither an id nor a name")
    if not (row.owned_id or row.owned_name):
        raise RowError("the owned party has neither an id nor a name")
    if row.owner_id and row.owner_id == row.owned_id:
        raise RowError(f"{row.owner_id} cannot own itself")
    if row.start and row.end and row.start > row.end:
        raise RowError(f"start_date {row.start} is after end_date {row.end}")
    return row


def parse_stake(text: str) -> tuple[float | None, str]:
    """A ``share`` field: a percentage (``parse_share``), or ``control`` stated without one.

    >>> parse_stake("40"), parse_stake("Control")
    ((40.0, 'ownership'), (None, 'control'))
    """
    if text.strip().casefold() == CONTROL:
        return None, CONTROL
    return parse_share(text), OWNERSHIP


def _header(path: Path, header: list[str] | None) -> tuple[str, ...]:
    """The file's columns: ``HEADER``, then optional ones, each at most once."""
    names = tuple(h.strip() for h in header or ())
    extra = names[len(HEADER) :]
    if (
        names[: len(HEADER)] != HEADER
        or len(set(extra)) != len(extra)
        or not set(extra) <= set(OPTIONAL)
    ):
        raise InputError(
            f"{path}: line 1: the header must be {','.join(HEADER)}"
            f" (optionally followed by {', '.join(OPTIONAL)})"
        )
    return names


def _csv_rows(path: Path) -> Iterator[Row | Problem]:
    with path.open(encoding="utf-8-sig", errors="strict", newline="") as fh:
        reader = csv.reader(fh)
        names = _header(path, next(reader, None))
        width = len(names)
        joint = names.index("acting_jointly") if "acting_jointly" in names else -1
        for values in reader:
            line = reader.line_num
            if len(values) != width:
                if any(v.strip() for v in values):
                    yield _bad(line, f"{len(values)} fields, expected {width}")
                continue
            v = list(map(str.strip, values))
            if not any(v):
                continue
            try:
                text = v[4]
                # The common case first: a plain number (a million rows go through here).
                try:
                    share: float | None = float(text) if text else None
                    kind = OWNERSHIP
                    if share is not None and not 0 <= share <= 100:
                        raise RowError(f"share {text!r} is not between 0 and 100")
                except ValueError:
                    share, kind = parse_stake(text)
                yield check_row(
                    Row(
                        line,
                        v[0],
                        v[1],
                        v[2],
                        v[3],
                        share,
                        parse_date(v[5], "start_date") if v[5] else None,
                        parse_date(v[6], "end_date") if v[6] else None,
                        v[7],
                        kind,
                        (v[joint] or None) if joint >= 0 else None,
                    )
                )
            except RowError as exc:
                yield _bad(line, str(exc))


@dataclass(frozen=True)
class Problem:
    """A bad row: where, and what is wrong with it."""

    line: int
    problem: str


def _bad(line: int, problem: str) -> Problem:
    return Problem(line, problem)


def _first(props: dict[str, Any], name: str) -> str:
    values = props.get(name) or []
    value = values[0] if isinstance(values, list) and values else values
    return value.strip() if isinstance(value, str) else ""


def _naming(props: dict[str, Any], keys: tuple[str, ...], words: tuple[str, ...]) -> str:
    """The first value of ``keys`` that names one of ``words`` (case folded), else ""."""
    for key in keys:
        values = props.get(key) or []
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and any(w in value.casefold() for w in words):
                return value.strip()
    return ""


# What an FtM interest says in its ``role`` or ``ownershipType``: control ("controlling
# shareholder", "person with significant control"), a joint holding ("joint", "acting in
# concert"). FtM has no property of its own for either.
CONTROL_WORDS = ("control",)
JOINT_WORDS = ("joint", "concert")
_INTEREST = ("role", "ownershipType")


def _ftm_rows(path: Path) -> Iterator[Row | Problem]:
    """Ownership entities, and Directorships whose role names control; the other entities
    of the file only name the parties."""
    names: dict[str, str] = {}
    stakes: list[tuple[int, str, str, str, dict[str, Any]]] = []
    with path.open(encoding="utf-8", errors="strict") as fh:
        for line, text in enumerate(fh, 1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                yield _bad(line, f"not JSON ({exc.msg})")
                continue
            if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                yield _bad(line, "not an entity (needs id and schema)")
                continue
            schema = model.get(str(data["schema"]))
            props = data.get("properties") or {}
            if schema is None or not isinstance(props, dict):
                yield _bad(line, f"unknown schema {data['schema']!r} or bad properties")
                continue
            if schema.is_a("Ownership"):
                stakes.append((line, schema.name, "owner", "asset", props))
            elif schema.is_a("Directorship") and _naming(props, _INTEREST, CONTROL_WORDS):
                stakes.append((line, schema.name, "director", "organization", props))
            elif _first(props, "name"):
                names[str(data["id"])] = _first(props, "name")
    for line, schema_name, holder, held, props in stakes:
        owner, asset = _first(props, holder), _first(props, held)
        if not owner or not asset:
            yield _bad(line, f"a {schema_name} needs {holder} and {held}")
            continue
        control = bool(_naming(props, _INTEREST, CONTROL_WORDS))
        try:
            yield check_row(
                Row(
                    line,
                    owner,
                    names.get(owner, ""),
                    asset,
                    names.get(asset, ""),
                    parse_share(_first(props, "percentage")),
                    parse_date(_first(props, "startDate"), "startDate"),
                    parse_date(_first(props, "endDate"), "endDate"),
                    _first(props, "sourceUrl") or _first(props, "publisher"),
                    CONTROL if control else OWNERSHIP,
                    _naming(props, ("ownershipType",), JOINT_WORDS) or None,
                )
            )
        except RowError as exc:
            yield _bad(line, str(exc))


def read_rows(path: Path) -> list[Row]:
    """Every stake of the file, or ``InputError`` naming each bad row by its line."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path}: larger than {MAX_FILE_BYTES:,} bytes")
    with path.open("rb") as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    reader = _ftm_rows if head.startswith(b"{") else _csv_rows
    rows: list[Row] = []
    bad: list[str] = []
    try:
        for row in reader(path):
            if isinstance(row, Problem):
                bad.append(f"line {row.line}: {row.problem}")
            else:
                rows.append(row)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from None
    if bad:
        more = f"; and {len(bad) - MAX_REPORTED} more" if len(bad) > MAX_REPORTED else ""
        raise InputError(
            f"{path}: {len(bad)} bad row(s), nothing loaded: "
            + "; ".join(bad[:MAX_REPORTED])
            + more
        )
    if not rows:
        raise InputError(f"{path}: no stakes found")
    return rows
