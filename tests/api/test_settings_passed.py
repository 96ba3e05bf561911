"""The settings handed to ``create_app(settings)`` are the ones obeyed, down to the cases'
four-eyes lists and suppression days and the audit log's key and head file, even when the
environment says otherwise (the library once read those from the environment, and a server
built with other settings silently followed the environment instead)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from chokepoint.app import create_app
from chokepoint.audit import entries, read_head, verify
from chokepoint.audit.key import AuditConfig, default_key_file
from chokepoint.settings import Settings
from chokepoint.store import open_db
from tests.conftest import WAIT_SECONDS

KEY = "alice-key-0123456789abcdef"
ALICE = {"Authorization": f"ApiKey {KEY}"}
PARTY = {"name": "Eric Badege", "schema": "Person"}  # on the UN list, a blocking list


def test_the_apps_own_settings_rule_its_cases_not_the_environment(
    sdn_un_db: str, tmp_path: Path, settings_env: Callable[[str, str], None]
) -> None:
    db = tmp_path / "lists.db"
    shutil.copy(sdn_un_db, db)
    # The environment asks for four eyes on every list and year-long suppressions...
    settings_env("CHOKEPOINT_FOUR_EYES_LISTS", "un_sc_sanctions,us_ofac_sdn")
    settings_env("CHOKEPOINT_SUPPRESSION_DAYS", "365")
    # ... the server is given none and suppressions that end at once.
    settings = Settings(
        db=str(db), api_keys=f"alice:{KEY}", four_eyes_lists="none", suppression_days=0
    )
    app = create_app(settings)
    with TestClient(app) as client:
        assert app.state.service.ready.wait(WAIT_SECONDS), app.state.service.problem
        recorded = client.post("/cases", json=PARTY, headers=ALICE)
        assert recorded.status_code == 201, recorded.json()
        case_id = recorded.json()["case"]
        case = client.get(f"/cases/{case_id}", headers=ALICE).json()
        assert case["four_eyes"] is False

        body = {"disposition": "false_positive", "reason": "born 1990; the listed man 1971"}
        seen = {"If-Match": str(case["version"])}
        decided = client.post(f"/cases/{case_id}/decide", json=body, headers={**ALICE, **seen})
        assert decided.json()["status"] == "closed"  # no second user needed

        # A suppression of 0 days is over at once: the same party opens a new case.
        again = client.post("/cases", json=PARTY, headers=ALICE)
        assert again.status_code == 201 and again.json()["case"] != case_id
        assert not any(h["suppressed_by"] for h in again.json()["hits"])


def test_the_apps_audit_key_and_head_file_are_the_ones_used(
    sdn_un_db: str, tmp_path: Path, settings_env: Callable[[str, str], None]
) -> None:
    db = tmp_path / "lists.db"
    shutil.copy(sdn_un_db, db)
    settings_env("CHOKEPOINT_AUDIT_KEY", "e" * 40)  # the environment's key, not the server's
    settings_env("CHOKEPOINT_AUDIT_HEAD_FILE", str(tmp_path / "env-head.json"))
    # The key file that signed the database's rows (the tests' own: conftest.py). A server
    # that took the environment's key instead would refuse to append ("another key").
    given = AuditConfig(key_file=str(default_key_file()), head_file=str(tmp_path / "head.json"))
    settings = Settings(
        db=str(db),
        api_keys=f"alice:{KEY}",
        audit_key=None,  # given: the environment's is not read
        audit_key_file=given.key_file,
        audit_head_file=given.head_file,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        assert app.state.service.ready.wait(WAIT_SECONDS), app.state.service.problem
        assert client.post("/cases", json=PARTY, headers=ALICE).status_code == 201
    engine = open_db(str(db))
    last = list(entries(engine))[-1]
    assert last.action == "case.open"
    assert read_head(tmp_path / "head.json").last_id == last.id
    assert not (tmp_path / "env-head.json").exists()
    assert verify(engine, config=given).ok  # signed with the server's key...
    assert not verify(engine, config=AuditConfig(key="e" * 40)).ok  # ... not the environment's
