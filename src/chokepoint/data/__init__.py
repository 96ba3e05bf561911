"""Data tables shipped with the package, each a CSV whose ``#`` lines cite its source."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>``, comment lines skipped.

    >>> read_table("embargoes.csv")[0]["code"]
    'IR'
    """
    text = resources.files(__name__).joinpath(name).read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return tuple(csv.DictReader(lines))
