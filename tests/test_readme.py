"""The README's transcripts are what the commands print now: each block is run as shown
over the shared lists (``scripts/readme_blocks.py``) and compared with the committed text.
A change of output (a refit of the weights, a new column) fails here until ``make docs``
regenerates them; so does a transcript pasted by hand outside cog's markers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_dir

ROOT = Path(__file__).resolve().parents[1]
GENERATED = re.compile(r"<!-- \[\[\[cog.*?<!-- \[\[\[end\]\]\] -->", re.S)
FENCED = re.compile(r"^```[a-z]*\n(.*?)^```", re.S | re.M)


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


def test_every_transcript_in_the_readme_is_generated() -> None:
    by_hand = GENERATED.sub("", (ROOT / "README.md").read_text(encoding="utf-8"))
    prompts = [
        line
        for block in FENCED.findall(by_hand)
        for line in block.splitlines()
        if line.startswith("$ ")
    ]
    assert not prompts, (
        "a transcript outside cog's markers: make it a block of scripts/readme_blocks.py\n"
        + "\n".join(prompts)
    )
