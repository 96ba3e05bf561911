"""The scorer's features as yente describes an algorithm's: a doc per feature (served by
``/algorithms``) and, per result, yente's ``explanations``: one entry per feature that
moved the score, ``{"score", "detail", "query", "candidate"}`` (nomenklatura's
``FeatureResult``). Chokepoint's own ``explanation`` (token pairs, contributions) stays
beside it."""

from __future__ import annotations

from typing import Any

from chokepoint.matching.scorer import LogisticScorer

FEATURES: dict[str, str] = {
    "query_coverage": "Share of the query name's words (weighted by rarity) paired with a "
    "listed name's",
    "listed_coverage": "Share of the listed name's words (weighted by rarity) paired with "
    "the query's",
    "string_similarity": "Similarity of the paired words as written",
    "all_query_tokens": "Every word of the query name found in the listed name",
    "rare_match": "A rare word of the listed names paired",
    "strong_pairs": "Share of word pairs that are near-exact",
    "form_conflict": "The two names carry different company forms",
    "joined_similarity": "Similarity of the names with their words joined",
    "surname_given": "A person's surname and a given name both paired",
    "rarest_missing": "An organisation's rarest word is missing from the query",
    "extra_parts": "The query holds the whole listed name plus parts names carry (a "
    "patronymic, a second surname; a firm's city, generic words, legal form)",
    "listed_words_missing": "Share of an organisation's own listed words (weighted by "
    "rarity; forms and places aside) the query lacks",
    "generic_name": "Both names are of generic words only, which identify no firm (caps the "
    "score below a match)",
    "weak_alias": "The listed name is a weak alias (a nickname the list marks as such)",
    "birth_date_agrees": "A birth year given by both sides agrees",
    "birth_date_conflicts": "Birth years given by both sides differ",
    "country_agrees": "A country given by both sides agrees",
    "country_conflicts": "Countries given by both sides differ",
    "schema_conflicts": "The query's type cannot be the listed one (a person, a vessel)",
    "identifier_match": "An identifier (IMO, passport, registration or tax number) equals "
    "a listed one: a match whatever the names say",
}


def feature_docs(scorer: LogisticScorer) -> dict[str, dict[str, Any]]:
    """nomenklatura's ``FeatureDocs``: description, coefficient (logit weight), url."""
    context = scorer.weights.context or {}
    weights = {**context, **scorer.weights.features, "identifier_match": 0.0}
    return {
        name: {"description": text, "coefficient": weights.get(name, 0.0), "url": ""}
        for name, text in FEATURES.items()
    }


def explanations(
    features: dict[str, float], explanation: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """yente's ``explanations`` of one result: each feature that contributed to its logit
    (or the identifier that made it a match), with the names compared.

    >>> explanations({"query_coverage": 1.0, "form_conflict": 0.0},
    ...     {"query_name": "Acme", "listed_name": "ACME LTD",
    ...      "contributions": {"query_coverage": 2.9}})["query_coverage"]["score"]
    1.0
    """
    query, listed = explanation.get("query_name"), explanation.get("listed_name")
    contributions = explanation.get("contributions", {})
    out: dict[str, dict[str, Any]] = {}
    for name, part in contributions.items():
        text = FEATURES.get(name, name)
        out[name] = {
            "score": float(features.get(name, 0.0)),
            "detail": f"{text}: {part:+.2f} to the log-odds",
            "query": query,
            "candidate": listed,
        }
    if "identifier" in explanation:
        value = explanation["identifier"].get("query")
        out["identifier_match"] = {
            "score": 1.0,
            "detail": FEATURES["identifier_match"],
            "query": value,
            "candidate": value,
        }
    if not out:  # nothing moved the score away from the bias: say so, never an empty map
        out["name"] = {
            "score": 0.0,
            "detail": "no feature of the names contributed",
            "query": query,
            "candidate": listed,
        }
    return out
