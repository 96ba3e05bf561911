"""Screening one query: candidates from the index, scored, sorted, explained."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chokepoint.matching.features import MIN_PAIR, Alignment, name_features, token_similarity
from chokepoint.matching.index import Index, Listed
from chokepoint.matching.keys import deletions, phonetic, skeleton, syllable
from chokepoint.matching.normalize import ABD, clean, name_tokens, normalize_id, to_latin, words
from chokepoint.matching.scorer import ID_MATCH_SCORE, LogisticScorer

CANDIDATE_NAMES = 10  # name forms scored in full, of those the key lookup finds
# A word listed nowhere, near a company-form word, is that word: one edit away ("gmhb",
# "ocrp") when the form word has four letters or more ("isas" is not "sas").
RESPELL_SIMILARITY = MIN_PAIR
SURE_RESPELL = 0.85
RANK_SHARE = 0.6
NEAR_CACHE = 100_000  # tokens whose lookup is remembered
ORGS = {"Organization", "Company"}
MIN_PART = 2  # "un" of "Jong Un" is a part; shorter ones split words by chance
# Prefixes a clerk may join to the next word: the Arabic article and "Abd al-".
SPLIT_PREFIXES = (
    *((w, ABD) for w in ("abdul", "abdel", "abdal", "abdur", "abdus", "abd")),
    ("al", "al"),
    ("el", "al"),
)


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


def schemas_conflict(query: str | None, listed: str) -> bool:
    """A person is never an organisation or a vessel; LegalEntity may be either.

    >>> schemas_conflict("Person", "Company"), schemas_conflict("Company", "LegalEntity")
    (True, False)
    """
    if query is None or query in ("LegalEntity", "Thing") or listed == "LegalEntity":
        return False
    if query == listed:
        return False
    return not (query in ORGS and listed in ORGS)


def context_features(query: Query, listed: Listed) -> dict[str, float]:
    """Birth date, country and schema agreement or conflict, when both sides say."""
    out: dict[str, float] = {}
    if query.birth_dates and listed.birth_dates:
        years = {d[:4] for d in listed.birth_dates}
        agree = any(d[:4] in years for d in query.birth_dates)
        out["birth_date_agrees" if agree else "birth_date_conflicts"] = 1.0
    if query.countries and listed.countries:
        agree = bool(set(query.countries) & set(listed.countries))
        out["country_agrees" if agree else "country_conflicts"] = 1.0
    if schemas_conflict(query.schema, listed.schema):
        out["schema_conflicts"] = 1.0
    return out


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
        # How a query is cut into words depends on the words listed (split, respelled):
        # a partial index cuts queries as its full index does, or it would score otherwise.
        self._tokenizer = Matcher(reference) if reference is not None else self

    @property
    def threshold(self) -> float:
        return self.scorer.weights.threshold

    def query_tokens(self, name: str, schema: str | None) -> tuple[str, ...]:
        """Tokens of a query name, compared like the listed ones.

        Words spelled near a company-form word ("dzhoint stokk kompanii", "limietd") are
        respelled so the form folds like the listed one does; other words keep their
        spelling. "almujahidin" becomes "al mujahidin" and "abdelaziz" "abdul aziz" when
        only the split form is listed.
        """
        text = clean(name, schema)
        for word in set(words(name, schema)):
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
        if token in vocab:
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
            if (word := ix.tokens[tid]) in ix.form_words
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
        near = {tid: token_similarity(token, ix.tokens[tid]) for tid in tids}
        return {tid: sim for tid, sim in near.items() if sim >= MIN_PAIR}

    def candidate_forms(
        self,
        tokens: tuple[str, ...],
        near: dict[str, dict[int, float]],
        weigh: Callable[[str], float],
    ) -> list[int]:
        """Name forms sharing near tokens with the query, best first by a weighted Jaccard
        of the shared rarity (cheap, vectorised); only the best are scored in full. A
        shared token weighs no more than the query's own: "hamid" meeting a rare "hammid"
        shares what "hamid" weighs, so the exact common name is not ranked below it."""
        ix = self.index
        query_weight = sum(weigh(t) for t in set(tokens))
        shared = np.zeros(len(ix.form_tokens), dtype=np.float32)
        for token in set(tokens):
            best = np.zeros_like(shared)
            own = weigh(token)
            for tid, sim in near[token].items():
                post = ix.postings[tid]
                best[post] = np.maximum(best[post], min(ix.idf[tid], own) * sim)
            shared += best
        hits = np.flatnonzero(shared)
        rank = shared[hits] / (query_weight + ix.name_weight[hits] - shared[hits] + 1e-6)
        if len(hits) > CANDIDATE_NAMES:
            keep = np.argpartition(-rank, CANDIDATE_NAMES)[:CANDIDATE_NAMES]
            hits, rank = hits[keep], rank[keep]
        order = np.argsort(-rank)
        # Forms far behind the best one share too little with the query to win: skip them.
        keep = rank[order] >= rank[order[0]] * RANK_SHARE if len(order) else order
        return [int(h) for h in hits[order[keep]]]

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
        return self.scorer.weights.review_threshold

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
        threshold = self.threshold if threshold is None else threshold
        best: dict[int, Scored] = {}
        for name in query.names:
            tokens = self._tokenizer.query_tokens(name, query.schema)
            near = {token: self.lookup(token) for token in set(tokens)}
            weigh = self.query_weigher(near)
            for form in self.candidate_forms(tokens, near, weigh):
                for scored in self._score_form(query, name, tokens, form, weigh):
                    number = self.index.name_entity[scored.name_id]
                    if number not in best or scored.score > best[number].score:
                        best[number] = scored
        id_hits = self.identifier_hits(query.ids)

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
        return [self._to_match(n, best.get(n), id_hits.get(n), threshold) for n in top]

    def _score_form(
        self,
        query: Query,
        name: str,
        tokens: tuple[str, ...],
        form: int,
        weigh: Callable[[str], float],
    ) -> list[Scored]:
        """Compare the query with one name form, then score each listed name of that form
        with its entity's context; explanations are only built for results shown."""
        ix = self.index
        first = ix.entities[ix.name_entity[ix.form_names[form][0]]]
        feats, alignment = name_features(
            tokens,
            ix.form_tokens[form],
            weigh,
            ix.token_idf,
            ix.max_idf,
            ix.form_keys[form],
            ix.forms,
            person=first.schema == "Person",
        )
        out = []
        for name_id in ix.form_names[form]:
            values = dict(feats.__dict__)
            values.update(context_features(query, ix.entities[ix.name_entity[name_id]]))
            if ix.name_weak[name_id]:
                values["weak_alias"] = 1.0
            score, contributions = self.scorer.score(values)
            out.append(Scored(score, name, name_id, values, alignment, contributions))
        return out

    def _to_match(
        self, number: int, scored: Scored | None, id_value: str | None, threshold: float
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
                "query_latin": to_latin(scored.name) if not scored.name.isascii() else None,
                "token_pairs": [[q, c, round(sim, 3)] for q, c, sim in alignment.pairs],
                "query_unmatched": list(alignment.query_unmatched),
                "listed_unmatched": list(alignment.listed_unmatched),
                "contributions": {k: round(v, 4) for k, v in scored.contributions.items()},
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
