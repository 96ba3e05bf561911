"""US Consolidated Screening List CSV, on the real snapshot."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity, entity_id
from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists

SOURCE = BY_KEY["us_trade_csl"]


@cache
def csl() -> list[ListedEntity]:
    return list(SOURCE.parse(shared_lists() / "us_trade_csl"))


def test_every_row_is_an_entity_with_its_sublist() -> None:
    rows = csl()
    assert len(rows) == 14160
    assert {e.list for e in rows} == {"us_trade_csl"}
    counts = Counter(e.sublist for e in rows)
    assert (counts["entity_list"], counts["meu"], counts["uvl"]) == (2001, 71, 201)


def test_entity_list_row_keeps_its_facts() -> None:
    plant = next(e for e in csl() if e.list_id == "4398d33e9e93c7477af39f1e0bfffc13ddd47bcc")
    assert plant.sublist == "entity_list"
    assert plant.caption == "140 Repair Plant JSC"
    assert "Open Joint Stock Company 140 Repair Plant" in plant.proxy.get("alias")
    assert plant.proxy.get("country") == ["by"]
    assert plant.proxy.get("createdAt") == ["2022-04-07"]
    assert any("Policy of denial" in n for n in plant.proxy.get("notes"))


def test_one_party_on_two_lists_with_one_id_keeps_both_rows() -> None:
    rows = [e for e in csl() if e.list_id == "34616"]
    assert sorted(e.id for e in rows) == [
        entity_id("us_trade_csl", "34616", "capta"),
        entity_id("us_trade_csl", "34616", "sdn"),
    ]


def test_header_without_id_column_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "us_trade_csl"
    folder.mkdir()
    (folder / "consolidated.csv").write_text("source,name\nX,Y\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="header lacks columns _id, type"):
        list(SOURCE.parse(folder))


def test_latin1_bytes_in_the_utf8_file_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "us_trade_csl"
    folder.mkdir()
    (folder / "consolidated.csv").write_bytes("_id,name\n1,M\xfcller\n".encode("latin-1"))
    with pytest.raises(ListFormatError, match=r"consolidated.csv: not valid utf-8 at byte 12"):
        list(SOURCE.parse(folder))
