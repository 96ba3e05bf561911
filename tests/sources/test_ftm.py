"""followthemoney JSON lines: any dataset of the field, parties only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chokepoint.errors import ListFormatError
from chokepoint.model import entity_id
from chokepoint.sources import BY_KEY

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ftm_sample"


def test_parties_are_kept_and_relations_skipped() -> None:
    entities = list(BY_KEY["ftm"].parse(FIXTURE))
    assert [e.id for e in entities] == [
        entity_id("ftm_sample", "NK-abc123"),
        entity_id("ftm_sample", "NK-def456"),
        entity_id("ftm_sample", "NK-ghi789"),
    ]
    assert entities[0].list == "ftm_sample" and entities[0].list_id == "NK-abc123"
    assert entities[0].proxy.get("birthDate") == ["1970-02-03"]
    assert entities[2].schema == "PublicBody"


def test_sanctions_and_links_are_kept_with_the_parties_they_point_at() -> None:
    anna, company, _ = BY_KEY["ftm"].parse(FIXTURE)
    assert sorted(e["schema"] for e in anna.adjacent) == ["Ownership", "Sanction"]
    (sanction,) = [e for e in anna.adjacent if e["schema"] == "Sanction"]
    assert sanction["properties"]["entity"] == [anna.id]
    assert sanction["properties"]["authority"] == ["Example Authority"]
    (ownership,) = company.adjacent
    assert ownership["properties"]["asset"] == [company.id]


def test_a_bad_line_is_refused_with_its_number(tmp_path: Path) -> None:
    folder = tmp_path / "ftm_bad"
    shutil.copytree(FIXTURE, folder)
    with (folder / "entities.ftm.json").open("a") as fh:
        fh.write('{"id": "x", "schema": "Spaceship"}\n')
    with pytest.raises(ListFormatError, match=r"entities.ftm.json: line 6: unknown schema"):
        list(BY_KEY["ftm"].parse(folder))
