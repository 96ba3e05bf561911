"""US Trade.gov Consolidated Screening List (``consolidated.csv``): 13 US lists in one file.

Every row keeps ``list`` = ``us_trade_csl`` and ``list_id`` = ``_id``; ``sublist`` says which
of the 13 lists it comes from (Entity List, Military End User, Unverified, DPL, ...).
Multi-valued cells are ``;``-separated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from chokepoint.data import read_table
from chokepoint.model import Flag, ListedEntity
from chokepoint.sources.base import Source, read_csv_dicts
from chokepoint.sources.id_types import add_identifier
from chokepoint.text.dates import parse_date

KEY = "us_trade_csl"
COLUMNS = ("_id", "source", "type", "name", "alt_names", "addresses", "ids", "programs")
SCHEMATA = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
# Columns copied into one property each, values split on ";".
PLAIN = {
    "alt_names": "alias",
    "programs": "program",
    "title": "title",
    "citizenships": "citizenship",
    "nationalities": "nationality",
    "places_of_birth": "birthPlace",
    "call_sign": "callSign",
    "vessel_type": "type",
    "gross_tonnage": "tonnage",
    "gross_registered_tonnage": "grossRegisteredTonnage",
    "vessel_flag": "flag",
    "source_list_url": "sourceUrl",
}
NOTED = (
    "federal_register_notice",
    "license_requirement",
    "license_policy",
    "standard_order",
    "start_date",
    "end_date",
    "vessel_owner",
    "remarks",
    "source_information_url",
)
_ABBREVIATION = re.compile(r"\(([^)]+)\)")


@lru_cache(maxsize=1)
def sublists() -> dict[str, str]:
    return {row["abbreviation"]: row["sublist"] for row in read_table("csl_sources.csv")}


def sublist_key(source: str) -> str | None:
    """The sublist key of a CSL ``source`` value, None when it is not a known list.

    >>> sublist_key("Entity List (EL) - Bureau of Industry and Security")
    'entity_list'
    >>> sublist_key("Military End User (MEU) List - Bureau of Industry and Security")
    'meu'
    """
    for abbreviation in _ABBREVIATION.findall(source):
        if abbreviation in sublists():
            return sublists()[abbreviation]
    return None


def split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(";") if v.strip()]


def add_id(entity: ListedEntity, item: str) -> None:
    """One ``ids`` item: ``[country, [issued, expires,]] number, type``.

    Types the table does not know (e.g. sanction notes) go to the notes, so nothing is lost.
    """
    parts = [p.strip() for p in item.split(",")]
    if len(parts) < 2:
        entity.add("notes", item)
        return
    kind, number = parts[-1], parts[-2]
    country = parts[0] if len(parts) > 2 else None
    if kind.lower() == "gender":
        entity.add("gender", parts[0])
    elif not add_identifier(entity, kind, number, country):
        entity.add("notes", f"{kind}: {', '.join(parts[:-1])}")


def source_sublist(source: str) -> str:
    """The sublist key, or a slug of an unknown source (flagged by the caller)."""
    return sublist_key(source) or re.sub(r"\W+", "_", source.lower()).strip("_") or "unknown"


def parse_row(row: dict[str, str], id_suffix: str | None = None) -> ListedEntity:
    """One row. ``id_suffix`` tells apart rows that share an ``_id``."""
    kind = row["type"].strip().lower()
    sublist = source_sublist(row["source"])
    entity = ListedEntity.make(
        KEY, row["_id"].strip(), SCHEMATA.get(kind, "LegalEntity"), id_suffix=id_suffix
    )
    entity.sublist = sublist
    if sublist_key(row["source"]) is None:
        entity.flags.append(Flag("source", row["source"], "unknown CSL source list"))
    entity.add("name", " ".join(row["name"].split()))
    for column, prop in PLAIN.items():
        for value in split(row.get(column, "")):
            entity.add(prop, value)
    for address in split(row["addresses"]):
        entity.add("address", address)
        entity.add("country", address.rsplit(",", 1)[-1])
    for written in split(row.get("dates_of_birth", "")):
        parsed = parse_date(written)
        if parsed is None or not entity.has("birthDate"):
            entity.add("birthDate", written)
        else:
            for value in parsed.values:
                entity.add("birthDate", value)
    for item in split(row["ids"]):
        add_id(entity, item)
    entity.add("createdAt", row.get("start_date"))
    entity.add(
        "notes", "; ".join(f"{c}: {row[c].strip()}" for c in NOTED if row.get(c, "").strip())
    )
    entity.add("publisher", row["source"])
    return entity


def parse(folder: Path) -> Iterator[ListedEntity]:
    rows = [row for _, row in read_csv_dicts(folder / "consolidated.csv", required=COLUMNS)]
    # Older files give one party on two lists the same ``_id`` (and once repeat a row
    # outright); such rows get the sublist, then an ordinal, in their entity id.
    counts = Counter(row["_id"].strip() for row in rows)
    seen: Counter[tuple[str, str]] = Counter()
    for row in rows:
        list_id, suffix = row["_id"].strip(), None
        if counts[list_id] > 1:
            suffix = source_sublist(row["source"])
            seen[list_id, suffix] += 1
            if seen[list_id, suffix] > 1:
                suffix = f"{suffix}-{seen[list_id, suffix]}"
        yield parse_row(row, suffix)


SOURCE = Source(
    key=KEY,
    title="US Consolidated Screening List (Trade.gov)",
    files={"consolidated.csv": "https://data.trade.gov/downloaded_files/consolidated.csv"},
    parse=parse,
)
