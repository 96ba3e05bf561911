"""Query by example, as yente's ``/match`` takes it: FtM entities in, for each one the
listed entities that match it, as FtM entities with a score, an explanation and their list.

What FtM says of a property decides its use: every name-type property gives names (first,
middle and last names are also combined into one), every country-type property a country,
every identifier-type property an identifier, ``birthDate`` and ``incorporationDate`` a
date. As in yente, a property the schema lacks is left out, and so is a value FtM cannot
clean (a birth date of "last spring"); an unknown or non-party schema refuses the request.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from followthemoney import model
from followthemoney.helpers import combine_names
from followthemoney.types import registry
from sqlalchemy import Engine

from chokepoint.errors import InputError, NotFoundError
from chokepoint.matching import Match, Query
from chokepoint.matching.index import Listed
from chokepoint.model import SCHEMATA
from chokepoint.ownership import get_state
from chokepoint.ownership.hits import ownership_hits
from chokepoint.parties import Parties
from chokepoint.parties.results import top_parties
from chokepoint.screening import Snapshot

DATE_PROPS = ("birthDate", "incorporationDate")
DEFAULT_DATASET = "default"  # yente's name for "every list"
SEARCH_CUTOFF = 0.001  # free-text search shows weak candidates too, not those scoring nothing


def party_schema(name: str) -> str | None:
    """The schema screened for an example's schema: itself when it is a party schema, the
    party schema it extends, or None for ``Thing`` (anything).

    >>> party_schema("Person"), party_schema("PublicBody"), party_schema("Thing")
    ('Person', 'Organization', None)
    """
    schema = model.get(name)
    if schema is None:
        raise InputError(f"unknown schema {name!r}")
    if name == "Thing":
        return None
    for party in (name, "Organization", "LegalEntity"):
        if party in SCHEMATA and schema.is_a(party):
            return party
    raise InputError(
        f"schema {name!r} is not a party: the lists hold {', '.join(SCHEMATA)} "
        "and the schemata extending them"
    )


@dataclass(frozen=True)
class Example:
    """One example as the matcher takes it, and as FtM cleaned it (echoed as ``query``)."""

    query: Query
    echo: dict[str, Any]


def read_example(
    schema: str,
    properties: Mapping[str, Sequence[str]],
    entity_id: str | None = None,
    max_names: int = 20,
) -> Example:
    """An FtM example as a ``Query``; ``InputError`` when it cannot be screened.

    >>> read_example("Person", {"firstName": ["Arkady"], "lastName": ["Rotenberg"],
    ...     "nationality": ["Russia"], "shoeSize": ["44"]}).query
    Query(names=('Arkady Rotenberg',), schema='Person', birth_dates=(), countries=('ru',), ids=())
    """
    screened = party_schema(schema)
    proxy = model.make_entity(schema)
    for prop, values in properties.items():
        if prop in proxy.schema.properties:
            proxy.add(prop, list(values), fuzzy=True, quiet=True)
    combine_names(proxy)
    names = list(dict.fromkeys(proxy.get_type_values(registry.name)))
    ids = proxy.get_type_values(registry.identifier)
    if len(names) > max_names:
        raise InputError(f"a query has {len(names)} names, more than the {max_names} allowed")
    if not names and not ids:
        raise InputError("a query needs a name or an identifier")
    dates = [d for prop in DATE_PROPS for d in proxy.get(prop, quiet=True)]
    countries = proxy.get_type_values(registry.country)
    echo: dict[str, Any] = proxy.to_dict()
    echo["id"] = entity_id
    return Example(Query.of(names, screened, dates, countries, ids), echo)


@dataclass(frozen=True)
class Scope:
    """The listed entities a request may return: its lists, less what it excludes."""

    lists: frozenset[str]
    every_list: bool = True
    schemata_out: frozenset[str] = field(default_factory=frozenset)
    ids_out: frozenset[str] = field(default_factory=frozenset)

    def keeps(self, listed: Listed) -> bool:
        return (
            listed.list in self.lists
            and listed.schema not in self.schemata_out
            and listed.id not in self.ids_out
        )

    @property
    def keep(self) -> Callable[[Listed], bool] | None:
        """The matcher's filter; None when nothing is left out, so it checks nothing."""
        everything = self.every_list and not self.schemata_out and not self.ids_out
        return None if everything else self.keeps


def scope_for(
    snapshot: Snapshot,
    dataset: str,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    exclude_schemata: Iterable[str] = (),
    exclude_ids: Iterable[str] = (),
) -> Scope:
    """``dataset`` is ``default`` (every list) or one list key; yente's include and exclude
    parameters narrow it further."""
    loaded = set(snapshot.lists)
    if dataset != DEFAULT_DATASET and dataset not in loaded:
        known = ", ".join([DEFAULT_DATASET, *sorted(loaded)])
        raise NotFoundError(f"no dataset {dataset!r} (one of {known})")
    lists = loaded if dataset == DEFAULT_DATASET else {dataset}
    include = set(include)
    lists = (lists & include if include else lists) - set(exclude)
    return Scope(
        frozenset(lists), lists == loaded, frozenset(exclude_schemata), frozenset(exclude_ids)
    )


@dataclass(frozen=True)
class Options:
    limit: int = 5
    threshold: float | None = None  # default: the fitted threshold
    cutoff: float | None = None  # default: the review threshold; never above the threshold


def scored_entity(
    match: Match, data: Mapping[str, Any] | None, parties: Parties | None = None
) -> dict[str, Any]:
    """A result as yente gives it (an FtM entity with ``score``, ``match``, ``features``),
    with the list and the publisher's id a screening record must carry; ``referents``
    are the ids of the same party's entries on other lists, ``party_id`` names the party."""
    data = data or {}
    parties = parties or Parties()
    result = {
        "id": match.id,
        "caption": match.caption,
        "schema": match.schema,
        "properties": data.get("properties", {}),
        "datasets": [match.list],
        "referents": parties.referents(match.id),
        "party_id": parties.party_id(match.id),
        "target": True,  # every entry of these lists is a restricted party
        "list": match.list,
        "list_id": match.list_id,
        "score": match.score,
        "match": match.match,
        "features": match.features,
        "explanation": match.explanation,
    }
    if match.sublist:
        result["sublist"] = match.sublist
    return result


def _results(
    engine: Engine, snapshot: Snapshot, found: Mapping[str, list[Match]]
) -> dict[str, list[dict[str, Any]]]:
    """Results (one per party: its best entry) with each entity's FtM properties, read in
    one query for the whole page, from the versions the index covers (not newer ones
    loaded meanwhile)."""
    entities = snapshot.entities(engine, (m.id for matches in found.values() for m in matches))
    return {
        key: [scored_entity(m, entities.get(m.id), snapshot.parties) for m in ms]
        for key, ms in found.items()
    }


def match_examples(
    engine: Engine,
    snapshot: Snapshot,
    examples: Mapping[str, Mapping[str, Any]],
    scope: Scope,
    options: Options,
    max_names: int = 20,
    deadline: float | None = None,
) -> dict[str, dict[str, Any]]:
    """yente's ``responses``: for each example (``{"schema", "properties", "id"}``) its
    results, total and cleaned query. Past ``deadline`` (``time.monotonic()``) the next
    query is not started: ``TimeoutError``."""
    read = {
        key: read_example(ex["schema"], ex["properties"], ex.get("id"), max_names)
        for key, ex in examples.items()
    }
    matcher = snapshot.matcher
    threshold = matcher.threshold if options.threshold is None else options.threshold
    cutoff = matcher.review_threshold if options.cutoff is None else options.cutoff
    found: dict[str, list[Match]] = {}
    for key, example in read.items():
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"stopped after {len(found)} of {len(read)} queries")
        fetch = partial(
            matcher.match,
            example.query,
            threshold=threshold,
            cutoff=min(cutoff, threshold),
            keep=scope.keep,
        )
        found[key] = [p.match for p in top_parties(fetch, snapshot.parties, options.limit)]
    results = _results(engine, snapshot, found)
    state = get_state(engine)
    responses: dict[str, dict[str, Any]] = {}
    for key in read:
        responses[key] = {
            "status": 200,
            "results": results[key],
            "total": total(len(results[key]), options.limit),
            "query": read[key].echo,
        }
        # Matched or named parties that blocked persons own or control; the key only when
        # there are some, so that other answers keep yente's shape exactly.
        matched = [m.id for m in found[key] if m.match]
        hits = ownership_hits(state, read[key].query.names, matched)
        if hits:
            responses[key]["ownership"] = [h.to_dict() for h in hits]
    return responses


def total(count: int, limit: int) -> dict[str, Any]:
    """yente's ``total``: exact below the limit; at it, there may be more."""
    return {"value": count, "relation": "gte" if count >= limit else "eq"}


def search(
    engine: Engine,
    snapshot: Snapshot,
    text: str,
    scope: Scope,
    schema: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> dict[str, Any]:
    """Free-text search by name: the matcher with a low cutoff, paged like yente's."""
    query = Query.of(text, party_schema(schema) if schema else None)
    if not query.names:
        raise InputError("q needs a name to search for")
    found = top_parties(
        lambda n: snapshot.matcher.match(query, n, cutoff=SEARCH_CUTOFF, keep=scope.keep),
        snapshot.parties,
        offset + limit,
    )
    page = _results(engine, snapshot, {"q": [p.match for p in found[offset:]]})["q"]
    return {
        "results": page,
        "total": total(len(found), offset + limit),
        "limit": limit,
        "offset": offset,
        "facets": {},
    }
