"""Any followthemoney JSON-lines file, e.g. an OpenSanctions export.

The folder's name is the list key (``ftm``, ``ftm_opensanctions``, ...), and each entity
keeps its own id as ``list_id``. Only parties are kept (Person, Organization, Company,
LegalEntity, Vessel, Airplane and their descendants). ``Ownership`` entities are kept as
relations of the party they are about (``Owned by`` on the asset, or ``Owns`` on the owner
when the asset is no party), with their share and dates, for the ownership rules; other
relations and documents are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from followthemoney import model

from chokepoint.errors import ListFormatError
from chokepoint.model import SCHEMATA, ListedEntity, Relation
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


def _first(props: dict[str, object], name: str) -> str | None:
    values = props.get(name)
    value = values[0] if isinstance(values, list) and values else values
    return value.strip() or None if isinstance(value, str) else None


def read_line(path: Path, number: int, line: str) -> dict[str, object]:
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
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise ListFormatError(path, f"line {number}: properties is not an object")
    return data


def make_party(data: dict[str, object], list_key: str) -> ListedEntity | None:
    if not is_party(str(data["schema"])):
        return None
    entity = ListedEntity.make(list_key, str(data["id"]), str(data["schema"]))
    props = data.get("properties") or {}
    assert isinstance(props, dict)
    for prop, values in props.items():
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                entity.add(prop, value)  # a property the schema lacks is kept as a flag
    if not entity.proxy.get("name"):
        return None
    return entity


def share_of(text: str | None) -> float | None:
    """FtM writes ``percentage`` as text: "25", "25.5%"; anything else is unknown.

    >>> share_of("25.5%"), share_of("most"), share_of(None)
    (25.5, None, None)
    """
    try:
        value = float((text or "").strip().removesuffix("%"))
    except ValueError:
        return None
    return value if 0 <= value <= 100 else None


def attach_ownership(
    parties: dict[str, ListedEntity], stakes: list[dict[str, str | None]], names: dict[str, str]
) -> None:
    """Each stake as a relation of the party it concerns, pointing at the other by id."""
    for stake in stakes:
        owner, asset = stake["owner"] or "", stake["asset"] or ""
        share, start, end = share_of(stake["percentage"]), stake["start"], stake["end"]
        if asset in parties:
            target = parties[owner].id if owner in parties else None
            parties[asset].relations.append(
                Relation("Owned by", names.get(owner, owner), target, share, start, end)
            )
        elif owner in parties:
            parties[owner].relations.append(
                Relation("Owns", names.get(asset, asset), None, share, start, end)
            )


def parse(folder: Path) -> Iterator[ListedEntity]:
    list_key = folder.name
    parties: dict[str, ListedEntity] = {}
    names: dict[str, str] = {}
    stakes: list[dict[str, str | None]] = []
    for path in sorted(folder.glob(GLOB)):
        require_file(path)
        with path.open(encoding="utf-8", errors="strict") as fh:
            try:
                for number, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    data = read_line(path, number, line)
                    props = data.get("properties") or {}
                    assert isinstance(props, dict)
                    raw_id = str(data["id"])
                    if model.get(str(data["schema"])).is_a("Ownership"):  # type: ignore[union-attr]
                        stakes.append(
                            {
                                "owner": _first(props, "owner"),
                                "asset": _first(props, "asset"),
                                "percentage": _first(props, "percentage"),
                                "start": _first(props, "startDate"),
                                "end": _first(props, "endDate"),
                            }
                        )
                        continue
                    if _first(props, "name"):
                        names[raw_id] = _first(props, "name") or raw_id
                    entity = make_party(data, list_key)
                    if entity is not None:
                        if raw_id in parties:
                            raise ListFormatError(path, f"two entries share the id {entity.id}")
                        parties[raw_id] = entity
            except UnicodeDecodeError as exc:
                raise ListFormatError(path, f"not valid utf-8 ({exc.reason})") from None
    # Stakes are read whole first: an Ownership may come before the parties it names.
    attach_ownership(parties, stakes, names)
    yield from parties.values()


SOURCE = Source(
    key=KEY, title="followthemoney entities (JSON lines)", files={}, parse=parse, glob=GLOB
)
