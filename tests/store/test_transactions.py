"""Write transactions take SQLite's write lock up front; a writer kept waiting past the busy
timeout gets a message, not a traceback."""

from __future__ import annotations

import pytest

from chokepoint.errors import ConflictError
from chokepoint.store import db, open_db
from chokepoint.store.transactions import write_transaction


def test_a_writer_kept_waiting_too_long_gets_a_conflict(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_SECONDS", 0.2)
    engine = open_db(db_url)
    with write_transaction(engine):  # holds the write lock from its start, before any write
        with pytest.raises(ConflictError, match="busy with another writer"):
            with write_transaction(engine):
                pass
