"""What beside a name says a query and a listed entity are, or are not, the same party:
the kind of party (followthemoney's schemata), birth dates, countries.

Used as a careful analyst would: a person is never a company or a vessel (the candidate is
not scored at all); birth dates are compared at the precision each side gives, and a
difference of more than ``MAX_YEARS_APART`` years is a different person; a country weighs
less, since a listed party at a third country's address is what diversion looks like.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import prefixdate

from chokepoint.data import read_table

MAX_YEARS_APART = 2  # birth dates further apart than this are of different people

DateParts = tuple[int, ...]  # (year,), (year, month) or (year, month, day)


@cache
def _matchable() -> dict[str, frozenset[str]]:
    """Query schema -> the listed schemata it may match: followthemoney's
    ``matchable_schemata``, as ``data/matchable_schemata.csv`` writes them out (loading
    followthemoney's model would cost a cold screening a third of its time)."""
    found: dict[str, set[str]] = {}
    for row in read_table("matchable_schemata.csv"):
        found.setdefault(row["query"], set()).add(row["listed"])
    return {query: frozenset(listed) for query, listed in found.items()}


@cache
def can_match(query: str | None, listed: str) -> bool:
    """Whether a query of one schema may be a listed entity of another, as followthemoney's
    matchable schemata say; a query without a schema (or a ``Thing``) may be anything.

    >>> can_match("Person", "Company"), can_match("Person", "LegalEntity")
    (False, True)
    >>> can_match("LegalEntity", "Person"), can_match("Company", "Organization")
    (True, True)
    >>> can_match("Vessel", "Person"), can_match(None, "Vessel")
    (False, True)
    """
    matchable = _matchable().get(query or "")
    return matchable is None or listed in matchable


@cache
def date_parts(text: str) -> DateParts | None:
    """A date as precise as it is written.

    >>> date_parts("1962-12-13"), date_parts("1962"), date_parts("around then")
    ((1962, 12, 13), (1962,), None)
    """
    parsed = prefixdate.parse(text.strip()).text
    return tuple(int(p) for p in parsed.split("-")) if parsed else None


def compare_dates(query: Iterable[str], listed: Iterable[str]) -> str | None:
    """ "agrees" when a query date equals a listed one at the precision both give,
    "conflicts" when every pair is more than ``MAX_YEARS_APART`` years apart, else None
    (one side says nothing, or the dates are near without being equal).

    >>> compare_dates(["1962"], ["1962-12-13"]), compare_dates(["1990-01-01"], ["1962", "1989"])
    ('agrees', None)
    >>> compare_dates(["1985-07-12"], ["1960-01-01", "1961-01-01"])
    'conflicts'
    """
    ours = [p for d in query if (p := date_parts(d))]
    theirs = [p for d in listed if (p := date_parts(d))]
    if not ours or not theirs:
        return None
    pairs = [(q, t) for q in ours for t in theirs]
    if any(q[: len(t)] == t[: len(q)] for q, t in pairs):
        return "agrees"
    if all(abs(q[0] - t[0]) > MAX_YEARS_APART for q, t in pairs):
        return "conflicts"
    return None


def context_features(
    birth_dates: tuple[str, ...],
    countries: tuple[str, ...],
    listed_dates: tuple[str, ...],
    listed_countries: tuple[str, ...],
) -> dict[str, float]:
    """Birth date and country agreement or conflict, when both sides say.

    >>> context_features(("1962",), ("ir",), ("1962-12-13",), ("sy",))
    {'birth_date_agrees': 1.0, 'country_conflicts': 1.0}
    """
    out: dict[str, float] = {}
    if (dates := compare_dates(birth_dates, listed_dates)) is not None:
        out[f"birth_date_{dates}"] = 1.0
    if countries and listed_countries:
        agree = bool(set(countries) & set(listed_countries))
        out["country_agrees" if agree else "country_conflicts"] = 1.0
    return out
