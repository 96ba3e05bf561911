"""Options shared by many commands, and the one way library errors reach the terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from sqlalchemy import Engine

from chokepoint.store import open_db

F = TypeVar("F", bound=Callable[..., Any])


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        "db",
        envvar="CHOKEPOINT_DB",
        default="chokepoint.db",
        show_default=True,
        help="SQLite path or PostgreSQL URL (env CHOKEPOINT_DB).",
    )(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        fn
    )


def engine_for(db: str) -> Engine:
    return open_db(db)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def is_interactive() -> bool:
    """Progress bars only on a terminal: logs and pipes get clean output."""
    return sys.stderr.isatty()
