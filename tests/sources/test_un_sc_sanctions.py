"""UN Security Council consolidated list XML, on the real snapshot."""

from __future__ import annotations

from collections import Counter
from functools import cache

from chokepoint.model import ListedEntity
from chokepoint.sources import BY_KEY
from tests.conftest import shared_lists

SOURCE = BY_KEY["un_sc_sanctions"]
FOLDER = shared_lists() / "un_sc_sanctions"


@cache
def un() -> dict[str, ListedEntity]:
    return {e.list_id: e for e in SOURCE.parse(FOLDER)}


def test_counts_equal_the_publishers() -> None:
    assert Counter(e.schema for e in un().values()) == {"Person": 730, "Organization": 273}


def test_original_script_good_and_low_quality_aliases_are_kept_apart() -> None:
    person = un()["6908704"]
    assert person.caption == "Ahmad Oumar Imhamad al-Fitouri"
    assert "احمد عمر امحمد الفيتوري" in person.proxy.get("alias")
    weak, good = person.proxy.get("weakAlias"), person.proxy.get("alias")
    assert {"Al-Dabachi", "Al Ammu", "The Uncle"} <= set(weak)  # quality "Low"
    assert not set(weak) & set(good)
    assert person.proxy.get("passportNumber") == ["LY53FP76"]
    assert person.proxy.get("birthDate") == ["1988-05-07"]


def test_birth_dates_in_all_their_forms() -> None:
    assert un()["6908017"].proxy.get("birthDate") == ["1966-01-01", "1966-08-28", "1967"]


def test_publisher_date_is_the_generation_date() -> None:
    assert SOURCE.published(FOLDER) == "2026-02-27T00:00:09.554Z"
