"""The list registry's invariants: a new list or CSL sublist cannot be added half-way.

Without a row in ``data/list_severity.csv`` a sanctions list would quietly give REVIEW
instead of BLOCK, and its hits would skip four-eyes approval.
"""

from chokepoint.data import read_table
from chokepoint.sources import SOURCES
from chokepoint.sources.facts import blocking_table, is_blocking


def test_every_registered_list_says_whether_it_blocks() -> None:
    listed = {key for key, _ in blocking_table()}
    # ftm_* folders are any followthemoney dataset: what they mean is not known in advance.
    missing = {s.key for s in SOURCES if s.key != "ftm"} - listed
    assert not missing, f"add these lists to data/list_severity.csv: {sorted(missing)}"


def test_every_csl_sublist_says_whether_it_blocks() -> None:
    sublists = {r["sublist"] for r in read_table("csl_sources.csv")}
    missing = {s for s in sublists if ("us_trade_csl", s) not in blocking_table()}
    assert not missing, f"add these CSL sublists to data/list_severity.csv: {sorted(missing)}"


def test_the_table_names_only_registered_lists() -> None:
    keys = {s.key for s in SOURCES}
    assert {key for key, _ in blocking_table()} <= keys


def test_sanctions_lists_block_and_the_unverified_list_needs_review() -> None:
    assert is_blocking("us_ofac_sdn", None)
    assert is_blocking("un_sc_sanctions", None)
    assert is_blocking("us_trade_csl", "sdn")
    assert not is_blocking("us_trade_csl", "uvl")
    assert not is_blocking("us_ofac_cons", None)
