"""Screening against the current lists: the match index of the current versions, loaded
once per process, and results that name the list versions they were made on.

The index is built when lists are loaded and stored beside them (``match_indexes``),
keyed by the version ids it covers; a process maps it from files extracted from there
(``index_files.py``), and one that finds the current versions changed maps the new index
on its next query, with no restart.

SQLAlchemy, the store, the ownership graph and followthemoney are imported by the
functions that use them: a cold ``chokepoint screen`` on a SQLite file (``screen_db``)
reads the mapped index and the files published beside it (``published.py``), checked
against the database's current versions with ``sqlite3`` (``store/quick.py``), and needs
none of them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chokepoint.errors import ChokepointError
from chokepoint.matching import Match, Matcher, Query
from chokepoint.matching.index import Index
from chokepoint.ownership.hits import OwnershipHit, ownership_hits
from chokepoint.parties import Parties
from chokepoint.parties.results import PartyMatch, by_party, top_parties, with_party_id
from chokepoint.schemata import SCHEMATA
from chokepoint.screening import published
from chokepoint.screening.index_files import (
    Packed,
    UnusableIndex,
    cache_root,
    index_format,
    open_cached,
    open_dir,
    pack,
)
from chokepoint.store import quick

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from chokepoint.ownership.state import OwnershipState
    from chokepoint.store.versions import VersionInfo

ENTITY_CACHE = 5000  # entities kept per snapshot: the ones results name again and again


@dataclass(frozen=True)
class Snapshot:
    """A loaded index and the list versions it covers: results name these versions, so
    they stay true while a newer index is being loaded."""

    key: str
    versions: tuple[VersionInfo, ...]
    matcher: Matcher
    parties: Parties = field(default_factory=Parties, compare=False, repr=False)
    _entities: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lists(self) -> dict[str, int]:
        return {v.list: v.version for v in self.versions}

    def entities(self, engine: Engine, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored FtM content of these entities in the snapshot's versions, by id (not
        found: left out). Kept, as a version never changes: read them, never change them.
        Each as peers read it (``peers.peer_entity``: topics, target, seen dates)."""
        wanted = set(ids)
        missing = {i for i in wanted if i not in self._entities}  # not `- keys()`: O(cache)
        if missing:
            from chokepoint.peers import peer_entity
            from chokepoint.store.versions import get_entities, seen_dates

            found = get_entities(engine, missing, [v.id for v in self.versions])
            seen = seen_dates(engine, found, max(v.id for v in self.versions))
            found = {i: peer_entity(data, seen.get(i)) for i, data in found.items()}
            if len(self._entities) + len(found) > ENTITY_CACHE:
                self._entities.clear()
            self._entities.update(found)
        return {i: self._entities[i] for i in wanted if i in self._entities}

    def entities_or_aliases(self, engine: Engine, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """``entities``, with an id of an earlier form (``store/aliases.py``) giving the
        entity it stands for, under the id given: for clients that keep ids (OpenRefine
        projects) and look them up by the ids they sent."""
        wanted = set(ids)
        found = self.entities(engine, wanted)
        missing = wanted - found.keys()
        if missing:
            from chokepoint.store.aliases import canonical_ids

            with engine.connect() as conn:
                now = canonical_ids(conn, missing)
            current = self.entities(engine, now.values())
            found.update({old: current[new] for old, new in now.items() if new in current})
        return found


_lock = threading.Lock()  # one index load at a time; see ``get_snapshot``
_cache: dict[str, Snapshot] = {}  # database url -> the snapshot last loaded


def index_key(versions: list[VersionInfo]) -> str:
    """The versions an index covers, e.g. ``"3,7,9"`` (list version row ids)."""
    return quick.version_key([v.id for v in versions])


def index_cache(engine: Engine, cache: str | None = None) -> Path:
    """The directory of the index files of ``engine``'s database: ``cache`` (the
    ``index_cache`` setting, passed by the entry point), else beside it
    (``index_files.cache_root``)."""
    return cache_root(str(engine.url), cache)


def store_index(conn: Connection, key: str, packed: Packed) -> None:
    """Store the packed index of the versions ``key`` in the caller's transaction. Others
    stay: a loader stores the index of staged versions while the current ones are still
    screened with; ``prune_indexes`` drops them at its switch."""
    from sqlalchemy import delete, insert

    from chokepoint.store.schema import match_indexes

    conn.execute(delete(match_indexes).where(match_indexes.c.key == key))
    conn.execute(
        insert(match_indexes).values(
            key=key,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            data=packed.blob,
            digest=packed.digest,
            format=packed.format,
        )
    )


def build_index(
    engine: Engine, versions: list[VersionInfo] | None = None, *, cache: str | None = None
) -> tuple[str, Index]:
    """Build the index of ``versions`` (default: the current ones) and store it, with the
    parties of the same versions, from the same read; the index returned is mapped from its
    files, as other processes read it. Other stored indexes are left (``store_index``)."""
    from chokepoint.parties.store import Collector, build_parties, latest_parties, save_parties
    from chokepoint.store.transactions import write_transaction
    from chokepoint.store.versions import current_versions, iter_entities

    versions = current_versions(engine) if versions is None else versions
    if not versions:
        raise ChokepointError("no lists loaded: run `chokepoint lists load DIR` first")
    key = index_key(versions)
    collector = Collector()
    index = Index.build(collector.watch(iter_entities(engine, [v.id for v in versions])))
    packed = pack(index)
    with write_transaction(engine) as conn:
        save_parties(conn, key, build_parties(collector.entries, latest_parties(conn)))
        store_index(conn, key, packed)
    return key, open_cached(packed.digest, lambda: packed.blob, index_cache(engine, cache))


def has_index(conn: Connection, key: str) -> bool:
    """Whether an index of ``key`` is stored."""
    from sqlalchemy import select

    from chokepoint.store.schema import match_indexes

    found = conn.execute(select(match_indexes.c.key).where(match_indexes.c.key == key)).first()
    return found is not None


def prune_indexes(conn: Connection, keep: str) -> None:
    """Drop every stored index but ``keep``, and the parties built with them, inside the
    caller's write transaction."""
    from sqlalchemy import delete

    from chokepoint.store.schema import match_indexes, party_groups

    conn.execute(delete(match_indexes).where(match_indexes.c.key != keep))
    conn.execute(delete(party_groups).where(party_groups.c.key != keep))


def stored_index(engine: Engine, key: str, *, cache: str | None = None) -> Index | None:
    """The stored index of ``key``, or None when there is none of this code's format (or
    its blob is damaged): the caller builds it."""
    from sqlalchemy import select

    from chokepoint.store.schema import match_indexes

    table = match_indexes.c
    with engine.connect() as conn:
        row = conn.execute(select(table.digest, table.format).where(table.key == key)).first()
    if row is None or row.format != index_format() or row.digest is None:
        return None

    def fetch() -> bytes | None:
        with engine.connect() as conn:
            query = select(table.data).where(table.key == key, table.digest == row.digest)
            blob: bytes | None = conn.execute(query).scalar()
        return blob

    try:
        return open_cached(row.digest, fetch, index_cache(engine, cache))
    except UnusableIndex:
        return None


def get_snapshot(engine: Engine, *, build: bool = True, cache: str | None = None) -> Snapshot:
    """The index of the current versions: cached, reloaded when they change.

    While one thread loads a new index, the others keep the previous one rather than wait
    (a server answers throughout a swap). With ``build=False`` a missing stored index is
    not built here either: the previous snapshot is kept, as a loader that has just
    written a version stores its index a moment later. ``cache``: the directory of index
    files (the ``index_cache`` setting; None: beside the database).
    """
    from chokepoint.store.versions import current_versions

    versions = current_versions(engine)
    if not versions:
        raise ChokepointError("no lists loaded: run `chokepoint lists load DIR` first")
    key = index_key(versions)
    url = str(engine.url)
    cached = _cache.get(url)
    if cached and cached.key == key:
        return cached
    if cached is None:
        _lock.acquire()
    elif not _lock.acquire(blocking=False):
        return cached  # another thread is loading the new index
    try:
        cached = _cache.get(url)
        if cached and cached.key == key:
            return cached
        index = stored_index(engine, key, cache=cache)
        if index is None:
            if cached and not build:
                return cached
            index = build_index(engine, versions, cache=cache)[1]
        snapshot = Snapshot(key, tuple(versions), Matcher(index), parties_of(engine, key))
        _cache[url] = snapshot
        return snapshot
    finally:
        _lock.release()


def parties_of(engine: Engine, key: str) -> Parties:
    """The stored parties of ``key``; built when a database from before parties has none."""
    from chokepoint.parties.store import (
        Collector,
        build_parties,
        latest_parties,
        save_parties,
        stored_parties,
    )
    from chokepoint.store.versions import iter_entities

    parties = stored_parties(engine, key)
    if parties is None:
        collector = Collector()
        for _ in collector.watch(iter_entities(engine, [int(i) for i in key.split(",")])):
            pass
        with engine.begin() as conn:
            parties = build_parties(collector.entries, latest_parties(conn))
            save_parties(conn, key, parties)
    return parties


def get_matcher(engine: Engine) -> Matcher:
    """The matcher of the current versions: cached, reloaded when they change."""
    return get_snapshot(engine).matcher


def check_schema(schema: str | None) -> str | None:
    """A query's schema must be one of the party schemata (or absent)."""
    if schema is None or schema in SCHEMATA:
        return schema
    raise ChokepointError(f"unknown schema {schema!r} (one of {', '.join(SCHEMATA)})")


def check_query(query: Query) -> None:
    """A query needs a name, and a party schema if any."""
    if not query.names or not any(n.strip() for n in query.names):
        raise ChokepointError("a query needs a name")
    check_schema(query.schema)


@dataclass
class Screening:
    """The matches of one query and the list versions they were made on."""

    query: Query
    matches: list[Match]
    lists: dict[str, int]
    parties: Parties = field(default_factory=Parties, compare=False, repr=False)
    # Parties matched (or named) that blocked persons own or control: see ``ownership``.
    ownership: list[OwnershipHit] = field(default_factory=list)

    def by_party(self) -> list[PartyMatch]:
        """The matches one per party, each listing all its entries and lists."""
        return by_party(self.matches, self.parties)

    def to_dict(self) -> dict[str, Any]:
        """Every matched entry with its ``party_id``; ``parties`` says what each one is."""
        return {
            "matches": [with_party_id(m, self.parties) for m in self.matches],
            "parties": [p.to_dict() for p in self.by_party()],
            "lists": self.lists,
            "ownership": [h.to_dict() for h in self.ownership],
        }


def screen(
    engine: Engine,
    query: Query,
    *,
    limit: int = 10,
    threshold: float | None = None,
    cache: str | None = None,
) -> Screening:
    """Screen one query against every current list: the entries of the best ``limit``
    parties (a party on three lists is one of them)."""
    from chokepoint.ownership import get_state

    check_query(query)
    snapshot = get_snapshot(engine, cache=cache)
    matcher, parties = snapshot.matcher, snapshot.parties
    found = top_parties(lambda n: matcher.match(query, n, threshold), parties, limit)
    matches = [m for party in found for m in party.matches]
    hits = ownership_hits(get_state(engine), query.names, [m.id for m in matches if m.match])
    return Screening(query, matches, snapshot.lists, parties, hits)


def screen_db(
    db: str,
    query: Query,
    *,
    limit: int = 10,
    threshold: float | None = None,
    cache: str | None = None,
) -> Screening:
    """Screen one query against the database at ``db`` (a path or URL): one party per row,
    with its ownership status. From the published files alone when they are there and
    current (``screen_published``); else through the store, which publishes them for the
    next one."""
    check_query(query)
    found = screen_published(db, query, limit=limit, threshold=threshold, cache=cache)
    if found is not None:
        return found
    from chokepoint.ownership import get_state
    from chokepoint.store import open_db

    engine = open_db(db, create=False)
    result = screen(engine, query, limit=limit, threshold=threshold, cache=cache)
    if digest := published_digest(engine, db, get_snapshot(engine, cache=cache).key):
        publish(index_cache(engine, cache) / digest, get_snapshot(engine), get_state(engine))
    return result


def published_digest(engine: Engine, db: str, key: str) -> str:
    """The name of the directory of the index files of ``key`` where the files read instead
    of the store go; "" for PostgreSQL: only a SQLite file is ever screened from them."""
    return _digest(engine, key) if quick.sqlite_path(db) else ""


def publish(directory: Path, snapshot: Snapshot, state: OwnershipState) -> None:
    """Write the parties of ``snapshot`` and the ownership hits of ``state`` beside the
    snapshot's index files in ``directory``, where missing or stale (``published.py``);
    nothing when it cannot be written (a read-only disk: the next screening comes here)."""
    if not directory.is_dir():
        return
    try:
        if published.read_parties(directory, snapshot.key) is None:
            published.write_parties(directory, snapshot.key, snapshot.parties)
        if published.read_ownership(directory, state.key, state.on) is None:
            published.write_ownership(directory, state)
    except OSError:
        pass


def _digest(engine: Engine, key: str) -> str:
    """The digest of the stored index of ``key``: the name of its files' directory."""
    from sqlalchemy import select

    from chokepoint.store.schema import match_indexes

    table = match_indexes.c
    with engine.connect() as conn:
        digest = conn.execute(select(table.digest).where(table.key == key)).scalar()
    return str(digest or "")


def screen_published(
    db: str,
    query: Query,
    *,
    limit: int = 10,
    threshold: float | None = None,
    cache: str | None = None,
) -> Screening | None:
    """Screen one query on a SQLite file from its mapped index and the files published
    beside it, checked against the current versions read with ``sqlite3``: the same
    answer as ``screen``, without SQLAlchemy. None when anything is missing or stale."""
    opened = open_published(db, cache)
    if opened is None:
        return None
    matcher, parties, ownership, lists = opened
    found = top_parties(lambda n: matcher.match(query, n, threshold), parties, limit)
    matches = [m for party in found for m in party.matches]
    hits = ownership.hits_for(query.names, [m.id for m in matches if m.match])
    return Screening(query, matches, lists, parties, hits)


def open_published(
    db: str, cache: str | None = None
) -> tuple[Matcher, Parties, published.Ownership, dict[str, int]] | None:
    """The matcher, parties and ownership hits of a SQLite file's current lists, from its
    mapped index and the files published beside it, and the list versions they are of;
    None when anything is missing or stale (``screen_published``, ``batch.py``)."""
    path = quick.sqlite_path(db if "://" in db else f"sqlite:///{db}")
    if path is None:
        return None
    current = quick.read_current(path)
    if current is None or current.digest is None or current.format != index_format():
        return None
    directory = cache_root(f"sqlite:///{path}", cache) / current.digest
    parties = published.read_parties(directory, current.key)
    ownership = published.read_ownership(directory, current.ownership_key, datetime.now(UTC).date())
    if parties is None or ownership is None:
        return None
    try:
        matcher = Matcher(open_dir(directory))
    except UnusableIndex:
        return None
    return matcher, parties, ownership, current.lists
