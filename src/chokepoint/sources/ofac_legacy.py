"""OFAC's legacy CSV layout, shared by the SDN and the consolidated non-SDN lists.

Four headerless latin-1 files joined on ``ent_num``: a main file (one row per entry),
addresses, alternate names, and comments that continue Remarks cut at 1,000 characters.
``-0-`` (with a trailing space) means empty; the files end with a DOS end-of-file ^Z.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity, Relation
from chokepoint.sources.base import Source, read_csv_rows
from chokepoint.sources.ofac_remarks import apply_remarks, read_remarks, says_company

BASE_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
SCHEMATA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
ALT_PROPS = {"aka": "alias", "nka": "alias", "fka": "previousName"}
EMPTY = "-0-"
EOF = "\x1a"
# Columns of each file: main, address, alt, comments.
MAIN, ADDRESS, ALT, COMMENTS = 12, 6, 5, 2
VESSEL_COLUMNS = ("callSign", "type", "tonnage", "grossRegisteredTonnage", "flag")

Table = dict[str, list[list[str]]]


@dataclass(frozen=True)
class Layout:
    """The file names of one list in the legacy layout."""

    main: str
    address: str
    alt: str
    comments: str


def clean(value: str) -> str:
    """``-0-`` means empty.

    >>> clean("-0- "), clean(" Havana ")
    ('', 'Havana')
    """
    value = value.strip()
    return "" if value == EMPTY else value


def rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """The rows of one file, cells as written, its end-of-file ^Z dropped.

    The width check is done here, not by ``read_csv_rows(columns=...)``, which would
    refuse the one-cell ^Z line; the error names the file and line all the same.
    """
    for line, row in read_csv_rows(path, encoding="latin-1"):
        if row[-1].endswith(EOF):
            row[-1] = row[-1][:-1]
            if row == [""]:
                continue
        if len(row) != columns:
            raise ListFormatError(path, f"line {line}: {len(row)} columns, expected {columns}")
        yield line, row


def main_rows(path: Path) -> Iterator[list[str]]:
    """Rows of the main file, whose ``ent_num`` is the id: one missing or repeated is refused."""
    seen: set[str] = set()
    for line, row in rows(path, MAIN):
        ent_num = row[0].strip()
        if not ent_num.isdigit() or ent_num in seen:
            problem = "repeated" if ent_num in seen else "not a number"
            raise ListFormatError(path, f"line {line}: ent_num {ent_num!r} is {problem}")
        seen.add(ent_num)
        yield row


def by_entry(path: Path, columns: int) -> Table:
    table: Table = defaultdict(list)
    for _, row in rows(path, columns):
        table[row[0].strip()].append(row)
    return table


def optional_table(path: Path, columns: int) -> Table:
    """An optional file: absent or empty when OFAC has nothing to put in it."""
    if not path.exists() or path.stat().st_size == 0:
        return {}
    return by_entry(path, columns)


def programs(text: str) -> list[str]:
    """OFAC joins programs with ``] [`` and drops the outer brackets.

    >>> programs("SDGT] [IRGC"), programs("[SDGT]"), programs("-0- ")
    (['SDGT', 'IRGC'], ['SDGT'], [])
    """
    return [p.strip(" []") for p in clean(text).split("] [") if p.strip(" []")]


def split_name(name: str) -> tuple[str, str] | None:
    """OFAC writes individuals ``LAST, First Middle``.

    >>> split_name("NASRALLAH, Hasan"), split_name("ABU ALI")
    (('NASRALLAH', 'Hasan'), None)
    """
    last, sep, first = name.partition(",")
    return (last.strip(), first.strip()) if sep and last.strip() and first.strip() else None


def add_main(entity: ListedEntity, row: list[str]) -> None:
    name = clean(row[1])
    entity.add("name", name)
    parts = split_name(name) if entity.schema == "Person" else None
    if parts:
        entity.add("lastName", parts[0])
        entity.add("firstName", parts[1])
    for program in programs(row[3]):
        entity.add("program", program)
    # OFAC's Title is mostly a post ("Minister of Finance"): FtM's ``position``.
    entity.add("position" if entity.has("position") else "notes", clean(row[4]))
    if entity.schema == "Vessel":
        for prop, value in zip(VESSEL_COLUMNS, row[5:10], strict=True):
            # Tonnages are written "99,144": FtM numbers keep no thousands separator.
            entity.add(prop, clean(value).replace(",", "") if "onnage" in prop else clean(value))
    owner = clean(row[10])
    if owner:  # a name, while FtM's ``owner`` wants an entity
        entity.relations.append(Relation("Owner", owner))


def add_address(entity: ListedEntity, row: list[str]) -> None:
    street, city, country, remarks = (clean(v) for v in row[2:])
    if street or city:  # a country alone is no address
        entity.add("address", ", ".join(p for p in (street, city, country) if p))
    entity.add("country", country)
    entity.add("notes", remarks)


def add_alt(entity: ListedEntity, row: list[str]) -> None:
    kind, name, remarks = (clean(v) for v in row[2:])
    weak = any(w in f"{kind} {remarks}".lower() for w in ("weak", "low quality"))
    entity.add("weakAlias" if weak else ALT_PROPS.get(kind.lower(), "alias"), name)
    entity.add("notes", remarks)


def entry_remarks(row: list[str], comments: Table) -> str:
    """Remarks joined with their continuation, cut mid-word or at a space: joined as written.

    >>> entry_remarks(["1"] + [""] * 10 + ["Linked To: PROMO RAI"], {"1": [["1", "Z S.A.S."]]})
    'Linked To: PROMO RAIZ S.A.S.'
    """
    text = row[11] if row[11].strip() != EMPTY else ""
    return (text + "".join(c[1] for c in comments.get(row[0].strip(), []))).strip()


def make_entity(
    list_key: str, row: list[str], addresses: Table, alts: Table, comments: Table
) -> ListedEntity:
    ent_num = row[0].strip()
    remarks = entry_remarks(row, comments)
    facts = read_remarks(remarks)
    schema = SCHEMATA.get(clean(row[2]).lower())
    if schema is None:
        schema = "Company" if says_company(facts) else "Organization"
    entity = ListedEntity.make(list_key, ent_num, schema)
    add_main(entity, row)
    for address in addresses.get(ent_num, ()):
        add_address(entity, address)
    for alt in alts.get(ent_num, ()):
        add_alt(entity, alt)
    apply_remarks(entity, remarks, facts)  # after addresses: an id's country defaults to theirs
    return entity


def name_index(entities: list[ListedEntity]) -> dict[str, str | None]:
    """Each name and strong alias -> its entry's id; None for one two entries share."""
    ids: dict[str, str | None] = {}
    for prop in ("name", "alias"):  # an alias never hides an entry's own name
        found: dict[str, str | None] = {}
        for entity in entities:
            for name in entity.proxy.get(prop):
                if name not in ids:
                    found[name] = None if found.get(name, entity.id) != entity.id else entity.id
        ids.update(found)
    return ids


def link_targets(entities: list[ListedEntity]) -> None:
    """Point each stated link (``Linked To: NAME``, a vessel's owner) at its entry, if listed.

    A name ending a remark lost its full stop with the remark's, so ``NAME.`` is tried too.
    """
    ids = name_index(entities)
    for entity in entities:
        for rel in entity.relations:
            for name in (rel.name, f"{rel.name}."):
                if ids.get(name):
                    rel.name, rel.target = name, ids[name]
                    break


def parse_legacy(folder: Path, layout: Layout, list_key: str) -> Iterator[ListedEntity]:
    addresses = by_entry(folder / layout.address, ADDRESS)
    alts = by_entry(folder / layout.alt, ALT)
    comments = optional_table(folder / layout.comments, COMMENTS)
    entities = [
        make_entity(list_key, row, addresses, alts, comments)
        for row in main_rows(folder / layout.main)
    ]
    link_targets(entities)
    # Side-file rows of entries absent from the main file describe nothing listed (OFAC
    # publishes the files separately, so they can be out of step): they are skipped.
    yield from entities


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
