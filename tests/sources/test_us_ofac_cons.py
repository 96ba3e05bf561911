"""OFAC consolidated non-SDN lists: the same layout, other file names."""

from __future__ import annotations

from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists


def test_every_entry_is_loaded_with_its_program() -> None:
    entities = {e.list_id: e for e in BY_KEY["us_ofac_cons"].parse(shared_lists() / "us_ofac_cons")}
    # cons_prim.csv has 443 lines: 442 entries and OFAC's end-of-file ^Z line.
    assert len(entities) == 442
    haniya = entities["9639"]
    assert haniya.id == "us_ofac_cons-9639"
    assert haniya.proxy.get("program") == ["NS-PLC"]
    assert haniya.proxy.get("birthDate") == ["1962"]
    assert haniya.proxy.get("birthPlace") == ["Shati"]
