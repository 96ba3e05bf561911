"""Alembic's environment: migrations run on the connection ``store.migrate`` hands over,
inside the transaction that holds the migration lock."""

from alembic import context

from chokepoint.store.schema import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
