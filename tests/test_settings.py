"""Every setting is documented in the table of ``settings.py``, and every row is a setting."""

from __future__ import annotations

import re
from collections.abc import Callable

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
