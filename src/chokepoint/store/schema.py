"""The tables. Entity content is stored once per distinct content (by hash), so a new
version of a list where little changed costs little more than its id rows."""

from sqlalchemy import (
    Boolean,
    Column,
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
    Column("data", Text, nullable=False),  # FtM JSON of ListedEntity.to_dict()
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

# The matching index of one set of current versions, built at load time so that screening
# never rebuilds it; ``key`` names the version ids it covers.
match_indexes = Table(
    "match_indexes",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("built_at", String(40), nullable=False),
    Column("data", LargeBinary, nullable=False),
)
