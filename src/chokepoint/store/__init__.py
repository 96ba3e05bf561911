"""Storage: list versions and their entities, in SQLite or PostgreSQL via SQLAlchemy Core."""

from chokepoint.store.db import open_db

__all__ = ["open_db"]
