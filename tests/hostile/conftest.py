"""Fixtures of the hostile-input suite: what an attacker or an unlucky operator sends.

- ``hostile_db``: a copy of the UN list database for one test module: the fuzz tests write
  cases and subjects to it, no other module sees them.
- ``HOSTILE_TEXTS``: texts that broke or could break a reader (deep nesting, 5,000-digit
  numbers, NUL and other control characters, non-ASCII digits, formulas, lone surrogates).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

HOSTILE_TEXTS = [
    "[" * 5000 + "]" * 5000,
    '{"a":' * 3000 + "1" + "}" * 3000,
    "1" * 5000,
    "-" + "9" * 5000,
    "1e999999",
    "NaN",
    '"\\ud800"',
    "\x00",
    "a\x00b",
    "١٢٣",  # Arabic-Indic digits: int() takes them
    "²",
    "-1",
    "9" * 40,
    '=HYPERLINK("http://evil.example","x")',
    "\ufeff{}",
    "",
    " ",
]


@pytest.fixture(scope="module")
def hostile_db(un_snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("hostile") / "un.db"
    source, copy = sqlite3.connect(un_snapshot), sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    return str(target)
