"""List versions: stage new ones, switch "current", read the current ones.

A version is staged (written, not current) in one transaction and made current in another,
with the other lists of its folder, once its match index is stored (``lists/loader.py``), so a
load that fails at any point leaves the previous current versions as they were. Staged
versions are in no history until switched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from chokepoint.errors import NotFoundError
from chokepoint.model import ListedEntity, content_digest
from chokepoint.store.aliases import canonical_ids
from chokepoint.store.schema import (
    entity_data,
    list_versions,
    staged_versions,
    version_entities,
)

BATCH = 2000


@dataclass(frozen=True)
class VersionInfo:
    """One stored version of one list, as `lists status --json` prints it."""

    list: str
    version: int
    entities: int
    published: str | None
    loaded_at: str
    source: str
    files: dict[str, str]
    flags: int
    id: int
    current: bool

    def status(self) -> dict[str, Any]:
        keys = ("list", "entities", "version", "published", "loaded_at", "source")
        return {k: v for k, v in asdict(self).items() if k in keys}


def _info(row: Any) -> VersionInfo:
    return VersionInfo(
        list=row.list,
        version=row.version,
        entities=row.entities,
        published=row.published,
        loaded_at=row.loaded_at,
        source=row.source,
        files=json.loads(row.files),
        flags=row.flags,
        id=row.id,
        current=bool(row.current),
    )


def _insert_ignore(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert entity contents, skipping those already stored (content-addressed)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(postgresql.insert(entity_data).on_conflict_do_nothing(), rows)
    else:
        conn.execute(sqlite.insert(entity_data).on_conflict_do_nothing(), rows)


def stage_version(
    conn: Connection,
    *,
    list_key: str,
    entities: Iterable[ListedEntity],
    files: dict[str, str],
    source: str,
    published: str | None,
) -> VersionInfo:
    """Store ``entities`` as the next version of ``list_key``, not yet current, inside the
    caller's write transaction (whose caller holds the list: ``hold_lists``).

    Versions an earlier load staged and never switched (it died) are removed first.
    """
    drop_abandoned(conn, list_key)
    loaded_at = datetime.now(UTC).isoformat(timespec="seconds")
    last = conn.execute(
        select(func.max(list_versions.c.version)).where(list_versions.c.list == list_key)
    ).scalar()
    vid = conn.execute(  # type: ignore[index]
        insert(list_versions).values(
            list=list_key,
            version=(last or 0) + 1,
            published=published,
            loaded_at=loaded_at,
            source=source,
            files=json.dumps(files, sort_keys=True),
            entities=0,
            flags=0,
            current=False,
        )
    ).inserted_primary_key[0]
    conn.execute(insert(staged_versions).values(version_id=vid, list=list_key, staged_at=loaded_at))
    count = flagged = 0
    blobs: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for entity in entities:
        digest, blob = content_digest(entity.to_dict())
        blobs.append({"hash": digest, "data": blob})
        links.append(
            {
                "version_id": vid,
                "entity_id": entity.id,
                "list_id": entity.list_id,
                "schema": entity.schema,
                "caption": entity.caption,
                "sublist": entity.sublist,
                "hash": digest,
            }
        )
        count += 1
        flagged += bool(entity.flags)
        if len(links) >= BATCH:
            _insert_ignore(conn, blobs)
            conn.execute(insert(version_entities), links)
            blobs, links = [], []
    _insert_ignore(conn, blobs)
    if links:
        conn.execute(insert(version_entities), links)
    conn.execute(
        update(list_versions).where(list_versions.c.id == vid).values(entities=count, flags=flagged)
    )
    return _info(conn.execute(select(list_versions).where(list_versions.c.id == vid)).one())


def drop_abandoned(conn: Connection, list_key: str) -> None:
    """Remove the staged versions of ``list_key`` that were never made current."""
    ids = list(
        conn.execute(
            select(staged_versions.c.version_id).where(staged_versions.c.list == list_key)
        ).scalars()
    )
    if ids:
        conn.execute(delete(staged_versions).where(staged_versions.c.version_id.in_(ids)))
        conn.execute(delete(version_entities).where(version_entities.c.version_id.in_(ids)))
        conn.execute(delete(list_versions).where(list_versions.c.id.in_(ids)))


def switch_current(conn: Connection, staged: Iterable[VersionInfo]) -> list[VersionInfo]:
    """Make the staged versions current, each replacing its list's current one, inside the
    caller's write transaction: one short transaction for a whole folder."""
    switched = []
    for info in staged:
        conn.execute(
            update(list_versions).where(list_versions.c.list == info.list).values(current=False)
        )
        conn.execute(
            update(list_versions).where(list_versions.c.id == info.id).values(current=True)
        )
        conn.execute(delete(staged_versions).where(staged_versions.c.version_id == info.id))
        row = conn.execute(select(list_versions).where(list_versions.c.id == info.id)).one()
        switched.append(_info(row))
    return switched


def current_versions(engine: Engine) -> list[VersionInfo]:
    """The current version of every loaded list, by list key."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(list_versions)
            .where(list_versions.c.current.is_(True))
            .order_by(list_versions.c.list)
        ).all()
    return [_info(r) for r in rows]


def list_history(engine: Engine, list_key: str) -> list[VersionInfo]:
    """Every stored version of ``list_key``, oldest first."""
    staged = select(staged_versions.c.version_id)
    with engine.connect() as conn:
        rows = conn.execute(
            select(list_versions)
            .where(list_versions.c.list == list_key, list_versions.c.id.not_in(staged))
            .order_by(list_versions.c.version)
        ).all()
    if not rows:
        raise NotFoundError(f"list {list_key!r} has never been loaded")
    return [_info(r) for r in rows]


def get_version(engine: Engine, list_key: str, version: int | None) -> VersionInfo:
    """Version ``version`` of ``list_key``, or its current one when ``version`` is None."""
    history = list_history(engine, list_key)
    for info in history:
        if (version is None and info.current) or info.version == version:
            return info
    raise NotFoundError(
        f"list {list_key!r} has no version {version} (versions: "
        f"{', '.join(str(i.version) for i in history)})"
    )


def iter_entities(
    engine: Engine, version_ids: list[int] | None = None, only: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """FtM JSON of every entity in the given versions (default: all current versions), or
    of those with an id in ``only`` (at most ``BATCH`` ids)."""
    if version_ids is None:
        version_ids = [v.id for v in current_versions(engine)]
    query = (
        select(version_entities.c.entity_id, entity_data.c.data)
        .join(version_entities, version_entities.c.hash == entity_data.c.hash)
        .where(version_entities.c.version_id.in_(version_ids))
        .order_by(version_entities.c.version_id, version_entities.c.entity_id)
    )
    if only is not None:
        query = query.where(version_entities.c.entity_id.in_(only))
    with engine.connect() as conn:
        for eid, data in conn.execution_options(yield_per=BATCH).execute(query):
            yield content(eid, data)


def content(entity_id: str, data: str) -> dict[str, Any]:
    """An entity's FtM JSON from its row: the content is stored without the id (it is
    shared by every version, and hashed without it: ``model.content_digest``)."""
    return {"id": entity_id, **json.loads(data)}


def get_entity(engine: Engine, entity_id: str) -> dict[str, Any]:
    """The current content of one entity, or ``NotFoundError``; an id of an earlier form
    gives the entity it stands for (``store/aliases.py``), with its id now."""
    with engine.connect() as conn:
        found = current_entries(conn, [entity_id]).get(entity_id)
        if found is not None:
            query = select(entity_data.c.data).where(entity_data.c.hash == found.hash)
            return content(found.id, conn.execute(query).scalar_one())
    raise NotFoundError(f"no entity {entity_id!r} in the current lists")


def get_entities(
    engine: Engine, entity_ids: Iterable[str], version_ids: list[int]
) -> dict[str, dict[str, Any]]:
    """The content of the given entities in the given versions, by id; one query for a
    whole page of results (ids not found are left out)."""
    ids = sorted(set(entity_ids))
    if not ids:
        return {}
    query = (
        select(version_entities.c.entity_id, entity_data.c.data)
        .join(entity_data, version_entities.c.hash == entity_data.c.hash)
        .where(
            version_entities.c.version_id.in_(version_ids),
            version_entities.c.entity_id.in_(ids),
        )
    )
    with engine.connect() as conn:
        return {eid: content(eid, data) for eid, data in conn.execute(query)}


def version_hashes(engine: Engine, version_id: int) -> dict[str, tuple[str, str]]:
    """entity id -> (content hash, caption) for one version."""
    query = select(
        version_entities.c.entity_id, version_entities.c.hash, version_entities.c.caption
    ).where(version_entities.c.version_id == version_id)
    with engine.connect() as conn:
        return {eid: (h, cap) for eid, h, cap in conn.execute(query)}


@dataclass(frozen=True)
class CurrentEntry:
    """An entity's row in the current version of its list."""

    id: str
    list: str
    sublist: str | None
    caption: str
    hash: str


def current_entries(conn: Connection, entity_ids: Iterable[str]) -> dict[str, CurrentEntry]:
    """The current rows of these entities, by the id given (those no longer listed are left
    out). An id of an earlier form finds the entity it stands for: its entry has the id now."""
    ids = sorted(set(entity_ids))
    found = _current_rows(conn, ids)
    aliases = canonical_ids(conn, (i for i in ids if i not in found))
    if aliases:
        now = _current_rows(conn, sorted(set(aliases.values())))
        found.update({old: now[new] for old, new in aliases.items() if new in now})
    return found


def _current_rows(conn: Connection, ids: list[str]) -> dict[str, CurrentEntry]:
    found: dict[str, CurrentEntry] = {}
    for start in range(0, len(ids), BATCH):
        query = (
            select(
                version_entities.c.entity_id,
                list_versions.c.list,
                version_entities.c.sublist,
                version_entities.c.caption,
                version_entities.c.hash,
            )
            .join(list_versions, list_versions.c.id == version_entities.c.version_id)
            .where(
                list_versions.c.current.is_(True),
                version_entities.c.entity_id.in_(ids[start : start + BATCH]),
            )
        )
        found.update({row[0]: CurrentEntry(*row) for row in conn.execute(query)})
    return found


def resolve_listed_ids(conn: Connection, given: Iterable[str]) -> dict[str, CurrentEntry]:
    """Each given id that names a current list entry -> that entry (its ``id`` the stored
    form), in every form the lists answer to.

    The one place a user's id (an ownership file's, ``ownership explain``'s) is turned
    into a listed entity: another id form belongs here, and every caller gains it. Old
    ids (before ``0009_yente_ids``) resolve through ``current_entries``'s alias lookup.
    """
    return current_entries(conn, given)


def _peer_time(loaded_at: str) -> str:
    """A stored UTC timestamp as followthemoney peers write one: ISO, seconds, no zone.

    >>> _peer_time("2026-11-25T10:00:00+00:00")
    '2026-11-25T10:00:00'
    """
    moment = datetime.fromisoformat(loaded_at)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def seen_dates(
    engine: Engine, entity_ids: Iterable[str], upto_version_id: int
) -> dict[str, dict[str, str]]:
    """yente's ``first_seen``, ``last_seen`` and ``last_change`` of each entity, from the
    versions of its list up to ``upto_version_id``: when the first version holding it was
    loaded, the last, and the first since which its content has not changed."""
    ids = sorted(set(entity_ids))
    if not ids:
        return {}
    query = (
        select(version_entities.c.entity_id, version_entities.c.hash, list_versions.c.loaded_at)
        .join(list_versions, list_versions.c.id == version_entities.c.version_id)
        .where(version_entities.c.entity_id.in_(ids), list_versions.c.id <= upto_version_id)
        .order_by(version_entities.c.entity_id, list_versions.c.id)
    )
    out: dict[str, dict[str, str]] = {}
    last_hash: dict[str, str] = {}
    with engine.connect() as conn:
        for entity_id, hash_, loaded_at in conn.execute(query):
            when = _peer_time(loaded_at)
            dates = out.setdefault(entity_id, {"first_seen": when, "last_change": when})
            if last_hash.get(entity_id, hash_) != hash_:
                dates["last_change"] = when
            dates["last_seen"] = when
            last_hash[entity_id] = hash_
    return out


def changed_since(engine: Engine, version_ids: list[int], since: str) -> set[str]:
    """The entities of these versions whose content was first loaded at or after
    ``since`` (an ISO date or time, UTC): yente's ``changed_since``."""
    earlier = version_entities.alias("earlier")
    first = (
        select(func.min(list_versions.c.loaded_at))
        .select_from(earlier.join(list_versions, list_versions.c.id == earlier.c.version_id))
        .where(
            earlier.c.entity_id == version_entities.c.entity_id,
            earlier.c.hash == version_entities.c.hash,
        )
        .scalar_subquery()
    )
    query = select(version_entities.c.entity_id).where(
        version_entities.c.version_id.in_(version_ids), first >= since
    )
    with engine.connect() as conn:
        return set(conn.execute(query).scalars())
