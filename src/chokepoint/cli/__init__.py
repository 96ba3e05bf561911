"""The ``chokepoint`` command. Each sub-module adds one group of commands; all of them
parse options, call one library function and format its result.

A command's module is imported when the command runs (``COMMANDS``), so that a cold
``chokepoint screen`` does not pay for the imports of every other command (followthemoney,
SQLAlchemy, FastAPI: over a second).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from chokepoint import __version__
from chokepoint.errors import ChokepointError

# command name -> "module:attribute" in this package
COMMANDS = {
    "lists": "lists:lists",
    "entity": "entities:entity",
    "export": "entities:export",
    "screen": "screen:screen",
    "screen-file": "screen:screen_file",
    "shipment": "shipments:shipment",
    "cases": "cases:cases",
    "subjects": "subjects:subjects",
    "rescreen": "subjects:rescreen",
    "audit": "audit:audit",
    "ownership": "ownership:ownership",
    "serve": "serve:serve",
}


class ChokepointGroup(click.Group):
    """Turns library errors into one line on stderr and exit status 2, never a traceback;
    imports a command's module when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002 - click's
        return sorted(COMMANDS.keys() | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:  # noqa: ARG002
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(f"chokepoint.cli.{module}"), attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ChokepointError as exc:
            click.echo(f"Error: {exc.detail}", err=True)
            ctx.exit(2)
        except MemoryError:
            click.echo("Error: out of memory (input too large)", err=True)
            ctx.exit(2)
        except Exception as exc:
            if (detail := database_unavailable(exc)) is None:
                raise
            click.echo(f"Error: {detail}", err=True)
            ctx.exit(2)


def database_unavailable(exc: BaseException) -> str | None:
    """The one-line error of a database that is down, read-only or out of connections (not a
    bug), else None. SQLAlchemy is imported only when a command already did."""
    if "sqlalchemy" not in sys.modules:
        return None
    from chokepoint.store.db import UNAVAILABLE, unavailable

    return unavailable(exc).detail if isinstance(exc, UNAVAILABLE) else None


@click.group(cls=ChokepointGroup)
@click.version_option(__version__, prog_name="chokepoint")
def main() -> None:
    """Chokepoint: screen parties and shipments against the official restricted-party lists."""
