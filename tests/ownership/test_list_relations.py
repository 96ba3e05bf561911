"""Stakes the lists state themselves: the UK list's parent companies and subsidiaries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from chokepoint.model import entity_id
from tests.cli.helpers import run

UK_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "gb_fcdo"


def test_a_uk_subsidiary_of_a_designated_firm_is_to_review(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "gb_fcdo"
    shutil.copytree(UK_FIXTURE, folder)
    xml = folder / "UK-Sanctions-List.xml"
    parent = "<ParentCompanies>"
    added = "<Subsidiaries><Subsidiary>ELEKTRON TRADING KZ LLP</Subsidiary></Subsidiaries>"
    xml.write_text(xml.read_text(encoding="utf-8").replace(parent, added + parent, 1))
    assert run("lists", "load", str(folder), "--db", db_url).exit_code == 0
    # The subsidiary is no list entry: it is known by its name, and screenable by it.
    result = run("ownership", "explain", "Elektron Trading KZ LLP", "--json", "--db", db_url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Its share is unknown: review under the UK rule, nothing under the others.
    assert data["status"] == {"ofac": "clear", "eu": "clear", "uk": "review", "bis": "clear"}
    assert data["paths"][0]["owners"] == [entity_id("gb_fcdo", "RUS9002"), data["id"]]
    screened = json.loads(run("screen", "ELEKTRON TRADING KZ LLP", "--json", "--db", db_url).stdout)
    assert screened["ownership"][0]["status"] == {"uk": "review"}
    # The parent the entry names is a party of the graph too.
    parent_of = run("ownership", "explain", entity_id("gb_fcdo", "RUS9002"), "--db", db_url)
    assert "listed (UK list): blocked under the UK ownership and control rule" in parent_of.output
