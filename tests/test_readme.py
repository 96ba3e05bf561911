"""The README's transcripts are what the commands print now: each block is run as shown
over the shared lists (``scripts/readme_blocks.py``) and compared with the committed text.
A change of output (a refit of the weights, a new column) fails here until ``make docs``
regenerates them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_dir

ROOT = Path(__file__).resolve().parents[1]


def test_the_readmes_transcripts_are_current() -> None:
    done = subprocess.run(
        [Path(sys.executable).with_name("cog"), "--check", "--diff", "-I", "scripts", "README.md"],
        cwd=ROOT,
        env={**os.environ, "CHOKEPOINT_SHARED": str(shared_dir())},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        f"run `make docs`: the README's transcripts changed\n{done.stdout}{done.stderr}"
    )
