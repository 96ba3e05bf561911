"""A cold ``chokepoint screen`` answers from the files published beside the index exactly as
the store does, and never from files made of other data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from chokepoint.matching import Query
from chokepoint.screening import screen, screen_db, screen_published
from chokepoint.store import open_db
from tests.cli.helpers import run
from tests.parties.conftest import KOVALENKO

NAME = "Petro Ivanovich Kovalenko"  # one party on three lists (tests/fixtures/parties)
HOLDING = "Kovalenko Holding LLC"  # owned by him: blocked by ownership, on no list
NAMES = (NAME, HOLDING, "Oleg Martynov", "Kaffee Kontor Bremen GmbH")
HEADER = "owner_id,owner_name,owned_id,owned_name,share,start_date,end_date,source\n"


def load_stakes(db: str, tmp_path: Path, share: int) -> None:
    stakes = tmp_path / f"stakes-{share}.csv"
    line = f"{KOVALENKO[0]},{NAME},kov-holding,{HOLDING.upper()},{share},,,registry extract\n"
    stakes.write_text(HEADER + line, encoding="utf-8")
    result = run("ownership", "load", str(stakes), "--db", db)
    assert result.exit_code == 0, result.output


def test_a_cold_screening_answers_as_the_store(party_db: str, tmp_path: Path) -> None:
    load_stakes(party_db, tmp_path, 60)
    assert screen_published(party_db, Query.of(NAME)) is None  # nothing published yet
    engine = open_db(party_db, create=False)
    stored = {name: screen(engine, Query.of(name)) for name in NAMES}
    texts = {name: run("screen", name, "--db", party_db).stdout for name in NAMES}
    for name in NAMES:
        cold = screen_published(party_db, Query.of(name))
        assert cold is not None, name
        assert cold.to_dict() == stored[name].to_dict()
        assert cold.by_party() == stored[name].by_party()
        assert run("screen", name, "--db", party_db).stdout == texts[name]
    spanning = stored[NAME].to_dict()["parties"][0]
    assert [e["id"] for e in spanning["entries"]] == list(KOVALENKO)
    (hit,) = stored[HOLDING].ownership
    assert hit.blocked and hit.matched == "name"


def test_files_of_other_data_are_never_read(party_db: str, tmp_path: Path) -> None:
    load_stakes(party_db, tmp_path, 60)
    screen_db(party_db, Query.of(HOLDING))  # through the store: publishes the files
    assert screen_published(party_db, Query.of(HOLDING)) is not None
    load_stakes(party_db, tmp_path, 10)  # a new ownership version: the stake now clear
    assert screen_published(party_db, Query.of(HOLDING)) is None
    assert screen_db(party_db, Query.of(HOLDING)).ownership == []
    cold = screen_published(party_db, Query.of(HOLDING))
    assert cold is not None and cold.ownership == []


def test_a_cold_screening_imports_no_sqlalchemy(party_db: str, tmp_path: Path) -> None:
    load_stakes(party_db, tmp_path, 60)
    screen_db(party_db, Query.of(NAME))  # publishes the files
    code = (
        "import sys; from chokepoint.cli import main\n"
        f"try: main(['screen', {NAME!r}, '--db', {party_db!r}])\n"
        "except SystemExit as exc: assert not exc.code, exc.code\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'sqlalchemy', 'followthemoney', 'pydantic_settings'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert KOVALENKO[0] in done.stdout
    assert done.stdout.rstrip().endswith("[]"), done.stdout[-300:]
