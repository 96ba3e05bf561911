"""The README's transcripts, generated from real runs by cog: ``make docs`` rewrites them,
``tests/test_readme.py`` fails when the committed README differs from what the commands
print now (a refit of the weights changes the scores: ``make docs`` again).

A block in the README is::

    <!-- [[[cog
    from readme_blocks import block, rows
    block("chokepoint lists load ../shared/lists --db /tmp/demo.db", ...)
    ]]] -->
    (generated)
    <!-- [[[end]]] -->

Each command is run as shown (``chokepoint`` is the CLI, called in this process: one import
and one loaded database for every block), and its output as a terminal shows it is kept
whole or cut as the block says. ``/tmp/demo.db`` (and ``lists.db``, as later sections call
it) names one database made fresh per run: the first block loads it, as ``make demo`` does;
the others read it. ``../shared`` is the
folder beside the checkout (``CHOKEPOINT_SHARED`` overrides it), as everywhere else.
"""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import cog  # cog's own module, there while cog runs
from click.testing import CliRunner

from chokepoint.cli import main

SHOWN_DBS = ("/tmp/demo.db", "lists.db")  # one database under both names
SHOWN_SHARED = "../shared"
_folder = tempfile.mkdtemp(prefix="chokepoint-readme-")
atexit.register(shutil.rmtree, _folder, True)
_db = str(Path(_folder) / "demo.db")

Keep = Callable[[list[str]], list[str]]


def rows(n: int) -> Keep:
    """The first line of each of the first ``n`` rows of a table (a row's first line is the
    one whose first cell, the score, is filled)."""

    def keep(lines: list[str]) -> list[str]:
        starts = [line for line in lines if line.startswith("│ ") and line[2:3].strip()]
        return starts[:n]

    return keep


def head(n: int) -> Keep:
    """The first ``n`` lines, then ``  ...`` when there were more."""

    def keep(lines: list[str]) -> list[str]:
        return lines[:n] + (["  ..."] if len(lines) > n else [])

    return keep


def run(command: str) -> list[str]:
    """What ``command`` prints on its standard output, run as shown."""
    words = shlex.split(command, comments=True)
    if words[0] != "chokepoint":
        raise ValueError(f"only chokepoint commands are run here: {command}")
    shared = os.environ.get("CHOKEPOINT_SHARED", SHOWN_SHARED)
    args = [_db if w in SHOWN_DBS else w.replace(SHOWN_SHARED, shared, 1) for w in words[1:]]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"{command} exited with {result.exit_code}: {result.stderr}")
    return result.stdout.rstrip("\n").splitlines()


def block(*commands: str | tuple[str, Keep]) -> None:
    """A fenced transcript of ``commands``, each ``$ command`` then its output (kept whole,
    or as its ``Keep`` says), written where cog's marker is."""
    out = ["```"]
    for number, item in enumerate(commands):
        command, keep = item if isinstance(item, tuple) else (item, None)
        lines = run(command)
        out += ([""] if number else []) + [f"$ {command}"] + (keep(lines) if keep else lines)
    out.append("```")
    cog.outl("\n".join(line.rstrip() for line in out))
