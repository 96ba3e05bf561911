"""Running the CLI in-process, as a user would from a shell."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from chokepoint.cli import main
from tests.conftest import shared_lists


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def status(db: str) -> dict[str, dict[str, Any]]:
    result = run("lists", "status", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    return {row["list"]: row for row in json.loads(result.stdout)}


def copy_list(key: str, dest: Path) -> Path:
    """A writable copy of one shared list folder, for tests that alter files."""
    target = dest / key
    shutil.copytree(shared_lists() / key, target)
    for path in target.iterdir():
        path.chmod(0o644)
    target.chmod(0o755)
    return target
