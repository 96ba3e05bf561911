"""Japanese names: kana and kanji in Hepburn (pykakasi), long vowels also short."""

from __future__ import annotations

from chokepoint.matching.scripts import read, script_of


def test_kana_names_in_hepburn_with_long_vowels_short_too() -> None:
    words = read("さとう ゆうき", "Person")[0].words
    assert [[f.tokens[0] for f in w.forms] for w in words] == [["satou", "sato"], ["yuuki", "yuki"]]


def test_a_name_with_kana_is_japanese_one_in_kanji_only_is_read_as_chinese() -> None:
    assert script_of("トヨタ自動車").SCRIPT == "Japanese"
    assert script_of("東京電力").SCRIPT == "Chinese"  # no kana: the two cannot be told apart
