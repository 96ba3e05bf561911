"""JSON from a user or a publisher, read with bounds: every JSON input goes through here.

The standard library's parser recurses once per nesting level (a deep enough document is a
``RecursionError``), turns a 5,000-digit number into a ``ValueError`` of its own, and takes
``NaN`` and lone surrogates that no database stores. orjson refuses those (and nests 1,024
levels at most) with one ``JSONDecodeError``; ``parse_json`` then holds what it read to a
nesting depth and a number size no Chokepoint input comes near, so that what follows
(validation, storage, error messages) never meets a pathological document.

>>> parse_json('{"name": ["Ivan"], "n": 3}')
{'name': ['Ivan'], 'n': 3}
"""

from __future__ import annotations

import math
from typing import Any

import orjson

MAX_DEPTH = 32  # a shipment nests 3 levels, an FtM entity 3; 32 leaves room for others' data
MAX_INT = 2**63 - 1  # what a database column holds; orjson refuses more than 64 bits anyway


class JSONInputError(ValueError):
    """A text that is not JSON, or JSON beyond the bounds; the message is one line."""


def parse_json(text: str | bytes) -> Any:
    """The value of a JSON text, or ``JSONInputError`` saying where and why it is refused.

    >>> parse_json("[" * 40 + "]" * 40)
    Traceback (most recent call last):
    ...
    chokepoint.text.json_input.JSONInputError: nested deeper than 32 levels
    >>> parse_json("1" * 5000)
    Traceback (most recent call last):
    ...
    chokepoint.text.json_input.JSONInputError: a number too large at line 1 column 1
    """
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise JSONInputError(_describe(exc)) from None
    check_bounds(data)
    return data


def _describe(exc: orjson.JSONDecodeError) -> str:
    where = f"line {exc.lineno} column {exc.colno}"
    reason = exc.msg
    if "depth" in reason:
        return f"nested deeper than {MAX_DEPTH} levels"
    if "infinity" in reason:
        return f"a number too large at {where}"
    if "surrogate in string" in reason:
        return f"a lone surrogate (not Unicode text) at {where}"
    if "surrogate" in reason or "utf-8" in reason.casefold():
        return f"not valid UTF-8 text at {where}"
    return f"malformed JSON at {where}: {reason}"


def check_bounds(data: Any) -> None:
    """Walks without recursion: refuses nesting past ``MAX_DEPTH`` and unbounded numbers."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        elif isinstance(value, float) and not math.isfinite(value):
            raise JSONInputError("a number too large")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            raise JSONInputError("a number too large")
        else:
            continue
        if depth >= MAX_DEPTH:
            raise JSONInputError(f"nested deeper than {MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in children if not isinstance(child, str))
