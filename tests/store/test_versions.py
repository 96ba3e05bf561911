"""Versions are written atomically: a failure mid-write leaves the current one in place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chokepoint.model import ListedEntity
from chokepoint.store import open_db
from chokepoint.store.versions import current_versions, get_entity, write_version


def people(*names: str) -> list[ListedEntity]:
    out = []
    for n, name in enumerate(names, 1):
        entity = ListedEntity.make("test_list", str(n), "Person")
        entity.add("name", name)
        out.append(entity)
    return out


def test_failure_while_writing_keeps_the_previous_version(db_url: str) -> None:
    engine = open_db(db_url)
    write_version(
        engine,
        list_key="test_list",
        entities=people("ANNA A"),
        files={},
        source="t",
        published=None,
    )

    def broken() -> Iterator[ListedEntity]:
        yield from people("BORIS B", "CARL C")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_version(
            engine, list_key="test_list", entities=broken(), files={}, source="t", published=None
        )
    (current,) = current_versions(engine)
    assert (current.version, current.entities) == (1, 1)
    assert get_entity(engine, "test_list-1")["caption"] == "ANNA A"


def test_invalid_values_are_kept_as_flags() -> None:
    (entity,) = people("DORA D")
    entity.add("birthDate", "3017-08-22x")
    entity.add("imoNumber", "IMO 1234567")  # a person has no IMO number
    data = entity.to_dict()
    assert data["flags"] == [
        {"prop": "birthDate", "value": "3017-08-22x", "problem": "not a valid date"},
        {"prop": "imoNumber", "value": "IMO 1234567", "problem": "no property imoNumber on Person"},
    ]
