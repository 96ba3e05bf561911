"""Grouping list entries into parties: the evidence that joins them, and what never does."""

from __future__ import annotations

from typing import Any

from chokepoint.model import entity_id
from chokepoint.parties import Parties, own_party_id
from chokepoint.parties.group import Entry, group_entries
from chokepoint.parties.model import name_parties

SDN, UN, EU, CSL = "us_ofac_sdn", "un_sc_sanctions", "eu_fsf", "us_trade_csl"


def entry(list_key: str, number: str, name: str, schema: str = "Person", **props: Any) -> Entry:
    """An entity's stored JSON as grouping reads it; ``sublist`` for a CSL row."""
    sublist = props.pop("sublist", None)
    data = {
        "id": entity_id(list_key, number),
        "list": list_key,
        "list_id": number,
        "schema": schema,
        "caption": name,
        "properties": {"name": [name], **props},
        "sublist": sublist,
    }
    return Entry.of(data)


def groups(entries: list[Entry]) -> list[set[str]]:
    grouping = group_entries(entries)
    return [{entries[i].id for i in g} for g in grouping.groups]


def test_the_csl_copy_of_an_sdn_entry_is_the_same_party() -> None:
    sdn = entry(SDN, "16692", "SECHIN, Igor Ivanovich")
    copy = entry(CSL, "16692", "SECHIN, Igor Ivanovich", sublist="sdn")
    assert groups([sdn, copy]) == [{sdn.id, copy.id}]
    evidence = group_entries([sdn, copy]).evidence[0]
    assert evidence == [f"{sdn.id} and {copy.id}: OFAC number 16692"]


def test_a_name_and_a_birth_date_at_the_precision_both_give_join_lists() -> None:
    sdn = entry(SDN, "1", "SECHIN, Igor Ivanovich", birthDate=["1960-09-07"])
    un = entry(UN, "2", "IGOR IVANOVICH SECHIN", birthDate=["1960"])
    assert groups([sdn, un]) == [{sdn.id, un.id}]
    assert "birth date 1960/1960-09-07" in group_entries([sdn, un]).evidence[0][0]


def test_namesakes_born_apart_are_not_one_party() -> None:
    sdn = entry(SDN, "1", "MARTYNOV, Oleg", birthDate=["1950-01-01"])
    un = entry(UN, "2", "OLEG MARTYNOV", birthDate=["1979-07-07"])
    assert groups([sdn, un]) == []


def test_a_name_alone_joins_nothing() -> None:
    # No birth date, no identifier, no cross-reference: namesakes are common on these lists.
    assert groups([entry(SDN, "1", "MARTYNOV, Oleg"), entry(UN, "2", "OLEG MARTYNOV")]) == []


def test_a_shared_identifier_with_the_name_joins_companies() -> None:
    sdn = entry(SDN, "1", "ACME TRADING LLC", "Company", registrationNumber=["7736050003"])
    eu = entry(EU, "2", "Acme Trading LLC", "Company", registrationNumber=["7736 050003"])
    other = entry(UN, "3", "ACME TRADING LLC", "Company", registrationNumber=["9999999999"])
    assert groups([sdn, eu, other]) == [{sdn.id, eu.id}]


def test_the_un_reference_the_eu_gives_joins_its_entry_to_the_uns() -> None:
    un = entry(UN, "1", "KIM Il", programId=["KPi.012"])
    eu = entry(EU, "2", "Kim Il-sung", programId=["KPi.012", "EU.1.2"])
    assert groups([un, eu]) == [{un.id, eu.id}]


def test_a_chain_of_namesakes_never_joins_two_people() -> None:
    # The year-only UN entry agrees with both SDN entries, which disagree with each other:
    # it joins the first one and the second stays apart. Two SDN entries are never one party.
    a = entry(SDN, "1", "HASSAN, Ali Mohammed", birthDate=["1970-01-01"])
    b = entry(SDN, "2", "HASSAN, Ali Mohammed", birthDate=["1970-06-30"])
    un = entry(UN, "3", "ALI MOHAMMED HASSAN", birthDate=["1970"])
    found = groups([a, b, un])
    assert len(found) == 1 and len(found[0]) == 2
    assert not {a.id, b.id} <= found[0]
    assert group_entries([a, b, un]).refused >= 1


def test_a_person_and_a_company_are_never_one_party() -> None:
    person = entry(SDN, "1", "Ivan Petrov", passportNumber=["AB123456"])
    company = entry(UN, "2", "IVAN PETROV", "Company", registrationNumber=["AB123456"])
    assert groups([person, company]) == []


def test_a_party_is_named_after_the_publishers_own_entry() -> None:
    copy = entry(CSL, "16692", "SECHIN, Igor", sublist="sdn")
    sdn = entry(SDN, "16692", "SECHIN, Igor")
    parties = name_parties(group_entries([copy, sdn]))
    assert parties.party_id(copy.id) == parties.party_id(sdn.id) == own_party_id(sdn.id)
    assert parties.referents(copy.id) == [sdn.id]
    # An entry in no group is a party of its own.
    assert Parties().party_id(copy.id) == own_party_id(copy.id)


def test_a_party_keeps_its_id_when_an_entry_joins_it() -> None:
    un = entry(UN, "7", "IGOR IVANOVICH SECHIN", birthDate=["1960-09-07"], programId=["XXi.001"])
    eu = entry(EU, "8", "Igor Ivanovich Sechin", programId=["XXi.001"])
    before = name_parties(group_entries([un, eu]))
    assert before.party_id(eu.id) == own_party_id(un.id)
    # The SDN entry, which would name a new party, joins the known one: its id stays.
    sdn = entry(SDN, "1", "SECHIN, Igor Ivanovich", birthDate=["1960-09-07"])
    after = name_parties(group_entries([sdn, un, eu]), before)
    assert after.party_id(sdn.id) == after.party_id(un.id) == own_party_id(un.id)
    # And a rebuild of the same entries gives the same ids.
    again = name_parties(group_entries([sdn, un, eu]), after)
    assert again.to_dict() == after.to_dict()


def test_an_entry_that_leaves_a_party_takes_its_own_id_back() -> None:
    un = entry(UN, "7", "IGOR IVANOVICH SECHIN", birthDate=["1960-09-07"])
    sdn = entry(SDN, "1", "SECHIN, Igor Ivanovich", birthDate=["1960-09-07"])
    copy = entry(CSL, "1", "SECHIN, Igor Ivanovich", sublist="sdn")
    before = name_parties(group_entries([sdn, un, copy]))
    assert before.party_id(un.id) == own_party_id(sdn.id)
    # The SDN entry's birth date corrected: it and its copy are no longer the UN's person.
    moved = entry(SDN, "1", "SECHIN, Igor Ivanovich", birthDate=["1966-01-01"])
    after = name_parties(group_entries([moved, un, copy]), before)
    assert after.party_id(sdn.id) == after.party_id(copy.id) == own_party_id(sdn.id)
    assert after.party_id(un.id) == own_party_id(un.id)
