"""UN Security Council Consolidated List (``consolidated.xml``).

Individuals become Persons, entities Organizations; ``list_id`` is the UN's DATAID.
Alias QUALITY is "Good" / "a.k.a." (alias), "Low" (weak alias) or "f.k.a." (former name);
the original-script name is an alias. Dates of birth come as a DATE, a YEAR, a range
(BETWEEN with FROM_YEAR / TO_YEAR), approximately, or only as words in NOTE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.model import ListedEntity
from chokepoint.sources.base import Source, children, local_name
from chokepoint.sources.xml_common import (
    add_all,
    add_date,
    clean,
    join,
    read_entries,
    require_id,
    root_attrs,
    text,
    year_span,
)
from chokepoint.text.dates import parse_date

KEY = "un_sc_sanctions"
FILE = "consolidated.xml"
NAME_PARTS = (
    ("FIRST_NAME", "firstName"),
    ("SECOND_NAME", "secondName"),
    ("THIRD_NAME", "middleName"),
    ("FOURTH_NAME", "middleName"),
)
ALIAS_PROPS = {"low": "weakAlias", "f.k.a.": "previousName"}  # "good", "a.k.a.": alias
PLACE_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
# English, French and Spanish document types: "Passport", "Numéro de passeport", "pasaporte".
_PASSPORT = re.compile(r"pass|pasa", re.I)
# A number inside a sentence: "CAR diplomatic passport no. D00000898", "Afghan national
# identification card (tazkira) number 57388", "R00012098, South Sudan", "403062567 (US)".
_ID = r"([A-Z0-9][A-Z0-9/-]*\d[A-Z0-9/-]*)"
_ID_AFTER_WORD = re.compile(rf"(?:number|no\.?|n°|:)\s*{_ID}\W*$", re.I)
_ID_BEFORE_NOTE = re.compile(rf"^{_ID}\s*[,(]", re.I)


def values(elem: Element, name: str) -> list[str]:
    """Texts of the VALUE children of every ``name`` child (the UN's list wrapper)."""
    return [t for c in children(elem, name) for v in children(c, "VALUE") if (t := clean(v.text))]


def place(elem: Element) -> str:
    """An address or place of birth as one line, most specific part first."""
    return join(*(text(elem, part) for part in PLACE_PARTS))


def birth_date_text(elem: Element) -> tuple[str | None, str | None]:
    """The written date of an INDIVIDUAL_DATE_OF_BIRTH, and the NOTE left unexplained.

    NOTE sometimes holds the date ("Nov. 1973"), its month ("Sep." beside YEAR 1958) or
    "Approximately"; those are folded into the date. Dots go so "Nov." reads as "Nov".
    """
    kind = (text(elem, "TYPE_OF_DATE") or "").upper()
    written = text(elem, "DATE") or text(elem, "YEAR")
    if kind == "BETWEEN":
        written = year_span(text(elem, "FROM_YEAR"), text(elem, "TO_YEAR"))
    note = text(elem, "NOTE")
    if note is None or note.lower().startswith("approx"):
        return written, None
    undotted = clean(note.replace(".", " "))
    if written is None:
        return (undotted, None) if parse_date(undotted) else (note, None)
    if written.isdigit() and parse_date(f"{undotted} {written}"):
        return f"{undotted} {written}", None
    return written, note


def add_birth_date(entity: ListedEntity, elem: Element) -> None:
    written, note = birth_date_text(elem)
    kind = (text(elem, "TYPE_OF_DATE") or "").upper()
    circa = kind == "APPROXIMATELY" or (text(elem, "NOTE") or "").lower().startswith("approx")
    add_date(entity, "birthDate", written, circa=circa)
    if written and note:
        entity.add("notes", f"Date of birth {written}: {note}")


def bare_number(written: str | None) -> str | None:
    """The number in a sentence, so that it matches on its own; None if there is none.

    >>> bare_number("CAR diplomatic passport no. D00000898"), bare_number("R00012098, Sudan")
    ('D00000898', 'R00012098')
    >>> bare_number("Residential card number 665"), bare_number("OB 0243318")
    ('665', None)
    """
    written = written or ""
    match = _ID_AFTER_WORD.search(written) or _ID_BEFORE_NOTE.search(written)
    return match.group(1) if match else None


def add_document(entity: ListedEntity, elem: Element) -> None:
    kinds = [text(elem, "TYPE_OF_DOCUMENT"), text(elem, "TYPE_OF_DOCUMENT2")]
    number = text(elem, "NUMBER") or bare_number(kinds[1])
    passport = any(k and _PASSPORT.search(k) for k in kinds)
    prop = "passportNumber" if passport else "idNumber"
    entity.add(prop, number)
    entity.add(prop, bare_number(number))
    issued = [text(elem, t) for t in ("ISSUING_COUNTRY", "COUNTRY_OF_ISSUE", "CITY_OF_ISSUE")]
    details = [*dict.fromkeys(k for k in kinds if k), number, *issued]
    details += [text(elem, "DATE_OF_ISSUE"), text(elem, "NOTE")]
    if any(details):
        entity.add("notes", "Document: " + "; ".join(d for d in details if d))


def add_alias(entity: ListedEntity, elem: Element) -> None:
    """An alias, with the birth facts and note the UN gives for that identity."""
    name = text(elem, "ALIAS_NAME")
    if name is None:
        return
    quality = (text(elem, "QUALITY") or "").lower()
    entity.add(ALIAS_PROPS.get(quality, "alias"), name)
    add_date(entity, "birthDate", text(elem, "DATE_OF_BIRTH"))
    entity.add("birthPlace", join(text(elem, "CITY_OF_BIRTH"), text(elem, "COUNTRY_OF_BIRTH")))
    note = text(elem, "NOTE")
    if note:
        entity.add("notes", f"Alias {name}: {note}")


def add_names(entity: ListedEntity, elem: Element) -> None:
    parts = [text(elem, tag) for tag, _ in NAME_PARTS]
    entity.add("name", " ".join(p for p in parts if p))
    if entity.schema == "Person":
        for (_, prop), part in zip(NAME_PARTS, parts, strict=True):
            entity.add(prop, part)
    entity.add("alias", text(elem, "NAME_ORIGINAL_SCRIPT"))
    for tag in ("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
        for alias in children(elem, tag):
            add_alias(entity, alias)


def add_person_facts(entity: ListedEntity, elem: Element) -> None:
    add_all(entity, "nationality", values(elem, "NATIONALITY"))
    add_all(entity, "title", values(elem, "TITLE"))
    add_all(entity, "position", values(elem, "DESIGNATION"))
    entity.add("gender", text(elem, "GENDER"))
    for born in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
        add_birth_date(entity, born)
    for born in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
        entity.add("birthPlace", place(born))
    for doc in children(elem, "INDIVIDUAL_DOCUMENT"):
        add_document(entity, doc)


def parse_entry(elem: Element) -> ListedEntity:
    schema = "Person" if local_name(elem.tag) == "INDIVIDUAL" else "Organization"
    entity = ListedEntity.make(KEY, text(elem, "DATAID") or "", schema)
    add_names(entity, elem)
    if schema == "Person":
        add_person_facts(entity, elem)
    for tag in ("INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS"):
        for address in children(elem, tag):
            entity.add("address", place(address))
            entity.add("country", text(address, "COUNTRY"))
    entity.add("program", text(elem, "UN_LIST_TYPE"))
    entity.add("programId", text(elem, "REFERENCE_NUMBER"))
    entity.add("createdAt", text(elem, "LISTED_ON"))
    add_all(entity, "modifiedAt", values(elem, "LAST_DAY_UPDATED"))
    entity.add("notes", text(elem, "COMMENTS1"))
    return entity


def parse(folder: Path) -> Iterator[ListedEntity]:
    path = folder / FILE
    for elem in read_entries(path, "CONSOLIDATED_LIST", {"INDIVIDUAL", "ENTITY"}):
        yield require_id(path, parse_entry(elem), "DATAID")


def published(folder: Path) -> str | None:
    return root_attrs(folder / FILE).get("dateGenerated")


SOURCE = Source(
    key=KEY,
    title="UN Security Council Consolidated List",
    files={FILE: "https://scsanctions.un.org/resources/xml/en/consolidated.xml"},
    parse=parse,
    published=published,
)
