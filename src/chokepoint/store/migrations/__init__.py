"""Alembic migrations of the tables in ``store/schema.py``, run by ``open_db``.

A new migration: a file in ``versions/`` whose ``down_revision`` is ``HEAD``, then ``HEAD``
set to its revision; ``tests/store/test_migrations.py`` fails until the migrations produce
exactly the tables of ``schema.py``.
"""

HEAD = "yente_0008"
