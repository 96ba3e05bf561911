"""Persian and Arabic names: letters, the zero-width non-joiner, consonant keys and the
organisation words, on names written here."""

from __future__ import annotations

from chokepoint.matching.keys import consonants
from chokepoint.matching.scripts import persian_arabic, read


def test_persian_and_arabic_letters_read_alike() -> None:
    # Arabic ي and ك are the Persian ی and ک; short vowel signs are dropped.
    assert read("بنك ملي", None)[0].primary == read("بنک ملی", None)[0].primary
    assert read("مُحَمَّد", None)[0].primary == read("محمد", None)[0].primary


def test_the_zero_width_non_joiner_keeps_one_word() -> None:
    (word,) = read("نفت\u200cکش", None)[0].words
    assert word.written == "نفتکش" and ("tanker",) in [f.tokens for f in word.forms]


def test_the_consonants_of_a_word_are_those_of_its_latin_spellings() -> None:
    # The script writes no short vowels: "ملت" is Mellat, "محمد" Mohammad or Muhammad.
    assert consonants("mellat") in persian_arabic.consonant_keys("ملت")
    for spelling in ("mohammad", "muhammad", "mohamed"):
        assert consonants(spelling) in persian_arabic.consonant_keys("محمد")
    assert consonants("hossein") in persian_arabic.consonant_keys("حسین")


def test_organisation_words_are_translated_and_keep_their_transliteration() -> None:
    (bank, melli) = read("بانک ملی", "Organization")[0].words
    assert [f.source for f in bank.forms] == ["transliteration"]  # "bank" either way
    sources = [f.source for f in melli.forms]
    assert sources[0] == "transliteration" and any("national" in s for s in sources)


def test_abd_al_and_the_article_as_the_lists_write_them() -> None:
    assert read("عبد الرحمن التكريتي", "Person")[0].primary == ("abdul", "rhmn", "al", "tkriti")
    assert read("عبدالجبار", "Person")[0].primary == ("abdul", "jbar")
