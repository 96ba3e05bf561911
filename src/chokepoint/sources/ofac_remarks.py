"""OFAC's free-text Remarks, turned into properties.

A remark is a ``;``-separated run of pieces such as ``DOB 12 Jan 1962``, ``POB Tehran, Iran``,
``Passport A123 (Iran) issued 2010``, ``a.k.a. 'KRET'``, ``Linked To: NAME``. Each piece is
read by the first reader below that knows its prefix; the whole remark is also kept in
``notes``, so a piece no reader knows is never lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from chokepoint.model import ListedEntity, Relation
from chokepoint.sources.id_types import add_identifier, id_types
from chokepoint.text.dates import parse_date

_QUOTED = re.compile(r"'([^']+)'")


def split_pieces(remarks: str) -> list[str]:
    """The pieces of a remark, without the final full stop.

    >>> split_pieces("DOB 1962; POB Shati.")
    ['DOB 1962', 'POB Shati']
    """
    return [p.strip().rstrip(".").strip() for p in remarks.split(";") if p.strip(" .")]


def add_dates(entity: ListedEntity, text: str) -> None:
    parsed = parse_date(text)
    if parsed is None:
        entity.add("birthDate", text)  # refused by FtM: kept as a flag
        return
    for value in parsed.values:
        entity.add("birthDate", value)


def add_names(entity: ListedEntity, prop: str, text: str) -> None:
    names = _QUOTED.findall(text) or [text.strip("' ")]
    for name in names:
        entity.add(prop, name)


Reader = Callable[[ListedEntity, str], None]
# Prefix -> reader, tried longest first; "alt. " variants read like the plain ones.
READERS: dict[str, Reader] = {
    "dob": add_dates,
    "pob": lambda e, t: e.add("birthPlace", t),
    "nationality": lambda e, t: e.add("nationality", t),
    "citizen": lambda e, t: e.add("citizenship", t),
    "a.k.a.": lambda e, t: add_names(e, "alias", t),
    "n.k.a.": lambda e, t: add_names(e, "alias", t),
    "f.k.a.": lambda e, t: add_names(e, "previousName", t),
    "linked to:": lambda e, t: e.relations.append(Relation("Linked To", t.strip())),
    "title": lambda e, t: e.add("title", t),
    "nationality of registration": lambda e, t: e.add("flag" if e.has("flag") else "country", t),
}


def _prefixes() -> list[str]:
    return sorted([*READERS, *id_types()], key=len, reverse=True)


def read_piece(entity: ListedEntity, piece: str) -> bool:
    """Apply the reader whose prefix opens ``piece``; False if none does."""
    lowered = piece.lower()
    if lowered.startswith("alt. ") and not lowered.startswith("alt. passport"):
        piece, lowered = piece[5:], lowered[5:]
    for prefix in _prefixes():
        if lowered.startswith(prefix) and (
            len(piece) == len(prefix) or not piece[len(prefix)].isalnum()
        ):
            rest = piece[len(prefix) :].strip(" :")
            if not rest:
                return False
            if prefix in READERS:
                READERS[prefix](entity, rest)
                return True
            return add_identifier(entity, prefix, rest)
    return False


def apply_remarks(entity: ListedEntity, remarks: str) -> None:
    """Read every piece of ``remarks`` into ``entity`` and keep the whole text in notes."""
    if not remarks:
        return
    entity.add("notes", remarks)
    for piece in split_pieces(remarks):
        read_piece(entity, piece)
