"""Every command says what it does and shows an example of its use."""

from __future__ import annotations

from collections.abc import Iterator

import click

from chokepoint.cli import main


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_has_an_example() -> None:
    missing = [name for name, c in commands(main) if "Example: chokepoint" not in (c.help or "")]
    assert missing == []
