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
from typing import Any

from followthemoney import model
from followthemoney.helpers import combine_names
from followthemoney.types import registry
from sqlalchemy import Engine

from chokepoint.errors import InputError, NotFoundError, QueryError
from chokepoint.matching import Match, Query
from chokepoint.matching.explain import explanations
from chokepoint.matching.index import Listed
from chokepoint.matching.matcher import Page
from chokepoint.model import SCHEMATA
from chokepoint.ownership import get_state
from chokepoint.ownership.hits import ownership_hits
from chokepoint.parties import Parties
from chokepoint.parties.results import top_parties
from chokepoint.peers import publisher
from chokepoint.screening import Snapshot
from chokepoint.store.aliases import old_form

DATE_PROPS = ("birthDate", "incorporationDate")
DEFAULT_DATASET = "default"  # yente's name for "every list"
SANCTIONS = "sanctions"  # yente's collection of sanctions lists


def party_schema(name: str) -> str | None:
    """The schema screened for an example's schema: itself when it is a party schema, the
    party schema it extends, or None for ``Thing`` (anything).

    >>> party_schema("Person"), party_schema("PublicBody"), party_schema("Thing")
    ('Person', 'Organization', None)
    """
    schema = model.get(name)
    if schema is None:
        raise QueryError(f"Cannot parse example entity: unknown schema {name!r}")
    if name == "Thing":
        return None
    for party in (name, "Organization", "LegalEntity"):
        if party in SCHEMATA and schema.is_a(party):
            return party
    raise QueryError(
        f"schema {name!r} is not a party: the lists hold {', '.join(SCHEMATA)} "
        "and the schemata extending them"
    )


def holds_schema(name: str) -> bool:
    """Whether the lists can hold an entity of this example's schema. yente matches any
    matchable schema (a BankAccount, a CryptoWallet); the lists hold parties only, so such
    an example is answered, with no results.

    >>> holds_schema("Company"), holds_schema("BankAccount")
    (True, False)
    """
    schema = model.get(name)
    if schema is None:
        raise QueryError(f"Cannot parse example entity: unknown schema {name!r}")
    if not (schema.matchable or name == "Thing"):
        raise QueryError(f"Cannot parse example entity: {name!r} is not a matchable schema")
    return name == "Thing" or any(schema.is_a(party) for party in SCHEMATA)


@dataclass(frozen=True)
class Example:
    """One example as the matcher takes it, and as FtM cleaned it (echoed as ``query``)."""

    query: Query | None  # None: nothing the lists could match
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
    screened = party_schema(schema) if holds_schema(schema) else None
    proxy = model.make_entity(schema)
    for prop, values in properties.items():
        if prop in proxy.schema.properties:
            proxy.add(prop, list(values), fuzzy=True, quiet=True)
    combine_names(proxy)
    names = list(dict.fromkeys(proxy.get_type_values(registry.name)))
    ids = proxy.get_type_values(registry.identifier)
    if len(names) > max_names:
        raise InputError(f"a query has {len(names)} names, more than the {max_names} allowed")
    dates = [d for prop in DATE_PROPS for d in proxy.get(prop, quiet=True)]
    countries = proxy.get_type_values(registry.country)
    echo: dict[str, Any] = proxy.to_dict()
    echo["id"] = entity_id
    # Nothing to screen (no name, no identifier, a schema the lists cannot hold): yente
    # answers such an example with no results, and so does this.
    screenable = (names or ids) and holds_schema(schema)
    query = Query.of(names, screened, dates, countries, ids) if screenable else None
    return Example(query, echo)


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
    """``dataset`` is a collection (``default``: every list, ``sanctions``) or one list
    key; yente's include and exclude parameters narrow it further."""
    loaded = set(snapshot.lists)
    known = datasets(loaded)
    if dataset not in known:
        raise NotFoundError(f"no dataset {dataset!r} (one of {', '.join(sorted(known))})")
    lists = known[dataset]
    include = set(include)
    lists = (lists & include if include else lists) - set(exclude)
    # An id of the earlier form excludes the entity it stands for (no database here: the
    # rule of ``store/aliases.py``, which every stored entry's old id follows).
    excluded = {i for given in exclude_ids for i in (given, old_form(given)) if i}
    return Scope(
        frozenset(lists), lists == loaded, frozenset(exclude_schemata), frozenset(excluded)
    )


def datasets(lists: Iterable[str]) -> dict[str, set[str]]:
    """yente's datasets: each list, and the collections ``default`` (every list) and
    ``sanctions`` (the lists whose topics say sanction).

    >>> sorted(datasets(["us_ofac_sdn", "us_bis_denied"])["sanctions"])
    ['us_ofac_sdn']
    """
    lists = set(lists)
    out = {key: {key} for key in lists}
    out[DEFAULT_DATASET] = lists
    out[SANCTIONS] = {key for key in lists if "sanction" in publisher_topics(key)}
    return out


def publisher_topics(list_key: str) -> tuple[str, ...]:
    found = publisher(list_key, None)
    return found.topics if found else ()


@dataclass(frozen=True)
class Options:
    """yente's defaults: 5 results, threshold 0.70 (where the fitted one is calibrated to),
    cutoff equal to the threshold (yente's deprecated ``cutoff`` defaults to it); the
    review band is ``cutoff=0.5``."""

    limit: int = 5
    threshold: float | None = None  # default: the matcher's (0.70)
    cutoff: float | None = None  # default: the threshold; never above it


def scored_entity(
    match: Match, data: Mapping[str, Any] | None, parties: Parties | None = None
) -> dict[str, Any]:
    """A result as yente gives it (an FtM entity with ``score``, ``match``,
    ``explanations``), with the list and the publisher's id a screening record must carry
    and Chokepoint's ``features`` and ``explanation`` beside; ``referents`` are the ids of
    the same party's entries on other lists, ``party_id`` names the party."""
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
        "target": data.get("target", False),
        "first_seen": data.get("first_seen"),
        "last_seen": data.get("last_seen"),
        "last_change": data.get("last_change"),
        "list": match.list,
        "list_id": match.list_id,
        "score": match.score,
        "match": match.match,
        "explanations": explanations(match.features, match.explanation),
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
    cutoff = threshold if options.cutoff is None else options.cutoff
    found: dict[str, list[Match]] = {}
    totals: dict[str, int] = {}
    for key, example in read.items():
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"stopped after {len(found)} of {len(read)} queries")
        query = example.query
        if query is None:
            found[key], totals[key] = [], 0
            continue
        pages: list[Page] = []

        def fetch(n: int, query: Query = query, pages: list[Page] = pages) -> list[Match]:
            page = matcher.match_counted(query, n, threshold, min(cutoff, threshold), scope.keep)
            pages.append(page)
            return page.matches

        found[key] = [p.match for p in top_parties(fetch, snapshot.parties, options.limit)]
        totals[key] = pages[-1].over_threshold if pages else 0
    results = _results(engine, snapshot, found)
    state = get_state(engine)
    responses: dict[str, dict[str, Any]] = {}
    for key in read:
        responses[key] = {
            "status": 200,
            "results": results[key],
            # yente's total: the matches among all candidates, not the results shown
            "total": {"value": totals[key], "relation": "eq"},
            "query": read[key].echo,
        }
        # Matched or named parties that blocked persons own or control; the key only when
        # there are some, so that other answers keep yente's shape exactly.
        query = read[key].query
        if query is None:
            continue
        hits = ownership_hits(state, query.names, [m.id for m in found[key] if m.match])
        if hits:
            responses[key]["ownership"] = [h.to_dict() for h in hits]
    return responses
