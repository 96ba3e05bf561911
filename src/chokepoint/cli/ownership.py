"""``chokepoint ownership``: load ownership data, explain a party's ownership status."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import Engine

from chokepoint.cli.options import db_option, echo_json, engine_for, json_option, snapshot_for
from chokepoint.ownership import explain as explain_party
from chokepoint.ownership.resolve import matcher_resolver
from chokepoint.ownership.store import Resolver, load_ownership
from chokepoint.store.versions import current_versions


def resolver(engine: Engine) -> Resolver:
    """Names through the matcher of the current lists (built on first use only)."""

    def resolve(name: str) -> tuple[str, str] | None:
        if not current_versions(engine):
            return None  # no lists loaded: nothing to resolve a name to
        return matcher_resolver(snapshot_for(engine).matcher)(name)

    return resolve


@click.group("ownership")
def ownership() -> None:
    """Ownership and control: who is blocked because blocked persons own it."""


@ownership.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@json_option
@db_option
def load(file: Path, as_json: bool, db: str) -> None:
    """Load ownership data (CSV or followthemoney Ownership JSON lines) as a new version.

    The CSV header: owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source
    (share in percent, empty when unknown, or "control": control stated without a share),
    optionally followed by acting_jointly (a joint arrangement's name: the UK rule adds
    the holdings of designated persons acting jointly). A row with an empty id and a name
    is resolved to a listed entity only when the matcher calls it a match.

    Example: chokepoint ownership load group.csv --db lists.db
    """
    engine = engine_for(db, create=True)
    version = load_ownership(engine, file, resolver(engine))
    if as_json:
        echo_json(version.to_dict())
        return
    click.echo(
        f"ownership version {version.version}: {version.edges:,} stakes, "
        f"{version.listed:,} listed parties"
    )
    for resolution in version.resolutions:
        click.echo(f"  {resolution.describe()}")


@ownership.command("explain")
@click.argument("entity")
@json_option
@db_option
def explain(entity: str, as_json: bool, db: str) -> None:
    """Explain a party's status under each regime (OFAC, EU, UK, BIS): an id or a name.

    Example: chokepoint ownership explain "X TRADING LLC" --json
    """
    engine = engine_for(db)
    result = explain_party(engine, entity, resolver(engine))
    if as_json:
        echo_json(result.to_dict())
    else:
        click.echo(result.text())
