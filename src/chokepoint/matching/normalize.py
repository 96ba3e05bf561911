"""From a name as written, in any script, to the tokens that are compared.

Transliteration, company forms and person prefixes come from ``rigour`` (OpenSanctions'
library of this field); this module only orders the steps.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import (
    remove_obj_prefixes,
    remove_person_prefixes,
    replace_org_types_compare,
    tokenize_name,
)
from rigour.text import ascii_text

PERSON = "Person"
_DOTS = re.compile(r"(?<=\w)\.(?=\w|\s|$)")
_ID_CHARS = re.compile(r"[^0-9A-Z]")


def to_latin(text: str) -> str:
    """Any script to lower-case ASCII Latin.

    >>> to_latin("ООО Молот-Оружие"), to_latin("Γιώργος")
    ('ooo molot-oruzhie', 'giorgos')
    """
    text = text if text.isascii() else ascii_text(text)
    return text.casefold()


ARTICLES = {"al", "el", "ul", "il"}  # the Arabic article, as romanised in the lists


@lru_cache(maxsize=200_000)
def name_tokens(text: str, schema: str | None = None) -> tuple[str, ...]:
    """The comparable tokens of a name: Latin, no punctuation or titles, one form per kind
    of company.

    Company forms in any language become rigour's generic form ("OOO", "Obshchestvo s
    Ogranichennoi Otvetstvennostyu", "LLC", "GmbH" -> "llc"; "AO", "S.A.", "JSC" -> "jsc"),
    so equal forms agree and weigh little (``Index.forms``). Titles and honorifics go
    for persons, vessel prefixes (MV, M/T) for all, and the Arabic article is one token.

    >>> name_tokens("MOLOT-ORUZHIE, OOO", "Company")
    ('molot', 'oruzhie', 'llc')
    >>> name_tokens("Obshchestvo s Ogranichennoi Otvetstvennostyu Molot-Oruzhie")
    ('llc', 'molot', 'oruzhie')
    >>> name_tokens("Dr. Muhammad EL-HUSAIN", "Person")
    ('muhammad', 'al', 'husain')
    >>> name_tokens("M/T SUDAK", "Vessel")
    ('sudak',)
    """
    latin = _DOTS.sub("", to_latin(text))
    stripped = remove_obj_prefixes(latin)
    if schema == PERSON:
        stripped = remove_person_prefixes(stripped)
    else:
        stripped = replace_org_types_compare(stripped, generic=True)
    tokens = tuple("al" if t in ARTICLES else t for t in tokenize_name(stripped))
    return tokens or tuple(tokenize_name(latin))


@lru_cache(maxsize=200_000)
def raw_tokens(text: str) -> tuple[str, ...]:
    """Tokens before company forms are folded: what the words of a name are as written.

    >>> raw_tokens("Joint Stock Company Molot")
    ('joint', 'stock', 'company', 'molot')
    """
    return tuple(tokenize_name(_DOTS.sub("", to_latin(text))))


def name_key(text: str, schema: str | None) -> tuple[str, ...]:
    """For a person written "SURNAME, Given Middle" (OFAC, the CSL, the UK), the surname's
    tokens and the first given name: the part of the name a clerk keeps.

    >>> name_key("AL-YASSIN, Husam Muhammad Amin", "Person")
    ('al', 'yassin', 'husam')
    >>> name_key("Husam Muhammad Amin AL-YASSIN", "Person")
    ()
    """
    if schema != PERSON or text.count(",") != 1:
        return ()
    surname, given = text.split(",")
    first = name_tokens(given, schema)[:1]
    return name_tokens(surname, schema) + first if first else ()


def normalize_id(value: str) -> str:
    """An identifier reduced to its digits and capital letters, for exact comparison.

    >>> normalize_id("IMO 9187655"), normalize_id("ab-12 345")
    ('IMO9187655', 'AB12345')
    """
    return _ID_CHARS.sub("", value.upper())
