"""Hostile and broken files given to the XML parsers: each is refused, naming the file.

The files are written here into tmp_path. The DTD is refused where it starts, so entities
are never declared, let alone expanded or fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chokepoint.errors import ListFormatError
from chokepoint.sources import eu_fsf, gb_fcdo, un_sc_sanctions
from chokepoint.sources.base import Source

SOURCES = [un_sc_sanctions.SOURCE, eu_fsf.SOURCE, gb_fcdo.SOURCE]
ROOTS = {"un_sc_sanctions": "CONSOLIDATED_LIST", "eu_fsf": "export", "gb_fcdo": "Designations"}
# One well-formed entry lacking nothing but what a test takes away.
ENTRIES = {
    "un_sc_sanctions": "<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>"
    "<FIRST_NAME>José</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>",
    "eu_fsf": '<sanctionEntity logicalId="1"><nameAlias wholeName="José" strong="true"/>'
    "</sanctionEntity>",
    "gb_fcdo": "<Designation><UniqueID>X1</UniqueID><Names><Name><Name6>José</Name6>"
    "<NameType>Primary Name</NameType></Name></Names></Designation>",
}
LAUGHS = "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)  # lol9 would be 10**9 "lol"s


def document(source: Source, body: str | None = None, doctype: str = "") -> str:
    root = ROOTS[source.key]
    body = ENTRIES[source.key] if body is None else body
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<{root}>{body}</{root}>\n'


def list_file(tmp_path: Path, source: Source, content: bytes) -> Path:
    folder = tmp_path / source.key
    folder.mkdir()
    path = folder / next(iter(source.files))
    path.write_bytes(content)
    return path


def refusal(source: Source, path: Path) -> str:
    with pytest.raises(ListFormatError) as caught:
        list(source.parse(path.parent))
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)
    return caught.value.problem


@pytest.fixture(params=SOURCES, ids=lambda s: s.key)
def source(request: pytest.FixtureRequest) -> Source:
    result: Source = request.param
    return result


def test_a_well_formed_entry_parses(tmp_path: Path, source: Source) -> None:
    # The files below differ from this one only in what makes them hostile or broken.
    path = list_file(tmp_path, source, document(source).encode())
    assert [e.caption for e in source.parse(path.parent)] == ["José"]


def test_billion_laughs(tmp_path: Path, source: Source) -> None:
    root = ROOTS[source.key]
    hostile = document(source, "&lol9;", f'<!DOCTYPE {root} [<!ENTITY lol "lol">{LAUGHS}]>')
    path = list_file(tmp_path, source, hostile.encode())
    assert "DTDForbidden" in refusal(source, path)


def test_external_entity_is_never_read(tmp_path: Path, source: Source) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    root = ROOTS[source.key]
    doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    path = list_file(tmp_path, source, document(source, "&xxe;", doctype).encode())
    assert "TOP-SECRET-VALUE" not in refusal(source, path)


def test_external_dtd(tmp_path: Path, source: Source) -> None:
    doctype = f'<!DOCTYPE {ROOTS[source.key]} SYSTEM "http://127.0.0.1:9/list.dtd">'
    path = list_file(tmp_path, source, document(source, doctype=doctype).encode())
    assert "DTDForbidden" in refusal(source, path)


def test_truncated_file(tmp_path: Path, source: Source) -> None:
    whole = document(source).encode()
    path = list_file(tmp_path, source, whole[: len(whole) * 2 // 3])
    assert refusal(source, path).startswith("malformed XML")


def test_empty_file(tmp_path: Path, source: Source) -> None:
    assert refusal(source, list_file(tmp_path, source, b"")) == "file is empty"


def test_not_xml(tmp_path: Path, source: Source) -> None:
    path = list_file(tmp_path, source, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert refusal(source, path).startswith("malformed XML")


def test_latin1_bytes_declared_utf8(tmp_path: Path, source: Source) -> None:
    path = list_file(tmp_path, source, document(source).encode("latin-1"))  # "é" as \xe9
    assert refusal(source, path).startswith("malformed XML")


def test_utf16_bytes_declared_utf8(tmp_path: Path, source: Source) -> None:
    path = list_file(tmp_path, source, document(source).encode("utf-16"))
    assert refusal(source, path).startswith("malformed XML")


def test_unknown_encoding_declared(tmp_path: Path, source: Source) -> None:
    text = document(source).replace('encoding="UTF-8"', 'encoding="x-no-such-codec"')
    path = list_file(tmp_path, source, text.encode())
    assert refusal(source, path) == "malformed XML: unknown encoding: x-no-such-codec"


def test_html_error_page_saved_as_the_list(tmp_path: Path, source: Source) -> None:
    page = b"<html><body><h1>503 Service Unavailable</h1></body></html>"
    path = list_file(tmp_path, source, page)
    assert refusal(source, path) == f"not a {ROOTS[source.key]} document"


def test_entry_without_its_id(tmp_path: Path, source: Source) -> None:
    body = (
        ENTRIES[source.key]
        .replace("<DATAID>1</DATAID>", "")
        .replace(' logicalId="1"', "")
        .replace("<UniqueID>X1</UniqueID>", "")
    )
    path = list_file(tmp_path, source, document(source, body).encode())
    assert refusal(source, path).startswith("an entry (José) has no ")


def test_publisher_date_of_a_hostile_file_is_refused_too(tmp_path: Path, source: Source) -> None:
    root = ROOTS[source.key]
    hostile = document(source, "&lol9;", f'<!DOCTYPE {root} [<!ENTITY lol "lol">{LAUGHS}]>')
    path = list_file(tmp_path, source, hostile.encode())
    with pytest.raises(ListFormatError, match="DTDForbidden") as caught:
        source.published(path.parent)
    assert caught.value.path == str(path)
