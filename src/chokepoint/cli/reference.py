"""The command reference, ``docs/cli.md``, generated from the commands' own help.

``make docs`` writes it; ``tests/cli/test_reference.py`` fails when it differs from what the
commands say, so a new command or option cannot go undocumented or be documented wrongly.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from chokepoint.cli import main

WIDTH = 100  # fixed, so the text does not depend on the terminal it is generated in

HEADER = """# Command reference

Generated from the commands' `--help` by `make docs` (`python -m chokepoint.cli.reference`);
a test fails when it is out of date. The README shows the commands at work.
"""


def walk(ctx: click.Context) -> Iterator[click.Context]:
    """Every command's context, depth first, groups before their commands."""
    yield ctx
    command = ctx.command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from walk(
                    click.Context(sub, info_name=name, parent=ctx, terminal_width=WIDTH)
                )


def reference() -> str:
    """The Markdown reference of every command: its usage, help and options."""
    root = click.Context(
        main, info_name="chokepoint", terminal_width=WIDTH, max_content_width=WIDTH
    )
    parts = [HEADER]
    for ctx in walk(root):
        parts.append(f"\n## `{ctx.command_path}`\n\n```\n{ctx.command.get_help(ctx)}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    click.echo(reference(), nl=False)
