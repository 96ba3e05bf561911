"""``chokepoint subjects import`` and ``chokepoint rescreen``: the customers and
counterparties kept, and screening them again when the lists change."""

from __future__ import annotations

from pathlib import Path

import click

from chokepoint.cases.rescreen import rescreen as rescreen_subjects
from chokepoint.cases.subjects import import_subjects
from chokepoint.cli.options import (
    case_policy,
    db_option,
    echo_json,
    engine_for,
    json_option,
    snapshot_for,
    user_option,
    workers_option,
)


@click.group()
def subjects() -> None:
    """The customers and counterparties kept for rescreening."""


@subjects.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@user_option(required=False)
@db_option
def import_command(file: Path, user: str, db: str) -> None:
    """Import subjects from a CSV (or JSON lines) with the columns of screen-file:
    query_id (the subject's key), name, and optional schema, birth_date, country, id.

    Bad rows are reported and the good ones kept, in one transaction. A subject whose
    details changed is screened against everything at the next rescreen.

    Example: chokepoint subjects import customers.csv
    """
    result = import_subjects(engine_for(db, create=True), file, user=user, policy=case_policy())
    for error in result.errors:
        click.echo(f"skipped {error}", err=True)
    click.echo(
        f"{result.added:,} added, {result.updated:,} updated, {result.unchanged:,} unchanged"
        + (f", {len(result.errors):,} bad rows skipped" if result.errors else "")
    )


@click.command("rescreen")
@workers_option
@user_option(required=False)
@json_option
@db_option
def rescreen(workers: int, user: str, as_json: bool, db: str) -> None:
    """Screen the stored subjects against only the entities added or changed since the
    list versions each was last screened on; open cases for new hits.

    Example: chokepoint rescreen --workers 2
    """
    engine = engine_for(db)
    snapshot_for(engine)  # the index rescreen screens with
    result = rescreen_subjects(engine, user=user, workers=workers, policy=case_policy())
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(
        f"{result.subjects:,} subjects rescreened ({result.up_to_date:,} already up to date) "
        f"against {result.entities:,} new or changed entities"
    )
    cases = result.cases
    opened = f"opened case{'s' if len(cases) > 1 else ''} {', '.join(map(str, cases))}"
    click.echo(f"{result.hits:,} hits; " + (opened if cases else "no case opened"))
