"""``chokepoint shipment ...``: screen a whole transaction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from chokepoint.cases.record import record_shipment
from chokepoint.cli.options import (
    case_policy,
    db_option,
    echo_json,
    engine_for,
    json_option,
    snapshot_for,
    user_option,
)
from chokepoint.shipments.report import to_csv, to_html, to_text
from chokepoint.shipments.screen import read_shipment, screen_lines, screen_shipment


@click.group("shipment")
def shipment() -> None:
    """Screen shipments: parties, goods and route in, CLEAR / REVIEW / BLOCK out."""


@shipment.command("screen")
@click.argument("file", type=click.Path(path_type=Path))
@json_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "csv"]),
    help="Write a report in this format to -o FILE.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Report file (with --format)."
)
@click.option(
    "--record",
    is_flag=True,
    help="Keep the parties as subjects and open a case, keeping the shipment and its "
    "decision, when a finding needs review.",
)
@user_option(required=False)
@db_option
def screen(
    file: Path,
    as_json: bool,
    fmt: str | None,
    output: Path | None,
    record: bool,
    user: str,
    db: str,
) -> None:
    """Screen one shipment (JSON) and print its decision with every finding.

    Example: chokepoint shipment screen order.json --json --record --user alice
    """
    if fmt and not output:
        raise click.UsageError("--format needs -o FILE")
    engine = engine_for(db)
    shipment = read_shipment(file)
    decision = screen_shipment(engine, shipment, snapshot_for(engine))
    recorded = (
        record_shipment(engine, shipment, decision, user=user, policy=case_policy())
        if record
        else None
    )
    if fmt and output:
        output.write_text(
            to_html(decision) if fmt == "html" else to_csv(decision), encoding="utf-8"
        )
        click.echo(f"{decision.reference}: {decision.decision} ({fmt} report in {output})")
    elif as_json:
        extra = {"case": recorded.to_dict()["case"], "note": recorded.note} if recorded else {}
        echo_json(decision.to_dict() | extra)
        return
    else:
        click.echo(to_text(decision))
    if recorded:
        click.echo(recorded.note)


@shipment.command("screen-file")
@click.argument("shipments", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    required=True,
    help="Decisions as JSON lines, one per shipment, in input order.",
)
@db_option
def screen_file(shipments: Path, output: Any, db: str) -> None:
    """Screen every shipment of a JSON-lines file; a bad line gets an error and the rest go on.

    Example: chokepoint shipment screen-file shipments.jsonl -o decisions.jsonl
    """
    counts: dict[str, int] = {}
    for result in screen_lines(engine_for(db), shipments):
        output.write(json.dumps(result, ensure_ascii=False) + "\n")
        key = result.get("decision", "ERROR")
        counts[key] = counts.get(key, 0) + 1
    click.echo(", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "no shipments", err=True)
