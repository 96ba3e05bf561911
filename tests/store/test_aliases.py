"""Ids of the form before migration 0008 (``us_ofac_sdn-90001``: history, so literals here)
stay valid input for entries loaded after it: the store's lookups, the CLI, ownership files."""

from __future__ import annotations

import json
from pathlib import Path

from chokepoint.model import entity_id
from chokepoint.store import open_db
from chokepoint.store.versions import current_entries, get_entity
from tests.cli.helpers import run

OLD_SDN = "us_ofac_sdn-90001"
OLD_CSL = "us_trade_csl-90001"


def test_the_store_finds_an_entry_by_its_old_id(party_db: str) -> None:
    engine = open_db(party_db)
    now = entity_id("us_ofac_sdn", "90001")
    assert get_entity(engine, OLD_SDN)["id"] == now
    with engine.connect() as conn:
        found = current_entries(conn, [OLD_SDN, OLD_CSL, "us_ofac_sdn-0"])
    assert {k: v.id for k, v in found.items()} == {
        OLD_SDN: now,
        OLD_CSL: entity_id("us_trade_csl", "90001"),
    }


def test_the_cli_and_an_ownership_file_take_old_ids(party_db: str, tmp_path: Path) -> None:
    shown = run("entity", OLD_SDN, "--json", "--db", party_db)
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == entity_id("us_ofac_sdn", "90001")
    owners = tmp_path / "owners.csv"
    owners.write_text(
        "owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source\n"
        f"{OLD_SDN},,alpha,ALPHA TRADING LLC,60,,,registry\n",
        encoding="utf-8",
    )
    loaded = run("ownership", "load", str(owners), "--json", "--db", party_db)
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.stdout)["listed_parties"] == 1
    explained = run("ownership", "explain", "alpha", "--json", "--db", party_db)
    paths = json.loads(explained.stdout)["paths"]
    assert paths and paths[0]["owners"][0] == entity_id("us_ofac_sdn", "90001")
