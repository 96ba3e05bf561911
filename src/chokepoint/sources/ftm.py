"""Any followthemoney JSON-lines file, e.g. an OpenSanctions export.

The folder's name is the list key (``ftm``, ``ftm_opensanctions``, ...), and each entity
keeps its own id as ``list_id``. Only parties are kept (Person, Organization, Company,
LegalEntity, Vessel, Airplane and their descendants); relations and documents are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from followthemoney import model

from chokepoint.errors import ListFormatError
from chokepoint.model import SCHEMATA, ListedEntity
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


def parse(folder: Path) -> Iterator[ListedEntity]:
    list_key = folder.name
    for path in sorted(folder.glob(GLOB)):
        require_file(path)
        with path.open(encoding="utf-8", errors="strict") as fh:
            try:
                for number, line in enumerate(fh, 1):
                    if line.strip():
                        entity = parse_line(path, number, line, list_key)
                        if entity is not None:
                            yield entity
            except UnicodeDecodeError as exc:
                raise ListFormatError(path, f"not valid utf-8 ({exc.reason})") from None


SOURCE = Source(
    key=KEY, title="followthemoney entities (JSON lines)", files={}, parse=parse, glob=GLOB
)
