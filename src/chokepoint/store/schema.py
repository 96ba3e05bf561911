"""The tables. Entity content is stored once per distinct content (by hash), so a new
version of a list where little changed costs little more than its id rows."""

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

list_versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("list", String(100), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("published", String(40), nullable=True),
    Column("loaded_at", String(40), nullable=False),
    Column("source", Text, nullable=False),
    Column("files", Text, nullable=False),  # JSON: file name -> sha256
    Column("entities", Integer, nullable=False),
    Column("flags", Integer, nullable=False, default=0),
    Column("current", Boolean, nullable=False, default=False),
)
Index("ix_list_versions_list_version", list_versions.c.list, list_versions.c.version, unique=True)

entity_data = Table(
    "entity_data",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("data", Text, nullable=False),  # FtM JSON of ListedEntity.to_dict(), less its id
)

version_entities = Table(
    "version_entities",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("list_id", String(200), nullable=False),
    Column("schema", String(40), nullable=False),
    Column("caption", Text, nullable=False),
    Column("sublist", String(100), nullable=True),
    Column("hash", String(64), ForeignKey("entity_data.hash"), nullable=False),
)
Index("ix_version_entities_entity_id", version_entities.c.entity_id)

# Ids of an earlier form (``us_ofac_sdn-16692``) -> the entity's id now (``model.entity_id``),
# written by the migration that changed the form, read by ``store/aliases.py``: old ids in
# users' files, links and scripts keep working.
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("alias", String(200), primary_key=True),
    Column("entity_id", String(200), nullable=False, index=True),
)

# A version written but not yet made current: a load stages every new version of a folder,
# stores their index, then switches "current" for all of them in one short transaction.
# Rows left by a load that died are removed by the next load of the same list.
staged_versions = Table(
    "staged_versions",
    metadata,
    Column("version_id", Integer, ForeignKey("list_versions.id"), primary_key=True),
    Column("list", String(100), nullable=False, index=True),
    Column("staged_at", String(40), nullable=False),
)

# The matching index of one set of current versions, built at load time so that screening
# never rebuilds it; ``key`` names the version ids it covers. ``data`` is a zip of numpy
# arrays (``screening/index_files.py``), ``digest`` its SHA-256, ``format`` that of the code that
# wrote it; processes map it from files extracted beside the database.
match_indexes = Table(
    "match_indexes",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("built_at", String(40), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("digest", String(64), nullable=True),
    Column("format", String(64), nullable=True),
)

# The parties of one set of current versions (``parties/``): list entries that are one
# listed party, as JSON; ``key`` names the version ids, as ``match_indexes`` does.
party_groups = Table(
    "party_groups",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("built_at", String(40), nullable=False),
    Column("data", Text, nullable=False),
)

# Cases: the work a hit starts. JSON columns are Text holding JSON written with sorted keys,
# so what was recorded reads back byte for byte on both backends.
subjects = Table(
    "subjects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("schema", String(40), nullable=True),
    Column("query", Text, nullable=False),  # JSON: names, birth_dates, countries, ids
    Column("created_at", String(40), nullable=False),
    Column("screened_at", String(40), nullable=True),
    # JSON: list key -> list_versions.id last screened on; {} = never screened.
    Column("versions", Text, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),  # screening, shipment, rescreen
    Column("subject", Text, nullable=False),
    Column("subject_key", String(200), nullable=True),
    Column("query", Text, nullable=False),  # JSON: the query, or the shipment
    Column("results", Text, nullable=False),  # JSON: matches, or the shipment decision
    Column("lists", Text, nullable=False),  # JSON: list key -> version number
    Column("status", String(20), nullable=False, index=True),
    Column("assignee", String(200), nullable=True, index=True),
    Column("disposition", String(20), nullable=True),
    Column("reason", Text, nullable=True),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", String(40), nullable=True),
    Column("approved_by", String(200), nullable=True),
    Column("approved_at", String(40), nullable=True),
    Column("created_by", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    # Optimistic concurrency: every change is UPDATE ... WHERE version = <the one read>.
    Column("version", Integer, nullable=False),
)

case_hits = Table(
    "case_hits",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("subject_key", String(200), primary_key=True),
    Column("list", String(100), nullable=False),
    Column("sublist", String(100), nullable=True),
    Column("caption", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("match", Boolean, nullable=False),
    Column("entity_hash", String(64), nullable=False),
    Column("suppressed_by", Integer, nullable=True),  # the false-positive case, if any
    # One hit per party: its party id and its other entries (JSON: id, list, sublist, caption).
    Column("party_id", String(250), nullable=True),
    Column("party_entries", Text, nullable=True),
)
Index("ix_case_hits_subject_entity", case_hits.c.subject_key, case_hits.c.entity_id)

# A closed false positive: the same hit (subject, entity, entity content) is suppressed
# until the entity changes or ``expires_at`` passes.
suppressions = Table(
    "suppressions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject_key", String(200), nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("entity_hash", String(64), nullable=False),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)
Index("ix_suppressions_subject_entity", suppressions.c.subject_key, suppressions.c.entity_id)

# Append-only, hash-chained: ``id`` is assigned 1, 2, 3... under the chain lock, so a gap
# is a removed row. ``audit_head`` holds the last id and hash (a truncated tail shows) and
# is the row PostgreSQL appenders lock. ``mac`` chains the rows again with an HMAC under a
# key kept outside the database (``audit/key.py``); ``key_id`` names that key.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("time", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(50), nullable=False),
    Column("object", String(200), nullable=False, index=True),
    Column("payload", Text, nullable=False),  # canonical JSON, hashed as stored
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("mac", String(64), nullable=True),  # None: written before the key was used
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_id", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("mac", String(64), nullable=True),
    Column("key_id", String(32), nullable=True),
)

# Ownership data the user loads (``chokepoint ownership load``): each load is a version,
# written whole and made current at its end, like a list's. A row is one stake; ``line`` is
# where it stood in the file. Ids are a listed entity's (``*_listed`` true) or the user's own
# key; ``resolved`` notes a name the matcher resolved to a listed entity.
ownership_versions = Table(
    "ownership_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version", Integer, nullable=False, unique=True),
    Column("loaded_at", String(40), nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("edges", Integer, nullable=False),
    Column("current", Boolean, nullable=False, default=False),
)

ownership_edges = Table(
    "ownership_edges",
    metadata,
    Column("version_id", Integer, ForeignKey("ownership_versions.id"), primary_key=True),
    Column("line", Integer, primary_key=True),
    Column("owner_id", String(200), nullable=False),
    Column("owner_name", Text, nullable=False),
    Column("owner_listed", Boolean, nullable=False),
    Column("owned_id", String(200), nullable=False),
    Column("owned_name", Text, nullable=False),
    Column("owned_listed", Boolean, nullable=False),
    Column("share", Float, nullable=True),  # percent; null: unknown
    Column("start_date", String(10), nullable=True),
    Column("end_date", String(10), nullable=True),
    Column("source", Text, nullable=False),
    Column("resolved", Text, nullable=True),
    # "ownership" (a stake, share known or not) or "control" (stated without a share)
    Column("kind", String(20), nullable=False, server_default="ownership"),
    Column("jointly", Text, nullable=True),  # the joint arrangement the holding is part of
)

# Web UI sessions, kept server-side so that signing out (or the key's removal) ends a
# session for good: the cookie holds only a random token whose hash is ``id``.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user", String(200), nullable=False),
    Column("key_digest", String(64), nullable=True),  # sha256 of the API key signed in with
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)
