"""``chokepoint entity`` and ``chokepoint export``: read what the lists hold."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from chokepoint.cli.options import db_option, echo_json, engine_for, json_option, output_option
from chokepoint.peers import export_entities, ftm_valid, peer_entity
from chokepoint.store.versions import get_entity, iter_entities


def format_entity(data: dict[str, Any]) -> str:
    """A readable view of one entity: header, then each property and its values.

    >>> print(format_entity({"id": "x-1", "schema": "Person", "caption": "A B",
    ...     "list": "x", "list_id": "1", "properties": {"name": ["A B"]}}))
    A B  [Person]  x-1 (list x, id 1)
      name: A B
    """
    head = f"{data.get('caption')}  [{data['schema']}]  {data['id']} "
    head += f"(list {data.get('list')}, id {data.get('list_id')}"
    head += f", sublist {data['sublist']})" if data.get("sublist") else ")"
    lines = [head]
    for prop, values in sorted(data.get("properties", {}).items()):
        lines.append(f"  {prop}: {'; '.join(values)}")
    for rel in data.get("relations", []):
        lines.append(f"  {rel['relation']}: {rel['name']}")
    for flag in data.get("flags", []):
        lines.append(f"  ! {flag['prop']} = {flag['value']!r}: {flag['problem']}")
    return "\n".join(lines)


@click.command("entity")
@click.argument("entity_id")
@json_option
@db_option
def entity(entity_id: str, as_json: bool, db: str) -> None:
    """Show one listed entity with everything known about it.

    Example: chokepoint entity us-ofac-sdn-16868 --json
    """
    data = ftm_valid(peer_entity(get_entity(engine_for(db), entity_id)))
    if as_json:
        echo_json(data)
    else:
        click.echo(format_entity(data))


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ftm"]),
    default="ftm",
    show_default=True,
    help="Output format: followthemoney JSON lines.",
)
@output_option
@db_option
def export(fmt: str, output: Any, db: str) -> None:  # noqa: ARG001 - one format so far
    """Write every entity of the current lists as followthemoney JSON lines, as a peer
    (yente, nomenklatura) loads them: topics from the list, and after each entity the
    Sanction of its listing and the links the list states, as FtM entities.

    Example: chokepoint export --format ftm -o entities.ftm.json
    """
    count = 0
    for data in export_entities(iter_entities(engine_for(db))):
        output.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    if output is not sys.stdout:
        click.echo(f"{count:,} entities written", err=True)
