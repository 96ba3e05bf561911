"""What yente's ``/catalog`` and ``/algorithms`` say: the datasets a client may scope a
request to (each list and the collections), and the one scoring algorithm."""

from __future__ import annotations

from typing import Any

from chokepoint.matching import Matcher
from chokepoint.matching.explain import feature_docs
from chokepoint.peers import source_url
from chokepoint.store.versions import VersionInfo
from chokepoint.yente.by_example import DEFAULT_DATASET, SANCTIONS, datasets

COLLECTIONS = {
    DEFAULT_DATASET: "Every list loaded",
    SANCTIONS: "The sanctions lists loaded",
}


def catalog(versions: tuple[VersionInfo, ...]) -> dict[str, Any]:
    """yente's ``DataCatalogModel``: a dataset per list (its version, entity count, load
    time) and per collection (its lists as ``children``); all indexed, none outdated."""
    from chokepoint.sources import BY_KEY  # the sources import the model: import late

    by_list = {v.list: v for v in versions}
    entries: list[dict[str, Any]] = []
    for name, lists in sorted(datasets(by_list).items()):
        if name in COLLECTIONS:
            entries.append(
                {
                    "name": name,
                    "title": COLLECTIONS[name],
                    "children": sorted(lists),
                    "entity_count": sum(by_list[k].entities for k in lists),
                    "load": False,
                }
            )
            continue
        version = by_list[name]
        source = BY_KEY.get(name)
        entries.append(
            {
                "name": name,
                "title": source.title if source else name,
                "url": source_url(name),
                "version": str(version.version),
                "index_version": str(version.version),
                "updated_at": version.loaded_at,
                "entity_count": version.entities,
                "load": True,
            }
        )
    return {
        "datasets": entries,
        "current": [e["name"] for e in entries],
        "outdated": [],
        "index_stale": False,
    }


def algorithms(matcher: Matcher) -> dict[str, Any]:
    """yente's ``AlgorithmResponse``: Chokepoint's one scorer, default and best."""
    scorer = matcher.scorer
    features = feature_docs(scorer)
    description = (
        "Logistic combination of interpretable name features and context evidence, fitted "
        f"on labelled screening data; calibrated so a match starts at {matcher.threshold:.2f} "
        f"and review at {matcher.review_threshold:.2f}."
    )
    docs = {"name": scorer.NAME, "description": description, "config": {}, "features": features}
    algorithm = {**docs, "features": features, "docs": docs}
    return {"algorithms": [algorithm], "default": scorer.NAME, "best": scorer.NAME}
