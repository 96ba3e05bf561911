"""Which list entries are one listed party, and on what evidence.

An entry is linked to another only on evidence a careful analyst would accept, never on a
name alone (namesakes are common on these lists):

- ``copy``: the CSL row of an OFAC list carries the OFAC number as its ``_id``, so it is
  the copy of the OFAC entry with that number (``copies`` column of ``csl_sources.csv``);
- ``reference``: the publishers' own cross-references, the UN reference number (``QDi.001``)
  that UN, EU and UK entries carry;
- ``identifier``: an equal name and an equal identifier (passport, registration, IMO);
- ``birth date``: an equal name and birth dates that agree at the precision both give;
- ``listing date``: an equal name listed on the same day (the BIS Denied Persons List and
  the CSL's copy of it, which publish no id).

"Equal name" is an equal set of two or more words, case, punctuation and word order aside,
of any of the two entries' names or aliases (weak aliases excluded): stricter than the
matcher's folds (spelling variants, transliteration), as a name here is evidence of
identity beside a date, not a candidate for review. Links are applied strongest first, and
two groups are never joined when that would put two entries of one list (and sublist) in
one party, or join persons whose birth dates disagree, or a person with a company: so a
chain of namesakes cannot merge different people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from chokepoint.data import read_table
from chokepoint.matching.context import can_match
from chokepoint.matching.normalize import normalize_id

NAME_PROPS = ("name", "alias", "previousName")
ID_PROPS = frozenset(
    {
        *("passportNumber", "idNumber", "registrationNumber", "taxNumber", "imoNumber"),
        *("innCode", "ogrnCode", "leiCode", "swiftBic", "vatCode", "socialSecurityNumber"),
    }
)
MIN_ID_LEN = 5  # shorter numbers are too often shared by chance
MIN_NAME_WORDS = 2  # one word ("SUN", "ABU") names too many different parties
UN_REFERENCE = re.compile(r"^[A-Z]{2}[ie]\.\d{3,}$")  # QDi.001, KPe.012
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
NON_WORD = re.compile(r"[\W_]+")
# Whose entry names the party: the publisher's own entry before a copy or an aggregate.
LIST_ORDER = (
    *("us_ofac_sdn", "un_sc_sanctions", "eu_fsf", "gb_fcdo", "us_ofac_cons"),
    *("us_bis_denied", "us_trade_csl"),
)
RANK = {key: n for n, key in enumerate(LIST_ORDER)}
# Lists that publish no id of an entry: the date of the order that listed it tells apart
# namesakes on them (the Denied Persons List, and the CSL's copy of it).
DATED_LISTS = frozenset({("us_bis_denied", None), ("us_trade_csl", "dpl")})


@lru_cache(maxsize=1)
def csl_copies() -> dict[str, str]:
    """CSL sublist -> the list whose entries it copies under the same number."""
    return {r["sublist"]: r["copies"] for r in read_table("csl_sources.csv") if r.get("copies")}


def name_key(text: str) -> tuple[str, ...] | None:
    """The words of a name as a sorted set; None for a name of one word.

    >>> name_key("SECHIN, Igor Ivanovich") == name_key("Igor Ivanovich Sechin")
    True
    >>> name_key("AL-SENUSSI, Abdullah"), name_key("HAMAS")
    (('abdullah', 'al', 'senussi'), None)
    """
    words = tuple(sorted({w for w in NON_WORD.split(text.casefold()) if w}))
    return words if len(words) >= MIN_NAME_WORDS else None


@dataclass(slots=True)
class Entry:
    """What grouping needs of one list entry."""

    id: str
    list: str
    list_id: str
    sublist: str | None
    schema: str
    caption: str
    names: frozenset[tuple[str, ...]] = frozenset()
    birth_dates: tuple[str, ...] = ()
    ids: frozenset[str] = frozenset()
    references: frozenset[str] = frozenset()
    listed_on: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: dict[str, Any]) -> Entry:
        """From an entity's stored FtM JSON (``ListedEntity.to_dict()``)."""
        props: dict[str, list[str]] = data.get("properties", {})
        schema = data["schema"]
        dates = tuple(d for d in props.get("birthDate", []) if DATE.match(d))
        ids = {normalize_id(v) for p, vs in props.items() if p in ID_PROPS for v in vs}
        dated = (data.get("list", ""), data.get("sublist")) in DATED_LISTS
        # Names are only ever used beside a date or an identifier: the words of the others
        # are not worth computing (the most costly part of grouping).
        names: set[tuple[str, ...] | None] = set()
        if dates or ids or dated:
            names = {name_key(n) for p in NAME_PROPS for n in props.get(p, [])}
        return cls(
            id=data["id"],
            list=data.get("list", ""),
            list_id=str(data.get("list_id", "")),
            sublist=data.get("sublist"),
            schema=schema,
            caption=data.get("caption") or data["id"],
            names=frozenset(n for n in names if n),
            birth_dates=dates,
            ids=frozenset(i for i in ids if len(i) >= MIN_ID_LEN),
            references=frozenset(r for r in props.get("programId", []) if UN_REFERENCE.match(r)),
            listed_on=tuple(d for d in props.get("createdAt", []) if len(d) == 10) if dated else (),
        )

    @property
    def slot(self) -> tuple[str, str | None]:
        """A party has at most one entry per list (per CSL sublist)."""
        return self.list, self.sublist

    @property
    def order(self) -> tuple[int, str]:
        return RANK.get(self.list, len(RANK)), self.id


def dates_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Some date of each side agrees at the precision both give.

    >>> dates_agree(["1960-09-07"], ["1960"]), dates_agree(["1960-09-07"], ["1961-09-07"])
    (True, False)
    """
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def shown(words: tuple[str, ...]) -> str:
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Link:
    """Evidence that entries ``a`` and ``b`` are one party: ``kind`` and the shared ``key``
    (put in words only for the links that join groups)."""

    a: int
    b: int
    kind: str
    key: Any

    def why(self, entries: list[Entry]) -> str:
        a, b = entries[self.a], entries[self.b]
        if self.kind in ("OFAC number", "UN reference"):
            what = f"{self.kind} {self.key}"
        elif self.kind == "birth date":
            dates = "/".join(sorted({*a.birth_dates, *b.birth_dates}))
            what = f"name '{shown(self.key[0])}' and birth date {dates}"
        else:
            what = f"name '{shown(self.key[0])}' and {self.kind} {self.key[1]}"
        return f"{a.id} and {b.id}: {what}"


def links(entries: list[Entry]) -> Iterator[Link]:
    """Candidate links, strongest evidence first; the keys of every kind read in one pass."""
    copies = csl_copies()
    ofac_lists = set(copies.values())
    buckets: dict[str, dict[Any, list[int]]] = {
        kind: defaultdict(list)
        for kind in ("OFAC number", "UN reference", "identifier", "birth date", "listing date")
    }
    for i, e in enumerate(entries):
        if e.list in ofac_lists or (e.list == "us_trade_csl" and e.sublist in copies):
            # OFAC numbers one party across its lists: a CSL row may copy it as SDN and SSI.
            buckets["OFAC number"][e.list_id].append(i)
        for ref in e.references:
            buckets["UN reference"][ref].append(i)
        for name in e.names:
            for value in e.ids:
                buckets["identifier"][name, value].append(i)
            for year in {d[:4] for d in e.birth_dates}:
                buckets["birth date"][name, year].append(i)
            for day in e.listed_on:
                buckets["listing date"][name, day].append(i)
    for kind, found in buckets.items():
        for key, members in found.items():
            if kind == "birth date":  # a year in common: the dates must agree in full
                yield from _date_links(entries, members, key)
            else:
                yield from (Link(members[0], j, kind, key) for j in members[1:])


def _date_links(entries: list[Entry], members: list[int], key: Any) -> Iterator[Link]:
    for k, i in enumerate(members):
        for j in members[k + 1 :]:
            if dates_agree(entries[i].birth_dates, entries[j].birth_dates):
                yield Link(i, j, "birth date", key)


def conflict(left: list[Entry], right: list[Entry]) -> bool:
    """Joining these groups would make a party that cannot be one."""
    if {e.slot for e in left} & {e.slot for e in right}:
        return True
    for a in left:
        for b in right:
            if not can_match(a.schema, b.schema) and not can_match(b.schema, a.schema):
                return True
            if a.birth_dates and b.birth_dates and not dates_agree(a.birth_dates, b.birth_dates):
                return True
    return False


@dataclass
class Grouping:
    """Groups of two or more entries (indexes into ``entries``), with the evidence that
    joined them, and how many links were refused as conflicting."""

    entries: list[Entry]
    groups: list[list[int]] = field(default_factory=list)
    evidence: list[list[str]] = field(default_factory=list)
    refused: int = 0


def group_entries(entries: list[Entry]) -> Grouping:
    """Union of the linked entries, a link refused where it would join a conflict."""
    root = list(range(len(entries)))
    members: dict[int, list[int]] = {}
    evidence: dict[int, list[str]] = defaultdict(list)
    refused = 0

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for link in links(entries):
        a, b = find(link.a), find(link.b)
        if a == b:
            continue
        left, right = members.get(a, [a]), members.get(b, [b])
        if conflict([entries[i] for i in left], [entries[i] for i in right]):
            refused += 1
            continue
        if len(left) < len(right):
            a, b, left, right = b, a, right, left
        root[b] = a
        members[a] = left + right
        members.pop(b, None)
        evidence[a] += evidence.pop(b, []) + [link.why(entries)]
    out = Grouping(entries, refused=refused)
    for a, group in sorted(members.items(), key=lambda kv: min(entries[i].order for i in kv[1])):
        out.groups.append(sorted(group, key=lambda i: entries[i].order))
        out.evidence.append(evidence[a])
    return out
