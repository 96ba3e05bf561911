"""US Commerce BIS Denied Persons List (``dpl.txt``): tab-separated, quoted, header row.

The DPL publishes no id, so ``list_id`` is made from the name and the effective date (the
pair the publisher's own notices cite); a repeat of the pair gets ``-2``, ``-3`` in file
order. The DPL does not say whether a party is a person or a firm: LegalEntity.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from chokepoint.model import Flag, ListedEntity
from chokepoint.sources.base import Source, read_csv_dicts
from chokepoint.text.dates import parse_one

KEY = "us_bis_denied"
COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
LATEST_PLAUSIBLE_YEAR = 2100


def make_list_id(name: str, effective: str) -> str:
    """A short stable id from the name and effective date.

    >>> make_list_id("I. ASH", "06/19/2003")
    '20030619-6e673bc2'
    """
    day = parse_one(effective) or effective
    digest = hashlib.sha1(f"{' '.join(name.upper().split())}|{day}".encode()).hexdigest()
    return f"{day.replace('-', '')}-{digest[:8]}"


def check_date(entity: ListedEntity, column: str, written: str) -> str | None:
    """The date as ISO, or None with a flag when it is unreadable or implausible (the real
    file has an expiry in 3017: kept as written in the notes, and flagged)."""
    if not written.strip():
        return None
    value = parse_one(written)
    if value is None:
        entity.flags.append(Flag(column, written, "not a date, kept as written"))
    elif int(value[:4]) > LATEST_PLAUSIBLE_YEAR:
        entity.flags.append(Flag(column, written, f"implausible year {value[:4]}, kept as written"))
    else:
        return value
    return None


def parse(folder: Path) -> Iterator[ListedEntity]:
    seen: dict[str, int] = {}
    path = folder / "dpl.txt"
    for _, row in read_csv_dicts(path, required=COLUMNS, delimiter="\t"):
        name = " ".join(row["Name"].split())
        base = make_list_id(name, row["Effective_Date"])
        seen[base] = seen.get(base, 0) + 1
        list_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        entity = ListedEntity.make(KEY, list_id, "LegalEntity")
        entity.add("name", name)
        parts = [
            row["Street_Address"],
            row["City"],
            row["State"],
            row["Postal_Code"],
            row["Country"],
        ]
        entity.add("address", ", ".join(p.strip() for p in parts if p.strip()))
        entity.add("country", row["Country"])
        # FtM has no start/end of a listing on LegalEntity: the listing date is createdAt,
        # the expiry stays in the notes (and is checked for plausibility).
        entity.add("createdAt", check_date(entity, "Effective_Date", row["Effective_Date"]))
        check_date(entity, "Expiration_Date", row["Expiration_Date"])
        entity.add("modifiedAt", check_date(entity, "Last_Update", row["Last_Update"]))
        entity.add("program", "Denied Persons List")
        notes = [
            f"Action: {row['Action']}",
            f"Federal Register: {row['FR_Citation']}",
            f"Standard order: {row['Standard_Order']}",
            f"Effective: {row['Effective_Date']}",
            f"Expires: {row['Expiration_Date']}",
        ]
        entity.add("notes", "; ".join(n for n in notes if not n.endswith(": ")))
        yield entity


SOURCE = Source(
    key=KEY,
    title="US BIS Denied Persons List",
    files={"dpl.txt": "https://www.bis.doc.gov/dpl/dpl.txt"},
    parse=parse,
)
