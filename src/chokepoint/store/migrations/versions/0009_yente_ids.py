"""Entity ids followthemoney accepts, content hashed without the id, old ids as aliases.

Ids were ``<list key>-<publisher id>[-<suffix>]`` with the list key as written
(``us_ofac_sdn-16692``): followthemoney refuses the ``_``, so a peer loading the export lost
every link to them. They become ``model.entity_id``'s form (``us-ofac-sdn-16692``), and
content is now stored and hashed without its id (``model.content_digest``), so that a form
of id never changes a hash again. Everything that holds an id or a hash moves with them, in
this one transaction: the entity rows and their content (relations' targets, the FtM
entities kept beside an entry), case hits and their party entries, suppressions (so each
still suppresses its hit: its hash is the new hash of the same content), ownership edges
of listed parties, stored parties. Stored match indexes are deleted (they hold ids; the
next use rebuilds one). Every old id that changed goes to ``entity_aliases``, which keeps
it valid input. Left as written: audit rows (hashed and signed: never rewritten) and each
case's recorded query and results (what was screened and shown at the time).

The conversion calls ``model.entity_id`` and ``model.content_digest``, the functions a load
calls, so that a load of the same files after this migration finds nothing changed.

Revision ID: yente_0008
Revises: owner_0008
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from alembic import op
from followthemoney import model
from followthemoney.types import registry

from chokepoint.errors import ChokepointError
from chokepoint.model import content_digest, entity_id

revision = "yente_0008"
down_revision = "owner_0008"

BATCH = 1000
PARTY = "party-"  # parties/model.py PREFIX at this revision

meta = sa.MetaData()
list_versions = sa.Table("list_versions", meta, sa.Column("id"), sa.Column("list"))
entity_data = sa.Table("entity_data", meta, sa.Column("hash"), sa.Column("data"))
version_entities = sa.Table(
    "version_entities",
    meta,
    sa.Column("version_id"),
    sa.Column("entity_id"),
    sa.Column("list_id"),
    sa.Column("hash"),
)
case_hits = sa.Table(
    "case_hits",
    meta,
    sa.Column("case_id"),
    sa.Column("entity_id"),
    sa.Column("subject_key"),
    sa.Column("entity_hash"),
    sa.Column("party_id"),
    sa.Column("party_entries"),
)
suppressions = sa.Table(
    "suppressions", meta, sa.Column("id"), sa.Column("entity_id"), sa.Column("entity_hash")
)
ownership_edges = sa.Table(
    "ownership_edges",
    meta,
    sa.Column("version_id"),
    sa.Column("line"),
    sa.Column("owner_id"),
    sa.Column("owner_listed"),
    sa.Column("owned_id"),
    sa.Column("owned_listed"),
)
party_groups = sa.Table("party_groups", meta, sa.Column("key"), sa.Column("data"))
match_indexes = sa.Table("match_indexes", meta, sa.Column("key"))


class Ids:
    """Old id -> new id: exact for every stored entry, by the list key for the ids of FtM
    entities kept beside an entry (``sources/ftm.py`` formed them as entries' ids)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.map: dict[str, str] = {}
        self.keys = sorted(set(keys), key=len, reverse=True)  # longest first: a_b before a

    def entry(self, list_key: str, list_id: str, old: str) -> str:
        base = f"{list_key}-{list_id}"
        if old != base and not old.startswith(base + "-"):
            raise ChokepointError(f"entity {old!r} of {list_key} has an id of no known form")
        new = entity_id(list_key, list_id, old[len(base) + 1 :] or None)
        self.map[old] = new
        return new

    def __call__(self, old: str) -> str:
        if old in self.map:
            return self.map[old]
        for key in self.keys:
            if old.startswith(key + "-"):
                return entity_id(key, old[len(key) + 1 :])
        return old

    def party(self, old: str | None) -> str | None:
        """``party-<entry id>``, or ``party-<entry id>-<n>`` for a party named after a taken id."""
        if old is None or not old.startswith(PARTY):
            return old
        rest = old[len(PARTY) :]
        if rest not in self.map and (m := re.fullmatch(r"(.+)-(\d+)", rest)) and m[1] in self.map:
            return f"{PARTY}{self.map[m[1]]}-{m[2]}"
        return PARTY + self(rest)


def convert_entity(data: dict[str, Any], ids: Ids) -> dict[str, Any]:
    """Stored content with every id in it in the new form, less its own id."""
    data = {k: v for k, v in data.items() if k != "id"}
    if "relations" in data:
        data["relations"] = [
            {**r, "target": ids(r["target"]) if r.get("target") else r.get("target")}
            for r in data["relations"]
        ]
    if "adjacent" in data:
        data["adjacent"] = [convert_adjacent(a, ids) for a in data["adjacent"]]
    return data


def convert_adjacent(data: dict[str, Any], ids: Ids) -> dict[str, Any]:
    schema = model.get(data.get("schema") or "")
    props = data.get("properties") or {}
    refs = {
        name
        for name in props
        if schema is not None
        and (prop := schema.properties.get(name)) is not None
        and prop.type == registry.entity
    }
    return {
        **data,
        "id": ids(data["id"]),
        "properties": {
            name: [ids(v) for v in values] if name in refs else values
            for name, values in props.items()
        },
    }


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "entity_aliases",
        sa.Column("alias", sa.String(200), primary_key=True),
        sa.Column("entity_id", sa.String(200), nullable=False),
    )
    op.create_index("ix_entity_aliases_entity_id", "entity_aliases", ["entity_id"])
    lists = dict(conn.execute(sa.select(list_versions.c.id, list_versions.c.list)).all())
    ids = Ids(lists.values())
    rows = conn.execute(
        sa.select(
            version_entities.c.version_id,
            version_entities.c.entity_id,
            version_entities.c.list_id,
            version_entities.c.hash,
        )
    ).all()
    moved = [(v, old, ids.entry(lists[v], list_id, old), h) for v, old, list_id, h in rows]
    check_distinct(moved)

    hashes = convert_content(conn, ids)
    if moved:
        conn.execute(
            version_entities.update()
            .where(
                version_entities.c.version_id == sa.bindparam("v"),
                version_entities.c.entity_id == sa.bindparam("old"),
            )
            .values(entity_id=sa.bindparam("new"), hash=sa.bindparam("h")),
            [{"v": v, "old": old, "new": new, "h": hashes[h]} for v, old, new, h in moved],
        )
    stale = sorted(set(hashes) - set(hashes.values()))
    for start in range(0, len(stale), BATCH):
        conn.execute(
            entity_data.delete().where(entity_data.c.hash.in_(stale[start : start + BATCH]))
        )

    convert_cases(conn, ids, hashes)
    convert_ownership(conn, ids)
    for key, data in conn.execute(sa.select(party_groups.c.key, party_groups.c.data)).all():
        parties = json.loads(data)
        for party in parties["parties"]:
            party["id"] = ids.party(party["id"])
            party["members"] = [{**m, "id": ids(m["id"])} for m in party["members"]]
        conn.execute(
            party_groups.update()
            .where(party_groups.c.key == key)
            .values(data=json.dumps(parties, ensure_ascii=False))
        )
    conn.execute(match_indexes.delete())
    aliases = [{"alias": old, "entity_id": new} for old, new in ids.map.items() if old != new]
    if aliases:
        conn.execute(
            sa.table("entity_aliases", sa.column("alias"), sa.column("entity_id")).insert(), aliases
        )


def check_distinct(moved: list[tuple[int, str, str, str]]) -> None:
    """Two entries of one version may not take one id (publisher ids that differ by ``_``
    and ``-`` alone): refused, nothing changed, rather than one entry lost."""
    seen: dict[tuple[int, str], str] = {}
    for version, old, new, _ in moved:
        if seen.setdefault((version, new), old) != old:
            raise ChokepointError(
                f"entities {seen[version, new]!r} and {old!r} would both become {new!r}: "
                "not migrated (restore the database and report the list)"
            )


def convert_content(conn: sa.Connection, ids: Ids) -> dict[str, str]:
    """Each stored content rewritten and rehashed; old hash -> new hash."""
    olds = list(conn.execute(sa.select(entity_data.c.hash)).scalars())
    hashes: dict[str, str] = {}
    for start in range(0, len(olds), BATCH):
        batch = olds[start : start + BATCH]
        query = sa.select(entity_data.c.hash, entity_data.c.data).where(
            entity_data.c.hash.in_(batch)
        )
        new_rows: dict[str, str] = {}
        for old_hash, data in conn.execute(query).all():
            new_hash, blob = content_digest(convert_entity(json.loads(data), ids))
            hashes[old_hash] = new_hash
            new_rows.setdefault(new_hash, blob)  # entries that differed only by id: one row
        stored = set(
            conn.execute(
                sa.select(entity_data.c.hash).where(entity_data.c.hash.in_(list(new_rows)))
            ).scalars()
        )
        fresh = [{"hash": h, "data": b} for h, b in new_rows.items() if h not in stored]
        if fresh:
            conn.execute(entity_data.insert(), fresh)
    return hashes


def convert_cases(conn: sa.Connection, ids: Ids, hashes: dict[str, str]) -> None:
    hits = conn.execute(sa.select(case_hits)).all()
    for hit in hits:
        entries = json.loads(hit.party_entries) if hit.party_entries else None
        if entries is not None:
            entries = [{**e, "id": ids(e["id"])} for e in entries]
        conn.execute(
            case_hits.update()
            .where(
                case_hits.c.case_id == hit.case_id,
                case_hits.c.entity_id == hit.entity_id,
                case_hits.c.subject_key == hit.subject_key,
            )
            .values(
                entity_id=ids(hit.entity_id),
                entity_hash=hashes.get(hit.entity_hash, hit.entity_hash),
                party_id=ids.party(hit.party_id),
                party_entries=None
                if entries is None
                else json.dumps(entries, sort_keys=True, ensure_ascii=False),
            )
        )
    for row in conn.execute(sa.select(suppressions)).all():
        conn.execute(
            suppressions.update()
            .where(suppressions.c.id == row.id)
            .values(
                entity_id=ids(row.entity_id),
                entity_hash=hashes.get(row.entity_hash, row.entity_hash),
            )
        )


def convert_ownership(conn: sa.Connection, ids: Ids) -> None:
    for edge in conn.execute(sa.select(ownership_edges)).all():
        owner = ids(edge.owner_id) if edge.owner_listed else edge.owner_id
        owned = ids(edge.owned_id) if edge.owned_listed else edge.owned_id
        if (owner, owned) != (edge.owner_id, edge.owned_id):
            conn.execute(
                ownership_edges.update()
                .where(
                    ownership_edges.c.version_id == edge.version_id,
                    ownership_edges.c.line == edge.line,
                )
                .values(owner_id=owner, owned_id=owned)
            )


def downgrade() -> None:
    raise NotImplementedError(
        "ids of yente_0008 are not converted back: restore the backup taken before upgrading"
    )
