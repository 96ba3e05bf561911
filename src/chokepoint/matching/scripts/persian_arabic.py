"""Persian and Arabic names: letters normalised (pyarabic: short vowels and tatweel gone;
Arabic ي ك as Persian ی ک; the zero-width non-joiner joins the parts of one word), each
word transliterated letter by letter, and keyed by its consonants: the script leaves most
vowels unwritten, so "ملت" meets "Mellat" and "محمد" meets "Mohammad", "Muhammad" and
"Mohamed" through the consonants they share (``keys.consonants``). Words of kinds of
bodies are also translated (``data/persian_arabic_words.csv``: بانک bank, سازمان
organization), while the transliterated form stays ("Bank Melli"), and so are names of
countries and the adjectives made of them ("التونسية" Tunisia, which the lists write
"Tunisian"), from the country names of CLDR that babel ships.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import product

from chokepoint.data import read_table
from chokepoint.matching.normalize import ABD
from chokepoint.matching.scripts import Form, Reading, Word

SCRIPT = "Persian/Arabic"
UNICODE_SCRIPTS = ("ARABIC",)
TRANSLITERATION = "transliteration"
COUNTRY = "CLDR country name (babel)"
WORDS = "data/persian_arabic_words.csv"
ZWNJ = "\u200c"
MAX_KEYS = 8  # variants of a word's consonants (و is v or a vowel...), at most
# Letter by letter (Persian values first), for the word's plain romanisation.
_LETTERS = {
    "ا": "a", "آ": "a", "أ": "a", "إ": "i", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ک": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "و": "v", "ه": "h", "ی": "i", "ى": "a",
    "ة": "a",
}  # fmt: skip
# The consonants a Latin spelling of each letter keeps, in ``keys.consonants``'s alphabet
# (kh "x", sh "8", ch "9", zh and j "j"); letters that may be a vowel or silent have "".
_CONSONANTS = {
    "ب": ("b",), "پ": ("p",), "ت": ("t",), "ث": ("s", "t"), "ج": ("j",), "چ": ("9",),
    "ح": ("h",), "خ": ("x",), "د": ("d",), "ذ": ("z", "d"), "ر": ("r",), "ز": ("z",),
    "ژ": ("j",), "س": ("s",), "ش": ("8",), "ص": ("s",), "ض": ("z", "d"), "ط": ("t",),
    "ظ": ("z",), "غ": ("g",), "ف": ("f",), "ق": ("k", "g"), "ک": ("k",), "گ": ("g",),
    "ل": ("l",), "م": ("m",), "ن": ("n",), "و": ("v", ""), "ه": ("h", ""),
    "ة": ("", "h", "t"),
}  # fmt: skip
# Letters a Latin spelling gives as vowels (or as y, which the consonant keys leave out).
_VOWEL_LETTERS = set("اآأإٱعءؤئویى")
# Arabic ي and ك as Persian ی and ک; the Urdu and Pashto letters as the Persian ones they
# are written for (Unicode's names: HEH GOAL, YEH BARREE, DZE, TTEH...). Final ى stays:
# it is "a" (مصطفى Mustafa) or an Arabic way of writing ی (حقانى Haqqani).
_FOLD = str.maketrans(
    {
        "ي": "ی", "ك": "ک", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه", "ۃ": "ة", "ې": "ی",
        "ۍ": "ی", "ے": "ی", "ٹ": "ت", "ڈ": "د", "ړ": "ر", "ڑ": "ر", "ں": "ن", "ڼ": "ن",
        "ځ": "ز", "څ": "س", "ښ": "ش", "ږ": "ژ", "ګ": "گ",
    }
)  # fmt: skip
ALLAH = "الله"
# English names of bodies leave the article out ("Egyptian Islamic Jihad"); transliterations
# and persons' names keep it ("AL-TIKRITI").
_NO_ARTICLE = Form((), "the article, left out as English names leave it")


def normalise(text: str) -> str:
    """Letters in their plain forms, short vowels, shadda and tatweel removed (pyarabic);
    Arabic ي and ك written as Persian ی and ک; the zero-width non-joiner removed, so
    "نفت‌کش" is one word."""
    from pyarabic import araby

    # NFKC: presentation forms ("ﻤﺤﻤﺪ", as some PDFs give names) are the plain letters.
    text = araby.strip_tatweel(araby.strip_tashkeel(unicodedata.normalize("NFKC", text)))
    return text.translate(_FOLD).replace(ZWNJ, "")


def transliterate(word: str) -> str:
    """Letter by letter.

    >>> transliterate("بانک"), transliterate("سپه"), transliterate("ظریف")
    ('bank', 'sph', 'zrif')

    A word's first ع is the vowel the lists write ("علی" Ali), and ی is y where it begins
    a word, follows a long vowel or comes before one ("ایاد" Ayad, "یحیى" Yhya, "ثریا"
    Srya), as Latin spellings have it.

    >>> transliterate("علی"), transliterate("ایاد"), transliterate("یحیى"), transliterate("ثریا")
    ('ali', 'ayad', 'yhya', 'srya')
    """
    out = []
    for i, c in enumerate(word):
        letter = _LETTERS.get(c, c if c.isascii() and c.isalnum() else "")
        if c == "ع" and i == 0:
            letter = "a"
        elif (
            c == "ی"
            and i < len(word) - 1
            and (i == 0 or word[i - 1] in "اآو" or word[i + 1] in "اآى")
        ):
            letter = "y"
        out.append(letter)
    return "".join(out)


def consonant_keys(word: str) -> tuple[str, ...]:
    """The consonant skeletons a Latin spelling of the word may have: vowels unwritten,
    so only consonants count; a letter that may be a vowel (و, final ه) gives both.

    >>> consonant_keys("ملت"), consonant_keys("محمود")
    (('mlt',), ('mhmvd', 'mhmd'))
    """
    options = []
    for i, char in enumerate(word):
        found = _CONSONANTS.get(char)
        if found is None:
            continue
        if char == "ه" and i < len(word) - 1:
            found = ("h",)  # only a final ه may be a vowel ("Zadeh", "Zade")
        options.append(found)
    keys: list[str] = []
    for combo in product(*options):
        key = _single("".join(combo))
        if key and key not in keys:
            keys.append(key)
        if len(keys) >= MAX_KEYS:
            break
    return tuple(keys)


def _single(key: str) -> str:
    return "".join(c for i, c in enumerate(key) if i == 0 or key[i - 1] != c)


@cache
def translations() -> dict[str, tuple[str, ...]]:
    rows = read_table("persian_arabic_words.csv")
    return {normalise(r["written"]): tuple(r["english"].split(";")) for r in rows}


@cache
def countries() -> dict[str, str]:
    """Countries of one word in Arabic or Persian script, and their adjectives (the nisba:
    the name and ی, ية, یه, "مصری" Egyptian) -> the English name, from CLDR's names as
    babel ships them.

    >>> countries()["تونس"], countries()["تونسیة"], countries()["مغربی"], countries()["لیبیة"]
    ('Tunisia', 'Tunisia', 'Morocco', 'Libya')
    """
    from babel import Locale

    english = Locale("en").territories
    out: dict[str, str] = {}
    for language in ("ar", "fa"):
        for code, name in Locale(language).territories.items():
            if not (code.isalpha() and code in english) or " " in name.strip():
                continue
            stem = normalise(name).removeprefix("ال")
            base = stem.removesuffix("ا").removesuffix("ی")  # "لیبیا" Libya: "لیبی" Libyan
            for written in (stem, base + "ی", base + "یة", base + "یه"):
                out.setdefault(written, english[code])
    return out


def word_forms(word: str, person: bool = False) -> list[Word]:
    """A word's forms: transliteration, translation when it is a word of kinds of bodies,
    and its consonant keys; the article "al-" and "Abd al-" as the lists write them (a
    body's English name may leave the article out; a person's Latin name keeps it)."""
    abd = Word("عبد", (Form((ABD,), "Abd al- (as the lists write it)"),))
    if word in ("عبد", "عبدال"):
        return [abd]
    # "عبدالجبار", Abd al-Jabbar in one word ("عبدالله", Abdullah, is a name of its own).
    if word.startswith("عبدال") and len(word) >= len("عبدال") + 3:
        return [abd, *word_forms(word[5:], person)]
    if word in ("بن", "ابن"):
        return [Word(word, (Form(("bin",), "ibn/bin (as the lists write it)"),))]
    plain = word.replace("ى", "ی")  # as the word table writes it
    # "للصرافة", li- and the article (for the exchange): "lil-", "al-" or "for" in Latin.
    if word.startswith("لل") and len(word) >= 5 and plain not in translations():
        lil = (Form(("al",), "li- and the article al-"), Form(("for",), "li- (for)", True))
        return [Word("لل", (*lil, _NO_ARTICLE)), *word_forms(word[2:], person)]
    out: list[Word] = []
    # The article, when what follows is a word ("الله", Allah, is one word). Latin may
    # write it joined, as it sounds ("السعدی" Essaadi): the word may then open with a vowel.
    opens = word[0] in _VOWEL_LETTERS
    if word.startswith("ال") and len(word) >= 5 and plain not in translations():
        article = Form(("al",), "article al-")
        out.append(Word("ال", (article,) if person else (article, _NO_ARTICLE)))
        word, plain, opens = word[2:], plain[2:], True
    forms = [Form((transliterate(word),), TRANSLITERATION)]
    if word.endswith("ى"):  # or ی written the Arabic way ("حقانى" Haqqani)
        forms.append(Form((transliterate(plain),), TRANSLITERATION + ", final ى as ی"))
    if word.endswith(ALLAH) and len(word) > len(ALLAH):  # "عبدالله": also "Abd Allah"
        head = word[: -len(ALLAH)]
        first = ABD if head == "عبد" else transliterate(head)
        forms.append(Form((first, "allah"), TRANSLITERATION + ", Allah apart"))
    for english in translations().get(plain, ()):
        if tuple(english.split()) != forms[0].tokens:  # "بانک" is "bank" either way
            forms.append(
                Form(tuple(english.split()), f"{WORDS}: {word} {english}", translated=True)
            )
    # Not as a dictionary's word: its one-edit neighbours are the adjective ("tunisian").
    if (country := countries().get(plain)) is not None and country.isascii():
        forms.append(Form((country.casefold(),), f"{COUNTRY}: {word} {country}"))
    vowels = sum(c in _VOWEL_LETTERS for c in word)
    out.append(Word(word, tuple(forms), consonant_keys(word), vowels, opens))
    return out


def _with_allah(raws: list[str]) -> list[str]:
    """Words with "الله" (Allah) joined to the word before it: a name of the two, as the
    lists write it ("عبد الله" Abdullah, "هدایت الله" Hidayatullah).

    >>> _with_allah(["هدایت", "الله", "الله"])
    ['هدایتالله', 'الله']
    """
    out: list[str] = []
    for raw in raws:
        if raw == ALLAH and out and not out[-1].endswith(ALLAH):
            out[-1] += raw
        else:
            out.append(raw)
    return out


def read(text: str, schema: str | None) -> tuple[Reading, ...]:
    """A Persian or Arabic name word by word.

    >>> [w.primary for w in read("بانک سپه", "Organization")[0].words]
    [('bank',), ('sph',)]
    >>> [w.primary for w in read("عبد الرحمن التكريتي", "Person")[0].words]
    [('abdul',), ('rhmn',), ('al',), ('tkriti',)]
    """
    words: list[Word] = []
    for raw in _with_allah(normalise(text).split()):
        if raw == "ال" or (raw.startswith("ال") and words and words[-1].primary == (ABD,)):
            raw = raw[2:] if raw != "ال" else ""  # "Abd al-Rahman": the article is in "abdul"
        if raw and any(c.isalpha() for c in raw):
            words += word_forms(raw, schema == "Person")
    return (Reading(SCRIPT, text, tuple(w for w in words if w.primary[0])),) if words else ()
