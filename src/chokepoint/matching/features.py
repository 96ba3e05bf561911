"""Interpretable evidence that a query name and a listed name are the same name.

Tokens are paired one to one, best pairs first; a pair's similarity is 1 for equal tokens,
high for the same romanisation skeleton, syllable key or sound, or an initial against its
name, else the edit similarity of the tokens or of their skeletons, whichever is higher.
Each side's coverage weighs its tokens by rarity, so sharing "mohammed" or "trading"
proves little and sharing "zarkaoui" much; company forms weigh little. A listed name whose
rarest word is missing ("VELCOM" of "VELCOM TRADE DOO BEOGRAD") is a weaker match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from chokepoint.matching.keys import phonetic, skeleton, syllable
from chokepoint.matching.normalize import (
    ARTICLES,
    FIRM_WORDS,
    FORM_FRAGMENTS,
    GENERIC_WORDS,
    PLACES,
)
from chokepoint.matching.scorer import load_weights

MIN_PAIR = 0.75  # below this two tokens are not taken to be the same token
SKELETON_SIMILARITY = 0.95
SOUND_SIMILARITY = 0.9
SYLLABLE_SIMILARITY = 0.85
INITIAL_SIMILARITY = 0.8
ABBREVIATION_SIMILARITY = 0.8
STRONG_PAIR = 0.9
MIN_SOUND_LEN = 6
MIN_SOUND_EDIT = 0.6
EXTRA_WEIGHT = 0.5  # a firm's extra generic word weighs what a company form does
# A listed name this rare (rare_match) keeps its identity with extra parts: fitted with
# the weights (benchmarks/fit_weights.py, a grid), read from their file.
RARE_NAME = float(load_weights().meta.get("rare_name", 0.75))


@lru_cache(maxsize=500_000)
def token_similarity(a: str, b: str) -> float:
    """Similarity of two tokens in [0, 1].

    >>> token_similarity("husain", "husain"), token_similarity("g", "grigorievna")
    (1.0, 0.8)
    >>> token_similarity("dzhin", "jin"), token_similarity("mohammed", "muhammad")
    (0.95, 0.9)
    >>> round(token_similarity("limietd", "limited"), 2)
    0.9
    >>> round(token_similarity("kevin", "hern"), 2)
    0.4
    >>> token_similarity("chol", "jol"), token_similarity("younes", "yunus")
    (0.85, 0.8)
    >>> round(token_similarity("miguel", "mukolo"), 2)  # one metaphone, little else
    0.17
    """
    if a == b:
        return 1.0
    # Each key read once: most pairs compared are not alike and go through every test.
    skeleton_a, skeleton_b = skeleton(a), skeleton(b)
    if skeleton_a == skeleton_b:
        return SKELETON_SIMILARITY
    if len(a) == 1 or len(b) == 1:
        return INITIAL_SIMILARITY if a[0] == b[0] else 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and len(long) >= len(short) + 3 and long.startswith(short):
        return ABBREVIATION_SIMILARITY  # "corp" for "corporation", abbreviated
    edit = OSA.normalized_similarity(a, b)
    # "younes"/"yunus": one edit apart once "ou" and "u" are one letter.
    edit = max(edit, OSA.normalized_similarity(skeleton_a, skeleton_b))
    if edit < SYLLABLE_SIMILARITY and (key := syllable(a)) is not None and key == syllable(b):
        return SYLLABLE_SIMILARITY
    # Short names sound alike too often by chance ("maria", "mario", "miera"), and so do
    # names spelled far apart ("miguel"/"mukolo", "yuequn"/"yakeen" share a metaphone).
    if (
        MIN_SOUND_EDIT <= edit < SOUND_SIMILARITY
        and len(short) >= MIN_SOUND_LEN
        and (code := phonetic(a)) is not None
        and code == phonetic(b)
    ):
        return SOUND_SIMILARITY
    return edit


@dataclass(frozen=True)
class Alignment:
    """Which query token met which listed token, and how well."""

    pairs: tuple[tuple[str, str, float], ...]
    query_unmatched: tuple[str, ...]
    listed_unmatched: tuple[str, ...]


Candidate = tuple[float, tuple[int, ...], tuple[int, ...]]  # -similarity, query, listed tokens


def align(query: tuple[str, ...], listed: tuple[str, ...]) -> Alignment:
    """Pair tokens one to one, most similar pairs first. A token may also pair with two
    neighbours of the other name written as one word ("alrawi"/"al rawi", "cholsam"/"chol
    sam"): both neighbours are paired with it, when that is a near-equal pair.

    >>> align(("ali", "hassan"), ("hasan", "ali", "mohamed")).pairs
    (('ali', 'ali', 1.0), ('hassan', 'hasan', 0.95))
    >>> align(("kim", "cholsam"), ("kim", "chol", "sam")).pairs
    (('kim', 'kim', 1.0), ('cholsam', 'chol', 1.0), ('cholsam', 'sam', 1.0))
    """
    # Pairs under MIN_PAIR are never taken: left out before the sort. Each candidate is
    # held by its negated similarity, so that a plain sort puts the best first.
    similarity = token_similarity
    scored: list[Candidate] = [
        (-sim, (i,), (j,))
        for i, q in enumerate(query)
        for j, c in enumerate(listed)
        if (sim := similarity(q, c)) >= MIN_PAIR
    ]
    scored += _joined(query, listed, swap=False) + _joined(listed, query, swap=True)
    scored.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for negated, qs, cs in scored:
        if used_q.intersection(qs) or used_c.intersection(cs):
            continue
        used_q.update(qs)
        used_c.update(cs)
        pairs += [(query[i], listed[j], -negated) for i in qs for j in cs]
    return Alignment(
        pairs=tuple(pairs),
        query_unmatched=tuple(q for i, q in enumerate(query) if i not in used_q),
        listed_unmatched=tuple(c for j, c in enumerate(listed) if j not in used_c),
    )


def _joined(one: tuple[str, ...], other: tuple[str, ...], swap: bool) -> list[Candidate]:
    """Near-equal pairs of a token of ``one`` with two neighbours of ``other`` joined (as
    ``align`` holds them: the similarity negated)."""
    out: list[Candidate] = []
    sizes = [len(token) for token in one]
    for j in range(len(other) - 1):
        size = len(other[j]) + len(other[j + 1])
        for i, token in enumerate(one):
            if (
                abs(sizes[i] - size) <= 1
                and (sim := token_similarity(token, other[j] + other[j + 1])) >= STRONG_PAIR
            ):
                out.append((-sim, (j, j + 1), (i,)) if swap else (-sim, (i,), (j, j + 1)))
    return out


Weigher = Callable[[str], float]


def coverage(alignment: Alignment, weigh: Weigher, side: int) -> float:
    """Share of one side's rarity-weighted tokens that found a partner (0 query, 1 listed)."""
    missing = alignment.query_unmatched if side == 0 else alignment.listed_unmatched
    pairs = alignment.pairs
    weights = [weigh(q) for q, _, _ in pairs] if side == 0 else [weigh(c) for _, c, _ in pairs]
    matched = sum([w * pair[2] for w, pair in zip(weights, pairs, strict=True)])
    total = sum(weights) + sum([weigh(t) for t in missing])
    return matched / total if total else 0.0


@dataclass(frozen=True)
class NameFeatures:
    """The evidence from one name pair; each value in [0, 1]."""

    query_coverage: float  # weighted share of the query's tokens matched
    listed_coverage: float  # weighted share of the listed name's tokens matched
    string_similarity: float  # whole names compared as sorted strings
    all_query_tokens: float  # 1 when every query token but company forms found a partner
    rare_match: float  # rarity of the rarest matched token, scaled to [0, 1]
    strong_pairs: float  # pairs of near-equal tokens, 0, 1/3, 2/3 or 1 for three or more
    form_conflict: float  # both names have a company form, and no form matches
    joined_similarity: float  # names compared with spaces removed ("nur al din"/"nuraldin")
    surname_given: float  # how closely the query has the listed surname and first given name
    rarest_missing: float  # 1 when a listed organisation's rarest word found no partner
    extra_parts: float  # the query has the whole listed name and more (see extra_parts)
    listed_words_missing: float  # weighted share of a firm's own listed words unpaired
    generic_name: float  # 1 when both names are of generic words only: caps the score


def joined_similarity(query: tuple[str, ...], listed: tuple[str, ...]) -> float:
    """Both names without spaces, the listed one in each rotation of its tokens (so that
    "SURNAME, Given" meets "Given SURNAME").

    >>> joined_similarity(("nur", "aldin", "jawad"), ("nur", "al", "din", "jawad"))
    1.0
    """
    joined = "".join(query)
    rotations = (listed[i:] + listed[:i] for i in range(len(listed)))
    return max((ratio(joined, "".join(r)) / 100 for r in rotations), default=0.0)


def has_key(alignment: Alignment, key: tuple[str, ...]) -> float:
    """How closely the query has every token of the listed name's key (surname and first
    given name): the similarity of its least similar pair, 0 when one has none.

    >>> has_key(align(("naar", "al", "qasir"), ("al", "qasir", "nazar")), ("al", "qasir", "nazar"))
    0.8
    """
    if not key:
        return 0.0
    sims = {p[1]: p[2] for p in alignment.pairs}
    return min(sims.get(t, 0.0) for t in key)


def rarest_missing(
    alignment: Alignment, weigh: Weigher, ignore: set[str] | frozenset[str]
) -> float:
    """1 when the listed name's rarest word (company forms and articles aside) found no
    partner while another word did: "Beograd Trade d.o.o." has the city and the trade of
    "VELCOM TRADE DOO BEOGRAD", not its name.

    >>> weights = {"velcom": 9.8, "beograd": 7.9, "trade": 5.7}.get
    >>> al = align(("beograd", "trade"), ("velcom", "trade", "beograd"))
    >>> rarest_missing(al, lambda t: weights(t, 1.0), set())
    1.0
    """
    words = [p[1] for p in alignment.pairs] + list(alignment.listed_unmatched)
    words = [w for w in words if w not in ignore and w not in ARTICLES]
    if len(words) < 2 or not alignment.pairs:
        return 0.0
    rarest = max(words, key=lambda w: (weigh(w), w))
    return 1.0 if rarest in alignment.listed_unmatched else 0.0


def extra_parts(
    alignment: Alignment,
    minor: frozenset[str] | set[str],
    person: bool,
    rare: float,
    weigh_query: Weigher = lambda _: 1.0,
    weigh_listed: Weigher = lambda _: 1.0,
    compounds: tuple[frozenset[str], ...] = (),
) -> float:
    """How much it says that the query has every word of the listed name and more: the
    rarity of the listed name's rarest matched word (``rare``), else 0.

    A person's name grows by kinds of parts that names carry (a patronymic, a second
    surname, a middle name, "bin Ali", an initial): any extra word will do, when the listed
    name has two words or more and is rare (its rarest word ``RARE_NAME`` of the rarest
    a word can be) or rarer than every extra word: "Maria Lopez Garcia" is not "LOPEZ,
    Maria", whose words are as common as the one it lacks, while "Igor Ivanovich Sechin"
    is "SECHIN, Igor". A firm's grows by a city, a legal form, generic and trade
    words ("Zhejiang Dahua Technology Co., Ltd." for "DAHUA TECHNOLOGY"; not a trade such
    as "shipping": "X Shipping" is another firm than "X"), and only when the
    listed name has a word of its own: "SUN" or "GENERAL TRADING" inside a longer firm name
    proves nothing, except a one-word name with only a city or a form added ("Shanghai
    CEC Limited" for "CEC LIMITED") or a one-word name as rare as ``RARE_NAME``.

    >>> al = align(("igor", "ivanovich", "sechin"), ("sechin", "igor"))
    >>> w = {"sechin": 9.0, "igor": 4.0, "ivanovich": 5.0}.get
    >>> extra_parts(al, set(), True, 0.5, w, w), extra_parts(al, set(), False, 0.5, w, w)
    (0.5, 0.0)
    >>> extra_parts(align(("son", "heung", "min"), ("son", "min")), set(), True, 0.9,
    ...             compounds=(frozenset({"heung", "min"}),))
    0.0
    """
    core = [c for _, c, _ in alignment.pairs if c not in minor and c not in ARTICLES]
    missing = [c for c in alignment.listed_unmatched if c not in minor and c not in ARTICLES]
    extra = [q for q in alignment.query_unmatched if q not in minor and q not in ARTICLES]
    if missing or not extra or not core:
        return 0.0
    if person:
        # A hyphenated name is one part: "Son Heung-min" is not "SON, Min" with a middle
        # name, nor "Jean-Pierre Dupont" "DUPONT, Jean".
        paired = {q for q, _, _ in alignment.pairs}
        if any(c & paired and c.intersection(extra) for c in compounds):
            return 0.0
        rarest = max(weigh_listed(c) for c in core)
        rarer = rare >= RARE_NAME or all(weigh_query(q) < rarest for q in extra)
        return rare if len(set(core)) >= 2 and rarer else 0.0
    if any(FIRM_WORDS.get(q) not in ("place", "generic") for q in extra):
        return 0.0  # a word of another firm's name, or of another trade
    own = [c for c in core if c not in FIRM_WORDS]
    if not own:
        return 0.0
    # One word of its own says which firm only when it is rare: "MEAMAR SARL" in "Wan
    # Chai Meamar Sarl Technology Limited", not "SUN" in "Sun Trading".
    if len(set(core)) == 1 and rare < RARE_NAME and any(FIRM_WORDS[q] != "place" for q in extra):
        return 0.0
    return rare


def listed_words_missing(alignment: Alignment, weigh: Weigher, ignore: frozenset[str]) -> float:
    """The rarity-weighted share of a firm's own listed words that found no partner
    (company forms, places and articles aside; a generic word counts, weighing as little
    as it is common): "EFBET S.R.L." lacks half of "EFBET PARTNERS OOD", "Lattakia Port
    LLC" a little of "LATTAKIA PORT GENERAL COMPANY".

    >>> w = {"efbet": 9.0, "partners": 6.0}.get
    >>> listed_words_missing(align(("efbet", "llc"), ("efbet", "partners", "llc")),
    ...                      lambda t: w(t, 0.5), frozenset({"llc"}))
    0.4
    """

    def own(token: str) -> bool:
        return token not in ignore and token not in ARTICLES and token not in PLACES

    words = [c for _, c, _ in alignment.pairs if own(c)]
    missing = [c for c in alignment.listed_unmatched if own(c)]
    total = sum(weigh(t) for t in set(words) | set(missing))
    return sum(weigh(t) for t in set(missing)) / total if total else 0.0


def generic_name(
    query: tuple[str, ...], listed: tuple[str, ...], minor: frozenset[str] | set[str]
) -> float:
    """1 when both names are made of generic words only ("General Trading LLC" and
    "GENERAL TRADING COMPANY"): such a name identifies no one, whatever the list says.

    >>> generic_name(("general", "trading", "llc"), ("general", "trading", "company"), {"llc"})
    1.0
    """

    def generic(tokens: tuple[str, ...]) -> bool:
        words = [t for t in tokens if t not in minor and t not in ARTICLES]
        return bool(words) and all(w in GENERIC_WORDS or w in PLACES for w in words)

    return 1.0 if generic(query) and generic(listed) else 0.0


def _lighter(weigh: Weigher, light: set[str]) -> Weigher:
    return lambda token: min(weigh(token), EXTRA_WEIGHT) if token in light else weigh(token)


FEATURE_NAMES = frozenset(f.name for f in fields(NameFeatures))


@dataclass(frozen=True)
class Paired:
    """A name pair aligned, with the features that follow cheaply from the alignment
    (``early``): enough for a caller that only wants scores above a floor to bound the
    score (the others anywhere in [0, 1]) and skip the rest of the pair (``finish``)."""

    query: tuple[str, ...]
    listed: tuple[str, ...]
    alignment: Alignment
    early: dict[str, float]
    weigh_listed: Weigher
    minor: frozenset[str]
    person: bool
    forms: frozenset[str] | set[str]

    def finish(self, key: tuple[str, ...]) -> NameFeatures:
        """Every feature: ``key`` is the listed name's surname and first given name."""
        query, listed, alignment, person, minor = (
            self.query,
            self.listed,
            self.alignment,
            self.person,
            self.minor,
        )
        forms_q = {t for t in query if t in self.forms and not person}
        forms_l = {t for t in listed if t in self.forms and not person}
        return NameFeatures(
            **self.early,
            string_similarity=ratio(" ".join(sorted(query)), " ".join(sorted(listed))) / 100,
            form_conflict=1.0 if forms_q and forms_l and not forms_q & forms_l else 0.0,
            joined_similarity=joined_similarity(query, listed),
            surname_given=has_key(alignment, key),
            rarest_missing=0.0 if person else rarest_missing(alignment, self.weigh_listed, minor),
            listed_words_missing=0.0
            if person
            else listed_words_missing(alignment, self.weigh_listed, minor),
            generic_name=0.0 if person else generic_name(query, listed, minor),
        )


def pair_names(
    query: tuple[str, ...],
    listed: tuple[str, ...],
    weigh_query: Weigher,
    weigh_listed: Weigher,
    max_weight: float,
    forms: frozenset[str] | set[str] = frozenset(),
    person: bool = False,
    compounds: tuple[frozenset[str], ...] = (),
) -> Paired:
    """The alignment and the features read from it (coverage, rarity, strong pairs, extra
    parts); ``compounds``: the parts of each hyphenated word of the query (``hyphenated``)."""
    alignment = align(query, listed)
    rare = max((weigh_listed(p[1]) * p[2] for p in alignment.pairs), default=0.0)
    # Company forms and the words they are made of; a person's name has none ("Jaffar
    # SOE" is not "DJAFFAR" with a state-owned enterprise's form).
    minor: frozenset[str] = frozenset() if person else frozenset(forms) | FORM_FRAGMENTS
    strong = sum(
        1
        for p in alignment.pairs
        if p[2] >= STRONG_PAIR and p[1] not in minor and p[1] not in ARTICLES
    )
    rare_match = min(rare / max_weight, 1.0) if max_weight else 0.0
    extra = extra_parts(alignment, minor, person, rare_match, weigh_query, weigh_listed, compounds)
    unmatched = set(alignment.query_unmatched) - minor
    if extra and not person:
        # A firm's extra city, generic words and forms cost as little as a company form.
        weigh_query = _lighter(weigh_query, unmatched)
        unmatched = set()
    early = {
        "query_coverage": coverage(alignment, weigh_query, 0),
        "listed_coverage": coverage(alignment, weigh_listed, 1),
        "all_query_tokens": 0.0 if unmatched else 1.0,
        "rare_match": rare_match,
        "strong_pairs": min(strong, 3) / 3,
        "extra_parts": extra,
    }
    return Paired(query, listed, alignment, early, weigh_listed, minor, person, forms)


def name_features(
    query: tuple[str, ...],
    listed: tuple[str, ...],
    weigh_query: Weigher,
    weigh_listed: Weigher,
    max_weight: float,
    key: tuple[str, ...] = (),
    forms: frozenset[str] | set[str] = frozenset(),
    person: bool = False,
    compounds: tuple[frozenset[str], ...] = (),
) -> tuple[NameFeatures, Alignment]:
    """Every feature of a name pair (``pair_names``, then ``Paired.finish``)."""
    paired = pair_names(
        query, listed, weigh_query, weigh_listed, max_weight, forms, person, compounds
    )
    return paired.finish(key), paired.alignment
