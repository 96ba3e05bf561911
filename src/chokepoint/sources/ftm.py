"""Any followthemoney JSON-lines file, e.g. an OpenSanctions export.

The folder's name is the list key (``ftm``, ``ftm_opensanctions``, ...), and each entity
keeps its own id as ``list_id``. Parties (Person, Organization, Company, LegalEntity,
Vessel, Airplane and their descendants) are screened; the entities that point at them
(their ``Sanction``, ``Ownership``, ``Directorship``, ``UnknownLink``...) are kept with
each party they point at, so an export gives a peer the whole of them back; the rest
(documents, addresses of no one) is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from chokepoint.errors import ListFormatError
from chokepoint.model import SCHEMATA, ListedEntity, entity_id
from chokepoint.sources.base import Source, require_file
from chokepoint.text.json_input import JSONInputError, parse_json

KEY = "ftm"
GLOB = "*.json*"


def is_party(schema_name: str) -> bool:
    """True for the schemata screening is about.

    >>> is_party("PublicBody"), is_party("Ownership")
    (True, False)
    """
    schema = model.get(schema_name)
    return schema is not None and any(schema.is_a(name) for name in SCHEMATA)


def parse_line(path: Path, number: int, line: str, list_key: str) -> ListedEntity | None:
    try:
        data = parse_json(line)
    except JSONInputError as exc:
        raise ListFormatError(path, f"line {number}: not JSON ({exc})") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("id"), str | int)
        or isinstance(data["id"], bool)
        or not data["id"]
        or not isinstance(data.get("schema"), str)
    ):
        raise ListFormatError(path, f"line {number}: not an entity (needs id and schema)")
    if model.get(data["schema"]) is None:
        raise ListFormatError(path, f"line {number}: unknown schema {data['schema']!r}")
    if not is_party(data["schema"]):
        return None
    entity = ListedEntity.make(list_key, str(data["id"]), data["schema"])
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise ListFormatError(path, f"line {number}: properties is not an object")
    for prop, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                entity.add(prop, value)  # a property the schema lacks is kept as a flag
    if not entity.proxy.get("name"):
        return None
    return entity


def lines(path: Path) -> Iterator[tuple[int, str]]:
    require_file(path)
    with path.open(encoding="utf-8", errors="strict") as fh:
        try:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield number, line
        except UnicodeDecodeError as exc:
            raise ListFormatError(path, f"not valid utf-8 ({exc.reason})") from None


def pointing(path: Path, list_key: str) -> dict[str, list[dict[str, Any]]]:
    """The non-party entities of a file (Sanction, links), by the id of each entity they
    point at; ids rewritten to this list's, as the parties' are. A first pass, so a link
    may come before or after the parties it joins."""
    out: dict[str, list[dict[str, Any]]] = {}
    for _, line in lines(path):
        try:  # a line this pass cannot read is the second pass's to name
            data = parse_json(line)
            kind = data.get("schema") if isinstance(data, dict) else None
            schema = model.get(kind) if isinstance(kind, str) else None
            if schema is None or is_party(schema.name) or not isinstance(data["id"], str | int):
                continue
            proxy = model.get_proxy(data, cleaned=False)
        except (JSONInputError, InvalidData, KeyError, TypeError, ValueError, AttributeError):
            continue
        refs = {v for p in proxy.iterprops() if p.type == registry.entity for v in proxy.get(p)}
        if not refs:
            continue
        kept = proxy.to_dict()
        kept["id"] = entity_id(list_key, str(data["id"]))
        kept["properties"] = {
            prop: [entity_id(list_key, v) if v in refs else v for v in values]
            for prop, values in kept["properties"].items()
        }
        for ref in refs:
            out.setdefault(ref, []).append(kept)
    return out


def parse(folder: Path) -> Iterator[ListedEntity]:
    list_key = folder.name
    for path in sorted(folder.glob(GLOB)):
        adjacent = pointing(path, list_key)
        for number, line in lines(path):
            entity = parse_line(path, number, line, list_key)
            if entity is not None:
                entity.adjacent = adjacent.get(entity.list_id, [])
                yield entity


SOURCE = Source(
    key=KEY, title="followthemoney entities (JSON lines)", files={}, parse=parse, glob=GLOB
)
