"""The baselines `make eval` compares Chokepoint with, run in the same process and run.

- rapidfuzz ``token_set_ratio >= 90``, brute force over every listed name (strong names:
  weak aliases such as "The Uncle" would make token-set subsets of half the queries),
  queries and names transliterated to Latin first, as any such set-up would;
- OpenSanctions nomenklatura's ``name-based`` and ``logic-v2`` matchers (the scoring
  behind yente) at 0.7, given the query's birth date when a set has one, on generous
  candidates: the 10 best entities of Chokepoint's own
  candidate lookup (so a miss of theirs is a scoring miss, not a retrieval one).
"""

from __future__ import annotations

from typing import Any

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig
from rapidfuzz import fuzz, process, utils

from chokepoint.matching import Matcher, Query
from chokepoint.matching.index import Index
from chokepoint.matching.normalize import to_latin

NOMENKLATURA_CANDIDATES = 10
NOMENKLATURA_THRESHOLD = 0.7


class RapidfuzzBaseline:
    NAME = "rapidfuzz token_set>=90"

    def __init__(self, index: Index) -> None:
        self.index = index
        self.choices = {
            i: utils.default_process(to_latin(text))
            for i, text in enumerate(index.name_text)
            if not index.name_weak[i]
        }

    def screen(
        self,
        name: str,
        schema: str | None,  # noqa: ARG002
        birth_date: str | None = None,  # noqa: ARG002
    ) -> list[dict[str, Any]]:
        hits = process.extract(
            utils.default_process(to_latin(name)),
            self.choices,
            scorer=fuzz.token_set_ratio,
            score_cutoff=90,
            limit=20,
        )
        out: dict[str, dict[str, Any]] = {}
        for _, score, name_id in hits:
            listed = self.index.entities[self.index.name_entity[name_id]]
            out.setdefault(
                listed.id,
                {
                    "list": listed.list,
                    "list_id": listed.list_id,
                    "score": score / 100,
                    "match": True,
                },
            )
        return list(out.values())


class NomenklaturaBaseline:
    def __init__(self, index: Index, entities: dict[str, dict[str, Any]], algorithm: str) -> None:
        self.NAME = f"nomenklatura {algorithm}>=0.7"
        self.matcher = Matcher(index)
        self.entities = entities
        self.algorithm = get_algorithm(algorithm)
        self.config = ScoringConfig.defaults()
        self.count = 0

    def screen(
        self, name: str, schema: str | None, birth_date: str | None = None
    ) -> list[dict[str, Any]]:
        self.count += 1
        query = model.make_entity(schema or "LegalEntity")
        query.id = f"query-{self.count}"  # nomenklatura caches by entity id
        query.add("name", name)
        if birth_date and query.schema.get("birthDate"):
            query.add("birthDate", birth_date)
        out = []
        # Candidates by name alone: the birth date is for nomenklatura to weigh.
        for m in self.matcher.match(Query.of(name, schema), limit=NOMENKLATURA_CANDIDATES):
            data = self.entities[m.id]
            candidate = model.get_proxy(
                {"id": data["id"], "schema": data["schema"], "properties": data["properties"]},
                cleaned=True,
            )
            if not query.schema.can_match(candidate.schema):
                continue
            score = self.algorithm.compare(query, candidate, self.config).score
            out.append(
                {
                    "list": m.list,
                    "list_id": m.list_id,
                    "score": score,
                    "match": score >= NOMENKLATURA_THRESHOLD,
                }
            )
        return out
