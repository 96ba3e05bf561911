"""Japanese names: kana and kanji to Hepburn romanisation (pykakasi, whose dictionary
ships in the package), word by word as pykakasi cuts them; long vowels also written short,
as English spellings of names do ("Tōkyō", "toukyou" and "Tokyo").
"""

from __future__ import annotations

import re
from functools import cache

from chokepoint.matching.scripts import Form, Reading, Word

SCRIPT = "Japanese"
UNICODE_SCRIPTS = ("HIRAGANA", "KATAKANA")
HEPBURN = "Hepburn (pykakasi)"
_LONG = re.compile(r"(?<=o)u|(?<=u)u|(?<=[aeiou])h(?![aeiou])")


@cache
def _kakasi() -> object:
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def shorten(romaji: str) -> str:
    """Long vowels written short: "toukyou" is "tokyo", "ooshima" stays (a doubled "o").

    >>> shorten("toukyou"), shorten("yuuki"), shorten("satou")
    ('tokyo', 'yuki', 'sato')
    """
    return _LONG.sub("", romaji)


def read(text: str, schema: str | None) -> tuple[Reading, ...]:  # noqa: ARG001
    """Words in Hepburn, and with long vowels short.

    >>> [w.primary for w in read("東京電力", None)[0].words]
    [('toukyoudenryoku',)]
    >>> [w.primary for w in read("さとう ゆうき", "Person")[0].words]
    [('satou',), ('yuuki',)]
    """
    words: list[Word] = []
    for part in _kakasi().convert(text):  # type: ignore[attr-defined]
        romaji = "".join(c for c in part["hepburn"].casefold() if c.isalnum())
        if not romaji:
            continue
        forms = [Form((romaji,), HEPBURN)]
        if (short := shorten(romaji)) != romaji:
            forms.append(Form((short,), HEPBURN + ", long vowels short"))
        words.append(Word(part["orig"], tuple(forms)))
    return (Reading(SCRIPT, text, tuple(words)),) if words else ()
