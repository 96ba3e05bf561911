"""The one JSON reader: any text gives a value or ``JSONInputError``, never another error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokepoint.text.json_input import MAX_DEPTH, JSONInputError, parse_json
from tests.hostile.conftest import HOSTILE_TEXTS


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 5000 + "]" * 5000, f"nested deeper than {MAX_DEPTH} levels"),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nested deeper"),
        ("1" * 5000, "a number too large"),
        ('{"quantity": -' + "9" * 5000 + "}", "a number too large at line 1 column 14"),
        ("1e999", "a number too large"),
        ("NaN", "malformed JSON at line 1 column 1"),
        ('"\\ud800"', "a lone surrogate (not Unicode text) at line 1 column 2"),
        ('{"a": 1', "malformed JSON at line 1 column 8"),
    ],
)
def test_hostile_json_is_one_line_naming_the_problem(text: str, words: str) -> None:
    with pytest.raises(JSONInputError) as caught:
        parse_json(text)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_json_as_deep_as_the_bound_is_read() -> None:
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert parse_json('{"n": 9223372036854775807, "x": 1.5e300}')["x"] == 1.5e300


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.sampled_from(HOSTILE_TEXTS),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
            lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        ).map(repr),
    )
)
def test_any_text_is_json_or_a_json_input_error(text: str) -> None:
    try:
        parse_json(text)
    except JSONInputError as exc:
        assert str(exc) and "\n" not in str(exc)
