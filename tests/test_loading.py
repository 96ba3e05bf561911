"""Loading lists as a hostile file or an unlucky operator would: a shrunken list, a nameless
entry, a megabyte-long word, a failure before the switch, two loads at once."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from chokepoint.audit import entries
from chokepoint.lists import loader
from chokepoint.lists.loader import load_lists
from chokepoint.matching import Query
from chokepoint.model import entity_id
from chokepoint.screening import get_snapshot, index_key, screen, stored_index
from chokepoint.settings import Settings
from chokepoint.store import open_db
from chokepoint.store.versions import current_versions, list_history
from tests.cli.helpers import copy_list, run, status
from tests.live_server import CLI
from tests.test_screening import write_list

UN = "un_sc_sanctions"


def refused(result_stderr: str, key: str, old: str, new: str) -> None:
    """One line naming the list and both counts."""
    (line,) = result_stderr.splitlines()
    assert line.startswith(f"Error: {key}: ") and old in line and new in line
    assert "--allow-shrink" in line


def test_a_list_cut_to_a_tenth_is_refused_unless_allowed(db_url: str, tmp_path: Path) -> None:
    folder = copy_list("us_trade_csl", tmp_path)
    assert run("lists", "load", str(folder), "--db", db_url).exit_code == 0
    path = folder / "consolidated.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    out = io.StringIO()
    csv.writer(out).writerows(rows[: len(rows) // 10])  # the first 10%, cut at a row
    path.write_text(out.getvalue(), encoding="utf-8")
    before = status(db_url)["us_trade_csl"]

    result = run("lists", "load", str(folder), "--db", db_url)
    assert result.exit_code == 2
    refused(result.stderr, "us_trade_csl", f"{before['entities']:,}", "entities where")
    assert status(db_url)["us_trade_csl"] == before

    allowed = run("lists", "load", str(folder), "--allow-shrink", "--db", db_url)
    assert allowed.exit_code == 0, allowed.output
    assert status(db_url)["us_trade_csl"]["version"] == 2
    (row,) = [e for e in entries(open_db(db_url)) if e.payload and e.object == "list:us_trade_csl"][
        -1:
    ]
    assert json.loads(row.payload)["allow_shrink"] is True


def test_a_one_row_denied_persons_file_is_refused(db_url: str, tmp_path: Path) -> None:
    folder = copy_list("us_bis_denied", tmp_path)
    run("lists", "load", str(folder), "--db", db_url)
    dpl = folder / "dpl.txt"
    dpl.write_text("\n".join(dpl.read_text(encoding="utf-8").splitlines()[:2]) + "\n")
    result = run("lists", "load", str(folder), "--db", db_url)
    assert result.exit_code == 2
    refused(result.stderr, "us_bis_denied", "546", "1 entities")
    assert status(db_url)["us_bis_denied"]["version"] == 1


def test_an_entry_with_no_name_is_refused(db_url: str, tmp_path: Path) -> None:
    folder = copy_list(UN, tmp_path)
    run("lists", "load", str(folder), "--db", db_url)
    xml = folder / "consolidated.xml"
    nameless = "<INDIVIDUAL><DATAID>1</DATAID><VERSIONNUM>1</VERSIONNUM></INDIVIDUAL>"
    text = xml.read_text(encoding="utf-8").replace("<INDIVIDUAL>", nameless + "<INDIVIDUAL>", 1)
    xml.write_text(text, encoding="utf-8")
    result = run("lists", "load", str(folder), "--db", db_url)
    assert result.exit_code == 2
    refused(result.stderr, UN, "1,003", "1 of 1,004 entities have no name")
    assert status(db_url)[UN]["version"] == 1


def test_update_official_applies_the_same_guard(db_url: str, tmp_path: Path) -> None:
    from tests.cli.test_update import serve

    root = tmp_path / "mirror"
    folder = copy_list("us_bis_denied", root)
    served = serve(root)
    base = next(served)
    try:
        args = ("lists", "update", "--official", "--only", "us_bis_denied", "--base-url", base)
        assert run(*args, "--db", db_url).exit_code == 0
        dpl = folder / "dpl.txt"
        dpl.write_text("\n".join(dpl.read_text(encoding="utf-8").splitlines()[:2]) + "\n")
        result = run(*args, "--db", db_url)
        assert result.exit_code == 2
        refused(result.stderr, "us_bis_denied", "546", "1 entities")
        assert run(*args, "--allow-shrink", "--db", db_url).exit_code == 0
    finally:
        next(served, None)
    assert status(db_url)["us_bis_denied"]["entities"] == 1
    actions = [e.action for e in entries(open_db(db_url))]
    assert actions == ["list.update", "list.update"]


def test_a_megabyte_long_word_loads_and_screening_still_finds_names(tmp_path: Path) -> None:
    folder = tmp_path / "ftm_hostile"
    folder.mkdir()
    lines = [
        {"id": "long", "schema": "Person", "properties": {"name": ["ab" * 500_000]}},
        {"id": "ok", "schema": "Person", "properties": {"name": ["Boris Sample"]}},
    ]
    (folder / "e.json").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    db = str(tmp_path / "h.db")
    result = run("lists", "load", str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 with flagged values" in result.stdout
    engine = open_db(db)
    found = screen(engine, Query.of("Boris Sampel")).matches
    assert found[0].id == entity_id("ftm_hostile", "ok")
    assert screen(engine, Query.of("ab" * 100)).matches[0].id == entity_id("ftm_hostile", "long")


def test_a_failure_before_the_switch_leaves_every_list_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = open_db(str(tmp_path / "a.db"))
    write_list(tmp_path / "v1", "ftm_a", "Anna Example")
    write_list(tmp_path / "v1", "ftm_b", "Boris Sample")
    load_lists(engine, tmp_path / "v1")
    write_list(tmp_path / "v2", "ftm_a", "Anna Example", "Carl Other")
    write_list(tmp_path / "v2", "ftm_b", "Boris Sample", "Dora Else")

    def killed(*_: object, **__: object) -> None:
        raise RuntimeError("killed")  # stands for a kill after both lists were staged

    monkeypatch.setattr(loader, "build_index", killed)
    with pytest.raises(RuntimeError, match="killed"):
        load_lists(engine, tmp_path / "v2")
    assert {v.list: v.version for v in current_versions(engine)} == {"ftm_a": 1, "ftm_b": 1}
    assert [v.version for v in list_history(engine, "ftm_a")] == [1]
    monkeypatch.undo()
    load_lists(engine, tmp_path / "v2")
    assert {v.list: v.version for v in current_versions(engine)} == {"ftm_a": 2, "ftm_b": 2}
    assert get_snapshot(engine, build=False).lists == {"ftm_a": 2, "ftm_b": 2}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def load_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "two.db")
    url: str = request.getfixturevalue("pg_url")
    return url


def test_two_loads_at_once_take_turns(load_db: str, tmp_path: Path) -> None:
    folder = copy_list(UN, tmp_path)
    load = [CLI, "lists", "load", str(folder), "--db", load_db]
    procs = [
        subprocess.Popen(load, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert "Traceback" not in err
        assert proc.returncode == 0, err  # the second waited its turn
    engine = open_db(load_db)
    assert [v.version for v in list_history(engine, UN)] == [1, 2]
    assert stored_index(engine, index_key(current_versions(engine))) is not None
    assert [e.action for e in entries(engine)] == ["list.load", "list.load"]


def test_the_limits_given_to_the_loader_are_the_ones_obeyed(
    db_url: str, tmp_path: Path, settings_env: Callable[[str, str], None]
) -> None:
    """``max_shrink`` and ``max_file_mb`` come in the settings the caller passes, whatever
    the environment says (the loader once read them from there)."""
    settings_env("CHOKEPOINT_MAX_SHRINK", "0.99")
    settings_env("CHOKEPOINT_MAX_FILE_MB", "1000")
    engine = open_db(db_url)
    folder = copy_list("us_bis_denied", tmp_path)
    assert load_lists(engine, folder)[0].version is not None
    dpl = folder / "dpl.txt"
    lines = dpl.read_text(encoding="utf-8").splitlines()
    dpl.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")  # half gone

    strict = Settings(max_shrink=0.4)
    (shrunk,) = load_lists(engine, folder, settings=strict)
    assert shrunk.error is not None and "a drop of" in shrunk.error
    (lenient,) = load_lists(engine, folder, settings=Settings(max_shrink=0.6))
    assert lenient.version is not None and lenient.version.version == 2

    tiny = Settings(max_file_mb=0)  # every file is over a limit of 0 bytes
    (too_big,) = load_lists(engine, folder, settings=tiny, allow_shrink=True)
    assert too_big.error is not None and "over the limit of 0" in too_big.error
