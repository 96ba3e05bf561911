"""Text that no database stores (a NUL, other control characters) is refused before it
reaches one: on PostgreSQL it used to fail the whole transaction with a driver error."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from chokepoint.cases.queries import get_case
from chokepoint.cases.workflow import assign, decide
from chokepoint.errors import InputError
from tests.cases.conftest import engine, lists_db, record

__all__ = ["engine", "lists_db"]  # fixtures used here, defined beside the case tests


@pytest.mark.parametrize("bad", ["a\x00b", "\x1b[31mred", "\x7f"])
def test_control_characters_in_case_fields_are_refused_and_nothing_is_written(
    engine: Engine, bad: str
) -> None:
    case = record(engine, "Eric Badege").case
    assert case is not None
    with pytest.raises(InputError, match="control characters"):
        decide(engine, case.id, disposition="escalate", reason=bad, user="alice")
    with pytest.raises(InputError, match="control characters"):
        assign(engine, case.id, assignee=bad, user="alice")
    with pytest.raises(InputError, match="control character"):
        record(engine, f"Eric {bad} Badege")
    assert get_case(engine, case.id).case.version == case.version
    # A reason may span lines and hold tabs: those are text.
    decided = decide(engine, case.id, disposition="escalate", reason="a\n\tb", user="alice")
    assert decided.reason == "a\n\tb"
