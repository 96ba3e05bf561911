"""Importing subjects: the columns of screen-file, bad rows reported, good rows kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from chokepoint.cases.subjects import import_subjects, subject_key
from chokepoint.errors import InputError
from chokepoint.matching import Query
from chokepoint.store import open_db
from chokepoint.store.schema import subjects
from tests.cli.helpers import run

CSV = (
    "query_id,name,schema,birth_date,country,id\n"
    "c1,Anna Ivanova,Person,1970,ru,\n"
    "c2,,Person,,,\n"
    "c3,Acme Trading,Spaceship,,,\n"
    "c1,Anna Petrova,Person,,,\n"
    ",Baltic Cargo Express OU,Company,,ee,EE12345\n"
)


def stored(db: str) -> dict[str, tuple[str, dict[str, object], str]]:
    with open_db(db).connect() as conn:
        rows = conn.execute(
            select(subjects.c.key, subjects.c.name, subjects.c.query, subjects.c.versions)
        )
        return {key: (name, json.loads(query), versions) for key, name, query, versions in rows}


def test_import_keeps_good_rows_and_reports_bad_ones(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(CSV, encoding="utf-8")
    result = import_subjects(open_db(db_url), path, user="alice")
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    assert result.errors == [
        "row 3: empty name",
        "row 4: unknown schema 'Spaceship' (one of Person, Organization, Company, LegalEntity, "
        "Vessel, Airplane)",
        "row 5: subject 'c1' repeats row 2",
    ]
    rows = stored(db_url)
    company = subject_key(Query.of("Baltic Cargo Express OU", "Company", None, "ee", ["EE12345"]))
    assert set(rows) == {"c1", company}  # no query_id: keyed by the query's hash
    assert rows["c1"] == (
        "Anna Ivanova",
        {
            "names": ["Anna Ivanova"],
            "schema": "Person",
            "birth_dates": ["1970"],
            "countries": ["ru"],
            "ids": [],
        },
        "{}",  # never screened
    )


def test_reimport_updates_only_what_changed(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("query_id,name\nc1,Anna Ivanova\nc2,Boris Petrov\n", encoding="utf-8")
    engine = open_db(db_url)
    import_subjects(engine, path, user="alice")
    path.write_text("query_id,name\nc1,Anna Ivanova\nc2,Boris Petrov Jr\n", encoding="utf-8")
    again = import_subjects(engine, path, user="alice")
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert stored(db_url)["c2"][0] == "Boris Petrov Jr"


def test_a_file_without_usable_rows_is_refused(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("query_id,name\nc1,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no usable subject rows \(row 2: empty name\)"):
        import_subjects(open_db(db_url), path, user="alice")


def test_cli_import_prints_counts_and_errors(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(CSV, encoding="utf-8")
    result = run("subjects", "import", str(path), "--user", "alice", "--db", db_url)
    assert result.exit_code == 0
    assert result.stdout == "2 added, 0 updated, 0 unchanged, 3 bad rows skipped\n"
    assert result.stderr.splitlines()[0] == "skipped row 3: empty name"


def test_cli_import_of_a_malformed_csv_says_why(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("id;customer\n1;Anna\n", encoding="utf-8")
    result = run("subjects", "import", str(path), "--db", db_url)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: CSV header must name a 'name' column\n"
