"""UN Security Council Consolidated List (``consolidated.xml``).

Individuals become Persons, entities Organizations; ``list_id`` is the UN's DATAID.
Alias quality "Low" is a weak alias, kept apart from good ones; the original-script name
is an alias. Dates of birth come as exact dates, years, approximate years and ranges.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.model import ListedEntity
from chokepoint.sources.base import Source, child_text, children, iter_xml, xml_root_attrs
from chokepoint.text.dates import parse_date

KEY = "un_sc_sanctions"
FILE = "consolidated.xml"
NAME_PARTS = (
    ("FIRST_NAME", "firstName"),
    ("SECOND_NAME", "secondName"),
    ("THIRD_NAME", "middleName"),
    ("FOURTH_NAME", "middleName"),
)


def values(elem: Element, name: str) -> list[str]:
    """Texts of the VALUE children of every ``name`` child (the UN's list wrapper)."""
    return [t for c in children(elem, name) if (t := child_text(c, "VALUE"))]


def place(elem: Element) -> str:
    """An address or place of birth as one line, most specific part first."""
    parts = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
    return ", ".join(t for p in parts if (t := child_text(elem, p)))


def add_birth_date(entity: ListedEntity, elem: Element) -> None:
    kind = (child_text(elem, "TYPE_OF_DATE") or "").upper()
    start, end = child_text(elem, "FROM_YEAR"), child_text(elem, "TO_YEAR")
    written = child_text(elem, "DATE") or child_text(elem, "YEAR")
    if kind == "BETWEEN" and start and end:
        written = f"{start} to {end}"
    parsed = parse_date(written)
    if parsed is None:
        entity.add("birthDate", written)
        return
    for value in parsed.values:
        entity.add("birthDate", value)
    if kind == "APPROXIMATELY":
        entity.add("notes", f"Date of birth approximately {written}")


def add_document(entity: ListedEntity, elem: Element) -> None:
    kind = " ".join((child_text(elem, "TYPE_OF_DOCUMENT") or "").split())
    number = child_text(elem, "NUMBER")
    prop = "passportNumber" if "pas" in kind.lower() else "idNumber"
    entity.add(prop, number)
    details = [kind, number, child_text(elem, "ISSUING_COUNTRY"), child_text(elem, "NOTE")]
    entity.add("notes", "Document: " + ", ".join(d for d in details if d))


def add_alias(entity: ListedEntity, elem: Element) -> None:
    name = child_text(elem, "ALIAS_NAME")
    quality = (child_text(elem, "QUALITY") or "").lower()
    prop = "weakAlias" if quality == "low" else "previousName" if quality == "f.k.a." else "alias"
    entity.add(prop, name)


def parse_entry(elem: Element, schema: str) -> ListedEntity:
    entity = ListedEntity.make(KEY, child_text(elem, "DATAID") or "", schema)
    parts = [child_text(elem, tag) for tag, _ in NAME_PARTS]
    entity.add("name", " ".join(p for p in parts if p))
    if schema == "Person":
        for (_, prop), part in zip(NAME_PARTS, parts, strict=True):
            entity.add(prop, part)
    entity.add("alias", child_text(elem, "NAME_ORIGINAL_SCRIPT"))
    for tag in ("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
        for alias in children(elem, tag):
            add_alias(entity, alias)
    for tag in ("INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS"):
        for address in children(elem, tag):
            entity.add("address", place(address))
            entity.add("country", child_text(address, "COUNTRY"))
    for born in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
        entity.add("birthPlace", place(born))
    for born in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
        add_birth_date(entity, born)
    for doc in children(elem, "INDIVIDUAL_DOCUMENT"):
        add_document(entity, doc)
    if schema == "Person":
        for nationality in values(elem, "NATIONALITY"):
            entity.add("nationality", nationality)
        for title in values(elem, "TITLE"):
            entity.add("title", title)
        for position in values(elem, "DESIGNATION"):
            entity.add("position", position)
        entity.add("gender", child_text(elem, "GENDER"))
    entity.add("program", child_text(elem, "UN_LIST_TYPE"))
    entity.add("programId", child_text(elem, "REFERENCE_NUMBER"))
    entity.add("createdAt", child_text(elem, "LISTED_ON"))
    for updated in values(elem, "LAST_DAY_UPDATED"):
        entity.add("modifiedAt", updated)
    entity.add("notes", child_text(elem, "COMMENTS1"))
    return entity


def parse(folder: Path) -> Iterator[ListedEntity]:
    for elem in iter_xml(folder / FILE, {"INDIVIDUAL", "ENTITY"}):
        schema = "Person" if elem.tag.endswith("INDIVIDUAL") else "Organization"
        yield parse_entry(elem, schema)


def published(folder: Path) -> str | None:
    return xml_root_attrs(folder / FILE).get("dateGenerated")


SOURCE = Source(
    key=KEY,
    title="UN Security Council Consolidated List",
    files={FILE: "https://scsanctions.un.org/resources/xml/en/consolidated.xml"},
    parse=parse,
    published=published,
)
