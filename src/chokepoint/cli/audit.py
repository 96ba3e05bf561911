"""``chokepoint audit ...``: check and export the hash-chained audit log."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from chokepoint.audit import entries, verify
from chokepoint.cli.options import db_option, engine_for, output_option


@click.group()
def audit() -> None:
    """The audit log: who did what, when, on which list versions."""


@audit.command("verify")
@db_option
def verify_command(db: str) -> None:
    """Check the hash chain of the audit log. Exit status 0: intact; 1: a row was changed,
    removed or inserted (the first broken row is named); 2: the check could not run.

    Example: chokepoint audit verify
    """
    result = verify(engine_for(db))
    if result.ok:
        click.echo(f"audit log intact: {result.rows:,} rows")
        return
    click.echo(f"audit log broken at row {result.broken_row}: {result.problem}", err=True)
    raise click.exceptions.Exit(1)


@audit.command("export")
@output_option
@db_option
def export(output: Any, db: str) -> None:
    """Write every audit row as a JSON line, in chain order (payload as an object; its
    canonical JSON is what the row's hash covers).

    Example: chokepoint audit export -o audit.jsonl
    """
    count = 0
    for entry in entries(engine_for(db)):
        output.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    if output is not sys.stdout:
        click.echo(f"{count:,} audit rows written", err=True)
