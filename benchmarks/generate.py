"""The labelled queries of `make heldout` and of the fit's training set, generated
reproducibly from the shared lists (``SEED``; another ``seed`` draws other queries):

- SDN entries whose ent_num is not among dev's expected keys, shuffled and cut in two
  fixed halves: ``heldout`` (the check) and ``train`` (queries `fit_weights.py` fits on
  besides dev's); UN entries with a name in their original script, cut the same way;
  another seed draws other entries and other changes from the same half, a fresh check
  after changes made while looking at one;
- each entry serves one query; the kinds are dev's (``perturb.py``), plus
  ``original_script`` (the UN original-script name) and ``combination`` (two kinds at
  once; the pair is in the ``detail`` column);
- negatives as dev's: a given name and a surname (or the halves of two company names) of
  different listed entries, kept only when far from every listed name (rapidfuzz
  token_sort < 80 and token_set < 90 against all names of all lists, the bounds every dev
  negative meets); and, held-out only, real names of people and ordinary companies of the
  lists' regions that are not listed (``data/real_names.csv``, written for this check:
  public figures and ordinary companies; names equal to a listed name are left out, e.g.
  two chess and skating champions who are listed as Duma deputies); a listed firm's name
  with only places, generic words and forms added is not a negative (it is that firm);
- the kinds of realworld-dev (``realworld.py``), from the same halves; the entries of dev
  and of realworld-dev are in neither half.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import perturb as pt
import realworld as rw
from native import half_of, native_rows
from perturb import PersonName
from rapidfuzz import fuzz, process, utils

from chokepoint.lists.loader import find_folders, parse_folder
from chokepoint.matching.normalize import (
    ARTICLES,
    FIRM_WORDS,
    FORM_FRAGMENTS,
    GENERIC_FORMS,
    acronym_of,
    name_tokens,
    to_latin,
)

ROOT = Path(__file__).resolve().parents[1]
REAL_NAMES = ROOT / "benchmarks" / "data" / "real_names.csv"
SEED = 20261125
SPLIT_SEED = 20261125  # which entries are held out; ``--seed`` only varies the queries
PER_KIND = 120
COMBINATIONS = 180
NEGATIVE_PERSONS = 400
NEGATIVE_ORGS = 200
TRAIN_NEGATIVE_SCALE = 3
SCHEMAS = ("Person", "Organization", "Vessel")
NEGATIVE_KINDS = {"dob_conflict"}  # made from a listed entry, labelled as matching nothing
FAR_SORT, FAR_SET = 80, 90  # every dev negative is below both against every listed name


@dataclass(frozen=True)
class Entry:
    key: str
    schema: str
    name: str
    original: str | None
    language: str
    birth_dates: tuple[str, ...] = ()

    @property
    def person(self) -> PersonName | None:
        return PersonName.parse(self.name) if self.schema == "Person" else None


def is_original_script(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def load_entities(lists: Path) -> list[dict[str, Any]]:
    return [
        e.to_dict() for folder, source in find_folders(lists) for e in parse_folder(source, folder)
    ]


def to_entry(data: dict[str, Any]) -> Entry:
    props = data["properties"]
    countries = set(props.get("country", []) + props.get("nationality", []))
    originals = [a for a in props.get("alias", []) if is_original_script(a)]
    return Entry(
        key=f"{data['list']}:{data['list_id']}",
        schema=data["schema"],
        name=props["name"][0],
        original=originals[0] if originals else None,
        language=pt.language_of(countries, set(props.get("program", []))),
        birth_dates=tuple(props.get("birthDate", [])),
    )


def acronym_entries(entities: list[dict[str, Any]]) -> list[Entry]:
    """Entries of any list with a name ending in a bracketed acronym, that name first."""
    out = []
    for data in entities:
        names = data["properties"].get("name", []) + data["properties"].get("alias", [])
        named = [n for n in names if acronym_of(n)]
        if named and data["schema"] != "Person":
            out.append(replace(to_entry(data), name=named[0], original=acronym_of(named[0])))
    return out


def pools(
    entities: list[dict[str, Any]], dev_keys: set[str], part: str, seed: int
) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """The SDN entries, the UN ones with an original-script name and the entries with a
    bracketed acronym (of any list) of one half (``heldout`` or ``train``), in an order
    of ``seed``: another seed draws other entries of the same half."""
    sdn = [
        to_entry(e) for e in entities if e["list"] == "us_ofac_sdn" and e["properties"].get("name")
    ]
    sdn = [e for e in sdn if e.key not in dev_keys and e.schema in SCHEMAS]
    un = [to_entry(e) for e in entities if e["list"] == "un_sc_sanctions"]
    un = [e for e in un if e.original]
    acronyms = [e for e in acronym_entries(entities) if e.key not in dev_keys]
    out = []
    for pool in (sdn, un, acronyms):
        # The halves never change with --seed.
        chosen = half_of(pool, part, SPLIT_SEED, key=lambda e: e.key)
        random.Random(seed).shuffle(chosen)
        out.append(chosen)
    return out[0], out[1], out[2]


# --- one query of each kind -------------------------------------------------------------

Made = tuple[str, str] | None  # (query text, detail) or None when the kind does not apply


def form_words() -> frozenset[str]:
    return frozenset(w.lower().strip(".,") for g in pt.FORM_GROUPS for f in g for w in f.split())


FORM_WORDS = form_words()


def make_reorder(e: Entry, rng: random.Random) -> Made:  # noqa: ARG001
    p = e.person
    return (pt.given_first(p), "") if p else None


def make_drop_middle(e: Entry, rng: random.Random) -> Made:  # noqa: ARG001
    p = e.person and pt.drop_middle(e.person)
    return (pt.given_first(p), "") if p else None


def make_typo(e: Entry, rng: random.Random) -> Made:
    p = e.person
    if p:
        words = pt.typo(p.words(), rng)
        return (pt.surname_first(split_person(words, p)), "") if words else None
    words = pt.typo(tuple(e.name.split()), rng)
    return (" ".join(words), "") if words else None


def split_person(words: tuple[str, ...], like: PersonName) -> PersonName:
    n = len(like.surname)
    return PersonName(words[:n], words[n:])


def make_legal_form(e: Entry, rng: random.Random) -> Made:
    if e.schema == "Person" or e.schema == "Vessel":
        return None
    out = pt.legal_form(e.name, rng)
    return (out, "") if out else None


def make_romanization(e: Entry, rng: random.Random) -> Made:
    p = e.person
    words = p.words() if p else tuple(e.name.split())
    new = pt.romanize(words, e.language, rng, FORM_WORDS, person=p is not None)
    if not new:
        return None
    if p and len(new) >= len(p.surname) + 1:
        return pt.surname_first(split_person(new, p), upper=True), e.language
    return " ".join(new), e.language


def make_arabic_variant(e: Entry, rng: random.Random) -> Made:
    p = e.person
    words = p.words() if p else tuple(e.name.split())
    new = pt.arabic_variant(words, rng)
    return (" ".join(new), "") if new else None


def make_cyrillic(e: Entry, rng: random.Random) -> Made:
    p = e.person
    if p:
        order = p.given + p.surname if rng.random() < 0.5 else p.surname + p.given
        return pt.to_cyrillic(" ".join(order)), ""
    return pt.to_cyrillic(e.name), ""


def make_original_script(e: Entry, rng: random.Random) -> Made:  # noqa: ARG001
    return (e.original, "") if e.original else None


# Two kinds at once: the structural change first, then the spelling, then the script.
def combine(e: Entry, rng: random.Random, recipe: str) -> Made:
    p = e.person
    if recipe.startswith("original_script"):
        if not e.original:
            return None
        words = e.original.split()
        if recipe.endswith("drop_middle"):
            if len(words) < 3:
                return None
            del words[rng.randrange(1, len(words) - 1)]
            return " ".join(words), recipe
        if recipe.endswith("reorder"):
            return (" ".join(words[-1:] + words[:-1]), recipe) if len(words) >= 2 else None
        out = pt.script_typo(e.original, rng)
        return (out, recipe) if out else None
    first, second = recipe.split("+")
    if first in ("reorder", "drop_middle"):
        if not p or (first == "drop_middle" and not pt.drop_middle(p)):
            return None
        q = pt.drop_middle(p) if first == "drop_middle" else p
        assert q is not None
        if second == "cyrillic":
            return pt.to_cyrillic(" ".join(q.given + q.surname)), recipe
        words = spell(q.words(), second, e, rng)
        return (pt.given_first(split_person(words, q)), recipe) if words else None
    if first == "legal_form":
        name = make_legal_form(e, rng)
        if not name:
            return None
        if second == "cyrillic":
            return pt.to_cyrillic(name[0]), recipe
        words = spell(tuple(name[0].split()), second, e, rng)
        return (" ".join(words), recipe) if words else None
    # two spelling changes
    words0 = p.words() if p else tuple(e.name.split())
    words1 = spell(words0, first, e, rng)
    words = spell(words1, second, e, rng) if words1 else None
    if not words:
        return None
    return (pt.surname_first(split_person(words, p), upper=True) if p else " ".join(words)), recipe


def spell(
    words: tuple[str, ...], kind: str, e: Entry, rng: random.Random
) -> tuple[str, ...] | None:
    if kind == "typo":
        return pt.typo(words, rng)
    if kind == "romanization":
        out = pt.romanize(words, e.language, rng, FORM_WORDS)
        return out if out and len(out) == len(words) else None
    if kind == "arabic_variant":
        out = pt.arabic_variant(words, rng)
        return out if out and len(out) == len(words) else None
    raise ValueError(kind)


RECIPES = (
    "reorder+typo",
    "drop_middle+typo",
    "drop_middle+arabic_variant",
    "drop_middle+cyrillic",
    "reorder+romanization",
    "legal_form+typo",
    "legal_form+cyrillic",
    "legal_form+romanization",
    "romanization+typo",
    "arabic_variant+typo",
    "original_script+drop_middle",
    "original_script+reorder",
    "original_script+typo",
)

Maker = Callable[[Entry, random.Random], Made]
KINDS: dict[str, Maker] = {
    "arabic_variant": make_arabic_variant,
    "legal_form": make_legal_form,
    "romanization": make_romanization,
    "cyrillic": make_cyrillic,
    "drop_middle": make_drop_middle,
    "reorder": make_reorder,
    "typo": make_typo,
}


def prefer(pool: list[Entry], kind: str) -> list[Entry]:
    """The entries a kind is drawn from first: Russian-speaking ones for Cyrillic, those
    of a language with romanisation rules for romanisation (as dev leans)."""
    if kind == "cyrillic":
        return [e for e in pool if e.language == "russian"] + pool
    if kind == "romanization":
        return [e for e in pool if e.language not in ("other", "arabic")] + pool
    return pool


# Dev's share of each schema in the kinds that have more than one.
SCHEMA_MIX = {
    "typo": {"Person": 0.38, "Organization": 0.56, "Vessel": 0.06},
    "romanization": {"Person": 0.4, "Organization": 0.56, "Vessel": 0.04},
    "cyrillic": {"Person": 0.62, "Organization": 0.35, "Vessel": 0.03},
    "arabic_variant": {"Person": 0.83, "Organization": 0.17},
}


def positives(
    sdn: list[Entry], un: list[Entry], acronyms: list[Entry], seed: int
) -> Iterator[dict[str, str]]:
    used: set[str] = set()

    def draw(
        pool: list[Entry], make: Maker, count: int, rng: random.Random, kind: str = ""
    ) -> Iterator[tuple[Entry, str, str]]:
        mix = SCHEMA_MIX.get(kind)
        quota = {s: round(count * share) for s, share in mix.items()} if mix else None
        taken: Counter[str] = Counter()
        for e in pool:
            if sum(taken.values()) >= count:
                return
            if e.key in used or (quota is not None and taken[e.schema] >= quota.get(e.schema, 0)):
                continue
            made = make(e, rng)
            if made and made[0].strip() and made[0] != e.name:
                used.add(e.key)
                taken[e.schema] += 1
                yield e, made[0], made[1]

    for kind, make in KINDS.items():
        rng = random.Random(f"{seed}-{kind}")
        for e, text, detail in draw(prefer(sdn, kind), make, PER_KIND, rng, kind):
            yield row(text, e, kind, detail)
    rng = random.Random(f"{seed}-original_script")
    for e, text, detail in draw(un, make_original_script, PER_KIND, rng):
        yield row(text, e, "original_script", detail)
    rng = random.Random(f"{seed}-combination")
    for i, recipe in enumerate(RECIPES):
        pool = un if recipe.startswith("original_script") else prefer(sdn, recipe.split("+")[1])
        count = COMBINATIONS // len(RECIPES) + (i < COMBINATIONS % len(RECIPES))
        maker: Maker = lambda e, r, recipe=recipe: combine(e, r, recipe)  # noqa: E731
        for e, text, detail in draw(pool, maker, count, rng):
            yield row(text, e, "combination", detail)
    yield from realworld_kinds(sdn, acronyms, seed, draw)


def realworld_kinds(
    sdn: list[Entry],
    acronyms: list[Entry],
    seed: int,
    draw: Callable[..., Iterator[tuple[Entry, str, str]]],
) -> Iterator[dict[str, str]]:
    """The kinds of realworld-dev (``realworld.py``); the extra name parts are other
    entries' given names and surnames."""
    people = [p for e in sdn if (p := e.person)]
    givens = sorted({p.given[0] for p in people if p.given[0].isalpha() and len(p.given[0]) > 2})
    surnames = sorted({p.surname[-1] for p in people if p.surname[-1].isalpha()})
    persons = [e for e in sdn if e.schema == "Person"]
    orgs = [e for e in sdn if e.schema == "Organization"]
    dated = [e for e in persons if e.birth_dates]
    makers: list[tuple[str, list[Entry], Maker]] = [
        ("extra_names", persons, lambda e, r: rw.make_extra_names(e.name, r, givens, surnames)),
        ("org_fuller", orgs, lambda e, r: rw.make_org_fuller(e.name, r)),
        ("acronym_dropped", acronyms, lambda e, _: rw.make_acronym_dropped(e.name, e.original)),
        ("dob_agree", dated, lambda e, r: rw.make_dob(e.name, e.birth_dates, r, False)),
        ("dob_conflict", dated, lambda e, r: rw.make_dob(e.name, e.birth_dates, r, True)),
    ]
    for kind, pool, make in makers:
        rng = random.Random(f"{seed}-{kind}")
        for e, text, detail in draw(pool, make, PER_KIND, rng):
            if kind.startswith("dob_"):
                yield {**row(text, e, kind, ""), "birth_date": detail}
            else:
                yield row(text, e, kind, detail)


def row(name: str, e: Entry, kind: str, detail: str) -> dict[str, str]:
    return {
        "name": name,
        "schema": e.schema if e.schema != "LegalEntity" else "",
        "birth_date": "",
        "expected": "" if kind in NEGATIVE_KINDS else e.key,
        "kind": kind,
        "detail": detail,
    }


# --- negatives --------------------------------------------------------------------------


class FarCheck:
    """Whether a made-up name is far from every listed name (dev's negatives' bounds)."""

    def __init__(self, entities: list[dict[str, Any]]) -> None:
        names = {
            utils.default_process(to_latin(n))
            for e in entities
            for prop in ("name", "alias", "previousName")
            for n in e["properties"].get(prop, [])
        }
        self.names = sorted(n for n in names if n)

        # A listed firm's name with only places, generic words and forms added is that firm
        # written in full (realworld's org_fuller), not a negative.
        minor = GENERIC_FORMS | FORM_FRAGMENTS | ARTICLES
        self.firms: dict[str, list[frozenset[str]]] = defaultdict(list)
        for e in entities:
            for n in e["properties"].get("name", []) + e["properties"].get("alias", []):
                if e["schema"] != "Person" and (words := frozenset(name_tokens(n)) - minor):
                    for word in words:
                        self.firms[word].append(words)
        self.minor = minor

    def is_fuller(self, name: str) -> bool:
        words = set(name_tokens(name)) - self.minor
        return any(
            listed <= words
            and all(FIRM_WORDS.get(w) in ("place", "generic") for w in words - listed)
            for word in words
            for listed in self.firms.get(word, ())
        )

    def __call__(self, name: str) -> bool:
        if self.is_fuller(name):
            return False
        q = utils.default_process(to_latin(name))
        return (
            process.extractOne(q, self.names, scorer=fuzz.token_sort_ratio, score_cutoff=FAR_SORT)
            is None
            and process.extractOne(q, self.names, scorer=fuzz.token_set_ratio, score_cutoff=FAR_SET)
            is None
        )


def negatives(
    sdn: list[Entry], far: FarCheck, seed: int, scale: int = 1
) -> Iterator[dict[str, str]]:
    rng = random.Random(f"{seed}-negative")
    people = [p for e in sdn if (p := e.person)]
    orgs = [e.name for e in sdn if e.schema == "Organization" and len(e.name.split()) >= 2]
    made: set[str] = set()
    while len(made) < NEGATIVE_PERSONS * scale:
        a, b = rng.sample(people, 2)
        name = f"{a.given[0]} " + " ".join(w.upper() for w in b.surname)
        if name not in made and far(name):
            made.add(name)
            yield {
                "name": name,
                "schema": "Person",
                "expected": "",
                "kind": "negative",
                "detail": "",
            }
    while len(made) < (NEGATIVE_PERSONS + NEGATIVE_ORGS) * scale:
        a, b = (n.split() for n in rng.sample(orgs, 2))
        # The first half of one name and the second half of another: a random cut would
        # more often keep a whole listed name and swap only its company form.
        name = " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])
        if name not in made and far(name):
            made.add(name)
            yield {
                "name": name,
                "schema": "Organization",
                "expected": "",
                "kind": "negative",
                "detail": "",
            }


def real_names() -> Iterator[dict[str, str]]:
    with REAL_NAMES.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            kind = "negative_real_person" if r["schema"] == "Person" else "negative_real_company"
            yield {
                "name": r["name"],
                "schema": r["schema"],
                "expected": "",
                "kind": kind,
                "detail": r["region"],
            }


def generate(
    shared: Path, part: str, seed: int = SEED, entities: list[dict[str, Any]] | None = None
) -> list[dict[str, str]]:
    """The labelled queries of one part, in a reproducible shuffled order."""
    dev_keys = set()  # the entries of dev and realworld-dev are neither fitted nor judged on
    for name in ("dev", "realworld-dev"):
        with (shared / "eval" / name / "queries.csv").open(encoding="utf-8") as fh:
            dev_keys |= {k for r in csv.DictReader(fh) for k in r["expected"].split(";") if k}
    entities = entities if entities is not None else load_entities(shared / "lists")
    sdn, un, acronyms = pools(entities, dev_keys, part, seed)
    rows = list(positives(sdn, un, acronyms, seed))
    # The match threshold is a quantile of the negatives' scores: the train half has three
    # times as many, so that the 1% a threshold lets through is a dozen names, not six.
    scale = TRAIN_NEGATIVE_SCALE if part == "train" else 1
    rows += list(negatives(sdn, FarCheck(entities), seed, scale))
    if part == "heldout":
        rows += list(real_names())
    rows += native_rows(entities, part, SPLIT_SEED)  # names in Chinese (benchmarks/native.py)
    random.Random(seed).shuffle(rows)
    prefix = "h" if part == "heldout" else "t"
    return [{"query_id": f"{prefix}{i:05d}", **r} for i, r in enumerate(rows)]


def write(rows: list[dict[str, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, ["query_id", "name", "schema", "birth_date", "expected", "kind", "detail"]
        )
        writer.writeheader()
        writer.writerows(rows)
