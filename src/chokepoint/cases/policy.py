"""Four-eyes: which hits need a second, different user to approve closing their case.

By default the blocking lists, as the list registry classifies them (``sources/facts.py``:
SDN, UN, EU, UK, Denied Persons, and the CSL's SDN, Entity List, DPL and ITAR debarred
sublists), and hits blocked by ownership (``ownership/blocked``);
``CHOKEPOINT_FOUR_EYES_LISTS`` replaces that choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from chokepoint.ownership.hits import BLOCKED
from chokepoint.ownership.hits import LIST as OWNERSHIP
from chokepoint.settings import get_settings
from chokepoint.sources.facts import is_blocking

if TYPE_CHECKING:
    from chokepoint.cases.model import Hit


def needs_approval(list_key: str, sublist: str | None) -> bool:
    """Whether a hit on this list (or ``list/sublist``) needs a second user.

    >>> needs_approval("us_ofac_sdn", None), needs_approval("us_trade_csl", "meu")
    (True, False)
    """
    configured = get_settings().four_eyes
    if configured is None:
        if list_key == OWNERSHIP:  # blocked by ownership: a block like a blocking list's
            return sublist == BLOCKED
        return is_blocking(list_key, sublist)
    return list_key in configured or f"{list_key}/{sublist}" in configured


def needs_second_user(hits: Iterable[Hit]) -> bool:
    """A case needs approval when any hit not suppressed is on a four-eyes list (its party's
    other entries count: a CSL copy of an SDN entry is on the SDN list)."""
    return any(needs_approval(*slot) for h in hits if not h.suppressed for slot in h.slots)
