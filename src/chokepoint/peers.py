"""Listed entities as followthemoney peers read them (yente, nomenklatura, OpenSanctions).

The stored content stays what the publisher said: hashes, diffs and rescreening compare
it, so nothing derived is stored. What a peer needs besides is derived here, on output:

- ``topics`` from the list (``data/list_topics.csv``); an ``ftm_*`` entity keeps its own;
- ``target``: yente's rule, one of the topics is among FtM's risk topics;
- ``first_seen``, ``last_seen``, ``last_change``: from the list versions (``seen_dates``);
- one ``Sanction`` entity per listing (authority, programs, listing date, source URL),
  unless the publisher gave its own (an ``ftm_*`` list keeps the ones of its file);
- each link the list states to another of its entries as an FtM link entity:
  ``Ownership`` for an owner, ``UnknownLink`` otherwise. A link to a name the list does
  not hold stays in ``relations`` only: FtM has no entity to point it at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from chokepoint.data import read_table

# What a peer's FtM reader takes of a stored entity; the list's own keys go beside.
FTM_KEYS = ("id", "schema", "properties", "datasets", "referents", "caption", "target")
SEEN_KEYS = ("first_seen", "last_seen", "last_change")
RISKS = frozenset(registry.topic.RISKS)


@dataclass(frozen=True)
class Publisher:
    topics: tuple[str, ...]
    authority: str
    country: str


@lru_cache(maxsize=1)
def publishers() -> dict[tuple[str, str], Publisher]:
    return {
        (row["list"], row["sublist"]): Publisher(
            tuple(t for t in row["topics"].split(";") if t), row["authority"], row["country"]
        )
        for row in read_table("list_topics.csv")
    }


def publisher(list_key: str, sublist: str | None) -> Publisher | None:
    """The topics and authority of a list (of its sublist, when the table has one).

    >>> publisher("us_trade_csl", "itar_debarred").topics, publisher("ftm_x", None)
    (('debarment',), None)
    """
    table = publishers()
    return table.get((list_key, sublist or "")) or table.get((list_key, ""))


def topics_of(data: Mapping[str, Any]) -> list[str]:
    """The entity's own topics and its list's, sorted."""
    own = data.get("properties", {}).get("topics", [])
    found = publisher(data["list"], data.get("sublist"))
    return sorted(set(own) | set(found.topics if found else ()))


def peer_entity(data: Mapping[str, Any], seen: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A stored entity with what yente's ``EntityResponse`` has besides: topics, target,
    referents (filled by cross-list grouping when there is one), the seen dates."""
    out = dict(data)
    topics = topics_of(data)
    properties = dict(data.get("properties", {}))
    if topics:
        properties["topics"] = topics
    out["properties"] = properties
    out["target"] = bool(RISKS.intersection(topics))
    out.setdefault("referents", [])
    out["datasets"] = [data["list"]]
    for key in SEEN_KEYS:
        if (seen or {}).get(key):
            out[key] = (seen or {})[key]
    return out


def derived_id(entity_id: str, *parts: str) -> str:
    """The id of an entity derived from a listed one (its sanction, a link).

    >>> derived_id("gb-fcdo-ABC1", "sanction")
    'gb-fcdo-ABC1-sanction'
    """
    return "-".join((entity_id, *parts))


def source_url(list_key: str) -> str | None:
    """The official URL of the list's first file, if the source has one."""
    from chokepoint.sources import BY_KEY  # the sources import the model: import late

    source = BY_KEY.get(list_key)
    urls = [u for u in (source.files.values() if source else ()) if u]
    return urls[0] if urls else None


def sanction_of(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The listing as an FtM ``Sanction``; None for a list of unknown authority."""
    found = publisher(data["list"], data.get("sublist"))
    if found is None:
        return None
    props = data.get("properties", {})
    sanction = model.make_entity("Sanction")
    sanction.id = derived_id(data["id"], "sanction")
    sanction.add("entity", data["id"], cleaned=True)  # an id of model.entity_id: FtM-valid
    sanction.add("authority", found.authority)
    sanction.add("country", found.country or None)
    for prop in ("program", "programId", "sourceUrl"):
        sanction.add(prop, props.get(prop, []), quiet=True)
    sanction.add("listingDate", props.get("createdAt", []), quiet=True)
    if not sanction.get("sourceUrl"):
        sanction.add("sourceUrl", source_url(data["list"]))
    sanction.add("authorityId", data.get("list_id"))
    return _with_list(sanction.to_dict(), data)


def links_of(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The stated links to another listed entry, as FtM link entities."""
    links = []
    for number, rel in enumerate(data.get("relations", []), 1):
        target = rel.get("target")
        if not target or target == data["id"]:
            continue
        if rel["relation"] == "Owner":
            link = model.make_entity("Ownership")
            link.add("owner", target, cleaned=True)
            link.add("asset", data["id"], cleaned=True)
        else:
            link = model.make_entity("UnknownLink")
            link.add("subject", data["id"], cleaned=True)
            link.add("object", target, cleaned=True)
        link.id = derived_id(data["id"], "link", str(number))
        link.add("role", rel["relation"])
        links.append(_with_list(link.to_dict(), data))
    return links


def _with_list(entity: dict[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    entity["datasets"] = [data["list"]]
    entity["caption"] = model.get_proxy(entity).caption
    return entity


def adjacent_of(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The entities that point at a listed one: its sanctions and links, as stored for an
    FtM list or derived from the list's facts."""
    stored = [dict(e, datasets=[data["list"]]) for e in data.get("adjacent", [])]
    has_sanction = any(e["schema"] == "Sanction" for e in stored)
    derived = [] if has_sanction else [s for s in [sanction_of(data)] if s is not None]
    return [*derived, *stored, *links_of(data)]


def ftm_only(entity: Mapping[str, Any]) -> dict[str, Any]:
    """The keys an FtM reader takes, and ``first_seen``... when known."""
    keys = (*FTM_KEYS, *SEEN_KEYS)
    return {k: entity[k] for k in keys if entity.get(k) is not None}


def ftm_valid(data: Mapping[str, Any]) -> dict[str, Any]:
    """The entity with each value FtM's validation refuses (an address longer than FtM's
    address type takes) moved from its property to ``flags``, where values kept as
    written already are: a peer loads the entity, and nothing the list said is lost."""
    schema = model.get(data["schema"])
    if schema is None:
        return dict(data)
    properties: dict[str, list[Any]] = {}
    flags = list(data.get("flags", []))
    for name, values in data.get("properties", {}).items():
        prop = schema.get(name)
        if prop is None or prop.type == registry.entity:
            properties[name] = values
            continue
        properties[name] = [v for v in values if prop.type.validate(v)]
        problem = f"not valid for followthemoney's {prop.type.name} type"
        flags.extend(
            {"prop": name, "value": v, "problem": problem}
            for v in values
            if not prop.type.validate(v)
        )
        if not properties[name]:
            del properties[name]
    out = {**data, "properties": properties}
    if flags:
        out["flags"] = flags
    return out


def export_entities(stored: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every stored entity as a peer loads it, each followed by its sanctions and links.
    The list's own keys (``list``, ``list_id``, ``flags``...) travel beside the FtM ones."""
    for data in stored:
        yield ftm_valid(peer_entity({k: v for k, v in data.items() if k != "adjacent"}))
        yield from adjacent_of(data)


def adjacent_by_prop(data: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The adjacent entities under the property of the listed one that reaches them (FtM's
    reverse property: ``sanctions``, ``ownershipAsset``, ``unknownLinkSubject``...)."""
    schema = model.get(data["schema"])
    out: dict[str, list[dict[str, Any]]] = {}
    for entity in adjacent_of(data):
        adjacent_schema = model.get(entity["schema"])
        for name, values in entity.get("properties", {}).items():
            prop = adjacent_schema.get(name) if adjacent_schema else None
            if prop is None or prop.reverse is None or data["id"] not in values:
                continue
            if schema is not None and prop.reverse.name in schema.properties:
                out.setdefault(prop.reverse.name, []).append(entity)
    return out


def nested_entity(data: Mapping[str, Any]) -> dict[str, Any]:
    """yente's ``/entities/{id}?nested=true``: the adjacent entities inside the properties
    that reach them."""
    out = dict(data)
    out["properties"] = {**data.get("properties", {}), **adjacent_by_prop(data)}
    return out
