"""SQLite's full-text indexes (migration 0006) must outlive later migrations.

On SQLite, Django applies many schema changes (a new non-null column, a new constraint) by building
a new table and copying the rows across, which silently drops the triggers that keep the FTS5 index in
step with `search_text`. After every `migrate`, `ensure_triggers` puts back any that are missing and
rebuilds the index from the table, so a future migration cannot quietly break the text search.
"""

import importlib

fulltext_migration = importlib.import_module("directory.migrations.0006_sqlite_fulltext")


def missing_triggers(connection) -> list[str]:
    wanted = [
        f"{fts}_{event}" for _, fts in fulltext_migration.TABLES for event in ("insert", "delete", "update")
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in wanted if name not in present]


def ensure_triggers(sender, using="default", **kwargs) -> None:
    """A post_migrate receiver (SQLite only)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite" or not missing_triggers(connection):
        return
    with connection.cursor() as cursor:
        for table, fts in fulltext_migration.TABLES:
            for statement in fulltext_migration.forward_sql(table, fts):
                cursor.execute(statement)
