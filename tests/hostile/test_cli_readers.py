"""Every CLI reader of a user's file, fuzzed: a shipment, a file of shipments, a file of
queries, subjects to import, an FtM list. Whatever the bytes, the command ends with exit
status 0 or a one-line error and status 2: never a traceback, never another status."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.helpers import run
from tests.hostile.conftest import HOSTILE_TEXTS

# Hostile texts are long: hypothesis warns that their repr is large, which is the point.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
EXAMPLES = 40  # per reader: each example runs the command once
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.text(max_size=40) | st.sampled_from(HOSTILE_TEXTS)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | texts
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def dumps(data: Any) -> str:
    # The standard library writes what a careless producer writes: NaN, Infinity, huge ints.
    return json.dumps(data, ensure_ascii=False)


party = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["consignee", "end_user", "bank", "x"]) | values,
        "name": texts | values,
    },
    optional={
        "country": st.sampled_from(["RU", "de", "ZZ"]) | values,
        "address": values,
        "ids": values,
    },
)
item = st.fixed_dictionaries(
    {},
    optional={
        "hs_code": st.sampled_from(["8526.91", "85"]) | values,
        "quantity": values,
        "description": values,
    },
)
shipment = st.fixed_dictionaries(
    {"reference": texts | values, "parties": st.lists(party, max_size=3) | values},
    optional={"items": st.lists(item, max_size=2) | values, "route": values},
)
query_row = st.fixed_dictionaries(
    {"name": texts | values},
    optional=dict.fromkeys(("query_id", "schema", "birth_date", "country", "id"), texts | values),
)
entity = st.fixed_dictionaries(
    {
        "id": texts | values,
        "schema": st.sampled_from(["Person", "Company", "Ownership", "Nope"]) | values,
        "properties": st.dictionaries(
            st.sampled_from(["name", "alias", "birthDate", "country", "x"]) | texts,
            st.lists(texts, max_size=3) | values,
            max_size=4,
        )
        | values,
    }
)


def document(structured: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    """A file's text: well-formed records, hostile texts, or any text at all."""
    return structured.map(dumps) | st.sampled_from(HOSTILE_TEXTS) | st.text(max_size=200)


def lines(structured: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    return st.lists(document(structured), min_size=1, max_size=4).map("\n".join)


def csv_text() -> st.SearchStrategy[str]:
    rows = st.lists(st.lists(texts, min_size=1, max_size=6).map(",".join), max_size=4)
    return rows.map(lambda r: "\n".join(["query_id,name,schema,birth_date,country,id", *r]))


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8", errors="surrogatepass")
    path.write_bytes(content)
    return path


def check(result: Any) -> None:
    """Exit 0, or 2 with one line on stderr; an exception would have propagated."""
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(content=document(shipment) | st.binary(max_size=100))
def test_shipment_screen(hostile_db: str, work: Path, content: str | bytes) -> None:
    path = write(work / "shipment.json", content)
    check(run("shipment", "screen", str(path), "--json", "--db", hostile_db))


@FUZZ
@given(content=lines(shipment))
def test_shipment_screen_file(hostile_db: str, work: Path, content: str) -> None:
    path = write(work / "shipments.jsonl", content)
    out = str(work / "decisions.jsonl")
    check(run("shipment", "screen-file", str(path), "-o", out, "--db", hostile_db))


@FUZZ
@given(content=lines(query_row) | csv_text())
def test_screen_file(hostile_db: str, work: Path, content: str) -> None:
    path = write(work / "queries.txt", content)
    check(run("screen-file", str(path), "-o", str(work / "results.jsonl"), "--db", hostile_db))


@FUZZ
@given(content=lines(query_row) | csv_text())
def test_subjects_import(hostile_db: str, work: Path, content: str) -> None:
    path = write(work / "subjects.txt", content)
    check(run("subjects", "import", str(path), "--user", "fuzz", "--db", hostile_db))


@FUZZ
@given(content=lines(entity) | st.binary(max_size=100))
def test_ftm_list_load(work: Path, content: str | bytes) -> None:
    folder = work / "lists" / "ftm_fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "entities.json", content)
    check(run("lists", "load", str(folder), "--db", str(work / "ftm.db")))


@pytest.mark.parametrize("name", ["ftm_Bad Name", "ftm_" + "x" * 100, "ftm_../x", "ftm_é"])
def test_a_folder_name_that_is_no_list_key_is_refused(tmp_path: Path, name: str) -> None:
    if sys.platform == "win32" and "/" in name:
        pytest.skip("not a file name there")
    folder = tmp_path / "lists" / name.replace("/", "_")
    folder.mkdir(parents=True)
    (folder / "entities.json").write_text(
        dumps({"id": "1", "schema": "Person", "properties": {"name": ["Ivan Petrov"]}}),
        encoding="utf-8",
    )
    result = run("lists", "load", str(folder.parent), "--db", str(tmp_path / "db.sqlite"))
    assert result.exit_code == 2
    assert "not a list key" in result.stderr
