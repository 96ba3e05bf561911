"""Recording: a screening or a shipment decision, its subjects stored, and a case opened
when there is work in it.

A hit is a result at or above the matcher's review threshold (what ``screen-file`` lists
by default): a confirmed match or a candidate a person should look at. A case opens when a
hit is neither suppressed nor already in an open case of the same subject (for shipments:
when any finding needs review and is not a suppressed hit, since each shipment is decided
on its own). Suppressed hits are kept in the case, marked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, tuple_

from chokepoint.audit import append, canonical, lock_chain, timestamp
from chokepoint.cases.model import Case, Hit, Kind, Status, required_text
from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy
from chokepoint.cases.queries import load_case
from chokepoint.cases.subjects import query_to_dict, subject_key, upsert_subjects, version_ids
from chokepoint.cases.suppression import flag_suppressed
from chokepoint.matching import Match
from chokepoint.ownership.hits import (
    BLOCKED,
    BLOCKED_BY_OWNERSHIP,
    LIST,
    REVIEW,
    OwnershipHit,
    digest,
)
from chokepoint.parties import Parties
from chokepoint.screening import Screening, get_matcher, get_snapshot
from chokepoint.shipments.model import Severity, Shipment
from chokepoint.shipments.rules.restricted_parties import party_query
from chokepoint.shipments.screen import Decision
from chokepoint.store.schema import case_hits, cases
from chokepoint.store.transactions import write_transaction
from chokepoint.store.versions import CurrentEntry, current_entries


@dataclass
class Draft:
    """A case about to be opened: what was screened, what came out, on which lists."""

    kind: Kind
    subject: str
    subject_key: str | None
    query: Any
    results: Any
    lists: dict[str, int]
    hits: list[Hit]


@dataclass
class Recorded:
    """The outcome of recording: the case opened (or None, and why not), and every hit."""

    case: Case | None
    hits: list[Hit]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case.id if self.case else None,
            "hits": [h.to_dict() for h in self.hits],
            "note": self.note,
        }


def hits_from_matches(
    found: dict[str, CurrentEntry], key: str, matches: list[Match], parties: Parties | None = None
) -> list[Hit]:
    """Matches as hits of subject ``key``, one per party, with the entry's current content
    hash (``found``: ``current_entries`` of the matched ids)."""
    hits = [
        Hit(key, m.id, m.list, m.sublist, m.caption, m.score, m.match, found[m.id].hash)
        for m in matches
        if m.id in found
    ]
    return one_per_party(hits, parties or Parties())


def rank(hit: Hit, order: list[str]) -> tuple[float, int]:
    return -hit.score, order.index(hit.entity_id)


def one_per_party(hits: list[Hit], parties: Parties) -> list[Hit]:
    """One hit per subject and party: its best-scoring entry (the party's naming entry on
    a tie), naming the party's other entries. A party on three lists is one hit."""
    best: dict[tuple[str, str], Hit] = {}
    for hit in hits:
        party = parties.get(hit.entity_id)
        order = [m.id for m in party.members] if party else [hit.entity_id]
        pid = parties.party_id(hit.entity_id)
        others = tuple(m for m in party.members if m.id != hit.entity_id) if party else ()
        hit = replace(hit, party_id=pid, party_entries=others)
        held = best.get((hit.subject_key, pid))
        if held is None or rank(hit, order) < rank(held, order):
            best[hit.subject_key, pid] = hit
    return list(best.values())


def ownership_hit(key: str, hit: OwnershipHit, review: float) -> Hit:
    """A party blocked (or to review) by ownership as a hit of subject ``key``: list
    ``ownership``, sublist ``blocked`` or ``review``, content hash that of its note."""
    score = 1.0 if hit.blocked else review
    caption = f"{hit.name}: {hit.label}"
    return Hit(key, hit.id, LIST, hit.kind, caption, score, hit.blocked, digest(hit.message()))


def with_ownership(name_hits: list[Hit], owned: list[Hit]) -> list[Hit]:
    """The name hits and the ownership hits of one subject, an entity once: a case holds
    each entity once, so a listed entry that ownership also blocks stays its name hit,
    unless only the ownership hit blocks (the screening's results keep both).

    >>> listed = Hit("s", "e1", "us_ofac_sdn", None, "X", 0.9, True, "h")
    >>> owned = Hit("s", "e1", "ownership", "blocked", "X: blocked", 1.0, True, "o")
    >>> [h.list for h in with_ownership([listed], [owned])]
    ['us_ofac_sdn']
    >>> [h.list for h in with_ownership([replace(listed, match=False)], [owned])]
    ['ownership']
    """
    kept: dict[tuple[str, str], Hit] = {}
    for hit in name_hits + owned:
        held = kept.get((hit.subject_key, hit.entity_id))
        if held is None or (hit.match and not held.match):
            kept[hit.subject_key, hit.entity_id] = hit
    return list(kept.values())


def open_elsewhere(conn: Connection, hits: list[Hit]) -> dict[tuple[str, str], int]:
    """(subject key, entity id) -> a case not yet closed that already holds that hit."""
    pairs = list({(h.subject_key, h.entity_id) for h in hits})
    if not pairs:
        return {}
    query = (
        select(case_hits.c.subject_key, case_hits.c.entity_id, case_hits.c.case_id)
        .join(cases, cases.c.id == case_hits.c.case_id)
        .where(
            cases.c.status != Status.closed.value,
            tuple_(case_hits.c.subject_key, case_hits.c.entity_id).in_(pairs),
        )
    )
    return {(s, e): c for s, e, c in conn.execute(query)}


def open_case(
    conn: Connection,
    draft: Draft,
    *,
    user: str,
    dedupe: bool,
    policy: CasePolicy,
    other_findings: int = 0,
) -> Recorded:
    """Open ``draft`` as a case if it holds work, with its audit row; inside the caller's
    write transaction, which must hold the chain lock from its start (``lock_chain``), so
    that two recorders never both find a hit new."""
    hits = flag_suppressed(conn, draft.hits)
    active = [h for h in hits if not h.suppressed]
    held = open_elsewhere(conn, active) if dedupe else {}
    new = [h for h in active if (h.subject_key, h.entity_id) not in held]
    if not new and not other_findings:
        if held:
            note = f"no case: every hit is already in open case {min(held.values())}"
        elif hits:
            note = f"no case: every hit is suppressed (by case {hits[0].suppressed_by})"
        else:
            note = "no case: no result at or above the review threshold"
        return Recorded(None, hits, note)
    now = timestamp()
    case_id = conn.execute(
        insert(cases).values(
            kind=draft.kind.value,
            subject=draft.subject,
            subject_key=draft.subject_key,
            query=canonical(draft.query),
            results=canonical(draft.results),
            lists=canonical(draft.lists),
            status=Status.open.value,
            created_by=user,
            created_at=now,
            version=1,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    kept = [h for h in hits if (h.subject_key, h.entity_id) not in held]
    if kept:
        rows = [{**h.row(), "case_id": case_id} for h in kept]
        conn.execute(insert(case_hits), rows)
    payload = {
        "kind": draft.kind.value,
        "subject": draft.subject,
        "lists": draft.lists,
        "hits": [[h.entity_id, h.entity_hash, h.score, h.suppressed_by] for h in kept],
    }
    append(
        conn,
        actor=user,
        action="case.open",
        object=f"case:{case_id}",
        payload=payload,
        config=policy.audit,
    )
    case = load_case(conn, case_id, policy)
    return Recorded(case, hits, f"case {case_id} opened with {len(new)} new hit(s)")


def record_screening(
    engine: Engine,
    screening: Screening,
    *,
    user: str,
    subject_id: str | None = None,
    policy: CasePolicy = DEFAULT_POLICY,
) -> Recorded:
    """Store the screened party as a subject (key ``subject_id`` or the query's hash) and
    open a case for its hits."""
    user = required_text(user, "the user")
    review = get_matcher(engine).review_threshold
    parties = screening.parties
    key = subject_id or subject_key(screening.query)
    with write_transaction(engine) as conn:
        lock_chain(conn)
        upsert_subjects(conn, [(key, screening.query)], version_ids(conn, screening.lists))
        found = [m for m in screening.matches if m.score >= review]
        draft = Draft(
            Kind.screening,
            screening.query.names[0],
            key,
            query_to_dict(screening.query),
            screening.to_dict(),
            screening.lists,
            with_ownership(
                hits_from_matches(
                    current_entries(conn, [m.id for m in found]), key, found, parties
                ),
                [ownership_hit(key, h, review) for h in screening.ownership],
            ),
        )
        return open_case(conn, draft, user=user, dedupe=True, policy=policy)


def record_shipment(
    engine: Engine,
    shipment: Shipment,
    decision: Decision,
    *,
    user: str,
    policy: CasePolicy = DEFAULT_POLICY,
) -> Recorded:
    """Store every party as a subject and open a case keeping the shipment and its
    decision as they were, when any finding needs review."""
    user = required_text(user, "the user")
    threshold = get_matcher(engine).threshold
    parties = {f"{p.role}: {p.name}": party_query(p) for p in shipment.parties}
    keys = {label: subject_key(q) for label, q in parties.items()}
    with write_transaction(engine) as conn:
        lock_chain(conn)
        screened = version_ids(conn, decision.lists)
        upsert_subjects(conn, [(keys[label], q) for label, q in parties.items()], screened)
        listed = [f for f in decision.findings if f.entity_id and f.party in keys]
        found = current_entries(conn, [f.entity_id or "" for f in listed])
        hits = []
        for f in listed:
            if (e := found.get(f.entity_id or "")) is not None:
                score = f.score or 0.0
                key = keys[f.party or ""]
                hits.append(
                    Hit(key, e.id, e.list, e.sublist, e.caption, score, score >= threshold, e.hash)
                )
        # One hit per party for list entries; ownership hits are facts of their own.
        hits = one_per_party(hits, get_snapshot(engine).parties)
        for f in decision.findings:
            if f.rule == LIST and f.severity != Severity.info and f.party in keys:
                blocked = f.severity == Severity.block
                label = BLOCKED_BY_OWNERSHIP if blocked else "ownership to review"
                hits.append(
                    Hit(
                        keys[f.party or ""],
                        f.entity_id or "",
                        LIST,
                        BLOCKED if blocked else REVIEW,
                        f"{f.entity_id}: {label}",
                        1.0 if blocked else 0.0,
                        blocked,
                        digest(f.message),
                    )
                )
        others = [f for f in decision.findings if f.severity != Severity.info and not f.entity_id]
        draft = Draft(
            Kind.shipment,
            f"shipment {shipment.reference}",
            None,
            shipment.model_dump(mode="json"),
            decision.to_dict(),
            decision.lists,
            hits,
        )
        return open_case(
            conn, draft, user=user, dedupe=False, policy=policy, other_findings=len(others)
        )
