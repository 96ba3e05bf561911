"""Storage: list versions and their entities, in SQLite or PostgreSQL via SQLAlchemy Core.

``open_db`` is imported on first use: ``store.quick`` serves a cold ``chokepoint screen``
without SQLAlchemy, and importing this package must not bring it in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chokepoint.store.db import open_db

__all__ = ["open_db"]


def __getattr__(name: str) -> Any:
    if name == "open_db":
        from chokepoint.store.db import open_db

        return open_db
    raise AttributeError(name)
