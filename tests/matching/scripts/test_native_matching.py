"""Names in their own scripts screened against a small list written here: the listed
English or Latin name is found, the path is explained, and shared generic words are not a
match."""

from __future__ import annotations

from functools import cache

from chokepoint.matching import Match, Matcher, Query
from chokepoint.matching.index import Index
from tests.matching.test_matcher import entity

LISTED = [
    entity("harbin", "Organization", "Harbin Engineering University"),
    entity("bit", "Organization", "Beijing Institute of Technology"),
    entity("sepah", "Company", "BANK SEPAH"),
    entity("mellat", "Company", "BANK MELLAT"),
    entity("kim", "Person", "KIM, Yo Jong"),
    entity("zarif", "Person", "ZARIF, Mohammad Javad"),
    entity("tech", "Company", "Beijing Zhongke Technology Co., Ltd."),
    entity("un", "Person", "HAMZA, Ali", "حمزة علي"),  # a name the publisher gives in Arabic
    entity("hamza", "Person", "HAMZA, Ali"),  # the same man on a list that gives Latin only
    entity("jihad", "Organization", "EGYPTIAN ISLAMIC JIHAD"),
    entity("toyota", "Company", "TOYOTA MOTOR"),
    # Common words, so that rarity means something in this small list.
    *[
        entity(f"c{i}", "Company", n)
        for i, n in enumerate(
            [
                "Shanghai Technology Co., Ltd.",
                "Guangzhou Electronics Technology Co., Ltd.",
                "National Bank of Commerce",
                "Beijing University of Posts",
                "Sichuan Technology Group",
                "KIM, Chol",
                "PARK, Yong Sik",
            ]
        )
    ],
]


@cache
def matcher() -> Matcher:
    return Matcher(Index.build(LISTED))


def top(name: str, schema: str | None = None) -> Match:
    (first, *_) = matcher().match(Query.of(name, schema), limit=3)
    return first


def matched(name: str, schema: str | None = None) -> bool:
    return any(m.match for m in matcher().match(Query.of(name, schema), limit=3))


def test_chinese_names_find_the_english_name_with_the_path_explained() -> None:
    found = top("哈尔滨工程大学", "Organization")
    assert (found.list_id, found.match) == ("harbin", True)
    script = found.explanation["script"]
    assert script["path"] == (
        "哈尔滨工程大学 -> 哈尔滨 | 工程 | 大学 -> harbin | engineering | university"
        " ~ Harbin Engineering University"
    )
    assert script["words"][2]["source"] == "CC-CEDICT 大学: university"
    whole = top("北京理工大学", "Organization")  # a whole name CC-CEDICT knows
    assert (whole.list_id, whole.match) == ("bit", True)


def test_persian_names_find_the_latin_name() -> None:
    for name, expected in (("بانک سپه", "sepah"), ("بانک ملت", "mellat")):
        found = top(name, "Company")
        assert (found.list_id, found.match) == (expected, True), name
        assert found.explanation["script"]["words"][0]["latin"] == "bank"
    zarif = top("محمد جواد ظریف", "Person")
    assert (zarif.list_id, zarif.match) == ("zarif", True)


def test_an_arabic_bodys_name_finds_its_english_name() -> None:
    # The article left out, "Islamic" from the word table, "Egyptian" from CLDR's Egypt.
    found = top("الجهاد الاسلامي المصري", "Organization")
    assert (found.list_id, found.match) == ("jihad", True)
    sources = [w["source"] for w in found.explanation["script"]["words"]]
    assert any(s.startswith("CLDR") for s in sources)


def test_korean_names_find_the_listed_romanisation() -> None:
    found = top("김여정", "Person")
    assert (found.list_id, found.match) == ("kim", True)
    assert "김 | 여 | 정" in found.explanation["script"]["path"]


def test_a_name_the_publisher_gives_in_its_script_meets_itself_and_the_latin_names() -> None:
    # The UN entry by its own Arabic name; the same man on a list that gives him in Latin
    # letters only is not crowded out by it.
    found = {m.list_id for m in matcher().match(Query.of("حمزة علي", "Person"), limit=5) if m.match}
    assert {"un", "hamza"} <= found


def test_japanese_names_are_read_in_hepburn() -> None:
    found = top("トヨタ", "Company")
    assert found.list_id == "toyota"


def test_shared_generic_words_are_not_a_match() -> None:
    # "Beijing ... Technology Co., Ltd." with another name: only the generic words agree.
    assert not matched("北京华为科技有限公司", "Company")
    assert not matched("بانک تجارت", "Company")  # another bank
    assert not matched("김철수", "Person")  # another Kim


def test_two_chinese_tech_companies_sharing_the_kind_of_body_are_told_apart() -> None:
    # Both are "<city> <name> 科技有限公司" (Technology Co., Ltd.): the listed one is found
    # by its own name, another firm of the same city and kind is not a match for it.
    found = top("北京中科科技有限公司", "Company")
    assert (found.list_id, found.match) == ("tech", True)
    for other in ("北京星光科技有限公司", "北京飞腾科技有限公司", "广州中天电子科技有限公司"):
        assert not matched(other, "Company"), other


def test_a_character_no_romaniser_knows_is_left_out_not_a_crash() -> None:
    # 𤠡 (a CJK extension character) has no pinyin: it once gave an empty token, and the
    # matcher failed comparing it (found by the hostile suite on the web form).
    assert not matched("1𤠡")
    assert not matched("𤠡", "Company")
    found = top("哈尔滨工程大学𤠡", "Organization")
    assert found.list_id == "harbin"
