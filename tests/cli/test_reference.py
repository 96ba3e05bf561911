"""docs/cli.md is what the commands say of themselves (``make docs`` regenerates it)."""

from __future__ import annotations

from pathlib import Path

from chokepoint.cli.reference import reference

DOC = Path(__file__).parents[2] / "docs" / "cli.md"


def test_the_command_reference_is_up_to_date() -> None:
    assert DOC.read_text("utf-8") == reference(), "run `make docs` and commit docs/cli.md"


def test_the_reference_covers_every_command() -> None:
    text = reference()
    for command in ("chokepoint lists load", "chokepoint screen-file", "chokepoint cases decide"):
        assert f"## `{command}`" in text
