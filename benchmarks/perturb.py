"""How a clerk's query departs from a listed name: the kinds of the labelled dev set
(shared/eval/README.md), written again from their descriptions so that ``heldout.py`` can
build a set of the same kinds from other list entries.

Each function takes the name and a seeded ``random.Random`` and returns the query text, or
None when the kind does not apply (no middle name to drop, no company form, no Arabic word).
Persons are ``PersonName`` (the "SURNAME, Given Middle" of OFAC split in two); the query
is written the way dev writes that kind ("Given SURNAME" for reorder, "SURNAME Given" for
a typo, upper case for Arabic and romanisation variants).
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class PersonName:
    surname: tuple[str, ...]
    given: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> PersonName | None:
        """ "AL-YASSIN, Husam Muhammad Amin" -> surname and given words; None without both."""
        if text.count(",") != 1:
            return None
        surname, given = (part.split() for part in text.split(","))
        return cls(tuple(surname), tuple(given)) if surname and given else None

    def words(self) -> tuple[str, ...]:
        return self.surname + self.given


def same_case(new: str, like: str) -> str:
    """``new`` written in the case of ``like`` (upper, title or lower)."""
    if like.isupper():
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:].lower()
    return new.lower()


def title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


# --- person layouts --------------------------------------------------------------------


def given_first(p: PersonName) -> str:
    """Dev's ``reorder``: "Luis Fernando DAMIANI BUSTILLOS"."""
    return " ".join(p.given) + " " + " ".join(w.upper() for w in p.surname)


def surname_first(p: PersonName, upper: bool = False) -> str:
    """Dev's ``typo`` layout "MANCADA LAU Nestor"; upper case for Arabic and romanisation
    variants ("ATTARAN MUHAMMED MAHDI DA'EMI")."""
    given = [w.upper() if upper else w for w in p.given]
    return " ".join([w.upper() for w in p.surname] + given)


def drop_middle(p: PersonName) -> PersonName | None:
    """Only the first given name: "Husam AL-YASSIN" for "AL-YASSIN, Husam Muhammad Amin"."""
    if len(p.given) < 2:
        return None
    return replace(p, given=p.given[:1])


# --- spelling ---------------------------------------------------------------------------


def typo_word(word: str, rng: random.Random) -> str:
    """One edit: a letter inserted, deleted, replaced, or two neighbours swapped."""
    i = rng.randrange(len(word))
    letter = same_case(rng.choice(LETTERS), word)
    op = rng.choice("idst")
    if op == "i":
        out = word[:i] + letter + word[i:]
    elif op == "d":
        out = word[:i] + word[i + 1 :]
    elif op == "s":
        out = word[:i] + letter + word[i + 1 :]
    else:
        i = min(i, len(word) - 2)
        out = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return out if out != word else word[:i] + word[i + 1 :]


def pick_word(words: tuple[str, ...], rng: random.Random, ok: re.Pattern[str]) -> int | None:
    choices = [i for i, w in enumerate(words) if ok.fullmatch(w)]
    return rng.choice(choices) if choices else None


TYPO_WORD = re.compile(r"[A-Za-z]{4,}")


def typo(words: tuple[str, ...], rng: random.Random) -> tuple[str, ...] | None:
    """One edit in one word of four letters or more."""
    i = pick_word(words, rng, TYPO_WORD)
    if i is None:
        return None
    return words[:i] + (typo_word(words[i], rng),) + words[i + 1 :]


DATA = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of ``benchmarks/data/<name>``, ``#`` comment lines skipped."""
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


# Romanisation rules by language (data/romanisation.csv): (pattern, replacement) on the
# lower-case word; each direction is its own rule, so "kh" -> "h" and "h" -> "kh" both occur.
ROMANISATION: dict[str, list[tuple[str, str]]] = {}
for _row in read_rows("romanisation.csv"):
    ROMANISATION.setdefault(_row["language"], []).append((_row["pattern"], _row["replacement"]))
# Korean and Chinese given names are written as one word, two, or hyphenated.
SYLLABLE_LANGUAGES = ("korean", "chinese")


def romanize(
    words: tuple[str, ...],
    language: str,
    rng: random.Random,
    protected: frozenset[str],
    person: bool = False,
) -> tuple[str, ...] | None:
    """One word spelled by another romanisation rule of its language; for Korean and
    Chinese names also the syllables of a given name joined or split ("Jong Un"/"Jongun")."""
    options: list[tuple[int, str]] = []
    for i, word in enumerate(words):
        low = word.lower()
        if len(low) < 2 or not low.isalpha() or low in protected:
            continue
        for pattern, new in ROMANISATION[language]:
            for m in re.finditer(pattern, low):
                options.append((i, low[: m.start()] + new + low[m.end() :]))
    if person and language in SYLLABLE_LANGUAGES and len(words) >= 3:
        if rng.random() < 0.3 or not options:
            return join_syllables(words, rng)
    if not options:
        return None
    i, new = rng.choice(options)
    return words[:i] + (same_case(new, words[i]),) + words[i + 1 :]


def join_syllables(words: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """ "KIM Jong Un" -> "KIM Jongun" or "KIM Jong-Un"; a hyphenated name is split."""
    for i, word in enumerate(words):
        if "-" in word:
            return words[:i] + tuple(word.split("-")) + words[i + 1 :]
    i = len(words) - 2
    joined = (
        words[i]
        + rng.choice(("", "-"))
        + (words[i + 1].lower() if rng.random() < 0.5 else words[i + 1])
    )
    return words[:i] + (joined,)


RUSSIAN_COUNTRIES = {"ru", "by", "ua", "kz", "kg", "tj", "uz", "am", "az", "ge", "md", "tm"}
KOREAN_COUNTRIES = {"kp", "kr"}
CHINESE_COUNTRIES = {"cn", "hk", "tw", "mo"}
ARABIC_COUNTRIES = {"sa", "ae", "iq", "sy", "lb", "jo", "ye", "om", "qa", "kw", "bh", "eg", "ly"}
ARABIC_COUNTRIES |= {"tn", "dz", "ma", "sd", "so", "ps", "ir", "af", "pk", "mr", "ml"}


def language_of(countries: set[str], programs: set[str]) -> str:
    """Which romanisation rules fit an entry: by its countries, else its OFAC programmes."""
    for language, where in (
        ("russian", RUSSIAN_COUNTRIES),
        ("korean", KOREAN_COUNTRIES),
        ("chinese", CHINESE_COUNTRIES),
        ("arabic", ARABIC_COUNTRIES),
    ):
        if countries & where:
            return language
    if countries:
        return "other"
    if any(p.startswith(("RUSSIA", "UKRAINE", "BELARUS", "CAATSA")) for p in programs):
        return "russian"
    if any(p.startswith("DPRK") for p in programs):
        return "korean"
    if programs & {"SDGT", "IRAN", "SYRIA", "IRGC", "IFSR", "FTO", "IRAQ2", "IRAQ3"}:
        return "arabic"
    return "other"


# Spellings of the same Arabic name (a word in one group becomes another of its group).
ARABIC_NAMES = [r["spellings"].split(";") for r in read_rows("arabic_names.csv")]
ARABIC_SPELLINGS = {name: group for group in ARABIC_NAMES for name in group}
_ABD = re.compile(r"^ABD(?:UL|EL|AL)?$")


def arabic_variant(words: tuple[str, ...], rng: random.Random) -> tuple[str, ...] | None:
    """Another spelling of one Arabic name word, of "Abd al-" or of the article (al-, el-,
    joined, or left out). Words are upper case, as dev writes this kind."""
    up = tuple(w.upper() for w in words)
    options: list[tuple[str, ...]] = []
    for i, word in enumerate(up):
        bare = word.strip("'")
        if bare in ARABIC_SPELLINGS:
            for other in ARABIC_SPELLINGS[bare]:
                if other != bare:
                    options.append(up[:i] + (word.replace(bare, other),) + up[i + 1 :])
        article = re.match(r"^(AL|EL)[- ](.{3,})$", word)
        if article:
            rest = article.group(2)
            for new in (f"EL-{rest}", f"AL {rest}", f"AL{rest}", rest):
                if new != word:
                    options.append(up[:i] + tuple(new.split()) + up[i + 1 :])
        if _ABD.match(word) and i + 1 < len(up):
            nxt = re.sub(r"^(AL|EL)-", "", up[i + 1])
            for new in (f"ABDUL {nxt}", f"ABD AL-{nxt}", f"ABDEL {nxt}", f"ABDUL{nxt}"):
                options.append(up[:i] + tuple(new.split()) + up[i + 2 :])
    if not options:
        return None
    chosen = rng.choice(options)
    return chosen if chosen != up else None


# --- company forms ----------------------------------------------------------------------

# Ways of writing one kind of company; a name's form is rewritten as another of its group.
FORM_GROUPS = [r["forms"].split(";") for r in read_rows("company_forms.csv")]
_FORMS = sorted(
    ((form, group) for group in FORM_GROUPS for form in group), key=lambda f: -len(f[0])
)
ADDED_FORMS = ["LLC", "LTD.", "CO., LTD.", "S.A.", "INC.", "GMBH", "JSC", "OOO", "LIMITED"]


def find_form(name: str) -> tuple[str, str, list[str]] | None:
    """The company form a name starts or ends with: (rest of the name, form, its group)."""
    up = name.upper()
    for form, group in _FORMS:
        for m in (
            re.match(rf"^(.+?)[, ]+{re.escape(form)}$", up),
            re.match(rf"^{re.escape(form)} (.+)$", up),
        ):
            if m and m.group(1).strip(" ,"):
                return m.group(1).strip(" ,"), form, group
    return None


def legal_form(name: str, rng: random.Random) -> str | None:
    """The company form dropped, written another way (before or after the name), or one
    added to a name without a form."""
    found = find_form(name)
    if found is None:
        if len(name.split()) < 2:
            return None
        return f"{name} {rng.choice(ADDED_FORMS)}"
    rest, form, group = found
    op = rng.choice(("drop", "rewrite", "rewrite", "move"))
    if op == "drop":
        return rest
    new = rng.choice([f for f in group if f != form]) if op == "rewrite" else form
    return f"{new} {rest}" if rng.random() < 0.4 else f"{rest} {new}"


# --- scripts ----------------------------------------------------------------------------

# Latin letters to Cyrillic as dev writes this kind: letter by letter, longest first, no
# soft sign ("Stepanova Olga G." -> "Степанова Олга Г.", "Joint" -> "Джоинт").
_CYRILLIC = [
    ("shch", "щ"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "ё"),
    ("ye", "е"),
    ("j", "дж"),
    ("x", "кс"),
    *zip("abcdefghiklmnopqrstuvwyz", "абкдефгхиклмнопкрстуввйз", strict=True),
]


def to_cyrillic(text: str) -> str:
    """A Latin name letter by letter in Cyrillic, each word capitalised.

    >>> to_cyrillic("STEPANOVA Olga G."), to_cyrillic("JOINT STOCK COMPANY")
    ('Степанова Олга Г.', 'Джоинт Стокк Компанй')
    """
    out = []
    for word in text.split():
        low, i, chars = word.lower(), 0, []
        while i < len(low):
            for latin, cyr in _CYRILLIC:
                if low.startswith(latin, i):
                    chars.append(cyr)
                    i += len(latin)
                    break
            else:
                chars.append(low[i])
                i += 1
        cyr_word = "".join(chars)
        out.append(cyr_word[:1].upper() + cyr_word[1:])
    return " ".join(out)


# Arabic letters written more than one way: hamza seats, taa marbuta, alef maqsura.
_ARABIC_SPELLINGS = [("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"), ("ي", "ى")]


def script_typo(text: str, rng: random.Random) -> str | None:
    """An original-script name written another way: an Arabic letter in its other usual
    form (أ -> ا, ة -> ه, final ى/ي), else one letter left out of a long word."""
    options = [
        text[: m.start()] + new + text[m.end() :]
        for old, new in _ARABIC_SPELLINGS
        for m in re.finditer(old, text)
    ]
    if options:
        return rng.choice(options)
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 4]
    if not long:
        return None
    i = rng.choice(long)
    j = rng.randrange(1, len(words[i]) - 1)
    words[i] = words[i][:j] + words[i][j + 1 :]
    return " ".join(words)
