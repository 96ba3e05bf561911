"""Lookup keys of a token: how the index finds listed tokens near a query token.

A query token reaches a listed token that is equal, sounds the same (metaphone), or is one
edit away: both sides index their one-deletion variants (the SymSpell idea), so a single
insertion, deletion, substitution or adjacent transposition shares a key. Romanisation
variants share a skeleton; the looser ``syllable`` key also ignores voicing, as Korean and
Chinese romanisation systems do ("Kim"/"Gim", "Chol"/"Jol", "Hsu"/"Xu").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text import metaphone

MIN_FUZZY_LEN = 4  # shorter tokens have too many one-edit neighbours to be evidence
# Longer tokens get no deletion variants: their variants cost the square of their length
# (a 1 MB word: 10^12 characters), and no listed name word comes near (the longest is 24).
MAX_FUZZY_LEN = 64


def deletions(token: str) -> set[str]:
    """The token and every variant with one character deleted.

    >>> sorted(deletions("abcd"))
    ['abc', 'abcd', 'abd', 'acd', 'bcd']
    >>> len(deletions("x" * 10_000))
    1
    """
    if not MIN_FUZZY_LEN <= len(token) <= MAX_FUZZY_LEN:
        return {token}
    return {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}


@lru_cache(maxsize=100_000)
def phonetic(token: str) -> str | None:
    """A metaphone key for tokens long enough to have one, else None.

    >>> phonetic("muhammad") == phonetic("mohammed"), phonetic("al")
    (True, None)
    """
    if len(token) < 3 or not token.isalpha():
        return None
    return metaphone(token) or None


# Spellings that romanisation systems (and clerks) swap for one another, most specific first.
_SKELETON_STEPS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("tch", "ch"),
    ("ch", "9"),
    ("sh", "8"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("y", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("tz", "ts"),
    ("x", "ks"),
)


@lru_cache(maxsize=100_000)
def skeleton(token: str) -> str:
    """A token with romanisation variants folded and doubled letters single.

    >>> skeleton("dzhin") == skeleton("jin"), skeleton("walor") == skeleton("valor")
    (True, True)
    >>> skeleton("blakk") == skeleton("black"), skeleton("kompanii") == skeleton("company")
    (True, True)
    """
    for old, new in _SKELETON_STEPS:
        token = token.replace(old, new)
    out: list[str] = []
    for char in token:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


# Korean (McCune-Reischauer / Revised) and Chinese (Wade-Giles / pinyin) write one sound
# with or without voicing: k/g, t/d, p/b, ch/j (and pinyin q, zh); Wade-Giles "hs" is
# pinyin "x"; Korean "eo"/"o", "ung"/"ong"; the surname Ri is also Li, Lee, Rhee, Yi.
_VOICING = str.maketrans({"g": "k", "d": "t", "b": "p", "j": "9"})
_SHORT_SYLLABLE = 3
MAX_SYLLABLE_LEN = 9


@lru_cache(maxsize=100_000)
def syllable(token: str) -> str | None:
    """A key for romanisations of East Asian syllables, for tokens short enough to be a
    name's syllables (or two of them written as one word); None for longer ones.

    >>> syllable("kim") == syllable("gim"), syllable("chol") == syllable("jol")
    (True, True)
    >>> syllable("hsiaoping") == syllable("xiaoping"), syllable("rhee") == syllable("ri")
    (True, True)
    >>> syllable("qian") == syllable("chian"), syllable("hyeok") == syllable("hyok")
    (True, True)
    """
    if len(token) > MAX_SYLLABLE_LEN or not token.isalpha():
        return None
    token = re.sub(r"q(?=[iy])", "ch", token.replace("hs", "x"))
    token = skeleton(token).translate(_VOICING).replace("eo", "o").replace("ung", "ong")
    if len(token) <= _SHORT_SYLLABLE:
        token = re.sub(r"^(?:rh|r|l|y)(?=[aeiou])", "r", token)
        token = {"i": "ri", "li": "ri", "le": "ri"}.get(token, token)
    return token


# Latin spellings of Persian and Arabic consonants, most specific first, in the alphabet of
# ``scripts.persian_arabic``: kh "x", sh "8", ch "9", zh/dj "j", gh "g", th "s", dh "z".
_CONSONANT_STEPS = (
    ("kh", "x"), ("sh", "8"), ("ch", "9"), ("zh", "j"), ("dj", "j"), ("gh", "g"),
    ("th", "s"), ("dh", "z"), ("ph", "f"), ("q", "k"), ("c", "k"), ("w", "v"),
)  # fmt: skip
MIN_CONSONANTS = 2  # one consonant says too little to find a name by


@lru_cache(maxsize=100_000)
def consonants(token: str) -> str | None:
    """The consonants of a Latin token, doubled ones single: what an Arabic-script word
    spells of it, since the script leaves short vowels (and y, a vowel sign there) unwritten.

    >>> consonants("mellat"), consonants("muhammad"), consonants("mohamed")
    ('mlt', 'mhmd', 'mhmd')
    >>> consonants("hossein") == consonants("husayn"), consonants("ali")
    (True, None)
    """
    if not token.isalpha():
        return None
    for old, new in _CONSONANT_STEPS:
        token = token.replace(old, new)
    kept = [c for c in token if c not in "aeiouy'"]
    key = "".join(c for i, c in enumerate(kept) if i == 0 or kept[i - 1] != c)
    return key if len(key) >= MIN_CONSONANTS else None
