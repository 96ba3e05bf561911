"""Screening one query: candidates from the index, scored, sorted, explained."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import zip_longest
from typing import Any

import numpy as np
import numpy.typing as npt

from chokepoint.matching.context import can_match, compare_dates, context_features
from chokepoint.matching.features import (
    FEATURE_NAMES,
    MIN_PAIR,
    Alignment,
    pair_names,
    token_similarity,
)
from chokepoint.matching.index import FORM_WEIGHT, Index, Listed
from chokepoint.matching.keys import deletions, phonetic, skeleton, syllable
from chokepoint.matching.normalize import (
    ABD,
    FIRM_WORDS,
    clean,
    name_tokens,
    normalize_id,
    split_bracket,
    to_latin,
    words,
)
from chokepoint.matching.readings import (
    Group,
    Memo,
    choose_forms,
    consonant_forms,
    even_consonant_weights,
    near_with_longer,
    path_of,
)
from chokepoint.matching.scorer import CAPS, COUNTRY_CONFLICT, ID_MATCH_SCORE, LogisticScorer
from chokepoint.matching.scripts import Reading, Word, read

CANDIDATE_NAMES = 10  # name forms scored in full, of those the key lookup finds
READING_CANDIDATES = 10  # the same for a name in its own script, whose words choose forms
# A word listed nowhere, near a company-form word, is that word: one edit away ("gmhb",
# "ocrp") when the form word has four letters or more ("isas" is not "sas").
RESPELL_SIMILARITY = MIN_PAIR
SURE_RESPELL = 0.85
RANK_SHARE = 0.6
# The same for a name in its own script, by its chosen forms' worth (``readings.choose_forms``):
# stricter, as the worth already paired each word with its best form for that name.
WORTH_SHARE = 0.75
NEAR_CACHE = 100_000  # tokens whose lookup is remembered
FORM_CACHE = 50_000  # name forms read from the arrays and remembered
SHARE_CACHE = 20_000  # tokens whose forms' shares are remembered (arrays: fewer)
# Why a capped result is not a match, for its explanation.
CAP_REASONS = {
    "birth_date_conflicts": "the birth date is more than two years from every listed one",
    "generic_name": "both names are of generic words only, which identify no firm",
}
MIN_PART = 2  # "un" of "Jong Un" is a part; shorter ones split words by chance
# Prefixes a clerk may join to the next word: the Arabic article and "Abd al-".
SPLIT_PREFIXES = (
    *((w, ABD) for w in ("abdul", "abdel", "abdal", "abdur", "abdus", "abd")),
    ("al", "al"),
    ("el", "al"),
)


FormName = tuple[int, Listed, bool]  # a name of a form: its id, its entity, weak or not


@dataclass(frozen=True)
class Query:
    """What is screened: one or more names of one party, and what else is known of it."""

    names: tuple[str, ...]
    schema: str | None = None
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        name: str | Sequence[str],
        schema: str | None = None,
        birth_date: str | Sequence[str] | None = None,
        country: str | Sequence[str] | None = None,
        ids: Sequence[str] = (),
    ) -> Query:
        def many(value: str | Sequence[str] | None) -> tuple[str, ...]:
            if value is None:
                return ()
            items = [value] if isinstance(value, str) else list(value)
            return tuple(v.strip() for v in items if v and v.strip())

        return cls(
            names=many(name),
            schema=schema,
            birth_dates=many(birth_date),
            countries=tuple(c.lower() for c in many(country)),
            ids=many(ids),
        )


@dataclass(frozen=True)
class Scored:
    """One listed name's score for a query, before it becomes a ``Match``."""

    score: float
    name: str
    name_id: int
    features: dict[str, float]
    alignment: Alignment
    contributions: dict[str, float]
    path: dict[str, Any] | None = None  # how a name in its own script was read


@dataclass
class Match:
    id: str
    list: str
    list_id: str
    caption: str
    schema: str
    score: float
    match: bool
    sublist: str | None = None
    features: dict[str, float] = field(default_factory=dict)
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "sublist"}
        if self.sublist:
            data["sublist"] = self.sublist
        return data


@dataclass(frozen=True)
class Page:
    """The results shown of one query, and the counts of all candidates behind them."""

    matches: list[Match]
    candidates: int  # at or above the cutoff
    over_threshold: int  # at or above the threshold: matches


class Matcher:
    """Screens queries against one index with one scorer."""

    def __init__(
        self, index: Index, scorer: LogisticScorer | None = None, reference: Index | None = None
    ) -> None:
        """``reference``: the full index a partial one (``Index.build(..., reference)``) was
        cut from; query words it lists weigh what they weigh there."""
        self.index = index
        self.scorer = scorer or LogisticScorer()
        self.reference = reference
        self._near: dict[str, dict[int, float]] = {}  # token -> lookup(token)
        self._vocab: list[str] | None = None  # sorted, for words a stem begins
        # How a query is cut into words depends on the words listed (split, respelled):
        # a partial index cuts queries as its full index does, or it would score otherwise.
        self._tokenizer = Matcher(reference) if reference is not None else self
        self._local = threading.local()  # per thread: the arrays of ``candidate_forms``
        self._forms: dict[int, tuple[tuple[str, ...], tuple[str, ...], list[FormName]]] = {}
        # Ids and weights of listed tokens: a lookup in the mapped vocabulary costs more
        # than the rest of a feature, and queries ask for the same tokens again.
        self._ids = Memo(index.vocab.get, NEAR_CACHE)
        self._idf = Memo(index.token_idf, NEAR_CACHE)
        # A word of a name in its own script: its group, and each form token's listed
        # neighbours (names share words: محمد, 有限公司).
        self._groups: dict[Word, Group] = {}
        self._form_near: dict[tuple[str, bool], dict[int, float]] = {}
        self._texts: dict[int, str] = {}  # listed tokens met, by id: at most the vocabulary
        self._share_cache: dict[
            tuple[Any, ...], tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]
        ] = {}

    @property
    def threshold(self) -> float:
        return self.scorer.threshold

    def query_tokens(self, name: str, schema: str | None) -> tuple[str, ...]:
        """Tokens of a query name, compared like the listed ones.

        Words spelled near a company-form word ("dzhoint stokk kompanii", "limietd") are
        respelled so the form folds like the listed one does; other words keep their
        spelling. "almujahidin" becomes "al mujahidin" and "abdelaziz" "abdul aziz" when
        only the split form is listed.
        """
        text = clean(name, schema)
        # A person's name has no company form: "ros" stays "ros", never "bros".
        for word in dict.fromkeys(words(name, schema)) if schema != "Person" else ():
            if (new := self.respell_form_word(word)) != word:
                text = re.sub(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", new, text)
        out: list[str] = []
        for token in name_tokens(text, schema):
            out += self.split_word(token)
        return tuple(out)

    def split_word(self, token: str) -> list[str]:
        """A word listed nowhere that is two listed words joined: a prefix ("almujahidin",
        "abdelaziz") or two syllables of an East Asian name ("shihmei" for "Shih Mei"),
        when no listed word is near it as a whole (a misspelt word stays whole)."""
        vocab = self.index.vocab
        if token in vocab or token in FIRM_WORDS:  # "wenzhou" is a city, not "wen zhou"
            return [token]
        for written, prefix in SPLIT_PREFIXES:
            rest = token[len(written) :]
            if token.startswith(written) and len(rest) >= 3 and rest in vocab:
                return [prefix, rest]
        if len(token) < 2 * MIN_PART or self.lookup(token):
            return [token]
        # Of several cuts, the one into the most common words ("jong un", not "jon gun").
        splits = [
            (
                self.index.token_idf(token[:k]) + self.index.token_idf(token[k:]),
                token[:k],
                token[k:],
            )
            for k in range(MIN_PART, len(token) - MIN_PART + 1)
            if token[:k] in vocab and token[k:] in vocab
        ]
        return list(min(splits)[1:]) if splits else [token]

    def respell_form_word(self, token: str) -> str:
        ix = self.index
        if token in ix.vocab:
            return token
        near = [
            (sim, word)
            for tid, sim in self.lookup(token).items()
            if (word := self._token(tid)) in ix.form_words
            and (sim >= SURE_RESPELL or (sim >= RESPELL_SIMILARITY and len(word) >= 4))
        ]
        return max(near)[1] if near else token

    def lookup(self, token: str) -> dict[int, float]:
        """Listed tokens near ``token`` (equal, one edit, same skeleton, syllable key or
        sound): tid -> sim.

        Remembered: names share words (given names, "trading"), and a batch or a rescreen
        asks for the same ones many times. The memory is bounded by emptying it when full.
        """
        found = self._near.get(token)
        if found is None:
            if len(self._near) >= NEAR_CACHE:
                self._near.clear()
            found = self._near[token] = self._lookup(token)
        return found

    def _lookup(self, token: str) -> dict[int, float]:
        ix = self.index
        tids: set[int] = set()
        for key in deletions(token):
            tids.update(ix.fuzzy_keys.get(key, ()))
        tids.update(ix.sound_keys.get("s:" + skeleton(token), ()))
        if (syl := syllable(token)) is not None:
            tids.update(ix.sound_keys.get("y:" + syl, ()))
        if (code := phonetic(token)) is not None:
            tids.update(ix.sound_keys.get(code, ()))
        near = {tid: token_similarity(token, self._token(tid)) for tid in tids}
        return {tid: sim for tid, sim in near.items() if sim >= MIN_PAIR}

    def _token(self, tid: int) -> str:
        """A listed token's text, remembered: decoded from the mapped arrays once, not at
        each lookup that meets it (a common word's neighbours are met again and again)."""
        text = self._texts.get(tid)
        if text is None:
            text = self._texts[tid] = self.index.tokens[tid]
        return text

    def candidate_forms(
        self,
        groups: Sequence[Sequence[tuple[str, ...]]],
        near: dict[str, dict[int, float]],
        weigh: Callable[[str], float],
        bar_ignores: Collection[int] = (),
    ) -> list[int]:
        """Name forms sharing near tokens with the query, best first by a weighted Jaccard
        of the shared rarity (cheap, vectorised); only the best are scored in full. A
        shared token weighs no more than the query's own: "hamid" meeting a rare "hammid"
        shares what "hamid" weighs, so the exact common name is not ranked below it.

        ``groups``: a query word's forms (a Latin word has one, of one token; a word in
        its own script its romanisations and translations): each word counts once, by
        its form that shares the most with the listed name. ``bar_ignores``: forms that
        do not set the bar of the others (``RANK_SHARE``).

        The sums run in arrays over every form, kept zeroed between queries: only the
        forms a posting touches are read, added and cleared, so a query costs what its
        postings hold, not what the index holds (the same float32 sums in the same order
        as over whole arrays, which add zeros elsewhere)."""
        ix = self.index
        shared, word, total, _ = self._scratch()
        reached: list[npt.NDArray[np.intp]] = []
        try:
            query_weight = 0.0
            for forms in groups:
                # A word's one-token forms in one pass (an Arabic word has dozens of
                # listed spellings), its forms of several tokens summed one by one.
                singles = [form[0] for form in forms if len(form) == 1]
                parts = [self._word_shares(singles, near, weigh)] if singles else []
                for form in forms:
                    if len(form) > 1:
                        summed = []
                        for token in form:
                            at, best = self._shares(token, near[token], weigh(token))
                            total[at] += best
                            summed.append(at)
                        at = _distinct(summed)
                        parts.append((at, total[at]))
                        total[at] = 0
                if len(parts) == 1:  # the word's one part: its shares as they are
                    shared[parts[0][0]] += parts[0][1]
                    reached.append(parts[0][0])
                elif parts:  # each form by its best part; "+=" on it once (numpy buffers)
                    for at, best in parts:
                        word[at] = np.maximum(word[at], best)
                    at = np.concatenate([p[0] for p in parts])
                    shared[at] += word[at]
                    word[at] = 0
                    reached.append(at)
                query_weight += max(sum(weigh(t) for t in form) for form in forms)
            at = _distinct(reached)
            hits = at[shared[at] != 0]
            score = shared[hits]
            shared[at] = 0
        except BaseException:  # stopped half-way: the arrays must be zeros for the next
            for array in self._scratch():
                array.fill(0)
            raise
        return best_forms(hits, score, query_weight, ix.name_weight, bar_ignores)

    def _scratch(self) -> tuple[npt.NDArray[np.float32], ...]:
        """Four float32 arrays over every form, all zeros, for this thread (the API
        screens in threads): ``candidate_forms`` and ``_shares_of`` leave them zeroed."""
        arrays: tuple[npt.NDArray[np.float32], ...] | None = getattr(self._local, "arrays", None)
        if arrays is None:
            size = len(self.index.form_tokens)
            arrays = self._local.arrays = tuple(np.zeros(size, np.float32) for _ in range(4))
        return arrays

    def _word_shares(
        self, tokens: list[str], near: dict[str, dict[int, float]], weigh: Callable[[str], float]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """What each name form shares with a word by the best of its one-token forms
        ``tokens``: each listed token's best value over them, the same maximum as form by
        form, in one pass over the postings."""
        if len(tokens) == 1:
            return self._shares(tokens[0], near[tokens[0]], weigh(tokens[0]))
        idf = self.index.idf
        values: dict[int, float] = {}
        for token in tokens:
            own = weigh(token)
            for tid, sim in near[token].items():
                value = min(idf[tid], own) * sim
                if value > values.get(tid, -1.0):
                    values[tid] = value
        return self._remembered(tuple(sorted(values.items())), values)

    def _shares(
        self, token: str, found: dict[int, float], own: float
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """What each name form shares with one query token (by its nearest listed one):
        the forms reached, sorted, and the value of each.

        Remembered: customers share given names, family names and trade words, and these
        reach the most forms; a word of a name in its own script comes back with the
        same listed spellings. Keyed by the token and its weight when ``found`` is the
        token's own lookup (``lookup(token)``), else by the values themselves."""
        idf = self.index.idf
        values = {tid: min(idf[tid], own) * sim for tid, sim in found.items()}
        if found is self._near.get(token):
            return self._remembered((token, own), values)
        return self._remembered(tuple(sorted(values.items())), values)

    def _remembered(
        self, key: tuple[Any, ...], values: dict[int, float]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        shares = self._share_cache.get(key)
        if shares is None:
            if len(self._share_cache) >= SHARE_CACHE:
                self._share_cache.clear()
            shares = self._share_cache[key] = self._shares_of(values)
        return shares

    def _shares_of(
        self, values: dict[int, float]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """The forms the listed tokens ``values`` (tid -> value) are in, sorted, and the
        best value of each."""
        ix = self.index
        if not values:
            return np.zeros(0, np.intp), np.zeros(0, np.float32)
        best = self._scratch()[3]
        posts = []
        for tid, value in values.items():
            post = ix.postings[tid]
            best[post] = np.maximum(best[post], value)
            posts.append(post)
        at = _distinct(posts)
        values_at = best[at]  # a copy (fancy indexing)
        best[at] = 0
        at.flags.writeable = values_at.flags.writeable = False  # shared by later queries
        return at, values_at

    def query_weigher(self, near: dict[str, dict[int, float]]) -> Callable[[str], float]:
        """A query token weighs what its nearest listed token weighs (a typo of a common
        word stays common); a token near nothing listed weighs the most."""
        ix = self.index
        unseen = self.reference.token_idf if self.reference else lambda _: ix.max_idf
        weights = {
            token: ix.idf[max(found, key=lambda t: (found[t], -t))] if found else unseen(token)
            for token, found in near.items()
        }
        return lambda token: weights.get(token, ix.max_idf)

    def identifier_hits(self, ids: tuple[str, ...]) -> dict[int, str]:
        hits: dict[int, str] = {}
        for value in ids:
            key = normalize_id(value)
            for variant in (key, key.removeprefix("IMO"), f"IMO{key}"):
                for number in self.index.identifiers.get(variant, ()):
                    hits.setdefault(number, value)
        return hits

    @property
    def review_threshold(self) -> float:
        return self.scorer.review_threshold

    def match(
        self,
        query: Query,
        limit: int = 10,
        threshold: float | None = None,
        cutoff: float = 0.0,
        keep: Callable[[Listed], bool] | None = None,
    ) -> list[Match]:
        """The best ``limit`` listed entities for ``query`` scoring at least ``cutoff``;
        only those ``keep`` accepts, when given (some lists, no excluded ids)."""
        return self.match_counted(query, limit, threshold, cutoff, keep).matches

    def match_counted(
        self,
        query: Query,
        limit: int = 10,
        threshold: float | None = None,
        cutoff: float = 0.0,
        keep: Callable[[Listed], bool] | None = None,
    ) -> Page:
        """``match``, with how many candidates passed the cutoff and the threshold in all
        (yente's ``total`` counts matches, not the results shown)."""
        threshold = self.threshold if threshold is None else threshold
        # Pairs that cannot reach the cutoff are left out before they are scored in full;
        # not with identifiers, whose hits show their name's score whatever it is.
        floor = cutoff if cutoff > 0 and not query.ids else None
        best: dict[int, Scored] = {}
        for name in query_names(query.names):
            if readings := read(name, query.schema):
                self._match_readings(query, name, readings, best, floor)
                continue
            tokens = self._tokenizer.query_tokens(name, query.schema)
            near = {token: self.lookup(token) for token in set(tokens)}
            weigh = self.query_weigher(near)
            # Words in the order written: the float32 sums of ``candidate_forms`` are then
            # the same in every process, whatever its hash seed.
            groups = [[(token,)] for token in dict.fromkeys(tokens)]
            for form in self.candidate_forms(groups, near, weigh):
                for scored in self._score_form(query, name, tokens, form, weigh, floor=floor):
                    number = self.index.name_entity[scored.name_id]
                    if number not in best or scored.score > best[number].score:
                        best[number] = scored
        id_hits = {
            n: v
            for n, v in self.identifier_hits(query.ids).items()
            if can_match(query.schema, self.index.entities[n].schema)
        }

        def rank(number: int) -> tuple[float, str]:
            score = best[number].score if number in best else 0.0
            if number in id_hits:
                score = max(score, ID_MATCH_SCORE)
            return -score, self.index.entities[number].id

        kept = [
            n
            for n in best.keys() | id_hits.keys()
            if -rank(n)[0] >= cutoff and (keep is None or keep(self.index.entities[n]))
        ]
        top = sorted(kept, key=rank)[:limit]
        matches = [self._to_match(query, n, best.get(n), id_hits.get(n), threshold) for n in top]
        over = sum(1 for n in kept if -rank(n)[0] >= threshold)
        return Page(matches, len(kept), over)

    def _match_readings(
        self,
        query: Query,
        name: str,
        readings: tuple[Reading, ...],
        best: dict[int, Scored],
        floor: float | None = None,
    ) -> None:
        """A name in its own script: each word takes, for each listed name, the form that
        meets it best (``readings.choose_forms``), scored as a Latin query would be. Of
        several readings (with a dictionary's phrases, word by word), the one whose forms
        are worth most for that listed name."""
        ix = self.index
        all_groups = [[self._group(w) for w in r.words] for r in readings]
        near: dict[str, dict[int, float]] = {}
        for groups in all_groups:
            self._near_forms(groups, near)
        weigh = even_consonant_weights(all_groups, self.query_weigher(near))
        # A listed name in the query's own script spells it exactly and would set the bar
        # alone: the Latin names (of the same party on lists that give it only in Latin)
        # are ranked and kept by the bar of the best of them.
        own = self._own_script_forms(readings)
        ranks = []
        for groups in all_groups:
            # Company forms ("llc", "company") are in thousands of names and weigh little:
            # left out of the ranking, where they would cost more than they tell.
            ranked = [
                [
                    kept
                    for f in g.tokens()
                    if (kept := tuple(t for t in f if weigh(t) > FORM_WEIGHT))
                ]
                for g in groups
            ]
            found = self.candidate_forms([r for r in ranked if r], near, weigh, own)
            ranks.append(found)
        # The readings' candidates in turn, best first, as many as one reading has.
        candidates = list(
            dict.fromkeys(f for row in zip_longest(*ranks) for f in row if f is not None)
        )
        ids, idf = self._ids, self._idf
        chosen_by_form = []
        for form_id in candidates[:READING_CANDIDATES]:
            listed = ix.form_tokens[form_id]
            options = [
                (
                    choose_forms(
                        g, listed, near=near, ids=ids, weigh=weigh, weigh_listed=idf.__getitem__
                    ),
                    i,
                )
                for i, g in enumerate(all_groups)
            ]
            (chosen, worth), number = max(options, key=lambda o: (o[0][1], -o[1]))
            chosen_by_form.append((form_id, chosen, worth, number))
        # As in ``candidate_forms``: a listed name whose chosen forms are worth far less
        # than the best one's shares too little with the query to win; not scored.
        top = max((c[2] for c in chosen_by_form if c[0] not in own), default=0.0)
        for form_id, chosen, worth, number in chosen_by_form:
            if top > 0 and worth < top * WORTH_SHARE and form_id not in own:
                continue
            reading = readings[number]
            query_tokens = tuple(t for f in chosen for t in f.tokens)
            for scored in self._score_form(
                query, name, query_tokens, form_id, weigh, idf.__getitem__, floor
            ):
                entity = ix.name_entity[scored.name_id]
                if entity not in best or scored.score > best[entity].score:
                    text = ix.name_text[scored.name_id]
                    best[entity] = replace(scored, path=path_of(reading, chosen, text))

    def _own_script_forms(self, readings: tuple[Reading, ...]) -> set[int]:
        """Listed name forms read as the query is (the same plain romanisation): names
        written in the query's own script, as the UN list gives some."""
        ix = self.index
        out: set[int] = set()
        for reading in readings:
            tids = [self._ids.get(t) for t in dict.fromkeys(reading.primary)]
            if not tids or None in tids:
                continue
            posts = sorted((ix.postings[t] for t in tids if t is not None), key=len)
            common = set(posts[0].tolist()).intersection(*(p.tolist() for p in posts[1:]))
            out.update(f for f in common if ix.form_tokens[f] == reading.primary)
        return out

    def _group(self, word: Word) -> Group:
        """A word's forms and the listed words its consonants find, remembered."""
        group = self._groups.get(word)
        if group is None:
            if len(self._groups) >= NEAR_CACHE:
                self._groups.clear()
            found = consonant_forms(self.index, word)
            group = self._groups[word] = Group(word, list(word.forms), found)
        return group

    def _near_forms(self, groups: list[Group], near: dict[str, dict[int, float]]) -> None:
        """Listed tokens near each form's tokens, into ``near``."""
        for group in groups:
            for form in group.forms:
                for t in form.tokens:
                    if t not in near:
                        near[t] = self._near_form(t, form.translated)
            for token in group.by_consonants:  # listed words themselves
                near.setdefault(token, {self._ids[token]: 1.0})

    def _near_form(self, token: str, translated: bool) -> dict[int, float]:
        """Listed tokens near a form's token, and the longer listed words it begins. A
        dictionary's word is spelled right: it meets itself, not the one-edit neighbours
        a romanisation meets. Remembered."""
        found = self._form_near.get((token, translated))
        if found is None:
            ix = self.index
            if self._vocab is None:
                self._vocab = sorted(ix.vocab)
            if len(self._form_near) >= NEAR_CACHE:
                self._form_near.clear()
            near = self.lookup(token) if not translated else {}
            if translated and (tid := self._ids.get(token)) is not None:
                near = {tid: 1.0}
            found = near_with_longer(near, token, self._vocab, ix.vocab)
            self._form_near[token, translated] = found
        return found

    def _score_form(
        self,
        query: Query,
        name: str,
        tokens: tuple[str, ...],
        form: int,
        weigh: Callable[[str], float],
        idf: Callable[[str], float] | None = None,
        floor: float | None = None,
    ) -> list[Scored]:
        """Compare the query with one name form, then score each listed name of that form
        with its entity's context; explanations are only built for results shown. With a
        ``floor``, none when no name of the form can score that much: most forms a
        customer's name meets share a word with it and no more, and their score is bounded
        by the features of the alignment alone (``features.Paired``)."""
        ix = self.index
        tokens_listed, key, named = self._form(form)
        # The query's schema filters the names (followthemoney's matchable schemata).
        names = [n for n in named if can_match(query.schema, n[1].schema)]
        if not names:
            return []
        paired = pair_names(
            tokens,
            tokens_listed,
            weigh,
            idf or self._idf.__getitem__,
            ix.max_idf,
            ix.forms,
            person=names[0][1].schema == "Person",
            compounds=hyphenated(name),
        )
        context = bool(query.birth_dates or query.countries)
        # Names of one form differ only by their entity's context and weak flag: each
        # distinct pair is scored once.
        kinds: dict[tuple[Any, ...], dict[str, float]] = {}
        of_name = []
        for name_id, listed, weak in names:
            extra = (
                context_features(
                    query.birth_dates,
                    query.countries,
                    listed.birth_dates or listed.name_birth_dates,
                    listed.countries,
                )
                if context
                else {}
            )
            if weak:
                extra["weak_alias"] = 1.0
            memo = tuple(extra.items())
            kinds.setdefault(memo, extra)
            of_name.append((name_id, memo))
        if floor is not None:
            late = FEATURE_NAMES.difference(paired.early)
            if all(
                self.scorer.max_score({**paired.early, **extra}, late) < floor
                for extra in kinds.values()
            ):
                return []
        feats = paired.finish(key)
        scores = {}
        for memo, extra in kinds.items():
            values = dict(feats.__dict__)
            values.update(extra)
            scores[memo] = (values, *self.scorer.score(values))
        out = []
        for name_id, memo in of_name:
            values, score, contributions = scores[memo]
            out.append(
                Scored(score, name, name_id, dict(values), paired.alignment, dict(contributions))
            )
        return out

    def _form(self, form: int) -> tuple[tuple[str, ...], tuple[str, ...], list[FormName]]:
        """A form's tokens, surname key, and names (id, entity, weak): read from the
        mapped arrays once and remembered, as common forms come back query after query."""
        found = self._forms.get(form)
        if found is None:
            ix = self.index
            if len(self._forms) >= FORM_CACHE:
                self._forms.clear()
            names = [
                (n, ix.entities[ix.name_entity[n]], bool(ix.name_weak[n]))
                for n in ix.form_names[form]
            ]
            found = self._forms[form] = (ix.form_tokens[form], ix.form_keys[form], names)
        return found

    @staticmethod
    def _query_latin(scored: Scored) -> str | None:
        """The query in Latin letters: a script module's plain romanisation (quicker than
        ICU's, and the one the path shows), else rigour's; None for a Latin query."""
        if scored.path is not None:
            return str(scored.path["latin"])
        return to_latin(scored.name) if not scored.name.isascii() else None

    def _to_match(
        self,
        query: Query,
        number: int,
        scored: Scored | None,
        id_value: str | None,
        threshold: float,
    ) -> Match:
        ix = self.index
        listed = ix.entities[number]
        result = Match(
            id=listed.id,
            list=listed.list,
            list_id=listed.list_id,
            caption=listed.caption,
            schema=listed.schema,
            score=0.0,
            match=False,
            sublist=listed.sublist,
        )
        if scored is not None:
            result.score = round(scored.score, 4)
            result.match = scored.score >= threshold
            result.features = {k: round(v, 4) for k, v in scored.features.items()}
            alignment = scored.alignment
            result.explanation = {
                "query_name": scored.name,
                "listed_name": ix.name_text[scored.name_id],
                "query_latin": self._query_latin(scored),
                **({"script": scored.path} if scored.path else {}),
                "token_pairs": [[q, c, round(sim, 3)] for q, c, sim in alignment.pairs],
                "query_unmatched": list(alignment.query_unmatched),
                "listed_unmatched": list(alignment.listed_unmatched),
                "contributions": {k: round(v, 4) for k, v in scored.contributions.items()},
                **context_explanation(query, listed, scored.features),
                "scorer": self.scorer.NAME,
                "threshold": threshold,
            }
        if id_value is not None:
            result.score = max(result.score, ID_MATCH_SCORE)
            result.match = True
            result.features["identifier_match"] = 1.0
            result.explanation["identifier"] = {
                "query": id_value,
                "why": "equal to a listed identifier",
            }
        return result


def best_forms(
    hits: npt.NDArray[np.intp],
    shared: npt.NDArray[np.float32],
    query_weight: float,
    name_weight: npt.NDArray[np.float32],
    bar_ignores: Collection[int] = (),
) -> list[int]:
    """The forms ``hits`` (sorted) worth scoring, best first, by their weighted Jaccard:
    what each shares with the query (``shared``) over what either side weighs. The best
    form not in ``bar_ignores`` sets the bar the others must reach."""
    rank = shared / (query_weight + name_weight[hits] - shared + 1e-6)
    if len(hits) > CANDIDATE_NAMES:
        keep = np.argpartition(-rank, CANDIDATE_NAMES)[:CANDIDATE_NAMES]
        hits, rank = hits[keep], rank[keep]
    order = np.argsort(-rank)
    # Forms far behind the best one share too little with the query to win: skip them.
    if not len(order):
        return []
    bars = [r for h, r in zip(hits[order], rank[order], strict=True) if h not in bar_ignores]
    keep = rank[order] >= (bars[0] if bars else rank[order[0]]) * RANK_SHARE
    return [int(h) for h in hits[order[keep]]]


def _distinct(parts: list[npt.NDArray[Any]]) -> npt.NDArray[np.intp]:
    """The positions in ``parts``, sorted, each once: a sort of the few touched, where
    ``np.unique`` (hashing) and ``np.flatnonzero`` over every form cost far more."""
    if not parts:
        return np.zeros(0, np.intp)
    at = np.sort(np.concatenate(parts))
    return at[np.concatenate(([True], at[1:] != at[:-1]))] if len(at) else at


@lru_cache(maxsize=10_000)
def hyphenated(name: str) -> tuple[frozenset[str], ...]:
    """The parts of each hyphenated word of a name in Latin letters ("Heung-min").

    >>> [sorted(parts) for parts in hyphenated("Son Heung-min")], hyphenated("Igor Sechin")
    ([['heung', 'min']], ())
    """
    if not name.isascii():
        return ()
    return tuple(frozenset(w.split("-")) for w in _HYPHENATED.findall(name.casefold()))


_HYPHENATED = re.compile(r"[a-z]+(?:-[a-z]+)+")


def query_names(names: tuple[str, ...]) -> list[str]:
    """Each query name, and one that ends in a bracketed part (an acronym, a remark) also
    without it: "Hafei Aviation Industry Co., Ltd. (HAFEI)" meets the name listed bare."""
    out = list(names)
    out += [split[0] for name in names if (split := split_bracket(name)) is not None]
    return out


def context_explanation(query: Query, listed: Listed, features: dict[str, float]) -> dict[str, Any]:
    """What the birth dates and countries said, and why a result is capped below a match."""
    out: dict[str, Any] = {}
    dates = listed.birth_dates or listed.name_birth_dates
    if query.birth_dates and dates:
        out["birth_date"] = {
            "query": list(query.birth_dates),
            "listed": list(dates),
            "found": compare_dates(query.birth_dates, dates) or "near or unclear",
        }
        if not listed.birth_dates:  # the entry gives none: those of its name elsewhere
            out["birth_date"]["listed_for_the_same_name_by"] = list(listed.name_birth_dates_of)
    if query.countries and listed.countries:
        out["country"] = {
            "query": list(query.countries),
            "listed": list(listed.countries),
            "found": "conflicts" if features.get(COUNTRY_CONFLICT) else "agrees",
        }
    if capped := [CAP_REASONS[c] for c in CAPS if features.get(c)]:
        out["not_a_match_because"] = capped
    return out
