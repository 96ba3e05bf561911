"""Names in their own scripts: each script's module reads a name into words, each word with
the Latin forms it may take (romanisations, dictionary translations), and says where each
form came from, so the match can be explained.

One module per script, registered in ``SCRIPTS``; ``script_of`` picks it by the Unicode
script of the name's letters. Scripts not registered here (Cyrillic, Greek, Hebrew...) are
transliterated by rigour in ``normalize.to_latin``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from types import ModuleType


@dataclass(frozen=True)
class Form:
    """One Latin form of a written word, and where it came from ("pinyin (pypinyin)",
    "CC-CEDICT: research institute")."""

    tokens: tuple[str, ...]
    source: str
    translated: bool = False  # a dictionary's English: spelled as English spells it


@dataclass(frozen=True)
class Word:
    """A word as written and its Latin forms, the first one the word's plain romanisation.
    ``keys`` are looser lookup keys (an Arabic word's consonants) that find listed tokens
    the forms do not spell; ``vowels``, the letters written that a Latin spelling gives
    as vowels (Arabic ا و ی ع: "عبیدی" Ubaydi), which say how long those tokens may be,
    and ``opens_with_vowel`` whether the first one is the word's first letter (a word
    that begins with a consonant is not spelled "afadey")."""

    written: str
    forms: tuple[Form, ...]
    keys: tuple[str, ...] = ()
    vowels: int = 0
    opens_with_vowel: bool = True

    @property
    def primary(self) -> tuple[str, ...]:
        return self.forms[0].tokens


@dataclass(frozen=True)
class Reading:
    """A name read in its script: the script's name and the words, in order."""

    script: str
    text: str
    words: tuple[Word, ...]

    @property
    def primary(self) -> tuple[str, ...]:
        return tuple(t for w in self.words for t in w.primary)


def _modules() -> tuple[ModuleType, ...]:
    from chokepoint.matching.scripts import chinese, japanese, korean, persian_arabic

    return (chinese, japanese, korean, persian_arabic)


@lru_cache(maxsize=20_000)
def _unicode_script(char: str) -> str:
    """The first word of a letter's Unicode name: its script ("CJK", "HANGUL", "ARABIC")."""
    return unicodedata.name(char, "?").split(" ")[0]


def script_of(text: str) -> ModuleType | None:
    """The registered module for the script most of a name's letters are written in.

    >>> script_of("哈尔滨工程大学").SCRIPT, script_of("بانک سپه").SCRIPT, script_of("김여정").SCRIPT
    ('Chinese', 'Persian/Arabic', 'Korean')
    >>> script_of("BANK SEPAH") is None, script_of("Молот") is None
    (True, True)
    """
    if text.isascii():
        return None
    counts = Counter(_unicode_script(c) for c in text if c.isalpha())
    if not counts:
        return None
    scripts = {name: module for module in _modules() for name in module.UNICODE_SCRIPTS}
    # Japanese writes kanji (CJK) with kana: any kana makes the name Japanese.
    if counts.keys() & {"HIRAGANA", "KATAKANA"}:
        return scripts["HIRAGANA"]
    if counts.keys() & {"HANGUL"}:
        return scripts["HANGUL"]
    main = counts.most_common(1)[0][0]
    return scripts.get(main)


@lru_cache(maxsize=50_000)
def read(text: str, schema: str | None = None) -> tuple[Reading, ...]:
    """The readings of a name in a registered script, most literal first; () for others.

    >>> read("김여정", "Person")[0].primary
    ('gim', 'yeo', 'jeong')
    """
    module = script_of(text)
    if module is None:
        return ()
    reader: Callable[[str, str | None], tuple[Reading, ...]] = module.read
    return tuple(r for r in map(_spelled, reader(text, schema)) if r.words)


def _spelled(reading: Reading) -> Reading:
    """``reading`` without the forms that spell nothing: a character no romaniser knows
    (a rare CJK extension character, say) gives an empty token, which no name has. A form
    of no tokens stays: a word that may be left out (an article).

    >>> w = Word("𤠡", (Form(("",), "pinyin"),))
    >>> _spelled(Reading("Chinese", "1𤠡", (w,))).words
    ()
    """
    words = []
    for word in reading.words:
        forms = tuple(
            replace(f, tokens=tokens)
            for f in word.forms
            if (tokens := tuple(t for t in f.tokens if t)) or not f.tokens
        )
        if forms:
            words.append(replace(word, forms=forms))
    return replace(reading, words=tuple(words))


def primary_tokens(text: str, schema: str | None = None) -> tuple[str, ...] | None:
    """The plain romanisation of a name in a registered script, as the index keeps it, so
    that the same name written in the same script meets itself; None for other scripts."""
    readings = read(text, schema)
    return readings[0].primary if readings else None


def describe(reading: Reading, chosen: tuple[Form, ...], listed: str) -> str:
    """The path a match took, for the explanation.

    >>> w = Word("大学", (Form(("daxue",), "pinyin"), Form(("university",), "CC-CEDICT")))
    >>> describe(Reading("Chinese", "大学", (w,)), (w.forms[1],), "X University")
    '大学 -> 大学 -> university ~ X University'
    """
    words = " | ".join(w.written for w in reading.words)
    latin = " | ".join(" ".join(f.tokens) for f in chosen)
    return f"{reading.text} -> {words} -> {latin} ~ {listed}"
