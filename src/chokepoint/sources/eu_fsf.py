"""EU Financial Sanctions Files, XML 1.1 (``export/sanctionEntity``).

Each ``sanctionEntity`` holds its facts in the attributes of child elements: ``nameAlias``,
``birthdate``, ``citizenship``, ``identification``, ``address``, ``regulation``. ``list_id``
is the entity's ``logicalId``. The EU marks no primary name: the first strong name is
taken as it, other strong names are aliases, ``strong="false"`` names weak aliases. The
format knows only persons and enterprises (subjectType ``person`` / ``enterprise``), so a
vessel listed by the EU is an enterprise, with its IMO number as an identification.

No snapshot is in shared/lists. Element and attribute names were checked against public
descriptions of the format (OpenSanctions' ``zavod/shed/fsf.py`` and ``eu_fsf.yml``
lookups, and published samples): ``publicationUrl`` is a child element of ``regulation``,
``nameAlias`` and ``birthdate`` may carry ``remark`` children, countries are ``00`` /
"UNKNOWN" when unknown, and the identification codes are those in ``ID_PROPS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.model import ListedEntity
from chokepoint.sources.base import Source, children
from chokepoint.sources.xml_common import (
    add_all,
    add_date,
    attr,
    clean,
    join,
    read_entries,
    require_id,
    root_attrs,
    year_span,
)

KEY = "eu_fsf"
FILE = "xmlFullSanctionsList_1_1.xml"
SCHEMATA = {"person": "Person", "enterprise": "Organization"}
# identificationTypeCode -> property; the other codes (id, other, tradelic, ssn, birthcert,
# nationcert, travelcardid, electionid, residentperm, drivinglicence, NRN) are ID numbers.
ID_PROPS = {
    "passport": "passportNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
}
CONTACT_PROPS = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website"}
GENDERS = {"M": "male", "F": "female"}
UNKNOWN_COUNTRIES = {"00", "UNKNOWN"}
# "(a) Mullah, (b) Maulavi": several titles or functions in one attribute.
_LETTERED = re.compile(r"\([a-z]\)\s*")


def split_lettered(value: str | None) -> list[str]:
    """
    >>> split_lettered("(a) Mullah, (b) Maulavi"), split_lettered("Minister")
    (['Mullah', 'Maulavi'], ['Minister'])
    """
    parts = (clean(p.strip().rstrip(",;")) for p in _LETTERED.split(value or ""))
    return [p for p in parts if p]


def country_code(elem: Element) -> str | None:
    code = attr(elem, "countryIso2Code") or attr(elem, "countryDescription")
    return None if code is None or code.upper() in UNKNOWN_COUNTRIES else code


def country_name(elem: Element) -> str | None:
    name = attr(elem, "countryDescription")
    return None if name is None or name.upper() in UNKNOWN_COUNTRIES else name


def remarks(elem: Element) -> list[str]:
    return [t for r in children(elem, "remark") if (t := clean(r.text))]


def schema_of(elem: Element) -> str:
    for subject in children(elem, "subjectType"):
        return SCHEMATA.get((attr(subject, "code") or "").lower(), "LegalEntity")
    return "LegalEntity"


def is_weak(alias: Element) -> bool:
    """``strong="false"``, or a remark calling the name of low quality."""
    if (attr(alias, "strong") or "true").lower() == "false":
        return True
    return any("low quality" in r.lower() for r in remarks(alias))


def add_name(entity: ListedEntity, alias: Element) -> None:
    name = attr(alias, "wholeName")
    if is_weak(alias):
        entity.add("weakAlias", name)
        return
    entity.add("alias" if entity.proxy.get("name") else "name", name)
    if entity.schema == "Person":
        entity.add("firstName", attr(alias, "firstName"))
        entity.add("middleName", attr(alias, "middleName"))
        entity.add("lastName", attr(alias, "lastName"))


def add_names(entity: ListedEntity, elem: Element) -> None:
    person = entity.schema == "Person"
    for alias in children(elem, "nameAlias"):
        add_name(entity, alias)
        add_all(entity, "title" if person else "notes", split_lettered(attr(alias, "title")))
        functions = split_lettered(attr(alias, "function"))
        add_all(entity, "position" if person else "notes", functions)
        entity.add("gender", GENDERS.get(attr(alias, "gender") or ""))
        add_all(entity, "notes", (r for r in remarks(alias) if "quality" not in r.lower()))
    if not entity.proxy.get("name"):  # only weak names: the first still names the entry
        entity.add("name", next(iter(entity.proxy.get("weakAlias")), None))


def written_birth_date(born: Element) -> str | None:
    """The full date, else year-month or year from its parts, else the range of years."""
    if full := attr(born, "birthdate"):
        return full
    year, month, day = (attr(born, a) for a in ("year", "monthOfYear", "dayOfMonth"))
    if year and month and month.isdigit():
        if day and day.isdigit():
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{int(month):02d}"
    return year or year_span(attr(born, "yearRangeFrom"), attr(born, "yearRangeTo"))


def add_births(entity: ListedEntity, elem: Element) -> None:
    for born in children(elem, "birthdate"):
        circa = (attr(born, "circa") or "").lower() == "true"
        add_date(entity, "birthDate", written_birth_date(born), circa=circa)
        parts = ("place", "city", "zipCode", "region")
        entity.add("birthPlace", join(*(attr(born, p) for p in parts), country_name(born)))
        entity.add("birthCountry", country_code(born))
        add_all(entity, "notes", remarks(born))


def add_identifications(entity: ListedEntity, elem: Element) -> None:
    for ident in children(elem, "identification"):
        prop = ID_PROPS.get((attr(ident, "identificationTypeCode") or "").lower(), "idNumber")
        prop = prop if entity.has(prop) else "idNumber"  # e.g. a passport on an enterprise
        entity.add(prop, attr(ident, "number"))
        entity.add(prop, attr(ident, "latinNumber"))
        details = [attr(ident, "identificationTypeDescription"), attr(ident, "number")]
        details += [country_name(ident), attr(ident, "issuedBy"), attr(ident, "issueDate")]
        details += remarks(ident)
        entity.add("notes", "Document: " + "; ".join(d for d in details if d))


def add_addresses(entity: ListedEntity, elem: Element) -> None:
    for address in children(elem, "address"):
        parts = ("street", "poBox", "zipCode", "city", "region", "place")
        entity.add("address", join(*(attr(address, p) for p in parts), country_name(address)))
        entity.add("country", country_code(address))
        for contact in children(address, "contactInfo"):
            key, value = attr(contact, "key"), attr(contact, "value")
            if prop := CONTACT_PROPS.get((key or "").upper()):
                add_all(entity, prop, re.split(r"[,;]\s*", value or ""))
            else:
                entity.add("notes", join(key, value))
        add_all(entity, "notes", remarks(address))


def add_citizenships(entity: ListedEntity, elem: Element) -> None:
    prop = "nationality" if entity.has("nationality") else "country"
    for citizenship in children(elem, "citizenship"):
        entity.add(prop, country_code(citizenship))


def add_regulations(entity: ListedEntity, elem: Element) -> None:
    """Programme and legal act; listed on the earliest date the EU states for it."""
    dates = [attr(elem, "designationDate")]
    for regulation in children(elem, "regulation"):
        entity.add("program", attr(regulation, "programme"))
        for url in children(regulation, "publicationUrl"):
            entity.add("sourceUrl", clean(url.text))
        dates.append(attr(regulation, "entryIntoForceDate"))
    entity.add("createdAt", min((d for d in dates if d), default=None))


def parse_entity(elem: Element) -> ListedEntity:
    entity = ListedEntity.make(KEY, attr(elem, "logicalId") or "", schema_of(elem))
    add_names(entity, elem)
    add_births(entity, elem)
    add_citizenships(entity, elem)
    add_identifications(entity, elem)
    add_addresses(entity, elem)
    add_regulations(entity, elem)
    entity.add("programId", attr(elem, "euReferenceNumber"))
    entity.add("programId", attr(elem, "unitedNationId"))
    entity.add("notes", attr(elem, "designationDetails"))
    add_all(entity, "notes", remarks(elem))
    return entity


def parse(folder: Path) -> Iterator[ListedEntity]:
    path = folder / FILE
    for elem in read_entries(path, "export", {"sanctionEntity"}):
        yield require_id(path, parse_entity(elem), "logicalId")


def published(folder: Path) -> str | None:
    return root_attrs(folder / FILE).get("generationDate")


SOURCE = Source(
    key=KEY,
    title="EU Financial Sanctions Files (FSF)",
    files={
        FILE: "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
    },
    parse=parse,
    published=published,
)
