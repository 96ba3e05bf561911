"""UK Sanctions List (FCDO), XML: ``Designations/Designation``, one per listed party.

Element names follow the FCDO's published XML; no snapshot is in shared/lists, so the
parser is tested on a fixture written from that structure. Known dirt handled here:
``NameType`` comes in several casings, and dates of birth may be ``dd/mm/1945`` with the
day and month left as placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.model import ListedEntity
from chokepoint.sources.base import Source, child_text, iter_xml, local_name
from chokepoint.text.dates import parse_one

KEY = "gb_fcdo"
FILE = "UK-Sanctions-List.xml"
SCHEMATA = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_PLACEHOLDER_DATE = re.compile(r"^(?:dd|\d{1,2})/(?:mm|\d{1,2})/(\d{4})$", re.I)


def descendants(elem: Element, *path: str) -> list[Element]:
    """Elements at a path of local names below ``elem``, e.g. ``("DOBs", "DOB")``."""
    found = [elem]
    for name in path:
        found = [c for parent in found for c in parent if local_name(c.tag) == name]
    return found


def texts(elem: Element, *path: str) -> list[str]:
    return [t for e in descendants(elem, *path) if (t := (e.text or "").strip())]


def uk_date(text: str) -> str | None:
    """UK dates are dd/mm/yyyy; placeholders keep only what is known.

    >>> uk_date("21/03/1965"), uk_date("dd/mm/1945"), uk_date("xx")
    ('1965-03-21', '1945', None)
    """
    m = _PLACEHOLDER_DATE.match(text.strip())
    if m and ("d" in text.lower() or "m" in text.lower()):
        return m.group(1)
    return parse_one(text.replace("/", "."))


def add_names(entity: ListedEntity, elem: Element) -> None:
    for name in descendants(elem, "Names", "Name"):
        full = " ".join(p for i in range(1, 7) if (p := child_text(name, f"Name{i}")))
        kind = (child_text(name, "NameType") or "").lower()
        strength = (child_text(name, "AliasStrength") or "").lower()
        if kind.startswith("primary name") and not entity.proxy.get("name"):
            entity.add("name", full)
            if entity.schema == "Person":
                entity.add("firstName", child_text(name, "Name1"))
                entity.add("lastName", child_text(name, "Name6"))
        elif "low" in strength:
            entity.add("weakAlias", full)
        else:
            entity.add("alias", full)
    for original in texts(elem, "NonLatinNames", "NonLatinName", "NameNonLatinScript"):
        entity.add("alias", original)


def add_addresses(entity: ListedEntity, elem: Element) -> None:
    for address in descendants(elem, "Addresses", "Address"):
        lines = [child_text(address, f"AddressLine{i}") for i in range(1, 7)]
        lines += [child_text(address, "AddressPostalCode"), child_text(address, "AddressCountry")]
        entity.add("address", ", ".join(line for line in lines if line))
        entity.add("country", child_text(address, "AddressCountry"))


def add_individual(entity: ListedEntity, elem: Element) -> None:
    for person in descendants(elem, "IndividualDetails", "Individual"):
        for dob in texts(person, "DOBs", "DOB"):
            parsed = uk_date(dob)
            entity.add("birthDate", parsed or dob)
        for nationality in texts(person, "Nationalities", "Nationality"):
            entity.add("nationality", nationality)
        for position in texts(person, "Positions", "Position"):
            entity.add("position", position)
        for gender in texts(person, "Genders", "Gender"):
            entity.add("gender", gender)
        for number in texts(person, "PassportDetails", "PassportDetail", "PassportNumber"):
            entity.add("passportNumber", number)
        for number in texts(
            person, "NationalIdentifierDetails", "NationalIdentifier", "NationalIdentifierNumber"
        ):
            entity.add("idNumber", number)
        for place in descendants(person, "BirthDetails", "Location"):
            parts = [child_text(place, t) for t in ("TownOfBirth", "CountryOfBirth")]
            entity.add("birthPlace", ", ".join(p for p in parts if p))


def add_entity_and_ship(entity: ListedEntity, elem: Element) -> None:
    for number in texts(
        elem, "EntityDetails", "BusinessRegistrationNumbers", "BusinessRegistrationNumber"
    ):
        entity.add("registrationNumber", number)
    for parent in texts(elem, "EntityDetails", "ParentCompanies", "ParentCompany"):
        entity.add("notes", f"Parent company: {parent}")
    for ship in descendants(elem, "ShipDetails", "Ship"):
        for imo in texts(ship, "IMONumbers", "IMONumber"):
            entity.add("imoNumber", imo if imo.upper().startswith("IMO") else f"IMO {imo}")
        for flag in texts(ship, "CurrentFlags", "CurrentFlag"):
            entity.add("flag", flag)
        for kind in texts(ship, "TypeOfShip"):
            entity.add("type", kind)
        for tonnage in texts(ship, "TonnageOfShip"):
            entity.add("tonnage", tonnage)


def parse_designation(elem: Element) -> ListedEntity:
    kind = (child_text(elem, "IndividualEntityShip") or "").lower()
    entity = ListedEntity.make(
        KEY, child_text(elem, "UniqueID") or "", SCHEMATA.get(kind, "LegalEntity")
    )
    add_names(entity, elem)
    add_addresses(entity, elem)
    add_individual(entity, elem)
    add_entity_and_ship(entity, elem)
    entity.add("program", child_text(elem, "RegimeName"))
    entity.add("programId", child_text(elem, "OFSIGroupID"))
    entity.add("createdAt", uk_date(child_text(elem, "DateDesignated") or ""))
    entity.add("modifiedAt", uk_date(child_text(elem, "LastUpdated") or ""))
    for tag in ("OtherInformation", "UKStatementofReasons", "SanctionsImposed"):
        entity.add("notes", child_text(elem, tag))
    for phone in texts(elem, "PhoneNumbers", "PhoneNumber"):
        entity.add("phone", phone)
    for email in texts(elem, "EmailAddresses", "EmailAddress"):
        entity.add("email", email)
    return entity


def parse(folder: Path) -> Iterator[ListedEntity]:
    for elem in iter_xml(folder / FILE, {"Designation"}):
        yield parse_designation(elem)


SOURCE = Source(
    key=KEY,
    title="UK Sanctions List (FCDO)",
    files={FILE: "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"},
    parse=parse,
)
