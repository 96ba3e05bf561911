"""Every setting is documented in the table of ``settings.py``, and every row is a setting;
only the entry points read them."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

from chokepoint import settings
from chokepoint.settings import Settings, get_settings


def test_the_table_documents_every_setting() -> None:
    rows = re.findall(r"^\| (CHOKEPOINT_\w+) \|", settings.__doc__ or "", re.MULTILINE)
    documented = {r.removeprefix("CHOKEPOINT_").lower() for r in rows}
    assert documented == set(Settings.model_fields)


def test_four_eyes_lists_are_read_as_a_set(settings_env: Callable[[str, str], None]) -> None:
    assert get_settings().four_eyes is None  # the default: the blocking lists
    settings_env("CHOKEPOINT_FOUR_EYES_LISTS", "us_ofac_sdn, us_trade_csl/entity_list")
    assert get_settings().four_eyes == {"us_ofac_sdn", "us_trade_csl/entity_list"}
    settings_env("CHOKEPOINT_FOUR_EYES_LISTS", "none")
    assert get_settings().four_eyes == frozenset()


# The entry points read the settings and pass them down: nothing else may fetch them.
ENTRY_POINTS = ("cli", "app")


def test_only_the_entry_points_read_the_settings() -> None:
    package = Path(settings.__file__).parent
    readers = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        if "get_settings" in names:
            readers.add(path.relative_to(package).parts[0])
    assert readers - {"settings.py"} <= set(ENTRY_POINTS), readers
