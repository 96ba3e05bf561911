"""A name read in its own script (``matching/scripts``) against one listed name: which of
each word's forms to take, and the path taken, for the explanation.

A word's forms are its own (romanisations, translations) and, for a word written without
its short vowels, the listed words with the same consonants (``consonant_forms``). For
each listed name, each word takes the form that meets it best (``choose_forms``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chokepoint.matching.features import ABBREVIATION_SIMILARITY, MIN_PAIR
from chokepoint.matching.index import Index
from chokepoint.matching.keys import MIN_CONSONANTS
from chokepoint.matching.scripts import Form, Reading, Word, describe

_VOWELS = set("aeiou")
# A key of two consonants finds words of at most two letters more ("rz": "reza"), and two
# more for each letter written that a Latin spelling gives as vowels ("عزت": "izzat").
LOOSE_EXTRA = 2


MIN_STEM = 4  # as ``features.token_similarity`` takes "corp" for "corporation"
MAX_LONGER = 20  # longer listed words one stem finds, at most


def longer_words(vocab: list[str], token: str) -> list[str]:
    """Listed words (``vocab`` sorted) that begin with ``token`` and are three letters
    longer or more: a dictionary's base form in a name's own form ("dawn", "Dawning").

    >>> longer_words(["dawn", "dawning", "dawns", "day"], "dawn")
    ['dawning']
    """
    if len(token) < MIN_STEM:
        return []
    out: list[str] = []
    for i in range(bisect_left(vocab, token), len(vocab)):
        word = vocab[i]
        if not word.startswith(token) or len(out) >= MAX_LONGER:
            break
        if len(word) >= len(token) + 3:
            out.append(word)
    return out


def near_with_longer(
    found: dict[int, float], token: str, vocab: list[str], ids: dict[str, int]
) -> dict[int, float]:
    """``found`` (a token's listed neighbours) with the longer words it begins."""
    out = dict(found)
    for word in longer_words(vocab, token):
        out.setdefault(ids[word], ABBREVIATION_SIMILARITY)
    return out


class Memo(dict[str, Any]):
    """A lookup's answers kept: the index's vocabulary is a packed array whose lookups
    cost more than a dict's, and every candidate asks for the same tokens. Emptied when
    it holds ``limit`` answers.

    >>> calls = []
    >>> memo = Memo(lambda t: calls.append(t) or len(t), limit=2)
    >>> memo["abc"], memo["abc"], memo.get("abc"), calls
    (3, 3, 3, ['abc'])
    >>> memo["de"], memo["f"], sorted(memo)
    (2, 1, ['f'])
    """

    def __init__(self, lookup: Callable[[str], Any], limit: int) -> None:
        super().__init__()
        self.lookup = lookup
        self.limit = limit

    def __missing__(self, key: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.lookup(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self[key]
        return default if value is None else value


@dataclass
class Group:
    """One query word: its own forms, and listed words found by its consonants."""

    word: Word
    forms: list[Form]
    by_consonants: dict[str, Form] = field(default_factory=dict)

    def tokens(self) -> list[tuple[str, ...]]:
        return [f.tokens for f in self.forms] + [f.tokens for f in self.by_consonants.values()]


def consonant_forms(index: Index, word: Word) -> dict[str, Form]:
    """Listed words that spell the consonants of ``word`` with vowels between them: "ملت"
    finds "mellat" and "melat", not the acronym "mlt". A key of two consonants is loose,
    so it finds only words as short as the letters written allow ("رضا" finds "reza",
    not "arrozzaie"; "یوسف" finds "youssef")."""
    out: dict[str, Form] = {}
    loose = LOOSE_EXTRA + 2 * word.vowels
    for key in word.keys:
        for tid in index.sound_keys.get("c:" + key, ()):
            token = index.tokens[tid]
            if token in out or not _VOWELS.intersection(token) or len(token) <= len(key):
                continue
            if len(key) <= MIN_CONSONANTS and len(token) > len(key) + loose:
                continue
            if not word.opens_with_vowel and token[0] in _VOWELS:
                continue
            out[token] = Form((token,), f"consonants {key} of {word.written}")
    return out


def even_consonant_weights(
    all_groups: Sequence[Sequence[Group]], weigh: Callable[[str], float]
) -> Callable[[str], float]:
    """``weigh``, with every listed word found by a word's consonants weighing what the
    commonest of them weighs: the script does not say which vowels the word has, so
    "جمال" is as much "jamal" as "djamal", and a rare spelling must not outrank the
    common one (nor count as rarer evidence when it is the one listed).

    >>> w = Word("جمال", (Form(("jmal",), "transliteration"),))
    >>> g = Group(w, list(w.forms), {t: Form((t,), "c") for t in ("jamal", "djamal")})
    >>> weigh = even_consonant_weights([[g]], {"jamal": 6.0, "djamal": 9.0, "jmal": 8.0}.get)
    >>> weigh("djamal"), weigh("jamal"), weigh("jmal")
    (6.0, 6.0, 8.0)
    """
    even: dict[str, float] = {}
    for groups in all_groups:
        for group in groups:
            if group.by_consonants:
                least = min(weigh(t) for t in group.by_consonants)
                for token in group.by_consonants:
                    even[token] = min(even.get(token, least), least)
    if not even:
        return weigh
    return lambda token: even[token] if token in even else weigh(token)


def choose_forms(
    groups: Sequence[Group],
    listed: tuple[str, ...],
    *,
    near: Mapping[str, Mapping[int, float]],
    ids: Mapping[str, int],
    weigh: Callable[[str], float],
    weigh_listed: Callable[[str], float],
) -> tuple[tuple[Form, ...], float]:
    """For each word, the form that meets ``listed`` best: the rarity of the listed words
    its tokens pair with, less the rarity of its tokens that find no partner; the first
    form on a tie. The surest word chooses first, and a listed word it took is not
    another word's partner ("فاضل" and "الفضلي" do not both take "fadhli"). A listed
    word found by its consonants is a form only for the names that have it. Also what
    the chosen forms are worth. Partners are the listed tokens ``near`` a token (the
    lookup's similarities, by token id ``ids``).

    >>> pinyin, english = Form(("daxue",), "pinyin"), Form(("university",), "CC-CEDICT")
    >>> g = Group(Word("大学", (pinyin, english)), [pinyin, english])
    >>> near = {"daxue": {}, "university": {2: 1.0}}
    >>> chosen, worth = choose_forms([g], ("sichuan", "university"), near=near,
    ...     ids={"sichuan": 1, "university": 2}, weigh=len, weigh_listed=lambda t: 1.0)
    >>> chosen[0].tokens, worth
    (('university',), 1.0)
    """
    free = Counter(listed)
    listed_ids = [(tid, t) for t in free if (tid := ids.get(t)) is not None]
    listed_weight = {t: weigh_listed(t) for t in free}  # once a listed token, not a form
    ranked: dict[str, list[tuple[float, str]]] = {}  # token -> its partners, best first

    def value(form: Form) -> tuple[float, list[str]]:
        total, partners = 0.0, []
        for token in form.tokens:
            pairs = ranked.get(token)
            if pairs is None:
                found = near.get(token)
                pairs = ranked[token] = sorted(
                    [(s, t) for tid, t in listed_ids if (s := found.get(tid, 0.0)) >= MIN_PAIR]
                    if found
                    else [],
                    reverse=True,
                )
            for sim, partner in pairs:
                if free[partner] > 0:
                    total += listed_weight[partner] * sim
                    partners.append(partner)
                    break
            else:
                total -= weigh(token)
        return total, partners

    options = [
        g.forms + [g.by_consonants[t] for t in listed if t in g.by_consonants] for g in groups
    ]
    values = {(i, r): value(f) for i, forms in enumerate(options) for r, f in enumerate(forms)}
    chosen: dict[int, Form] = {}
    total = 0.0
    while len(chosen) < len(groups):
        # The most worth, then the word's earlier form, then the earlier word.
        worth, word, rank = max((v[0], -i, -r) for (i, r), v in values.items() if i not in chosen)
        word, rank, total = -word, -rank, total + worth
        chosen[word] = options[word][rank]
        taken = values[word, rank][1]
        free.subtract(taken)
        gone = {t for t in taken if free[t] <= 0}
        for key, (_, partners) in list(values.items()):
            if key[0] in chosen or key[0] == word:
                values.pop(key)
            elif gone.intersection(partners):  # its partner is taken: worth less now
                values[key] = value(options[key[0]][key[1]])
    return tuple(chosen[i] for i in range(len(groups))), total


def path_of(reading: Reading, chosen: tuple[Form, ...], listed: str) -> dict[str, Any]:
    """The explanation's account of a reading: the path and each word's source."""
    return {
        "script": reading.script,
        "latin": " ".join(reading.primary),
        "path": describe(reading, chosen, listed),
        "words": [
            {"written": w.written, "latin": " ".join(f.tokens), "source": f.source}
            for w, f in zip(reading.words, chosen, strict=True)
        ],
    }
