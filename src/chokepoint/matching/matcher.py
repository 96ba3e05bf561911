"""Screening one query: candidates from the index, scored, sorted, explained."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chokepoint.matching.features import MIN_PAIR, name_features, token_similarity
from chokepoint.matching.index import Index, Listed
from chokepoint.matching.keys import deletions, phonetic, skeleton
from chokepoint.matching.normalize import name_tokens, normalize_id, raw_tokens, to_latin
from chokepoint.matching.scorer import ID_MATCH_SCORE, LogisticScorer

CANDIDATE_NAMES = 30  # names scored in full, of those the key lookup finds
RESPELL_SIMILARITY = 0.85
PARTIES = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"}
ORGS = {"Organization", "Company"}


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

    def __init__(self, index: Index, scorer: LogisticScorer | None = None) -> None:
        self.index = index
        self.scorer = scorer or LogisticScorer()

    @property
    def threshold(self) -> float:
        return self.scorer.weights.threshold

    def query_tokens(self, name: str, schema: str | None) -> tuple[str, ...]:
        """Tokens of a query name, compared like the listed ones.

        Words spelled near a company-form word ("dzhoint stokk kompanii", "limietd") are
        respelled so the form folds like the listed one does; other words keep their
        spelling. "almujahidin" becomes "al mujahidin" when only the split form is listed.
        """
        respelled = " ".join(self.respell_form_word(t) for t in raw_tokens(name))
        out: list[str] = []
        for token in name_tokens(respelled, schema):
            rest = token[2:]
            if (
                token[:2] in ("al", "el")
                and len(rest) >= 4
                and token not in self.index.vocab
                and rest in self.index.vocab
            ):
                out += ["al", rest]
            else:
                out.append(token)
        return tuple(out)

    def respell_form_word(self, token: str) -> str:
        ix = self.index
        if token in ix.vocab:
            return token
        near = [
            (sim, ix.tokens[tid])
            for tid, sim in self.lookup(token).items()
            if sim >= RESPELL_SIMILARITY and ix.tokens[tid] in ix.form_words
        ]
        return max(near)[1] if near else token

    def lookup(self, token: str) -> dict[int, float]:
        """Listed tokens near ``token`` (equal, one edit, same skeleton or sound): tid -> sim."""
        ix = self.index
        tids: set[int] = set()
        for key in deletions(token):
            tids.update(ix.fuzzy_keys.get(key, ()))
        tids.update(ix.sound_keys.get("s:" + skeleton(token), ()))
        if (code := phonetic(token)) is not None:
            tids.update(ix.sound_keys.get(code, ()))
        near = {tid: token_similarity(token, ix.tokens[tid]) for tid in tids}
        return {tid: sim for tid, sim in near.items() if sim >= MIN_PAIR}

    def candidate_names(
        self, tokens: tuple[str, ...], near: dict[str, dict[int, float]], query_weight: float
    ) -> list[int]:
        """Names sharing near tokens with the query, best first by a weighted Jaccard of
        the shared rarity (cheap, vectorised); only the best are scored in full."""
        ix = self.index
        shared = np.zeros(len(ix.name_tokens), dtype=np.float32)
        for token in set(tokens):
            best = np.zeros_like(shared)
            for tid, sim in near[token].items():
                post = ix.postings[tid]
                best[post] = np.maximum(best[post], ix.idf[tid] * sim)
            shared += best
        hits = np.flatnonzero(shared)
        rank = shared[hits] / (query_weight + ix.name_weight[hits] - shared[hits] + 1e-6)
        if len(hits) > CANDIDATE_NAMES:
            keep = np.argpartition(-rank, CANDIDATE_NAMES)[:CANDIDATE_NAMES]
            hits, rank = hits[keep], rank[keep]
        return [int(h) for h in hits[np.argsort(-rank)]]

    def query_weigher(self, near: dict[str, dict[int, float]]) -> Callable[[str], float]:
        """A query token weighs what its nearest listed token weighs (a typo of a common
        word stays common); a token near nothing listed weighs the most."""
        ix = self.index
        weights = {
            token: ix.idf[max(found, key=lambda t: (found[t], -t))] if found else ix.max_idf
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

    def match(self, query: Query, limit: int = 10, threshold: float | None = None) -> list[Match]:
        """The best ``limit`` listed entities for ``query``, best first."""
        threshold = self.threshold if threshold is None else threshold
        best: dict[int, Match] = {}
        for name in query.names:
            tokens = self.query_tokens(name, query.schema)
            near = {token: self.lookup(token) for token in set(tokens)}
            weigh = self.query_weigher(near)
            query_weight = sum(weigh(t) for t in set(tokens))
            for name_id in self.candidate_names(tokens, near, query_weight):
                result = self._score_name(query, name, tokens, name_id, threshold, weigh)
                number = self.index.name_entity[name_id]
                if number not in best or result.score > best[number].score:
                    best[number] = result
        for number, value in self.identifier_hits(query.ids).items():
            listed = self.index.entities[number]
            found = best.get(number) or self._empty_match(listed)
            found.score = max(found.score, ID_MATCH_SCORE)
            found.match = True
            found.features["identifier_match"] = 1.0
            found.explanation["identifier"] = {
                "query": value,
                "why": "equal to a listed identifier",
            }
            best[number] = found
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.id))
        return ranked[:limit]

    def _empty_match(self, listed: Listed) -> Match:
        return Match(
            id=listed.id,
            list=listed.list,
            list_id=listed.list_id,
            caption=listed.caption,
            schema=listed.schema,
            score=0.0,
            match=False,
            sublist=listed.sublist,
        )

    def _score_name(
        self,
        query: Query,
        name: str,
        tokens: tuple[str, ...],
        name_id: int,
        threshold: float,
        weigh: Callable[[str], float],
    ) -> Match:
        ix = self.index
        listed = ix.entities[ix.name_entity[name_id]]
        feats, alignment = name_features(
            tokens,
            ix.name_tokens[name_id],
            weigh,
            ix.token_idf,
            ix.max_idf,
            ix.name_keys[name_id],
            ix.forms,
        )
        values = feats.as_dict()
        values.update(context_features(query, listed))
        if ix.name_weak[name_id]:
            values["weak_alias"] = 1.0
        score, contributions = self.scorer.score(values)
        result = self._empty_match(listed)
        result.score = round(score, 4)
        result.match = score >= threshold
        result.features = values
        result.explanation = {
            "query_name": name,
            "listed_name": ix.name_text[name_id],
            "query_latin": to_latin(name) if not name.isascii() else None,
            "token_pairs": [list(p) for p in alignment.pairs],
            "query_unmatched": list(alignment.query_unmatched),
            "listed_unmatched": list(alignment.listed_unmatched),
            "contributions": contributions,
            "scorer": self.scorer.NAME,
            "threshold": threshold,
        }
        return result
