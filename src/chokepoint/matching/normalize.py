"""From a name as written, in any script, to the tokens that are compared.

Transliteration, company forms and person prefixes come from ``rigour`` (OpenSanctions'
library of this field); this module orders the steps, joins what punctuation split
("Jama'at", "S. A."), and folds the few forms and abbreviations rigour leaves as written
(``data/org_words.csv``).
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

from chokepoint.data import read_table

PERSON = "Person"
_DOTS = re.compile(r"(?<=\w)\.(?=\w|\s|$)")
_APOSTROPHES = re.compile(r"(?<=\w)['’‘ʼʻ`´](?=\w)")
_AMPERSAND = re.compile(r"\s*&\s*")
_INITIALS = re.compile(r"(?<!\S)[a-z](?: [a-z])+(?!\S)")
_ID_CHARS = re.compile(r"[^0-9A-Z]")


def to_latin(text: str) -> str:
    """Any script to lower-case ASCII Latin.

    >>> to_latin("ООО Молот-Оружие"), to_latin("Γιώργος")
    ('ooo molot-oruzhie', 'giorgos')
    """
    text = text if text.isascii() else ascii_text(text)
    return text.casefold()


ARTICLES = {"al", "el", "ul", "il"}  # the Arabic article, as romanised in the lists
# The article one token, and "son of" (bin, ben, ibn) one token.
_PARTICLES = {**dict.fromkeys(ARTICLES, "al"), "ben": "bin", "ibn": "bin"}


def _word_table(kind: str) -> tuple[re.Pattern[str], dict[str, str]]:
    rows = {r["written"]: r["compare"] for r in read_table("org_words.csv") if r["kind"] == kind}
    words = "|".join(re.escape(w) for w in sorted(rows, key=len, reverse=True))
    # A word ends at a space or at punctuation: "Ко., Лтд." is read "ko., llc" by then.
    return re.compile(rf"(?<!\S)(?:{words})(?=[\s.,;]|$)"), rows


_FORMS, _FORM_WORDS = _word_table("form")
_ABBREVIATIONS, _ABBREVIATION_WORDS = _word_table("abbreviation")
_SPELLINGS, _SPELLING_WORDS = _word_table("spelling")
GENERIC_FORMS = frozenset(
    r["written"] for r in read_table("org_words.csv") if r["kind"] == "generic"
)
FORM_FRAGMENTS = frozenset(
    r["written"] for r in read_table("org_words.csv") if r["kind"] == "fragment"
)
# Words of firm names that say little of which firm it is (``data/firm_words.csv``): city
# and region prefixes, generic words, words of a trade.
FIRM_WORDS = {w: r["kind"] for r in read_table("firm_words.csv") for w in r["words"].split()}
PLACES = frozenset(w for w, kind in FIRM_WORDS.items() if kind == "place")
GENERIC_WORDS = frozenset(w for w, kind in FIRM_WORDS.items() if kind == "generic")
_BRACKET = re.compile(r"^(.*?\w.*?)\s*\(([^()]*)\)\s*$")


def split_bracket(text: str) -> tuple[str, str] | None:
    """A name ending in a bracketed part: the name before it and the part.

    >>> split_bracket("National University of Defense Technology (NUDT)")
    ('National University of Defense Technology', 'NUDT')
    >>> split_bracket("SUN MOON STAR (SINGAPORE) LTD.") is None
    True
    """
    m = _BRACKET.match(text)
    return (m.group(1).strip(" ,-"), m.group(2).strip()) if m else None


def acronym_of(text: str) -> str | None:
    """The acronym a name ends with in brackets, when the bracket holds one: one to three
    words, the first in capitals and digits, starting with an initial of the name ("CETC
    14", "JSC TsNIIMash"), not a word of its own ("(HOLDING)", "(Group)").

    >>> acronym_of("National University of Defense Technology (NUDT)")
    'NUDT'
    >>> acronym_of("ELLISSA SAL (HOLDING)"), acronym_of("Encep Nurjaman (birth name)")
    (None, None)
    """
    split = split_bracket(text)
    if split is None:
        return None
    name, inner = split
    parts = inner.split()
    if not parts or len(parts) > 3 or not re.fullmatch(r"[A-Z0-9][A-Z0-9&.-]{1,9}", parts[0]):
        return None
    if to_latin(parts[0]) in FIRM_WORDS:
        return None
    initials = {w[0].upper() for w in re.findall(r"\w+", name)}
    return inner if parts[0][0] in initials else None


def clean(text: str, schema: str | None = None) -> str:
    """Latin, lower case, with the punctuation inside words gone: an apostrophe joins its
    word ("jama'at" is one word, not "jama" and a company form "at"), dots after letters
    go, and for organisations single letters in a row are one word ("S. A." is "sa").

    >>> clean("Kazakh Jama’at"), clean("HAVANATUR S. A.", "Company")
    ('kazakh jamaat', 'havanatur sa')
    >>> clean("J. R. SMITH", "Person"), clean("M & S Co.", "Company")
    ('j r smith', 'm and s co')
    """
    text = _DOTS.sub("", _APOSTROPHES.sub("", to_latin(text)))
    if schema == PERSON:
        return text
    return _INITIALS.sub(lambda m: m.group(0).replace(" ", ""), _AMPERSAND.sub(" and ", text))


def expand(text: str) -> str:
    """Abbreviations of company-name words written out, after forms are folded (so that
    "co ltd" is still a form).

    >>> expand("tawasul co"), expand("semiconductor mfg intl corp")
    ('tawasul company', 'semiconductor manufacturing international corporation')
    """
    return _ABBREVIATIONS.sub(lambda m: _ABBREVIATION_WORDS[m.group(0)], text)


def fold_forms(text: str) -> str:
    """Company forms to rigour's generic forms, rigour's table first, then ours.

    >>> fold_forms("velcom trade doo beograd"), fold_forms("ovlas trading sal")
    ('velcom trade llc beograd', 'ovlas trading jsc')
    """
    text = _SPELLINGS.sub(lambda m: _SPELLING_WORDS[m.group(0)], text)
    text = replace_org_types_compare(text, generic=True)
    return _FORMS.sub(lambda m: _FORM_WORDS[m.group(0)], text)


def native_tokens(text: str, schema: str | None) -> tuple[str, ...] | None:
    """A name in a script of ``matching/scripts`` (Chinese, Korean, Japanese, Persian and
    Arabic) read by that script's module, in its plain romanisation; None for others."""
    if text.isascii():
        return None
    from chokepoint.matching.scripts import primary_tokens  # they use this module

    return primary_tokens(text, schema)


@lru_cache(maxsize=200_000)
def name_tokens(text: str, schema: str | None = None) -> tuple[str, ...]:
    """The comparable tokens of a name: Latin, no punctuation or titles, one form per kind
    of company.

    Company forms in any language become rigour's generic form ("OOO", "Obshchestvo s
    Ogranichennoi Otvetstvennostyu", "LLC", "GmbH" -> "llc"; "AO", "S.A.", "JSC" -> "jsc"),
    so equal forms agree and weigh little (``Index.forms``). Titles and honorifics go
    for persons, vessel prefixes (MV, M/T) for all, the Arabic article is one token, as
    are bin/ben/ibn, and "Abd al-" one word (``fold_abd``).

    >>> name_tokens("MOLOT-ORUZHIE, OOO", "Company")
    ('molot', 'oruzhie', 'llc')
    >>> name_tokens("Obshchestvo s Ogranichennoi Otvetstvennostyu Molot-Oruzhie")
    ('llc', 'molot', 'oruzhie')
    >>> name_tokens("Dr. Muhammad EL-HUSAIN", "Person")
    ('muhammad', 'al', 'husain')
    >>> name_tokens("ZARQUN, Abd al Hadi", "Person"), name_tokens("JABBER IBN HAYAN")
    (('zarqun', 'abdul', 'hadi'), ('jabber', 'bin', 'hayan'))
    >>> name_tokens("M/T SUDAK", "Vessel")
    ('sudak',)
    >>> name_tokens("Kazakh Jama’at", "Organization"), name_tokens("HAVANATUR S. A.")
    (('kazakh', 'jamaat'), ('havanatur', 'jsc'))
    >>> name_tokens("哈尔滨工程大学", "Organization")
    ('haerbin', 'gongcheng', 'daxue')
    """
    if (native := native_tokens(text, schema)) is not None:
        return native
    return latin_tokens(text, schema)


def latin_tokens(text: str, schema: str | None = None) -> tuple[str, ...]:
    """``name_tokens`` of a name any script module leaves alone (rigour transliterates)."""
    latin = clean(text, schema)
    stripped = remove_obj_prefixes(latin)
    if schema == PERSON:
        stripped = remove_person_prefixes(stripped)
    else:
        stripped = expand(fold_forms(stripped))
    tokens = fold_abd(tuple(_PARTICLES.get(t, t) for t in tokenize_name(stripped)))
    return tokens or tuple(tokenize_name(latin))


ABD = "abdul"
_ABD_WRITTEN = {"abd", "abdel", "abdal", "abdol", "abdoul", "abdul", "abdur", "abdus", "abdu"}
# The particles of names, as written and as folded: name words, never company forms.
PARTICLE_WORDS = frozenset({*_PARTICLES, *_PARTICLES.values(), *_ABD_WRITTEN, ABD})


def fold_abd(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The Arabic "Abd al-" ("servant of") one word however it is romanised: "Abd
    al-Aziz", "Abdel Aziz", "Abdul Aziz", "Abd-ul-Aziz", "Abdur Rahman".

    >>> fold_abd(("abd", "al", "aziz")), fold_abd(("abdel", "aziz")), fold_abd(("abdullah",))
    (('abdul', 'aziz'), ('abdul', 'aziz'), ('abdullah',))
    """
    out: list[str] = []
    for token in tokens:
        if token == "al" and out and out[-1] == ABD:
            continue
        out.append(ABD if token in _ABD_WRITTEN else token)
    return tuple(out)


@lru_cache(maxsize=200_000)
def words(text: str, schema: str | None = None) -> tuple[str, ...]:
    """The words of a name as written, before forms are folded or abbreviations written out.

    >>> words("Velcom Trade d.o.o.", "Company"), words("Tawasul Co.", "Company")
    (('velcom', 'trade', 'doo'), ('tawasul', 'co'))
    """
    if (native := native_tokens(text, schema)) is not None:
        return native
    return tuple(tokenize_name(clean(text, schema)))


@lru_cache(maxsize=200_000)
def raw_tokens(text: str, schema: str | None = None) -> tuple[str, ...]:
    """The words of a name with abbreviations written out, before company forms are
    folded: what folding consumed is what ``raw_tokens`` has and ``name_tokens`` has not.

    >>> raw_tokens("Joint Stock Company Molot"), raw_tokens("Tawasul Co.", "Company")
    (('joint', 'stock', 'company', 'molot'), ('tawasul', 'company'))
    """
    if (native := native_tokens(text, schema)) is not None:
        return native
    text = clean(text, schema)
    return tuple(tokenize_name(text if schema == PERSON else expand(text)))


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
