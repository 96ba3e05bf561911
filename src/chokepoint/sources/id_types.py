"""Identifier type names, as OFAC and the CSL write them, mapped to FtM properties.

The table lives in ``data/id_types.csv``; this module only reads it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followthemoney import model

from chokepoint.data import read_table
from chokepoint.model import ListedEntity
from chokepoint.text.dates import parse_date

FALLBACK = "idNumber"
_RU_INN = re.compile(r"^\d{10}(\d{2})?$")
_RU_OGRN = re.compile(r"^\d{13}(\d{2})?$")
_ID_VALUE = re.compile(
    r"^(?P<number>[^()]+?)\s*(?:\((?P<country>[^)]*)\))?"
    r"(?:\s+(?:issued|expires|expiring|valid)\b.*)?$",
    re.I,
)


@lru_cache(maxsize=1)
def id_types() -> dict[str, str]:
    return {row["type"]: row["property"] for row in read_table("id_types.csv")}


def id_property(type_name: str, schema: str) -> str | None:
    """The FtM property for an identifier type on ``schema``; None if the type is unknown.

    >>> id_property("Passport", "Person"), id_property("NIT #", "Company")
    ('passportNumber', 'taxNumber')
    >>> id_property("Passport", "Company")  # a company has no passport: keep the number
    'idNumber'
    >>> id_property("Astrology Sign", "Person") is None
    True
    """
    prop = id_types().get(" ".join(type_name.lower().split()))
    if prop is None:
        return None
    properties = model.get(schema).properties  # type: ignore[union-attr]
    if prop not in properties:
        return FALLBACK if FALLBACK in properties else None
    return prop


def russian_code_property(prop: str, value: str, country: str | None) -> str | None:
    """Russian tax and registration numbers have properties of their own in FtM.

    >>> russian_code_property("taxNumber", "7702070139", "Russia")
    'innCode'
    >>> russian_code_property("registrationNumber", "1027700342890", "Russia")
    'ogrnCode'
    >>> russian_code_property("taxNumber", "7702070139", "Kazakhstan") is None
    True
    """
    if (country or "").strip().lower() not in ("russia", "ru", "russian federation"):
        return None
    if prop == "taxNumber" and _RU_INN.match(value):
        return "innCode"
    if prop == "registrationNumber" and _RU_OGRN.match(value):
        return "ogrnCode"
    return None


def read_id(text: str) -> tuple[str, str | None]:
    """An identifier's number and its country.

    >>> read_id("A1234567 (Iran) issued 01 Jan 2010 expires 01 Jan 2020")
    ('A1234567', 'Iran')
    >>> read_id("1097746084666")
    ('1097746084666', None)
    """
    m = _ID_VALUE.match(text.strip())
    if m is None:
        return text.strip(), None
    return m.group("number").strip(), (m.group("country") or None)


def add_identifier(entity: ListedEntity, kind: str, text: str, country: str | None = None) -> bool:
    """Add an identifier of type ``kind``; False when the type is unknown.

    ``text`` may carry its country and dates, as OFAC writes them: ``A123 (Iran) issued ...``.
    """
    prop = id_property(kind, entity.schema)
    if prop is None:
        return False
    if prop in ("incorporationDate", "buildDate"):
        parsed = parse_date(text)
        for value in parsed.values if parsed else [text]:
            entity.add(prop, value)
        return True
    if prop == "phone":
        # FtM accepts only numbers it can place in a country; OFAC's are often local.
        entity.proxy.add(prop, text, cleaned=True)
        return True
    if prop in ("website", "email", "gender", "type", "model"):
        entity.add(prop, text)
        return True
    number, found = read_id(text)
    countries = entity.proxy.get("country")
    # An id written without its country belongs to the entity's one country, if it has one.
    country = country or found or (countries[0] if len(countries) == 1 else None)
    if prop == "imoNumber" or kind.lower().startswith("vessel registration"):
        number = number if number.upper().startswith("IMO") else f"IMO {number}"
    entity.add(prop, number)
    special = russian_code_property(prop, number, country)
    if special and entity.has(special):
        entity.add(special, number)
    return True
