"""yente's ``/search``: listed entities by a text (or all of them, browsing), narrowed by
its filters, paged, with facet counts over every hit, not just the page shown.

Filters read what the match index keeps of each entity (list, sublist, schema,
countries); topics come from the list (``peers.publisher``), ``changed_since`` from the
list versions. Filters on one field combine with OR, as yente's default ``filter_op``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from followthemoney import model
from followthemoney.types import registry
from sqlalchemy import Engine

from chokepoint.by_example import Scope, _results, party_schema
from chokepoint.errors import QueryError
from chokepoint.matching import Match, Query
from chokepoint.matching.index import Listed
from chokepoint.peers import publisher
from chokepoint.screening import Snapshot
from chokepoint.store.versions import changed_since

SEARCH_CUTOFF = 0.001  # text search shows weak candidates too, not those scoring nothing
FACETS = ("datasets", "schema", "countries", "identifiers", "topics", "genders")
DEFAULT_FACETS = ("countries", "topics", "datasets")
FACET_LABELS = {
    "datasets": "Data sources",
    "schema": "Entity types",
    "countries": "Countries",
    "identifiers": "Identifiers",
    "topics": "Topics",
    "genders": "Genders",
}


@lru_cache(maxsize=64)
def matchable_names(schema: str) -> frozenset[str]:
    """The schemata an entity of ``schema`` can be (yente's schema filter: a Company
    search finds the Organizations and LegalEntities too)."""
    found = model.get(schema)
    return frozenset(s.name for s in found.matchable_schemata) if found else frozenset()


def topics(listed: Listed) -> tuple[str, ...]:
    found = publisher(listed.list, listed.sublist)
    return found.topics if found else ()


@dataclass(frozen=True)
class Filters:
    """yente's search filters; an empty one keeps everything."""

    schema: str = "Thing"
    exclude_schema: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    datasets: frozenset[str] = frozenset()
    target: bool | None = None
    changed_since: str | None = None
    ids: frozenset[str] | None = field(default=None, compare=False)  # from changed_since

    def keeps(self, listed: Listed) -> bool:
        if self.schema != "Thing" and listed.schema not in matchable_names(self.schema):
            return False
        if listed.schema in self.exclude_schema:
            return False
        if self.countries and not self.countries.intersection(listed.countries):
            return False
        listed_topics = topics(listed)
        if self.topics and not self.topics.intersection(listed_topics):
            return False
        if self.datasets and listed.list not in self.datasets:
            return False
        is_target = bool(registry.topic.RISKS.intersection(listed_topics))
        if self.target is not None and is_target != self.target:
            return False
        return self.ids is None or listed.id in self.ids


def read_filters(
    engine: Engine,
    snapshot: Snapshot,
    *,
    schema: str = "Thing",
    exclude_schema: Iterable[str] = (),
    countries: Iterable[str] = (),
    topics: Iterable[str] = (),
    datasets: Iterable[str] = (),
    target: bool | None = None,
    since: str | None = None,
) -> Filters:
    if model.get(schema) is None:
        raise QueryError("Invalid schema")
    ids = None
    if since is not None:
        ids = frozenset(changed_since(engine, [v.id for v in snapshot.versions], since))
    return Filters(
        schema,
        frozenset(exclude_schema),
        frozenset(c.lower() for c in countries),
        frozenset(topics),
        frozenset(datasets),
        target,
        since,
        ids,
    )


def facet_counts(hits: Sequence[Listed], names: Iterable[str]) -> dict[str, Any]:
    """yente's facets: for each asked, its values over all hits with counts and labels."""
    out: dict[str, Any] = {}
    for name in names:
        counts: Counter[str] = Counter()
        for listed in hits:
            if name == "datasets":
                counts[listed.list] += 1
            elif name == "schema":
                counts[listed.schema] += 1
            elif name == "countries":
                counts.update(set(listed.countries))
            elif name == "topics":
                counts.update(set(topics(listed)))
        out[name] = {
            "label": FACET_LABELS[name],
            "values": [
                {"name": value, "label": facet_label(name, value), "count": count}
                for value, count in counts.most_common()
            ],
        }
    return out


def facet_label(facet: str, value: str) -> str:
    if facet == "countries":
        return str(registry.country.caption(value) or value)
    if facet == "topics":
        return str(registry.topic.caption(value) or value)
    if facet == "schema":
        schema = model.get(value)
        return str(schema.label) if schema else value
    return value


def search(
    engine: Engine,
    snapshot: Snapshot,
    text: str,
    scope: Scope,
    filters: Filters,
    limit: int = 10,
    offset: int = 0,
    facets: Sequence[str] = DEFAULT_FACETS,
) -> dict[str, Any]:
    """A page of the listed entities named like ``text`` (best first) or, with no text,
    of all of them (by id), among those ``scope`` and ``filters`` keep."""

    def keep(listed: Listed) -> bool:
        return scope.keeps(listed) and filters.keeps(listed)

    hits: list[Listed]
    matches: list[Match]
    text = text.strip()
    if text:
        schema = None if filters.schema == "Thing" else filters.schema
        query = Query.of(text, party_schema(schema) if schema else None)
        every = len(snapshot.matcher.index.entities)
        matches = snapshot.matcher.match(query, every, cutoff=SEARCH_CUTOFF, keep=keep)
        by_id = {listed.id: listed for listed in _listed(snapshot, {m.id for m in matches})}
        hits = [by_id[m.id] for m in matches]
        shown = matches[offset : offset + limit]
    else:
        hits = sorted(filter(keep, snapshot.matcher.index.entities), key=lambda e: e.id)
        shown = [browsed(listed) for listed in hits[offset : offset + limit]]
    return {
        "results": _results(engine, snapshot, {"q": shown})["q"],
        "total": {"value": len(hits), "relation": "eq"},
        "limit": limit,
        "offset": offset,
        "facets": facet_counts(hits, facets),
    }


def _listed(snapshot: Snapshot, ids: set[str]) -> Iterable[Listed]:
    return (e for e in snapshot.matcher.index.entities if e.id in ids)


def browsed(listed: Listed) -> Match:
    """An entity shown while browsing: no text, so no score."""
    return Match(
        listed.id,
        listed.list,
        listed.list_id,
        listed.caption,
        listed.schema,
        0.0,
        False,
        listed.sublist,
    )
