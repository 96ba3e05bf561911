"""One person on three lists is shown once, by the CLI and in cases; namesakes twice.

Every output of one line per list entry keeps its lines and names each entry's party.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import delete

from chokepoint.parties import own_party_id
from chokepoint.parties.store import stored_parties
from chokepoint.screening import build_index, get_snapshot
from chokepoint.store import open_db
from chokepoint.store.schema import party_groups
from tests.cli.helpers import run
from tests.parties.conftest import KOVALENKO, MARTYNOV

SCORE_ROW = re.compile(r"^│ \d\.\d\d ", re.M)  # a table row that starts a result
PARTY = own_party_id(KOVALENKO[0])
NAME = "Petro Ivanovich Kovalenko"  # named after the SDN entry, the publisher's own


def screen_json(db: str, name: str, *args: str) -> dict[str, object]:
    result = run("screen", name, "--json", "--db", db, *args)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_the_table_shows_a_person_on_three_lists_once(party_db: str) -> None:
    result = run("screen", NAME, "--db", party_db)
    assert result.exit_code == 0, result.output
    assert len(SCORE_ROW.findall(result.stdout)) == 1
    for entry in KOVALENKO:
        assert result.stdout.count(entry) >= 1
    # The row says why the entries are one party: the shared number, the name and birth date.
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "one party on us_ofac_sdn, un_sc_sanctions, us_trade_csl/sdn" in flat
    assert "OFAC number 90001" in flat
    assert "birth date 1961-04-12" in flat


def test_json_keeps_one_match_per_entry_each_naming_the_party(party_db: str) -> None:
    data = screen_json(party_db, NAME)
    matches = data["matches"]
    assert isinstance(matches, list)
    assert {m["id"] for m in matches} == set(KOVALENKO)
    assert {m["party_id"] for m in matches} == {PARTY}
    (party,) = data["parties"]  # type: ignore[misc]
    assert party["party_id"] == PARTY
    assert [e["id"] for e in party["entries"]] == list(KOVALENKO)
    assert party["lists"] == ["us_ofac_sdn", "un_sc_sanctions", "us_trade_csl/sdn"]


def test_namesakes_born_apart_are_two_rows(party_db: str) -> None:
    result = run("screen", "Oleg Martynov", "--db", party_db)
    assert len(SCORE_ROW.findall(result.stdout)) == 2
    data = screen_json(party_db, "Oleg Martynov")
    ids = {m["id"]: m["party_id"] for m in data["matches"]}  # type: ignore[attr-defined]
    assert set(ids) == set(MARTYNOV)
    assert ids[MARTYNOV[0]] != ids[MARTYNOV[1]]


def test_screen_file_keeps_its_lines_and_adds_the_party(party_db: str, tmp_path: Path) -> None:
    queries = tmp_path / "q.csv"
    queries.write_text(f"query_id,name\nk,{NAME}\nm,Oleg Martynov\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("screen-file", str(queries), "-o", str(out), "--db", party_db)
    assert result.exit_code == 0, result.output
    k, m = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert sorted(x["id"] for x in k["matches"]) == sorted(KOVALENKO)
    assert {x["party_id"] for x in k["matches"]} == {PARTY}
    assert len({x["party_id"] for x in m["matches"]}) == 2


def test_a_recorded_screening_holds_one_hit_per_party(party_db: str) -> None:
    data = screen_json(party_db, NAME, "--record", "--user", "alice")
    assert data["case"] is not None
    (hit,) = run_cases_show(party_db, data["case"])["hits"]
    assert hit["entity_id"] == KOVALENKO[0]
    assert hit["party_id"] == PARTY
    assert [(e["id"], e["list"]) for e in hit["party_entries"]] == [
        (KOVALENKO[1], "un_sc_sanctions"),
        (KOVALENKO[2], "us_trade_csl"),
    ]
    listing = run("cases", "show", str(data["case"]), "--db", party_db)
    assert f"also {KOVALENKO[1]}, {KOVALENKO[2]}" in listing.stdout


def run_cases_show(db: str, case: object) -> dict[str, list[dict[str, object]]]:
    result = run("cases", "show", str(case), "--json", "--db", db)
    assert result.exit_code == 0, result.output
    data: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return data


def test_party_ids_stay_the_same_across_reloads(party_db: str) -> None:
    engine = open_db(party_db)
    before = get_snapshot(engine).parties
    key, _ = build_index(engine)
    after = stored_parties(engine, key)
    assert after is not None and after.to_dict() == before.to_dict()
    assert after.party_id(KOVALENKO[2]) == PARTY


def test_a_recorded_shipment_holds_one_hit_per_party(party_db: str, tmp_path: Path) -> None:
    shipment = {
        "reference": "SO-9001",
        "parties": [
            {"role": "exporter", "name": "Kaffee Kontor Bremen GmbH", "country": "DE"},
            {"role": "consignee", "name": NAME, "country": "UA"},
        ],
        "items": [{"description": "Roasted coffee beans", "hs_code": "0901.21"}],
        "route": ["DE", "UA"],
    }
    path = tmp_path / "order.json"
    path.write_text(json.dumps(shipment), encoding="utf-8")
    result = run(
        "shipment", "screen", str(path), "--json", "--record", "--user", "a", "--db", party_db
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # Findings keep citing each entry matched; the case holds the party once.
    cited = {f.get("entity_id") for f in data["findings"]} - {None}
    assert cited == set(KOVALENKO)
    (hit,) = run_cases_show(party_db, data["case"])["hits"]
    assert (hit["entity_id"], hit["party_id"]) == (KOVALENKO[0], PARTY)


def test_a_database_from_before_parties_gets_them_on_first_use(party_db: str) -> None:
    engine = open_db(party_db)
    with engine.begin() as conn:
        conn.execute(delete(party_groups))
    snapshot = get_snapshot(engine)
    assert snapshot.parties.party_id(KOVALENKO[2]) == PARTY
    assert stored_parties(engine, snapshot.key) is not None
