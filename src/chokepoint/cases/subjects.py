"""Subjects: the customers and counterparties kept for rescreening.

A subject has a stable key (the customer id it was given, or a hash of its normalised
query) and remembers the list versions it was last screened on, by list version row id:
``{}`` means never screened, so the next rescreen screens it against everything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, tuple_, update

from chokepoint.audit import append, canonical, lock_chain, timestamp
from chokepoint.cases.model import required_text
from chokepoint.cases.policy import DEFAULT_POLICY, CasePolicy
from chokepoint.errors import InputError
from chokepoint.matching import Query
from chokepoint.screening.batch import read_rows
from chokepoint.store.schema import list_versions, subjects
from chokepoint.store.transactions import write_transaction
from chokepoint.text.strict import has_control

CHUNK = 500  # keys per IN (...) query


def query_to_dict(query: Query) -> dict[str, Any]:
    return {
        "names": list(query.names),
        "schema": query.schema,
        "birth_dates": list(query.birth_dates),
        "countries": list(query.countries),
        "ids": list(query.ids),
    }


def query_from_dict(data: dict[str, Any]) -> Query:
    return Query.of(
        data["names"], data.get("schema"), data["birth_dates"], data["countries"], data["ids"]
    )


def subject_key(query: Query) -> str:
    """The key of a subject known only by what was screened: equal for the same party
    written with other case or spacing.

    >>> subject_key(Query.of("Anna  Ivanova")) == subject_key(Query.of("ANNA IVANOVA"))
    True
    """
    data = query_to_dict(query)
    data["names"] = sorted(" ".join(n.casefold().split()) for n in query.names)
    return "q-" + hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()[:24]


def version_ids(conn: Connection, lists: dict[str, int]) -> dict[str, int]:
    """List key -> list version row id, for the versions a screening names."""
    if not lists:
        return {}
    pairs = tuple_(list_versions.c.list, list_versions.c.version).in_(list(lists.items()))
    rows = conn.execute(select(list_versions.c.list, list_versions.c.id).where(pairs))
    return {row[0]: row[1] for row in rows}


def control_problem(key: str, query: Query) -> str | None:
    """What makes a subject unstorable: a control character (PostgreSQL refuses a NUL)."""
    texts = (key, *query.names, query.schema or "", *query.birth_dates, *query.countries)
    if any(has_control(t) for t in (*texts, *query.ids)):
        return "a control character in the subject's key, name or details"
    return None


def upsert_subjects(
    conn: Connection, items: Iterable[tuple[str, Query]], screened_on: dict[str, int] | None
) -> tuple[int, int]:
    """Store subjects by key; (added, updated). ``screened_on`` (version ids) when they were
    just screened; a subject whose query changed is otherwise marked never screened."""
    wanted = dict(items)
    for key, query in wanted.items():
        if problem := control_problem(key, query):
            raise InputError(problem)
    queries = {k: canonical(query_to_dict(q)) for k, q in wanted.items()}
    keys = list(wanted)
    stored: dict[str, str] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        rows = conn.execute(
            select(subjects.c.key, subjects.c.query).where(subjects.c.key.in_(chunk))
        )
        stored.update({row[0]: row[1] for row in rows})
    now = timestamp()
    versions = canonical(screened_on or {})
    screened_at = now if screened_on is not None else None

    def values(key: str) -> dict[str, Any]:
        query = wanted[key]
        return {"name": query.names[0], "schema": query.schema, "query": queries[key]}

    added = [
        {"key": k, **values(k), "created_at": now, "screened_at": screened_at, "versions": versions}
        for k in keys
        if k not in stored
    ]
    changed = [
        {"k": k, **values(k), "screened_at": screened_at, "versions": versions}
        for k in keys
        if k in stored and (stored[k] != queries[k] or screened_on is not None)
    ]
    if added:
        conn.execute(insert(subjects), added)
    if changed:
        conn.execute(update(subjects).where(subjects.c.key == bindparam("k")), changed)
    return len(added), len(changed)


@dataclass
class Imported:
    """What ``subjects import`` did: counts, and each bad row's error."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def import_subjects(
    engine: Engine, path: Path, *, user: str, policy: CasePolicy = DEFAULT_POLICY
) -> Imported:
    """Import a CSV or JSON-lines file of subjects (the columns of ``screen-file``) in one
    transaction: bad rows are reported, the good ones kept. ``query_id`` is the key."""
    user = required_text(user, "the user")
    result = Imported()
    rows: dict[str, tuple[int, Query]] = {}
    for row in read_rows(path):
        if row.error or row.query is None:
            result.errors.append(row.error or f"row {row.number}: unusable")
            continue
        key = row.query_id if row.has_id else subject_key(row.query)
        if problem := control_problem(key, row.query):
            result.errors.append(f"row {row.number}: {problem}")
            continue
        if key in rows:
            result.errors.append(f"row {row.number}: subject {key!r} repeats row {rows[key][0]}")
            continue
        rows[key] = (row.number, row.query)
    if not rows:
        raise InputError(f"{path}: no usable subject rows" + _first(result.errors))
    with write_transaction(engine) as conn:
        lock_chain(conn)  # first: two imports of the same new keys must not both insert them
        added, updated = upsert_subjects(conn, ((k, q) for k, (_, q) in rows.items()), None)
        result.added, result.updated = added, updated
        result.unchanged = len(rows) - added - updated
        append(
            conn,
            actor=user,
            action="subjects.import",
            object=f"file:{path.name}",
            payload={**result.to_dict(), "errors": len(result.errors)},
            config=policy.audit,
        )
    return result


def _first(errors: list[str]) -> str:
    return f" ({errors[0]}{', ...' if len(errors) > 1 else ''})" if errors else ""


@dataclass(frozen=True)
class Subject:
    id: int
    key: str
    query: Query


def subject_groups(conn: Connection) -> dict[str, list[Subject]]:
    """Every subject, grouped by the versions it was last screened on (JSON text)."""
    groups: dict[str, list[Subject]] = {}
    query = select(subjects.c.id, subjects.c.key, subjects.c.query, subjects.c.versions)
    for sid, key, text, versions in conn.execution_options(yield_per=5000).execute(query):
        groups.setdefault(versions, []).append(Subject(sid, key, query_from_dict(json.loads(text))))
    return groups
