"""Strict reading of the small values users type: whole numbers and free text.

``int()`` is generous where a user's input should not be: it takes Arabic-Indic and other
Unicode digits, underscores and surrounding blanks, and any number of digits (a case
version of 5,000 digits overflows the database's column). Free text may carry control
characters: PostgreSQL refuses a NUL in a text column, and the others only hide what a
reason or a name says.
"""

from __future__ import annotations

import re

MAX_INT = 2**62  # ids and versions: far below what a 64-bit column holds
_DIGITS = re.compile(r"[0-9]+")
# C0 controls but tab and line breaks, DEL, and lone surrogates (no database stores them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def parse_int(value: str, what: str, *, low: int = 0, high: int = MAX_INT) -> int:
    """``value`` as a whole number of ASCII digits between ``low`` and ``high``, else
    ``ValueError`` with a one-line message (callers raise it as their input error).

    >>> parse_int("12", "a version")
    12
    >>> parse_int("١٢", "a version")
    Traceback (most recent call last):
    ...
    ValueError: a version must be a whole number, not '١٢'
    """
    if not _DIGITS.fullmatch(value):
        shown = value if len(value) <= 40 else value[:40] + "..."
        raise ValueError(f"{what} must be a whole number, not {shown!r}")
    # Compared as text first: ``int()`` of thousands of digits is itself slow work.
    if len(value.lstrip("0")) > len(str(high)) or not low <= int(value) <= high:
        shown = value if len(value) <= 40 else value[:40] + "..."
        raise ValueError(f"{what} must be between {low} and {high}, not {shown}")
    return int(value)


def has_control(value: str) -> bool:
    """True when ``value`` holds a control character (tab and line breaks allowed).

    >>> has_control("line one\\nline two"), has_control("a\\x00b")
    (False, True)
    """
    return _CONTROL.search(value) is not None


def refuse_control(value: str) -> str:
    """``value`` unchanged, or ``ValueError`` (pydantic validators' error) naming the
    first control character."""
    if found := _CONTROL.search(value):
        raise ValueError(f"control character U+{ord(found.group()):04X} not allowed")
    return value
