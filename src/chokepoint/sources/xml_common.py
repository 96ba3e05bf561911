"""Helpers shared by the XML list parsers (UN, EU FSF, UK FCDO).

Publishers wrap long values over several lines ("National Identification\\n   Number"), so
every text read here has its whitespace collapsed. Dates go through ``text.dates``; a
value that is no date is still added, so the model keeps it as a flag instead of losing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity
from chokepoint.sources.base import child_text, iter_xml, local_name, xml_root_attrs
from chokepoint.text.dates import parse_date

# How a date property reads in the note that records a "circa" (FtM dates have no circa).
DATE_LABELS = {"birthDate": "Date of birth"}


def read_entries(path: Path, root: str, tags: set[str]) -> Iterator[Element]:
    """``iter_xml``, also refusing a file whose document element is not ``root``.

    Without the check an HTML error page saved under the list's name parses as a list with
    no entries. ``root`` is seen only at the end of the file, after the entries.
    """
    seen_root = False
    for elem in _guard_encoding(path, iter_xml(path, tags | {root})):
        if local_name(elem.tag) == root:
            seen_root = True
        else:
            yield elem
    if not seen_root:
        raise ListFormatError(path, f"not a {root} document")


def require_id(path: Path, entity: ListedEntity, id_name: str) -> ListedEntity:
    """The entity, unless the publisher gave it no id (its ``list_id`` would be empty)."""
    if not entity.list_id:
        name = entity.proxy.first("name") or "unnamed"
        raise ListFormatError(path, f"an entry ({name}) has no {id_name}")
    return entity


def root_attrs(path: Path) -> dict[str, str]:
    """``xml_root_attrs``, refusing an unknown encoding like any other bad input."""
    try:
        return xml_root_attrs(path)
    except LookupError as exc:
        raise ListFormatError(path, f"malformed XML: {exc}") from None


def first_text(path: Path, name: str, before: str) -> str | None:
    """Text of the first element ``name`` if it comes before any ``before`` element."""
    for elem in _guard_encoding(path, iter_xml(path, {name, before})):
        return clean(elem.text) if local_name(elem.tag) == name else None
    return None


def _guard_encoding(path: Path, elements: Iterator[Element]) -> Iterator[Element]:
    # expat raises LookupError (not ParseError) for an encoding Python does not know,
    # e.g. encoding="x-bogus"; base.iter_xml lets it through.
    try:
        yield from elements
    except LookupError as exc:
        raise ListFormatError(path, f"malformed XML: {exc}") from None


def clean(text: str | None) -> str | None:
    """Whitespace collapsed, or None when nothing is left.

    >>> clean("  National Identification\\n      Number "), clean(" \\n ")
    ('National Identification Number', None)
    """
    if text is None:
        return None
    return " ".join(text.split()) or None


def text(elem: Element, name: str) -> str | None:
    """Cleaned text of the first child named ``name`` (local name)."""
    return clean(child_text(elem, name))


def attr(elem: Element, name: str) -> str | None:
    """Cleaned attribute value; the EU writes absent facts as ``""``."""
    return clean(elem.get(name))


def find_all(elem: Element, name: str) -> list[Element]:
    """Every element named ``name`` below ``elem``, at any depth, in document order."""
    return [e for e in elem.iter() if e is not elem and local_name(e.tag) == name]


def texts(elem: Element, name: str) -> list[str]:
    """Cleaned, non-empty texts of every element named ``name`` below ``elem``."""
    return [t for e in find_all(elem, name) if (t := clean(e.text))]


def join(*parts: str | None) -> str:
    """The non-empty parts of a place or address, most specific first.

    >>> join("Gao", None, "", "Mali")
    'Gao, Mali'
    """
    return ", ".join(p for p in parts if p)


def year_span(start: str | None, end: str | None) -> str | None:
    """A range of birth years as ``parse_date`` reads it; one bound alone is that year.

    >>> year_span("1970", "1972"), year_span(None, "1958"), year_span(None, None)
    ('1970 to 1972', '1958', None)
    """
    if start and end:
        return f"{start} to {end}"
    return start or end


def add_all(entity: ListedEntity, prop: str, values: Iterable[str | None]) -> None:
    for value in values:
        entity.add(prop, value)


def add_date(entity: ListedEntity, prop: str, written: str | None, *, circa: bool = False) -> bool:
    """Add a written date, year or range of years as ISO prefixes; True if it parsed.

    A value that is no date is added as written, so the model keeps it as a flag. FtM has
    no "circa", so an approximate date is also recorded in ``notes``.
    """
    if not written:
        return False
    parsed = parse_date(written)
    if parsed is None:
        entity.add(prop, written)
        return False
    add_all(entity, prop, parsed.values)
    if circa or parsed.circa:
        label = DATE_LABELS.get(prop, prop)
        entity.add("notes", f"{label} approximately {written}")
    return True
