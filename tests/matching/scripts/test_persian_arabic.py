"""Persian and Arabic names: letters, the zero-width non-joiner, consonant keys and the
organisation words, on names written here."""

from __future__ import annotations

from chokepoint.matching.index import Index
from chokepoint.matching.keys import consonants
from chokepoint.matching.readings import consonant_forms
from chokepoint.matching.scripts import persian_arabic, read
from tests.matching.test_matcher import entity


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


def test_allah_is_one_name_with_the_word_before_it() -> None:
    # The lists write "Abdullah", "Hidayatullah", "Sanaullah": one word, or "Abd Allah".
    (word,) = read("عبد الله", "Person")[0].words
    assert consonants("abdullah") in word.keys and consonants("abdallah") in word.keys
    assert ("abdul", "allah") in [f.tokens for f in word.forms]
    (word,) = read("هدایت الله", "Person")[0].words
    assert consonants("hidayatullah") in word.keys
    # Urdu writes the same name with its own heh (ہ): read as the Persian letter.
    assert read("ثناء اللہ", "Person")[0].primary == read("ثناء الله", "Person")[0].primary


def test_a_final_alif_maqsura_is_a_or_an_arabic_yeh() -> None:
    (mustafa,) = read("مصطفى", "Person")[0].words
    (haqqani,) = read("حقانى", "Person")[0].words
    assert mustafa.primary == ("mstfa",)
    assert ("hqani",) in [f.tokens for f in haqqani.forms]


def test_li_and_the_article_are_for_the() -> None:
    (lil, exchange) = read("للصرافة", "Organization")[0].words
    assert {f.tokens for f in lil.forms} == {("al",), ("for",), ()}
    assert ("money", "exchange") in [f.tokens for f in exchange.forms]


def test_two_consonants_find_words_as_long_as_the_letters_written_allow() -> None:
    names = ("IZZAT UBAYDI", "AFADEY FAIZ", "REZA ROZZAIE", "SAMI ESSAADI")
    index = Index.build([entity(str(i), "Person", n) for i, n in enumerate(names)])

    def found(written: str) -> set[str]:
        (word,) = [w for w in read(written, "Person")[0].words if w.keys]
        return set(consonant_forms(index, word))

    # ع and ی are written, so the Latin name has room for vowels ("izzat", "ubaydi").
    assert "izzat" in found("عزت") and "ubaydi" in found("عبیدی")
    assert "reza" in found("رضا") and "rozzaie" not in found("رضا")
    # A word that opens with a consonant is not spelled with a vowel first...
    assert "faiz" in found("فیض") and "afadey" not in found("فیض")
    # ...unless the article joins it, as it sounds ("as-Saadi").
    assert "essaadi" in found("السعدی")


def test_countries_and_their_adjectives_are_read_as_cldr_names_them() -> None:
    (*_, egyptian) = read("الجهاد الاسلامي المصري", "Organization")[0].words
    assert egyptian.written == "مصری" and ("egypt",) in [f.tokens for f in egyptian.forms]
    assert persian_arabic.countries()["تونسیة"] == "Tunisia"


def test_a_bodys_article_may_be_left_out_a_persons_may_not() -> None:
    (article, *_) = read("الجهاد الاسلامي", "Organization")[0].words
    assert {f.tokens for f in article.forms} == {("al",), ()}
    (article, *_) = read("الحسن", "Person")[0].words
    assert {f.tokens for f in article.forms} == {("al",)}
