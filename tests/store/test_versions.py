"""Versions are staged, then made current: a failure at any point before the switch leaves
the current ones in place, and a staged version never switched is in no history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from chokepoint.lists.loader import load_lists
from chokepoint.model import ListedEntity
from chokepoint.store import open_db
from chokepoint.store.transactions import write_transaction
from chokepoint.store.versions import current_versions, get_entity, list_history, stage_version
from tests.test_screening import write_list


def people(*names: str) -> list[ListedEntity]:
    out = []
    for n, name in enumerate(names):
        entity = ListedEntity.make("ftm_a", f"e{n}", "Person")
        entity.add("name", name)
        out.append(entity)
    return out


def stage(db: str, entities: Iterator[ListedEntity] | list[ListedEntity]) -> None:
    with write_transaction(open_db(db)) as conn:
        stage_version(
            conn, list_key="ftm_a", entities=entities, files={}, source="t", published=None
        )


def test_failure_while_staging_keeps_the_previous_version(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    load_lists(open_db(db), write_list(tmp_path / "v1", "ftm_a", "ANNA A"))

    def broken() -> Iterator[ListedEntity]:
        yield from people("BORIS B", "CARL C")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        stage(db, broken())
    (current,) = current_versions(open_db(db))
    assert (current.version, current.entities) == (1, 1)
    assert get_entity(open_db(db), current_id("e0"))["caption"] == "ANNA A"


def current_id(list_id: str) -> str:
    from chokepoint.model import entity_id

    return entity_id("ftm_a", list_id)


def test_a_staged_version_never_switched_is_invisible_then_replaced(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    engine = open_db(db)
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "ANNA A"))
    stage(db, people("BORIS B"))  # a load killed after staging, before the switch
    assert [v.version for v in list_history(engine, "ftm_a")] == [1]
    assert get_entity(engine, current_id("e0"))["caption"] == "ANNA A"
    load_lists(engine, write_list(tmp_path / "v2", "ftm_a", "CARL C"))
    assert [(v.version, v.current) for v in list_history(engine, "ftm_a")] == [
        (1, False),
        (2, True),
    ]
    assert get_entity(engine, current_id("e0"))["caption"] == "CARL C"


def test_invalid_values_are_kept_as_flags() -> None:
    (entity,) = people("DORA D")
    entity.add("birthDate", "3017-08-22x")
    entity.add("imoNumber", "IMO 1234567")  # a person has no IMO number
    data = entity.to_dict()
    assert data["flags"] == [
        {"prop": "birthDate", "value": "3017-08-22x", "problem": "not a valid date"},
        {"prop": "imoNumber", "value": "IMO 1234567", "problem": "no property imoNumber on Person"},
    ]


def test_a_value_longer_than_its_type_allows_is_cut_and_flagged() -> None:
    (entity,) = people("ab" * 500_000)
    (name,) = entity.proxy.get("name")
    assert len(name) == entity.proxy.schema.properties["name"].max_length
    (flag,) = entity.flags
    assert flag.prop == "name" and flag.problem.startswith("1,000,000 characters, cut to")
    assert len(flag.value) < 2000
