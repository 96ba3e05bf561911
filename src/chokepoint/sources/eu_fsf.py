"""EU Financial Sanctions Files, XML 1.1 (``export/sanctionEntity``).

Names, birth dates, citizenships, identifications and addresses are child elements with
their facts in attributes. ``list_id`` is the entity's ``logicalId``; names marked
``strong="false"`` are weak aliases. No snapshot is in shared/lists: the parser is tested
on a fixture written from the published XSD (namespace http://eu.europa.ec/fpi/fsd/export).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.model import ListedEntity
from chokepoint.sources.base import Source, children, iter_xml, xml_root_attrs
from chokepoint.text.dates import parse_date

KEY = "eu_fsf"
FILE = "xmlFullSanctionsList_1_1.xml"
SCHEMATA = {"person": "Person", "enterprise": "Organization"}
ID_PROPS = {
    "passport": "passportNumber",
    "id": "idNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
}


def attr(elem: Element, name: str) -> str | None:
    value = (elem.get(name) or "").strip()
    return value or None


def schema_of(elem: Element) -> str:
    for subject in children(elem, "subjectType"):
        return SCHEMATA.get((attr(subject, "code") or "").lower(), "LegalEntity")
    return "LegalEntity"


def add_names(entity: ListedEntity, elem: Element) -> None:
    for alias in children(elem, "nameAlias"):
        name = attr(alias, "wholeName")
        weak = (attr(alias, "strong") or "true").lower() == "false"
        if weak:
            entity.add("weakAlias", name)
        elif not entity.proxy.get("name"):
            entity.add("name", name)
            if entity.schema == "Person":
                entity.add("firstName", attr(alias, "firstName"))
                entity.add("middleName", attr(alias, "middleName"))
                entity.add("lastName", attr(alias, "lastName"))
        else:
            entity.add("alias", name)
        if entity.schema == "Person":
            entity.add("title", attr(alias, "title"))
            entity.add("position", attr(alias, "function"))
            entity.add("gender", {"M": "male", "F": "female"}.get(attr(alias, "gender") or ""))


def add_birth(entity: ListedEntity, elem: Element) -> None:
    for born in children(elem, "birthdate"):
        start, end = attr(born, "yearRangeFrom"), attr(born, "yearRangeTo")
        written = attr(born, "birthdate") or attr(born, "year")
        if start and end:
            written = f"{start} to {end}"
        parsed = parse_date(written)
        for value in parsed.values if parsed else [written]:
            entity.add("birthDate", value)
        if (attr(born, "circa") or "").lower() == "true":
            entity.add("notes", f"Date of birth circa {written}")
        place = [attr(born, "place"), attr(born, "city"), attr(born, "countryDescription")]
        entity.add("birthPlace", ", ".join(p for p in place if p))


def add_details(entity: ListedEntity, elem: Element) -> None:
    for citizenship in children(elem, "citizenship"):
        entity.add(
            "nationality" if entity.has("nationality") else "country",
            attr(citizenship, "countryIso2Code"),
        )
    for ident in children(elem, "identification"):
        code = (attr(ident, "identificationTypeCode") or "").lower()
        prop = ID_PROPS.get(code, "idNumber")
        entity.add(prop if entity.has(prop) else "idNumber", attr(ident, "number"))
    for address in children(elem, "address"):
        parts = ("street", "poBox", "zipCode", "city", "region", "place", "countryDescription")
        entity.add("address", ", ".join(v for p in parts if (v := attr(address, p))))
        entity.add("country", attr(address, "countryIso2Code"))
    for regulation in children(elem, "regulation"):
        entity.add("program", attr(regulation, "programme"))
        entity.add("sourceUrl", attr(regulation, "publicationUrl"))
        entity.add("createdAt", attr(regulation, "entryIntoForceDate"))
    for remark in children(elem, "remark"):
        entity.add("notes", remark.text)


def parse(folder: Path) -> Iterator[ListedEntity]:
    for elem in iter_xml(folder / FILE, {"sanctionEntity"}):
        entity = ListedEntity.make(KEY, attr(elem, "logicalId") or "", schema_of(elem))
        add_names(entity, elem)
        add_birth(entity, elem)
        add_details(entity, elem)
        entity.add("programId", attr(elem, "euReferenceNumber"))
        entity.add("notes", attr(elem, "designationDetails"))
        yield entity


def published(folder: Path) -> str | None:
    return xml_root_attrs(folder / FILE).get("generationDate")


SOURCE = Source(
    key=KEY,
    title="EU Financial Sanctions Files (FSF)",
    files={
        FILE: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
    },
    parse=parse,
    published=published,
)
