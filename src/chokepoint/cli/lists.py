"""``chokepoint lists ...``: load, update, status and diff of the official lists."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from chokepoint.cli.options import (
    NUMBER,
    db_option,
    echo_json,
    engine_for,
    is_interactive,
    json_option,
    settings,
    user_option,
)
from chokepoint.errors import ChokepointError
from chokepoint.lists.loader import LoadOutcome, load_lists
from chokepoint.store.diff import diff_versions
from chokepoint.store.versions import current_versions


@click.group()
def lists() -> None:
    """Load, update and inspect the restricted-party lists."""


def _print_outcomes(outcomes: list[LoadOutcome]) -> None:
    failed = False
    for o in outcomes:
        if o.version:
            v = o.version
            flags = f", {v.flags} with flagged values" if v.flags else ""
            click.echo(f"{o.list}: version {v.version}, {v.entities:,} entities{flags}")
        else:
            failed = True
            click.echo(f"Error: {o.error}", err=True)
    if failed:
        raise click.exceptions.Exit(2)


def _parse_only(only: str | None) -> set[str] | None:
    return {k.strip() for k in only.split(",") if k.strip()} if only else None


allow_shrink_option = click.option(
    "--allow-shrink",
    is_flag=True,
    help="Load a list even if it drops more than CHOKEPOINT_MAX_SHRINK (10%) of the current "
    "version's entities, or holds an entity with no name.",
)


@lists.command("load")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--only", help="Comma-separated list keys to load (default: every list folder).")
@allow_shrink_option
@user_option(required=False)
@db_option
def load(directory: Path, only: str | None, allow_shrink: bool, user: str, db: str) -> None:
    """Load every list folder found in DIRECTORY (folder name = list key).

    Each list becomes a new version; the new versions become current together, once
    completely stored with their match index, and the audit log records each. A list whose
    files are refused (malformed, or shrunk by more than 10% unless --allow-shrink) keeps
    its previous version, and the command exits with status 2. A second load of the same
    lists waits for the first to finish.

    Example: chokepoint lists load ../shared/lists --only us_ofac_sdn,un_sc_sanctions
    """
    engine = engine_for(db, create=True)
    if not is_interactive():
        outcomes = load_lists(
            engine,
            directory,
            _parse_only(only),
            settings=settings(),
            allow_shrink=allow_shrink,
            user=user,
        )
        _print_outcomes(outcomes)
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("parsing")
        outcomes = load_lists(
            engine,
            directory,
            _parse_only(only),
            progress=lambda key, n: bar.update(task, description=f"{key}: {n:,} entries parsed"),
            settings=settings(),
            allow_shrink=allow_shrink,
            user=user,
        )
    _print_outcomes(outcomes)


@lists.command("status")
@json_option
@db_option
def status(as_json: bool, db: str) -> None:
    """Show the current version of every loaded list.

    Example: chokepoint lists status --json
    """
    versions = current_versions(engine_for(db))
    if as_json:
        echo_json([v.status() for v in versions])
        return
    if not versions:
        click.echo("No lists loaded. Run: chokepoint lists load DIR")
        return
    table = Table("list", "entities", "version", "published", "loaded at", "flagged")
    for v in versions:
        table.add_row(
            v.list, f"{v.entities:,}", str(v.version), v.published or "-", v.loaded_at, str(v.flags)
        )
    Console(width=120).print(table)


@lists.command("diff")
@click.argument("list_key")
@click.option(
    "--from", "from_version", type=NUMBER, help="Older version (default: the one before --to)."
)
@click.option("--to", "to_version", type=NUMBER, help="Newer version (default: the current one).")
@json_option
@db_option
def diff(
    list_key: str, from_version: int | None, to_version: int | None, as_json: bool, db: str
) -> None:
    """List the entities added, removed and changed between two versions of LIST_KEY.

    Example: chokepoint lists diff us_ofac_sdn --from 1 --to 2
    """
    result = diff_versions(engine_for(db), list_key, from_version, to_version)
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(
        f"{list_key}: version {result.from_version or '-'} -> {result.to_version}: "
        f"{len(result.added)} added, {len(result.removed)} removed, "
        f"{len(result.changed)} changed"
    )
    for sign, rows in (("+", result.added), ("-", result.removed), ("~", result.changed)):
        for eid, caption in rows:
            click.echo(f"{sign} {eid}  {caption}")


@lists.command("update")
@click.option(
    "--official",
    is_flag=True,
    required=True,
    help="Download from the publishers' URLs (required: the only source for now).",
)
@click.option("--only", help="Comma-separated list keys to update (default: all with URLs).")
@click.option(
    "--base-url",
    envvar="CHOKEPOINT_OFFICIAL_BASE_URL",
    help="Fetch <base-url>/<list>/<file> instead of the publishers' URLs (mirrors, tests).",
)
@allow_shrink_option
@user_option(required=False)
@db_option
def update(
    official: bool,
    only: str | None,
    base_url: str | None,
    allow_shrink: bool,
    user: str,
    db: str,
) -> None:
    """Download the lists from their publishers, then load those that changed.

    Downloads have a timeout, retries and a size limit (CHOKEPOINT_HTTP_TIMEOUT,
    CHOKEPOINT_HTTP_RETRIES, CHOKEPOINT_MAX_FILE_MB); a list whose files are byte-for-byte
    those of its current version is skipped. The changed lists load as one folder does,
    with the same check against shrinking.

    Example: chokepoint lists update --official --only us_ofac_sdn
    """
    from chokepoint.lists.download import update_official

    if not official:
        raise ChokepointError("only --official updates exist")
    outcomes = update_official(
        engine_for(db, create=True),
        settings=settings(),
        only=_parse_only(only),
        base_url=base_url,
        allow_shrink=allow_shrink,
        user=user,
    )
    for o in outcomes:
        if o.skipped:
            click.echo(f"{o.list}: unchanged since version {o.skipped}, skipped")
    _print_outcomes([o.load for o in outcomes if o.load])
