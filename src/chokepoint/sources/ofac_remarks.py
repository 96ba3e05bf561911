"""OFAC's free-text Remarks, read into properties.

A remark is a run of ``;``-separated pieces, each a key then a value: ``DOB 12 Jan 1962``,
``Passport A123 (Iran) issued 2010``, ``Linked To: HIZBALLAH``, ``a.k.a. 'KRET'``. A piece's
key is the longest known phrase it opens with. Identifier types ("Passport", "Tax ID No.",
"Registration Number", ...) are looked up in the project's one table of them,
``data/id_types.csv`` (shared with the CSL, which writes the same names); every other key
is in the tables below. The whole remark is kept in ``notes``, so pieces no key reads
(sanctions statements, positions, crypto addresses) are never lost.

In OFAC's legacy files the strong aliases are rows of the alt file; an ``a.k.a. '...'`` in
the remarks is a weak one (OFAC FAQ 123: weak AKAs are listed in the Remarks field of the
delimited files), so remark aliases go to ``weakAlias``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from chokepoint.model import ListedEntity, Relation
from chokepoint.sources.id_types import add_identifier, id_types
from chokepoint.text.dates import parse_date

Fact = tuple[str, str]  # (key, value), the key lower-cased as in the tables
Reader = Callable[[ListedEntity, str], None]

_IMO = re.compile(r"^IMO\s?\d{7}$", re.I)  # "Company Number IMO 5055293" is an IMO number
_QUALIFIER = re.compile(r"^\([^)]*\)\s*:?\s*")  # "(EO 14024 Directive 3): 24 Feb 2022"
_ALT = "alt. "


def add_dates(entity: ListedEntity, prop: str, text: str) -> None:
    """Every ISO prefix of a written date; one FtM refuses is kept as a flag."""
    parsed = parse_date(_QUALIFIER.sub("", text))
    for value in parsed.values if parsed else (text,):
        entity.add(prop, value)


def unquote(text: str) -> str:
    """An alias without the single quotes OFAC puts round it; inner apostrophes stay.

    >>> unquote("'KRET'"), unquote("'ABU 'ABDALLAH'"), unquote("PLAIN")
    ('KRET', "ABU 'ABDALLAH", 'PLAIN')
    """
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == "'":
        return text[1:-1].strip()
    return text


def add_registration_country(entity: ListedEntity, text: str) -> None:
    """ "Nationality of Registration": a vessel's flag, a company's jurisdiction."""
    for prop in ("flag", "jurisdiction", "country"):
        if entity.has(prop):
            entity.add(prop, text)
            return


def relation(kind: str) -> Reader:
    def read(entity: ListedEntity, text: str) -> None:
        entity.relations.append(Relation(kind, text))

    return read


# Keys whose value goes as written into one property (FtM cleans it).
PLAIN: dict[str, str] = {
    "pob": "birthPlace",
    "nationality": "nationality",
    "citizen": "citizenship",
    "organization type": "sector",
    "isin": "isinCode",
    "equity ticker": "ticker",
}
# Keys read by a function of their own.
READERS: dict[str, Reader] = {
    "dob": lambda e, v: add_dates(e, "birthDate", v),
    "listing date": lambda e, v: add_dates(e, "createdAt", v),
    "a.k.a.": lambda e, v: e.add("weakAlias", unquote(v)),
    "f.k.a.": lambda e, v: e.add("weakAlias", unquote(v)),
    "n.k.a.": lambda e, v: e.add("weakAlias", unquote(v)),
    "linked to": relation("Linked To"),
    "aircraft operator": relation("Operator"),
    "nationality of registration": add_registration_country,
}
# Identifier types OFAC writes that data/id_types.csv lacks, as the type there they equal.
# (These rows belong in the csv; they are here until its owner adds them.)
ID_SYNONYMS: dict[str, str] = {
    "uk company number": "company number",
    "branch unit number": "registration number",
    "dubai chamber of commerce membership no.": "chamber of commerce number",
    "united social credit code certificate (usccc)": "unified social credit code (uscc)",
    "italian fiscal code": "tax id no.",
    "us fein": "tax id no.",
    "turkish identification number": "national id no.",
    "national foreign id number": "national id no.",
    "le number": "national id no.",
    "aircraft serial identification": "aircraft manufacturer's serial number (msn)",
    "other vessel type": "vessel type",
    "phone no.": "phone number",
    "telephone no.": "telephone",
    "fax no.": "fax",
    "phone": "phone number",
}
# Remark keys that show an "Organization" is a company.
COMPANY_KEYS = frozenset({"isin", "equity ticker"})
COMPANY_TARGET_TYPES = frozenset({"public company", "private company"})


@cache
def known_keys() -> frozenset[str]:
    return frozenset([*PLAIN, *READERS, *ID_SYNONYMS, *id_types(), "target type"])


@cache
def max_key_words() -> int:
    return max(len(key.split()) for key in known_keys())


def split_remarks(remarks: str) -> list[str]:
    """The pieces of a remark, without the remark's closing full stop.

    Only the last piece loses its full stop: inside, a full stop belongs to the value
    (``Linked To: GALAPAGOS S.A.; DOB 1962``).

    >>> split_remarks("Linked To: GALAPAGOS S.A.; DOB 1962; POB Shati.")
    ['Linked To: GALAPAGOS S.A.', 'DOB 1962', 'POB Shati']
    """
    text = remarks.strip()
    text = text[:-1] if text.endswith(".") else text
    return [piece.strip() for piece in text.split(";") if piece.strip(" .")]


def read_piece(piece: str) -> Fact | None:
    """A piece's key (the longest known one it opens with) and value; None if unknown.

    >>> read_piece("alt. DOB circa 1955")
    ('dob', 'circa 1955')
    >>> read_piece("Linked To: HIZBALLAH")
    ('linked to', 'HIZBALLAH')
    >>> read_piece("Vessel Registration Identification IMO 9187629")
    ('vessel registration identification', 'IMO 9187629')
    >>> read_piece("Minister of Finance") is None
    True
    """
    if piece[: len(_ALT)].lower() == _ALT:
        piece = piece[len(_ALT) :]
    words = piece.split()
    keys = known_keys()
    for n in range(min(len(words) - 1, max_key_words()), 0, -1):
        key = " ".join(words[:n]).lower().rstrip(":")
        if key in keys:
            return key, " ".join(words[n:]).lstrip(": ")
    return None


def read_remarks(remarks: str) -> list[Fact]:
    """Every piece of a remark a key reads, in order.

    >>> read_remarks("DOB 1962; Minister of Finance; Gender Male.")
    [('dob', '1962'), ('gender', 'Male')]
    """
    return [fact for fact in map(read_piece, split_remarks(remarks)) if fact]


def says_company(facts: list[Fact]) -> bool:
    """Whether the remark shows a company: shares (ISIN, ticker) or OFAC's "Target Type".

    >>> says_company([("target type", "Public Company")]), says_company([("dob", "1962")])
    (True, False)
    """
    return any(
        key in COMPANY_KEYS or (key == "target type" and value.lower() in COMPANY_TARGET_TYPES)
        for key, value in facts
    )


def apply_fact(entity: ListedEntity, key: str, value: str) -> None:
    if key in READERS:
        READERS[key](entity, value)
    elif key in PLAIN:
        entity.add(PLAIN[key], value)
    elif key != "target type":  # an identifier type
        kind = "imo" if _IMO.match(value) else ID_SYNONYMS.get(key, key)
        add_identifier(entity, kind, value)


def apply_remarks(entity: ListedEntity, remarks: str, facts: list[Fact] | None = None) -> None:
    """Read ``remarks`` (or its ``facts``, already read) into ``entity``; keep it in notes."""
    if not remarks:
        return
    entity.add("notes", remarks)
    for key, value in read_remarks(remarks) if facts is None else facts:
        apply_fact(entity, key, value)
