"""The match index as files: no pickle, mapped from a cache beside the database, rebuilt or
extracted again whenever its files or its blob are missing or damaged.

Lists here are small FtM files written by the tests (as in ``test_screening.py``).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from sqlalchemy import select, update

from chokepoint import screening
from chokepoint.lists.loader import load_lists
from chokepoint.matching import Query, arrays
from chokepoint.matching.arrays import from_arrays, to_arrays
from chokepoint.matching.index import Index
from chokepoint.model import entity_id
from chokepoint.screening import get_snapshot, screen, screen_db
from chokepoint.screening.index_files import UnusableIndex, open_blob, open_dir, pack
from chokepoint.settings import DEFAULTS, Settings
from chokepoint.store import open_db, quick
from chokepoint.store.schema import match_indexes
from chokepoint.store.versions import current_versions
from tests.conftest import WAIT_SECONDS
from tests.test_screening import write_list


@dataclass(frozen=True)
class Record:
    name: str
    tags: tuple[str, ...]
    note: str | None = None


@dataclass
class Everything:
    """A field of each kind an index may have."""

    count: int = 0
    weight: float = 0.0
    numbers: list[int] = field(default_factory=list)
    flags: list[bool] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    groups: list[list[int]] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    lookup: dict[str, list[int]] = field(default_factory=dict)
    small: set[str] = field(default_factory=set)
    large: set[str] = field(default_factory=set)
    vector: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    postings: list[npt.NDArray[np.int32]] = field(default_factory=list)
    scratch: dict[tuple[str, ...], int] = field(default_factory=dict, metadata={"transient": True})


def test_every_kind_of_field_reads_back_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrays, "SMALL_SET", 2)  # "large" stays a table read in place
    odd = "Ωmega \ud800 lone surrogate"
    written = Everything(
        count=3,
        weight=0.25,
        numbers=[5, -1],
        flags=[True, False],
        scores=[0.1, 2.5],
        words=["", odd, "b"],
        phrases=[("a", "b"), ()],
        groups=[[1, 2], []],
        records=[Record("x", ("t",)), Record("y", (), "n")],
        ids={f"k{i}": i for i in range(100)} | {odd: -1},
        lookup={"a": [1], "b": []},
        small={"llc"},
        large={"one", "two", "three"},
        vector=np.array([1.5, 2.5], np.float32),
        postings=[np.array([1, 2], np.int32), np.array([], np.int32)],
        scratch={("x",): 1},
    )
    read = from_arrays(Everything, *to_arrays(written))
    assert (read.count, read.weight) == (3, 0.25)
    assert list(read.numbers) == [5, -1] and list(read.flags) == [True, False]
    assert list(read.scores) == [0.1, 2.5] and list(read.words) == written.words
    assert list(read.phrases) == written.phrases and list(read.groups) == written.groups
    assert list(read.records) == written.records
    assert dict(read.ids) == written.ids and read.ids.get("nope") is None
    assert "k7" in read.ids and odd in read.ids and read.ids[odd] == -1
    assert dict(read.lookup) == written.lookup
    assert read.small == {"llc"} and isinstance(read.small, set)
    assert "two" in read.large and "four" not in read.large and set(read.large) == written.large
    assert read.large | {"four"} == written.large | {"four"}
    assert read.vector.tolist() == [1.5, 2.5]
    assert [p.tolist() for p in read.postings] == [[1, 2], []]
    assert read.scratch == {}  # transient: exists while building only


def test_a_field_with_no_array_form_is_refused() -> None:
    @dataclass
    class Odd:
        pairs: dict[tuple[str, ...], int] = field(default_factory=dict)

    with pytest.raises(TypeError, match="pairs: no array form"):
        to_arrays(Odd({("a",): 1}))


class Payload:
    """Unpickling this would leave a file behind: proof that it ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def with_member(blob: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == name else src.read(info))
    return out.getvalue()


def tiny_index() -> Index:
    return Index.build([{"id": "a", "schema": "Person", "properties": {"name": ["Anna Example"]}}])


def test_a_pickled_array_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = io.BytesIO()
    np.save(evil, np.array([Payload(marker)], dtype=object), allow_pickle=True)
    blob = with_member(pack(tiny_index()).blob, "idf.npy", evil.getvalue())
    with pytest.raises(UnusableIndex):
        open_blob(blob)
    folder = tmp_path / "files"
    folder.mkdir()
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        zf.extractall(folder)
    with pytest.raises(UnusableIndex):
        open_dir(folder)
    assert not marker.exists()


def test_a_blob_naming_a_path_outside_is_refused(tmp_path: Path) -> None:
    from chokepoint.screening.index_files import extract

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("../escaped.npy", b"x")
    with pytest.raises(UnusableIndex, match="unexpected member"):
        extract(out.getvalue(), "0" * 64, tmp_path / "cache")
    assert not (tmp_path / "escaped.npy").exists()


def loaded(tmp_path: Path, settings: Settings = DEFAULTS) -> tuple[Any, Path]:
    """A database with one small list loaded, as a fresh process sees it."""
    db = tmp_path / "s.db"
    engine = open_db(str(db))
    folder = write_list(tmp_path / "v1", "ftm_a", "Anna Example", "Boris Sample")
    load_lists(engine, folder, settings=settings)
    screening._cache.clear()
    return engine, db


def files_of(db: Path) -> Path:
    (folder,) = (db.parent / f"{db.name}-index").iterdir()
    return folder


def found(engine: Any, cache: str | None = None) -> list[str]:
    screening._cache.clear()  # as a new process would
    matcher = get_snapshot(engine, cache=cache).matcher
    return [m.caption for m in matcher.match(Query.of("Boris Sample"))]


def test_the_index_is_mapped_from_files_beside_the_database(tmp_path: Path) -> None:
    engine, db = loaded(tmp_path)
    folder = files_of(db)
    with engine.connect() as conn:
        digest = conn.execute(select(match_indexes.c.digest)).scalar()
    assert folder.name == digest
    assert {p.suffix for p in folder.iterdir()} == {".npy", ".json"}
    vocab = get_snapshot(engine).matcher.index.vocab
    assert isinstance(vocab, arrays.StrMap)  # read in place, not a dict built in memory
    assert found(engine) == ["Boris Sample"]


@pytest.mark.parametrize("damage", ["truncate", "manifest", "delete", "remove all"])
def test_damaged_or_missing_files_are_extracted_again(tmp_path: Path, damage: str) -> None:
    engine, db = loaded(tmp_path)
    folder = files_of(db)
    if damage == "truncate":
        victim = folder / "postings.items.npy"
        victim.write_bytes(victim.read_bytes()[:-4])
    elif damage == "manifest":
        (folder / "manifest.json").write_text("{not json")
    elif damage == "delete":
        (folder / "vocab.keys.bytes.npy").unlink()
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
    assert found(engine) == ["Boris Sample"]
    assert files_of(db) == folder and open_dir(folder).vocab.get("boris") is not None


def test_a_damaged_blob_in_the_database_is_rebuilt(tmp_path: Path) -> None:
    engine, db = loaded(tmp_path)
    folder = files_of(db)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    with engine.begin() as conn:
        conn.execute(update(match_indexes).values(data=b"not an index"))
    assert found(engine) == ["Boris Sample"]
    with engine.connect() as conn:
        assert conn.execute(select(match_indexes.c.data)).scalar() != b"not an index"


def test_an_index_of_another_format_is_rebuilt(tmp_path: Path) -> None:
    engine, _ = loaded(tmp_path)
    with engine.begin() as conn:
        conn.execute(update(match_indexes).values(format="an older chokepoint"))
    assert found(engine) == ["Boris Sample"]
    with engine.connect() as conn:
        assert conn.execute(select(match_indexes.c.format)).scalar() != "an older chokepoint"


def test_where_no_cache_can_be_written_the_index_is_read_into_memory(tmp_path: Path) -> None:
    engine, db = loaded(tmp_path)
    index_dir = db.parent / f"{db.name}-index"
    for path in files_of(db).iterdir():
        path.unlink()
    files_of(db).rmdir()
    index_dir.rmdir()
    index_dir.write_text("a file where the directory would go")
    assert found(engine) == ["Boris Sample"]


def test_the_cache_directory_is_a_setting(tmp_path: Path) -> None:
    elsewhere = str(tmp_path / "elsewhere")
    engine, db = loaded(tmp_path, Settings.model_construct(index_cache=elsewhere))
    assert found(engine, cache=elsewhere) == ["Boris Sample"]
    assert len(list((tmp_path / "elsewhere").iterdir())) == 1
    assert not (db.parent / f"{db.name}-index").exists()


def test_the_quick_reads_agree_with_the_store(tmp_path: Path) -> None:
    engine, db = loaded(tmp_path)
    load_lists(engine, write_list(tmp_path / "v2", "ftm_b", "Carla Test"))
    current = quick.read_current(db)
    assert current is not None
    versions = current_versions(engine)
    assert current.versions == tuple((v.id, v.list, v.version) for v in versions)
    assert current.key == screening.index_key(versions)
    with engine.connect() as conn:
        row = conn.execute(select(match_indexes.c.digest, match_indexes.c.format)).one()
    assert (current.digest, current.format) == tuple(row)
    query = Query.of("Carla Test")
    assert screen_db(str(db), query).to_dict() == screen(engine, query).to_dict()
    assert screen_db(str(db), query).matches[0].id == entity_id("ftm_b", "e0")


def test_a_database_the_quick_reads_cannot_serve_goes_through_the_store(
    any_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))  # PostgreSQL's default
    engine = open_db(any_db)
    load_lists(engine, write_list(tmp_path / "v1", "ftm_a", "Anna Example"))
    screening._cache.clear()
    result = screen_db(any_db, Query.of("Anna Example"))
    assert [m.caption for m in result.matches] == ["Anna Example"]
    assert result.lists == {"ftm_a": 1}


COLD = """
import json, sys
from chokepoint.cli import main
try:
    main(["screen", "Boris Sample", "--json", "--db", sys.argv[1]])
except SystemExit:
    pass
heavy = ("fastapi", "uvicorn", "starlette")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


def test_a_cold_screen_answers_without_importing_the_web_stack(tmp_path: Path) -> None:
    # Parties and ownership statuses are read through the store, so a cold screen opens
    # the database with SQLAlchemy (store/quick.py alone served the index, not those).
    _, db = loaded(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", COLD, str(db)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert json.loads("\n".join(out[:-1]))["matches"][0]["caption"] == "Boris Sample"
    assert json.loads(out[-1]) == []


OPEN = """
import sys
from chokepoint import screening
from chokepoint.matching import Query
from chokepoint.store import open_db
matcher = screening.get_snapshot(open_db(sys.argv[1])).matcher
print(matcher.match(Query.of("Boris Sample"))[0].caption)
"""


def test_processes_extracting_the_same_files_at_once_all_get_the_index(tmp_path: Path) -> None:
    _, db = loaded(tmp_path)
    folder = files_of(db)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    procs = [
        subprocess.Popen([sys.executable, "-c", OPEN, str(db)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    assert [p.communicate(timeout=WAIT_SECONDS)[0].strip() for p in procs] == ["Boris Sample"] * 4
    assert files_of(db).name == folder.name
    assert not [p for p in folder.parent.iterdir() if p.name.startswith("tmp-")]
