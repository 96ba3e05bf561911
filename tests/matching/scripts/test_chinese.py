"""Chinese names: segmentation, pinyin and CC-CEDICT's English, on names written here."""

from __future__ import annotations

from chokepoint.matching.scripts import chinese, read


def forms(name: str, schema: str | None = "Organization", reading: int = 0) -> list[list[str]]:
    return [[" ".join(f.tokens) for f in w.forms] for w in read(name, schema)[reading].words]


def test_a_name_is_cut_into_words_each_in_pinyin_and_english() -> None:
    words = forms("哈尔滨工程大学")
    assert [w[0] for w in words] == ["haerbin", "gongcheng", "daxue"]  # pinyin first
    assert "harbin" in words[0]  # the place as English writes it (CC-CEDICT)
    assert "engineering" in words[1] and "university" in words[2]


def test_traditional_characters_read_as_simplified() -> None:
    assert forms("哈爾濱工程大學") == forms("哈尔滨工程大学")


def test_a_whole_name_the_dictionary_knows_is_a_second_reading() -> None:
    readings = read("北京理工大学", "Organization")
    assert [w.written for w in readings[1].words] == ["北京理工大学"]
    assert "beijing institute of technology" in forms("北京理工大学", reading=1)[0]


def test_a_name_written_with_another_company_form_finds_the_entry() -> None:
    # CC-CEDICT names CASC "中国航天科技集团公司" inside another entry's gloss; the firm
    # writes "有限公司" (Co., Ltd.).
    assert chinese.entry_of("中国航天科技集团有限公司") == "中国航天科技集团公司"
    english = forms("中国航天科技集团有限公司", reading=1)[0]
    assert "china aerospace science and technology corporation" in english


def test_every_translation_names_its_dictionary_entry() -> None:
    (reading, *_) = read("哈尔滨工程大学", "Organization")
    sources = {f.source for w in reading.words for f in w.forms if f.translated}
    assert "CC-CEDICT 大学: university" in sources
    assert all(s.startswith("CC-CEDICT ") for s in sources)


def test_single_characters_and_persons_are_not_translated() -> None:
    assert forms("保") == [["bao"]]  # "保" is also "Bulgaria": too many senses alone
    assert read("李方伟", "Person")[0].primary == ("li", "fangwei")
