"""Native-script queries of listed bodies, for the fit and the held-out check: the
Chinese names CC-CEDICT gives with the English name a list has ("哈尔滨工业大学" for
"Harbin Institute of Technology"), cut in two fixed halves like the other generated
queries (``generate.SPLIT_SEED``, passed in): ``train`` for the fit, ``heldout`` for the check.

Only whole names the dictionary knows are drawn, so the set checks that a dictionary's
phrase finds the body and that the rest of the words do not find others; the word-by-word
path is judged on the shared realworld set, which this generator does not feed.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from chokepoint.matching.normalize import name_tokens
from chokepoint.matching.scripts import chinese

BODIES = ("Organization", "Company", "LegalEntity")
SCHEMAS = ("Person", "Organization")
MIN_HAN = 3  # two characters are a word or a place, not a body's name


def listed_bodies(entities: list[dict[str, Any]]) -> dict[tuple[str, ...], set[str]]:
    """Tokens of every listed body's names -> the keys (list:list_id) that have them."""
    out: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for e in entities:
        if e["schema"] not in BODIES:
            continue
        for prop in ("name", "alias"):
            for text in e["properties"].get(prop, []):
                if text.isascii() and (tokens := name_tokens(text, "Organization")):
                    out[tokens].add(f"{e['list']}:{e['list_id']}")
    return out


def chinese_rows(entities: list[dict[str, Any]], part: str, seed: int) -> list[dict[str, str]]:
    bodies = listed_bodies(entities)
    found: dict[str, set[str]] = {}
    for head, entries in chinese.cedict().items():
        if len(head) < MIN_HAN or not any(proper for proper, _ in entries):
            continue
        if chinese.converter_simplified(head) != head:
            continue  # the traditional headword of an entry already drawn simplified
        for english in chinese.english(head):
            keys = bodies.get(name_tokens(english, "Organization"))
            if keys and len(english.split()) >= 2:
                found.setdefault(head, set()).update(keys)
    half = half_of(list(found), part, seed, key=str)
    return [
        {
            "name": head,
            "schema": "Organization",
            "expected": ";".join(sorted(found[head])),
            "kind": "native_script",
            "detail": "CC-CEDICT",
        }
        for head in sorted(half)
    ]


# Negatives: the everyday shape of a Chinese firm's or institute's name, a city, a word
# and a kind of body ("上海 + 星光 + 科技有限公司"), where the word is listed nowhere in any
# spelling: translation must not turn the shared city and kind into a match.
CITIES = (
    "北京", "上海", "天津", "深圳", "广州", "重庆", "成都", "武汉", "西安", "南京",
    "杭州", "大连", "青岛", "沈阳", "哈尔滨", "长沙", "郑州", "济南", "厦门", "苏州",
)  # fmt: skip
KINDS = (
    "科技有限公司", "电子有限公司", "贸易有限公司", "信息技术有限公司", "大学",
    "研究所", "集团有限公司", "机械制造有限公司", "进出口有限公司", "航空科技有限公司",
)  # fmt: skip
NEGATIVES = 150


def chinese_negatives(entities: list[dict[str, Any]], part: str, seed: int) -> list[dict[str, str]]:
    listed = {t for tokens in listed_bodies(entities) for t in tokens}
    words = []
    for head, entries in chinese.cedict().items():
        if len(head) != 2 or any(proper for proper, _ in entries):
            continue
        if chinese.converter_simplified(head) != head:
            continue
        english = chinese.english(head)
        spelled = {"".join(chinese.pinyin(head))} | {t for g in english for t in g.split()}
        if english and not spelled & listed:
            words.append(head)
    words.sort()
    rng = random.Random(f"{seed}-native-{part}")
    names = set()
    while len(names) < NEGATIVES:
        names.add(rng.choice(CITIES) + rng.choice(words) + rng.choice(KINDS))
    return [
        {
            "name": name,
            "schema": "Organization",
            "expected": "",
            "kind": "negative_native",
            "detail": "city + word + kind",
        }
        for name in sorted(names)
    ]


def half_of(pool: list[Any], part: str, seed: int, key: Callable[[Any], str]) -> list[Any]:
    """The ``heldout`` or ``train`` half of ``pool``, in a fixed order of ``seed``."""
    pool = sorted(pool, key=key)
    random.Random(seed).shuffle(pool)
    return pool[: len(pool) // 2] if part == "heldout" else pool[len(pool) // 2 :]


def is_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("ARABIC") for c in letters)


def arabic_rows(entities: list[dict[str, Any]], part: str, seed: int) -> list[dict[str, str]]:
    """The UN list's names in Arabic script, each against the entries of the other lists
    that carry the UN entry's main name in Latin letters only (the same name tokens and
    schema): found through the script's transliteration and consonant keys, not through
    the UN entry's own Arabic name, which does not count."""
    latin: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    for e in entities:
        if e["list"] == "un_sc_sanctions":
            continue
        for text in e["properties"].get("name", []) + e["properties"].get("alias", []):
            if text.isascii() and (tokens := name_tokens(text, e["schema"])):
                latin[e["schema"], tuple(sorted(tokens))].add(f"{e['list']}:{e['list_id']}")
    un = [e for e in entities if e["list"] == "un_sc_sanctions" and e["schema"] in SCHEMAS]
    rows = []
    for e in half_of(un, part, seed, key=lambda e: str(e["list_id"])):
        names = e["properties"].get("name", []) + e["properties"].get("alias", [])
        arabic = [n for n in names if is_arabic(n)]
        # Linked by the UN entry's main name, which its Arabic name spells.
        tokens = name_tokens(e["properties"]["name"][0], e["schema"])
        expected = latin.get((e["schema"], tuple(sorted(tokens))), set())
        if arabic and expected:
            rows.append(
                {
                    "name": arabic[0],
                    "schema": e["schema"],
                    "expected": ";".join(sorted(expected)),
                    "kind": "native_script",
                    "detail": "UN Arabic name, other lists' Latin",
                }
            )
    return rows


def native_rows(entities: list[dict[str, Any]], part: str, seed: int) -> list[dict[str, str]]:
    """The native-script positives and negatives of one part (``seed``: the split's)."""
    return (
        chinese_rows(entities, part, seed)
        + arabic_rows(entities, part, seed)
        + chinese_negatives(entities, part, seed)
    )
