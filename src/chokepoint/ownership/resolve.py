"""Names to listed entities through the matcher, at ``match: true`` only."""

from __future__ import annotations

from chokepoint.matching import Matcher, Query
from chokepoint.ownership.store import Resolver


def matcher_resolver(matcher: Matcher) -> Resolver:
    """A resolver that takes the best match when the matcher calls it a match.

    Used for rows of ownership data with a name and no id, and for ``explain NAME``; the
    user's own keys never go through it.
    """

    def resolve(name: str) -> tuple[str, str] | None:
        found = matcher.match(Query.of(name), limit=1)
        return (found[0].id, found[0].caption) if found and found[0].match else None

    return resolve
