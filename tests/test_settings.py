"""Every setting is documented in the table of ``settings.py``, and every row is a setting."""

from __future__ import annotations

import re

from chokepoint import settings
from chokepoint.settings import Settings


def test_the_table_documents_every_setting() -> None:
    rows = re.findall(r"^\| (CHOKEPOINT_\w+) \|", settings.__doc__ or "", re.MULTILINE)
    documented = {r.removeprefix("CHOKEPOINT_").lower() for r in rows}
    assert documented == set(Settings.model_fields)
