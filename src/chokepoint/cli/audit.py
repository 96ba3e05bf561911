"""``chokepoint audit ...``: check and export the hash-chained audit log."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from chokepoint.audit import entries, verify
from chokepoint.audit.key import AuditConfig
from chokepoint.cli.options import db_option, engine_for, output_option, settings


@click.group()
def audit() -> None:
    """The audit log: who did what, when, on which list versions."""


@audit.command("verify")
@click.option(
    "--head",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An exported chain head to check against (default: CHOKEPOINT_AUDIT_HEAD_FILE).",
)
@db_option
def verify_command(head: Path | None, db: str) -> None:
    """Check the audit log: its hash chain, its macs under the audit key, an exported chain
    head, and that every case opened, decided or approved has its row. Exit status 0:
    intact; 1: a row was changed, removed or inserted (the first broken row is named);
    2: the check could not run (no audit key).

    Example: chokepoint audit verify --head /var/lib/chokepoint/audit-head.json
    """
    result = verify(engine_for(db), head, AuditConfig.of(settings()))
    if result.ok:
        notes = [] if result.signed else ["not signed yet: written before any audit key"]
        if result.against:
            notes.append(f"the exported head in {result.against} matches")
        else:
            notes.append("no exported head to check a cut tail against (--head)")
        click.echo(f"audit log intact: {result.rows:,} rows; {'; '.join(notes)}")
        return
    where = f" at row {result.broken_row}" if result.broken_row else ""
    click.echo(f"audit log broken{where}: {result.problem}", err=True)
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
