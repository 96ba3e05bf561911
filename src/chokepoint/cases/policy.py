"""Four-eyes: which hits need a second, different user to approve closing their case.

By default the blocking lists, as the list registry classifies them (``sources/facts.py``:
SDN, UN, EU, UK, Denied Persons, and the CSL's SDN, Entity List, DPL and ITAR debarred
sublists), and hits blocked by ownership (``ownership/blocked``);
``CHOKEPOINT_FOUR_EYES_LISTS`` replaces that choice.

The deployment's choices come in a ``CasePolicy`` from the entry point (the CLI's settings,
``create_app(settings)``), never read here from the environment: a server handed its
settings is obeyed in its cases too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chokepoint.audit.key import DEFAULT_AUDIT, AuditConfig
from chokepoint.ownership.hits import BLOCKED
from chokepoint.ownership.hits import LIST as OWNERSHIP
from chokepoint.settings import DEFAULTS, Settings
from chokepoint.sources.facts import is_blocking

if TYPE_CHECKING:
    from chokepoint.cases.model import Hit


@dataclass(frozen=True)
class CasePolicy:
    """The settings cases obey: the four-eyes lists (None: the blocking lists), how many
    days a closed false positive suppresses the same hit, and the audit log's key and head
    file that their rows are written with."""

    four_eyes: frozenset[str] | None
    suppression_days: int
    audit: AuditConfig = DEFAULT_AUDIT

    @classmethod
    def of(cls, settings: Settings) -> CasePolicy:
        return cls(settings.four_eyes, settings.suppression_days, AuditConfig.of(settings))


DEFAULT_POLICY = CasePolicy.of(DEFAULTS)


def needs_approval(list_key: str, sublist: str | None, policy: CasePolicy = DEFAULT_POLICY) -> bool:
    """Whether a hit on this list (or ``list/sublist``) needs a second user.

    >>> needs_approval("us_ofac_sdn", None), needs_approval("us_trade_csl", "meu")
    (True, False)
    >>> needs_approval("us_ofac_sdn", None, CasePolicy(frozenset(), 365))
    False
    """
    configured = policy.four_eyes
    if configured is None:
        if list_key == OWNERSHIP:  # blocked by ownership: a block like a blocking list's
            return sublist == BLOCKED
        return is_blocking(list_key, sublist)
    return list_key in configured or f"{list_key}/{sublist}" in configured


def needs_second_user(hits: Iterable[Hit], policy: CasePolicy) -> bool:
    """A case needs approval when any hit not suppressed is on a four-eyes list (its party's
    other entries count: a CSL copy of an SDN entry is on the SDN list)."""
    return any(needs_approval(*slot, policy) for h in hits if not h.suppressed for slot in h.slots)
