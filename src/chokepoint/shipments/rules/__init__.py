"""The shipment rules, one module each, run in this order. To add a rule: a module with
``RULE = Rule(id, title, source, check)``, one line here, a test file."""

from chokepoint.shipments.rules import (
    diversion,
    embargoes,
    ownership,
    red_flags,
    restricted_parties,
    russia_belarus,
)
from chokepoint.shipments.rules.base import Rule

RULES: tuple[Rule, ...] = (
    restricted_parties.RULE,
    ownership.RULE,
    embargoes.RULE,
    russia_belarus.RULE,
    diversion.RULE,
    red_flags.RULE,
)
