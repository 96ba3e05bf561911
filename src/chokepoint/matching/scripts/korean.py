"""Korean names: Hangul in Revised Romanization (korean-romanizer) and in
McCune-Reischauer, syllable by syllable, as the lists write Korean names ("KIM Yo Jong",
"RI Pyong Chol"), the surname also in the spellings passports and the lists use
(``data/korean_surnames.csv``: 이 Lee, Yi, Ri, Rhee).

McCune-Reischauer is written here: no package ships it. A syllable's initial consonant is
given both unvoiced (word-initial: "Chong") and voiced ("Jong"), as the lists write both;
the breves and apostrophes (ŏ, ch') are dropped, as the lists drop them.
"""

from __future__ import annotations

from functools import cache

from chokepoint.data import read_table
from chokepoint.matching.scripts import Form, Reading, Word

SCRIPT = "Korean"
UNICODE_SCRIPTS = ("HANGUL",)
RR = "Revised Romanization (korean-romanizer)"
MR = "McCune-Reischauer"
_BASE, _LAST = 0xAC00, 0xD7A3
# McCune-Reischauer by jamo index (initial, vowel, final), without breves and apostrophes.
_MR_INITIAL = (
    ("k", "g"), ("kk",), ("n",), ("t", "d"), ("tt",), ("r", "n"), ("m",), ("p", "b"),
    ("pp",), ("s",), ("ss",), ("",), ("ch", "j"), ("tch", "jj"), ("ch",), ("k",), ("t",),
    ("p",), ("h",),
)  # fmt: skip
_MR_VOWEL = (
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "u", "ui", "i",
)  # fmt: skip
_MR_FINAL = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip


def is_syllable(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def mccune_reischauer(syllable: str) -> list[str]:
    """A Hangul syllable in McCune-Reischauer, unvoiced and voiced.

    >>> mccune_reischauer("정"), mccune_reischauer("여"), mccune_reischauer("철")
    (['chong', 'jong'], ['yo'], ['chol'])
    """
    code = ord(syllable) - _BASE
    initial, vowel, final = code // 588, (code % 588) // 28, code % 28
    out = []
    for onset in _MR_INITIAL[initial]:
        # "si" is "shi" in McCune-Reischauer.
        start = "sh" if onset == "s" and _MR_VOWEL[vowel] in ("i", "wi") else onset
        out.append(start + _MR_VOWEL[vowel] + _MR_FINAL[final])
    return out


def revised(syllable: str) -> str:
    """A Hangul syllable in Revised Romanization.

    >>> revised("김"), revised("여"), revised("정")
    ('gim', 'yeo', 'jeong')
    """
    from korean_romanizer.romanizer import Romanizer

    return str(Romanizer(syllable).romanize()).casefold()


@cache
def surnames() -> dict[str, tuple[str, ...]]:
    return {r["hangul"]: tuple(r["spellings"].split()) for r in read_table("korean_surnames.csv")}


def syllable_forms(syllable: str, surname: bool) -> Word:
    forms = [Form((revised(syllable),), RR)]
    forms += [Form((m,), MR) for m in mccune_reischauer(syllable)]
    if surname:
        forms += [Form((s,), "surname as the lists write it") for s in surnames().get(syllable, ())]
    unique: dict[tuple[str, ...], Form] = {}
    for form in forms:
        unique.setdefault(form.tokens, form)
    return Word(syllable, tuple(unique.values()))


def word_forms(word: str) -> Word:
    """A word of several syllables (a firm's name) as one token in either system."""
    syllables = [c for c in word if is_syllable(c)]
    forms = [Form(("".join(revised(s) for s in syllables),), RR)]
    forms.append(Form(("".join(mccune_reischauer(s)[0] for s in syllables),), MR))
    forms.append(Form(tuple(revised(s) for s in syllables), RR + ", syllables apart"))
    forms.append(Form(tuple(mccune_reischauer(s)[0] for s in syllables), MR + ", syllables apart"))
    return Word(word, tuple(forms))


def read(text: str, schema: str | None) -> tuple[Reading, ...]:
    """A person's name (or one word of two to four syllables, as names are) syllable by
    syllable, the first one the surname; other names word by word.

    >>> [[f.tokens[0] for f in w.forms] for w in read("김여정", "Person")[0].words][:2]
    [['gim', 'kim'], ['yeo', 'yo']]
    """
    words = ["".join(c for c in w if is_syllable(c)) for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return ()
    one_name = len(words) == 1 and 2 <= len(words[0]) <= 4 and schema in (None, "Person")
    if schema == "Person" or one_name:
        syllables = "".join(words)
        parts = tuple(syllable_forms(s, i == 0) for i, s in enumerate(syllables))
        return (Reading(SCRIPT, text, parts),)
    return (Reading(SCRIPT, text, tuple(word_forms(w) for w in words)),)
