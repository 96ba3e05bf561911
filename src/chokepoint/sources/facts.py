"""What a confirmed match on a list means: the list facts decisions are made from.

The list registry owns them (``data/list_severity.csv``, one row per source and per CSL
sublist), so shipment rules and the four-eyes policy ask here instead of asking each other;
``tests/sources/test_registry.py`` fails when a registered source or sublist has no row.
"""

from __future__ import annotations

from functools import cache

from chokepoint.data import read_table


@cache
def blocking_table() -> dict[tuple[str, str], bool]:
    """(list, sublist) -> whether a confirmed match on it blocks (``data/list_severity.csv``)."""
    return {
        (r["list"], r["sublist"]): r["severity"] == "block" for r in read_table("list_severity.csv")
    }


def is_blocking(list_key: str, sublist: str | None) -> bool:
    """Whether a confirmed match on this list (or CSL sublist) blocks.

    A list with no row (an ``ftm_*`` dataset) does not: a person must look at it.

    >>> is_blocking("us_ofac_sdn", None), is_blocking("us_trade_csl", "entity_list")
    (True, True)
    >>> is_blocking("us_trade_csl", "uvl"), is_blocking("ftm_anything", None)
    (False, False)
    """
    table = blocking_table()
    found = table.get((list_key, sublist or ""))
    if found is None:
        found = table.get((list_key, ""))
    return bool(found)
