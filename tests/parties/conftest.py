"""Fixtures of the party tests.

- ``FIXTURES``: one person on the SDN list, the CSL's copy of it and the UN list; namesakes
  born 29 years apart on SDN and UN; a company on one list (``tests/fixtures/parties``).
- ``party_db``: a fresh SQLite database with those three lists loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chokepoint.model import entity_id
from tests.conftest import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parties"
# The person on three lists (in the order a party lists them: the publishers' own entries
# before the CSL's copy), and the two namesakes.
KOVALENKO = (
    entity_id("us_ofac_sdn", "90001"),
    entity_id("un_sc_sanctions", "7000001"),
    entity_id("us_trade_csl", "90001"),
)
MARTYNOV = (entity_id("us_ofac_sdn", "90002"), entity_id("un_sc_sanctions", "7000002"))


@pytest.fixture
def party_db(tmp_path: Path) -> str:
    db = str(tmp_path / "parties.db")
    load(db, FIXTURES)
    return db
