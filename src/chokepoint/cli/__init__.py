"""The ``chokepoint`` command. Each sub-module adds one group of commands; all of them
parse options, call one library function and format its result."""

from __future__ import annotations

from typing import Any

import click

from chokepoint import __version__
from chokepoint.errors import ChokepointError
from chokepoint.store.db import UNAVAILABLE, unavailable


class ChokepointGroup(click.Group):
    """Turns library errors into one line on stderr and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ChokepointError as exc:
            click.echo(f"Error: {exc.detail}", err=True)
            ctx.exit(2)
        except UNAVAILABLE as exc:  # down, read-only, out of connections: not a bug
            click.echo(f"Error: {unavailable(exc).detail}", err=True)
            ctx.exit(2)
        except MemoryError:
            click.echo("Error: out of memory (input too large)", err=True)
            ctx.exit(2)


@click.group(cls=ChokepointGroup)
@click.version_option(__version__, prog_name="chokepoint")
def main() -> None:
    """Chokepoint: screen parties and shipments against the official restricted-party lists."""


def _register() -> None:
    # Imported here so that each module can import ``main`` without a cycle.
    from chokepoint.cli import audit, cases, entities, lists, screen, serve, shipments, subjects

    main.add_command(lists.lists)
    main.add_command(entities.entity)
    main.add_command(entities.export)
    main.add_command(screen.screen)
    main.add_command(screen.screen_file)
    main.add_command(shipments.shipment)
    main.add_command(cases.cases)
    main.add_command(subjects.subjects)
    main.add_command(subjects.rescreen)
    main.add_command(audit.audit)
    main.add_command(serve.serve)


_register()
