"""The matcher on a small list written here, so each case shows its cause."""

from __future__ import annotations

from functools import cache
from typing import Any

from chokepoint.matching import Matcher, Query
from chokepoint.matching.index import Index


def entity(eid: str, schema: str, *names: str, **props: list[str]) -> dict[str, Any]:
    return {
        "id": f"test-{eid}",
        "list": "test",
        "list_id": eid,
        "schema": schema,
        "caption": names[0],
        "properties": {"name": [names[0]], "alias": list(names[1:]), **props},
    }


LISTED = [
    entity("1", "Company", "JOINT STOCK COMPANY CONCERN RADIO-ELECTRONIC TECHNOLOGIES", "KRET"),
    entity("2", "Company", "MOLOT-ORUZHIE, OOO"),
    entity("3", "Person", "HUSSEIN, Mohammed", birthDate=["1961"], nationality=["iq"]),
    entity("4", "Person", "GARCIA, Pedro Luis"),
    entity("5", "Vessel", "ARTAVIL", imoNumber=["IMO9187629"]),
    entity("6", "Person", "AL-YASSIN, Husam Muhammad Amin"),
    entity("7", "Company", "GENERAL TRADING COMPANY"),
    # Common surnames and given names, so that rarity means something in this small list.
    *[
        entity(f"x{i}", "Person", f"{n}, {g}")
        for i, (n, g) in enumerate(
            [
                ("LOPEZ", "Carmen"),
                ("SANCHEZ", "Maria"),
                ("PEREZ", "Maria"),
                ("GOMEZ", "Jose"),
                ("GARCIA", "Ana"),
                ("RUIZ", "Maria"),
                ("LOPEZ", "Jorge"),
                ("GARCIA", "Luis"),
            ]
        )
    ],
]


@cache
def matcher() -> Matcher:
    return Matcher(Index.build(LISTED))


def best(name: str, schema: str | None = None, **kw: Any) -> tuple[str, float, bool]:
    (top, *_) = matcher().match(Query.of(name, schema, **kw), limit=3) or [None]
    assert top is not None, f"no candidate for {name}"
    return top.list_id, top.score, top.match


def test_spellings_a_clerk_types_find_the_listed_entry() -> None:
    assert best("Concern Radio-Electronic Technologies JSC")[::2] == ("1", True)
    assert best("ООО Молот-Оружие", "Company")[::2] == ("2", True)  # Cyrillic, form first
    assert best("Muhammad Husain", "Person")[::2] == ("3", True)  # romanisation
    assert best("Husam AL-YASSIN", "Person")[::2] == ("6", True)  # middle names left out


def test_a_shared_surname_is_not_an_alarm() -> None:
    list_id, score, match = best("Maria Lopez Garcia", "Person")
    assert not match, (list_id, score)


def test_common_words_alone_are_not_a_match() -> None:
    assert not best("General Trading LLC", "Company")[2] or best("General Trading LLC")[0] == "7"
    assert not best("Global Trading Company", "Company")[2]


def test_an_equal_identifier_is_a_match_whatever_the_name() -> None:
    list_id, score, match = best("SOME OTHER NAME", "Vessel", ids=["IMO 9187629"])
    assert (list_id, match) == ("5", True) and score >= 0.99


def test_birth_date_and_schema_conflicts_lower_the_score() -> None:
    _, plain, _ = best("Mohammed Hussein", "Person")
    _, agrees, _ = best("Mohammed Hussein", "Person", birth_date="1961-05-01")
    _, conflicts, _ = best("Mohammed Hussein", "Person", birth_date="1990")
    _, as_company, _ = best("Mohammed Hussein", "Company")
    assert conflicts < plain <= agrees
    assert as_company < plain


def test_results_explain_themselves() -> None:
    (top, *_) = matcher().match(Query.of("ООО Молот-Оружие", "Company"))
    ex = top.explanation
    assert ex["query_name"] == "ООО Молот-Оружие"
    assert ex["query_latin"] == "ooo molot-oruzhie"
    assert ex["listed_name"] == "MOLOT-ORUZHIE, OOO"
    assert ["molot", "molot", 1.0] in ex["token_pairs"]
    assert set(ex["contributions"]) <= set(top.features)


def test_index_round_trips_through_bytes() -> None:
    index = Index.from_bytes(matcher().index.to_bytes())
    assert Matcher(index).match(Query.of("KRET"))[0].list_id == "1"


def test_keep_leaves_out_entities_before_the_limit() -> None:
    # "GARCIA, Ana" (x4) comes first; left out, "GARCIA, Luis" (x7) is the one result, not
    # nothing: the limit applies to what keep lets through.
    everyone = matcher().match(Query.of("Garcia"), limit=1)
    others = matcher().match(Query.of("Garcia"), limit=1, keep=lambda e: e.list_id != "x4")
    assert [m.list_id for m in everyone] == ["x4"]
    assert [m.list_id for m in others] == ["x7"]
