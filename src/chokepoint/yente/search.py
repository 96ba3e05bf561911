"""yente's ``/search``: listed entities by a text (or all of them, browsing), narrowed by
its filters, paged, with facet counts over every hit, not just the page shown.

Filters read what the match index keeps of each entity (list, sublist, schema,
countries); topics come from the list (``peers.publisher``), ``changed_since`` from the
list versions. Filters on one field combine with OR, as yente's default ``filter_op``, or
with AND. ``filter=field:value`` takes yente's fields that these facts hold; ``sort`` the
fields a result has without reading the database. Without ``fuzzy`` (yente's default) a
text keeps only the entities whose names hold each of its words, as yente's
``query_string`` does with no fuzziness; with it, the matcher's candidates, weak ones
included.
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

from chokepoint.errors import QueryError
from chokepoint.matching import Match, Query
from chokepoint.matching.index import Index, Listed
from chokepoint.matching.normalize import name_tokens
from chokepoint.peers import publisher
from chokepoint.screening import Snapshot
from chokepoint.store.versions import changed_since
from chokepoint.yente.by_example import Scope, _results, party_schema

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


# yente's ``filter=field:value`` fields that the index's facts answer.
FILTER_FIELDS = ("countries", "topics", "datasets", "schema", "target")
# yente's ``sort=field[:asc|desc]`` fields a result has without reading the database.
SORT_FIELDS = ("_score", "entity_id", "id", "caption", "schema", "datasets")


@dataclass(frozen=True)
class Filters:
    """yente's search filters; an empty one keeps everything. Values on one field
    combine with OR, or with ``all_of`` (yente's ``filter_op=AND``) each must hold."""

    schema: str = "Thing"
    exclude_schema: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    datasets: frozenset[str] = frozenset()
    target: frozenset[bool] = frozenset()
    changed_since: str | None = None
    ids: frozenset[str] | None = field(default=None, compare=False)  # from changed_since
    schemata: frozenset[str] = frozenset()  # filter=schema:X, the schema itself
    all_of: bool = False

    def _holds(self, wanted: frozenset[Any], has: Iterable[Any]) -> bool:
        if not wanted:
            return True
        has = set(has)
        return wanted <= has if self.all_of else bool(wanted & has)

    def keeps(self, listed: Listed) -> bool:
        if self.schema != "Thing" and listed.schema not in matchable_names(self.schema):
            return False
        if listed.schema in self.exclude_schema:
            return False
        listed_topics = topics(listed)
        is_target = bool(registry.topic.RISKS.intersection(listed_topics))
        return (
            self._holds(self.countries, listed.countries)
            and self._holds(self.topics, listed_topics)
            and self._holds(self.datasets, (listed.list,))
            and self._holds(self.schemata, (listed.schema,))
            and self._holds(self.target, (is_target,))
            and (self.ids is None or listed.id in self.ids)
        )


def field_filters(given: Iterable[str]) -> dict[str, list[str]]:
    """yente's ``filter`` values (``field:value``) by field; 400 as yente for one without
    a colon, and for a field the index cannot answer (yente's property fields)."""
    out: dict[str, list[str]] = {f: [] for f in FILTER_FIELDS}
    for item in given:
        name, sep, value = item.partition(":")
        if not sep:
            raise QueryError(f"Invalid filter: {item!r}")
        if name not in out:
            raise QueryError(
                f"filter on {name!r} is not supported (fields: {', '.join(FILTER_FIELDS)})"
            )
        out[name].append(value)
    return out


def truth(value: str) -> bool:
    """A ``target:`` filter value as Elasticsearch reads a boolean term."""
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise QueryError(f"Invalid filter: 'target:{value}' (true or false)")


def read_sorts(given: Iterable[str]) -> tuple[tuple[str, bool], ...]:
    """yente's ``sort`` values -> (field, descending); an order other than ``asc`` or
    ``desc`` is ``asc``, as yente reads it; a field no result has here: 400."""
    out = []
    for item in given:
        name, order = item.rsplit(":", 1) if ":" in item else (item, "asc")
        if name not in SORT_FIELDS:
            raise QueryError(f"cannot sort by {name!r} (fields: {', '.join(SORT_FIELDS)})")
        out.append((name, order == "desc"))
    return tuple(out)


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
    fields: Iterable[str] = (),
    all_of: bool = False,
) -> Filters:
    """The filters of a request: its parameters, and its ``filter=field:value`` items
    added to the same fields, as yente adds them."""
    if model.get(schema) is None:
        raise QueryError("Invalid schema")
    extra = field_filters(fields)
    ids = None
    if since is not None:
        ids = frozenset(changed_since(engine, [v.id for v in snapshot.versions], since))
    targets = [truth(v) for v in extra["target"]] + ([] if target is None else [target])
    return Filters(
        schema,
        frozenset(exclude_schema),
        frozenset(c.lower() for c in [*countries, *extra["countries"]]),
        frozenset([*topics, *extra["topics"]]),
        frozenset([*datasets, *extra["datasets"]]),
        frozenset(targets),
        since,
        ids,
        frozenset(extra["schema"]),
        all_of,
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
    fuzzy: bool = True,
    sorts: Sequence[tuple[str, bool]] = (),
) -> dict[str, Any]:
    """A page of the listed entities named like ``text`` (best first) or, with no text,
    of all of them (by id), among those ``scope`` and ``filters`` keep; ``sorts`` (field,
    descending) first, then score and id, as yente sorts."""

    def keep(listed: Listed) -> bool:
        return scope.keeps(listed) and filters.keeps(listed)

    hits: list[Listed]
    matches: list[Match]
    text = text.strip()
    if text:
        schema = None if filters.schema == "Thing" else filters.schema
        query = Query.of(text, party_schema(schema) if schema else None)
        index = snapshot.matcher.index
        if not fuzzy:
            words = set(name_tokens(text, party_schema(schema) if schema else None))
            held = tokens_of(index)

            def keep(listed: Listed) -> bool:
                return (
                    scope.keeps(listed)
                    and filters.keeps(listed)
                    and words <= held.get(index.by_id[listed.id], frozenset())
                )

        every = len(index.entities)
        matches = snapshot.matcher.match(query, every, cutoff=SEARCH_CUTOFF, keep=keep)
        by_id = {listed.id: listed for listed in _listed(snapshot, {m.id for m in matches})}
        pairs = [(by_id[m.id], m) for m in matches]
    else:
        found = sorted(filter(keep, snapshot.matcher.index.entities), key=lambda e: e.id)
        pairs = [(listed, browsed(listed)) for listed in found]
    for name, descending in reversed(sorts):  # stable: the first sort field decides first
        pairs.sort(key=lambda pair: sort_key(pair, name), reverse=descending)
    hits = [listed for listed, _ in pairs]
    shown = [m for _, m in pairs[offset : offset + limit]]
    return {
        "results": _results(engine, snapshot, {"q": shown})["q"],
        "total": {"value": len(hits), "relation": "eq"},
        "limit": limit,
        "offset": offset,
        "facets": facet_counts(hits, facets),
    }


def sort_key(pair: tuple[Listed, Match], name: str) -> Any:
    listed, found = pair
    if name == "_score":
        return found.score
    if name in ("entity_id", "id"):
        return listed.id
    return listed.list if name == "datasets" else getattr(listed, name)


_tokens: dict[int, tuple[Index, dict[int, frozenset[str]]]] = {}


def tokens_of(index: Index) -> dict[int, frozenset[str]]:
    """Entity number -> the words of all its names, for the text filter without
    fuzziness; made once per index (the last one kept)."""
    cached = _tokens.get(id(index))
    if cached is None or cached[0] is not index:
        words: dict[int, set[str]] = {}
        for number, name in zip(index.name_entity, index.name_tokens, strict=True):
            words.setdefault(int(number), set()).update(name)
        _tokens.clear()
        cached = _tokens[id(index)] = (index, {k: frozenset(v) for k, v in words.items()})
    return cached[1]


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
