"""The index snapshot of the current versions: reused, swapped, never waited for twice.

Lists here are small FtM files written by the tests (folder name = list key), so that each
load takes milliseconds.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete

from chokepoint import screening
from chokepoint.lists.loader import load_lists
from chokepoint.matching import Query
from chokepoint.model import entity_id
from chokepoint.screening import get_snapshot
from chokepoint.store import open_db
from chokepoint.store.schema import match_indexes
from chokepoint.store.versions import get_entities
from tests.conftest import WAIT_SECONDS


def write_list(root: Path, key: str, *names: str) -> Path:
    folder = root / key
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps({"id": f"e{n}", "schema": "Person", "properties": {"name": [name]}})
        for n, name in enumerate(names)
    ]
    (folder / "entities.ftm.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_snapshot_is_reused_until_the_versions_change(tmp_path: Path) -> None:
    engine = open_db(str(tmp_path / "s.db"))
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "Anna Example"))
    first = get_snapshot(engine)
    assert get_snapshot(engine) is first
    assert first.lists == {"ftm_a": 1}
    load_lists(engine, write_list(tmp_path / "v2", "ftm_a", "Anna Example", "Boris Sample"))
    second = get_snapshot(engine)
    assert second.lists == {"ftm_a": 2}
    assert [m.caption for m in second.matcher.match(Query.of("Boris Sample"))] == ["Boris Sample"]


def test_while_another_thread_loads_the_previous_snapshot_is_served(tmp_path: Path) -> None:
    engine = open_db(str(tmp_path / "s.db"))
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "Anna Example"))
    old = get_snapshot(engine)
    load_lists(engine, write_list(tmp_path / "v2", "ftm_a", "Boris Sample"))
    # The lock held here stands for a thread busy loading the new index.
    with screening._lock:
        served = []
        reader = threading.Thread(target=lambda: served.append(get_snapshot(engine)))
        reader.start()
        reader.join(timeout=WAIT_SECONDS)
        assert not reader.is_alive() and served == [old]
    assert get_snapshot(engine).lists == {"ftm_a": 2}


def test_without_build_a_missing_index_keeps_the_previous_snapshot(tmp_path: Path) -> None:
    engine = open_db(str(tmp_path / "s.db"))
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "Anna Example"))
    old = get_snapshot(engine)
    load_lists(engine, write_list(tmp_path / "v2", "ftm_a", "Boris Sample"))
    # An index lost, or of an older format: it is rebuilt only where building is allowed.
    with engine.begin() as conn:
        conn.execute(delete(match_indexes))
    assert get_snapshot(engine, build=False) is old
    assert get_snapshot(engine).lists == {"ftm_a": 2}


def test_get_entities_reads_one_version_and_leaves_out_unknown_ids(tmp_path: Path) -> None:
    engine = open_db(str(tmp_path / "s.db"))
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "Anna Example"))
    v1 = get_snapshot(engine).versions[0].id
    load_lists(engine, write_list(tmp_path / "v2", "ftm_a", "Boris Sample"))
    e0 = entity_id("ftm_a", "e0")
    found = get_entities(engine, [e0, entity_id("ftm_a", "nope")], [v1])
    assert list(found) == [e0]
    assert found[e0]["properties"]["name"] == ["Anna Example"]
    assert get_entities(engine, [], [v1]) == {}


def test_a_snapshot_keeps_the_entities_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = open_db(str(tmp_path / "s.db"))
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "Anna Example", "Boris Sample"))
    snapshot = get_snapshot(engine)
    e0, e1 = entity_id("ftm_a", "e0"), entity_id("ftm_a", "e1")
    first = snapshot.entities(engine, [e0, entity_id("ftm_a", "nope")])
    assert list(first) == [e0]
    assert snapshot.entities(engine, [e0])[e0] is first[e0]
    # Past its bound the cache starts again rather than grow.
    monkeypatch.setattr(screening, "ENTITY_CACHE", 1)
    again = snapshot.entities(engine, [e1])
    assert list(snapshot._entities) == list(again) == [e1]
