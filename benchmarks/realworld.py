"""Queries of the kinds of `shared/eval/realworld-dev` (its README), generated from list
entries by ``generate.py`` for the held-out check and the fit's training half: names as
analysts type them from invoices, passports and company registers.

- ``extra_names``: a listed person with one more name part than the list has: a
  patronymic made of another listed person's given name ("Ivanovich"), "bin" and a given
  name, a middle name, or a second surname; every listed part kept.
- ``org_fuller``: a listed firm's name as registered: a Chinese city or province before
  it, a trade word and a legal form after it ("Dalian X Shipping Co., Ltd.").
- ``acronym_dropped``: a listed name ending in a bracketed acronym, written without it.
- ``dob_agree`` / ``dob_conflict`` (negative): a listed person's name with a listed birth
  date, or with one 15 to 30 years away.

The extra words are drawn from the lists themselves (other entries' names) and from the
places and generic words of ``data/firm_words.csv``, so the hidden sets' other words are
for the features to generalise to, not rows to learn.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from perturb import PersonName

from chokepoint.data import read_table

PLACES = sorted(r["words"].title() for r in read_table("firm_words.csv") if r["kind"] == "place")
TRADE_WORDS = ["Trading", "Industrial", "Technology", "International", "Group", "Trade"]
FORMS = [
    "Co., Ltd.",
    "Company Limited",
    "Limited",
    "LLC",
    "JSC",
    "Inc.",
    "Corporation",
    "Ltd.",
    "Co.",
]
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna")
YEARS_APART = (15, 30)

Made = tuple[str, str] | None  # (query text, detail)


def given_first(p: PersonName, extra: tuple[str, ...], at_end: bool) -> str:
    """ "Igor Ivanovich SECHIN" (an extra given part) or "Manuel DIAZ FLORES" (a second
    surname after the listed one)."""
    surname = " ".join(w.upper() for w in p.surname)
    if at_end:
        return f"{' '.join(p.given)} {surname} {' '.join(w.upper() for w in extra)}"
    return f"{' '.join(p.given)} {' '.join(extra)} {surname}"


def patronymic(father: str) -> str | None:
    base = re.sub(r"[aeiouy]$", "", father.lower())
    if not base.isalpha() or len(base) < 3:
        return None
    return (base + random.Random(father).choice(PATRONYMIC_ENDINGS)).title()


def make_extra_names(name: str, rng: random.Random, givens: list[str], surnames: list[str]) -> Made:
    p = PersonName.parse(name)
    if p is None or len(p.given) != 1:
        return None  # a listed middle name would make "extra" parts ambiguous
    how = rng.choice(("patronymic", "bin", "middle", "second_surname"))
    other = rng.choice(givens)
    if how == "patronymic":
        part = patronymic(other)
        return (given_first(p, (part,), False), how) if part else None
    if how == "bin":
        return given_first(p, (rng.choice(("bin", "bint")), other), False), how
    if how == "middle":
        return given_first(p, (other,), False), how
    return given_first(p, (rng.choice(surnames),), True), how


def make_org_fuller(name: str, rng: random.Random) -> Made:
    if len(name.split()) < 2 or "(" in name:
        return None
    parts = []
    if rng.random() < 0.6:
        parts.append(rng.choice(PLACES))
    parts.append(name.title() if name.isupper() else name)
    if rng.random() < 0.3:
        parts.append(rng.choice(TRADE_WORDS))
    parts.append(rng.choice(FORMS))
    return " ".join(parts), "city" if parts[0] in PLACES else "form"


def make_acronym_dropped(name: str, acronym: str | None) -> Made:
    if not acronym:
        return None
    bare = name[: name.rindex("(")].strip(" ,")
    return (bare, acronym) if bare else None


def shift_date(date: str, rng: random.Random) -> str:
    years = rng.randint(*YEARS_APART) * rng.choice((-1, 1))
    return f"{int(date[:4]) + years:04d}{date[4:]}"


def make_dob(name: str, dates: tuple[str, ...], rng: random.Random, conflict: bool) -> Made:
    p = PersonName.parse(name)
    if p is None or not dates:
        return None
    date = rng.choice(dates)
    if conflict:
        date = shift_date(date, rng)
    return f"{' '.join(p.given)} {' '.join(w.upper() for w in p.surname)}", date


DobMaker = Callable[[str, tuple[str, ...], random.Random, bool], Made]
