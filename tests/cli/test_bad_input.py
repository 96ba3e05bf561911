"""Bad list files: each is refused with one line naming the file and the problem, exit
status 2, and the version already stored stays current and complete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.helpers import copy_list, run, status

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
<FIRST_NAME>&lol3;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
<FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def replace_with(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def to_utf16(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def drop_id_column(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0].replace("_id,", "id,", 1) + "".join(lines[1:]), encoding="utf-8")


CASES = [
    # (list, file, how the file is spoiled, words the error must contain)
    ("un_sc_sanctions", "consolidated.xml", truncate, "malformed XML"),
    ("un_sc_sanctions", "consolidated.xml", replace_with(BILLION_LAUGHS), "unsafe XML"),
    ("un_sc_sanctions", "consolidated.xml", replace_with(XXE), "unsafe XML"),
    ("us_bis_denied", "dpl.txt", to_utf16, "not utf-8 text"),
    ("us_bis_denied", "dpl.txt", replace_with(""), "file is empty"),
    ("us_bis_denied", "dpl.txt", Path.unlink, "file is missing"),
    ("us_trade_csl", "consolidated.csv", drop_id_column, "header lacks columns _id"),
]


@pytest.mark.parametrize(
    ("key", "name", "spoil", "words"), CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES]
)
def test_bad_file_is_refused_and_stored_version_kept(
    db_url: str,
    tmp_path: Path,
    key: str,
    name: str,
    spoil: Callable[[Path], None],
    words: str,
) -> None:
    folder = copy_list(key, tmp_path)
    assert run("lists", "load", str(folder), "--db", db_url).exit_code == 0
    before = status(db_url)[key]

    spoil(folder / name)
    result = run("lists", "load", str(folder), "--db", db_url)

    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ") and name in line and words.lower() in line.lower()
    assert "Traceback" not in result.output
    assert status(db_url)[key] == before


def test_file_over_the_size_limit_is_refused(
    db_url: str, tmp_path: Path, settings_env: Callable[[str, str], None]
) -> None:
    folder = copy_list("un_sc_sanctions", tmp_path)  # about 2 MB
    settings_env("CHOKEPOINT_MAX_FILE_MB", "1")
    result = run("lists", "load", str(folder), "--db", db_url)
    assert result.exit_code == 2
    assert "consolidated.xml: file is 2,030,620 bytes, over the limit of 1,048,576" in result.stderr
    assert status(db_url) == {}


def test_one_bad_list_does_not_stop_the_others(db_url: str, tmp_path: Path) -> None:
    copy_list("us_bis_denied", tmp_path)
    truncate(copy_list("un_sc_sanctions", tmp_path) / "consolidated.xml")
    result = run("lists", "load", str(tmp_path), "--db", db_url)
    assert result.exit_code == 2
    assert "us_bis_denied: version 1" in result.stdout
    assert set(status(db_url)) == {"us_bis_denied"}


def test_directory_without_list_folders_is_explained(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    result = run("lists", "load", str(tmp_path), "--db", db_url)
    assert result.exit_code == 2
    assert "no list folders found (folder names must be one of us_ofac_sdn" in result.stderr


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    result = run("lists", "load", str(folder), "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot open database")
    assert len(result.stderr.splitlines()) == 1
