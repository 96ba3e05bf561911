"""UK Sanctions List (FCDO), XML: ``Designations/Designation``, one per listed party.

``list_id`` is the ``UniqueID`` (e.g. ``RUS0001``); ``IndividualEntityShip`` gives the
schema. No snapshot is in shared/lists. The element names follow public descriptions of
the published file (OpenSanctions' ``gb/fcdo_sanctions`` crawler and several parsers that
quote trimmed real entries): names are ``Names/Name`` with ``Name1``..``Name6`` and a
``NameType`` of "Primary Name", "Primary Name Variation" or "Alias" (casing varies), with
``AliasStrength`` "Good quality a.k.a" / "Low quality a.k.a"; the details sit under
``IndividualDetails/Individual``, ``EntityDetails/Entity`` and ``ShipDetails/Ship``.
Those sources disagree on some wrappers (``Titles`` at the top or in ``Individual``; a
ship's flag under ``CurrentBelievedFlagOfShips``), while the leaf names agree, so details
are found by leaf name anywhere in the designation. Dates are ``dd/mm/yyyy``, and a date
of birth may keep ``dd`` / ``mm`` as placeholders for what is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.model import ListedEntity, Relation
from chokepoint.sources.base import Source, children, local_name
from chokepoint.sources.xml_common import (
    add_all,
    add_date,
    first_text,
    join,
    read_entries,
    require_id,
    text,
    texts,
)

KEY = "gb_fcdo"
FILE = "UK-Sanctions-List.xml"
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
NAME_PARTS = tuple(f"Name{i}" for i in range(1, 7))
ADDRESS_PARTS = (*(f"AddressLine{i}" for i in range(1, 7)), "AddressPostalCode", "AddressCountry")
# Leaf element -> property, wherever it sits in the designation.
PLAIN = {
    "Nationality": "nationality",
    "Position": "position",
    "Gender": "gender",
    "Title": "title",
    "BusinessRegistrationNumber": "registrationNumber",
    "IMONumber": "imoNumber",
    "CurrentBelievedFlagOfShip": "flag",
    "PreviousFlag": "pastFlags",
    "TypeOfShip": "type",
    "TonnageOfShip": "tonnage",
    "YearBuilt": "buildDate",
    "PhoneNumber": "phone",
    "Website": "website",
    "RegimeName": "program",
    "UNReferenceNumber": "programId",
    "OFSIGroupID": "programId",
}
# Leaf element -> how the note reads, for facts FtM has no property for.
NOTED = {
    "TypeOfEntity": "Type of entity",
    "LengthOfShip": "Length of ship",
    "DesignationSource": "Designation source",
    "SanctionsImposed": "Sanctions imposed",
    "OtherInformation": None,
    "UKStatementofReasons": "Statement of reasons",
}
# Names the list gives of other parties: kept as relations, by name.
RELATED = {
    "ParentCompany": "Parent company",
    "Subsidiary": "Subsidiary",
    "CurrentOwnerOperator": "Owner/operator",
    "PreviousOwnerOperator": "Previous owner/operator",
}
_UK_DATE = re.compile(r"^(dd|\d{1,2})/(mm|\d{1,2})/(\d{4})$", re.I)


def uk_date(written: str | None) -> str | None:
    """``dd/mm/yyyy`` as an ISO prefix; placeholder parts shorten it; else as written.

    >>> uk_date("21/03/1965"), uk_date("dd/mm/1945"), uk_date("dd/05/1960"), uk_date("x")
    ('1965-03-21', '1945', '1960-05', 'x')
    """
    match = _UK_DATE.match(written or "")
    if match is None:
        return written
    day, month, year = match.groups()
    if not month.isdigit():
        return year
    if not day.isdigit():
        return f"{year}-{int(month):02d}"
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return written  # "31/02/1970": kept as written, the model flags it


def with_child(elem: Element, *names: str) -> list[Element]:
    """Elements below ``elem`` having a child named one of ``names``, whatever their tag."""
    return [e for e in elem.iter() if any(local_name(c.tag) in names for c in e)]


def add_name(entity: ListedEntity, name: Element) -> None:
    parts = [text(name, part) for part in NAME_PARTS]
    full = " ".join(p for p in parts if p)
    kind = (text(name, "NameType") or "").lower()
    weak = "low" in (text(name, "AliasStrength") or "").lower()
    if kind == "primary name" and not entity.proxy.get("name"):
        entity.add("name", full)
    else:
        entity.add("weakAlias" if weak else "alias", full)
    if entity.schema == "Person" and not weak:
        # Name1 is a given name and Name6 a family name; Name2..5 may be either.
        entity.add("firstName", parts[0])
        entity.add("lastName", parts[5])


def add_names(entity: ListedEntity, elem: Element) -> None:
    for names in children(elem, "Names"):
        for name in children(names, "Name"):
            add_name(entity, name)
    add_all(entity, "alias", texts(elem, "NameNonLatinScript"))
    if not entity.proxy.get("name"):  # no name marked primary: the first alias stands in
        entity.add("name", next(iter(entity.proxy.get("alias")), None))


def add_documents(entity: ListedEntity, elem: Element) -> None:
    for doc in with_child(elem, "PassportNumber"):
        number = text(doc, "PassportNumber")
        entity.add("passportNumber", number)
        entity.add("notes", join(f"Passport {number}", text(doc, "PassportAdditionalInformation")))
    for doc in with_child(elem, "NationalIdentifierNumber"):
        number = text(doc, "NationalIdentifierNumber")
        info = text(doc, "NationalIdentifierAdditionalInformation")
        entity.add("idNumber", number)
        entity.add("notes", join(f"National identifier {number}", info))


def add_places(entity: ListedEntity, elem: Element) -> None:
    for address in with_child(elem, *ADDRESS_PARTS):
        entity.add("address", join(*(text(address, part) for part in ADDRESS_PARTS)))
        entity.add("country", text(address, "AddressCountry"))
    for born in with_child(elem, "TownOfBirth", "CountryOfBirth"):
        entity.add("birthPlace", join(text(born, "TownOfBirth"), text(born, "CountryOfBirth")))
        entity.add("birthCountry", text(born, "CountryOfBirth"))


def add_details(entity: ListedEntity, elem: Element) -> None:
    for tag, prop in PLAIN.items():
        add_all(entity, prop, texts(elem, tag))
    for email in texts(elem, "EmailAddress"):  # several, split by ";" or spaces
        add_all(entity, "email", re.split(r"[;,\s]+", email))
    for tag, label in NOTED.items():
        for note in texts(elem, tag):  # "Asset freeze|Travel Ban"
            entity.add("notes", f"{label}: {note.replace('|', '; ')}" if label else note)
    for tag, relation in RELATED.items():
        entity.relations.extend(Relation(relation, name) for name in texts(elem, tag))
    for dob in texts(elem, "DOB"):
        add_date(entity, "birthDate", uk_date(dob))
    entity.add("createdAt", uk_date(text(elem, "DateDesignated")))
    entity.add("modifiedAt", uk_date(text(elem, "LastUpdated")))


def parse_designation(elem: Element) -> ListedEntity:
    kind = (text(elem, "IndividualEntityShip") or "").lower()
    schema = SCHEMATA.get(kind, "LegalEntity")
    entity = ListedEntity.make(KEY, text(elem, "UniqueID") or "", schema)
    add_names(entity, elem)
    add_documents(entity, elem)
    add_places(entity, elem)
    add_details(entity, elem)
    return entity


def parse(folder: Path) -> Iterator[ListedEntity]:
    path = folder / FILE
    for elem in read_entries(path, "Designations", {"Designation"}):
        yield require_id(path, parse_designation(elem), "UniqueID")


def published(folder: Path) -> str | None:
    """The ``DateGenerated`` element before the first designation, as an ISO date."""
    return uk_date(first_text(folder / FILE, "DateGenerated", before="Designation"))


SOURCE = Source(
    key=KEY,
    title="UK Sanctions List (FCDO)",
    files={FILE: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"},
    parse=parse,
    published=published,
)
