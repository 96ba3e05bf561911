"""`chokepoint lists load | status | diff`, `entity` and `export` on real list files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from chokepoint.model import entity_id
from tests.cli.helpers import copy_list, run, status
from tests.conftest import shared_lists


def test_load_then_status_reports_each_list(db_url: str) -> None:
    result = run(
        "lists",
        "load",
        str(shared_lists()),
        "--only",
        "us_bis_denied,un_sc_sanctions",
        "--db",
        db_url,
    )
    assert result.exit_code == 0, result.output
    assert "un_sc_sanctions: version 1, 1,003 entities" in result.stdout
    rows = status(db_url)
    assert set(rows) == {"us_bis_denied", "un_sc_sanctions"}
    un = rows["un_sc_sanctions"]
    assert set(un) == {"list", "entities", "version", "published", "loaded_at", "source"}
    assert un["entities"] == 1003 and un["version"] == 1
    assert un["published"].startswith("2026-02-27")


def test_entity_shows_everything_known(db_url: str) -> None:
    run("lists", "load", str(shared_lists() / "un_sc_sanctions"), "--db", db_url)
    export = run("export", "--format", "ftm", "--db", db_url)
    first = json.loads(export.stdout.splitlines()[0])
    shown = run("entity", first["id"], "--json", "--db", db_url)
    assert shown.exit_code == 0
    data = json.loads(shown.stdout)
    assert data["id"] == first["id"] and data["list"] == "un_sc_sanctions"
    assert data["id"] == entity_id("un_sc_sanctions", data["list_id"])
    text = run("entity", first["id"], "--db", db_url).stdout
    assert data["caption"] in text.splitlines()[0]


def test_unknown_entity_is_one_line_error(db_url: str) -> None:
    run("lists", "load", str(shared_lists() / "us_bis_denied"), "--db", db_url)
    unknown = entity_id("us_ofac_sdn", "0")
    result = run("entity", unknown, "--db", db_url)
    assert result.exit_code == 2
    assert result.stderr == f"Error: no entity {unknown!r} in the current lists\n"


def test_export_writes_every_current_entity(db_url: str, tmp_path: Path) -> None:
    run(
        "lists",
        "load",
        str(shared_lists()),
        "--only",
        "us_bis_denied,un_sc_sanctions",
        "--db",
        db_url,
    )
    out = tmp_path / "all.ftm.json"
    result = run("export", "--format", "ftm", "-o", str(out), "--db", db_url)
    assert result.exit_code == 0
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    listed = [e for e in entities if "list_id" in e]
    total = sum(r["entities"] for r in status(db_url).values())
    assert len(listed) == total
    assert {e["schema"] for e in listed} >= {"Person", "Organization"}
    # topics on every listed entity, so a peer's target flag and topic filters hold
    assert all(e["properties"]["topics"] and e["target"] for e in listed)
    # one Sanction per listing, pointing at its entity
    sanctioned = [s["properties"]["entity"][0] for s in entities if s["schema"] == "Sanction"]
    assert sorted(sanctioned) == sorted(e["id"] for e in listed)
    assert invalid_ftm(entities) == []


def invalid_ftm(entities: list[dict[str, Any]]) -> list[str]:
    """followthemoney's own validation of each entity: its id, its schema's required
    properties and every value valid for its type, entity references included (FtM's id
    rule); and every reference pointing at an entity of the export, so a peer keeps it."""
    bad = []
    ids = {data["id"] for data in entities}
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None
        if not registry.entity.validate(data["id"]):
            bad.append(f"{data['id']}: an id followthemoney refuses")
        try:
            schema.validate(data)
        except InvalidData as exc:
            bad.append(f"{data['id']}: {exc}")
        refs = {p.name for p in schema.properties.values() if p.type == registry.entity}
        for ref in refs:
            bad.extend(
                f"{data['id']}: {ref} points at {value}, not exported"
                for value in data["properties"].get(ref, [])
                if value not in ids
            )
    return bad


def test_reload_makes_a_new_version_and_diff_lists_changes(db_url: str, tmp_path: Path) -> None:
    folder = copy_list("us_bis_denied", tmp_path)
    run("lists", "load", str(folder), "--db", db_url)
    dpl = folder / "dpl.txt"
    header, first, second, *rest = dpl.read_text(encoding="utf-8").splitlines()
    # Drop one row, change another's street, add a new party.
    changed = second.replace('"\t"', '"\t"1 CHANGED STREET ', 1)
    added = (
        '"NEW PARTY LTD"\t"1 MAIN ST"\t"RIGA"\t""\t"LV"\t""\t"01/02/2024"\t"01/02/2034"'
        '\t"Y"\t"2024-01-03"\t"FR NOTICE ADDED"\t"89 F.R. 1 01/03/2024"\n'
    )
    dpl.write_text("\n".join([header, changed, *rest, added]), encoding="utf-8")
    assert run("lists", "load", str(folder), "--db", db_url).exit_code == 0
    assert status(db_url)["us_bis_denied"]["version"] == 2

    result = run("lists", "diff", "us_bis_denied", "--json", "--db", db_url)
    diff = json.loads(result.stdout)
    assert (diff["from"], diff["to"]) == (1, 2)
    assert [r["caption"] for r in diff["added"]] == ["NEW PARTY LTD"]
    assert len(diff["removed"]) == 1 and len(diff["changed"]) == 1
    assert first.split("\t")[0].strip('" ') in diff["removed"][0]["caption"].upper()

    text = run("lists", "diff", "us_bis_denied", "--from", "1", "--to", "2", "--db", db_url)
    assert "1 added, 1 removed, 1 changed" in text.stdout


def test_diff_of_unknown_version_names_the_versions(db_url: str) -> None:
    run("lists", "load", str(shared_lists() / "us_bis_denied"), "--db", db_url)
    result = run("lists", "diff", "us_bis_denied", "--to", "7", "--db", db_url)
    assert result.exit_code == 2
    assert "has no version 7 (versions: 1)" in result.stderr


def test_unchanged_reload_stores_no_new_content(db_url: str) -> None:
    for _ in range(2):
        run("lists", "load", str(shared_lists() / "us_bis_denied"), "--db", db_url)
    result = run("lists", "diff", "us_bis_denied", "--json", "--db", db_url)
    diff = json.loads(result.stdout)
    assert (diff["added"], diff["removed"], diff["changed"]) == ([], [], [])
