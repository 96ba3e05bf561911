"""Names as analysts type them from invoices, passports and registers (issue 12): more
parts than the list has, a firm's registered name, an acronym, a birth date, a schema.
Each case is a small list written here, so that it shows its cause."""

from __future__ import annotations

from functools import cache

from chokepoint.matching import Match, Matcher, Query
from chokepoint.matching.index import Index

from .test_matcher import LISTED, entity

EXTRA = [
    entity("p1", "Person", "SECHIN, Igor", birthDate=["1960-09-07"], nationality=["ru"]),
    entity("p2", "Person", "LOPEZ, Maria"),
    entity("p3", "Person", "AL-ZAWAHIRI, Ayman", birthDate=["1951-06-19"]),
    entity("f1", "Company", "DAHUA TECHNOLOGY"),
    entity("f2", "Organization", "National University of Defense Technology (NUDT)"),
    entity("f3", "Company", "ORIENT STAR HOLDINGS", "SUN"),
    entity("f4", "Company", "BEIJING KUNLUN TRADE"),
    entity("d1", "LegalEntity", "Selim Alguadis"),  # the DPL's rows are LegalEntity
    # Common words of people and firms, so that rarity means something here too.
    *[
        entity(f"y{i}", "Person", f"{n}, {g}")
        for i, (n, g) in enumerate(
            [
                ("LOPEZ", "Juan"),
                ("IVANOV", "Igor"),
                ("GARCIA", "Maria"),
                ("PETROV", "Sergei"),
                # As common as they are on the lists: each name a few times among many.
                *[(s, g) for s in ("LOPEZ", "GARCIA") for g in ("Jose", "Rosa", "Pablo")],
                *[(s, "Maria") for s in ("MARTINEZ", "HERRERA", "CASTRO", "MORALES")],
                *[(f"RARE{i}", f"Given{i}") for i in range(40)],
            ]
        )
    ],
    *[
        entity(f"z{i}", "Company", n)
        for i, n in enumerate(
            ["ZHEJIANG MACHINERY", "NATIONAL IRANIAN OIL COMPANY", "TECHNOLOGY TRADE CENTER"]
        )
    ],
]


@cache
def matcher() -> Matcher:
    return Matcher(Index.build(LISTED + EXTRA))


def found(name: str, schema: str | None = None, **kw: str) -> dict[str, Match]:
    return {m.list_id: m for m in matcher().match(Query.of(name, schema, **kw))}


def test_a_patronymic_or_a_second_name_does_not_hide_the_listed_person() -> None:
    hit = found("Igor Ivanovich Sechin", "Person")["p1"]
    assert hit.match
    # The score says which query parts the list does not have.
    assert hit.explanation["query_unmatched"] == ["ivanovich"]
    assert found("Ayman bin Muhammad AL-ZAWAHIRI", "Person")["p3"].match


def test_common_names_with_an_extra_part_stay_apart() -> None:
    hits = found("Maria Lopez Garcia", "Person")
    assert not any(m.match for m in hits.values()), {k: m.score for k, m in hits.items()}


def test_a_chinese_firm_with_its_city_and_form_is_the_listed_firm() -> None:
    assert found("Zhejiang Dahua Technology Co., Ltd.", "Company")["f1"].match
    assert found("Hangzhou Dahua Technology Limited", "Company")["f1"].match


def test_a_one_word_alias_inside_a_longer_firm_name_is_not_a_match() -> None:
    hits = found("Sun Pharmaceutical Industries Ltd.", "Company")
    assert "f3" not in hits or not hits["f3"].match
    # A word of the firm's own on the query side is not a city or a generic word.
    hits = found("Kunlun Shipping Trade Limited", "Company")
    assert "f4" not in hits or not hits["f4"].match


def test_a_bracketed_acronym_is_optional_and_finds_its_entry_alone() -> None:
    assert found("National University of Defense Technology", "Organization")["f2"].match
    assert found("National University of Defense Technology (NUDT)")["f2"].match
    assert found("NUDT", "Organization")["f2"].match


def test_a_birth_date_decades_apart_is_not_a_match_an_equal_one_is() -> None:
    agrees = found("Igor SECHIN", "Person", birth_date="1960")["p1"]
    conflicts = found("Igor SECHIN", "Person", birth_date="1985-02-01")["p1"]
    near = found("Igor SECHIN", "Person", birth_date="1961-01-01")["p1"]
    assert agrees.match and near.match and not conflicts.match
    assert conflicts.score < near.score <= agrees.score
    assert conflicts.explanation["birth_date"]["found"] == "conflicts"
    assert "birth date" in conflicts.explanation["not_a_match_because"][0]
    assert agrees.explanation["contributions"]["birth_date_agrees"] > 0


def test_another_country_never_takes_a_name_match_below_review() -> None:
    hit = found("Igor SECHIN", "Person", country="cy")["p1"]
    assert hit.explanation["country"]["found"] == "conflicts"
    assert hit.score >= matcher().review_threshold


def test_schemas_filter_as_followthemoney_says() -> None:
    assert "p1" not in found("Igor Sechin", "Company")
    assert "f1" not in found("Dahua Technology", "Person")
    assert "5" not in found("ARTAVIL", "Person")  # a vessel
    assert "p1" in found("Igor Sechin", "LegalEntity")
    assert "p1" in found("Igor Sechin")  # no schema: anything
    assert found("Selim ALGUADIS", "Person")["d1"].match
