"""US BIS Denied Persons List, on the real snapshot."""

from __future__ import annotations

from chokepoint.model import entity_id
from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists


def test_every_row_is_loaded_and_dirty_values_are_flagged_not_lost() -> None:
    rows = list(BY_KEY["us_bis_denied"].parse(shared_lists() / "us_bis_denied"))
    assert len(rows) == 546  # dpl.txt: a header and 546 rows
    flagged = {e.caption: [f.to_dict() for f in e.flags] for e in rows if e.flags}
    assert flagged["MANSOUR ZADEH"] == [
        {
            "prop": "Last_Update",
            "value": "3017-08-22",
            "problem": "implausible year 3017, kept as written",
        }
    ]
    assert len({e.id for e in rows}) == 546  # ids unique, even for repeated name and date


def test_ids_are_stable_and_readable() -> None:
    first = next(iter(BY_KEY["us_bis_denied"].parse(shared_lists() / "us_bis_denied")))
    assert first.caption == "ADRIAN MANUEL HERNANDEZ"
    assert first.list_id.startswith("20171016-")
    assert first.id == entity_id("us_bis_denied", first.list_id)
    assert first.proxy.get("createdAt") == ["2017-10-16"]
