"""Every setting is documented in the table of ``settings.py``."""

from __future__ import annotations

from collections.abc import Callable

from chokepoint import settings
from chokepoint.settings import Settings, get_settings


def test_every_setting_is_in_the_documented_table() -> None:
    doc = settings.__doc__ or ""
    for name in Settings.model_fields:
        assert f"| CHOKEPOINT_{name.upper()} |" in doc, name


def test_four_eyes_lists_are_read_as_a_set(settings_env: Callable[[str, str], None]) -> None:
    assert get_settings().four_eyes is None  # the default: the blocking lists
    settings_env("CHOKEPOINT_FOUR_EYES_LISTS", "us_ofac_sdn, us_trade_csl/entity_list")
    assert get_settings().four_eyes == {"us_ofac_sdn", "us_trade_csl/entity_list"}
    settings_env("CHOKEPOINT_FOUR_EYES_LISTS", "none")
    assert get_settings().four_eyes == frozenset()
