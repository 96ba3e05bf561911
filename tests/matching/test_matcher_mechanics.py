"""The matcher's mechanics (candidates over the forms a query's postings reach, remembered
shares and forms, token ids) give the answers of the plain computation they replace."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Collection, Sequence
from typing import Any

import numpy as np

from chokepoint.matching import Matcher, Query
from chokepoint.matching.matcher import best_forms
from chokepoint.screening import get_matcher
from chokepoint.store import open_db


def dense_candidates(
    matcher: Matcher,
    groups: Sequence[Sequence[tuple[str, ...]]],
    near: dict[str, dict[int, float]],
    weigh: Callable[[str], float],
    bar_ignores: Collection[int] = (),
) -> list[int]:
    """``candidate_forms`` as first written: float32 arrays over every form, summed whole
    (the ranking of the sums, ``best_forms``, is shared)."""
    ix = matcher.index
    shared = np.zeros(len(ix.form_tokens), dtype=np.float32)
    query_weight = 0.0
    for forms in groups:
        word = np.zeros_like(shared)
        for form in forms:
            total = np.zeros_like(shared)
            for token in form:
                best = np.zeros_like(shared)
                for tid, sim in near[token].items():
                    post = ix.postings[tid]
                    best[post] = np.maximum(best[post], min(ix.idf[tid], weigh(token)) * sim)
                total += best
            np.maximum(word, total, out=word)
        shared += word
        query_weight += max(sum(weigh(t) for t in form) for form in forms)
    hits = np.flatnonzero(shared)
    return best_forms(hits, shared[hits], query_weight, ix.name_weight, bar_ignores)


def queries_of(matcher: Matcher) -> list[Query]:
    """Listed names as written, with a word dropped, words swapped and mixed between
    entries, and in other scripts (whose readings give forms of several tokens)."""
    texts = [matcher.index.name_text[i] for i in range(0, len(matcher.index.name_text), 7)]
    out = []
    for n, text in enumerate(texts[:120]):
        words = text.split()
        out.append(text)
        out.append(" ".join(words[1:] or words))
        out.append(" ".join(reversed(words)))
        out.append(f"{words[0]} {texts[(n * 13) % len(texts)].split()[-1]} trading")
    out += ["Ким Чен Ын", "金正恩", "محمد حسين", "Чон Гун Хак", "Kim Jong", "Hassan Ali"]
    return [Query.of(t) for t in out]


def test_candidates_equal_the_dense_sums(un_db: str) -> None:
    matcher = get_matcher(open_db(un_db))
    calls: list[tuple[Any, ...]] = []
    original = matcher.candidate_forms

    def recorded(*args: Any) -> list[int]:
        found = original(*args)
        calls.append((args, found))
        return found

    matcher.candidate_forms = recorded  # type: ignore[method-assign]
    for query in queries_of(matcher):
        matcher.match(query)
    assert any(len(f) > 1 for (groups, *_), _ in calls for g in groups for f in g)
    for args, found in calls:
        assert found == dense_candidates(matcher, *args)


def test_warm_matcher_answers_as_a_fresh_one(un_db: str) -> None:
    """Remembered lookups, shares and forms change nothing: each query screened by a matcher
    that has screened every other query first equals it screened by a fresh matcher."""
    warm = get_matcher(open_db(un_db))
    queries = queries_of(warm)
    for query in queries:
        warm.match(query, cutoff=0.3)
    for query in queries[::5]:
        fresh = Matcher(warm.index)
        expected = [m.to_dict() for m in fresh.match(query, cutoff=0.3)]
        assert [m.to_dict() for m in warm.match(query, cutoff=0.3)] == expected


def test_a_cutoff_leaves_out_results_and_changes_none_kept(un_db: str) -> None:
    """Pairs that cannot reach the cutoff are not scored in full: the results kept are the
    ones scoring every candidate gives, with a birth date and country (whose weights move the
    bound) and without, at the review threshold and on each side of it."""
    matcher = get_matcher(open_db(un_db))
    queries = queries_of(matcher)
    queries += [
        Query.of(q.names[0], birth_date=date, country=country)
        for q, date, country in zip(
            queries[::3], ["1960", "1975-03-02", ""] * 99, ["kp", "", "ir", "sy"] * 99, strict=False
        )
    ]
    cutoffs = (matcher.review_threshold, 0.3, (matcher.review_threshold + matcher.threshold) / 2)
    kept = 0
    for query in queries:
        every = [m.to_dict() for m in matcher.match(query, limit=500, cutoff=0.0)]
        for cutoff in cutoffs:
            if any(abs(m["score"] - cutoff) < 1e-4 for m in every):
                continue  # scores are shown rounded: too near to tell which side it is on
            expected = [m for m in every if m["score"] >= cutoff][:10]
            assert [m.to_dict() for m in matcher.match(query, cutoff=cutoff)] == expected
            kept += len(expected)
    assert kept  # results near the cutoffs were there to be kept


TOKEN_IDS = """
import hashlib, sys
from chokepoint.matching.index import Index
from chokepoint.store import open_db
from chokepoint.store.versions import current_versions, iter_entities
engine = open_db(sys.argv[1], create=False)
index = Index.build(iter_entities(engine, [v.id for v in current_versions(engine)]))
print(hashlib.sha256("\\n".join(index.tokens).encode()).hexdigest())
print(hashlib.sha256(index.name_weight.tobytes()).hexdigest())
"""


def test_token_ids_do_not_depend_on_the_hash_seed(un_db: str) -> None:
    """Ties between near tokens are broken by token id: an index rebuilt in another process
    (another hash seed) must number its tokens and weigh its forms as this one did, or
    scores move between builds."""
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", TOKEN_IDS, un_db],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
