"""Rescreening: every stored subject against only the entities added or changed (by content
hash) since the list versions it was last screened on; cases opened for new hits.

Subjects are grouped by the versions they were screened on (after a rescreen, all share
one), so each group costs one diff and one small match index of its changed entities. That
index weighs tokens by their rarity over all current lists (``Index.build(...,
reference)``), so a subject scores against a changed entity as a full screening would.
Never-screened subjects (imported) are screened against everything.

Ownership is re-evaluated for every subject on each rescreen, as a change in the ownership
data or in the lists can change any party's status: a subject's parties are those its name
names in the ownership data and the listed entities it matched (in this rescreen or in its
earlier cases). A hit is new when its note (the facts behind it) differs from every one
recorded for the subject: a dictionary lookup per subject, so it costs little.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from chokepoint.audit import append, canonical, lock_chain, timestamp
from chokepoint.cases.model import Kind, required_text
from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy
from chokepoint.cases.record import (
    Draft,
    hits_from_matches,
    open_case,
    ownership_hit,
    with_ownership,
)
from chokepoint.cases.subjects import Subject, query_to_dict, subject_groups
from chokepoint.matching import Match, Matcher
from chokepoint.matching.index import Index
from chokepoint.ownership import OwnershipState, get_state
from chokepoint.ownership.hits import LIST, OwnershipHit, digest, ownership_hits
from chokepoint.screening import get_matcher, get_snapshot
from chokepoint.store.schema import case_hits, subjects
from chokepoint.store.transactions import write_transaction
from chokepoint.store.versions import (
    BATCH,
    VersionInfo,
    current_entries,
    current_versions,
    iter_entities,
    version_hashes,
)

LIMIT = 10  # results kept per subject, as screen-file keeps
CHUNK = 256  # subjects per task handed to a worker process


@dataclass
class Rescreened:
    """What a rescreen did: subjects screened and skipped (already on the current
    versions); entities screened against, summed over groups of subjects (those new or
    changed since the group's versions; all, for subjects never screened); hits found
    (suppressed or already in an open case included); the cases opened."""

    subjects: int = 0
    up_to_date: int = 0
    entities: int = 0
    hits: int = 0
    cases: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def changed_entities(
    engine: Engine, screened_on: dict[str, int], current: list[VersionInfo]
) -> list[str]:
    """Ids of the current entities added or changed since the versions ``screened_on``."""
    changed: list[str] = []
    for version in current:
        before = screened_on.get(version.list)
        if before == version.id:
            continue
        old = version_hashes(engine, before) if before is not None else {}
        for eid, (content, _) in version_hashes(engine, version.id).items():
            if eid not in old or old[eid][0] != content:
                changed.append(eid)
    return changed


def partial_matcher(engine: Engine, full: Matcher, entity_ids: list[str]) -> Matcher:
    """A matcher over only these current entities, scoring as ``full`` would."""
    version_ids = [v.id for v in current_versions(engine)]

    def entities() -> Iterator[dict[str, Any]]:
        for start in range(0, len(entity_ids), BATCH):
            yield from iter_entities(engine, version_ids, entity_ids[start : start + BATCH])

    return Matcher(Index.build(entities(), full.index), reference=full.index)


_worker: dict[str, Any] = {}


def _match_chunk(chunk: list[Subject]) -> list[tuple[Subject, list[Match]]]:
    matcher: Matcher = _worker["matcher"]
    cutoff = matcher.review_threshold
    found = [(s, matcher.match(s.query, limit=LIMIT, cutoff=cutoff)) for s in chunk]
    return [(s, matches) for s, matches in found if matches]


def match_subjects(
    matcher: Matcher, members: list[Subject], workers: int
) -> list[tuple[Subject, list[Match]]]:
    """The subjects with a result at or above the review threshold, and those results;
    ``workers`` processes (forked, sharing the matcher) split the work."""
    _worker["matcher"] = matcher
    chunks = [members[i : i + CHUNK] for i in range(0, len(members), CHUNK)]
    if workers <= 1 or len(chunks) <= 1:
        return [pair for chunk in chunks for pair in _match_chunk(chunk)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [pair for part in pool.imap(_match_chunk, chunks) for pair in part]


def rescreen(
    engine: Engine, *, user: str, workers: int = 1, policy: CasePolicy = DEFAULT_POLICY
) -> Rescreened:
    """Rescreen every subject not screened on the current versions; open cases for hits
    that are new (not suppressed, not already in an open case of the subject)."""
    user = required_text(user, "the user")
    full = get_matcher(engine)
    parties = get_snapshot(engine).parties
    current = current_versions(engine)
    now_on = {v.list: v.id for v in current}
    lists = {v.list: v.version for v in current}
    result = Rescreened()
    found: list[tuple[Subject, list[Match]]] = []
    screened: list[int] = []
    with engine.connect() as conn:
        groups = subject_groups(conn)
    everyone = [s for members in groups.values() for s in members]
    for versions, members in groups.items():
        screened_on = json.loads(versions)
        if screened_on == now_on:
            result.up_to_date += len(members)
            continue
        if screened_on:
            changed = changed_entities(engine, screened_on, current)
            matcher = partial_matcher(engine, full, changed) if changed else None
            result.entities += len(changed)
        else:
            matcher = full
            result.entities += len(full.index.entities)
        if matcher is not None:
            found += match_subjects(matcher, members, workers)
        screened += [s.id for s in members]
        result.subjects += len(members)
    state = get_state(engine)
    review = full.review_threshold
    with write_transaction(engine) as conn:
        lock_chain(conn)
        owned = ownership_changes(conn, state, everyone, found)
        seen = {s.key for s, _ in found}
        found += [(s, []) for s in everyone if s.key in owned and s.key not in seen]
        entries = current_entries(conn, {m.id for _, matches in found for m in matches})
        for subject, matches in found:
            extra = owned.get(subject.key, [])
            hits = with_ownership(
                hits_from_matches(entries, subject.key, matches, parties),
                [ownership_hit(subject.key, h, review) for h in extra],
            )
            results = {
                "matches": [m.to_dict() for m in matches],
                "lists": lists,
                "ownership": [h.to_dict() for h in extra],
            }
            query = query_to_dict(subject.query)
            draft = Draft(
                Kind.rescreen, subject.query.names[0], subject.key, query, results, lists, hits
            )
            recorded = open_case(conn, draft, user=user, dedupe=True, policy=policy)
            result.hits += len(hits)
            if recorded.case is not None:
                result.cases.append(recorded.case.id)
        values = {"versions": canonical(now_on), "screened_at": timestamp()}
        for start in range(0, len(screened), BATCH):
            chunk = screened[start : start + BATCH]
            conn.execute(update(subjects).where(subjects.c.id.in_(chunk)).values(**values))
        append(
            conn,
            actor=user,
            action="rescreen",
            object="subjects",
            payload=result.to_dict(),
            config=policy.audit,
        )
    return result


def ownership_changes(
    conn: Connection,
    state: OwnershipState,
    everyone: list[Subject],
    found: list[tuple[Subject, list[Match]]],
) -> dict[str, list[OwnershipHit]]:
    """Subject key -> its ownership hits whose note no case of the subject holds yet."""
    matched: dict[str, set[str]] = {}
    recorded: set[tuple[str, str, str]] = set()
    query = select(
        case_hits.c.subject_key, case_hits.c.entity_id, case_hits.c.list, case_hits.c.entity_hash
    )
    for key, entity_id, list_key, content in conn.execute(query):
        if list_key == LIST:
            recorded.add((key, entity_id, content))
        else:
            matched.setdefault(key, set()).add(entity_id)
    for subject, matches in found:
        matched.setdefault(subject.key, set()).update(m.id for m in matches if m.match)
    changes: dict[str, list[OwnershipHit]] = {}
    for subject in everyone:
        hits = ownership_hits(state, subject.query.names, matched.get(subject.key, ()))
        new = [h for h in hits if (subject.key, h.id, digest(h.message())) not in recorded]
        if new:
            changes[subject.key] = new
    return changes
