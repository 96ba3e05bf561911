"""The worked example of the README: a small group around three SDN entries of a fixture
list (``tests/fixtures/ownership/us_ofac_sdn``, fictional names) and the user's stakes
(``group.csv``: the listed owners given by name, resolved through the matcher, so the file
holds no id whose form may change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chokepoint.model import entity_id
from tests.cli.helpers import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ownership"
VOLKOV = entity_id("us_ofac_sdn", "90001")
PETROV = entity_id("us_ofac_sdn", "90002")
NORTHWIND = entity_id("us_ofac_sdn", "90003")


def group_csv(tmp_path: Path) -> Path:
    """A copy of the group's file that a test may extend."""
    path = tmp_path / "group.csv"
    path.write_bytes((FIXTURES / "group.csv").read_bytes())
    return path


@pytest.fixture
def group_db(any_db: str, tmp_path: Path) -> str:
    """The fixture list and the group's stakes, loaded on each backend in turn."""
    result = run("lists", "load", str(FIXTURES), "--db", any_db)
    assert result.exit_code == 0, result.output
    result = run("ownership", "load", str(group_csv(tmp_path)), "--db", any_db)
    assert result.exit_code == 0, result.output
    return any_db
