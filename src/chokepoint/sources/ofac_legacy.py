"""OFAC's legacy CSV layout, shared by the SDN and the consolidated non-SDN lists.

Four headerless latin-1 files: a main file (one row per entry), addresses, alternate
names, and comments that continue Remarks cut at a fixed length. ``-0-`` means empty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity, Relation
from chokepoint.sources.base import Source, read_csv_rows
from chokepoint.sources.ofac_remarks import apply_remarks

SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
ALT_PROPS = {"aka": "alias", "nka": "alias", "fka": "previousName"}
EOF_MARK = "\x1a"  # OFAC's files end with a DOS end-of-file character on a line of its own


@dataclass(frozen=True)
class Layout:
    """The file names of one list in the legacy layout."""

    main: str
    address: str
    alt: str
    comments: str


def clean(value: str) -> str:
    """``-0-`` (with its trailing space) means empty.

    >>> clean("-0- "), clean(' "Havana" ')
    ('', '"Havana"')
    """
    value = value.strip()
    return "" if value == "-0-" else value


def rows(path: Path, columns: int) -> Iterator[list[str]]:
    for line, row in read_csv_rows(path, encoding="latin-1"):
        if len(row) == 1 and row[0].strip() == EOF_MARK:
            continue
        if len(row) != columns:
            raise ListFormatError(path, f"line {line}: {len(row)} columns, expected {columns}")
        yield [clean(v) for v in row]


def read_side_files(folder: Path, layout: Layout) -> tuple[dict[str, list[list[str]]], ...]:
    """Addresses, alternate names and comments, by entry number."""
    tables: list[dict[str, list[list[str]]]] = []
    for name, columns in ((layout.address, 6), (layout.alt, 5), (layout.comments, 2)):
        table: dict[str, list[list[str]]] = defaultdict(list)
        path = folder / name
        if path.exists() or name != layout.comments:
            for row in rows(path, columns):
                table[row[0]].append(row)
        tables.append(table)
    return tuple(tables)


def add_main(entity: ListedEntity, row: list[str]) -> None:
    _, name, _, programs, title, call_sign, vtype, tonnage, grt, flag, owner, _ = row
    entity.add("name", name)
    if entity.schema == "Person" and "," in name:
        last, first = name.split(",", 1)
        entity.add("lastName", last)
        entity.add("firstName", first)
    for program in programs.replace("] [", ";").strip("[] ").split(";"):
        entity.add("program", program.strip("[] "))
    entity.add("title" if entity.has("title") else "notes", title)
    if entity.schema == "Vessel":
        for prop, value in (
            ("callSign", call_sign),
            ("type", vtype),
            ("tonnage", tonnage),
            ("grossRegisteredTonnage", grt),
            ("flag", flag),
        ):
            entity.add(prop, value)
    if owner:
        entity.relations.append(Relation("Owner", owner))


def add_address(entity: ListedEntity, row: list[str]) -> None:
    _, _, street, city, country, remarks = row
    entity.add("address", ", ".join(p for p in (street, city, country) if p))
    entity.add("country", country)
    entity.add("notes", remarks)


def parse_legacy(folder: Path, layout: Layout, list_key: str) -> Iterator[ListedEntity]:
    addresses, alts, comments = read_side_files(folder, layout)
    for row in rows(folder / layout.main, 12):
        ent_num, kind = row[0], row[2].lower()
        entity = ListedEntity.make(list_key, ent_num, SCHEMATA.get(kind, "Organization"))
        add_main(entity, row)
        for address in addresses.get(ent_num, []):
            add_address(entity, address)
        for alt in alts.get(ent_num, []):
            entity.add(ALT_PROPS.get(alt[2].lower(), "alias"), alt[3])
            entity.add("notes", alt[4])
        remarks = row[11] + "".join(c[1] for c in comments.get(ent_num, []))
        apply_remarks(entity, remarks)
        yield entity
    # Side-file rows of entries absent from the main file (OFAC publishes the four files
    # separately, so they can be out of step) describe nothing listed: they are skipped.


BASE_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


def legacy_source(key: str, title: str, layout: Layout) -> Source:
    """A ``Source`` for one list in the legacy layout, fetched from OFAC's export service."""

    def parse(folder: Path) -> Iterator[ListedEntity]:
        return parse_legacy(folder, layout, key)

    names = (layout.main, layout.address, layout.alt, layout.comments)
    return Source(
        key=key,
        title=title,
        files={name: BASE_URL + name.upper() for name in names},
        parse=parse,
        optional=frozenset({layout.comments}),
    )
