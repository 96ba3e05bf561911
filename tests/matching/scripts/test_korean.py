"""Korean names: Revised Romanization and McCune-Reischauer, syllables apart, surnames."""

from __future__ import annotations

from chokepoint.matching.scripts import korean, read


def spellings(name: str) -> list[set[str]]:
    return [{f.tokens[0] for f in w.forms} for w in read(name, "Person")[0].words]


def test_a_name_is_read_syllable_by_syllable_in_both_systems() -> None:
    # 김여정: Gim Yeo Jeong (Revised), Kim Yo Chong / Jong (McCune-Reischauer).
    assert spellings("김여정") == [{"gim", "kim"}, {"yeo", "yo"}, {"jeong", "chong", "jong"}]


def test_surnames_also_take_the_spellings_the_lists_use() -> None:
    assert {"lee", "yi", "ri", "rhee"} <= spellings("이병철")[0]
    assert {"park", "pak", "bak"} <= spellings("박철")[0]
    assert {"choe", "choi"} <= spellings("최룡해")[0]


def test_mccune_reischauer_without_breves() -> None:
    assert korean.mccune_reischauer("철") == ["chol"]
    assert korean.mccune_reischauer("시") == ["shi"]
