"""Options shared by many commands, and the one way library errors reach the terminal."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from chokepoint.text.strict import parse_int

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from chokepoint.cases.policy import CasePolicy
    from chokepoint.screening import Snapshot
    from chokepoint.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


class Number(click.ParamType[int]):
    """Case ids and versions: ASCII digits, bounded, so a mistyped 30-digit number is a
    usage error rather than an overflow in the database driver."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_int(str(value).strip(), "a case id or version", low=1)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


NUMBER = Number()


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


# ``-o FILE``, standard output by default: for commands that stream what they export.
output_option = click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default: standard output).",
)

index_cache_option = click.option(
    "--index-cache",
    envvar="CHOKEPOINT_INDEX_CACHE",
    type=click.Path(file_okay=False),
    help="Directory of the match index files, a cache (default: beside a SQLite file; "
    "env CHOKEPOINT_INDEX_CACHE).",
)


def _cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


workers_option = click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=_cpus,
    show_default="the number of CPUs",
    help="Processes screening in parallel.",
)


def engine_for(db: str, *, create: bool = False) -> Engine:
    """The database of ``--db``. Only the commands that put data in (``lists load``,
    ``lists update``, ``subjects import``, ``ownership load``) create it: a mistyped path or
    URL given to any other command is an error, not a new empty database."""
    from chokepoint.store import open_db  # SQLAlchemy: imported by the commands that need it

    return open_db(db, create=create)


def settings() -> Settings:
    """This run's ``CHOKEPOINT_*`` settings: read here, at the entry point, and passed down
    (the library never reads the environment). Imported on use: a cold ``screen`` needs
    none."""
    from chokepoint.settings import get_settings

    return get_settings()


def snapshot_for(engine: Engine) -> Snapshot:
    """The index of the current lists, from the ``index_cache`` setting's directory. Kept
    per database for the process: the library's later look-ups screen with this one."""
    from chokepoint.screening import get_snapshot

    return get_snapshot(engine, cache=settings().index_cache)


def case_policy() -> CasePolicy:
    """What cases obey in this run: the four-eyes lists, the suppression days and the
    audit key, from ``settings()``."""
    from chokepoint.cases.policy import CasePolicy

    return CasePolicy.of(settings())


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def is_interactive() -> bool:
    """Progress bars only on a terminal: logs and pipes get clean output."""
    return sys.stderr.isatty()


def login_name() -> str:
    """Who runs the command, for ``--record`` when no --user is given."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment (some containers)
        return "unknown"


def user_option(required: bool) -> Callable[[F], F]:
    """``--user``: who acts, as the audit log records it (env CHOKEPOINT_USER)."""

    def decorate(fn: F) -> F:
        # No default at all when required: click then says the option is missing.
        default: dict[str, Any] = {} if required else {"default": login_name}
        return click.option(
            "--user",
            envvar="CHOKEPOINT_USER",
            required=required,
            help="Who acts, as the audit log records it (env CHOKEPOINT_USER).",
            **default,
        )(fn)

    return decorate
