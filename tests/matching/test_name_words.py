"""What a word of a name is taken for: a person's words are never company forms, a city
is one word, a rare one-word firm name keeps its identity, and a copy of a listed person
without a birth date is compared with the date its name is listed with elsewhere. Each
case is a small list written here, so that it shows its cause."""

from __future__ import annotations

from functools import cache

from chokepoint.matching import Match, Matcher, Query, features
from chokepoint.matching.index import Index
from chokepoint.matching.normalize import name_tokens

from .test_matcher import entity

LISTED = [
    entity("p1", "Person", "GARCIA RIOS, Tomasa"),
    entity("p2", "Person", "DJAFFAR"),
    entity("p3", "Person", "JABBER IBN HAYAN"),
    entity("p4", "Person", "ZARQUN, Abd al Hadi"),
    entity("p5", "Person", "EL-SAYED, Omar"),
    entity("p6", "Person", "ALGUADIS, Selim", birthDate=["1940-03-01"]),
    entity("d6", "LegalEntity", "Selim Alguadis"),  # a copy without the date, as the DPL's
    entity("p7", "Person", "KHAN, Ali Akbar", birthDate=["1950"]),
    entity("p8", "Person", "KHAN, Ali Akbar", birthDate=["1980"]),
    entity("d8", "LegalEntity", "Ali Akbar Khan"),  # namesakes apart: which one it is, unknown
    entity("f1", "Company", "HOOPAD DARYA SHIPPING AGENCY"),
    entity("f2", "Company", "MEAMAR SARL"),
    entity("f3", "Company", "WEN BROS. TRADING"),
    entity("f4", "Company", "TRANSPETROCHART CO. LTD."),
    entity("p9", "Person", "SON, Min"),
    entity("f5", "Company", "EFBET PARTNERS OOD"),
    # Words other names share, so that rarity means something here too: "wen" and "zhou"
    # are listed words, "sun" a common one.
    *[
        entity(f"y{i}", "Person", f"{s}, {g}")
        for i, (s, g) in enumerate([("WEN", "Li"), ("ZHOU", "Wei")])
    ],
    *[
        entity(f"s{i}", "Company", f"SUN {w}")
        for i, w in enumerate(["STAR", "MOON", "OIL", "GAS", "SHIPPING", "TRADING"])
    ],
    entity("s9", "Company", "SUN"),
    *[entity(f"r{i}", "Person", f"RARE{i}, Given{i}") for i in range(40)],
]


@cache
def matcher() -> Matcher:
    return Matcher(Index.build(LISTED))


def found(name: str, schema: str | None = None, **kw: str) -> dict[str, Match]:
    return {m.list_id: m for m in matcher().match(Query.of(name, schema, **kw), limit=20)}


def test_a_persons_words_are_never_company_forms() -> None:
    # "Ros" is not respelled "Bros." (a form word of a listed firm) in a person's name.
    assert "ros" in matcher().query_tokens("Tomasa GARCIA ROS", "Person")
    # Name particles folded one way ("ibn" -> "bin", "el" -> "al", "Abd" -> "abdul") are
    # not company forms learnt from the lists.
    assert not {"bin", "al", "abdul"} & matcher().index.forms
    # A query word that is a company form elsewhere ("SOE") is a name part here.
    hit = found("Jaffar SOE", "Person").get("p2")
    assert hit is None or not hit.match
    assert hit is None or "soe" in hit.explanation["query_unmatched"]


def test_a_city_is_one_word_even_when_its_syllables_are_listed() -> None:
    assert "wenzhou" in matcher().query_tokens("Wenzhou Hoopad Darya", "Organization")
    hit = found("Wenzhou Hoopad Darya Shipping Agency Co., Ltd.", "Organization")["f1"]
    assert hit.match


def test_a_rare_one_word_firm_name_keeps_its_identity_a_common_one_does_not() -> None:
    assert found("Wan Chai Meamar Sarl Technology Limited", "Organization")["f2"].match
    weights = matcher().index
    assert weights.token_idf("sun") / weights.max_idf < features.RARE_NAME  # the premise
    hit = found("Sun Technology Limited", "Organization").get("s9")
    assert hit is None or not hit.match


def test_russian_ko_is_co() -> None:
    assert name_tokens("Транспетрочарт Ко., Лтд.", "Company") == name_tokens(
        "TRANSPETROCHART CO., LTD.", "Company"
    )
    assert found("Транспетрочарт Ко Лтд", "Organization")["f4"].match


def test_a_copy_without_a_birth_date_takes_the_date_its_name_is_listed_with() -> None:
    for key in ("p6", "d6"):
        hit = found("Selim ALGUADIS", "Person", birth_date="1968-05-27")[key]
        assert not hit.match and hit.explanation["birth_date"]["found"] == "conflicts"
    copy = found("Selim ALGUADIS", "Person", birth_date="1968-05-27")["d6"]
    assert copy.explanation["birth_date"]["listed_for_the_same_name_by"] == ["test-p6"]
    assert found("Selim ALGUADIS", "Person", birth_date="1940")["d6"].match
    # Namesakes listed decades apart lend no date: the copy may be either of them.
    hit = found("Ali Akbar KHAN", "Person", birth_date="1965")["d8"]
    assert hit.match and "birth_date" not in hit.explanation


def test_a_hyphenated_given_name_is_one_name_part() -> None:
    hit = found("Son Heung-min", "Person").get("p9")
    assert hit is None or (not hit.match and not hit.features.get("extra_parts"))
    assert found("Min SON", "Person")["p9"].match


def test_a_firm_lacking_its_own_listed_words_is_another_firm() -> None:
    hit = found("EFBET S.R.L.", "Company")["f5"]
    assert not hit.match and hit.features["listed_words_missing"] > 0
    full = found("Efbet Partners Ltd.", "Company")["f5"]
    assert full.match and not full.features.get("listed_words_missing")
