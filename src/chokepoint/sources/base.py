"""What a list source is, and the guarded file readers every parser uses.

A source module defines ``SOURCE = Source(...)`` with its key, title, the files it reads
(file name -> official URL) and ``parse(folder) -> Iterator[ListedEntity]``. Parsers read
only through the helpers below, so every source refuses the same bad input the same way:
a missing, empty, wrongly encoded or hostile file raises ``ListFormatError`` naming the
file and the problem. The loader checks every file's size first (``require_file`` with the
``max_file_bytes`` setting it is given), before any parser reads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from chokepoint.errors import ListFormatError
from chokepoint.model import ListedEntity

Parser = Callable[[Path], Iterator[ListedEntity]]


def _no_date(folder: Path) -> str | None:  # noqa: ARG001 - same signature as real readers
    return None


@dataclass(frozen=True)
class Source:
    """A list publisher's format: how to find, fetch and parse one list folder."""

    key: str
    title: str
    files: Mapping[str, str]  # file name in the folder -> official URL ("" if none)
    parse: Parser
    # Reads the publisher's own date from the files, when the format carries one.
    published: Callable[[Path], str | None] = _no_date
    # Files that may be absent (e.g. an empty comments file the publisher omits).
    optional: frozenset[str] = field(default_factory=frozenset)
    # A folder of this source may hold any file names (e.g. ``ftm``: *.json / *.ijson).
    glob: str | None = None


def require_file(path: Path, limit: int | None = None) -> Path:
    """Return ``path`` if it is a non-empty file of at most ``limit`` bytes, else raise."""
    if not path.is_file():
        raise ListFormatError(path, "file is missing")
    size = path.stat().st_size
    if size == 0:
        raise ListFormatError(path, "file is empty")
    if limit is not None and size > limit:
        raise ListFormatError(
            path, f"file is {size:,} bytes, over the limit of {limit:,} (CHOKEPOINT_MAX_FILE_MB)"
        )
    return path


def read_text(path: Path, encoding: str) -> str:
    """The whole file as text, refusing bytes that are not ``encoding``.

    Files of single-byte encodings (OFAC's latin-1) decode whatever they hold, so NUL bytes
    and UTF-16 byte order marks are checked too: they mean the file is not text of that kind.
    """
    raw = require_file(path).read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:4096]:
        raise ListFormatError(path, f"not {encoding} text (UTF-16 or binary data)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ListFormatError(
            path, f"not valid {encoding} at byte {exc.start}: {raw[exc.start : exc.start + 8]!r}"
        ) from None


def read_csv_rows(
    path: Path, *, encoding: str = "utf-8", delimiter: str = ",", columns: int | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, cells)`` of a CSV file, refusing rows of the wrong width."""
    reader = csv.reader(io.StringIO(read_text(path, encoding), newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if columns is not None and len(row) != columns:
                raise ListFormatError(
                    path, f"line {reader.line_num}: {len(row)} columns, expected {columns}"
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise ListFormatError(path, f"line {reader.line_num}: {exc}") from None


def read_csv_dicts(
    path: Path, *, required: tuple[str, ...], encoding: str = "utf-8", delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` of a CSV file with a header holding ``required``."""
    rows = read_csv_rows(path, encoding=encoding, delimiter=delimiter)
    try:
        _, header = next(rows)
    except StopIteration:
        raise ListFormatError(path, "no header row") from None
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        raise ListFormatError(path, f"header lacks columns {', '.join(missing)}")
    for line, row in rows:
        if len(row) != len(header):
            raise ListFormatError(path, f"line {line}: {len(row)} columns, expected {len(header)}")
        yield line, dict(zip(header, row, strict=True))


def iter_xml(path: Path, tags: set[str]) -> Iterator[Element]:
    """Stream the elements named in ``tags`` (local names, namespaces stripped).

    defusedxml refuses DTDs, entity declarations and external references, so billion
    laughs and XXE never expand. Each yielded element is cleared after use to keep memory
    bounded; do not keep references to it.
    """
    require_file(path)
    root: Element | None = None
    try:
        with path.open("rb") as fh:
            events: Any = iterparse(
                fh,
                events=("start", "end"),
                forbid_dtd=True,
                forbid_entities=True,
                forbid_external=True,
            )
            for event, elem in events:
                if event == "start":
                    if root is None:
                        root = elem
                    continue
                if local_name(elem.tag) in tags:
                    yield elem
                    elem.clear()
    except DefusedXmlException as exc:
        raise ListFormatError(path, f"refused unsafe XML ({type(exc).__name__}: {exc})") from None
    except ParseError as exc:
        raise ListFormatError(path, f"malformed XML: {exc}") from None


def xml_root_attrs(path: Path) -> dict[str, str]:
    """The attributes of the document element, read without parsing the rest."""
    require_file(path)
    try:
        with path.open("rb") as fh:
            events: Any = iterparse(
                fh,
                events=("start",),
                forbid_dtd=True,
                forbid_entities=True,
                forbid_external=True,
            )
            for _, elem in events:
                return {local_name(k): v for k, v in elem.attrib.items()}
    except DefusedXmlException as exc:
        raise ListFormatError(path, f"refused unsafe XML ({type(exc).__name__}: {exc})") from None
    except ParseError as exc:
        raise ListFormatError(path, f"malformed XML: {exc}") from None
    raise ListFormatError(path, "no XML element")


def local_name(tag: str) -> str:
    """``{ns}name`` -> ``name``.

    >>> local_name("{http://eu.europa.ec/fpi/fsd/export}sanctionEntity")
    'sanctionEntity'
    """
    return tag.rsplit("}", 1)[-1]


def child_text(elem: Element, name: str) -> str | None:
    """Stripped text of the first child with local name ``name``, or None when empty."""
    for child in elem:
        if local_name(child.tag) == name:
            text = (child.text or "").strip()
            return text or None
    return None


def children(elem: Element, name: str) -> list[Element]:
    return [c for c in elem if local_name(c.tag) == name]
